"""Tests of the N-player solver by support enumeration with polynomial systems (method="polynomial").

Hand-derived games (three-player matching pennies, a game with exactly two
irrational equilibria, Selten's horse, degenerate games with continua),
hypothesis properties checked with the brute-force oracle of
``tests/oracles.py``, and a cross-check against Gambit's ``enumpoly``: live
when pygambit is installed, and always against the answers Gambit gave on the
games stored in ``tests/data/enumpoly_3player.json``
(written by ``python benchmarks/nplayer.py --write-fixture``).
"""

from __future__ import annotations

import json
import math
import multiprocessing
import warnings
from fractions import Fraction as Fr
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sbgames import Game, VerificationError
from sbgames.errors import SolverLimitError
from sbgames.solvers import polynomial_equilibria, solve
from sbgames.solvers.polynomial import (LINEAR_SECONDS, MAX_PROFILES, QUICK_SECONDS, SUPPORT_SECONDS, _Search,
                                        estimated_seconds, fits, fits_quickly, polynomial_search)

try:
    from tests import oracles
    from tests.strategies import nplayer_payoffs
except ImportError:  # tests/ itself is on sys.path
    import oracles
    from strategies import nplayer_payoffs

FIXTURE = Path(__file__).parent / "data" / "enumpoly_3player.json"
TOL = 1e-6


def fast(n):
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)


def quiet(game, **kw):
    """Solve without letting a (rare, tested separately) incompleteness warning through."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return polynomial_equilibria(game, **kw)


def floats(eq):
    return [[float(p) for p in s] for s in eq.strategies]


def same(a, b, tol=TOL) -> bool:
    return all(abs(x - y) <= tol for u, v in zip(a, b) for x, y in zip(u, v))


def contains(profiles, p) -> bool:
    return any(same(p, q) for q in profiles)


def check_equilibria(payoffs, res):
    """Every listed equilibrium independently checked: exactly, or via its algebraic values."""
    exact_payoffs = [np.vectorize(lambda v: sympy.Rational(str(oracles.F(v))), otypes=[object])(
        np.asarray(a, dtype=object)) for a in payoffs]
    for eq in res:
        if eq.exact:
            assert oracles.is_nash(payoffs, [list(v) for v in eq.strategies])
            assert eq.regret == 0 and eq.algebraic is None
        else:
            assert oracles.is_nash(payoffs, floats(eq), tol=1e-9)
            if res.exact:   # irrational, found in exact mode: its exact values are an equilibrium
                # the exact values to 60 digits: the regrets vanish to 1e-40
                profile = [[sympy.N(p, 60) for p in v] for v in eq.algebraic]
                for vec, approx in zip(profile, eq.strategies):
                    assert all(abs(p - a) < 1e-12 for p, a in zip(vec, approx))
                    assert abs(sum(vec) - 1) < 1e-40 and all(p > -1e-40 for p in vec)
                for r in oracles.regrets(exact_payoffs, profile):
                    assert abs(r) < 1e-40
    keys = [tuple(round(x, 9) for s in floats(eq) for x in s) for eq in res]
    assert len(set(keys)) == len(keys), "an equilibrium is listed twice"


# ----------------------------------------------------------------------------- hand-derived games
def matching_pennies_3():
    """Player 1 matches player 2, player 2 matches player 3, player 3 mismatches player 1."""
    a, b, c = (np.zeros((2, 2, 2), dtype=int) for _ in range(3))
    for i, j, k in np.ndindex(2, 2, 2):
        a[i, j, k] = 1 if i == j else -1
        b[i, j, k] = 1 if j == k else -1
        c[i, j, k] = 1 if k != i else -1
    return [a, b, c]


@pytest.mark.parametrize("exact", [True, False])
def test_three_player_matching_pennies_has_one_equilibrium(exact):
    res = polynomial_equilibria(Game(matching_pennies_3()), exact=exact)
    assert len(res) == 1 and res.complete and res.degenerate is False and res.method == "polynomial"
    assert floats(res[0]) == [[0.5, 0.5]] * 3
    if exact:
        assert [list(v) for v in res[0].strategies] == [[Fr(1, 2)] * 2] * 3 and res[0].regret == 0


def two_irrational_game():
    """u_i(s1) - u_i(s2) is D1(q, r), D2(p, r), D3(p, q) (p, q, r: probabilities of s1).

    D1 = 80qr - 50q + 1, D2 = 4r - 2p - 1, D3 = 4p - 2q - 1; u_i(s2) = 0.
    Fully mixed: q = 2p - 1/2, r = p/2 + 1/4 and 5p^2 - 5p + 1 = 0, so
    p = (5 +- sqrt 5)/10, q = (5 +- 2 sqrt 5)/10, r = (10 +- sqrt 5)/20.
    No D vanishes at a corner, so no player mixes alone; two mixing players
    with the third pure have no solution in [0, 1] but (s2 for player 2 and
    p = 3/4, r = 49/80), where player 2 would gain (D2 = -1/20 < 0 but q = 1
    needs D2 >= 0).  Of the 8 pure profiles only (s1, s1, s1) is an
    equilibrium.  So: exactly three equilibria, two of them irrational.
    """
    arrays = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for i, j, k in np.ndindex(2, 2, 2):
        p, q, r = int(i == 0), int(j == 0), int(k == 0)
        arrays[0][i, j, k] = 80 * q * r - 50 * q + 1 if i == 0 else 0
        arrays[1][i, j, k] = 4 * r - 2 * p - 1 if j == 0 else 0
        arrays[2][i, j, k] = 4 * p - 2 * q - 1 if k == 0 else 0
    return arrays


def test_game_with_exactly_two_irrational_equilibria_exact():
    payoffs = two_irrational_game()
    res = polynomial_equilibria(Game(payoffs), exact=True)
    assert len(res) == 3 and res.complete and not res.degenerate
    pure, *mixed = res
    assert pure.exact and floats(pure) == [[1, 0]] * 3 and pure.algebraic is None
    s5 = sympy.sqrt(5)
    expected = [((5 + s5) / 10, (5 + 2 * s5) / 10, (10 + s5) / 20),
                ((5 - s5) / 10, (5 - 2 * s5) / 10, (10 - s5) / 20)]
    for eq, (p, q, r) in zip(mixed, expected):
        assert eq.exact is False and eq.tol > 0 and eq.regret <= eq.tol
        want = [(p, 1 - p), (q, 1 - q), (r, 1 - r)]
        for got, exp in zip(eq.algebraic, want):
            assert all(sympy.simplify(g - e) == 0 for g, e in zip(got, exp))
        assert same(floats(eq), [[float(x) for x in v] for v in want], 1e-15)
    check_equilibria(payoffs, res)


def test_game_with_two_irrational_equilibria_float_mode():
    res = polynomial_equilibria(Game([a.astype(float) for a in two_irrational_game()]))
    assert len(res) == 3 and res.exact is False and res.tol > 0
    assert all(eq.algebraic is None and eq.exact is False for eq in res)
    assert abs(res[1].strategies[0][0] - (5 + 5 ** 0.5) / 10) < 1e-12


def selten_horse():
    """Player 1: C(ontinue) or D(own); player 2: c or d; player 3 (not knowing who moved): L or R."""
    outcome = {("C", "c"): (1, 1, 1), ("C", "d", "L"): (0, 0, 1), ("C", "d", "R"): (4, 4, 0),
               ("D", "L"): (0, 0, 0), ("D", "R"): (3, 2, 2)}
    names = [("C", "D"), ("c", "d"), ("L", "R")]
    arrays = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for cell in np.ndindex(2, 2, 2):
        a, b, c = (names[i][k] for i, k in enumerate(cell))
        pay = outcome[(a, b)] if (a, b) == ("C", "c") else outcome[(a, b, c)] if a == "C" else outcome[(a, c)]
        for i in range(3):
            arrays[i][cell] = pay[i]
    return Game(arrays, players=["1", "2", "3"], strategies=names)


def test_selten_horse_two_segments_of_equilibria():
    # the equilibria are two segments: (C, c, zL + (1-z)R) for z >= 3/4 (player 2 prefers c iff
    # z >= 3/4, player 1 then prefers C iff z >= 2/3) and (D, y c + (1-y) d, R) for y >= 1/3
    # (player 1 prefers D iff 4 - 3y <= 3); the solver returns their four end points
    res = polynomial_equilibria(selten_horse(), exact=True)
    assert res.degenerate and res.complete
    assert [eq.describe() for eq in res] == [
        "1: C; 2: c; 3: L", "1: C; 2: c; 3: 3/4 L + 1/4 R", "1: D; 2: c; 3: R", "1: D; 2: 1/3 c + 2/3 d; 3: R"]
    check_equilibria([np.asarray(a) for a in selten_horse().payoff_arrays], res)


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 3, 2), (3, 3, 3), (2, 2, 2, 2)])
def test_all_zero_game_every_pure_profile_represents_the_continuum(shape):
    res = polynomial_equilibria(Game([np.zeros(shape, dtype=int)] * len(shape)), exact=True)
    assert res.degenerate and res.complete
    assert sorted(tuple(int(np.argmax(floats(eq)[i])) for i in range(len(shape))) for eq in res) == \
        sorted(np.ndindex(*shape))
    assert all(eq.is_pure for eq in res)


def test_face_of_equilibria():
    # players 1 and 2 are indifferent everywhere, player 3's s1 strictly dominates: every profile
    # (x, y, s1) is an equilibrium, a whole face; its pure corners are listed, nothing else
    p3 = np.zeros((2, 3, 2), dtype=int)
    p3[:, :, 0] = 1
    payoffs = [np.full((2, 3, 2), 5), np.full((2, 3, 2), -1), p3]
    res = polynomial_equilibria(Game(payoffs), exact=True)
    assert res.degenerate and res.complete
    assert all(list(eq.strategies[2]) == [1, 0] for eq in res)
    assert {(int(np.argmax(floats(eq)[0])), int(np.argmax(floats(eq)[1]))) for eq in res if eq.is_pure} == \
        {(a, b) for a in range(2) for b in range(3)}
    check_equilibria(payoffs, res)


def test_duplicated_strategy_gives_a_segment_with_both_ends():
    # player 1's strategies s1 and s2 are copies: matching pennies' equilibrium becomes a segment
    base = matching_pennies_3()
    payoffs = [np.concatenate([a[:1], a], axis=0) for a in base]   # shape (3, 2, 2)
    res = polynomial_equilibria(Game(payoffs), exact=True)
    assert res.degenerate and res.complete
    firsts = sorted(tuple(eq.strategies[0]) for eq in res)
    assert (0, Fr(1, 2), Fr(1, 2)) in firsts and (Fr(1, 2), 0, Fr(1, 2)) in firsts
    check_equilibria(payoffs, res)


CURVED = [[[[0, 0], [1, 0]], [[1, -1], [0, 0]]], [[[-1, 0], [0, -1]], [[-1, 1], [-1, 1]]],
          [[[1, -1], [-1, 1]], [[-1, -1], [1, 1]]]]


def test_curved_continuum_is_reported_incomplete_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = Game(CURVED).equilibria(exact=True)
    assert res.method == "polynomial" and res.degenerate and res.complete is False
    assert len(caught) == 1 and caught[0].filename == __file__
    assert "not an affine subspace" in str(caught[0].message) and "{s1, s2}" in str(caught[0].message)
    check_equilibria(CURVED, res)
    with pytest.warns(UserWarning, match="may be missing"):
        polynomial_equilibria(Game(CURVED))


# ----------------------------------------------------------------------------- the interface
def test_size_limit_is_a_clear_error():
    with pytest.raises(SolverLimitError, match=r"5 x 5 x 3 \(3 players, 75 profiles, 6727 support profiles\)"):
        Game([np.zeros((5, 5, 3), dtype=int)] * 3).equilibria(method="polynomial")
    with pytest.raises(ValueError, match="5 players"):
        polynomial_equilibria(Game([np.zeros((1, 1, 1, 1, 2), dtype=int)] * 5))
    assert MAX_PROFILES == 64
    with pytest.raises(ValueError, match=r"4 x 4 x 4 \(3 players, 64 profiles, 3375 support profiles\)"):
        polynomial_equilibria(Game([np.zeros((4, 4, 4), dtype=int)] * 3))
    # few pure profiles but exponentially many supports: refused, and auto falls back to pure equilibria
    wide = Game([np.arange(64).reshape(1, 64, 1)] * 3)
    with pytest.raises(ValueError, match="1 x 64 x 1 .*18446744073709551615 support profiles"):
        polynomial_equilibria(wide)
    with pytest.warns(UserWarning, match="pure equilibria only") as caught:
        result = wide.equilibria()
    assert result.method == "pure" and not result.complete
    assert [eq.describe() for eq in result] == ["Player 1: s1; Player 2: s64; Player 3: s1"]
    assert "method='polynomial'" in str(caught[0].message) and "1,100 support profiles" in str(caught[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warn=False: the result alone says what was left out
        quiet = solve(wide, warn=False)
    assert [eq.describe() for eq in quiet] == [eq.describe() for eq in result]
    assert quiet.scope == "pure equilibria only; mixed equilibria not searched"


def test_auto_falls_back_to_pure_equilibria_when_the_estimate_is_minutes():
    # random 2x3x3x3 games leave supports with four mixing players and five unknowns (minutes each)
    rng = np.random.default_rng(0)
    game = Game([rng.integers(-9, 10, (2, 3, 3, 3)) for _ in range(4)])
    assert fits(game) and estimated_seconds(game) > QUICK_SECONDS
    with pytest.warns(UserWarning, match="pure equilibria only") as caught:
        result = game.equilibria(exact=True)
    message = str(caught[0].message)
    assert "mixed equilibria were not searched" in message and "method='polynomial' runs it anyway" in message
    assert result.method == "pure" and result.complete is False
    assert {tuple(int(np.argmax(floats(eq)[i])) for i in range(4)) for eq in result} == \
        oracles.pure_nash([np.asarray(a) for a in game.payoff_arrays])


def test_cost_estimate_counts_the_supports_left_after_dominance():
    # a strictly dominant strategy for everyone: only its pure profile is left, whatever the size
    dominant = np.zeros((3, 3, 3), dtype=int)
    dominant[0] = 1
    game = Game([dominant, dominant.transpose(1, 0, 2), dominant.transpose(2, 1, 0)])
    assert estimated_seconds(game) == LINEAR_SECONDS and fits_quickly(game)
    # all payoffs zero: nothing is dominated, every one of the 343 supports is priced
    zero = Game([np.zeros((3, 3, 3), dtype=int)] * 3)
    # 343 = 279 supports with at most two mixing players + 64 with three: sizes 2,2,2 (27 of them,
    # 3 unknowns), 2,2,3 in some order (27, 4 unknowns), 2,3,3 (9, 5 unknowns), 3,3,3 (1, 6 unknowns)
    assert estimated_seconds(zero) == pytest.approx(
        279 * LINEAR_SECONDS + 27 * SUPPORT_SECONDS[(3, 3)] + 27 * SUPPORT_SECONDS[(3, 4)]
        + 9 * SUPPORT_SECONDS[(3, 5)] + SUPPORT_SECONDS[(3, 6)], abs=1e-3)
    assert estimated_seconds(Game([np.zeros((4, 4, 4), dtype=int)] * 3)) == math.inf


def test_auto_dispatch():
    three = Game(matching_pennies_3())
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # no "only pure equilibria" warning any more
        res = three.equilibria(exact=True)
    assert res.method == "polynomial" and res.complete
    two = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    assert two.equilibria().method == "vertex"
    assert solve(two, method="polynomial", exact=True)[0].strategies[0].tolist() == [Fr(1, 2)] * 2
    with pytest.raises(TypeError, match="exact must be True or False"):
        three.equilibria(method="polynomial", exact="yes")
    with pytest.raises(ValueError, match="tol must be"):
        three.equilibria(method="polynomial", tol=-1.0)
    x = sympy.Symbol("x")
    with pytest.raises(TypeError, match="symbolic"):
        polynomial_equilibria(Game([np.full((2, 2, 2), x, dtype=object)] * 3))


def test_result_serialises_and_survives_parameters():
    res = Game(two_irrational_game()).equilibria(exact=True)
    copy = res.with_parameters({"a": 1})
    assert [eq.algebraic for eq in copy] == [eq.algebraic for eq in res]
    data = res.to_dict()
    assert data["method"] == "polynomial" and data["complete"] is True and len(data["equilibria"]) == 3


def test_verification_guards_the_output():
    # a profile that is not an equilibrium can never come back: verified() refuses it
    from sbgames import verified
    with pytest.raises(VerificationError):
        verified(Game(matching_pennies_3()), [[1, 0]] * 3, method="polynomial", exact=True)


# ----------------------------------------------------------------------------- properties
@fast(150)
@given(st.integers(0, 2).flatmap(lambda k: nplayer_payoffs(n_players=3, max_size=2) if k else
                                 nplayer_payoffs(n_players=3, max_size=3, values=st.integers(-1, 1))),
       st.booleans())
def test_every_result_is_an_equilibrium_and_pure_ones_are_all_there(payoffs, exact):
    res = quiet(Game(payoffs), exact=exact)
    check_equilibria(payoffs, res)
    pure = {tuple(int(np.argmax(v)) for v in floats(eq)) for eq in res if eq.is_pure}
    assert pure == oracles.pure_nash(payoffs)
    if not res.degenerate:
        assert res.complete


def _relabel(payoffs, players, perms):
    """Payoffs with players reordered by `players` and each player's strategies by `perms`."""
    out = []
    for i in players:
        arr = np.transpose(np.asarray(payoffs[i], dtype=object), players)
        for axis, j in enumerate(players):
            arr = np.take(arr, perms[j], axis=axis)
        out.append(arr)
    return out


@fast(30)
@given(st.sampled_from([(2, 2, 2), (2, 2, 3), (2, 3, 2)]), st.integers(0, 2**32 - 1), st.randoms())
def test_invariant_under_relabelling_players_and_strategies(shape, seed, rnd):
    rng = np.random.default_rng(seed)
    payoffs = [rng.integers(-30, 31, shape).astype(object) for _ in shape]
    res = quiet(Game(payoffs), exact=True)
    assume(not res.degenerate)
    players = list(range(3))
    rnd.shuffle(players)
    perms = [rnd.sample(range(n), n) for n in shape]
    res2 = quiet(Game(_relabel(payoffs, players, perms)), exact=True)
    assert not res2.degenerate and len(res2) == len(res)
    back = []
    for eq in res2:   # eq.strategies[a] is player players[a]'s strategy, permuted
        prof = [None] * 3
        for a, i in enumerate(players):
            vec = [0.0] * shape[i]
            for pos, s in enumerate(perms[i]):
                vec[s] = float(eq.strategies[a][pos])
            prof[i] = vec
        back.append(prof)
    assert all(contains(back, floats(eq)) for eq in res)


@fast(40)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_two_player_games_agree_with_vertex_enumeration(m, n, seed):
    # generic (continuous) bimatrix games: every equilibrium is an extreme one
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-1000, 1001, (m, n)), rng.integers(-1000, 1001, (m, n))
    poly = polynomial_equilibria(Game([A, B]), exact=True)
    vert = Game([A, B]).equilibria(exact=True)
    assume(not vert.degenerate)
    assert sorted(map(oracles.as_key, poly)) == sorted(map(oracles.as_key, vert))


# ----------------------------------------------------------------------------- Gambit's enumpoly
def _missing_only_on_continua(arrays, res, theirs):
    """Gambit's valid equilibria that sbgames lacks; each must lie where a continuum was found."""
    game = Game([np.asarray(a, dtype=object) for a in arrays])
    mine = [floats(eq) for eq in res]
    valid = [p for p in theirs if oracles.is_nash(arrays, p, tol=TOL)]
    missing = [p for p in valid if not contains(mine, p)]
    if missing:
        search = _Search(game.as_exact())
        search.run()
        continua = set(search.continua)
        for p in missing:
            support = tuple(tuple(s for s, x in enumerate(v) if x > 1e-9) for v in p)
            assert support in continua, f"sbgames misses Gambit's isolated equilibrium {p}"
    return valid, missing


def test_fixture_of_gambit_enumpoly_results():
    data = json.loads(FIXTURE.read_text())["games"]
    assert len(data) >= 30
    generic = agreed = 0
    for entry in data:
        arrays = [np.array(a, dtype=object) for a in entry["payoffs"]]
        res = quiet(Game(arrays), exact=True)
        check_equilibria(arrays, res)
        if entry["gambit"] is None:   # Gambit did not finish
            continue
        valid, missing = _missing_only_on_continua(arrays, res, entry["gambit"])
        if not res.degenerate:
            generic += 1
            assert res.complete and not missing
            agreed += len(valid) == len(res)
    assert generic >= 10 and agreed >= generic - 2   # Gambit itself misses an irrational one now and then


def _gambit_child(arrays, queue):
    from sbgames.interop import gambit_equilibria, to_gambit   # pygambit 16 and 17
    found = gambit_equilibria(to_gambit(Game([np.array(a, dtype=object) for a in arrays])), "enumpoly")
    queue.put([[[float(x) for x in vec] for vec in eq.strategies] for eq in found])


def test_live_gambit_enumpoly_on_random_games():
    pytest.importorskip("pygambit")
    ctx = multiprocessing.get_context("fork")
    checked = 0
    for seed in range(8):
        rng = np.random.default_rng([77, seed])
        shape = (2, 2, 2) if seed % 2 else (2, 2, 3)
        arrays = [rng.integers(-9, 10, shape).tolist() for _ in shape]
        queue = ctx.Queue()
        child = ctx.Process(target=_gambit_child, args=(arrays, queue))
        child.start()
        try:
            theirs = queue.get(timeout=10)   # Gambit's enumpoly can hang on degenerate games
        except Exception:
            theirs = None
        finally:
            if child.is_alive():
                child.kill()
            child.join()
        if theirs is None:
            continue
        arrays = [np.array(a, dtype=object) for a in arrays]
        res = quiet(Game(arrays), exact=True)
        _, missing = _missing_only_on_continua(arrays, res, theirs)
        checked += 1
    assert checked >= 4


def test_shape_position_needs_a_radical_ideal_and_a_separating_form():
    import random
    from sbgames.solvers.algebraic import groebner, shape_position
    x, y = sympy.symbols("x y")
    # one point of multiplicity 4: not in shape position until made radical
    h, g = shape_position(groebner([x**2, y**2], [x, y]), [x, y], random.Random(0))
    assert h.degree() == 1 and [gk.eval(-h.nth(0) / h.nth(1)) for gk in g] == [0, 0]
    # the points (0, 0), (1, 0), (0, 1): y does not separate them, a random form t does
    h, g = shape_position(groebner([x**2 - x, y**2 - y, x * y], [x, y]), [x, y], random.Random(0))
    roots = [r for r in h.real_roots()]
    assert h.degree() == 3 and sorted([gk.eval(r) for gk in g] for r in roots) == \
        sorted([[0, 0], [1, 0], [0, 1]])


def test_solver_internals_report_continua():
    search = _Search(Game([np.zeros((2, 2, 2), dtype=int)] * 3))
    search.run()
    assert ((0, 1), (0, 1), (0, 1)) in search.continua and search.degenerate
    result, message = polynomial_search(Game(matching_pennies_3()), True, None)
    assert message is None and result.complete


def test_small_integer_payoffs_list_only_verified_profiles():
    # ties everywhere: every listed profile checked exactly by the oracle
    rng = np.random.default_rng(5)
    for _ in range(3):
        payoffs = [rng.integers(-1, 2, (3, 3, 2)).astype(object) for _ in range(3)]
        check_equilibria(payoffs, quiet(Game(payoffs), exact=True))

