"""Many-state models solved completely: the N-player solver against the symmetric closed forms."""

import json
import warnings

import pytest
import sympy

from sbgames import load_model
from sbgames.cli import main
from sbgames.nplayer import volunteers_dilemma


def test_veto_model_contains_the_volunteers_dilemma_equilibrium():
    # T revises for sure; against that each state's stake in the veto is v = e_s*theta = 3 and its price
    # c = c_s + b = 2, so the symmetric equilibrium has p = 1 - (c/v)^(1/(n-1)) for n = 3.
    model = load_model("collective_veto")
    result = model.equilibria(exact=True, method="polynomial")
    assert result.method == "polynomial" and result.complete
    p = volunteers_dilemma(3, 3, 2)
    assert sympy.simplify(p - (1 - sympy.sqrt(6) / 3)) == 0
    symmetric = [eq for eq in result if eq.algebraic is not None
                 and all(eq.algebraic[i][1] == eq.algebraic[1][1] for i in (1, 2, 3))]
    assert len(symmetric) == 1
    eq = symmetric[0]
    assert eq.algebraic[0] == (1, 0)  # T revises
    assert all(sympy.simplify(eq.algebraic[i][1] - p) == 0 and eq.algebraic[i][0] == 0 for i in (1, 2, 3))
    pure = {e.describe() for e in model.equilibria(exact=True, method="pure")}
    assert pure <= {e.describe() for e in result}


def test_cli_solve_many_states_reports_exact_algebraic_values(capsys):
    assert main(["solve", "collective_veto", "--exact", "--json", "--method", "polynomial"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "polynomial" and out["complete"] is True
    texts = [eq["algebraic"]["S1"]["Soft"] for eq in out["equilibria"] if "algebraic" in eq]
    assert "1 - sqrt(6)/3" in texts


@pytest.mark.parametrize("name", ["collective_veto", "collective_majority"])
def test_auto_solves_the_collective_models_completely(name):
    # 4 players, 2x3x3x3: conditional dominance leaves few supports, so auto takes the complete solver
    model = load_model(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # no "pure equilibria only" warning
        auto = model.equilibria(exact=True)
    assert auto.method == "polynomial" and auto.complete is True and len(auto) == 7
    assert [eq.describe() for eq in auto] == [eq.describe() for eq in model.equilibria(exact=True, method="polynomial")]
    pure = {eq.describe() for eq in model.equilibria(exact=True, method="pure")}
    assert pure <= {eq.describe() for eq in auto}


def test_cli_solve_collective_veto_is_complete_by_default(capsys):
    assert main(["solve", "collective_veto", "--exact"]) == 0
    out = capsys.readouterr().out
    assert "method polynomial; complete" in out and "pure equilibria only" not in out
    assert "1/2 Revise + 1/2 Restrain" in out
