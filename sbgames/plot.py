"""Figures for papers: phase diagrams and comparative-statics curves.

Every function takes ``ax=None`` (a new figure) or an existing matplotlib
axes, and returns the Figure.  Colours come from the Okabe-Ito palette,
which stays distinguishable under the common forms of colour blindness;
axes are labelled with the parameters' meanings; region names are written
on the regions; boundaries are drawn as exact curves from the closed forms.
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
['mixed: Revise-Restrain x Soft-Bandwagon']
"""

from __future__ import annotations

import numpy as np

from .errors import InputError

__all__ = ["plot_regions", "plot_statics", "PALETTE"]

#: Okabe & Ito (2008) colour-blind-safe palette (black omitted: reserved for boundaries).
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]
_OUTSIDE_COLOUR = "#FFFFFF"


def _axes(ax, size=(6.4, 4.8)):
    import matplotlib.pyplot as plt
    if ax is None:
        fig, ax = plt.subplots(figsize=size, layout="constrained")
    return ax.figure, ax


def _axis_label(model, name: str) -> str:
    meaning = model.parameters[name].description
    latex = model.parameters[name].latex
    symbol = f"${latex}$" if latex else name
    return f"{meaning} ({symbol})" if meaning else symbol


def _wrap(text: str, width: int = 28) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def plot_regions(rmap, ax=None, boundaries: bool = True, legend: bool = False):
    """Draw a :class:`~sbgames.analysis.regions.RegionMap`.

    Region names are written inside regions roomy enough to hold them; the
    others are named in a legend below the axes.  A region keeps its colour
    from one map to the next (the colour follows its name).

    Parameters
    ----------
    rmap : RegionMap
    ax : matplotlib axes, optional
    boundaries : bool
        Draw the exact boundary curves.
    legend : bool
        Name every region in the legend, not only those too small to write in.
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    fig, ax = _axes(ax, (6.4, 4.8) if rmap.y is not None else (6.4, 2.2))
    names = rmap.region_names
    colour = _colours(names)
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
    fig.canvas.draw_idle()
    width_pt = ax.get_position().width * fig.get_figwidth() * 72
    height_pt = ax.get_position().height * fig.get_figheight() * 72
    unlabelled = []
    for name in names:
        text = _wrap(name)
        lines = text.split("\n")
        # the text box, as a fraction of the axes (8-point type, about 0.55 em per character)
        box = (max(map(len, lines)) * 0.55 * 8 / width_pt, len(lines) * 1.3 * 8 / height_pt)
        spot = _label_spot(rmap.mask(name), box)
        if spot is None:
            unlabelled.append(name)
            continue
        r, c = spot
        yv = rmap.y[r] if rmap.y is not None else 0.5
        ax.text(rmap.x[c], yv, text, ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.75, "linewidth": 0})
    if boundaries:
        _draw_boundaries(ax, rmap)
    ax.set_xlim(x0, x1)
    ax.set_xlabel(_axis_label(rmap.model, rmap.x_name))
    if rmap.y is not None:
        ax.set_ylim(y0, y1)
        ax.set_ylabel(_axis_label(rmap.model, rmap.y_name))
    else:
        ax.set_yticks([])
    if legend or unlabelled:
        shown = names if legend else unlabelled
        fig.legend(handles=[Patch(facecolor=colour[n], edgecolor="black", label=n) for n in shown],
                   loc="outside lower center", fontsize=8, frameon=False, ncols=1)
    return fig


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
    fits = np.zeros_like(piece)
    for r, c in zip(*np.nonzero(scaled >= 0.55 * min(box) if min(box) > 0 else scaled > 0)):
        row_free = np.nonzero(~piece[r])[0]
        col_free = np.nonzero(~piece[:, c])[0]
        dx = min([abs(c - k) for k in row_free] + [c + 1, cols_n - c]) / cols_n
        dy = min([abs(r - k) for k in col_free] + [r + 1, rows_n - r]) / rows_n
        fits[r, c] = dx >= 0.55 * box[0] and dy >= 0.55 * box[1]
    if not fits.any():
        return None
    rows, cols = np.nonzero(fits)
    depth = scaled[rows, cols]
    best = depth >= 0.9 * depth.max()
    rows, cols = rows[best], cols[best]
    centre = np.array(ndimage.center_of_mass(piece))
    k = int(np.argmin((rows - centre[0]) ** 2 + (cols - centre[1]) ** 2))
    return int(rows[k]), int(cols[k])


def _draw_boundaries(ax, rmap) -> None:
    """Each exact boundary, drawn only where the regions on its two sides differ."""
    for b in rmap.boundaries:
        if rmap.y is None:
            ax.axvline(float(b.solution), color="black", linewidth=1.2)
            continue
        xs, ys, differs = rmap.boundary_curve(b, count=4000)
        ax.plot(np.where(differs, xs, np.nan), np.where(differs, ys, np.nan), color="black", linewidth=1.2)


_KINDS = {"probabilities": lambda q: q.startswith("Pr(") and "&" not in q,
          "payoffs": lambda q: q.startswith("payoff"),
          "outcomes": lambda q: q.startswith("Pr(") and "&" in q}


def plot_statics(sweep, ax=None, quantities: str = "probabilities", include=None):
    """Draw a :class:`~sbgames.analysis.statics.Statics` sweep.

    Parameters
    ----------
    sweep : Statics
    ax : matplotlib axes, optional
    quantities : {"probabilities", "payoffs", "outcomes"}
    include : list of str, optional
        Only these quantity names (e.g. ``["Pr(S: Soft)", "Pr(T: Revise)"]``).
    """
    if quantities not in _KINDS:
        raise InputError(f"quantities must be one of {', '.join(_KINDS)}, got {quantities!r}")
    fig, ax = _axes(ax)
    styles = ["-", "--", ":", "-."]
    colours: dict = {}  # one colour per quantity, one line style per branch
    for c_index, curve in enumerate(sweep.curves):
        for name, values in curve.quantities.items():
            if not _KINDS[quantities](name) or (include is not None and name not in include):
                continue
            if quantities != "payoffs" and np.nanmax(np.abs(values)) == 0:
                continue  # a strategy never played on this branch
            colour = colours.setdefault(name, PALETTE[len(colours) % len(PALETTE)])
            ax.plot(sweep.values, values, color=colour, linestyle=styles[c_index % len(styles)],
                    linewidth=1.6, label=f"{name} [{curve.label}]")
    for change in sweep.boundaries:
        ax.axvline(change.value, color="black", linewidth=0.8, linestyle=":")
        ax.annotate(f"{sweep.param} = {change.value:.4g}", (change.value, 1), xycoords=("data", "axes fraction"),
                    xytext=(2, -10), textcoords="offset points", fontsize=7, rotation=90, va="top")
    ax.set_xlim(sweep.values[0], sweep.values[-1])
    ax.set_xlabel(_axis_label(sweep.model, sweep.param))
    ax.set_ylabel({"probabilities": "equilibrium probability", "payoffs": "expected payoff",
                   "outcomes": "outcome probability"}[quantities])
    if ax.get_lines():
        ax.legend(fontsize=7, loc="best", frameon=False, title=_left_out_note(sweep), title_fontsize=7)
    else:  # no branch has these quantities on the sweep: say what the sweep found instead of an empty plot
        found = "\n".join(_wrap(label, 60) for label in dict.fromkeys(sweep.labels))
        ax.text(0.5, 0.5, f"no {quantities} to draw; along the sweep:\n{found}", transform=ax.transAxes,
                ha="center", va="center", fontsize=8)
    return fig


def _left_out_note(sweep) -> str | None:
    """What a partial sweep left out, for its legend (None when every value's result is complete)."""
    return {None: None,
            "pure equilibria only": "pure equilibria only at some values\n(mixed equilibria not searched there)",
            "not complete": "not complete at some values\n(some equilibria may be missing)"}[sweep.left_out]
