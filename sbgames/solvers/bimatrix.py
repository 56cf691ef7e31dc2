"""Every extreme Nash equilibrium of a 2-player game, degenerate games included.

The method is vertex enumeration of the two best-response polytopes
(von Stengel 2007, "Equilibrium computation for two-player games in
strategic and extensive form", section 3.4; Avis, Rosenberg, Savani and
von Stengel 2010).  With payoffs ``A`` (row player, m strategies) and
``B`` (column player, n strategies) shifted to be positive,

* ``P = {x >= 0 : B^T x <= 1}`` with label ``i`` where ``x_i = 0`` and label
  ``m + j`` where ``(B^T x)_j = 1``;
* ``Q = {y >= 0 : A y <= 1}`` with label ``i`` where ``(A y)_i = 1`` and label
  ``m + j`` where ``y_j = 0``.

A pair of vertices ``(x, y) != (0, 0)`` that together carry every label is,
normalised, an extreme equilibrium; every extreme equilibrium arises this
way, degenerate games included, and each vertex pair gives a distinct
equilibrium, so nothing is repeated.  Vertices come from
:func:`~sbgames.solvers.polytope.extreme_rays` in exact integer arithmetic
or in floats.

In a degenerate game the equilibria form convex sets ("maximal Nash
subsets") spanned by products of extreme equilibria; two extreme
equilibria that share a vertex of ``P`` or of ``Q`` lie on a segment of
equilibria.  The connected components of that sharing graph are reported
as the game's equilibrium components.

Examples
--------
>>> from sbgames import Game
>>> g = Game([[[1, 1], [1, 1]], [[1, 0], [0, 1]]])   # row player indifferent
>>> res = vertex_enumeration(g, exact=True)
>>> res.degenerate, len(res), res.components
(True, 4, ((0, 1, 2, 3),))
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..equilibrium import EquilibriumSet, check_exact, check_tolerance, verified
from ..errors import InputError, SolverLimitError
from ..strategic import StrategicGame as Game
from .polytope import bitmasks, check_memory, extreme_rays, held_bytes, unpack

__all__ = ["vertex_enumeration"]


#: Refuse games with more extreme equilibria than this (each is verified and kept in memory).
MAX_EQUILIBRIA = 100_000
#: Elements of the largest temporary array of the label comparison (bounds its memory).
_CHUNK_ELEMENTS = 1_000_000
#: Bytes the label pairing takes per vertex (its label copies, indices and sort order), an upper estimate.
_PAIRING_BYTES = 96
#: Bytes one verified equilibrium takes besides its probabilities (objects, payoffs, the pair), an upper estimate.
_EQUILIBRIUM_BYTES = 2048


def _integer_matrix(M: np.ndarray) -> np.ndarray:
    """Scale a fraction matrix to integers (object dtype), shifted to entries >= 1."""
    shifted = M - min(M.flat) + 1
    lcm = math.lcm(*(f.denominator for f in shifted.flat))
    return np.array([[int(f * lcm) for f in row] for row in shifted], dtype=object)


def _best_response_polytope(M: np.ndarray, exact: bool, eps: float, labels, held: int = 0):
    """Vertices of ``{x >= 0 : M^T x <= 1}`` (homogenised) and their label bitmasks.

    Returns the vertices as rays (rows ``(x, t)``; integers in exact mode)
    and, as :func:`~sbgames.solvers.polytope.bitmasks`, the sets of tight
    constraints among ``[x_1 >= 0, ..., x_m >= 0, t >= 0, t - M^T x >= 0]``
    at the positions `labels` lists, in that order.  `held` is the memory
    the caller holds already (counted against the memory limit).
    """
    m, n = M.shape
    d = m + 1
    # coordinates z = (x_1..x_m, t); constraints x >= 0, t >= 0, t - M^T x >= 0
    G = np.zeros((d + n, d), dtype=object if exact else float)
    G[:d, :d] = np.eye(d, dtype=int)
    G[d:, :m] = -M.T
    G[d:, m] = 1
    rays, tight = extreme_rays(G, exact=exact, eps=eps, held=held)
    # the tight sets narrowed to the labels, in chunks (the unpacked bits take a byte each)
    out = np.empty((len(tight), -(-len(labels) // 64)), dtype=np.uint64)
    step = max(1, _CHUNK_ELEMENTS // (64 * tight.shape[1]))
    for start in range(0, len(tight), step):
        out[start:start + step] = bitmasks(unpack(tight[start:start + step], d + n)[:, labels])
    return rays, out


def _normalise(ray, size: int, exact: bool):
    part = ray[:size]
    total = sum(part)
    if exact:
        return [Fraction(int(v), int(total)) for v in part]
    return np.asarray(part, dtype=float) / float(total)


def _polish(mix: np.ndarray, M: np.ndarray, other_support: np.ndarray) -> np.ndarray:
    """Re-solve a float mix from its indifference equations, when they determine it uniquely.

    `mix` is one player's strategy; `M` holds the *other* player's payoffs
    with that other player's strategies as rows, restricted to
    `other_support` (strategies the other player uses, which must earn
    equal payoffs against `mix`).  The accumulated rounding of the vertex
    enumeration is removed; if the equations do not pin the mix down, or the
    solution moves by more than 1e-7, the mix is returned unchanged.
    """
    support = np.flatnonzero(mix > 1e-12)
    k = len(support)
    system = np.empty((len(other_support) + 1, k + 1))
    system[:-1, :k] = M[other_support][:, support]
    system[:-1, k] = -1.0
    system[-1, :k] = 1.0
    system[-1, k] = 0.0
    rhs = np.zeros(len(other_support) + 1)
    rhs[-1] = 1.0
    try:
        if len(system) == k + 1:   # a non-degenerate vertex pair: a square system
            solution = np.linalg.solve(system, rhs)
        else:
            solution, _, rank, _ = np.linalg.lstsq(system, rhs, rcond=None)
            if rank < k + 1:
                return mix
    except np.linalg.LinAlgError:   # singular: the equations do not pin the mix down
        return mix
    polished = np.zeros_like(mix)
    polished[support] = solution[:k]
    if not np.max(np.abs(polished - mix)) <= 1e-7 or polished.min() < 0:
        return mix
    return polished


def _check_count(count: int) -> None:
    if count > MAX_EQUILIBRIA:
        raise SolverLimitError(f"the game has more than {MAX_EQUILIBRIA:,} extreme equilibria (the limit "
                               "MAX_EQUILIBRIA); too many to verify and list")


def _supersets(needs: np.ndarray, have: np.ndarray, found: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(a, b)``: label set ``have[b]`` contains ``needs[a]`` (bitmask rows), in memory-bounded chunks."""
    out_a, out_b = [np.zeros(0, dtype=np.intp)], [np.zeros(0, dtype=np.intp)]
    step = max(1, _CHUNK_ELEMENTS // max(1, have.size))
    for start in range(0, len(needs), step):
        block = needs[start:start + step]
        a, b = np.nonzero(((block[:, None, :] & ~have[None, :, :]) == 0).all(axis=2))
        found += len(a)
        _check_count(found)
        out_a.append(a + start)
        out_b.append(b)
    return np.concatenate(out_a), np.concatenate(out_b)


def _split(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices where `mask` holds and where it does not."""
    return np.nonzero(mask)[0], np.nonzero(~mask)[0]


def _completely_labelled(P_bits: np.ndarray, Q_bits: np.ndarray, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(a, b)``: vertex a of P and vertex b of Q together carry all ``m + n`` labels.

    `P_bits` and `Q_bits` are the vertices' label sets as
    :func:`~sbgames.solvers.polytope.bitmasks`.  A vertex of P with exactly
    m labels pairs with a vertex of Q with exactly n labels only if these
    are the other n: found by sorting Q's label bitmasks and binary search.
    Only vertices with extra labels (degenerate games; in fact any vertex
    with a label count other than m, resp. n) are compared with every
    vertex of the other polytope, in chunks, so memory stays linear in the
    numbers of vertices.

    Examples
    --------
    With m = 1 and n = 2, P's first vertex matches Q's first; P's second
    vertex has an extra label and matches the three vertices of Q with label 0:

    >>> P = bitmasks(np.array([[1, 0, 0], [0, 1, 1]], dtype=bool))
    >>> Q = bitmasks(np.array([[0, 1, 1], [1, 0, 0], [1, 1, 0], [1, 0, 1]], dtype=bool))
    >>> [list(map(int, v)) for v in _completely_labelled(P, Q, m=1, n=2)]
    [[0, 1, 1, 1], [0, 1, 2, 3]]
    """
    everything = bitmasks(np.ones((1, m + n), dtype=bool))
    needs = ~P_bits & everything                        # the labels a partner in Q must carry
    p_plain, p_extra = _split(np.bitwise_count(P_bits).sum(axis=1) == m)
    q_plain, q_extra = _split(np.bitwise_count(Q_bits).sum(axis=1) == n)
    # plain with plain: equal label sets
    keys = np.ascontiguousarray(Q_bits[q_plain]).view(np.dtype((np.void, 8 * Q_bits.shape[1]))).ravel()
    order = np.argsort(keys)
    keys = keys[order]
    wanted = np.ascontiguousarray(needs[p_plain]).view(keys.dtype).ravel()
    first, last = np.searchsorted(keys, wanted, "left"), np.searchsorted(keys, wanted, "right")
    del keys, wanted
    counts = last - first
    _check_count(int(counts.sum()))
    a = np.repeat(p_plain, counts)
    # the sorted positions first..last-1 of each plain vertex of P, flattened
    at = np.arange(len(a)) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(first, counts)
    b = q_plain[order[at]]
    # with extra labels on either side: superset tests
    a1, b1 = _supersets(needs[p_extra], Q_bits, len(a))
    a2, b2 = _supersets(needs[p_plain], Q_bits[q_extra], len(a) + len(a1))
    return (np.concatenate([a, p_extra[a1], p_plain[a2]]).astype(int),
            np.concatenate([b, b1, q_extra[b2]]).astype(int))


def _components(pairs) -> list[tuple[int, ...]]:
    """Connected components of the bipartite graph whose edges are the equilibria."""
    parent = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a
    for p, q in pairs:
        parent[find(("P", p))] = find(("Q", q))
    groups: dict = {}
    for index, (p, _) in enumerate(pairs):
        groups.setdefault(find(("P", p)), []).append(index)
    return sorted(tuple(g) for g in groups.values())


def vertex_enumeration(game: Game, *, exact: bool = False, tol: float | None = None) -> EquilibriumSet:
    """All extreme Nash equilibria of a 2-player game, each verified.

    Parameters
    ----------
    game : Game
        A 2-player game with numeric payoffs.
    exact : bool
        Rational arithmetic throughout; strategies as fractions.
    tol : float, optional
        Float mode: tolerance for ties and for the equilibrium check
        (default :func:`~sbgames.game.default_tolerance`).

    Returns
    -------
    EquilibriumSet
        Sorted with the row player's strategy in decreasing lexicographic
        order; ``complete`` is True; ``degenerate`` and ``components`` say
        whether and how extreme equilibria are connected.

    Examples
    --------
    Matching pennies has one equilibrium, fully mixed:

    >>> from sbgames import Game
    >>> eqs = vertex_enumeration(Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]), exact=True)
    >>> [list(map(str, s)) for s in eqs[0].strategies]
    [['1/2', '1/2'], ['1/2', '1/2']]
    """
    if game.n_players != 2:
        raise InputError(f"vertex_enumeration needs a 2-player game, got {game.n_players} players")
    exact = check_exact(exact)
    game = game.as_exact() if exact else game.as_float()
    tol = check_tolerance(tol, game, exact=exact, allow_zero=False)  # vertex arithmetic rounds
    A, B = game.payoff_arrays
    m, n = A.shape
    if exact:
        A_, B_ = _integer_matrix(A), _integer_matrix(B)
        eps = 0.0
    else:
        # shift to payoffs in [1, 2] (a positive affine map keeps every equilibrium)
        def unit(M):
            spread = float(M.max() - M.min())
            return (M - M.min()) / (spread if spread > 0 else 1.0) + 1.0
        A_, B_ = unit(A), unit(B)
        eps = tol / (float(max(np.ptp(A), np.ptp(B))) or 1.0)  # the tolerance on the rescaled payoffs
    # P's tight sets are [x >= 0 (labels 0..m-1), t >= 0, B^T x <= 1 (labels m..)]; Q's are
    # [y >= 0 (labels m..), t >= 0, A y <= 1 (labels 0..m-1)]: both narrowed to label order
    P_rays, P_labels = _best_response_polytope(B_, exact, eps, np.r_[:m, m + 1:m + 1 + n])
    P_held = held_bytes(P_rays, P_labels)
    Q_rays, Q_labels = _best_response_polytope(A_.T, exact, eps, np.r_[n + 1:n + 1 + m, :n], held=P_held)
    x_labels, y_labels = bitmasks(np.arange(m + n)[None, :] < m), bitmasks(np.arange(m + n)[None, :] >= m)
    P_idx = np.flatnonzero(((P_labels & x_labels) != x_labels).any(axis=1))   # all but the origin of P
    Q_idx = np.flatnonzero(((Q_labels & y_labels) != y_labels).any(axis=1))   # and of Q
    check_memory(P_held + held_bytes(Q_rays, Q_labels) + _PAIRING_BYTES * (len(P_idx) + len(Q_idx)),
                 f"pairing the {len(P_idx):,} and {len(Q_idx):,} vertices of the best-response polytopes")
    degenerate = bool((np.bitwise_count(P_labels).sum(axis=1) > m).any()
                      or (np.bitwise_count(Q_labels).sum(axis=1) > n).any())
    a, b = _completely_labelled(P_labels[P_idx], Q_labels[Q_idx], m, n)
    each = _EQUILIBRIUM_BYTES + (m + n) * (200 if exact else 24)   # a Fraction takes about 200 bytes
    check_memory(P_held + held_bytes(Q_rays, Q_labels) + len(a) * each,
                 f"verifying and listing {len(a):,} extreme equilibria")
    pairs = sorted(zip(P_idx[a].tolist(), Q_idx[b].tolist()))
    found = []
    for p, q in pairs:
        x = _normalise(P_rays[p], m, exact)
        y = _normalise(Q_rays[q], n, exact)
        if not exact:
            x, y = (_polish(x, B_.T, np.flatnonzero(y > 1e-12)),  # on the rescaled payoffs: the
                    _polish(y, A_, np.flatnonzero(x > 1e-12)))    # same equilibria, at unit scale
        found.append(((p, q), verified(game, [x, y], method="vertex", exact=exact, tol=tol)))
    # decreasing lexicographic order; in float mode rounded first, so that float noise cannot
    # reorder equilibria that exact arithmetic would tie
    found.sort(key=lambda item: [-(v if exact else round(float(v), 9)) for s in item[1].strategies for v in s])
    pairs = [pq for pq, _ in found]
    return EquilibriumSet([eq for _, eq in found], game=game, method="vertex", exact=exact,
                          tol=None if exact else tol, complete=True, degenerate=degenerate,
                          components=_components(pairs))
