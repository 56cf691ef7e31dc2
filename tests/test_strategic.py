"""The split of the normal-form game: StrategicGame holds the data, Game adds solving."""

import copy
import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.game import Game
from sbgames.solvers import solve
from sbgames.strategic import StrategicGame

small_payoffs = st.integers(min_value=1, max_value=3).flatmap(
    lambda rows: st.integers(min_value=1, max_value=3).flatmap(
        lambda cols: st.lists(st.lists(st.lists(st.fractions(min_value=-5, max_value=5, max_denominator=7),
                                                min_size=cols, max_size=cols),
                                       min_size=rows, max_size=rows), min_size=2, max_size=2)))


@settings(max_examples=40, deadline=None)
@given(small_payoffs, st.sampled_from(["exact", "float"]))
def test_a_pickled_or_copied_game_is_the_same_game_and_stays_read_only(payoffs, kind):
    game = Game(payoffs, players=["T", "S"], title="t")
    game = game.as_float() if kind == "float" else game
    for back in (pickle.loads(pickle.dumps(game)), copy.deepcopy(game), copy.copy(game)):
        assert type(back) is Game and back == game and back.title == "t" and back.kind == game.kind
        assert not any(a.flags.writeable for a in back.payoff_arrays)
        with pytest.raises(ValueError):
            back.payoff_arrays[0][(0, 0)] = 9
        with pytest.raises(AttributeError, match="Game is immutable"):
            back._kind = "float"


def test_a_symbolic_game_pickles_with_its_symbols():
    x = sympy.Symbol("x")
    game = Game([[[x, 2 * x]], [[1, 0]]])
    back = pickle.loads(pickle.dumps(game))
    assert back.kind == "symbolic" and back.subs({"x": 2}).payoff((0, 1)) == (Fraction(4), Fraction(0))


def test_conversions_keep_the_class_and_the_solvers_take_the_data_class():
    data = StrategicGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    game = Game(data.payoff_arrays)
    assert isinstance(game, StrategicGame) and not hasattr(data, "equilibria")
    assert type(game.as_float()) is Game and type(data.as_float()) is StrategicGame
    assert repr(data.as_float()).startswith("StrategicGame(") and repr(game).startswith("Game(")
    ours, theirs = game.equilibria(exact=True), solve(data, exact=True)
    assert [e.strategies[0].tolist() for e in ours] == [e.strategies[0].tolist() for e in theirs] == [[0, 1]]
    assert np.array_equal(ours[0].strategies[1], theirs[0].strategies[1])


def test_the_solving_methods_take_exact_by_keyword_only():
    game = Game([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    with pytest.raises(TypeError, match="positional"):
        game.equilibria(True)
    with pytest.raises(TypeError, match="positional"):
        game.pure_equilibria(True)
    assert game.pure_equilibria(exact=True) == []
