"""Figures for papers: phase diagrams and comparative-statics curves.

Every function takes ``ax=None`` (a new figure) or an existing matplotlib
axes, and returns the Figure.  Colours come from the Okabe-Ito palette,
which stays distinguishable under the common forms of colour blindness;
axes are labelled with the parameters' meanings; region names are written
on the regions; boundaries are drawn as exact curves from the closed forms.
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
    return "\n".join(textwrap.wrap(text, width)) or text


def plot_regions(rmap, ax=None, boundaries: bool = True, legend: bool = False):
    """Draw a :class:`~sbgames.analysis.regions.RegionMap`.

    Parameters
    ----------
    rmap : RegionMap
    ax : matplotlib axes, optional
    boundaries : bool
        Draw the exact boundary curves.
    legend : bool
        Add a legend as well as the labels written on the regions.
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    fig, ax = _axes(ax, (6.4, 4.8) if rmap.y is not None else (6.4, 2.2))
    names = rmap.region_names
    colour = {n: (PALETTE[k % len(PALETTE)] if not n.startswith("outside") else _OUTSIDE_COLOUR)
              for k, n in enumerate(n for n in names)}
    index = {n: k for k, n in enumerate(names)}
    codes = np.array([index.get(n, 0) for n in rmap.names])[rmap.codes]
    cmap = ListedColormap([colour[n] for n in names])
    x0, x1 = rmap.x[0], rmap.x[-1]
    y0, y1 = (rmap.y[0], rmap.y[-1]) if rmap.y is not None else (0, 1)
    ax.imshow(codes, origin="lower", extent=(x0, x1, y0, y1), aspect="auto", cmap=cmap,
              vmin=-0.5, vmax=len(names) - 0.5, interpolation="nearest")
    unlabelled = []
    for name in names:
        spot = _label_spot(rmap.mask(name))
        if spot is None:
            unlabelled.append(name)
            continue
        r, c = spot
        yv = rmap.y[r] if rmap.y is not None else 0.5
        ax.text(rmap.x[c], yv, _wrap(name), ha="center", va="center", fontsize=8,
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
        ax.legend(handles=[Patch(facecolor=colour[n], edgecolor="black", label=n) for n in shown],
                  loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return fig


def _label_spot(mask: np.ndarray):
    """Where to write a region's name: deep inside its largest piece, or None if it is too thin.

    The spot is the point farthest from the piece's edge (the frame counts as
    an edge); among near-ties, the one nearest the piece's centre.
    """
    from scipy import ndimage
    pieces, count = ndimage.label(mask)
    if count == 0:
        return None
    sizes = ndimage.sum(mask, pieces, range(1, count + 1))
    piece = pieces == int(np.argmax(sizes)) + 1
    if mask.shape[0] == 1:  # a strip: the middle of the longest run, if long enough for text
        cols = np.nonzero(piece[0])[0]
        return (0, int(cols[len(cols) // 2])) if len(cols) >= 0.2 * mask.shape[1] else None
    distance = ndimage.distance_transform_edt(np.pad(piece, 1))[1:-1, 1:-1]
    if distance.max() < 0.08 * min(mask.shape):
        return None
    rows, cols = np.nonzero(distance >= 0.9 * distance.max())
    centre = np.array(ndimage.center_of_mass(piece))
    k = int(np.argmin((rows - centre[0]) ** 2 + (cols - centre[1]) ** 2))
    return int(rows[k]), int(cols[k])


def _grid_label(rmap, xv, yv) -> np.ndarray:
    """Labels of the grid points nearest to the given coordinates (arrays)."""
    i = np.clip(np.searchsorted(rmap.x, xv), 0, len(rmap.x) - 1)
    j = 0 if rmap.y is None else np.clip(np.searchsorted(rmap.y, yv), 0, len(rmap.y) - 1)
    return rmap.codes[j, i]


def _draw_boundaries(ax, rmap) -> None:
    """Each exact boundary, drawn only where the regions on its two sides differ."""
    import sympy
    dx = 1.5 * (rmap.x[-1] - rmap.x[0]) / (len(rmap.x) - 1)
    dy = 0 if rmap.y is None else 1.5 * (rmap.y[-1] - rmap.y[0]) / (len(rmap.y) - 1)
    for b in rmap.boundaries:
        if rmap.y is None or (b.variable == rmap.x_name and not b.solution.free_symbols):
            c = float(b.solution)
            if rmap.y is None:
                ax.axvline(c, color="black", linewidth=1.2)
                continue
            ys = np.linspace(rmap.y[0], rmap.y[-1], 1000)
            xs = np.full_like(ys, c)
            differs = _grid_label(rmap, xs - dx, ys) != _grid_label(rmap, xs + dx, ys)
        else:
            f = sympy.lambdify([sympy.Symbol(rmap.x_name)], b.solution.xreplace(
                {s: sympy.Symbol(s.name) for s in b.solution.free_symbols}), modules="numpy")
            xs = np.linspace(rmap.x[0], rmap.x[-1], 1000)
            with np.errstate(all="ignore"):
                ys = np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape).copy()
            inside = np.isfinite(ys) & (ys >= rmap.y[0]) & (ys <= rmap.y[-1])
            differs = inside & (_grid_label(rmap, xs, ys - dy) != _grid_label(rmap, xs, ys + dy))
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
        raise ValueError(f"quantities must be one of {', '.join(_KINDS)}, got {quantities!r}")
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
    ax.legend(fontsize=7, loc="best", frameon=False)
    return fig
