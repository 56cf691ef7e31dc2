"""Independent reference implementations, used only by the tests.

Nothing here imports :mod:`sbgames`.  The algorithms are deliberately
different from the package's:

* :func:`polytope_vertices` finds the vertices of ``{x : M x <= b}`` by
  brute-force basis enumeration: every choice of ``d`` constraints is set to
  equality and the ``d x d`` system is solved in exact :class:`Fraction`
  arithmetic by a small Gaussian elimination; feasible solutions are kept and
  deduplicated.  (The package uses the double description method.)
* :func:`extreme_equilibria` builds the two best-response polytopes of a
  bimatrix game from those vertices and keeps the completely labelled pairs.
* :func:`is_nash` / :func:`pure_nash` check or enumerate equilibria of an
  N-player game by looping over pure profiles with :mod:`itertools`.
* :func:`components_by_sharing` groups equilibria by a union-find over equal
  strategy vectors.

All functions accept payoffs as nested lists / numpy arrays of ints,
Fractions or floats (floats are read through their decimal repr, the number a
person typing them meant).
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations, product

import numpy as np

__all__ = [
    "F",
    "as_key",
    "best_response_polytopes",
    "close",
    "components_by_sharing",
    "extreme_equilibria",
    "frac_matrix",
    "is_degenerate",
    "is_nash",
    "lcm_denominator",
    "partition",
    "polytope_vertices",
    "pure_nash",
    "rank",
    "regrets",
    "solve_linear",
]


# ----------------------------------------------------------------------------
# exact linear algebra on Fractions
# ----------------------------------------------------------------------------
def F(value) -> Fraction:
    """A Fraction from an int, Fraction, numpy scalar or float (via its repr)."""
    if isinstance(value, Fraction):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("booleans are not payoffs")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        return Fraction(repr(float(value)))
    return Fraction(value)


def frac_matrix(M) -> list[list[Fraction]]:
    """A 2-D payoff input as a list of lists of Fractions."""
    arr = np.asarray(M, dtype=object)
    if arr.ndim != 2:
        raise ValueError(f"need a matrix, got shape {arr.shape}")
    return [[F(v) for v in row] for row in arr]


def solve_linear(M: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of the square system ``M z = rhs``, or None if M is singular."""
    n = len(M)
    aug = [list(row) + [r] for row, r in zip(M, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        aug[col] = [v / p for v in aug[col]]
        for r in range(n):
            if r != col and aug[r][col] != 0:
                f = aug[r][col]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[col])]
    return [aug[r][n] for r in range(n)]


def rank(rows: list[list[Fraction]]) -> int:
    """The rank of a list of Fraction rows (exact row reduction)."""
    work = [list(r) for r in rows]
    if not work:
        return 0
    ncols = len(work[0])
    r = 0
    for c in range(ncols):
        pivot = next((i for i in range(r, len(work)) if work[i][c] != 0), None)
        if pivot is None:
            continue
        work[r], work[pivot] = work[pivot], work[r]
        for i in range(len(work)):
            if i != r and work[i][c] != 0:
                f = work[i][c] / work[r][c]
                work[i] = [a - f * b for a, b in zip(work[i], work[r])]
        r += 1
        if r == len(work):
            break
    return r


# ----------------------------------------------------------------------------
# vertices by basis enumeration
# ----------------------------------------------------------------------------
def polytope_vertices(M, b) -> dict[tuple[Fraction, ...], frozenset[int]]:
    """All vertices of ``{x in R^d : M x <= b}`` with the set of constraints tight at each.

    Brute force: every d-subset of the constraints, solved exactly.  The
    polytope is assumed pointed (it is bounded in every use here).
    """
    M = [[F(v) for v in row] for row in M]
    b = [F(v) for v in b]
    d = len(M[0])
    vertices: dict[tuple[Fraction, ...], frozenset[int]] = {}
    for basis in combinations(range(len(M)), d):
        x = solve_linear([M[k] for k in basis], [b[k] for k in basis])
        if x is None:
            continue
        key = tuple(x)
        if key in vertices:
            continue
        lhs = [sum(a * v for a, v in zip(row, x)) for row in M]
        if all(l <= r for l, r in zip(lhs, b)):
            vertices[key] = frozenset(k for k, (l, r) in enumerate(zip(lhs, b)) if l == r)
    return vertices


def _shift_positive(M: list[list[Fraction]]) -> list[list[Fraction]]:
    # any shift making every entry positive keeps the equilibria; use +2 over
    # the minimum (the package uses +1) so the two are not numerically identical
    low = min(v for row in M for v in row)
    return [[v - low + 2 for v in row] for row in M]


def best_response_polytopes(A, B):
    """Vertices and labels of P and Q (von Stengel 2007, eq. 3.8) for payoffs A, B.

    ``P = {x >= 0 : B'^T x <= 1}``: label i when ``x_i = 0``, label m+j when
    ``(B'^T x)_j = 1``.  ``Q = {y >= 0 : A' y <= 1}``: label i when
    ``(A' y)_i = 1``, label m+j when ``y_j = 0``.  Returns two dicts
    ``vertex -> frozenset(labels)``.
    """
    A = _shift_positive(frac_matrix(A))
    B = _shift_positive(frac_matrix(B))
    m, n = len(A), len(A[0])
    zero, one = Fraction(0), Fraction(1)
    # P: constraint k < m is -x_k <= 0 (label k); constraint m+j is B'^T_j x <= 1 (label m+j)
    P_rows = [[-one if c == k else zero for c in range(m)] for k in range(m)]
    P_rows += [[B[i][j] for i in range(m)] for j in range(n)]
    P = polytope_vertices(P_rows, [zero] * m + [one] * n)
    # Q: constraint i < m is A'_i y <= 1 (label i); constraint m+j is -y_j <= 0 (label m+j)
    Q_rows = [list(A[i]) for i in range(m)]
    Q_rows += [[-one if c == j else zero for c in range(n)] for j in range(n)]
    Q = polytope_vertices(Q_rows, [one] * m + [zero] * n)
    return P, Q


def extreme_equilibria(A, B) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Every extreme Nash equilibrium of the bimatrix game (A, B), exactly.

    The completely labelled vertex pairs of P x Q other than the origin pair,
    each vertex normalised to a probability vector.
    """
    P, Q = best_response_polytopes(A, B)
    m, n = len(next(iter(P))), len(next(iter(Q)))
    everything = frozenset(range(m + n))
    found = set()
    for x, lx in P.items():
        if not any(x):
            continue
        for y, ly in Q.items():
            if not any(y):
                continue
            if lx | ly == everything:
                sx, sy = sum(x), sum(y)
                found.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return found


def is_degenerate(A, B) -> bool:
    """True when some vertex of P has more than m labels or some vertex of Q more than n."""
    P, Q = best_response_polytopes(A, B)
    m, n = len(next(iter(P))), len(next(iter(Q)))
    return any(len(l) > m for l in P.values()) or any(len(l) > n for l in Q.values())


# ----------------------------------------------------------------------------
# N-player equilibrium checks, by loops over pure profiles
# ----------------------------------------------------------------------------
def _deviation_values(payoffs, profile, player):
    """Payoff to each pure strategy of `player` against the others' mixed strategies."""
    shape = np.asarray(payoffs[0], dtype=object).shape
    arr = np.asarray(payoffs[player], dtype=object)
    values = []
    for s in range(shape[player]):
        total = 0
        others = [range(k) if j != player else [s] for j, k in enumerate(shape)]
        for cell in product(*others):
            weight = 1
            for j, c in enumerate(cell):
                if j != player:
                    weight = weight * profile[j][c]
            if weight != 0:
                total = total + weight * arr[cell]
        values.append(total)
    return values


def regrets(payoffs, profile) -> list:
    """Each player's gain from the best pure deviation, computed by brute force."""
    out = []
    for i in range(len(payoffs)):
        values = _deviation_values(payoffs, profile, i)
        current = sum(v * p for v, p in zip(values, profile[i]))
        out.append(max(values) - current)
    return out


def is_nash(payoffs, profile, tol=None) -> bool:
    """True if `profile` (one probability vector per player) is a Nash equilibrium.

    Exact (regrets exactly 0, probabilities exactly summing to 1) when
    `tol` is None; otherwise everything within `tol`.
    """
    shape = np.asarray(payoffs[0], dtype=object).shape
    if len(profile) != len(shape):
        return False
    for vec, n in zip(profile, shape):
        if len(vec) != n:
            return False
        if tol is None:
            if any(p < 0 for p in vec) or sum(vec) != 1:
                return False
        elif min(vec) < -tol or abs(sum(vec) - 1) > tol:
            return False
    if tol is None:
        payoffs = [[F(v) for v in np.asarray(a, dtype=object).flat] for a in payoffs]
        payoffs = [np.array(a, dtype=object).reshape(shape) for a in payoffs]
        return all(r == 0 for r in regrets(payoffs, profile))
    payoffs = [np.asarray(a, dtype=float) for a in payoffs]
    profile = [[float(p) for p in vec] for vec in profile]
    return all(r <= tol for r in regrets(payoffs, profile))


def pure_nash(payoffs, tol=None) -> set[tuple[int, ...]]:
    """Every pure equilibrium as a tuple of strategy indices (exact unless `tol`)."""
    arrays = [np.asarray(a, dtype=object) for a in payoffs]
    if tol is None:
        arrays = [np.vectorize(F, otypes=[object])(a) for a in arrays]
    else:
        arrays = [a.astype(float) for a in arrays]
    shape = arrays[0].shape
    found = set()
    for cell in product(*(range(k) for k in shape)):
        ok = True
        for i, arr in enumerate(arrays):
            here = arr[cell]
            for s in range(shape[i]):
                other = cell[:i] + (s,) + cell[i + 1:]
                if (arr[other] > here) if tol is None else (arr[other] > here + tol):
                    ok = False
                    break
            if not ok:
                break
        if ok:
            found.add(cell)
    return found


# ----------------------------------------------------------------------------
# helpers for comparing results
# ----------------------------------------------------------------------------
def as_key(equilibrium_or_strategies) -> tuple[tuple, ...]:
    """A hashable tuple of tuples from an Equilibrium (or a tuple of vectors)."""
    strategies = getattr(equilibrium_or_strategies, "strategies", equilibrium_or_strategies)
    return tuple(tuple(v for v in vec) for vec in strategies)


def components_by_sharing(keys) -> set[frozenset[int]]:
    """Group equilibrium indices: i ~ j when they share a strategy vector of some player.

    `keys` is a list of tuples of strategy vectors (hashable).  Union-find,
    transitively closed.
    """
    parent = list(range(len(keys)))

    def find(a):
        while parent[a] != a:
            a = parent[a]
        return a

    seen: dict = {}
    for i, key in enumerate(keys):
        for player, vec in enumerate(key):
            tag = (player, tuple(vec))
            if tag in seen:
                ra, rb = find(i), find(seen[tag])
                if ra != rb:
                    parent[ra] = rb
            else:
                seen[tag] = i
    groups: dict = {}
    for i in range(len(keys)):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


def partition(components) -> set[frozenset[int]]:
    """A package `components` tuple as a set of frozensets."""
    return {frozenset(c) for c in components}


def close(a, b, tol: float) -> bool:
    """Two profiles (tuples of vectors) agree entrywise within `tol`."""
    return all(len(u) == len(v) and all(abs(float(p) - float(q)) <= tol for p, q in zip(u, v))
               for u, v in zip(a, b))


def lcm_denominator(values) -> int:
    return math.lcm(*(F(v).denominator for v in values))
