"""Tests for the nashpy conversions (sbgames.interop)."""

from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy

from sbgames.game import Game
from sbgames.interop import from_nashpy, to_nashpy

F = Fraction


def battle_of_the_sexes():
    return Game([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], players=["Ann", "Bob"],
                strategies=[["Ballet", "Boxing"], ["Ballet", "Boxing"]])


def test_to_nashpy_gives_float_matrices():
    game = Game([[[F(1, 2), 0], [3, -1], [0, 2]], [[1, F(-1, 4)], [0, 0], [5, 1]]])
    nash = to_nashpy(game)
    assert isinstance(nash, nashpy.Game)
    A, B = nash.payoff_matrices
    assert A.dtype == float and B.dtype == float
    assert A.shape == B.shape == (3, 2)
    assert A.tolist() == [[0.5, 0.0], [3.0, -1.0], [0.0, 2.0]]
    assert B.tolist() == [[1.0, -0.25], [0.0, 0.0], [5.0, 1.0]]


def test_to_nashpy_copies():
    game = battle_of_the_sexes()
    A, B = to_nashpy(game).payoff_matrices
    A[0, 0] = 99.0
    B[1, 1] = 99.0
    assert game.payoff(("Ballet", "Ballet")) == (2, 1)
    assert game.payoff(("Boxing", "Boxing")) == (1, 2)
    float_game = game.as_float()
    A, _ = to_nashpy(float_game).payoff_matrices
    assert A.flags.writeable and not np.shares_memory(A, float_game.payoff_arrays[0])


def test_to_nashpy_equilibria_agree():
    nash = to_nashpy(battle_of_the_sexes())
    found = sorted(tuple(np.round(np.concatenate(eq), 9)) for eq in nash.support_enumeration())
    assert found == sorted([(1.0, 0.0, 1.0, 0.0), (0.0, 1.0, 0.0, 1.0),
                            tuple(np.round([2 / 3, 1 / 3, 1 / 3, 2 / 3], 9))])


@pytest.mark.parametrize("payoffs", [
    [[1, 2]],                                             # one player
    [np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), np.zeros((2, 2, 2))],  # three players
])
def test_to_nashpy_needs_two_players(payoffs):
    with pytest.raises(ValueError, match=r"2-player .* this game has [13] players"):
        to_nashpy(Game(payoffs))


def test_to_nashpy_refuses_symbolic_games():
    x = sympy.Symbol("x")
    with pytest.raises(TypeError, match="symbolic"):
        to_nashpy(Game([[[x, 0]], [[0, 1]]]))


def test_from_nashpy_integer_matrices_give_an_exact_game():
    nash = nashpy.Game(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    game = from_nashpy(nash, players=["Row", "Col"], strategies=[["C", "D"], ["C", "D"]])
    assert game.kind == "exact"
    assert game.players == ("Row", "Col")
    assert game.payoff(("D", "C")) == (5, 0)


def test_from_nashpy_float_matrices_give_a_float_game():
    game = from_nashpy(nashpy.Game(np.array([[0.5, 1.0]]), np.array([[2.0, 0.25]])))
    assert game.kind == "float"
    assert game.shape == (1, 2)
    assert game.payoff_arrays[1].tolist() == [[2.0, 0.25]]


def test_from_nashpy_zero_sum_game():
    game = from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
    assert game.payoff_arrays[1].tolist() == [[-1, 1], [1, -1]]


def test_from_nashpy_copies():
    A, B = np.array([[1.0, 2.0]]), np.array([[3.0, 4.0]])
    nash = nashpy.Game(A, B)
    game = from_nashpy(nash)
    A[0, 0] = 99.0
    nash.payoff_matrices[1][0, 1] = 99.0
    assert game.payoff_arrays[0].tolist() == [[1.0, 2.0]]
    assert game.payoff_arrays[1].tolist() == [[3.0, 4.0]]


def test_round_trip_through_nashpy():
    game = battle_of_the_sexes()
    back = from_nashpy(to_nashpy(game), players=game.players, strategies=game.strategies)
    assert back == game.as_float()
    assert back.as_exact() == game


def test_from_nashpy_refuses_other_objects():
    with pytest.raises(TypeError, match="expected a nashpy.Game.*got list"):
        from_nashpy([[1, 2], [3, 4]])


class FakeGame:
    def __init__(self, *matrices):
        self.payoff_matrices = matrices


@pytest.mark.parametrize("matrices, message", [
    ((np.zeros((2, 2)),), r"two payoff matrices, got 1"),
    ((np.zeros((2, 2)), np.zeros((2, 3))), r"shapes \(2, 2\) and \(2, 3\)"),
    ((np.zeros(2), np.zeros(2)), r"2-D"),
])
def test_from_nashpy_refuses_bad_matrices(matrices, message):
    with pytest.raises(ValueError, match=message):
        from_nashpy(FakeGame(*matrices))


def test_from_nashpy_passes_names_through_game_validation():
    with pytest.raises(ValueError, match="players has 1 names but 2 are needed"):
        from_nashpy(nashpy.Game([[1, 2]], [[3, 4]]), players=["Only one"])
