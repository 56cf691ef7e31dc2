"""Tests for the nashpy and Gambit conversions (sbgames.interop).

The Gambit tests are skipped when pygambit is not installed; they run with
whichever pygambit is (16.x or 17.x).
"""

from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy
from hypothesis import given, settings

from sbgames.errors import SbgamesError
from sbgames.extensive import parse_efg
from sbgames.game import Game
from sbgames.interop import (PygambitMissingError, from_nashpy, gambit_behaviour, gambit_equilibria,
                             gambit_payoffs, gambit_players, gambit_strategies, gambit_tree, read_gambit,
                             to_gambit, to_nashpy)

try:
    from tests import oracles
    from tests.strategies import degenerate_bimatrix, fraction_values, nplayer_payoffs
except ImportError:  # tests/ itself is on sys.path
    import oracles
    from strategies import degenerate_bimatrix, fraction_values, nplayer_payoffs

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


# -- Gambit ---------------------------------------------------------------------------------------

def _all_profiles(game):
    return np.ndindex(*game.shape)


@settings(max_examples=15, deadline=None)
@given(nplayer_payoffs(n_players=3, max_size=2, values=fraction_values))
def test_to_gambit_keeps_every_payoff_exactly(arrays):
    pytest.importorskip("pygambit")
    game = Game(arrays)
    gambit = to_gambit(game)
    assert gambit_players(gambit) == list(game.players)
    assert gambit_strategies(gambit) == [list(s) for s in game.strategies]
    for profile in _all_profiles(game):
        assert gambit_payoffs(gambit, profile) == game.payoff(profile)


def test_to_gambit_float_game_and_names():
    pytest.importorskip("pygambit")
    gambit = to_gambit(battle_of_the_sexes().as_float())
    assert gambit_players(gambit) == ["Ann", "Bob"]
    assert gambit_strategies(gambit) == [["Ballet", "Boxing"], ["Ballet", "Boxing"]]
    assert gambit_payoffs(gambit, (1, 1)) == (1, 2)


@settings(max_examples=15, deadline=None)
@given(degenerate_bimatrix(max_rows=3, max_cols=3))
def test_gambit_enummixed_finds_the_oracles_extreme_equilibria(game):
    pytest.importorskip("pygambit")
    A, B = game
    found = {eq.strategies for eq in gambit_equilibria(to_gambit(Game([A, B])), "enummixed", rational=True)}
    assert all(isinstance(p, F) for eq in found for vec in eq for p in vec)
    assert found == oracles.extreme_equilibria(A, B)


def test_gambit_solvers_profiles_are_equilibria_with_their_payoffs():
    pytest.importorskip("pygambit")
    rng = np.random.default_rng(5)
    three = Game([rng.integers(-5, 6, (2, 2, 2)).astype(object) for _ in range(3)])
    runs = [(three, "enumpure", {}), (three, "enumpoly", {}), (battle_of_the_sexes(), "lcp", {"rational": True})]
    for game, solver, options in runs:
        found = gambit_equilibria(to_gambit(game), solver, **options)
        assert found, solver
        for eq in found:
            exact = all(isinstance(p, F) for vec in eq.strategies for p in vec)
            assert exact == (solver != "enumpoly")       # enumpoly computes in floats
            assert oracles.is_nash(game.payoff_arrays, eq.strategies, tol=None if exact else 1e-6), (solver, eq)
            expected = game.expected_payoffs(eq.strategies)
            assert all(abs(float(p) - float(q)) <= 1e-9 for p, q in zip(eq.payoffs, expected))
            if exact:
                assert tuple(eq.payoffs) == tuple(expected)


def test_gambit_tree_and_behaviour_of_an_efg(tmp_path):
    pytest.importorskip("pygambit")
    path = tmp_path / "entry.efg"
    path.write_text('''EFG 2 R "Entry" { "Entrant" "Incumbent" }
""

p "" 1 1 "" { "Out" "In" } 0
t "" 1 "" { 0, 2 }
c "" 1 "" { "weak" 1/3 "strong" 2/3 } 0
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 2 "" { -1, -1 }
t "" 3 "" { 1, 1 }
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 4 "" { -1, 1 }
t "" 5 "" { 1, 0 }
''')
    gambit = read_gambit(path)
    nodes = gambit_tree(gambit)
    assert [n.history for n in nodes] == [(), (0,), (1,), (1, 0), (1, 0, 0), (1, 0, 1), (1, 1), (1, 1, 0), (1, 1, 1)]
    root, out, chance, weak = nodes[:4]
    assert (root.player, root.actions, root.infoset) == ("Entrant", ("Out", "In"), ())
    assert out.payoffs == (0, 2) and out.player is None and out.infoset is None
    assert chance.is_chance and chance.player is None and chance.probabilities == (F(1, 3), F(2, 3))
    assert weak.infoset == nodes[6].infoset == (1, 0)     # one information set for both types
    ours = parse_efg(path.read_text())
    assert [n.payoffs for n in nodes if not n.actions] == [ours.node(t).payoffs for t in ours.terminals()]
    plans = [gambit_behaviour(gambit, 1, k) for k in range(len(gambit_strategies(gambit)[1]))]
    assert sorted(p[(1, 0)] for p in plans) == [0, 1]
    entrant = [gambit_behaviour(gambit, 0, k) for k in range(2)]
    assert sorted(p[()] for p in entrant) == [0, 1]


def test_gambit_functions_refuse_clearly(monkeypatch, tmp_path):
    x = sympy.Symbol("x")
    with pytest.raises(TypeError, match="substitute"):
        to_gambit(Game([[[x, 0]], [[0, 1]]]))
    with pytest.raises(ValueError, match=r"\.efg and \.nfg"):
        read_gambit(tmp_path / "game.txt")
    monkeypatch.setitem(__import__("sys").modules, "pygambit", None)     # as if not installed
    with pytest.raises(PygambitMissingError, match="pip install --pre --only-binary pygambit pygambit"):
        to_gambit(battle_of_the_sexes())
    assert issubclass(PygambitMissingError, SbgamesError) and issubclass(PygambitMissingError, ImportError)


def test_unknown_gambit_solver_is_refused():
    with pytest.raises(ValueError, match="unknown Gambit solver 'simplex'.*enummixed"):
        gambit_equilibria(object(), "simplex")
