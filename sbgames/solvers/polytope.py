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
        if len(ip) and len(iq):
            # candidate pairs: enough common tight constraints to span an edge (rank d - 2)
            common = bits[ip][:, None, :] & bits[iq][None, :, :]
            sizes = np.bitwise_count(common).sum(axis=2)
            cand_p, cand_q = np.nonzero(sizes >= d - 2)
            if len(cand_p):
                cc = common[cand_p, cand_q]
                # adjacent iff no third ray is tight on all their common constraints
                covers = ((bits[None, :, :] & cc[:, None, :]) == cc[:, None, :]).all(axis=2)
                adjacent = covers.sum(axis=1) == 2
                a_p, a_q = cand_p[adjacent], cand_q[adjacent]
                if len(a_p):
                    p_idx, q_idx = ip[a_p], iq[a_q]
                    combo = values[p_idx][:, None] * rays[q_idx] - values[q_idx][:, None] * rays[p_idx]
                    if exact:
                        combo = _reduce_exact(combo)
                    else:
                        combo = combo / np.max(np.abs(combo), axis=1, keepdims=True)
                    new_rays.append(combo)
                    nb = cc[adjacent].copy()
                    nb[:, k // 64] |= np.uint64(1) << np.uint64(k % 64)
                    new_bits.append(nb)
        if zero.any():
            bits[zero, k // 64] |= np.uint64(1) << np.uint64(k % 64)
        keep = ~neg
        rays = np.concatenate([rays[keep], *new_rays]) if new_rays else rays[keep]
        bits = np.concatenate([bits[keep], *new_bits]) if new_bits else bits[keep]
    tight = np.unpackbits(bits.view(np.uint8), axis=1, bitorder="little")[:, :K].astype(bool)
    return rays, tight
