"""Hypothesis strategies for random games.

Small integer payoffs (``-2..2`` by default) make ties, and hence degenerate
games, common; :func:`degenerate_bimatrix` forces degeneracy further by
duplicating rows and columns and by making rows or columns constant.
:func:`generic_bimatrix` draws continuous random payoffs from a numpy
generator seeded by hypothesis: such games are nondegenerate with
probability one.

Every bimatrix strategy returns ``(A, B)`` as lists of lists; N-player
strategies return a list of numpy arrays.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

__all__ = [
    "SMALL",
    "bimatrix",
    "decimal_float_values",
    "degenerate_bimatrix",
    "fraction_values",
    "generic_bimatrix",
    "nplayer_payoffs",
]

#: small integer payoffs: ties everywhere
SMALL = st.integers(-2, 2)

#: small fractions with denominators up to 4 (exact games that are not integer)
fraction_values = st.builds(Fraction, st.integers(-4, 4), st.integers(1, 4))

#: floats that are short decimals (their decimal repr is the number meant)
decimal_float_values = st.integers(-20, 20).map(lambda k: k / 10)


def _matrix(values, m: int, n: int):
    return st.lists(st.lists(values, min_size=n, max_size=n), min_size=m, max_size=m)


@st.composite
def bimatrix(draw, min_rows: int = 1, max_rows: int = 4, min_cols: int = 1, max_cols: int = 4,
             values=SMALL):
    """A random 2-player game ``(A, B)`` with ``m x n`` payoff matrices."""
    m = draw(st.integers(min_rows, max_rows))
    n = draw(st.integers(min_cols, max_cols))
    return draw(_matrix(values, m, n)), draw(_matrix(values, m, n))


@st.composite
def degenerate_bimatrix(draw, max_rows: int = 4, max_cols: int = 4, values=SMALL):
    """A random 2-player game pushed towards degeneracy.

    Starting from :func:`bimatrix`, one to three of: copy a row of both
    matrices onto another row, copy a column likewise, make a row of B
    constant (the column player is indifferent against that row: with two
    or more columns the game is then certainly degenerate), make a column of A
    constant, or make one whole matrix constant.
    """
    A, B = draw(bimatrix(max_rows=max_rows, max_cols=max_cols, values=values))
    A, B = np.array(A, dtype=object), np.array(B, dtype=object)
    m, n = A.shape
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["dup_row", "dup_col", "const_B_row", "const_A_col", "const_matrix"]))
        if op == "dup_row" and m > 1:
            src, dst = draw(st.permutations(range(m)))[:2]
            A[dst], B[dst] = A[src].copy(), B[src].copy()
        elif op == "dup_col" and n > 1:
            src, dst = draw(st.permutations(range(n)))[:2]
            A[:, dst], B[:, dst] = A[:, src].copy(), B[:, src].copy()
        elif op == "const_B_row":
            B[draw(st.integers(0, m - 1))] = draw(values)
        elif op == "const_A_col":
            A[:, draw(st.integers(0, n - 1))] = draw(values)
        elif op == "const_matrix":
            (A, B)[draw(st.integers(0, 1))][...] = draw(values)
    return A.tolist(), B.tolist()


@st.composite
def generic_bimatrix(draw, min_rows: int = 1, max_rows: int = 4, min_cols: int = 1, max_cols: int = 4):
    """A 2-player game with standard-normal float payoffs (nondegenerate almost surely)."""
    m = draw(st.integers(min_rows, max_rows))
    n = draw(st.integers(min_cols, max_cols))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.standard_normal((m, n)).tolist(), rng.standard_normal((m, n)).tolist()


@st.composite
def nplayer_payoffs(draw, n_players: int = 3, max_size: int = 3, values=SMALL):
    """Payoff arrays of a random N-player game, one per player, each of the same shape."""
    shape = tuple(draw(st.lists(st.integers(1, max_size), min_size=n_players, max_size=n_players)))
    size = int(np.prod(shape))
    return [np.array(draw(st.lists(values, min_size=size, max_size=size)), dtype=object).reshape(shape)
            for _ in range(n_players)]
