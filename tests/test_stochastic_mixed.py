"""The 2-player mixed search (one system per player) against the joint system of every support profile.

The joint search (:func:`sbgames.stochastic.mixed.solve_support` on every
support profile, all players' unknowns in one system) is the oracle: the
per-player search must list the same equilibria, and say the result is not
complete whenever the joint search does.  (It may say complete where the
joint one does not: a finite set of one player's solutions times an affine
continuum of the other's is affine, but the joint basis mixes their
nonlinear polynomials in.)
"""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbgames import Game, StochasticGame
from sbgames.stochastic.mixed import solve_player, solve_support, support_profiles
from sbgames.stochastic.screen import PlayerScreen
from sbgames.stochastic.twoplayer import two_player_search

H = Fraction(1, 2)


def _random_game(seed, states, shape, payoffs=(-2, 2), delta=Fraction(9, 10)):
    rng = np.random.default_rng(seed)
    stages, tables = [], []
    for _ in range(states):
        stages.append(Game([rng.integers(payoffs[0], payoffs[1] + 1, shape) for _ in range(2)]))
        weights = rng.integers(0, 3, shape + (states,))
        weights[..., 0] += weights.sum(axis=-1) == 0
        table = np.empty(weights.shape, dtype=object)
        for index in np.ndindex(*shape):
            table[index] = [Fraction(int(w), int(weights[index].sum())) for w in weights[index]]
        tables.append(table)
    return StochasticGame(stages, tables, delta=delta)


def _key(strategies):
    return tuple(round(float(p), 9) for state in strategies for vec in state for p in vec)


def _joint(game):
    points, curved = [], False
    for supports in itertools.product(*support_profiles(game)):
        if all(len(own) == 1 for support in supports for own in support):
            continue
        found, continuum = solve_support(game, supports)
        points += found
        curved = curved or continuum
    return {_key(s) for s, _ in points}, curved


def _copied_rows(seed):
    game = _random_game(seed, 2, (2, 2))
    stages = [Game([np.array([a[0], a[0]]), b]) for a, b in (stage.payoff_arrays for stage in game.stages)]
    return StochasticGame(stages, game.transitions, delta=game.delta[0])


def _zero_payoffs():
    zero = Game([np.zeros((2, 2), dtype=int)] * 2)
    return StochasticGame([zero, zero], [[[[H, H]] * 2] * 2] * 2, delta=H)


GAMES = {
    **{f"random-{seed}": (lambda seed=seed: _random_game(seed, 2, (2, 2))) for seed in range(6)},
    "small-delta": lambda: _random_game(11, 2, (2, 2), delta=Fraction(1, 10)),
    "myopic": lambda: _random_game(12, 2, (2, 2), delta=Fraction(0)),
    "ties": lambda: _random_game(13, 2, (2, 2), payoffs=(0, 1)),
    "copied-rows": lambda: _copied_rows(14),
    "zero-payoffs": _zero_payoffs,
    "one-state-3x3": lambda: _random_game(15, 1, (3, 3)),
    "one-state-3x2-ties": lambda: _random_game(16, 1, (3, 2), payoffs=(0, 1)),
}


@pytest.mark.parametrize("name", sorted(GAMES))
def test_the_per_player_search_lists_what_the_joint_search_lists(name):
    game = GAMES[name]().as_exact()
    search = two_player_search(game, support_profiles(game))
    joint, curved = _joint(game)
    assert {_key(s) for s, _ in search.points} == joint
    if search.continua:
        assert curved


def test_a_player_system_leaves_that_players_strategies_to_the_other():
    pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    game = StochasticGame([pennies], ["s1"], delta=H)
    points, curved, finite = solve_player(game, [((0, 1), (0, 1))], 0)
    assert (points, curved, finite) == ([([[None, [H, H]]], None)], False, True)
    # player 1 cannot be indifferent against a pure opponent: no solution, and none with larger supports
    assert solve_player(game, [((0, 1), (0,))], 0) == ([], False, True)


@pytest.mark.parametrize("seed, states, shape", [(21, 2, (2, 2)), (22, 2, (2, 2)), (23, 2, (3, 2))])
def test_the_linear_rules_only_rule_out_systems_without_a_valid_solution(seed, states, shape):
    from sbgames.stochastic.twoplayer import _ruled_out
    game = _random_game(seed, states, shape, payoffs=(-1, 1)).as_exact()
    assert _rule_agrees(game, lambda supports, i: _ruled_out(game, supports, i)) > 0


def _rule_agrees(game, rejects):
    """Every player system `rejects(supports, i)` rules out has no valid solution by the exact solver; how many."""
    rejected = 0
    for supports in itertools.product(*support_profiles(game)):
        for i in (0, 1):
            if rejects(supports, i):
                rejected += 1
                assert solve_player(game, supports, i)[0] == [], (supports, i)
    return rejected


def _screen_agrees(game):
    """:func:`_rule_agrees` for the value-equation screen."""
    screens = [PlayerScreen(game, 0), PlayerScreen(game, 1)]
    return _rule_agrees(game, lambda supports, i: screens[i].rejects(supports))


@pytest.mark.parametrize("seed, states, shape, payoffs", [(21, 2, (2, 2), (-1, 1)), (23, 2, (3, 2), (-1, 1)),
                                                          (24, 1, (3, 3), (0, 1)), (25, 2, (2, 3), (-9, 9))])
def test_the_screen_only_rejects_systems_without_a_valid_solution(seed, states, shape, payoffs):
    assert _screen_agrees(_random_game(seed, states, shape, payoffs=payoffs).as_exact()) > 0


@pytest.mark.parametrize("name", ["ties", "copied-rows", "zero-payoffs", "one-state-3x2-ties"])
def test_the_screen_is_sound_on_degenerate_games(name):
    _screen_agrees(GAMES[name]().as_exact())


@pytest.mark.parametrize("name", ["random-0", "random-1", "random-3", "ties", "copied-rows", "one-state-3x3"])
def test_the_solutions_the_screen_lists_are_the_exact_solvers(name):
    game = GAMES[name]().as_exact()
    screens = [PlayerScreen(game, 0), PlayerScreen(game, 1)]
    listed = 0
    for supports in itertools.product(*support_profiles(game)):
        for i in (0, 1):
            found = screens[i].solutions(supports)
            if found is None:
                continue
            listed += len(found)
            exact = solve_player(game, supports, i)[0]
            assert len(found) == len(exact)
            for (ours, our_exact), (theirs, their_exact) in zip(sorted(found, key=_order), sorted(exact, key=_order)):
                if our_exact is None:      # rational: the same fractions
                    assert their_exact is None and ours == theirs
                else:                      # irrational: the same algebraic numbers (sympy may write them differently)
                    assert all(sympy.N(x - y, 30) == 0 for a, b in zip(our_exact, their_exact)
                               for u, v in zip(a, b) if u is not None for x, y in zip(u, v))
    assert listed > 0


def _order(point):
    return _key([[vec for vec in state if vec is not None] for state in point[0]])


def test_profiles_proved_empty_by_a_smaller_one_are_skipped():
    game = _random_game(3, 2, (2, 2)).as_exact()
    search = two_player_search(game, support_profiles(game))
    assert search.skipped > 0 and search.screened > 0


@st.composite
def small_games(draw):
    states = draw(st.integers(1, 2))
    shape = (draw(st.integers(1, 3 if states == 1 else 2)), draw(st.integers(1, 2)))
    stages, tables = [], []
    for _ in range(states):
        cells = shape[0] * shape[1]
        stages.append(Game([np.array(draw(st.lists(st.integers(-2, 2), min_size=cells, max_size=cells)))
                            .reshape(shape) for _ in range(2)]))
        table = np.empty(shape + (states,), dtype=object)
        for index in np.ndindex(*shape):
            weights = draw(st.lists(st.integers(0, 2), min_size=states, max_size=states))
            if not any(weights):
                weights[0] = 1
            table[index] = [Fraction(w, sum(weights)) for w in weights]
        tables.append(table)
    return StochasticGame(stages, tables, delta=draw(st.sampled_from([Fraction(0), H, Fraction(9, 10)])))


def _swapped(game):
    stages = [Game([np.asarray(b).T, np.asarray(a).T]) for a, b in (stage.payoff_arrays for stage in game.stages)]
    return StochasticGame(stages, [np.transpose(t, (1, 0, 2)) for t in game.transitions], delta=game.delta[0])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_games())
def test_equilibria_verify_and_do_not_depend_on_the_order_of_the_players(game):
    result = game.markov_perfect_equilibria(exact=True, method="polynomial")
    pure = game.markov_perfect_equilibria(exact=True, method="pure")
    assert {_key(eq.strategies) for eq in pure} <= {_key(eq.strategies) for eq in result}
    for eq in result:
        if eq.algebraic is None:
            assert eq.regret <= 0
    swapped = _swapped(game).markov_perfect_equilibria(exact=True, method="polynomial")
    assert swapped.complete == result.complete
    assert {_key(eq.strategies) for eq in swapped} == {_key([state[::-1] for state in eq.strategies])
                                                        for eq in result}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_games())
def test_the_screen_never_rejects_a_system_the_exact_solver_solves(game):
    _screen_agrees(game.as_exact())


def test_auto_stops_where_the_screen_leaves_too_many_systems_and_says_so(monkeypatch):
    import sbgames.stochastic.solve as solve
    game = _zero_payoffs()             # every system is degenerate: the screen settles none of the mixed ones
    monkeypatch.setattr(solve, "MAX_GROEBNER_SYSTEMS", 20)
    stopped = game.markov_perfect_equilibria(exact=True)
    assert not stopped.complete
    assert "to a Groebner basis after 20 of them" in stopped.scope and "method='polynomial'" in stopped.scope
    full = game.markov_perfect_equilibria(exact=True, method="polynomial")
    assert {_key(eq.strategies) for eq in stopped} <= {_key(eq.strategies) for eq in full}
    assert len([eq for eq in stopped if eq.is_pure]) == len(game.markov_perfect_equilibria(exact=True, method="pure"))


def test_the_search_stops_before_a_system_with_too_many_unknowns():
    game = _zero_payoffs().as_exact()  # the screen settles none of the mixed systems; they have 2 to 4 unknowns
    stopped = two_player_search(game, support_profiles(game), max_unknowns=3)
    full = two_player_search(game, support_profiles(game), max_unknowns=4)
    assert stopped.stopped and not full.stopped
    assert 0 < stopped.solved < full.solved


def test_an_incomplete_search_that_found_nothing_traces_one(monkeypatch):
    import sbgames.stochastic.solve as solve
    from sbgames.stochastic.twoplayer import TwoPlayerSearch
    pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    game = StochasticGame([pennies], ["s1"], delta=H)       # no pure equilibrium; one mixed
    curved = [((0, 1), (0, 1))]
    monkeypatch.setattr(solve, "two_player_search", lambda *args: TwoPlayerSearch(continua=[curved]))
    result = game.markov_perfect_equilibria(exact=True)
    assert not result.complete and "continuum" in result.scope
    assert result.scope.endswith("smoothed best-reply tracing found the one listed")
    assert [eq.method for eq in result] == ["tracing"]
    assert [[list(vec) for vec in state] for state in result[0].strategies] == [[[H, H], [H, H]]]
