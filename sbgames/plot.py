"""Figures for papers: phase diagrams and comparative-statics curves.

Every function takes ``ax=None`` (a new figure) or an existing matplotlib
axes, and returns the Figure.  A new figure has the size of one journal
column (3.5 x 2.6 inches, saved at 300 dpi) unless ``style="slides"`` asks
for a slide; ``style="print"`` (or ``hatch=True``) adds a hatch pattern to
every region for grayscale print (:mod:`sbgames.figstyle`).  Colours come
from the Okabe-Ito palette, which stays distinguishable under the common
forms of colour blindness; axes are labelled "description (symbol)";
regions are named by what the players do (:func:`outcome_label`, or the
model file's ``[labels]``), on the regions where the name fits and in a
legend below the axes otherwise; boundaries are drawn as exact curves from
the closed forms.  :func:`sbgames.figcheck.check_figure` lists what a
figure breaks of the checklist the tests hold every figure to.

This module only draws: the maps and sweeps it is given compute their own
labels and boundary curves (:mod:`sbgames.analysis`), so analysis results
can offer ``.plot()`` without the analysis importing anything above it.
Save with ``fig.savefig("map.pdf")`` (or ``.svg``, ``.png``).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from sbgames import load_model, regions
>>> fig = regions(load_model("core"), x=("theta", 0, 12), y=("lam", 0, 4), resolution=50).plot()
>>> [t.get_text().replace("\\n", " ") for t in fig.axes[0].texts][:1]
['T mixes Revise/Restrain; S mixes Soft/Bandwagon']
>>> float(fig.get_figwidth()), float(fig.dpi)
(3.5, 300.0)
"""

from __future__ import annotations

import re

import numpy as np

from .errors import InputError
from .figstyle import (HATCHES, PALETTE, axis_label, exact_text, new_axes, parse_profile, style_options, style_rc,
                       symbol, wrap)

__all__ = ["plot_regions", "plot_statics", "outcome_label", "PALETTE"]

_OUTSIDE_COLOUR = "#FFFFFF"


def _figure(style: str):
    """The rc context of a style, with the figure dpi of its raster files."""
    import matplotlib.pyplot as plt
    return plt.rc_context({**style_rc(style), "figure.dpi": style_options(style)["dpi"]})


def outcome_label(label: str, model=None, labels=None, players=None) -> str:
    """A region's name as a theorist prints it: who does what, not which supports.

    ``"mixed: Revise-Restrain x Soft-Bandwagon"`` becomes ``"T mixes
    Revise/Restrain; S mixes Soft/Bandwagon"`` and ``"Revise / Soft
    (unique)"`` becomes ``"T Revise; S Soft"`` (a name without "multiple"
    is one equilibrium wherever the result is complete).  With more than two
    players, players who do the same are named together.  A partial search
    keeps its proviso, shortened (``"(pure equilibria only)"``).  `labels`
    (a model file's ``[labels]`` table: label or profile -> name) overrides
    the derived name, for a whole label or for each equilibrium in it.
    `players` names the players where no model is given.

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> outcome_label("mixed: Revise-Restrain x Soft-Bandwagon", core)
    'T mixes Revise/Restrain; S mixes Soft/Bandwagon'
    >>> outcome_label("multiple: Revise / Hard; mixed: Revise-Restrain x Hard-Soft", core)
    'multiple: T Revise; S Hard | T mixes Revise/Restrain; S mixes Hard/Soft'
    >>> outcome_label("Revise / Soft / Soft / Bandwagon (pure equilibria only; mixed not searched)",
    ...               players=("T", "S1", "S2", "S3"))
    'T Revise; S1, S2 Soft; S3 Bandwagon (pure equilibria only)'
    >>> outcome_label("Revise / Soft (unique)", core, labels={"Revise / Soft": "soft balancing fails"})
    'soft balancing fails'
    """
    labels = dict(labels if labels is not None else getattr(model, "labels", None) or {})
    if label in labels:
        return labels[label]
    body, note = label, ""
    match = re.fullmatch(r"(.*?) \(([^()]*)\)", label)
    if match and not label.startswith(("outside", "no pure", "not classified", "none listed")):
        body, note = match.group(1), match.group(2)
    if body in labels:
        return labels[body] + _proviso(note)
    players = tuple(model.players) if model is not None else players
    strategies = tuple(map(tuple, model.strategies)) if model is not None and hasattr(model, "strategies") else None
    if body.startswith("multiple: "):
        parts = body[len("multiple: "):].split("; ")
        if not all(parse_profile(p, strategies) for p in parts):
            return label
        short = "multiple: " + " | ".join(labels.get(p) or _profile_text(parse_profile(p, strategies), players)
                                          for p in parts)
    else:
        profile = parse_profile(body, strategies)
        if profile is None:
            return label
        short = _profile_text(profile, players)
    return short + _proviso(note)


def _proviso(note: str) -> str:
    """A label's proviso, shortened: ``" (pure equilibria only)"``; nothing for "unique" or none."""
    return f" ({re.split('[;:]', note)[0]})" if note and note != "unique" else ""


def _profile_text(profile, players=None) -> str:
    """``T mixes A/B; S C``: each player's action, players doing the same named together."""
    players = players if players and len(players) == len(profile) else [f"player {k + 1}" for k in range(len(profile))]
    groups: dict = {}
    for player, support in zip(players, profile):
        action = support[0] if len(support) == 1 else "mixes " + "/".join(support)
        groups.setdefault(action, []).append(player)
    return "; ".join(f"{', '.join(who)} {action}" for action, who in groups.items())


def plot_regions(rmap, ax=None, boundaries: bool = True, legend: bool = False, style: str = "paper",
                 hatch: bool | None = None):
    """Draw a :class:`~sbgames.analysis.regions.RegionMap`.

    Region names (:func:`outcome_label`) are written inside regions roomy
    enough to hold them; the others are named in a legend below the axes,
    which lists only regions the map shows.  A region keeps its colour from
    one map to the next (the colour follows its name).

    Parameters
    ----------
    rmap : RegionMap
    ax : matplotlib axes, optional
    boundaries : bool
        Draw the exact boundary curves.
    legend : bool
        Name every region in the legend, not only those too small to write in.
    style : {"paper", "print", "slides"}
        Size and type of a new figure (:data:`sbgames.figstyle.STYLES`).
    hatch : bool, optional
        A hatch pattern per region, for grayscale print (default: the
        style's; always on for regions beyond the seven palette colours).
    """
    import matplotlib.pyplot as plt
    options = style_options(style)
    hatch = options["hatch"] if hatch is None else hatch
    with _figure(style):
        if rmap.y is None and ax is None:
            fig, ax = plt.subplots(figsize=(options["size"][0], options["size"][1] * 0.5), layout="constrained")
        else:
            fig, ax = new_axes(ax, style)
        _draw_regions(fig, ax, rmap, boundaries, legend, options, hatch)
    return fig


def _draw_regions(fig, ax, rmap, boundaries, legend, options, hatch):
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    names = rmap.region_names
    shown = {n: outcome_label(n, rmap.model) for n in names}
    colour = _colours(names)
    patterns = {n: (HATCHES[k % len(HATCHES)] if hatch or k >= len(PALETTE) else "")
                for k, n in enumerate(names)}
    index = {n: k for k, n in enumerate(names)}
    codes = np.array([index.get(n, 0) for n in rmap.names])[rmap.codes]
    cmap = ListedColormap([colour[n] for n in names])
    x0, x1 = rmap.x[0], rmap.x[-1]
    y0, y1 = (rmap.y[0], rmap.y[-1]) if rmap.y is not None else (0, 1)
    # pixels centred on the grid points: the image reaches half a cell beyond the first and last
    hx = (x1 - x0) / (2 * (len(rmap.x) - 1))
    hy = (y1 - y0) / (2 * (len(rmap.y) - 1)) if rmap.y is not None else 0
    ax.imshow(codes, origin="lower", extent=(x0 - hx, x1 + hx, y0 - hy, y1 + hy), aspect="auto", cmap=cmap,
              vmin=-0.5, vmax=len(names) - 0.5, interpolation="nearest")
    for name in names:
        if patterns[name]:
            _hatch_region(ax, rmap, rmap.mask(name), patterns[name])
    hidden = set()
    if boundaries:
        drawn = _draw_boundaries(ax, rmap, options["line"])
        hidden = {n for n in names if not n.startswith("outside") and _under_lines(rmap, rmap.mask(n), drawn)}
    ax.set_xlim(x0, x1)
    if rmap.y is not None:
        ax.set_ylim(y0, y1)
        ax.set_ylabel(axis_label(rmap.model, rmap.y_name, width=_chars(options["size"][1] * 0.8, options["font"])))
    else:
        ax.set_yticks([])
    ax.set_xlabel(axis_label(rmap.model, rmap.x_name, width=_chars(options["size"][0] * 0.9, options["font"])))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    unlabelled = []
    for name in (n for n in names if n not in hidden):
        if name.startswith("outside"):
            unlabelled.append(name)
            continue
        text = ax.text(0, 0, wrap(shown[name], 24), ha="center", va="center", fontsize=options["small"],
                       bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.8, "linewidth": 0})
        extent = text.get_window_extent(renderer)
        spot = _label_spot(rmap.mask(name), (extent.width / frame.width, extent.height / frame.height))
        if spot is None:
            text.remove()
            unlabelled.append(name)
            continue
        r, c = spot
        text.set_position((rmap.x[c], rmap.y[r] if rmap.y is not None else 0.5))
    listed = [n for n in names if n not in hidden] if legend else unlabelled
    note = "regions narrower than the boundary lines\n(ties on a boundary) are not listed" if hidden else None
    if listed or note:
        width = _chars(fig.get_figwidth() - 0.4, options["small"])
        entries = [wrap(shown[n], width) for n in listed]
        lines = sum(e.count("\n") + 1 for e in entries) + (2 if note else 0)
        if ax is fig.axes[0] and len(fig.axes) == 1:
            fig.set_figheight(fig.get_figheight() + (lines * 1.45 * options["small"] + 6) / 72)
        fig.legend(handles=[Patch(facecolor=colour[n], edgecolor="black", hatch=patterns[n], linewidth=0.5, label=e)
                            for n, e in zip(listed, entries)],
                   loc="outside lower center", frameon=False, ncols=1, handlelength=1.6, labelspacing=0.3,
                   title=note, title_fontsize=options["small"])


def _under_lines(rmap, mask: np.ndarray, drawn: list, cells: float = 1.5) -> bool:
    """Whether every grid point of a region lies on a drawn boundary (within `cells` cells): a tie on the line."""
    from scipy.spatial import cKDTree
    points = [np.column_stack([xs, ys]) for xs, ys in drawn if len(xs)]
    if rmap.y is None or not points:
        return False
    cell = np.array([(rmap.x[-1] - rmap.x[0]) / (len(rmap.x) - 1), (rmap.y[-1] - rmap.y[0]) / (len(rmap.y) - 1)])
    rows, cols = np.nonzero(mask)
    where = np.column_stack([rmap.x[cols], rmap.y[rows]]) / cell
    distance = cKDTree(np.vstack(points) / cell).query(where, distance_upper_bound=cells + 1)[0]
    return bool(distance.max() <= cells)


def _chars(inches: float, points: float) -> int:
    """About how many characters of `points`-point type fit in `inches`."""
    return max(12, int(inches * 72 / (0.52 * points)))


def _hatch_region(ax, rmap, mask: np.ndarray, pattern: str) -> None:
    """Cover a region with a hatch pattern (no fill: the colour stays visible under it)."""
    xs = rmap.x
    ys = rmap.y if rmap.y is not None else np.array([0.0, 1.0])
    values = mask.astype(float) if rmap.y is not None else np.vstack([mask, mask]).astype(float)
    ax.contourf(xs, ys, values, levels=[0.5, 1.5], colors="none", hatches=[pattern])


def _colours(names) -> dict:
    """A colour per region name that depends on the name only (so maps agree), distinct within a map."""
    import zlib
    out, used = {}, set()
    for name in names:
        if name.startswith("outside"):
            out[name] = _OUTSIDE_COLOUR
            continue
        k = zlib.crc32(name.encode()) % len(PALETTE)
        for step in range(len(PALETTE)):
            candidate = PALETTE[(k + step) % len(PALETTE)]
            if candidate not in used or step == len(PALETTE) - 1:
                break
        used.add(candidate)
        out[name] = candidate
    return out


def _label_spot(mask: np.ndarray, box=(0.0, 0.0)):
    """Where to write a region's name: deep inside its largest piece, or None if it does not fit.

    `box` is the text's width and height as fractions of the axes.  The spot
    is the point farthest from the piece's edge (the frame counts as an
    edge); among near-ties, the one nearest the piece's centre.
    """
    from scipy import ndimage
    pieces, count = ndimage.label(mask)
    if count == 0:
        return None
    sizes = ndimage.sum(mask, pieces, range(1, count + 1))
    piece = pieces == int(np.argmax(sizes)) + 1
    rows_n, cols_n = mask.shape
    if rows_n == 1:  # a strip: the middle of the longest run, if the text fits in it
        cols = np.nonzero(piece[0])[0]
        return (0, int(cols[len(cols) // 2])) if len(cols) >= 1.1 * box[0] * cols_n else None
    # distances in units of the axes, so that the text box can be compared with them
    scaled = ndimage.distance_transform_edt(np.pad(piece, 1), sampling=(1 / rows_n, 1 / cols_n))[1:-1, 1:-1]
    deep = scaled >= 0.55 * min(box) if min(box) > 0 else scaled > 0
    dx = _room_along_rows(piece) / (cols_n - 1)
    dy = _room_along_rows(piece.T).T / (rows_n - 1)
    fits = deep & (dx >= 0.6 * box[0]) & (dy >= 0.6 * box[1])
    if not fits.any():
        return None
    rows, cols = np.nonzero(fits)
    depth = scaled[rows, cols]
    best = depth >= 0.9 * depth.max()
    rows, cols = rows[best], cols[best]
    centre = np.array(ndimage.center_of_mass(piece))
    k = int(np.argmin((rows - centre[0]) ** 2 + (cols - centre[1]) ** 2))
    return int(rows[k]), int(cols[k])


def _room_along_rows(piece: np.ndarray) -> np.ndarray:
    """Each point's room along its row, in grid cells: to the piece's edge in that row, or to the frame.

    Grid points sit on the frame at the ends, and a piece's edge lies half a
    cell past its last point: the room is ``|c - k| - 0.5`` to the nearest
    point ``k`` of the row outside the piece, or ``c`` and ``n - 1 - c`` to
    the two ends of the row, whichever is least.  (Only the points inside the
    piece are used.)

    Examples
    --------
    >>> _room_along_rows(np.array([[True, True, True, False, True]])).tolist()
    [[0.0, 1.0, 0.5, -0.5, 0.0]]
    """
    n = piece.shape[1]
    cols = np.arange(n, dtype=float)
    outside = ~piece
    left = np.maximum.accumulate(np.where(outside, cols, -np.inf), axis=1)
    right = np.minimum.accumulate(np.where(outside, cols, np.inf)[:, ::-1], axis=1)[:, ::-1]
    return np.minimum(np.minimum(cols - left, right - cols) - 0.5, np.minimum(cols, n - 1 - cols))


def _draw_boundaries(ax, rmap, width: float = 1.2) -> list:
    """Each exact boundary, drawn only where the regions on its two sides differ (stubs left out).

    Returns the drawn points of each curve, ``[(xs, ys), ...]``.
    """
    curves, drawn = [], []
    for b in rmap.boundaries:
        if rmap.y is None:
            ax.axvline(float(b.solution), color="black", linewidth=width)
            continue
        curves.append(rmap.boundary_curve(b, count=4000))
    for k, (xs, ys, differs) in enumerate(curves):
        others = [(ox[od], oy[od]) for m, (ox, oy, od) in enumerate(curves) if m != k]
        differs = _without_stubs(rmap, xs, ys, differs, others)
        ax.plot(np.where(differs, xs, np.nan), np.where(differs, ys, np.nan), color="black", linewidth=width,
                solid_capstyle="butt")
        drawn.append((xs[differs], ys[differs]))
    return drawn


def _without_stubs(rmap, xs, ys, differs, others=(), cells: float = 2.5) -> np.ndarray:
    """`differs` without the stubs the side probes leave where boundaries meet or cross.

    The two sides of a boundary are probed a cell or two away, so next to
    another boundary they can differ because of that one: a run of the
    curve is a stub when it is shorter than `cells` grid cells, or shorter
    than 3.6 times that and all of it within `cells` cells of another
    boundary's drawn part.
    """
    from scipy.spatial import cKDTree
    out = differs.copy()
    cell_x = (rmap.x[-1] - rmap.x[0]) / (len(rmap.x) - 1)
    cell_y = (rmap.y[-1] - rmap.y[0]) / (len(rmap.y) - 1)
    near = [cKDTree(np.column_stack([ox / cell_x, oy / cell_y])) for ox, oy in others if len(ox)]
    edges = np.flatnonzero(np.diff(np.concatenate([[0], differs.astype(int), [0]])))
    for start, stop in zip(edges[::2], edges[1::2]):
        run = np.column_stack([xs[start:stop] / cell_x, ys[start:stop] / cell_y])
        length = np.hypot(*np.diff(run, axis=0).T).sum()
        beside = any(tree.query(run, distance_upper_bound=cells)[0].max() <= cells for tree in near)
        if length < cells or (beside and length < 3.6 * cells):
            out[start:stop] = False
    return out


_KINDS = {"probabilities": lambda q: q.startswith("Pr(") and "&" not in q,
          "payoffs": lambda q: q.startswith("payoff"),
          "outcomes": lambda q: q.startswith("Pr(") and "&" in q}
_BRANCH_STYLES = ["-", "--", "-.", (0, (1, 1.5)), (0, (5, 1, 1, 1, 1, 1))]


def plot_statics(sweep, ax=None, quantities: str = "probabilities", include=None, style: str = "paper"):
    """Draw a :class:`~sbgames.analysis.statics.Statics` sweep.

    One colour per quantity and one line style per equilibrium branch, in a
    legend below the axes that lists only what is drawn; a quantity drawn
    earlier has the thicker line, so curves that coincide stay visible.
    Regime changes are marked with their exact values (``λ = 2/3``).

    Parameters
    ----------
    sweep : Statics
    ax : matplotlib axes, optional
    quantities : {"probabilities", "payoffs", "outcomes"}
    include : list of str, optional
        Only these quantity names (e.g. ``["Pr(S: Soft)", "Pr(T: Revise)"]``).
    style : {"paper", "print", "slides"}
        Size and type of a new figure (:data:`sbgames.figstyle.STYLES`).
    """
    if quantities not in _KINDS:
        raise InputError(f"quantities must be one of {', '.join(_KINDS)}, got {quantities!r}")
    options = style_options(style)
    with _figure(style):
        fig, ax = new_axes(ax, style)
        _draw_statics(fig, ax, sweep, quantities, include, options)
    return fig


def _drawn_curves(sweep, quantities, include):
    """``(branch, quantity name, values)`` for every curve with something to draw."""
    for curve in sweep.curves:
        for name, values in curve.quantities.items():
            if not _KINDS[quantities](name) or (include is not None and name not in include):
                continue
            finite = np.asarray(values, dtype=float)[np.isfinite(np.asarray(values, dtype=float))]
            if not finite.size or (quantities != "payoffs" and not np.any(finite != 0)):
                continue  # a branch that never holds on the sweep, or a strategy never played on it
            yield curve, name, values


def _draw_statics(fig, ax, sweep, quantities, include, options):
    from matplotlib.lines import Line2D
    drawn = list(_drawn_curves(sweep, quantities, include))
    branches = list(dict.fromkeys(curve.label for curve, _, _ in drawn))
    names = list(dict.fromkeys(name for _, name, _ in drawn))
    line = options["line"]
    for curve, name, values in drawn:
        q = names.index(name)
        ax.plot(sweep.values, values, color=PALETTE[q % len(PALETTE)],
                linestyle=_BRANCH_STYLES[branches.index(curve.label) % len(_BRANCH_STYLES)],
                linewidth=line * max(0.7, 2.2 - 0.35 * q), zorder=2 + q,
                label=f"{name} [{curve.label}]")  # each line says what it is; the legend keys by colour and style
    changes = [c for c in sweep.boundaries]
    sym = symbol(sweep.model, sweep.param)
    span = sweep.values[-1] - sweep.values[0]
    for k, change in enumerate(changes):
        ax.axvline(change.value, color="black", linewidth=0.7, linestyle=":", zorder=1)
        crowded = k > 0 and change.value - changes[k - 1].value < 0.08 * span and k % 2 == 1
        ax.annotate(f"{sym} = {exact_text(change.exact if change.exact is not None else change.value)}",
                    (change.value, 0 if crowded else 1), xycoords=("data", "axes fraction"),
                    xytext=(2, 3 if crowded else -3), textcoords="offset points", fontsize=options["small"],
                    rotation=90, va="bottom" if crowded else "top", ha="left")
    ax.set_xlim(sweep.values[0], sweep.values[-1])
    ax.set_xlabel(axis_label(sweep.model, sweep.param, width=_chars(options["size"][0] * 0.9, options["font"])))
    ax.set_ylabel({"probabilities": "equilibrium probability", "payoffs": "expected payoff",
                   "outcomes": "outcome probability"}[quantities])
    if not drawn:  # no branch has these quantities on the sweep: say what the sweep found instead of an empty plot
        found = "\n".join(wrap(outcome_label(label, sweep.model), 40) for label in dict.fromkeys(sweep.labels))
        ax.text(0.5, 0.5, f"no {quantities} to draw; along the sweep:\n{found}", transform=ax.transAxes,
                ha="center", va="center", fontsize=options["small"])
        return
    width = _chars((fig.get_figwidth() - 0.5) / 2, options["small"])
    handles = [Line2D([], [], color=PALETTE[q % len(PALETTE)], linewidth=line * 1.4, label=wrap(name, width))
               for q, name in enumerate(names)]
    handles += [Line2D([], [], color="black", linewidth=line, linestyle=_BRANCH_STYLES[b % len(_BRANCH_STYLES)],
                       label=wrap(outcome_label(label, sweep.model), width)) for b, label in enumerate(branches)]
    blank = Line2D([], [], alpha=0, label=" ")  # pads the shorter column: quantities left, branches right
    handles = (handles[:len(names)] + [blank] * (len(branches) - len(names)) + handles[len(names):]
               + [blank] * (len(names) - len(branches)))
    note = _left_out_note(sweep)
    rows = max(len(names), len(branches)) + (2 if note else 0)
    half = len(handles) // 2
    lines = max(sum(h.get_label().count("\n") + 1 for h in handles[:half]),
                sum(h.get_label().count("\n") + 1 for h in handles[half:]))
    if ax is fig.axes[0] and len(fig.axes) == 1:
        fig.set_figheight(fig.get_figheight() + (max(rows, lines) * 1.5 * options["small"] + 8) / 72)
    fig.legend(handles=handles, loc="outside lower center", frameon=False, ncols=2, title=note,
               handlelength=2.4, labelspacing=0.3, columnspacing=1.0)


def _left_out_note(sweep) -> str | None:
    """What a partial sweep left out, for its legend (None when every value's result is complete)."""
    return {None: None,
            "pure equilibria only": "pure equilibria only at some values\n(mixed equilibria not searched there)",
            "not complete": "not complete at some values\n(some equilibria may be missing)"}[sweep.left_out]
