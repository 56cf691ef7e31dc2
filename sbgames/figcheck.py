"""The figure checklist: what a journal figure must not do, checked on a drawn matplotlib figure.

:func:`check_figure` draws the figure and returns one sentence per problem
(an empty list for a figure that passes):

- text outside the canvas (every visible text's extent inside the figure),
  and text written in the axes that runs into their frame;
- overlapping texts (pairwise extents, ignoring a legend's own title);
- a legend entry without a visible artist (an empty line, a colour no
  region of an image shows, a hatch no drawn patch carries);
- an axis label that does not follow "description (symbol)" with the
  symbol once, such as ``"threat level (theta) ($\\theta$)"``;
- a number with more than two decimals in a text (``lam = 0.6667``: say
  ``2/3``), and tick labels that overlap each other.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
>>> _ = ax.plot([0, 1], [0, 1], label="drawn")
>>> _ = ax.plot([], [], label="never drawn")
>>> _ = ax.legend()
>>> _ = ax.set_xlabel("threat (tau) (tau)")
>>> _ = ax.text(0.5, 0.5, "lam = 0.6667")
>>> _ = fig.text(1.02, 0.5, "off the canvas")
>>> for problem in check_figure(fig):
...     print(problem)
text 'off the canvas' runs outside the figure
legend entry 'never drawn' has no visible artist
x label 'threat (tau) (tau)' names its symbol twice
text 'lam = 0.6667' shows a rounded number (0.6667): write the exact value
>>> plt.close(fig)
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["check_figure"]

_ROUNDED = re.compile(r"(?<![\w.])-?\d+\.\d{3,}")


def check_figure(fig) -> list[str]:
    """The checklist's problems with a figure, one sentence each (empty: the figure passes).

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    list of str
    """
    renderer = _draw(fig)
    problems = []
    texts = _texts(fig)
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    canvas = fig.bbox
    for t, box in boxes:
        if not (box.x0 >= canvas.x0 - 1 and box.y0 >= canvas.y0 - 1 and box.x1 <= canvas.x1 + 1
                and box.y1 <= canvas.y1 + 1):
            problems.append(f"text {_name(t)} runs outside the figure")
    for ax in fig.axes:
        frame = ax.get_window_extent(renderer)
        for t in ax.texts:
            if t in texts and _crosses(t.get_window_extent(renderer), frame):
                problems.append(f"text {_name(t)} runs into the frame of the axes")
    for k, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[k + 1:]:
            if _overlap(box_a, box_b):
                problems.append(f"texts {_name(a)} and {_name(b)} overlap")
    problems += _legend_problems(fig)
    for ax in fig.axes:
        for which, label in (("x", ax.get_xlabel()), ("y", ax.get_ylabel())):
            problem = _label_problem(label)
            if problem:
                problems.append(f"{which} label {label!r} {problem}")
    for t in texts:
        match = _ROUNDED.search(t.get_text())
        if match and not _is_tick(t):
            problems.append(f"text {_name(t)} shows a rounded number ({match.group(0)}): write the exact value")
    return problems


def _draw(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _is_tick(t) -> bool:
    return any(t in ax.get_xticklabels() + ax.get_yticklabels() for ax in t.figure.axes)


def _texts(fig) -> list:
    """Every visible, non-empty text of the figure: titles, labels, tick labels, annotations, legends."""
    from matplotlib.text import Text
    out = []
    for t in fig.findobj(match=Text):
        if t.get_visible() and t.get_text().strip() and _shown(t):
            out.append(t)
    return list(dict.fromkeys(out))


def _shown(t) -> bool:
    """Whether a text is drawn: its tick is inside the axes' view (matplotlib keeps labels of hidden ticks)."""
    for ax in t.figure.axes:
        for axis, lo_hi in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if t in (tick.label1, tick.label2):
                    lo, hi = sorted(lo_hi)
                    span = (hi - lo) * 1e-9
                    return tick.get_loc() is not None and lo - span <= tick.get_loc() <= hi + span
    return True


def _crosses(box, frame) -> bool:
    """Whether a text written in the axes reaches across their frame (partly inside, partly out)."""
    inside = (box.x0 >= frame.x0 - 1 and box.x1 <= frame.x1 + 1 and box.y0 >= frame.y0 - 1
              and box.y1 <= frame.y1 + 1)
    return not inside and _overlap(box, frame)


def _overlap(a, b) -> bool:
    """Whether two extents overlap by more than a point in both directions (touching is allowed)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1


def _name(t) -> str:
    text = t.get_text().replace("\n", " ")
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _label_problem(label: str) -> str | None:
    """What is wrong with an axis label's symbol convention, or None."""
    groups = re.findall(r"\(([^()]*)\)", label)
    if len(groups) >= 2 and _plain(groups[-2]) == _plain(groups[-1]):
        return "names its symbol twice"
    if len(groups) >= 2 and all(_looks_like_symbol(g) for g in groups[-2:]):
        return "names its symbol twice"
    return None


def _plain(symbol: str) -> str:
    return symbol.strip("$ ").lstrip("\\")


def _looks_like_symbol(text: str) -> bool:
    return bool(re.fullmatch(r"\$?\\?[A-Za-z]+(_[A-Za-z0-9{}]+)?\$?", text.strip()))


def _legend_problems(fig) -> list[str]:
    problems = []
    legends = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
    for legend in legends:
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            if text.get_text().strip() and not _has_visible_artist(fig, handle):
                problems.append(f"legend entry {_name(text)} has no visible artist")
    return problems


def _has_visible_artist(fig, handle) -> bool:
    """Whether the figure draws something that the legend handle stands for."""
    from matplotlib.colors import to_rgba
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    drawn = [a for ax in fig.axes for a in ax.get_children() if a.get_visible()]
    if isinstance(handle, Line2D):
        colour = to_rgba(handle.get_color())
        for line in (a for a in drawn if isinstance(a, Line2D)):
            xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
            if not (np.isfinite(xs) & np.isfinite(ys)).any():
                continue
            same_colour = np.allclose(to_rgba(line.get_color()), colour)
            same_marker = handle.get_marker() in (None, "None", "", " ") or line.get_marker() == handle.get_marker()
            neutral = np.allclose(colour[:3], colour[0]) and handle.get_linestyle() == line.get_linestyle()
            if (same_colour and same_marker) or neutral:
                return True
        return False
    if isinstance(handle, Patch):
        colour, hatch = to_rgba(handle.get_facecolor()), handle.get_hatch()
        for image in (a for a in drawn if isinstance(a, AxesImage)):
            data = np.ma.compressed(np.asarray(image.get_array()))
            shown = image.to_rgba(np.unique(data))
            if len(shown) and np.isclose(shown[:, :3], colour[:3], atol=2e-3).all(axis=1).any():
                return True if not hatch else _hatch_drawn(drawn, hatch)
        collections = [a for a in drawn if hasattr(a, "get_facecolor") and not isinstance(a, AxesImage)]
        for artist in collections:
            faces = np.atleast_2d(artist.get_facecolor())
            if _hatch_drawn([artist], hatch) and len(faces) and (
                    np.isclose(faces[:, :3], colour[:3], atol=2e-3).all(axis=1).any() or hatch):
                return True
        return False
    return True  # other handles (collections of markers, etc.): trusted


def _hatch_drawn(drawn, hatch) -> bool:
    """Whether a drawn patch or filled contour carries the hatch pattern."""
    return any(getattr(a, "get_hatch", lambda: None)() == hatch or hatch in (getattr(a, "hatches", None) or [])
               for a in drawn)
