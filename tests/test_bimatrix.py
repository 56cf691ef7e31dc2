"""Tests of the 2-player solver (vertex enumeration) against an independent oracle.

The oracle (tests/oracles.py) enumerates the vertices of the best-response
polytopes by brute-force basis enumeration in exact Fractions, a different
algorithm from the package's double description method.  The solver must
return every extreme equilibrium exactly once, degenerate games included.
"""

from __future__ import annotations

import tracemalloc
from fractions import Fraction as Fr
from itertools import combinations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbgames import Game
from sbgames.errors import SolverLimitError
from sbgames.solvers import bimatrix as bimatrix_solver
from sbgames.solvers import polytope, solve, vertex_enumeration

try:
    from tests import oracles
    from tests.strategies import (
        bimatrix,
        decimal_float_values,
        degenerate_bimatrix,
        fraction_values,
        generic_bimatrix,
    )
except ImportError:  # tests/ itself is on sys.path (pytest's default rootdir-less import)
    import oracles
    from strategies import (
        bimatrix,
        decimal_float_values,
        degenerate_bimatrix,
        fraction_values,
        generic_bimatrix,
    )

FLOAT_TOL = 1e-6


def fast(n):
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)


# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------
def keys(result):
    return [oracles.as_key(eq) for eq in result]


def F(*values):
    return tuple(Fr(v) for v in values)


def profile(x, y):
    return (F(*x), F(*y))


def pair_off(float_keys, exact_keys, tol=FLOAT_TOL):
    """Pair each float profile with a distinct exact one within `tol` (bipartite matching).

    Returns ``{float index: exact index}`` covering both lists, or None.
    """
    float_keys, exact_keys = list(float_keys), list(exact_keys)
    if len(float_keys) != len(exact_keys):
        return None
    near = [[j for j, e in enumerate(exact_keys) if oracles.close(f, e, tol)] for f in float_keys]
    owner: dict[int, int] = {}

    def augment(i, seen):
        for j in near[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False
    if not all(augment(i, set()) for i in range(len(float_keys))):
        return None
    return {i: j for j, i in owner.items()}


def match_one_to_one(float_keys, exact_keys, tol=FLOAT_TOL) -> bool:
    """True if the float profiles pair off with the exact ones, each within `tol`."""
    return pair_off(float_keys, exact_keys, tol) is not None


def check_exact_against_oracle(A, B):
    """The whole contract of exact vertex enumeration on one game; returns the result."""
    game = Game([A, B])
    res = game.equilibria(exact=True)
    got = keys(res)
    expected = oracles.extreme_equilibria(A, B)
    assert len(got) == len(set(got)), f"duplicate equilibria in {got}"
    assert set(got) == expected, (f"A={A} B={B}\nmissing: {sorted(expected - set(got))}\n"
                                  f"extra: {sorted(set(got) - expected)}")
    assert res.method == "vertex" and res.exact is True and res.complete is True and res.tol is None
    assert res.degenerate == oracles.is_degenerate(A, B)
    for eq, key in zip(res, got):
        assert all(isinstance(p, Fr) for vec in eq.strategies for p in vec)
        assert oracles.is_nash([A, B], key), key
        assert eq.regret == 0
        # expected payoffs, recomputed independently: x^T A y and x^T B y
        x, y = key
        for k, M in enumerate((A, B)):
            value = sum(x[i] * oracles.F(M[i][j]) * y[j] for i in range(len(x)) for j in range(len(y)))
            assert eq.payoffs[k] == value
    return res


def check_float_against_oracle(A, B, scale=1.0):
    """Float mode finds the oracle's set within FLOAT_TOL, every profile an equilibrium."""
    Af = (np.array(A, dtype=float) * scale).tolist()
    Bf = (np.array(B, dtype=float) * scale).tolist()
    res = Game([Af, Bf]).equilibria()
    assert res.exact is False and res.complete is True and res.tol > 0
    expected = oracles.extreme_equilibria(A, B)
    got = keys(res)
    assert match_one_to_one(got, expected), f"A={A} B={B} scale={scale}\nfloat: {got}\nexact: {expected}"
    for key in got:
        assert all(isinstance(p, float) for vec in key for p in vec)
        assert oracles.is_nash([Af, Bf], key, tol=1e-7 * max(1.0, scale))
    return res


# ----------------------------------------------------------------------------
# 1. exact and float results equal the oracle on random games
# ----------------------------------------------------------------------------
@fast(200)
@given(bimatrix())
def test_exact_equals_oracle_random_small_integer_games(game):
    check_exact_against_oracle(*game)


@fast(200)
@given(degenerate_bimatrix())
def test_exact_equals_oracle_degenerate_games(game):
    check_exact_against_oracle(*game)


@fast(50)
@given(bimatrix(max_rows=3, max_cols=3, values=fraction_values))
def test_exact_equals_oracle_fraction_payoffs(game):
    A, B = game
    check_exact_against_oracle(A, B)


@fast(40)
@given(bimatrix(values=st.integers(-1000, 1000)))
def test_exact_equals_oracle_wide_integer_payoffs(game):
    check_exact_against_oracle(*game)


@fast(120)
@given(bimatrix())
def test_float_equals_oracle_random_games(game):
    check_float_against_oracle(*game)


@fast(120)
@given(degenerate_bimatrix())
def test_float_equals_oracle_degenerate_games(game):
    check_float_against_oracle(*game)


@fast(60)
@given(degenerate_bimatrix(max_rows=3, max_cols=3), st.sampled_from([1e-6, 1e-3, 0.1, 3.0, 1e3, 1e6]))
def test_float_equals_oracle_at_any_payoff_scale(game, scale):
    check_float_against_oracle(*game, scale=scale)


@fast(60)
@given(bimatrix(max_rows=3, max_cols=3, values=decimal_float_values))
def test_float_game_with_decimal_payoffs(game):
    # 0.1 + 0.2 != 0.3 in binary, but the float solver must see the ties the decimals mean
    A, B = game
    res = Game([A, B]).equilibria()
    assert match_one_to_one(keys(res), oracles.extreme_equilibria(A, B))


# ----------------------------------------------------------------------------
# 2. properties
# ----------------------------------------------------------------------------
@fast(100)
@given(degenerate_bimatrix(), st.booleans())
def test_every_equilibrium_passes_an_independent_check(game, exact):
    A, B = game
    res = Game([A, B]).equilibria(exact=exact)
    assert len(res) >= 1  # every finite game has an equilibrium
    for eq in res:
        x, y = eq.strategies
        if exact:
            assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
            assert oracles.is_nash([A, B], (list(x), list(y)))
        else:
            assert abs(sum(x) - 1) < 1e-9 and abs(sum(y) - 1) < 1e-9
            assert oracles.is_nash([A, B], (list(x), list(y)), tol=1e-8)


@fast(60)
@given(generic_bimatrix())
def test_generic_games_are_nondegenerate_with_an_odd_number_of_equilibria(game):
    A, B = game
    g = Game([A, B])
    res_f = g.equilibria()
    res_e = g.equilibria(exact=True)
    assert res_f.degenerate is False and res_e.degenerate is False
    assert len(res_e) % 2 == 1 and len(res_f) % 2 == 1
    assert match_one_to_one(keys(res_f), keys(res_e))
    assert all(len(c) == 1 for c in res_e.components)
    assert sorted(i for c in res_f.components for i in c) == list(range(len(res_f)))
    assert all(len(c) == 1 for c in res_f.components)
    # nondegenerate: every equilibrium has supports of equal size
    for eq in res_e:
        assert len(eq.supports[0]) == len(eq.supports[1])


@fast(25)
@given(generic_bimatrix(max_rows=3, max_cols=3))
def test_generic_games_exact_equals_oracle(game):
    # float payoffs read exactly through their decimal repr (long denominators)
    A, B = game
    assert not oracles.is_degenerate(A, B)
    check_exact_against_oracle(A, B)


@fast(120)
@given(degenerate_bimatrix())
def test_exact_and_float_modes_agree(game):
    A, B = game
    g = Game([A, B])
    res_e, res_f = g.equilibria(exact=True), g.equilibria()
    pairing = pair_off(keys(res_f), keys(res_e))
    assert pairing is not None
    assert res_f.degenerate == res_e.degenerate
    # the same components, up to the pairing
    mapped = {frozenset(pairing[i] for i in c) for c in res_f.components}
    assert mapped == oracles.partition(res_e.components)
    # and the same order (see test_float_mode_lists_equilibria_in_the_exact_order)
    assert pairing == {i: i for i in range(len(res_e))}
    assert res_f.components == res_e.components


@fast(150)
@given(degenerate_bimatrix())
def test_components_are_the_classes_of_shared_strategy_vectors(game):
    A, B = game
    res = Game([A, B]).equilibria(exact=True)
    ks = keys(res)
    comps = res.components
    flat = sorted(i for c in comps for i in c)
    assert flat == list(range(len(res))), f"components {comps} do not partition {len(res)} equilibria"
    assert oracles.partition(comps) == oracles.components_by_sharing(ks)
    if not res.degenerate:
        assert all(len(c) == 1 for c in comps)
    # two extreme equilibria sharing x (or y) span a segment of equilibria: check the midpoint
    for (x1, y1), (x2, y2) in combinations(ks, 2):
        if x1 == x2 or y1 == y2:
            mid = ([(a + b) / 2 for a, b in zip(x1, x2)], [(a + b) / 2 for a, b in zip(y1, y2)])
            assert oracles.is_nash([A, B], mid)


@fast(100)
@given(degenerate_bimatrix())
def test_pure_equilibria_are_exactly_the_pure_extreme_equilibria(game):
    A, B = game
    g = Game([A, B])
    vertex = {k for k in keys(g.equilibria(exact=True))
              if all(sorted(v) == [0] * (len(v) - 1) + [1] for v in k)}
    pure = set(keys(g.equilibria(exact=True, method="pure")))
    assert pure == vertex
    as_indices = {tuple(list(v).index(1) for v in k) for k in pure}
    assert as_indices == oracles.pure_nash([A, B])


@fast(100)
@given(degenerate_bimatrix(), st.randoms(use_true_random=False))
def test_relabelling_strategies_permutes_the_equilibria(game, rnd):
    A, B = np.array(game[0], dtype=object), np.array(game[1], dtype=object)
    m, n = A.shape
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    base = set(keys(Game([A.tolist(), B.tolist()]).equilibria(exact=True)))
    perm = Game([A[rows][:, cols].tolist(), B[rows][:, cols].tolist()]).equilibria(exact=True)
    back = {(tuple(x[rows.index(i)] for i in range(m)), tuple(y[cols.index(j)] for j in range(n)))
            for x, y in keys(perm)}
    assert back == base


@fast(100)
@given(degenerate_bimatrix())
def test_swapping_the_players_swaps_the_equilibria(game):
    A, B = np.array(game[0], dtype=object), np.array(game[1], dtype=object)
    base = Game([A.tolist(), B.tolist()]).equilibria(exact=True)
    swapped = Game([B.T.tolist(), A.T.tolist()]).equilibria(exact=True)
    assert {(y, x) for x, y in keys(swapped)} == set(keys(base))
    assert swapped.degenerate == base.degenerate


@fast(100)
@given(degenerate_bimatrix(), st.integers(1, 50), st.integers(-100, 100), st.integers(1, 50),
       st.integers(-100, 100))
def test_positive_affine_payoff_changes_keep_the_equilibria(game, a, b, c, d):
    A, B = game
    base = set(keys(Game([A, B]).equilibria(exact=True)))
    A2 = [[Fr(a, 7) * v + b for v in row] for row in A]
    B2 = [[Fr(c, 3) * v + d for v in row] for row in B]
    assert set(keys(Game([A2, B2]).equilibria(exact=True))) == base


@fast(60)
@given(degenerate_bimatrix())
def test_order_is_decreasing_lexicographic_and_deterministic(game):
    g = Game(list(game))
    res = g.equilibria(exact=True)
    flat = [[v for vec in k for v in vec] for k in keys(res)]
    assert flat == sorted(flat, reverse=True)
    again = g.equilibria(exact=True)
    assert keys(again) == keys(res) and again.components == res.components


def test_float_mode_lists_equilibria_in_the_exact_order():
    # Found by a seeded random search over small integer games.  The vertex
    # solver sorts on the computed strategies; in float mode 3/4 comes out as
    # 0.75 for one equilibrium and 0.7499999999999999 for another, so roundoff
    # decides the order: float mode lists ((3/4, 0, 1/4), (1/3, 2/3)) first,
    # exact mode lists ((3/4, 1/4, 0), (1/3, 2/3)) first (the documented
    # decreasing lexicographic order of the true values).
    g = Game([[[-2, 1], [-2, 1], [2, -1]], [[1, 0], [-1, 2], [-2, 1]]])
    exact_order = keys(g.equilibria(exact=True))
    assert exact_order == [profile(["3/4", "1/4", 0], ["1/3", "2/3"]),
                           profile(["3/4", "1/4", 0], [0, 1]),
                           profile(["3/4", 0, "1/4"], ["1/3", "2/3"]),
                           profile([0, 1, 0], [0, 1])]
    float_order = keys(g.equilibria())
    assert all(oracles.close(f, e, 1e-9) for f, e in zip(float_order, exact_order)), float_order


# ----------------------------------------------------------------------------
# 3. known games, exactly
# ----------------------------------------------------------------------------
def solve_exact(A, B):
    res = Game([A, B]).equilibria(exact=True)
    return res, keys(res)


def test_von_stengel_2007_example():
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    res, got = solve_exact(A, B)
    assert got == [profile([1, 0, 0], [1, 0]),
                   profile(["4/5", "1/5", 0], ["2/3", "1/3"]),
                   profile([0, "1/3", "2/3"], ["1/3", "2/3"])]
    assert res.degenerate is False
    assert res.components == ((0,), (1,), (2,))
    assert res[1].payoffs == (Fr(3), Fr(14, 5))
    assert res[2].payoffs == (Fr(4), Fr(8, 3))


def test_von_stengel_degenerate_variant():
    # B[0] = (3, 3): the column player is indifferent against the top row.
    # x = (1,0,0) is a best reply exactly to y with y1 >= 2/3 (3 >= 5 - 3 y1 and
    # 3 >= 6 y2), so the segment {(1,0,0)} x [(1,0), (2/3,1/3)] is one component;
    # ((0,1/3,2/3), (1/3,2/3)) stays isolated (by hand: rows 2, 3 and both
    # columns tied there).
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    res, got = solve_exact(A, B)
    assert got == [profile([1, 0, 0], [1, 0]),
                   profile([1, 0, 0], ["2/3", "1/3"]),
                   profile([0, "1/3", "2/3"], ["1/3", "2/3"])]
    assert res.degenerate is True
    assert res.components == ((0, 1), (2,))


def test_matching_pennies():
    res, got = solve_exact([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert got == [profile(["1/2", "1/2"], ["1/2", "1/2"])]
    assert res[0].payoffs == (0, 0) and res.degenerate is False


def test_battle_of_the_sexes():
    res, got = solve_exact([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert got == [profile([1, 0], [1, 0]),
                   profile(["2/3", "1/3"], ["1/3", "2/3"]),
                   profile([0, 1], [0, 1])]
    assert [eq.payoffs for eq in res] == [(2, 1), (Fr(2, 3), Fr(2, 3)), (1, 2)]
    assert res.degenerate is False and len(res.components) == 3


def test_prisoners_dilemma_has_a_unique_pure_equilibrium():
    res, got = solve_exact([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert got == [profile([0, 1], [0, 1])]
    assert res[0].payoffs == (1, 1) and res[0].is_pure and res.degenerate is False


def test_rock_paper_scissors_has_the_unique_uniform_equilibrium():
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    B = [[-v for v in row] for row in A]
    res, got = solve_exact(A, B)
    third = ["1/3"] * 3
    assert got == [profile(third, third)]
    assert res.degenerate is False


@pytest.mark.parametrize("m,n", [(1, 1), (2, 3), (3, 2), (4, 4)])
def test_fully_indifferent_game(m, n):
    # all payoffs zero: every profile is an equilibrium; the extreme ones are
    # the m*n pure profiles, all in one component (the whole product of simplices)
    zeros = [[0] * n for _ in range(m)]
    res, got = solve_exact(zeros, zeros)
    pure = {profile([int(i == r) for i in range(m)], [int(j == c) for j in range(n)])
            for r in range(m) for c in range(n)}
    assert set(got) == pure and len(got) == m * n
    assert res.components == (tuple(range(m * n)),)
    assert res.degenerate is (m * n > 1)


def test_continuum_of_equilibria():
    # A = [[1, 1], [0, 0]]: the top row strictly dominates.
    # B = [[1, 1], [0, 0]]: against the top row the column player is indifferent.
    # Equilibria: x = (1, 0) with ANY y, a segment with extreme points
    # y = (1, 0) and y = (0, 1): two extreme equilibria in one component.
    res, got = solve_exact([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    assert got == [profile([1, 0], [1, 0]), profile([1, 0], [0, 1])]
    assert res.components == ((0, 1),)
    assert res.degenerate is True


def test_two_dimensional_continuum():
    # Row player indifferent everywhere, column player has strategies 1 and 2
    # as perfect substitutes that beat strategy 3 against every row mix:
    # the equilibria are (any x, y in [e1, e2]): 2 x 2 extreme equilibria, one component.
    A = [[5, 5, 5], [5, 5, 5]]
    B = [[2, 2, 0], [1, 1, 0]]
    res, got = solve_exact(A, B)
    assert set(got) == {profile([1, 0], [1, 0, 0]), profile([1, 0], [0, 1, 0]),
                        profile([0, 1], [1, 0, 0]), profile([0, 1], [0, 1, 0])}
    assert res.components == ((0, 1, 2, 3),) and res.degenerate is True


def test_one_row_game():
    # the column player's best replies to the single row are columns 1 and 3
    res, got = solve_exact([[1, 2, 3]], [[3, 1, 3]])
    assert got == [profile([1], [1, 0, 0]), profile([1], [0, 0, 1])]
    assert res.components == ((0, 1),) and res.degenerate is True


def test_one_column_game():
    res, got = solve_exact([[2], [5], [1]], [[0], [1], [2]])
    assert got == [profile([0, 1, 0], [1])]
    assert res.degenerate is False


def test_one_by_one_game():
    res, got = solve_exact([[5]], [[-7]])
    assert got == [profile([1], [1])]
    assert res[0].payoffs == (5, -7) and res.degenerate is False


def test_game_where_nashpy_support_enumeration_misses_a_component():
    # Found by a seeded search: numpy.random.default_rng(2024), drawing
    # A = rng.integers(-2, 3, (3, 3)) then B likewise, the 31st draw (index 30).
    # nashpy 0.0.43 `Game(A, B).support_enumeration()` (tol 1e-16 or 1e-9)
    # returns only the two pure equilibria and misses the whole component
    # {(1/3, 0, 2/3)} x [(1/7, 2/7, 4/7), (0, 1/4, 3/4)].  By hand: against
    # x = (1/3, 0, 2/3) all three columns pay 0; against y = (1/7, 2/7, 4/7) all
    # rows pay 0; against y = (0, 1/4, 3/4) rows 1 and 3 pay 1/4 > -1/4.
    A = [[-2, 1, 0], [0, 2, -1], [0, -2, 1]]
    B = [[2, 2, 0], [0, 1, -1], [-1, -1, 0]]
    res, got = solve_exact(A, B)
    expected = [profile(["1/3", 0, "2/3"], ["1/7", "2/7", "4/7"]),
                profile(["1/3", 0, "2/3"], [0, "1/4", "3/4"]),
                profile([0, 1, 0], [0, 1, 0]),
                profile([0, 0, 1], [0, 0, 1])]
    assert got == expected
    assert set(got) == oracles.extreme_equilibria(A, B)
    assert res.components == ((0, 1), (2,), (3,)) and res.degenerate is True


KNOWN_FLOAT = [
    ([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]),
    ([[0.1, 0.2], [0.3, 0.0]], [[0.3, 0.1], [0.0, 0.3]]),
    ([[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]], [[3.0, 3.0], [2.0, 6.0], [3.0, 1.0]]),
    ([[-2.0, 1.0, 0.0], [0.0, 2.0, -1.0], [0.0, -2.0, 1.0]], [[2.0, 2.0, 0.0], [0.0, 1.0, -1.0], [-1.0, -1.0, 0.0]]),
]


@pytest.mark.parametrize("A,B", KNOWN_FLOAT)
def test_known_games_in_float_mode(A, B):
    res = Game([A, B]).equilibria()
    exact = oracles.extreme_equilibria(A, B)
    assert match_one_to_one(keys(res), exact, tol=1e-9)
    assert res.degenerate == oracles.is_degenerate(A, B)


# ----------------------------------------------------------------------------
# errors and dispatch
# ----------------------------------------------------------------------------
def test_vertex_method_refuses_three_players():
    g = Game([np.zeros((2, 2, 2), dtype=int)] * 3)
    with pytest.raises(ValueError):
        g.equilibria(method="vertex")
    with pytest.raises(ValueError):
        vertex_enumeration(g)


def test_unknown_method_and_non_game():
    g = Game([[[1]], [[1]]])
    with pytest.raises(ValueError, match="lemke"):
        g.equilibria(method="lemke")
    with pytest.raises(TypeError):
        solve([[[1]], [[1]]])


def test_symbolic_game_cannot_be_solved():
    import sympy
    a = sympy.Symbol("a")
    g = Game([[[a, 0], [0, 1]], [[1, 0], [0, 1]]])
    with pytest.raises(TypeError, match="symbolic"):
        g.equilibria()
    res = g.subs({"a": 2}).equilibria(exact=True)
    assert set(keys(res)) == oracles.extreme_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 1]])


def test_auto_is_vertex_for_two_players():
    g = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    assert g.equilibria(method="auto").method == "vertex"
    assert keys(g.equilibria(exact=True, method="auto")) == keys(g.equilibria(exact=True, method="vertex"))


def test_results_are_read_only():
    eq = Game([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]).equilibria(exact=True)[1]
    with pytest.raises(ValueError):
        eq.strategies[0][0] = Fr(1)
    with pytest.raises(ValueError):
        eq.strategies[1].flags.writeable = True
    with pytest.raises(AttributeError):
        eq.regret = 1


# ----------------------------------------------------------------------------
# pairing the vertices by labels, size and memory limits
# ----------------------------------------------------------------------------
@fast(150)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_pairing_by_labels_equals_comparing_every_pair(m, n, data):
    # label tables with any number of labels per vertex, duplicates included
    tables = [np.array(data.draw(st.lists(st.lists(st.booleans(), min_size=m + n, max_size=m + n),
                                          max_size=12)), dtype=bool).reshape(-1, m + n) for _ in range(2)]
    P_labels, Q_labels = tables
    a, b = bimatrix_solver._completely_labelled(polytope.bitmasks(P_labels), polytope.bitmasks(Q_labels), m, n)
    brute = {(i, j) for i in range(len(P_labels)) for j in range(len(Q_labels))
             if (P_labels[i] | Q_labels[j]).all()}
    assert len(a) == len(brute) and set(zip(a.tolist(), b.tolist())) == brute


def test_vertex_with_extra_labels_matches_several_vertices_of_the_other_polytope():
    # A = B = [[1, 1], [0, 0]]: x = (1, 0) carries three labels (x_2 = 0 and both columns are best
    # replies; m = 2), and pairs with two vertices of Q, y = (1, 0) and (0, 1): a segment of equilibria
    A = B = [[1, 1], [0, 0]]
    _, P_labels = bimatrix_solver._best_response_polytope(bimatrix_solver._integer_matrix(
        Game([A, B]).as_exact().payoff_arrays[1]), True, 0.0, np.r_[:2, 3:5])
    rich = np.nonzero(np.bitwise_count(P_labels).sum(axis=1) > 2)[0]
    assert len(rich) >= 1
    res, got = solve_exact(A, B)
    assert set(got) == oracles.extreme_equilibria(A, B) == {profile([1, 0], [1, 0]), profile([1, 0], [0, 1])}
    assert res.degenerate and res.components == ((0, 1),)
    for exact in (True, False):
        assert match_one_to_one(keys(Game([A, B]).equilibria(exact=exact)), set(got))


@pytest.mark.parametrize("seed", [3, 4])
def test_20_by_20_random_game_with_dominated_strategies(seed):
    # random integer payoffs; strategies 5..19 of each player are strictly dominated (payoffs 20
    # lower), so the equilibria are those of the 5 x 5 core, which the oracle solves independently
    rng = np.random.default_rng(seed)
    n, k = 20, 5
    A, B = rng.integers(0, 10, (n, n)), rng.integers(0, 10, (n, n))
    A[:k] += 20
    B[:, :k] += 20
    core = oracles.extreme_equilibria(A[:k, :k].tolist(), B[:k, :k].tolist())
    expected = {(x + (Fr(0),) * (n - k), y + (Fr(0),) * (n - k)) for x, y in core}
    exact = Game([A, B]).equilibria(exact=True)
    assert set(keys(exact)) == expected and len(exact) == len(expected)
    floats = Game([A.astype(float), B.astype(float)]).equilibria()
    assert match_one_to_one(keys(floats), expected)
    for key in keys(floats):
        assert oracles.is_nash([A, B], key, tol=1e-9)


def test_memory_limit_refuses_before_allocating(monkeypatch):
    rng = np.random.default_rng(0)
    game = Game([rng.standard_normal((6, 6)), rng.standard_normal((6, 6))])
    assert len(game.equilibria()) >= 1
    monkeypatch.setattr(polytope, "MEMORY_LIMIT", 2_000)
    with pytest.raises(SolverLimitError, match="over the memory limit of .* MiB"):
        game.equilibria()
    with pytest.raises(SolverLimitError, match="MEMORY_LIMIT"):
        game.equilibria(exact=True)


def test_ray_and_equilibrium_count_limits(monkeypatch):
    rng = np.random.default_rng(0)
    game = Game([rng.standard_normal((6, 6)), rng.standard_normal((6, 6))])
    monkeypatch.setattr(polytope, "MAX_RAYS", 20)
    with pytest.raises(SolverLimitError, match="more than 20 extreme rays"):
        game.equilibria()
    monkeypatch.undo()
    zeros = Game([np.zeros((4, 4), dtype=int)] * 2)   # 16 extreme equilibria
    assert len(zeros.equilibria(exact=True)) == 16
    monkeypatch.setattr(bimatrix_solver, "MAX_EQUILIBRIA", 15)
    with pytest.raises(SolverLimitError, match="more than 15 extreme equilibria"):
        zeros.equilibria(exact=True)


def _traced_solve(game, exact):
    """Solve under tracemalloc: (refused, peak bytes traced during the solve)."""
    tracemalloc.start()
    try:
        vertex_enumeration(game, exact=exact)
        refused = False
    except SolverLimitError:
        refused = True
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return refused, peak


@pytest.mark.parametrize("exact", [False, True])
def test_memory_limit_counts_everything_the_solve_holds(monkeypatch, exact):
    # with small chunks, for every memory limit the solve either refuses or stays under it, the
    # limit covering both polytopes, the pairing and the equilibria together (not one cone at a time)
    for module in (polytope, bimatrix_solver):
        monkeypatch.setattr(module, "_CHUNK_ELEMENTS", 1_000)
    monkeypatch.setattr(polytope, "CHUNK_BYTES", 8 * 8 * 1_000)
    rng = np.random.default_rng(1)
    game = Game([rng.integers(-3, 4, size=(10, 10)), rng.integers(-3, 4, size=(10, 10))])
    outcomes = []
    for limit in np.geomspace(2**16, 2**24, 9).astype(int):
        monkeypatch.setattr(polytope, "MEMORY_LIMIT", int(limit))
        refused, peak = _traced_solve(game, exact)
        assert refused or peak <= limit, (limit, peak)
        outcomes.append(refused)
    assert outcomes[0] and not outcomes[-1]
    assert outcomes == sorted(outcomes, reverse=True)   # refused below some limit, solved above it
