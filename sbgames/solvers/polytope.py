"""Vertex enumeration of pointed polyhedral cones by the double description method.

This is the geometric engine behind the 2-player solver.  It finds every
extreme ray of a cone ``{z : G z >= 0}`` whose first ``d`` rows are the
identity (so the cone lies in the non-negative orthant and is pointed),
together with the set of constraints tight at each ray.

Constraints are added one at a time; a new ray is formed from each pair of
adjacent rays on opposite sides of the new constraint.  Two rays are
adjacent when the constraints tight at both span an edge of the cone.  Most
rays are *simple* (exactly ``d - 1`` tight constraints, which are then
linearly independent): two rays of which one is simple are adjacent
exactly when they share ``d - 2`` tight constraints, so the pairs of simple
rays are found by sorting each ray's ``d - 1`` sets of ``d - 2`` tight
constraints and matching equal sets, in time and memory linear in the
number of rays.  Pairs with a *degenerate* ray (more tight constraints, as
ties in payoffs create) get the combinatorial test of Fukuda and Prodon
(1996): no third ray is tight on all their common constraints.

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
>>> unpack(tight, 5)[np.argmax([tuple(r) == (1, 1, 1) for r in rays])].tolist()   # corner (1, 1): t - x, t - y
[False, False, False, True, True]
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import InputError, SolverLimitError

__all__ = ["extreme_rays", "bitmasks", "unpack", "check_size", "check_memory", "held_bytes", "MAX_RAYS",
           "MEMORY_LIMIT", "CHUNK_BYTES"]

#: Refuse cones with more extreme rays than this, at any step (a clear error instead of exhausted memory).
MAX_RAYS = 5_000_000
#: Refuse a solve whose arrays would need more than this many bytes in all (estimated before allocating):
#: the rays and tight sets of the cone being enumerated, what the caller holds already (for a
#: 2-player game, the other polytope's vertices and then the pairing), and the chunks of temporaries.
MEMORY_LIMIT = 3 * 2**29   # 1.5 GiB
#: Elements of the largest temporary array of a chunked step (bounds its memory).
_CHUNK_ELEMENTS = 1_000_000
#: Bytes the chunked temporaries of a step may take at once (a few arrays of _CHUNK_ELEMENTS 8-byte items).
CHUNK_BYTES = 8 * 8 * _CHUNK_ELEMENTS
#: Up to this many (positive, negative) pairs, every pair is compared rather than ridges sorted.
_PAIRWISE_PAIRS = 40_000


def _reduce_exact(rays: np.ndarray) -> np.ndarray:
    """Divide each integer ray by the gcd of its entries."""
    for r in range(rays.shape[0]):
        g = math.gcd(*rays[r])
        if g > 1:
            rays[r] = rays[r] // g
    return rays


def ray_bytes(d: int, constraints: int, exact: bool) -> int:
    """Estimated bytes one ray of a cone in R^d with `constraints` rows costs at the peak of a step.

    The coordinates of the rays before and after the step (8 bytes a float;
    about 40 a Python integer with its pointer), their bitmasks of tight
    constraints, the new constraint's values, sign masks and the pair
    indices, and the ``d - 1`` ridges sorted while matching simple rays
    (8 bytes each when they fit one word, more otherwise) where they take
    more than the next step's coordinates, which are allocated after the
    ridges are freed.
    """
    words = -(-constraints // 64)
    coordinates = d * (40 if exact else 8)
    ridges = (d - 1) * (8 if words == 1 else 32 + 16 * words)
    return 2 * coordinates + 16 * words + 32 + max(0, ridges - coordinates)


def held_bytes(*arrays) -> int:
    """Bytes `arrays` hold (object arrays of Python integers estimated at 40 bytes an entry).

    Examples
    --------
    >>> held_bytes(np.zeros((10, 3)), np.zeros(10, dtype=np.uint64))
    320
    """
    return sum(a.size * 40 if a.dtype == object else a.nbytes for a in arrays)


def check_memory(need: int, what: str) -> None:
    """Raise :class:`~sbgames.errors.SolverLimitError` if `need` bytes (with CHUNK_BYTES) pass MEMORY_LIMIT.

    `what` names what needs the memory, completing "... needing about N MiB".
    """
    need += CHUNK_BYTES
    if need > MEMORY_LIMIT:
        raise SolverLimitError(f"{what}, needing about {need / 2**20:,.0f} MiB in all, over the memory limit of "
                               f"{MEMORY_LIMIT / 2**20:,.0f} MiB (MEMORY_LIMIT); the game is too large for "
                               "vertex enumeration")


def check_size(count: int, d: int, constraints: int, exact: bool, what: str = "cone", held: int = 0) -> None:
    """Raise :class:`~sbgames.errors.SolverLimitError` if `count` rays are over MAX_RAYS or MEMORY_LIMIT.

    `held` is the memory the caller holds already (bytes), counted against
    MEMORY_LIMIT with the rays' own (:func:`ray_bytes` each).

    Examples
    --------
    >>> check_size(10, 3, 5, exact=False)
    >>> check_size(MAX_RAYS + 1, 3, 5, exact=False)
    Traceback (most recent call last):
    ...
    sbgames.errors.SolverLimitError: the cone has more than 5,000,000 extreme rays (the limit MAX_RAYS); the game
    is too large for vertex enumeration
    """
    if count > MAX_RAYS:
        raise SolverLimitError(f"the {what} has more than {MAX_RAYS:,} extreme rays (the limit MAX_RAYS); "
                               "the game is too large for vertex enumeration")
    held_text = f" with {held / 2**20:,.0f} MiB held for the rest of the solve" if held else ""
    check_memory(count * ray_bytes(d, constraints, exact) + held,
                 f"the {what} has at least {count:,} extreme rays{held_text}")


def bitmasks(table: np.ndarray) -> np.ndarray:
    """Each row of a boolean table as uint64 words: bit ``k % 64`` of word ``k // 64`` is ``table[:, k]``.

    Examples
    --------
    >>> bitmasks(np.array([[True, False, True], [False, True, False]]))
    array([[5],
           [2]], dtype=uint64)
    """
    words = -(-table.shape[1] // 64)
    padded = np.zeros((len(table), 64 * words), dtype=bool)
    padded[:, :table.shape[1]] = table
    return np.packbits(padded, axis=1, bitorder="little").view(np.uint64)


def unpack(bits: np.ndarray, width: int) -> np.ndarray:
    """The boolean table of `width` columns whose rows :func:`bitmasks` packed into `bits`.

    Examples
    --------
    >>> unpack(np.array([[5], [2]], dtype=np.uint64), 3).tolist()
    [[True, False, True], [False, True, False]]
    """
    return np.unpackbits(bits.view(np.uint8), axis=1, bitorder="little")[:, :width].view(bool)


def _ridges(bits: np.ndarray, rows: np.ndarray):
    """The ridges of the rays in `rows` (each tight set minus one of its constraints), sorted.

    Returns ``(same, owner)``: ``same(lo, hi)`` tells, for sorted positions
    ``lo <= i < hi``, whether ridge ``i + 1`` equals ridge ``i``, and
    ``owner(i)`` the ray of ridge ``i``.  When the tight-set bits and a ray's
    position in `rows` fit in one 64-bit word together, each ridge is that
    one word, sorted in place (8 bytes a ridge); otherwise ridge words and
    owners are sorted as rows.
    """
    shift = max(1, int(len(rows)).bit_length())
    if bits.shape[1] == 1 and int(np.max(bits[rows, 0], initial=0)).bit_length() + shift <= 64:
        masks = bits[rows, 0]
        packed = np.empty(int(np.bitwise_count(masks).sum()), dtype=np.uint64)
        filled = 0
        width = int(np.max(masks, initial=0)).bit_length()   # the constraints tight anywhere
        step = max(1, _CHUNK_ELEMENTS // 256)
        for start in range(0, len(masks), step):   # in chunks: unpacked bits and ridge temporaries
            chunk = masks[start:start + step]
            owner, column = np.nonzero(np.unpackbits(chunk.view(np.uint8).reshape(-1, 8), axis=1,
                                                     count=width, bitorder="little"))
            ridge = (chunk[owner] ^ (np.uint64(1) << column.astype(np.uint64))) << np.uint64(shift)
            packed[filled:filled + len(owner)] = ridge | (owner + start).astype(np.uint64)
            filled += len(owner)
        packed.sort()
        low = np.uint64((1 << shift) - 1)
        return (lambda lo, hi: (packed[lo + 1:hi + 1] ^ packed[lo:hi]) <= low,
                lambda i: rows[(packed[i] & low).astype(np.intp)])
    tight = np.unpackbits(bits[rows].view(np.uint8), axis=1, bitorder="little")
    owner, column = np.nonzero(tight)
    del tight
    ridges = bits[rows[owner]]
    ridges[np.arange(len(owner)), column // 64] ^= np.uint64(1) << (column % 64).astype(np.uint64)
    order = np.lexsort(ridges.T)
    ridges, owner = ridges[order], rows[owner[order]]
    return (lambda lo, hi: (ridges[lo + 1:hi + 1] == ridges[lo:hi]).all(axis=1)), (lambda i: owner[i])


def _simple_pairs(bits, positive, rows, simple):
    """Pairs (positive ray, negative ray) among the simple `rows` that share ``d - 2`` tight constraints.

    In exact arithmetic at most two simple rays share such a set (it spans a
    2-dimensional face).  A set shared by three or more (possible only
    through float rounding) demotes its rays to the pairwise test; the
    updated `simple` is returned with the pairs.  The sorted ridges are
    scanned in chunks, so only the pairs found take further memory.
    """
    same, owner = _ridges(bits, rows)
    count = int(np.bitwise_count(bits[rows]).sum())
    found_p, found_q, crowded = [rows[:0]], [rows[:0]], [rows[:0]]
    for lo in range(0, max(0, count - 1), _CHUNK_ELEMENTS):
        hi = min(count - 1, lo + _CHUNK_ELEMENTS)
        equal = same(lo, hi)
        at = np.nonzero(equal)[0] + lo
        a, b = owner(at), owner(at + 1)
        cross = positive[a] != positive[b]
        found_p.append(np.where(positive[a], a, b)[cross])
        found_q.append(np.where(positive[a], b, a)[cross])
        # three or more equal ridges in a row, also across the chunk's end
        triple = np.nonzero(equal[:-1] & equal[1:])[0] + lo
        if hi < count - 1 and equal[-1] and same(hi, hi + 1)[0]:
            triple = np.append(triple, hi - 1)
        crowded.append(np.concatenate([owner(triple), owner(triple + 1), owner(triple + 2)]))
    p, q, crowded = np.concatenate(found_p), np.concatenate(found_q), np.concatenate(crowded)
    if len(crowded):
        simple = simple.copy()
        simple[crowded] = False
        keep = simple[p] & simple[q]
        p, q = p[keep], q[keep]
    return p, q, simple


def _pairwise(bits, rows, cols, d, simple):
    """Adjacent pairs among rows x cols by comparing tight sets, in memory-bounded chunks.

    A pair is a candidate when it shares at least ``d - 2`` tight
    constraints.  If one of the two rays is simple and they share exactly
    ``d - 2``, those are independent and span an edge: adjacent.  Otherwise
    the pair is adjacent when no third ray is tight on all the constraints
    it shares.
    """
    words = bits.shape[1]
    out_p, out_q = [rows[:0]], [cols[:0]]
    step = max(1, _CHUNK_ELEMENTS // max(1, len(cols) * words))
    for start in range(0, len(rows), step):
        block = rows[start:start + step]
        sizes = np.bitwise_count(bits[block][:, None, :] & bits[cols][None, :, :]).sum(axis=2)
        cand_p, cand_q = np.nonzero(sizes >= d - 2)
        if not len(cand_p):
            continue
        p, q = block[cand_p], cols[cand_q]
        adjacent = (simple[p] | simple[q]) & (sizes[cand_p, cand_q] == d - 2)
        hard = np.nonzero(~adjacent)[0]
        common = bits[p[hard]] & bits[q[hard]]
        sub = max(1, _CHUNK_ELEMENTS // (len(bits) * words))
        for s in range(0, len(hard), sub):
            part = common[s:s + sub]
            covers = ((bits[None, :, :] & part[:, None, :]) == part[:, None, :]).all(axis=2)
            adjacent[hard[s:s + sub]] = covers.sum(axis=1) == 2
        out_p.append(p[adjacent])
        out_q.append(q[adjacent])
    return np.concatenate(out_p), np.concatenate(out_q)


def _adjacent_pairs(bits, pos, neg, d):
    """Every adjacent pair (positive ray, negative ray) as two index arrays."""
    ip, iq = np.nonzero(pos)[0], np.nonzero(neg)[0]
    simple = np.bitwise_count(bits).sum(axis=1) == d - 1
    if len(ip) * len(iq) <= _PAIRWISE_PAIRS:
        # few pairs: comparing every pair is cheaper than sorting ridges
        return _pairwise(bits, ip, iq, d, simple)
    rows = np.nonzero(simple & (pos | neg))[0]
    p, q, simple = _simple_pairs(bits, pos, rows, simple)
    dp, dq = ip[~simple[ip]], iq[~simple[iq]]
    # a degenerate positive ray against every negative one; a simple positive one against degenerate negatives
    p1, q1 = _pairwise(bits, dp, iq, d, simple)
    p2, q2 = _pairwise(bits, ip[simple[ip]], dq, d, simple)
    return np.concatenate([p, p1, p2]), np.concatenate([q, q1, q2])


def extreme_rays(G: np.ndarray, exact: bool, eps: float = 1e-9, held: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Every extreme ray of ``{z : G z >= 0}`` and the constraints tight at it, as bitmasks.

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
    held : int
        Bytes the caller holds for the rest of its computation, counted
        against :data:`MEMORY_LIMIT` with the rays'.

    Returns
    -------
    rays : numpy.ndarray, shape (R, d)
        One row per extreme ray (integers with gcd 1 in exact mode; floats
        scaled to largest entry 1 otherwise).
    tight : numpy.ndarray of uint64, shape (R, ceil(K / 64))
        Bit ``k % 64`` of word ``k // 64`` of row ``r`` is set when
        constraint ``k`` holds with equality at ray ``r`` (see
        :func:`bitmasks`; :func:`unpack` gives the boolean table).

    Raises
    ------
    SolverLimitError
        Before allocating the rays of a step, if they would number more
        than :data:`MAX_RAYS` or need, with `held`, more than
        :data:`MEMORY_LIMIT` bytes (estimated by :func:`ray_bytes`).
    """
    K, d = G.shape
    if not (G[:d] == np.eye(d, dtype=int)).all():
        raise InputError("extreme_rays needs the first d constraint rows to be the identity")
    rays = np.eye(d, dtype=int).astype(object) if exact else np.eye(d)
    tight = np.zeros((d, K), dtype=bool)
    tight[:, :d] = ~np.eye(d, dtype=bool)
    bits = bitmasks(tight)
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
        p, q = _adjacent_pairs(bits, pos, neg, d)
        keep = ~neg
        kept = int(keep.sum())
        check_size(kept + len(p), d, K, exact, held=held)
        flag = np.uint64(1) << np.uint64(k % 64)
        bits[zero, k // 64] |= flag
        next_rays = np.empty((kept + len(p), d), dtype=rays.dtype)
        next_bits = np.empty((kept + len(p), bits.shape[1]), dtype=np.uint64)
        np.compress(keep, rays, axis=0, out=next_rays[:kept])
        np.compress(keep, bits, axis=0, out=next_bits[:kept])
        step = max(1, _CHUNK_ELEMENTS // d)
        for start in range(0, len(p), step):   # the new rays, in chunks of bounded memory
            pp, qq = p[start:start + step], q[start:start + step]
            new = values[pp][:, None] * rays[qq] - values[qq][:, None] * rays[pp]
            if exact:
                new = _reduce_exact(new)
            else:
                new /= np.max(np.abs(new), axis=1, keepdims=True)
            next_rays[kept + start:kept + start + len(pp)] = new
            next_bits[kept + start:kept + start + len(pp)] = bits[pp] & bits[qq]
        next_bits[kept:, k // 64] |= flag
        del values, pos, neg, zero, keep, p, q
        rays, bits = next_rays, next_bits
    return rays, bits
