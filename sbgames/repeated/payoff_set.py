"""Pure-strategy subgame-perfect payoff sets of infinitely repeated 2-player games.

The stage game is a bimatrix game ``(A, B)`` (row player's and column
player's payoffs), repeated forever with perfect monitoring, a public
randomisation device at the start of every period, and discounting: a
payoff stream ``u_0, u_1, ...`` is worth ``(1 - delta_i) * sum(delta_i**t * u_t)``
to player ``i``.  :func:`payoff_set` returns the set ``V`` of payoff pairs of
all *pure-strategy* subgame-perfect equilibria (SPE) as a convex polygon
(:class:`PayoffSet`): with public randomisation ``V`` is convex, and with a
common discount factor it is a polygon with at most ``4 |A1| |A2|``
vertices (Abreu and Sannikov 2014).

Both methods iterate the operator ``B`` of Abreu, Pearce and Stacchetti
(APS, 1990).  For a compact convex set of continuation payoffs ``W`` with
threat point ``p(W) = (min_W w_1, min_W w_2)`` (each player's worst
continuation payoff in ``W``) an action profile ``a`` can be enforced with
continuation ``w`` when ``w`` lies in the quadrant

    ``Q(a) = {w : w_i >= p_i(W) + (1 - delta_i) / delta_i * g_i(a)}``,

``g_i(a)`` being player ``i``'s best one-shot gain from deviating from
``a``, and ``B(W)`` is the convex hull of the points
``(1 - delta) u(a) + delta w`` (coordinatewise, with ``delta_i`` for player
``i``) for all ``a`` and ``w`` in ``W ∩ Q(a)``.  ``V`` is the largest fixed
point of ``B``; iterating ``B`` from a set that contains ``V`` and is mapped
into itself converges down to ``V``.  Every iterate contains ``V``, so the
threat point used is the largest coordinatewise minimum of the iterates so
far (as QuantEcon does; without it the reduced operator below can cycle).

``method="abreu-sannikov"`` (default)
    Each step is exact polygon arithmetic (up to floating point).  With a
    common discount factor, each action profile ``a`` contributes at most four
    points (Abreu and Sannikov 2014, "An algorithm for two-player repeated
    games with perfect monitoring", Theoretical Economics 9: 313-338): the
    stage payoff ``u(a)`` itself if ``u(a)`` lies in ``W ∩ Q(a)``, otherwise
    the images of the (at most four) vertices of ``W ∩ Q(a)`` on the
    boundary of ``Q(a)`` (where an incentive constraint binds).  The
    iteration starts from the convex hull of the pure payoff profiles.  With
    per-player discount factors the four-point reduction does not hold (its
    proof uses that ``v`` lies between ``u(a)`` and ``w``), so the full
    operator ``B`` is applied instead (all vertices of ``W ∩ Q(a)``), starting
    from the box of stage payoffs: with unequal discount factors players can
    trade payoffs over time, and ``V`` may leave the convex hull of the stage
    payoffs (Lehrer and Pauzner 1999); it need not be a polygon either, in
    which case the iterates approximate it from outside with growing numbers
    of vertices.
``method="outer"``
    The outer approximation of Judd, Yeltekin and Conklin (2003): sets are
    represented by their support values in ``OUTER_DIRECTIONS`` fixed,
    equally spaced directions (the axes among them, so the threat point is
    exact for the approximation), and each application of ``B`` solves one
    linear programme per action profile with :func:`scipy.optimize.linprog`
    (HiGHS): one block per direction, "maximise ``(delta h) . w`` over ``w`` in
    ``W ∩ Q(a)``", ``W`` given by its edges, the blocks stacked
    block-diagonally.  The result contains ``V`` (up to the LP tolerances)
    and exceeds it by the corners that the fixed directions cut off, and by
    the looser threat point this bigger set implies: an independent check
    of the default method, and much slower.

Iteration stops when two successive sets are within Hausdorff distance
``tol``, or when a set is empty (then ``V`` is empty: no pure-strategy SPE
exists, which requires that the stage game has no pure Nash equilibrium).
The iterates approach ``V`` from outside about geometrically, at the rate
``delta``, so the result is within about ``tol * delta / (1 - delta)`` of
``V`` (about ``1e-8`` for the defaults at ``delta = 0.9``); vertices closer
than that to the segment joining their neighbours, left over from vertices
that converge into an edge, are dropped.  After ``max_iter`` steps without
convergence the last set is returned with ``converged=False`` and a
:class:`RuntimeWarning` is issued; for the default method that set still
contains ``V`` (every iterate does).

Examples
--------
The Prisoner's Dilemma with (T, R, P, S) = (5, 3, 1, 0): from
``delta = 1/2`` on, every feasible and individually rational payoff is an
equilibrium payoff.

>>> import numpy as np
>>> A = [[3, 0], [5, 1]]
>>> B = [[3, 5], [0, 1]]
>>> ps = payoff_set(A, B, 0.75)
>>> ps.kind, ps.converged
('polygon', True)
>>> np.round(ps.vertices, 6).tolist()
[[1.0, 1.0], [4.333333, 1.0], [3.0, 3.0], [1.0, 4.333333]]
>>> ps.minmax.tolist()
[1.0, 1.0]
>>> ps.contains([3, 3]), ps.contains([3.5, 3])
(True, False)
>>> ps.hausdorff(payoff_set(A, B, 0.75, method="outer")) < 0.05
True

Below ``delta = 1/4`` only the stage equilibrium is left:

>>> payoff_set(A, B, 0.2).vertices.tolist()
[[1.0, 1.0]]
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .aps import OUTER_DIRECTIONS, Stage, abreu_sannikov, discount_factors, outer_approximation
from .polygons import (RELATIVE_EPS, clip_to_quadrant, convex_hull, distances_to_polygon, hausdorff_distance,
                       lowest_first, simplify_polygon)

__all__ = ["METHODS", "OUTER_DIRECTIONS", "PayoffSet", "payoff_set", "plot_payoff_set"]

#: the methods :func:`payoff_set` accepts
METHODS = ("abreu-sannikov", "outer")

_KINDS = {0: "empty", 1: "point", 2: "segment"}

# Okabe & Ito (2008) colour-blind-safe palette
_BLUE, _SKY, _VERMILLION, _BLACK = "#0072B2", "#56B4E9", "#D55E00", "#000000"


# -- the result -------------------------------------------------------------------------------

def _readonly(array) -> np.ndarray:
    array = np.array(array, dtype=float)
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False, repr=False)
class PayoffSet:
    """The pure-strategy SPE payoff set of a repeated 2-player game, a convex polygon.

    Attributes
    ----------
    vertices : ndarray, shape (k, 2)
        Vertices counter-clockwise from the lowest of the leftmost ones,
        without repeats: ``k = 0`` empty, 1 a point, 2 a segment.
    kind : {"empty", "point", "segment", "polygon"}
    method : str
        The method that computed it (see :func:`payoff_set`).
    delta : float or tuple of float
        The discount factor(s) as given.
    iterations : int
        Applications of the APS operator performed.
    converged : bool
        Whether the last two sets were within the tolerance (or a set was empty).
    feasible : ndarray, shape (f, 2)
        Vertices of the convex hull of the pure payoff profiles (with
        per-player discount factors, ``V`` can reach beyond it).
    minmax : ndarray, shape (2,)
        Each player's pure-strategy minmax value
        (``min_b max_a A[a, b]`` and ``min_a max_b B[a, b]``).
    individually_rational : ndarray, shape (r, 2)
        Vertices of ``feasible ∩ {v >= minmax}`` (possibly empty).
    profiles : ndarray, shape (m, n, 2)
        ``profiles[i, j] = (A[i, j], B[i, j])``.
    players : pair of str
        The players' names, for the axes of a figure.
    """

    vertices: np.ndarray
    kind: str
    method: str
    delta: float | tuple
    iterations: int
    converged: bool
    feasible: np.ndarray
    minmax: np.ndarray
    individually_rational: np.ndarray
    profiles: np.ndarray
    players: tuple = ("player 1", "player 2")

    def contains(self, point, tol: float = 1e-9):
        """Whether `point` lies in the set, up to Euclidean distance `tol`.

        Parameters
        ----------
        point : array_like, shape (2,) or (n, 2)
        tol : float

        Returns
        -------
        bool or ndarray of bool (one per point for an ``(n, 2)`` input)

        Examples
        --------
        >>> ps = payoff_set([[2, 0], [0, 1]], [[2, 0], [0, 1]], 0.5)   # a coordination game
        >>> ps.kind, ps.vertices.tolist()
        ('segment', [[1.0, 1.0], [2.0, 2.0]])
        >>> ps.contains([1.5, 1.5]), ps.contains([1.5, 1.6]), ps.contains([1.5, 1.6], tol=0.1)
        (True, False, True)
        """
        pts = np.asarray(point, dtype=float)
        inside = distances_to_polygon(pts, self.vertices) <= tol
        return bool(inside[0]) if pts.ndim == 1 else inside

    def hausdorff(self, other) -> float:
        """The Hausdorff distance to another convex set (exact for convex polygons).

        Parameters
        ----------
        other : PayoffSet or array_like, shape (k, 2)
            Another payoff set, or points whose convex hull is meant.

        Returns
        -------
        float
            0 between two empty sets, ``inf`` between an empty and a non-empty one.

        Examples
        --------
        >>> pd = payoff_set([[3, 0], [5, 1]], [[3, 5], [0, 1]], 0.3)
        >>> np.round(pd.vertices, 6).tolist()
        [[1.0, 1.0], [4.0, 1.0], [1.0, 4.0]]
        >>> pd.hausdorff([[1, 1], [4, 1], [1, 4], [2, 2]]) < 1e-8    # the hull of these points
        True
        >>> round(pd.hausdorff([[1, 1]]), 6)                        # from (4, 1) or (1, 4)
        3.0
        """
        if isinstance(other, PayoffSet):
            Q = other.vertices
        else:
            pts = np.asarray(other, dtype=float).reshape(-1, 2)
            Q = convex_hull(pts, RELATIVE_EPS * max(1.0, float(np.abs(pts).max(initial=0.0))))
        return hausdorff_distance(self.vertices, Q)

    def __repr__(self) -> str:
        return (f"PayoffSet(kind={self.kind!r}, vertices={len(self.vertices)}, method={self.method!r}, "
                f"delta={self.delta!r}, iterations={self.iterations}, converged={self.converged})")


def payoff_set(A, B, delta, method: str = "abreu-sannikov", tol: float = 1e-9, max_iter: int = 500) -> PayoffSet:
    """The set of pure-strategy subgame-perfect equilibrium payoffs of the repeated game.

    Perfect monitoring, public randomisation, discounting; see the module
    docstring for the methods and the convergence rule.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Stage payoffs of the row and the column player.
    delta : float or pair of float
        The common discount factor, or one per player ``(delta_1, delta_2)``,
        each in (0, 1).
    method : {"abreu-sannikov", "outer"}
    tol : float
        Stop when successive sets are within this Hausdorff distance.
    max_iter : int
        At most this many applications of the operator; if the iteration has
        not converged by then, the last set is returned with
        ``converged=False`` and a :class:`RuntimeWarning` is issued.

    Returns
    -------
    PayoffSet

    Examples
    --------
    Matching pennies has no pure stage equilibrium, and no pure SPE at any delta:

    >>> ps = payoff_set([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], 0.99)
    >>> ps.kind, ps.vertices.shape
    ('empty', (0, 2))

    Per-player discount factors:

    >>> ps = payoff_set([[3, 0], [5, 1]], [[3, 5], [0, 1]], (0.9, 0.8))
    >>> ps.kind, ps.delta
    ('polygon', (0.9, 0.8))
    """
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {METHODS}")
    if not tol > 0:
        raise InputError(f"tol must be positive, got {tol!r}")
    if int(max_iter) != max_iter or max_iter < 1:
        raise InputError(f"max_iter must be a positive integer, got {max_iter!r}")
    stage = Stage.of(A, B)
    given, d = discount_factors(delta)
    if method == "outer":
        vertices, iterations, converged = outer_approximation(stage, d, tol, int(max_iter))
    else:
        vertices, iterations, converged = abreu_sannikov(stage, d, tol, int(max_iter))
    # the iterates approach V from outside, about geometrically at the rate delta, so the last one
    # is within about tol * delta / (1 - delta) of V; a vertex converging to a point inside an edge
    # of V is still a vertex, that close to the edge, when the iteration stops: drop it
    accuracy = max(stage.eps, tol * d.max() / (1 - d.max()))
    vertices = lowest_first(simplify_polygon(vertices.tolist(), accuracy), accuracy)
    vertices = np.array(vertices, dtype=float).reshape(-1, 2)
    if not converged:
        warnings.warn(f"payoff_set ({method}) did not converge in {max_iter} iterations "
                      f"(tol={tol}); the result has converged=False", RuntimeWarning, stacklevel=2)
    feasible = convex_hull(stage.u, stage.eps)
    return PayoffSet(
        vertices=_readonly(vertices),
        kind=_KINDS.get(len(vertices), "polygon"),
        method=method,
        delta=given,
        iterations=iterations,
        converged=converged,
        feasible=_readonly(feasible),
        minmax=_readonly(stage.minmax),
        individually_rational=_readonly(clip_to_quadrant(feasible, stage.minmax, stage.eps)),
        profiles=_readonly(np.stack([stage.A, stage.B], axis=-1)),
    )


# -- the figure -------------------------------------------------------------------------------

def _draw_convex(ax, P, **style):
    """Fill a convex polygon, or draw a segment or a point; returns the artist."""
    edge = style.pop("edgecolor", style.get("facecolor"))
    if len(P) >= 3:
        return ax.fill(P[:, 0], P[:, 1], edgecolor=edge, **style)[0]
    linewidth = style.pop("linewidth", 1.0)
    colour = style.pop("facecolor", edge)
    label = style.pop("label", None)
    zorder = style.pop("zorder", None)
    alpha = min(1.0, 2 * style.pop("alpha", 1.0))
    if len(P) == 2:
        return ax.plot(P[:, 0], P[:, 1], color=colour, linewidth=max(3.0, 3 * linewidth), alpha=alpha,
                       solid_capstyle="round", label=label, zorder=zorder)[0]
    return ax.plot(P[:, 0], P[:, 1], "o", color=colour, markersize=10, alpha=alpha, label=label,
                   zorder=zorder)[0]


def _labels(profile_labels, m: int, n: int):
    if profile_labels is None:
        return [[f"({i + 1},{j + 1})" for j in range(n)] for i in range(m)]
    if profile_labels is False:
        return None
    labels = list(profile_labels)
    if len(labels) == m and all(not isinstance(x, str) and len(x) == n for x in labels):
        return [[str(x) for x in row] for row in labels]
    if len(labels) == m * n:
        return [[str(labels[i * n + j]) for j in range(n)] for i in range(m)]
    raise InputError(f"profile_labels: give {m * n} labels (row-major) or {m} rows of {n}")


def plot_payoff_set(ps: PayoffSet, ax=None, profile_labels=None, xlabel: str | None = None,
                    ylabel: str | None = None, legend: bool = True, style: str = "paper"):
    """Draw a :class:`PayoffSet`: the SPE set filled, the feasible set outlined, the
    individually rational part of it shaded lightly, the pure profiles as labelled points.

    Colours are from the Okabe-Ito palette (colour-blind safe).  A point or a
    segment is drawn as a large marker or a thick line; an empty set is said
    in the axes.

    Parameters
    ----------
    ps : PayoffSet
    ax : matplotlib axes, optional
        Draw into these axes; by default a new figure.
    profile_labels : None, False, or sequence of str
        Labels of the pure profiles: ``m * n`` strings in row-major order, or
        ``m`` rows of ``n``; ``None`` labels them ``(i,j)`` (1-based row and
        column), ``False`` draws no labels.  Profiles with equal payoffs share
        one point and their labels are joined.
    xlabel, ylabel : str, optional
        Default: "payoff of" each player's name (``ps.players``).
    legend : bool
        A legend of what is drawn, below the axes of a new figure.
    style : {"paper", "print", "slides"}
        Size and type of a new figure (:data:`sbgames.figstyle.STYLES`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ps = payoff_set([[3, 0], [5, 1]], [[3, 5], [0, 1]], 0.75)
    >>> fig = plot_payoff_set(ps, profile_labels=["CC", "CD", "DC", "DD"])
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['CC', 'CD', 'DC', 'DD']
    >>> fig.axes[0].get_xlabel()
    'payoff of player 1'
    """
    import matplotlib.pyplot as plt

    from ..figstyle import new_axes, style_options, style_rc
    options = style_options(style)
    new = ax is None
    with plt.rc_context({**style_rc(style), "figure.dpi": options["dpi"]}):
        fig, ax = new_axes(ax, style)
        _draw_payoff_set(ps, ax, profile_labels, xlabel, ylabel)
        if legend:
            if new:
                fig.set_figheight(fig.get_figheight() + (len(ax.get_legend_handles_labels()[1]) * 1.5
                                                         * options["small"] + 6) / 72)
                fig.legend(loc="outside lower center", frameon=False, ncols=1, labelspacing=0.3)
            else:
                ax.legend(loc="best", framealpha=0.85)
    return fig


def _draw_payoff_set(ps: PayoffSet, ax, profile_labels, xlabel, ylabel) -> None:
    """The drawing of :func:`plot_payoff_set`."""
    m, n = ps.profiles.shape[:2]
    delta = ps.delta if np.ndim(ps.delta) == 0 else tuple(ps.delta)
    delta_text = f"{delta:g}" if np.ndim(delta) == 0 else "(" + ", ".join(f"{x:g}" for x in delta) + ")"

    if len(ps.individually_rational):
        _draw_convex(ax, ps.individually_rational, facecolor=_SKY, alpha=0.25, linewidth=0, zorder=1,
                     label="feasible and individually rational")
    F = ps.feasible
    closed = np.vstack([F, F[:1]]) if len(F) >= 3 else F
    ax.plot(closed[:, 0], closed[:, 1], "-" if len(F) > 1 else "s", color=_BLACK, linewidth=1.2,
            markerfacecolor="none", zorder=2, label="feasible (pure profiles' hull)")
    ax.axvline(ps.minmax[0], color=_BLACK, linestyle=":", linewidth=0.9, zorder=2, label="pure minmax")
    ax.axhline(ps.minmax[1], color=_BLACK, linestyle=":", linewidth=0.9, zorder=2)
    if len(ps.vertices):
        _draw_convex(ax, ps.vertices, facecolor=_BLUE, edgecolor=_BLUE, alpha=0.55, linewidth=1.5, zorder=3,
                     label=f"pure SPE payoffs ({ps.kind}), δ = {delta_text}")
    else:
        ax.text(0.5, 0.97, f"no pure-strategy SPE at δ = {delta_text}", transform=ax.transAxes,
                ha="center", va="top", color=_VERMILLION)

    labels = _labels(profile_labels, m, n)
    points = {}
    for i in range(m):
        for j in range(n):
            key = tuple(ps.profiles[i, j].tolist())
            points.setdefault(key, []).append(labels[i][j] if labels else None)
    xy = np.array(list(points), dtype=float)
    ax.plot(xy[:, 0], xy[:, 1], "o", color=_VERMILLION, markersize=5, zorder=4, label="pure profiles")
    if labels:
        middle = (xy[:, 0].min() + xy[:, 0].max()) / 2
        for (x, y), names in points.items():
            right = x > middle  # labels of points on the right go to their left, so they stay inside the frame
            ax.annotate(", ".join(names), (x, y), xytext=(-3 if right else 3, 3), textcoords="offset points",
                        ha="right" if right else "left", color=_BLACK, zorder=5, fontsize="small")
    ax.set_xlabel(f"payoff of {ps.players[0]}" if xlabel is None else xlabel)
    ax.set_ylabel(f"payoff of {ps.players[1]}" if ylabel is None else ylabel)
    ax.margins(0.15)
