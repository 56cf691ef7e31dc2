"""Property tests of the Markov perfect equilibria on small random stochastic games.

The oracle below evaluates a stationary profile on its own (sympy matrices,
loops over pure profiles), independently of sbgames.stochastic.markov.
"""

import itertools
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbgames import Game, StochasticGame

DELTAS = [Fraction(0), Fraction(1, 2), Fraction(9, 10), Fraction(99, 100)]


@st.composite
def stochastic_games(draw, max_states=3, max_actions=2):
    n = draw(st.integers(1, max_states))
    stages, tables = [], []
    for _ in range(n):
        shape = (draw(st.integers(1, max_actions)), draw(st.integers(1, max_actions)))
        payoffs = [np.array(draw(st.lists(st.integers(-3, 3), min_size=shape[0] * shape[1],
                                          max_size=shape[0] * shape[1]))).reshape(shape) for _ in range(2)]
        stages.append(Game(payoffs))
        table = np.empty(shape + (n,), dtype=object)
        for index in np.ndindex(*shape):
            weights = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
            if not any(weights):
                weights[draw(st.integers(0, n - 1))] = 1
            table[index] = [Fraction(w, sum(weights)) for w in weights]
        tables.append(table)
    delta = draw(st.sampled_from(DELTAS))
    return StochasticGame(stages, tables, delta=delta)


def _oracle_gains(game, strategies):
    """The largest one-shot deviation gain of each player, computed with sympy matrices."""
    n = game.n_states
    gains = []
    for i, delta in enumerate(game.delta):
        delta = sympy.nsimplify(delta)
        reward, move = sympy.zeros(n, 1), sympy.zeros(n, n)
        q = []
        for s, (stage, table) in enumerate(zip(game.stages, game.transitions)):
            own = [[sympy.S(0), sympy.zeros(1, n)] for _ in range(stage.shape[i])]
            for profile in itertools.product(*map(range, stage.shape)):
                weight = sympy.S(1)
                for j, a in enumerate(profile):
                    if j != i:
                        weight *= sympy.nsimplify(strategies[s][j][a])
                u = sympy.nsimplify(stage.payoff_arrays[i][profile])
                row = sympy.Matrix([[sympy.nsimplify(p) for p in table[profile]]])
                own[profile[i]][0] += weight * u
                own[profile[i]][1] += weight * row
            mine = [sympy.nsimplify(p) for p in strategies[s][i]]
            reward[s] = sum(p * o[0] for p, o in zip(mine, own))
            move[s, :] = sum((p * o[1] for p, o in zip(mine, own)), sympy.zeros(1, n))
            q.append(own)
        values = (sympy.eye(n) - delta * move).LUsolve(reward)
        # algebraic gains may mix square roots of several fields: compared at 50 digits
        gains.append(max((own[0] + delta * (own[1] * values)[0] - values[s] for s, row in enumerate(q) for own in row),
                         key=lambda g: sympy.N(g, 50)))
    return gains


def _pure(profile, game):
    return [[[1 if a == k else 0 for a in range(m)] for k, m in zip(choice, stage.shape)]
            for choice, stage in zip(profile, game.stages)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stochastic_games())
def test_pure_equilibria_are_exactly_the_pure_profiles_without_a_profitable_one_shot_deviation(game):
    result = game.markov_perfect_equilibria(exact=True, method="pure")
    found = sorted(tuple(tuple(int(np.argmax(vec)) for vec in state) for state in eq.strategies) for eq in result)
    brute = sorted(profile for profile in itertools.product(
        *(itertools.product(*map(range, stage.shape)) for stage in game.stages))
        if max(_oracle_gains(game, _pure(profile, game))) <= 0)
    assert found == brute
    floats = game.markov_perfect_equilibria(method="pure")
    assert sorted(tuple(tuple(int(np.argmax(vec)) for vec in state) for state in eq.strategies)
                  for eq in floats) == brute


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stochastic_games(max_states=2))
def test_every_returned_equilibrium_passes_the_independent_check(game):
    result = game.markov_perfect_equilibria(exact=True)
    assert len(result) >= 1
    for eq in result:
        gains = _oracle_gains(game, eq.strategies if eq.algebraic is None else eq.algebraic)
        if eq.algebraic is None:
            assert max(gains) <= 0
        else:
            assert all(float(g) <= 1e-12 for g in gains)
        for vec in (v for state in eq.strategies for v in state):
            assert all(p >= 0 for p in vec) and abs(sum(vec) - 1) <= (0 if eq.exact else 1e-12)
    if result.complete:
        assert result.scope == "complete"
