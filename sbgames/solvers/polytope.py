"""Vertex enumeration of pointed polyhedral cones by the double description method.

This is the geometric engine behind the 2-player solver.  It finds every
extreme ray of a cone ``{z : G z >= 0}`` whose first ``d`` rows are the
identity (so the cone lies in the non-negative orthant and is pointed),
together with the set of constraints tight at each ray.  The adjacency test
is the combinatorial one of Fukuda and Prodon (1996), which stays correct
on degenerate cones, where more constraints than the dimension meet at a
ray: exactly the situation that ties in payoffs create.

Two arithmetics share the same code: exact (Python integers, rays reduced
by their gcd, signs decided exactly) and float (rays rescaled, signs decided
against a tolerance).

Examples
--------
The square ``0 <= x, y <= 1`` as the cone ``t >= 0, x >= 0, y >= 0,
t - x >= 0, t - y >= 0`` has four extreme rays, the square's corners:

>>> G = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, -1, 0], [1, 0, -1]], dtype=object)
>>> rays, tight = extreme_rays(G, exact=True)
>>> sorted(tuple(r) for r in rays)
[(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["extreme_rays"]


def _reduce_exact(rays: np.ndarray) -> np.ndarray:
    """Divide each integer ray by the gcd of its entries."""
    for r in range(rays.shape[0]):
        g = math.gcd(*rays[r])
        if g > 1:
            rays[r] = rays[r] // g
    return rays


#: Refuse polytopes with more vertices than this (a clear error instead of exhausted memory).
MAX_RAYS = 2_000_000
#: Elements of the largest temporary array of the adjacency test (bounds its memory).
_CHUNK_ELEMENTS = 4_000_000


def _adjacent_pairs(bits, ip, iq, d):
    """Adjacent pairs (positive ray, negative ray) with their common tight sets, in memory-bounded chunks.

    A pair is a candidate when its common tight set is large enough to span an
    edge (rank ``d - 2``); it is adjacent when no third ray is tight on all of
    those constraints.
    """
    words = bits.shape[1]
    step = max(1, _CHUNK_ELEMENTS // max(1, len(iq) * words))
    for start in range(0, len(ip), step):
        block = ip[start:start + step]
        common = bits[block][:, None, :] & bits[iq][None, :, :]
        sizes = np.bitwise_count(common).sum(axis=2)
        cand_p, cand_q = np.nonzero(sizes >= d - 2)
        if not len(cand_p):
            continue
        cc = common[cand_p, cand_q]
        del common
        sub = max(1, _CHUNK_ELEMENTS // max(1, len(bits) * words))
        adjacent = np.empty(len(cc), dtype=bool)
        for s in range(0, len(cc), sub):
            part = cc[s:s + sub]
            covers = ((bits[None, :, :] & part[:, None, :]) == part[:, None, :]).all(axis=2)
            adjacent[s:s + sub] = covers.sum(axis=1) == 2
        if adjacent.any():
            yield block[cand_p[adjacent]], iq[cand_q[adjacent]], cc[adjacent].copy()


def extreme_rays(G: np.ndarray, exact: bool, eps: float = 1e-9) -> tuple[np.ndarray, np.ndarray]:
    """Every extreme ray of ``{z : G z >= 0}`` and the constraints tight at it.

    Parameters
    ----------
    G : numpy.ndarray, shape (K, d)
        Constraint rows; ``G[:d]`` must be the identity matrix.  In exact
        mode the entries are Python integers (object dtype).
    exact : bool
        Integer arithmetic (exact) or floats.
    eps : float
        Float mode only: a value within ``eps`` (relative to the row's
        scale) counts as zero.

    Returns
    -------
    rays : numpy.ndarray, shape (R, d)
        One row per extreme ray (integers with gcd 1 in exact mode; floats
        scaled to largest entry 1 otherwise).
    tight : numpy.ndarray of bool, shape (R, K)
        ``tight[r, k]`` is True when constraint ``k`` holds with equality.
    """
    K, d = G.shape
    if not (G[:d] == np.eye(d, dtype=int)).all():
        raise ValueError("extreme_rays needs the first d constraint rows to be the identity")
    words = -(-K // 64)
    rays = np.eye(d, dtype=int).astype(object) if exact else np.eye(d)
    tight = np.zeros((d, words * 64), dtype=bool)
    tight[:, :d] = ~np.eye(d, dtype=bool)
    bits = np.packbits(tight, axis=1, bitorder="little").view(np.uint64)
    for k in range(d, K):
        row = G[k]
        values = rays.dot(row)
        if exact:
            pos = np.array([v > 0 for v in values], dtype=bool)
            neg = np.array([v < 0 for v in values], dtype=bool)
        else:
            scale = eps * max(1.0, float(np.max(np.abs(row))))
            pos, neg = values > scale, values < -scale
        zero = ~(pos | neg)
        ip, iq = np.nonzero(pos)[0], np.nonzero(neg)[0]
        new_rays, new_bits = [], []
        for p_idx, q_idx, cc in _adjacent_pairs(bits, ip, iq, d):
            combo = values[p_idx][:, None] * rays[q_idx] - values[q_idx][:, None] * rays[p_idx]
            if exact:
                combo = _reduce_exact(combo)
            else:
                combo = combo / np.max(np.abs(combo), axis=1, keepdims=True)
            new_rays.append(combo)
            cc[:, k // 64] |= np.uint64(1) << np.uint64(k % 64)
            new_bits.append(cc)
        if sum(len(r) for r in new_rays) + len(rays) > MAX_RAYS:
            raise ValueError(f"more than {MAX_RAYS} vertices in the best-response polytope: the game is too "
                             "large for vertex enumeration")
        if zero.any():
            bits[zero, k // 64] |= np.uint64(1) << np.uint64(k % 64)
        keep = ~neg
        rays = np.concatenate([rays[keep], *new_rays]) if new_rays else rays[keep]
        bits = np.concatenate([bits[keep], *new_bits]) if new_bits else bits[keep]
    tight = np.unpackbits(bits.view(np.uint8), axis=1, bitorder="little")[:, :K].astype(bool)
    return rays, tight
