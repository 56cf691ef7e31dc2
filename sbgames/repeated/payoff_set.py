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

import math
import warnings
from dataclasses import dataclass

import numpy as np

from ..errors import InputError

__all__ = ["METHODS", "OUTER_DIRECTIONS", "PayoffSet", "payoff_set", "plot_payoff_set"]

#: the methods :func:`payoff_set` accepts
METHODS = ("abreu-sannikov", "outer")

#: number of fixed directions of the outer approximation (a multiple of 4: the axes are among them)
OUTER_DIRECTIONS = 64

#: geometric tolerance relative to the largest absolute payoff (points closer than this coincide)
_REL_EPS = 1e-11

_KINDS = {0: "empty", 1: "point", 2: "segment"}

# Okabe & Ito (2008) colour-blind-safe palette
_BLUE, _SKY, _VERMILLION, _BLACK = "#0072B2", "#56B4E9", "#D55E00", "#000000"


# -- planar geometry on convex polygons (CCW vertex arrays, possibly degenerate) ------------------

def _clean(poly: list, eps: float) -> list:
    """Simplify a convex polygon (CCW vertex list) in place, up to `eps`.

    Drops a vertex within `eps` of its predecessor (cyclically), and a vertex
    within `eps` of the line through its neighbours that lies between them
    (an end of a sliver lies on that line too, but outside: it stays).
    """
    changed = True
    while changed and len(poly) > 1:
        changed = False
        for i in range(len(poly)):
            p, q = poly[i - 1], poly[i]
            if math.hypot(q[0] - p[0], q[1] - p[1]) <= eps:
                del poly[i]
                changed = True
                break
        if changed or len(poly) < 3:
            continue
        k = len(poly)
        for i in range(k):
            o, a, b = poly[i - 1], poly[i], poly[(i + 1) % k]
            if math.hypot(b[0] - o[0], b[1] - o[1]) <= eps:
                del poly[(i + 1) % k]          # a is the tip of a spike o -> a -> b = o: b repeats o
                changed = True
                break
            if _redundant(o, a, b, eps):
                del poly[i]
                changed = True
                break
    return poly


def _redundant(o, a, b, eps: float) -> bool:
    """Whether `a` lies within `eps` of the segment from `o` to `b` (not merely of its line)."""
    bx, by, ax, ay = b[0] - o[0], b[1] - o[1], a[0] - o[0], a[1] - o[1]
    if ax * by - ay * bx > eps * math.hypot(bx, by):
        return False
    return ax * bx + ay * by >= 0 and (a[0] - b[0]) * -bx + (a[1] - b[1]) * -by >= 0


def _hull(points, eps: float) -> np.ndarray:
    """Convex hull of 2-D points: CCW vertices from the lowest leftmost one, no repeats.

    Andrew's monotone chain, then :func:`_clean`: vertices within `eps` of
    another one, or of the segment joining their neighbours, are dropped, so
    (nearly) collinear input gives a segment (2 rows) and coincident input a
    point.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(pts) == 0:
        return np.empty((0, 2))
    pts = pts[np.lexsort((pts[:, 1], pts[:, 0]))].tolist()     # repeats are popped by the chain
    if len(pts) > 1:
        def chain(seq):
            out = []
            for b in seq:
                while len(out) >= 2:
                    o, a = out[-2], out[-1]
                    if ((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]) > 0
                            and not _redundant(o, a, b, eps)):
                        break
                    out.pop()
                out.append(b)
            return out
        pts = _start(_clean(chain(pts)[:-1] + chain(pts[::-1])[:-1], eps), eps)
    return np.array(pts, dtype=float).reshape(-1, 2)


def _start(poly: list, eps: float) -> list:
    """Rotate a CCW vertex list to start from the lowest of the leftmost vertices (up to `eps`)."""
    if len(poly) > 1:
        left = min(p[0] for p in poly) + eps
        first = min((i for i in range(len(poly)) if poly[i][0] <= left), key=lambda i: poly[i][1])
        poly = poly[first:] + poly[:first]
    return poly


def _distances(points, poly) -> np.ndarray:
    """Euclidean distance from each point to the convex polygon `poly` (0 inside; inf if empty)."""
    X = np.asarray(points, dtype=float).reshape(-1, 2)
    P = np.asarray(poly, dtype=float).reshape(-1, 2)
    if len(P) == 0:
        return np.full(len(X), np.inf)
    if len(P) == 1:
        return np.hypot(*(X - P[0]).T)
    Ex, Ey = np.concatenate([P[1:], P[:1]]).T - P.T      # edges p_j -> p_{j+1}
    Rx = X[:, :1] - P[:, 0]                              # (n, k)
    Ry = X[:, 1:] - P[:, 1]
    t = np.clip((Rx * Ex + Ry * Ey) / (Ex * Ex + Ey * Ey), 0.0, 1.0)
    D = np.hypot(Rx - t * Ex, Ry - t * Ey).min(axis=1)
    if len(P) >= 3:
        D[(Ex * Ry - Ey * Rx >= 0).all(axis=1)] = 0.0
    return D


def _hausdorff(P, Q) -> float:
    """Hausdorff distance between two convex polygons given by their vertices.

    For convex sets the distance to a convex set is a convex function, so its
    maximum over a polygon is attained at a vertex: the result is exact.
    """
    P = np.asarray(P, dtype=float).reshape(-1, 2)
    Q = np.asarray(Q, dtype=float).reshape(-1, 2)
    if len(P) == 0 or len(Q) == 0:
        return 0.0 if len(P) == len(Q) else math.inf
    return float(max(_distances(P, Q).max(), _distances(Q, P).max()))


def _clip(poly: list, normal, offset: float, eps: float) -> list:
    """Intersect a convex polygon with the half-plane ``normal . x <= offset`` (Sutherland-Hodgman)."""
    k = len(poly)
    out = []
    for i in range(k):
        p, q = poly[i], poly[(i + 1) % k]
        sp = normal[0] * p[0] + normal[1] * p[1] - offset
        sq = normal[0] * q[0] + normal[1] * q[1] - offset
        if sp <= eps:
            out.append(p)
        if (sp <= eps) != (sq <= eps) and sp != sq:
            t = sp / (sp - sq)
            out.append([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    return _clean(out, eps)


def _clip_box(poly: np.ndarray, low, eps: float) -> np.ndarray:
    """Intersect a convex polygon with the quadrant ``x >= low`` (componentwise)."""
    out = poly.tolist()
    for normal, offset in (((-1.0, 0.0), -low[0]), ((0.0, -1.0), -low[1])):
        if out:
            out = _clip(out, normal, offset, eps)
    return np.array(out, dtype=float).reshape(-1, 2)


def _directions(n: int) -> np.ndarray:
    """`n` unit vectors equally spaced on the circle, the axes exact (n a multiple of 4)."""
    theta = 2 * np.pi * np.arange(n) / n
    H = np.column_stack([np.cos(theta), np.sin(theta)])
    H[np.abs(H) < 1e-15] = 0.0
    H[np.isclose(np.abs(H), 1.0, rtol=0, atol=1e-15)] = np.sign(H[np.isclose(np.abs(H), 1.0, rtol=0,
                                                                              atol=1e-15)])
    return H


def _polygon_from_support(H: np.ndarray, c: np.ndarray, eps: float) -> np.ndarray:
    """The polygon ``{x : H x <= c}`` (the directions include +-e1, +-e2 at indices 0, n/4, n/2, 3n/4)."""
    n = len(H)
    x0, x1, y0, y1 = -c[n // 2], c[0], -c[3 * n // 4], c[n // 4]
    if x0 > x1 + eps or y0 > y1 + eps:
        return np.empty((0, 2))
    x1, y1 = max(x0, x1), max(y0, y1)
    poly = _clean([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], eps)
    for h, off in zip(H.tolist(), c.tolist()):
        if not poly:
            break
        poly = _clip(poly, h, off, eps)
    return _hull(poly, eps) if poly else np.empty((0, 2))


# -- the stage game ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Stage:
    A: np.ndarray
    B: np.ndarray
    u: np.ndarray          # (m*n, 2) payoff profiles, row-major
    gains: np.ndarray      # (m*n, 2) best one-shot deviation gains
    minmax: np.ndarray     # pure-strategy minmax values
    eps: float

    @classmethod
    def of(cls, A, B) -> _Stage:
        A = np.array(A, dtype=float)
        B = np.array(B, dtype=float)
        if A.ndim != 2 or A.shape != B.shape or A.size == 0:
            raise InputError(f"A and B must be payoff matrices of the same shape, got {A.shape} and {B.shape}")
        if not (np.isfinite(A).all() and np.isfinite(B).all()):
            raise InputError("payoffs must be finite")
        u = np.column_stack([A.ravel(), B.ravel()])
        gains = np.column_stack([(A.max(axis=0, keepdims=True) - A).ravel(),
                                 (B.max(axis=1, keepdims=True) - B).ravel()])
        minmax = np.array([A.max(axis=0).min(), B.max(axis=1).min()])
        scale = float(np.abs(u).max())
        return cls(A, B, u, gains, minmax, _REL_EPS * (scale if scale > 0 else 1.0))


def _parse_delta(delta):
    if np.ndim(delta) == 0:
        pair = (float(delta), float(delta))
        given = pair[0]
    else:
        values = np.asarray(delta, dtype=float).ravel()
        if len(values) != 2:
            raise InputError(f"delta must be a number or a pair (delta_1, delta_2), got {delta!r}")
        pair = (float(values[0]), float(values[1]))
        given = pair
    for d in pair:
        if not 0 < d < 1:
            raise InputError(f"a discount factor must lie strictly between 0 and 1, got {d:g}")
    return given, np.array(pair)


# -- the operators ----------------------------------------------------------------------------

def _quadrant_boundary_points(W: np.ndarray, IC: np.ndarray, eps: float):
    """For each row ``c`` of `IC`, the vertices of ``W ∩ {w >= c}`` on the boundary of the quadrant.

    On each of the two rays ``{w_i = c_i, w_j >= c_j}`` these are the ends of
    the segment in which the ray meets ``W`` (the corner ``c`` among them when
    it lies in ``W``).  Returns the points, shape ``(len(IC), 4, 2)``, and a
    mask of the valid ones.
    """
    nA = len(IC)
    points = np.empty((nA, 4, 2))
    valid = np.zeros((nA, 4), dtype=bool)
    Wn = np.concatenate([W[1:], W[:1]])
    for i in (0, 1):
        j = 1 - i
        c = IC[:, i:i + 1]
        x, y, xn, yn = W[:, i], W[:, j], Wn[:, i], Wn[:, j]
        s, sn = x - c, xn - c
        on = np.abs(s) <= eps
        crossing = (s * sn < 0) & ~on & (np.abs(sn) > eps)
        with np.errstate(divide="ignore", invalid="ignore"):
            yc = y + (c - x) / (xn - x) * (yn - y)
        lo = np.where(crossing, yc, np.where(on, y, np.inf)).min(axis=1)
        hi = np.where(crossing, yc, np.where(on, y, -np.inf)).max(axis=1)
        ok = hi >= IC[:, j] - eps
        lo = np.maximum(lo, IC[:, j])
        hi = np.maximum(hi, lo)
        points[:, 2 * i:2 * i + 2, i] = IC[:, i:i + 1]
        points[:, 2 * i, j] = lo
        points[:, 2 * i + 1, j] = hi
        valid[:, 2 * i:2 * i + 2] = ok[:, None]
    return points, valid


def _apply(stage: _Stage, d: np.ndarray, W: np.ndarray, threat: np.ndarray, reduced: bool) -> np.ndarray:
    """One application of the APS operator to the polygon `W` (Abreu-Sannikov's form if `reduced`)."""
    eps = stage.eps
    u = stage.u
    IC = threat + (1 - d) / d * stage.gains
    points, valid = _quadrant_boundary_points(W, IC, eps)
    image = (1 - d) * u[:, None, :] + d * points
    if reduced:
        stationary = (u >= IC - eps).all(axis=1) & (_distances(u, W) <= eps)
        new = np.concatenate([u[stationary], image[valid & ~stationary[:, None]]])
    else:
        inside = (W[None, :, :] >= IC[:, None, :] - eps).all(axis=2)
        vertex_image = (1 - d) * u[:, None, :] + d * W[None, :, :]
        new = np.concatenate([image[valid], vertex_image[inside]])
    return _hull(new, eps)


def _iterate(step, W: np.ndarray, tol: float, max_iter: int):
    """Apply ``step(W, threat)`` until the set moves less than `tol` (Hausdorff) or is empty.

    The threat point is the largest, over the iterates so far, of their
    coordinatewise minimum: every iterate contains ``V``, so this is still at
    most ``V``'s own threat point (each player's worst equilibrium payoff).
    For the exact operator the iterates are nested and it is just the current
    minimum; the reduced operator of Abreu and Sannikov is not monotone, and
    with the current minimum alone its iterates can cycle.
    """
    threat = W.min(axis=0)
    for iteration in range(1, max_iter + 1):
        new = step(W, threat)
        if len(new) == 0:
            return new, iteration, True
        if new.shape == W.shape and np.hypot(*(new - W).T).max() < tol:
            distance = 0.0                    # the Hausdorff distance is at most the largest move
        elif max(np.abs(new.min(axis=0) - W.min(axis=0)).max(),
                 np.abs(new.max(axis=0) - W.max(axis=0)).max()) >= tol:
            distance = math.inf               # support values in the axis directions: a lower bound
        else:
            distance = _hausdorff(W, new)
        W = new
        threat = np.maximum(threat, W.min(axis=0))
        if distance < tol:
            return W, iteration, True
    return W, max_iter, False


def _abreu_sannikov(stage: _Stage, d: np.ndarray, tol: float, max_iter: int, reduced=None):
    common = d[0] == d[1]
    reduced = common if reduced is None else reduced
    if common:
        W0 = _hull(stage.u, stage.eps)
    else:
        lo, hi = stage.u.min(axis=0), stage.u.max(axis=0)
        W0 = _hull([lo, [hi[0], lo[1]], hi, [lo[0], hi[1]]], stage.eps)
    return _iterate(lambda W, threat: _apply(stage, d, W, threat, reduced), W0, tol, max_iter)


def _outer(stage: _Stage, d: np.ndarray, tol: float, max_iter: int, n_directions: int = OUTER_DIRECTIONS):
    from scipy import sparse
    from scipy.optimize import linprog

    if n_directions < 4 or n_directions % 4:
        raise InputError(f"n_directions must be a positive multiple of 4, got {n_directions}")
    eps, u = stage.eps, stage.u
    H = _directions(n_directions)
    if d[0] == d[1]:
        c = (u @ H.T).max(axis=0)                    # support of the convex hull of the profiles
    else:
        lo, hi = u.min(axis=0), u.max(axis=0)
        corners = np.array([lo, [hi[0], lo[1]], hi, [lo[0], hi[1]]])
        c = (corners @ H.T).max(axis=0)
    # one LP per action profile: for every direction h a block "maximise (d*h).w s.t. w in W,
    # w >= IC(a)"; the blocks share nothing, so the stacked optimum is optimal block by block
    Hd = H * d
    objective = -Hd.ravel()
    stationary_part = ((1 - d) * u) @ H.T           # (nA, n_directions)

    def step(W, threat):
        nonlocal c
        IC = threat + (1 - d) / d * stage.gains
        # the rows: the edges of W (the same polygon as {H w <= c}, with far fewer rows), or all
        # the directions when W is a point or a segment
        if len(W) >= 3:
            edges = np.concatenate([W[1:], W[:1]]) - W
            normals = np.column_stack([edges[:, 1], -edges[:, 0]])
            normals /= np.hypot(normals[:, 0], normals[:, 1])[:, None]
            G, g = normals, np.einsum("ij,ij->i", normals, W)
        else:
            G, g = H, c
        A_ub = sparse.kron(sparse.identity(n_directions, format="csr"), sparse.csr_matrix(G), format="csr")
        b_ub = np.tile(g, n_directions)
        best = np.full(n_directions, -np.inf)
        top = W.max(axis=0) + eps
        for a in range(len(u)):
            if (IC[a] > top).any():                   # W ∩ Q(a) is plainly empty: no LP needed
                continue
            bounds = np.column_stack([np.tile(IC[a], n_directions), np.full(2 * n_directions, np.inf)])
            res = linprog(objective, A_ub=A_ub, b_ub=b_ub, bounds=bounds, method="highs")
            if res.status == 2:                       # W ∩ Q(a) is empty: a cannot be enforced
                continue
            if res.status != 0:
                raise RuntimeError(f"linprog failed on action profile {a}: {res.message}")
            w = res.x.reshape(n_directions, 2)
            best = np.maximum(best, stationary_part[a] + np.einsum("ij,ij->i", Hd, w))
        if not np.isfinite(best).all():
            return np.empty((0, 2))
        c = best
        return _polygon_from_support(H, c, eps)

    return _iterate(step, _polygon_from_support(H, c, eps), tol, max_iter)


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
        inside = _distances(pts, self.vertices) <= tol
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
            Q = _hull(pts, _REL_EPS * max(1.0, float(np.abs(pts).max(initial=0.0))))
        return _hausdorff(self.vertices, Q)

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
    stage = _Stage.of(A, B)
    given, d = _parse_delta(delta)
    if method == "outer":
        vertices, iterations, converged = _outer(stage, d, tol, int(max_iter))
    else:
        vertices, iterations, converged = _abreu_sannikov(stage, d, tol, int(max_iter))
    # the iterates approach V from outside, about geometrically at the rate delta, so the last one
    # is within about tol * delta / (1 - delta) of V; a vertex converging to a point inside an edge
    # of V is still a vertex, that close to the edge, when the iteration stops: drop it
    accuracy = max(stage.eps, tol * d.max() / (1 - d.max()))
    vertices = np.array(_start(_clean(vertices.tolist(), accuracy), accuracy), dtype=float).reshape(-1, 2)
    if not converged:
        warnings.warn(f"payoff_set ({method}) did not converge in {max_iter} iterations "
                      f"(tol={tol}); the result has converged=False", RuntimeWarning, stacklevel=2)
    feasible = _hull(stage.u, stage.eps)
    return PayoffSet(
        vertices=_readonly(vertices),
        kind=_KINDS.get(len(vertices), "polygon"),
        method=method,
        delta=given,
        iterations=iterations,
        converged=converged,
        feasible=_readonly(feasible),
        minmax=_readonly(stage.minmax),
        individually_rational=_readonly(_clip_box(feasible, stage.minmax, stage.eps)),
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


def plot_payoff_set(ps: PayoffSet, ax=None, profile_labels=None, xlabel: str = "payoff of player 1",
                    ylabel: str = "payoff of player 2", legend: bool = True):
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
    xlabel, ylabel : str
    legend : bool

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

    if ax is None:
        fig, ax = plt.subplots(figsize=(5.6, 5.0), layout="constrained")
    fig = ax.figure
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
        for (x, y), names in points.items():
            ax.annotate(", ".join(names), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8,
                        color=_BLACK, zorder=5)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.margins(0.1)
    if legend:
        ax.legend(loc="best", fontsize=8, framealpha=0.85)
    return fig
