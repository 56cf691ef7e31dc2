"""``sbgames solve`` on a stochastic model prints the game and its Markov perfect equilibria."""

from sbgames import load_model
from sbgames.cli import main


def test_solve_prints_states_transitions_and_equilibria(capsys):
    assert main(["solve", "legitimacy_stock"]) == 0
    out = capsys.readouterr().out
    model = load_model("legitimacy_stock")
    result = model.equilibria(exact=True)
    for state in model.game().states:
        assert f"State {state} (discount factors:" in out
    assert "Revise / Soft -> High 1/2, Eroded 1/2" in out  # erosion with probability p_e = 1/2 at the defaults
    assert result.text() in out and result.complete
    assert out.splitlines()[0] == model.title


def test_game_trees_still_print_their_non_credible_threats(capsys):
    assert main(["solve", "core_sequential"]) == 0
    out = capsys.readouterr().out
    assert "Subgame-perfect equilibria (1, by backward induction, exact):" in out
    assert "(not credible: Hard at T:Revise/S)" in out
