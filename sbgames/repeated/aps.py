"""The operator of Abreu, Pearce and Stacchetti on convex polygons, and the two ways to iterate it.

A :class:`Stage` is a bimatrix stage game prepared for the operator (its
payoff profiles, one-shot deviation gains and pure minmax values).
:func:`abreu_sannikov` iterates the exact operator (Abreu and Sannikov's
four-point form with a common discount factor), :func:`outer_approximation`
the outer approximation of Judd, Yeltekin and Conklin with fixed directions.
Both return ``(vertices, iterations, converged)``; the module docstring of
:mod:`sbgames.repeated.payoff_set` explains the methods and the stopping
rule, and :func:`~sbgames.repeated.payoff_set.payoff_set` is the function to
call.

Examples
--------
>>> stage = Stage.of([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> stage.minmax.tolist()
[1.0, 1.0]
>>> vertices, iterations, converged = abreu_sannikov(stage, np.array([0.2, 0.2]), 1e-9, 500)
>>> vertices.tolist(), converged
([[1.0, 1.0]], True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .polygons import (RELATIVE_EPS, convex_hull, distances_to_polygon, hausdorff_distance, polygon_from_support,
                       unit_directions)

__all__ = ["Stage", "discount_factors", "abreu_sannikov", "outer_approximation", "OUTER_DIRECTIONS"]

#: number of fixed directions of the outer approximation (a multiple of 4: the axes are among them)
OUTER_DIRECTIONS = 64


@dataclass(frozen=True)
class Stage:
    """A bimatrix stage game prepared for the APS operator (build it with :meth:`Stage.of`)."""

    A: np.ndarray
    B: np.ndarray
    u: np.ndarray          # (m*n, 2) payoff profiles, row-major
    gains: np.ndarray      # (m*n, 2) best one-shot deviation gains
    minmax: np.ndarray     # pure-strategy minmax values
    eps: float

    @classmethod
    def of(cls, A, B) -> Stage:
        """The stage game with payoff matrices `A` (row player) and `B` (column player).

        Raises
        ------
        InputError
            If the matrices differ in shape, are empty or hold non-finite payoffs.
        """
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
        return cls(A, B, u, gains, minmax, RELATIVE_EPS * (scale if scale > 0 else 1.0))


def discount_factors(delta):
    """The discount factor(s) as given and as a pair array: a common one or ``(delta_1, delta_2)``, each in (0, 1).

    Raises
    ------
    InputError
        If `delta` is not one number or a pair, or a factor is outside (0, 1).
    """
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


def _apply(stage: Stage, d: np.ndarray, W: np.ndarray, threat: np.ndarray, reduced: bool) -> np.ndarray:
    """One application of the APS operator to the polygon `W` (Abreu-Sannikov's form if `reduced`)."""
    eps = stage.eps
    u = stage.u
    IC = threat + (1 - d) / d * stage.gains
    points, valid = _quadrant_boundary_points(W, IC, eps)
    image = (1 - d) * u[:, None, :] + d * points
    if reduced:
        stationary = (u >= IC - eps).all(axis=1) & (distances_to_polygon(u, W) <= eps)
        new = np.concatenate([u[stationary], image[valid & ~stationary[:, None]]])
    else:
        inside = (W[None, :, :] >= IC[:, None, :] - eps).all(axis=2)
        vertex_image = (1 - d) * u[:, None, :] + d * W[None, :, :]
        new = np.concatenate([image[valid], vertex_image[inside]])
    return convex_hull(new, eps)


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
            distance = hausdorff_distance(W, new)
        W = new
        threat = np.maximum(threat, W.min(axis=0))
        if distance < tol:
            return W, iteration, True
    return W, max_iter, False


def abreu_sannikov(stage: Stage, d: np.ndarray, tol: float, max_iter: int, reduced=None):
    """Iterate the APS operator exactly; the four-point form of Abreu and Sannikov if `reduced`.

    `reduced` defaults to whether the discount factors `d` are equal (the
    reduction holds only then).  Returns ``(vertices, iterations, converged)``.
    """
    common = d[0] == d[1]
    reduced = common if reduced is None else reduced
    if common:
        W0 = convex_hull(stage.u, stage.eps)
    else:
        lo, hi = stage.u.min(axis=0), stage.u.max(axis=0)
        W0 = convex_hull([lo, [hi[0], lo[1]], hi, [lo[0], hi[1]]], stage.eps)
    return _iterate(lambda W, threat: _apply(stage, d, W, threat, reduced), W0, tol, max_iter)


def outer_approximation(stage: Stage, d: np.ndarray, tol: float, max_iter: int,
                        n_directions: int = OUTER_DIRECTIONS):
    """Iterate the outer approximation with `n_directions` fixed directions (one LP per action profile).

    Returns ``(vertices, iterations, converged)``.

    Raises
    ------
    InputError
        If `n_directions` is not a positive multiple of 4.
    """
    from scipy import sparse
    from scipy.optimize import linprog

    if n_directions < 4 or n_directions % 4:
        raise InputError(f"n_directions must be a positive multiple of 4, got {n_directions}")
    eps, u = stage.eps, stage.u
    H = unit_directions(n_directions)
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
        return polygon_from_support(H, c, eps)

    return _iterate(step, polygon_from_support(H, c, eps), tol, max_iter)
