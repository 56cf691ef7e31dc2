"""Tests of the pure-equilibrium solver on N-player games, against a brute-force oracle."""

from __future__ import annotations

import warnings
from fractions import Fraction as Fr

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbgames import Game
from sbgames.solvers import pure_equilibria

try:
    from tests import oracles
    from tests.strategies import SMALL, decimal_float_values, nplayer_payoffs
except ImportError:  # tests/ itself is on sys.path
    import oracles
    from strategies import SMALL, decimal_float_values, nplayer_payoffs


def fast(n):
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)


def pure_indices(result):
    """Each equilibrium as a tuple of strategy indices, checking it is pure."""
    out = []
    for eq in result:
        idx = []
        for vec in eq.strategies:
            values = [float(v) for v in vec]
            assert sorted(values) == [0.0] * (len(values) - 1) + [1.0], f"not pure: {vec}"
            idx.append(values.index(1.0))
        out.append(tuple(idx))
    return out


def solve_auto(game, exact):
    """method="auto" on a game with 3+ players beyond the polynomial solver's size limit warns
    that mixed equilibria were not searched."""
    with pytest.warns(UserWarning, match="only pure equilibria"):
        return game.equilibria(exact=exact)


@fast(60)
@given(nplayer_payoffs(n_players=3), st.booleans())
def test_pure_method_on_three_players_is_incomplete(payoffs, exact):
    game = Game(payoffs)
    res = game.equilibria(exact=exact, method="pure")
    assert res.method == "pure" and res.complete is False
    assert set(pure_indices(res)) == oracles.pure_nash(payoffs)


@fast(15)
@given(nplayer_payoffs(n_players=3, max_size=2), st.booleans())
def test_auto_on_small_three_player_games_is_polynomial(payoffs, exact):
    # within the size limit of the polynomial solver, "auto" searches mixed equilibria too
    game = Game(payoffs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # a rare curved continuum warns (tested in test_polynomial_solver)
        res = game.equilibria(exact=exact)
    assert res.method == "polynomial"
    pure = {tuple(int(np.argmax(np.array(v, dtype=float))) for v in eq.strategies) for eq in res if eq.is_pure}
    assert pure == oracles.pure_nash(payoffs)


@pytest.mark.parametrize("exact", [False, True])
def test_auto_on_large_three_player_games_is_pure_and_incomplete(exact):
    rng = np.random.default_rng(3)
    payoffs = [rng.integers(-2, 3, (4, 4, 5)).astype(object) for _ in range(3)]   # 80 profiles > 64
    game = Game(payoffs)
    res = solve_auto(game, exact)
    assert res.method == "pure" and res.complete is False
    assert set(pure_indices(res)) == oracles.pure_nash(payoffs)
    assert pure_indices(res) == pure_indices(game.equilibria(exact=exact, method="pure"))


def test_auto_warning_points_at_the_caller():
    game = Game([np.zeros((5, 5, 3), dtype=int)] * 3)   # beyond the polynomial solver's limit
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        game.equilibria()
    assert len(caught) == 1 and caught[0].filename == __file__


@fast(40)
@given(nplayer_payoffs(n_players=3, max_size=2, values=decimal_float_values))
def test_float_payoffs_tie_as_the_decimals_mean(payoffs):
    floats = [np.array(a, dtype=float) for a in payoffs]
    res = Game(floats).equilibria(method="pure")
    assert set(pure_indices(res)) == oracles.pure_nash(payoffs)  # exact oracle on the decimals


@fast(80)
@given(nplayer_payoffs(n_players=2, max_size=4), st.booleans())
def test_two_player_pure_method(payoffs, exact):
    res = Game(payoffs).equilibria(exact=exact, method="pure")
    assert set(pure_indices(res)) == oracles.pure_nash(payoffs)
    assert res.complete is False


@fast(30)
@given(st.lists(SMALL, min_size=1, max_size=6))
def test_one_player_game_picks_every_maximum(values):
    res = Game([values]).equilibria(exact=True)
    assert res.complete is True  # one player: the pure maxima are all the extreme equilibria
    best = max(values)
    assert [i for (i,) in pure_indices(res)] == [k for k, v in enumerate(values) if v == best]


def test_float_tolerance_decides_near_ties():
    g = Game([[1.0, 1.0 + 1e-12]])
    assert pure_indices(g.equilibria()) == [(0,), (1,)]           # within the default tolerance
    assert pure_indices(g.equilibria(exact=True)) == [(1,)]       # exactly, 1.000000000001 wins
    assert pure_indices(g.equilibria(tol=0.0)) == [(1,)]
    assert pure_indices(Game([[1.0, 1.0005]]).equilibria(tol=0.001)) == [(0,), (1,)]
    assert pure_indices(Game([[1.0, 1.0005]]).equilibria(tol=0.0004)) == [(1,)]


@pytest.mark.parametrize("scale", [1e-12, 1e-10, 1.0, 1e12])
def test_strict_dominant_strategy_equilibrium_at_any_payoff_scale(scale):
    # each player gets 1 for its first strategy and 0 for its second, whatever the others do
    payoffs = [np.zeros((2, 2, 2)) for _ in range(3)]
    for profile in np.ndindex(2, 2, 2):
        for i in range(3):
            payoffs[i][profile] = scale * (profile[i] == 0)
    game = Game(payoffs)
    assert pure_indices(game.equilibria(method="pure")) == [(0, 0, 0)]
    assert pure_indices(game.equilibria()) == [(0, 0, 0)]   # polynomial: the only equilibrium
    assert [game.is_equilibrium(list(p)) for p in np.ndindex(2, 2, 2)] == [True] + [False] * 7


def test_collective_model_with_payoff_parameters_scaled_down():
    # every payoff parameter of collective_majority times 1e-10 (lam and the shares e_h, e_s are weights)
    from sbgames import load_model
    model = load_model("collective_majority")
    money = ["g", "theta", "l", "l_r", "w", "c_h", "c_s", "b", "a"]
    game = model.game(**{name: model.parameters[name].default * Fr(1, 10**10) for name in money})
    floats = pure_indices(game.as_float().equilibria(method="pure"))
    assert floats == pure_indices(game.equilibria(method="pure", exact=True))
    assert floats == pure_indices(model.game().as_float().equilibria(method="pure"))
    assert len(floats) == 1


def test_three_player_coordination():
    # everyone gets 1 when all choose the same strategy, else 0
    shape = (2, 2, 2)
    same = np.zeros(shape, dtype=int)
    same[0, 0, 0] = same[1, 1, 1] = 1
    res = Game([same] * 3).equilibria(exact=True, method="pure")
    assert pure_indices(res) == [(0, 0, 0), (1, 1, 1)]
    assert [eq.payoffs for eq in res] == [(1, 1, 1), (1, 1, 1)]


def test_three_player_public_goods_has_unique_free_riding_equilibrium():
    # contribute (0) costs 2, each contribution gives everyone 1.5 (< 2): defection dominates
    payoffs = [np.zeros((2, 2, 2), dtype=object) for _ in range(3)]
    for cell in np.ndindex(2, 2, 2):
        pot = Fr(3, 2) * sum(1 for c in cell if c == 0)
        for i in range(3):
            payoffs[i][cell] = pot - (2 if cell[i] == 0 else 0)
    res = Game(payoffs).equilibria(exact=True, method="pure")
    assert pure_indices(res) == [(1, 1, 1)]
    assert res[0].payoffs == (0, 0, 0)


def test_game_without_pure_equilibrium():
    res = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]).equilibria(exact=True, method="pure")
    assert list(res) == [] and res.complete is False


def test_fully_indifferent_three_player_game():
    res = Game([np.zeros((2, 3, 2), dtype=int)] * 3).equilibria(exact=False, method="pure")
    assert pure_indices(res) == [tuple(c) for c in np.ndindex(2, 3, 2)]


def test_pure_solver_function_directly():
    g = Game([[[0, -1], [1, -10]], [[0, 1], [-1, -10]]])  # chicken
    res = pure_equilibria(g, exact=True)
    assert pure_indices(res) == [(0, 1), (1, 0)]
    assert all(isinstance(p, Fr) for eq in res for v in eq.strategies for p in v)
    res_f = pure_equilibria(g)
    assert pure_indices(res_f) == [(0, 1), (1, 0)] and res_f.tol > 0
