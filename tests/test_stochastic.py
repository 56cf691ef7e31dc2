"""Stochastic games: input checks, Markov perfect equilibria against hand results and other solvers."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

import sbgames
from sbgames import Game, InputError, InputTypeError, StochasticGame, VerificationError, solve
from sbgames.stochastic import verified_markov

H = Fraction(1, 2)
PD = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
STAY = Game([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])


# ----------------------------------------------------------------------------- input
@pytest.mark.parametrize("transitions, message", [
    ([{("s1", "s1"): {"s1": H}, ("s1", "s2"): "s1", ("s2", "s1"): "s1", ("s2", "s2"): "s2"}, "s2"],
     "transition from state 's1' at profile (s1, s1): the probabilities sum to 1/2, not 1"),
    ([[[[Fraction(3, 2), -H], [1, 0]], [[1, 0], [1, 0]]], "s2"],
     "transition from state 's1' at profile (s1, s1): the probability of 's1' is 3/2, not in [0, 1]"),
    ([{("s1", "s1"): "s1"}, "s2"], "transition from state 's1' at profile (s1, s2): no next state given"),
    (["s3", "s2"], "unknown next state 's3'"),
    ([[[1, 0], [0, 1]], "s2"], "transitions of state 's1' must have shape (2, 2, 2)"),
    ([{("s1", "x"): "s1"}, "s2"], "'Player 2' has no strategy 'x' there"),
    ({"s1": "s1"}, "transitions are missing for state(s) ['s2']"),
])
def test_bad_transitions_name_the_state_and_profile(transitions, message):
    with pytest.raises(InputError) as info:
        StochasticGame([STAY, STAY], transitions, delta=H)
    assert message in str(info.value)


@pytest.mark.parametrize("delta, message", [
    (1, "discount factor of 'Player 1' must be in [0, 1), got 1"),
    ([H, -H], "discount factor of 'Player 2' must be in [0, 1), got -1/2"),
    ([H], "one discount factor per player (2), got 1"),
])
def test_bad_discount_factors(delta, message):
    with pytest.raises(InputError) as info:
        StochasticGame([STAY], ["s1"], delta=delta)
    assert message in str(info.value)


def test_other_bad_input():
    with pytest.raises(InputTypeError, match="must be a Game"):
        StochasticGame({"a": [[1]]}, {"a": "a"}, delta=H)
    one_player = Game([[1, 2]])
    with pytest.raises(InputError, match="same players"):
        StochasticGame([STAY, one_player], ["s1", "s2"], delta=H)
    with pytest.raises(InputTypeError, match="boolean"):
        StochasticGame([STAY], [[[[True], [1]], [[1], [1]]]], delta=H)
    game = StochasticGame([STAY], ["s1"], delta=H)
    with pytest.raises(InputError, match="unknown method"):
        game.markov_perfect_equilibria(method="newton")
    with pytest.raises(TypeError, match="exact must be True or False"):
        game.markov_perfect_equilibria(exact="yes")
    with pytest.raises(InputError, match="too large|at most"):
        game.markov_perfect_equilibria(tol=1.0)


def test_symbolic_game_substitutes_and_refuses_to_solve_unsubstituted():
    p, d = sympy.symbols("p d")
    game = StochasticGame([STAY, STAY], [[[[1 - p, p], [1, 0]], [[1, 0], [1, 0]]], "s2"], delta=d)
    assert game.kind == "symbolic" and game.parameters == ("d", "p")
    with pytest.raises(InputTypeError, match="substitute values first"):
        game.markov_perfect_equilibria()
    numeric = game.subs({"p": Fraction(1, 4), "d": H})
    assert numeric.kind == "exact" and numeric.delta == (H, H)
    with pytest.raises(InputError, match="discount factor"):
        game.subs({"p": 0, "d": 1})
    with pytest.raises(InputError, match="not 1 for every parameter value"):
        StochasticGame([STAY, STAY], [[[[p, p], [1, 0]], [[1, 0], [1, 0]]], "s2"], delta=H)


# ----------------------------------------------------------------------------- one state
STAGES = {
    "prisoners_dilemma": PD,
    "battle_of_the_sexes": Game([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]),
    "matching_pennies": Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]),
    "rock_paper_scissors": Game([[[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]]),
    "core": sbgames.load_model("core").game(),
}


@pytest.mark.parametrize("name", sorted(STAGES))
def test_one_state_gives_the_stage_equilibria_played_forever(name):
    stage = STAGES[name].as_exact()
    delta = Fraction(3, 4)
    result = StochasticGame({"only": stage}, {"only": "only"}, delta=delta).markov_perfect_equilibria(exact=True)
    expected = solve(stage, exact=True)
    assert result.complete and expected.complete
    assert sorted(tuple(map(tuple, eq.strategies[0])) for eq in result) == \
        sorted(tuple(map(tuple, eq.strategies)) for eq in expected)
    for eq in result:
        stage_eq = next(e for e in expected if tuple(map(tuple, e.strategies)) == tuple(map(tuple, eq.strategies[0])))
        assert tuple(v[0] for v in eq.values) == tuple(u / (1 - delta) for u in stage_eq.payoffs)
        assert eq.regret == 0 and eq.distribution == (1,) and eq.absorption == {0: (1, 0)}


# ----------------------------------------------------------------------------- hand results
def _ratchet(p):
    """Peace/War: in Peace, (D, D) leads to the absorbing War state with probability p."""
    peace = PD
    war = Game([[[0]], [[0]]], strategies=[["Fight"], ["Fight"]])
    return StochasticGame({"Peace": peace, "War": war},
                          {"Peace": {("C", "C"): "Peace", ("C", "D"): "Peace", ("D", "C"): "Peace",
                                     ("D", "D"): {"War": p, "Peace": 1 - p}},
                           "War": "War"}, delta=Fraction(9, 10))


def test_absorbing_war_values_distribution_and_time_by_hand():
    result = _ratchet(Fraction(1, 5)).markov_perfect_equilibria(exact=True, method="pure")
    # (D, D) in Peace: V = 1 + 9/10 (4/5 V) -> V = 1 / (1 - 18/25) = 25/7; war is reached in 5 periods on average
    dd = next(eq for eq in result if eq.describe() == "Peace: Player 1: D, Player 2: D | War: Player 1: Fight, "
                                                        "Player 2: Fight")
    assert dd.values == ((Fraction(25, 7), 0), (Fraction(25, 7), 0))
    assert dd.distribution == (0, 1)
    assert dd.absorption == {1: (1, 5)}
    assert dd.to_dict()["absorption"] == {"War": {"probability": "1", "expected_time": "5"}}


def test_war_for_sure_after_mutual_defection_has_irrational_mixed_equilibria():
    # (C, C) in Peace: 3 / (1 - 9/10) = 30; deviating to D once gives 5 + 9/10 * 30 = 32 > 30: not an MPE.
    # Mixing with Pr(C) = x by both: indifference V = 30 x (from C) and V = 4 x + 1 + 9/10 x V (from D) give
    # 27 x^2 - 26 x + 1 = 0, x = (13 +- sqrt(142)) / 27; each player may take either root.
    result = _ratchet(Fraction(1)).markov_perfect_equilibria(exact=True)
    assert result.complete and len(result) == 5
    assert result[0].describe().startswith("Peace: Player 1: D, Player 2: D") and result[0].is_pure
    roots = {(13 + sympy.sqrt(142)) / 27, (13 - sympy.sqrt(142)) / 27}
    mixed = result[1:]
    assert {(eq.algebraic[0][0][0], eq.algebraic[0][1][0]) for eq in mixed} == {(a, b) for a in roots for b in roots}
    for eq in mixed:
        assert not eq.exact and eq.regret <= eq.tol
        # playing C forever against the other's Pr(C) = y is worth 3 y / (1 - 9/10) = 30 y
        assert eq.values[0][0] == pytest.approx(30 * float(eq.algebraic[0][1][0]), rel=1e-12)
        assert eq.values[1][0] == pytest.approx(30 * float(eq.algebraic[0][0][0]), rel=1e-12)
    with pytest.raises(VerificationError, match="in state 'Peace', Player 1 gains 2 by playing D once"):
        verified_markov(_ratchet(Fraction(1)), [[[1, 0], [1, 0]], [[1], [1]]], method="manual", exact=True)


def test_float_and_exact_agree_and_initial_distribution():
    game = _ratchet(Fraction(1, 5))
    exact = game.markov_perfect_equilibria(exact=True, initial="War")
    floats = game.markov_perfect_equilibria(initial={"Peace": 0.5, "War": 0.5})
    assert len(exact) == len(floats) == 1
    assert np.allclose(np.array(floats[0].values, dtype=float), np.array(exact[0].values, dtype=float))
    assert exact[0].absorption == {1: (1, 0)}
    assert floats[0].absorption[1][1] == pytest.approx(2.5)
    with pytest.raises(InputError, match="summing to 1"):
        game.markov_perfect_equilibria(initial={"Peace": 0.5})


def test_scope_says_what_was_searched():
    game = StochasticGame({"only": STAGES["matching_pennies"]}, {"only": "only"}, delta=H)
    pure = game.markov_perfect_equilibria(exact=True, method="pure")
    assert len(pure) == 0 and not pure.complete
    assert pure.scope == "pure stationary equilibria only; mixed equilibria not searched"
    traced = game.markov_perfect_equilibria(exact=True, method="tracing")
    assert not traced.complete and "not complete" in traced.scope and "tracing" in traced.scope
    assert [eq.describe() for eq in traced] == ["only: Player 1: 1/2 s1 + 1/2 s2, Player 2: 1/2 s1 + 1/2 s2"]
    assert isinstance(traced, sbgames.EquilibriumSet) and traced.to_dict()["scope"] == traced.scope


# ----------------------------------------------------------------------------- one controller vs QuantEcon
def test_single_controller_matches_quantecon_discrete_dp():
    quantecon = pytest.importorskip("quantecon", reason="QuantEcon's DiscreteDP is the single-agent oracle")
    rng = np.random.default_rng(7)
    n, m, delta = 4, 3, 0.9
    reward = rng.integers(-5, 6, (n, m)).astype(float)
    moves = rng.dirichlet(np.ones(n), size=(n, m)).round(3)
    moves[..., -1] = 1 - moves[..., :-1].sum(axis=-1)
    # player 1 controls payoffs and transitions; player 2's choice moves only its own payoff
    stages, tables = [], []
    for s in range(n):
        own = rng.integers(-5, 6, 2)
        stages.append(Game([np.repeat(reward[s][:, None], 2, axis=1), np.tile(own, (m, 1))]))
        tables.append(np.repeat(moves[s][:, None, :], 2, axis=1))
    game = StochasticGame(stages, tables, delta=delta)
    ddp = quantecon.markov.DiscreteDP(reward, moves, delta)
    solution = ddp.solve(method="policy_iteration")
    result = game.markov_perfect_equilibria(method="pure")
    assert len(result) >= 1
    for eq in result:
        assert np.allclose(eq.values[0], solution.v, rtol=0, atol=1e-9 * np.abs(solution.v).max())
    policies = {tuple(int(np.argmax(eq.strategies[s][0])) for s in range(n)) for eq in result}
    assert tuple(solution.sigma) in policies


def test_a_curved_continuum_is_reported_not_complete():
    # Once legitimacy is Lost, S loses 4 against Revise whether it soft balances or bandwagons: S's mix there
    # is free, and the values make the solution set of that support curved.
    names = dict(players=["T", "S"], strategies=[["Revise", "Restrain"], ["Soft", "Bandwagon"]])
    high = Game([[[-1, 4], [0, 0]], [[-3, -4], [-1, 0]]], **names)
    lost = Game([[[3, 4], [0, 0]], [[-4, -4], [-1, 0]]], **names)
    recover = {"High": Fraction(1, 4), "Lost": Fraction(3, 4)}
    game = StochasticGame(
        {"High": high, "Lost": lost},
        {"High": {("Revise", "Soft"): {"Lost": H, "High": H}, ("Revise", "Bandwagon"): "High",
                  ("Restrain", "Soft"): "High", ("Restrain", "Bandwagon"): "High"},
         "Lost": {("Revise", "Soft"): "Lost", ("Revise", "Bandwagon"): "Lost",
                  ("Restrain", "Soft"): recover, ("Restrain", "Bandwagon"): recover}},
        delta=Fraction(9, 10))
    result = game.markov_perfect_equilibria(exact=True)
    assert not result.complete
    assert result.scope.startswith("not complete: 1 support profile(s) have a continuum of solutions that is not "
                                   "an affine set")
    assert "Lost: {Revise}, {Soft, Bandwagon}" in result.scope
    # both pure ends of S's indifference in Lost are listed
    assert [eq.describe() for eq in result] == [
        "High: T: Revise, S: Soft | Lost: T: Revise, S: Soft",
        "High: T: Revise, S: Soft | Lost: T: Revise, S: Bandwagon"]


def test_a_pure_search_over_the_limit_is_refused_or_reported(monkeypatch):
    from sbgames import SolverLimitError
    from sbgames.stochastic import pure
    monkeypatch.setattr(pure, "MAX_PURE_SEARCH", 1)
    big = StochasticGame([STAY, STAY], [[[[H, H]] * 2] * 2] * 2, delta=H)
    with pytest.raises(SolverLimitError, match="would run over 4 pure stationary profiles"):
        big.markov_perfect_equilibria(method="pure")
    traced = big.markov_perfect_equilibria(method="tracing")
    assert not traced.complete and "pure equilibria not enumerated" in traced.scope
