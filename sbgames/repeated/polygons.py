"""Planar geometry on convex polygons: hulls, distances, clipping, support functions.

Polygons are arrays (or lists) of vertices in counter-clockwise order,
possibly degenerate: no vertex (empty), one (a point) or two (a segment).
Every operation takes a tolerance `eps`: points closer than `eps` coincide,
and a vertex within `eps` of the segment joining its neighbours is dropped.
The repeated-game payoff sets (:mod:`sbgames.repeated.payoff_set`) are
computed with these.

Examples
--------
>>> convex_hull([[0, 0], [2, 0], [1, 1], [0, 2], [2, 2], [1, 1e-13]], 1e-11).tolist()
[[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]
>>> float(hausdorff_distance([[0, 0], [1, 0], [0, 1]], [[0, 0]]))
1.0
>>> distances_to_polygon([[0.2, 0.2], [2, 0]], [[0, 0], [1, 0], [0, 1]]).tolist()
[0.0, 1.0]
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["RELATIVE_EPS", "simplify_polygon", "convex_hull", "lowest_first", "distances_to_polygon",
           "hausdorff_distance", "clip_to_quadrant", "unit_directions", "polygon_from_support"]

#: geometric tolerance relative to the largest absolute payoff (points closer than this coincide)
RELATIVE_EPS = 1e-11


def simplify_polygon(poly: list, eps: float) -> list:
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


def convex_hull(points, eps: float) -> np.ndarray:
    """Convex hull of 2-D points: CCW vertices from the lowest leftmost one, no repeats.

    Andrew's monotone chain, then :func:`simplify_polygon`: vertices within `eps` of
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
        pts = lowest_first(simplify_polygon(chain(pts)[:-1] + chain(pts[::-1])[:-1], eps), eps)
    return np.array(pts, dtype=float).reshape(-1, 2)


def lowest_first(poly: list, eps: float) -> list:
    """Rotate a CCW vertex list to start from the lowest of the leftmost vertices (up to `eps`)."""
    if len(poly) > 1:
        left = min(p[0] for p in poly) + eps
        first = min((i for i in range(len(poly)) if poly[i][0] <= left), key=lambda i: poly[i][1])
        poly = poly[first:] + poly[:first]
    return poly


def distances_to_polygon(points, poly) -> np.ndarray:
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


def hausdorff_distance(P, Q) -> float:
    """Hausdorff distance between two convex polygons given by their vertices.

    For convex sets the distance to a convex set is a convex function, so its
    maximum over a polygon is attained at a vertex: the result is exact.
    """
    P = np.asarray(P, dtype=float).reshape(-1, 2)
    Q = np.asarray(Q, dtype=float).reshape(-1, 2)
    if len(P) == 0 or len(Q) == 0:
        return 0.0 if len(P) == len(Q) else math.inf
    return float(max(distances_to_polygon(P, Q).max(), distances_to_polygon(Q, P).max()))


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
    return simplify_polygon(out, eps)


def clip_to_quadrant(poly: np.ndarray, low, eps: float) -> np.ndarray:
    """Intersect a convex polygon with the quadrant ``x >= low`` (componentwise)."""
    out = poly.tolist()
    for normal, offset in (((-1.0, 0.0), -low[0]), ((0.0, -1.0), -low[1])):
        if out:
            out = _clip(out, normal, offset, eps)
    return np.array(out, dtype=float).reshape(-1, 2)


def unit_directions(n: int) -> np.ndarray:
    """`n` unit vectors equally spaced on the circle, the axes exact (n a multiple of 4)."""
    theta = 2 * np.pi * np.arange(n) / n
    H = np.column_stack([np.cos(theta), np.sin(theta)])
    H[np.abs(H) < 1e-15] = 0.0
    H[np.isclose(np.abs(H), 1.0, rtol=0, atol=1e-15)] = np.sign(H[np.isclose(np.abs(H), 1.0, rtol=0,
                                                                              atol=1e-15)])
    return H


def polygon_from_support(H: np.ndarray, c: np.ndarray, eps: float) -> np.ndarray:
    """The polygon ``{x : H x <= c}`` (the directions include +-e1, +-e2 at indices 0, n/4, n/2, 3n/4)."""
    n = len(H)
    x0, x1, y0, y1 = -c[n // 2], c[0], -c[3 * n // 4], c[n // 4]
    if x0 > x1 + eps or y0 > y1 + eps:
        return np.empty((0, 2))
    x1, y1 = max(x0, x1), max(y0, y1)
    poly = simplify_polygon([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], eps)
    for h, off in zip(H.tolist(), c.tolist()):
        if not poly:
            break
        poly = _clip(poly, h, off, eps)
    return convex_hull(poly, eps) if poly else np.empty((0, 2))
