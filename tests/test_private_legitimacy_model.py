"""The private_legitimacy model file, the private_types reader and the closed-form families."""

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sbgames
from sbgames.errors import InputError, ModelError
from sbgames.modelfile.reader import read_model

TWO_SIDED = Path(__file__).resolve().parent / "data" / "private_legitimacy_two_sided.toml"


def base_data(**changes):
    data = {"kind": "private_types",
            "players": {"T": {"strategies": ["Revise", "Restrain"]}, "S": {"strategies": ["Soft", "Bandwagon"]}},
            "parameters": {"top": {"default": 6, "above": 0, "description": "highest weight"}},
            "types": {"T": {"name": "lam", "low": 0, "high": "top"}},
            "payoffs": {"Revise,Soft": ["2 - 3*lam", "-4"], "Revise,Bandwagon": ["4", "-5"],
                        "Restrain,Soft": ["0", "-1"], "Restrain,Bandwagon": ["0", "0"]}}
    data.update(changes)
    return data


def test_load_model_gives_the_verified_example():
    model = sbgames.load_model("private_legitimacy")
    [eq] = model.equilibria(exact=True)
    assert (eq.cutpoint, eq.revise_probability, eq.s_strategy["Soft"]) == (3, F(1, 2), F(4, 11))
    assert model.equilibria(exact=True).parameters["lam_max"] == 6
    assert model.check_expected(exact=True) == [] and model.check_expected() == []


def test_the_two_sided_file():
    model = sbgames.load_model(TWO_SIDED)
    assert model.type_names == {"T": "lam", "S": "c_s"}
    assert model.check_expected(exact=True) == [] and model.check_expected() == []
    with pytest.raises(InputError, match="point by point"):
        model.symbolic_equilibria()
    [s] = model.statics()
    assert float(s.derivatives["revise_probability"]["c_s_max"]) > 0  # costlier soft balancing: more revision


def test_check_expected_can_fail(tmp_path):
    text = (sbgames.modelfile.models_dir() / "private_legitimacy.toml").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace('S = { Soft = "4/11", Bandwagon = "7/11" }',
                                  'S = { Soft = "1/2", Bandwagon = "1/2" }'), encoding="utf-8")
    problems = sbgames.load_model(wrong).check_expected(exact=True)
    assert any("is not found" in p for p in problems) and any("is found too" in p for p in problems)


@pytest.mark.parametrize("change, message", [
    ({"types": None}, "types: missing"),
    ({"types": {"S": {"name": "c", "low": 0, "high": 1}}}, "needs a private type"),
    ({"types": {"T": {"name": "top", "low": 0, "high": 1}}}, "already a parameter"),
    ({"types": {"T": {"name": "lam", "low": 0, "high": "top", "distribution": "normal"}}}, "uniform types only"),
    ({"types": {"T": {"name": "lam", "low": "top", "high": 0}}}, "empty at the defaults"),
    ({"types": {"T": {"name": "lam", "low": 0}}}, "missing high"),
    ({"types": {"T": {"name": "lam", "low": 0, "high": "__import__('os')"}}}, "calls are allowed only"),
    ({"types": {"T": {"name": "lam", "low": 0, "high": "top", "mean": 3}}}, "unknown field"),
    ({"constraints": ["lam < top"]}, "unknown name 'lam'"),
    ({"extra": 1}, "unknown field"),
])
def test_bad_files_are_refused_naming_the_field(change, message):
    data = base_data(**change)
    if data["types"] is None:
        del data["types"]
    with pytest.raises(ModelError, match=message):
        read_model(data, source="bad.toml")


def test_types_are_not_parameters():
    model = read_model(base_data())
    with pytest.raises(InputError, match="no parameter 'lam'"):
        model.equilibria(lam=2)
    shifted = read_model(base_data(types={"T": {"name": "lam", "low": 0, "high": "top - 1"}}))
    with pytest.raises(InputError, match="needs low < high"):  # valid at the defaults, empty at top = 1/2
        shifted.equilibria(top="1/2")


def test_regions_draw_the_closed_forms():
    model = sbgames.load_model("private_legitimacy")
    rmap = sbgames.regions(model, x=("theta", 0, 30), y=("lam_max", "1/2", 12), resolution=40)
    assert rmap.complete and "closed form" in rmap.method
    assert "mixed: Revise-Restrain x Soft-Bandwagon" in rmap.region_names


point = st.fixed_dictionaries({
    "theta": st.fractions(min_value=0, max_value=30, max_denominator=4),
    "lam_max": st.fractions(min_value=F(1, 4), max_value=12, max_denominator=4),
    "w": st.fractions(min_value=0, max_value=6, max_denominator=2),
    "l": st.fractions(min_value=0, max_value=6, max_denominator=2),
    "c_s": st.fractions(min_value=F(1, 4), max_value=F(5, 2), max_denominator=4),
    "b": st.fractions(min_value=0, max_value=3, max_denominator=2)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(point)
def test_closed_forms_agree_with_the_solver(values):
    """The families that hold at a point are the equilibria found there, with the same numbers."""
    model = sbgames.load_model("private_legitimacy")
    found = model.equilibria(exact=True, **values)
    if not found.complete:
        return
    holding = [b for b in model.symbolic_equilibria() if b.holds_at(values)]
    assert len(holding) == len(found), (values, holding, found)
    point = {**model.values(**values)}
    for eq in found:
        support = {a for a, q in eq.s_strategy.items() if q != 0}
        [branch] = [b for b in holding if set(b.supports[1]) == support and
                    (len(b.supports[0]) == 2) == (eq.revise_probability not in (0, 1))]
        subs = {s: point[s.name] for s in branch.formulas["revise_probability"].free_symbols}
        assert branch.formulas["revise_probability"].subs(subs) == eq.revise_probability
        for a in model.strategies[1]:
            form = branch.formulas[f"S:{a}"]
            assert form.subs({s: point[s.name] for s in form.free_symbols}) == eq.s_strategy[a]


def test_command_line_solve_and_conditions(capsys):
    from sbgames.cli import main
    assert main(["solve", "private_legitimacy", "--exact"]) == 0
    out = capsys.readouterr().out
    assert "1. T revises iff lam < 3 (probability 1/2); S: 4/11 Soft + 7/11 Bandwagon" in out
    assert "complete" in out
    assert main(["conditions", "private_legitimacy", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "private_types" and data["complete"] and len(data["results"]) == 10


def test_statics_solves_point_by_point_and_the_closed_forms_refuse_a_grid():
    """method='numeric' sweeps the cut-point equilibria; the default names that way instead of failing obscurely."""
    model = sbgames.load_model("private_legitimacy")
    sweep = sbgames.statics(model, param=("theta", 1, 10), resolution=5, method="numeric")
    for value, label in zip(sweep.values, sweep.labels):
        assert label == model.equilibria(exact=True, theta=F(float(value))).region_label()
    [change] = sweep.boundaries  # S soft balances once e_s theta - b exceeds c_s / p, at theta = 4 here
    assert change.value == pytest.approx(4, abs=1e-9) and change.after == "mixed: Revise-Restrain x Soft-Bandwagon"
    [eq] = model.equilibria(exact=True, theta=10)
    curve = sweep.curve(eq.curve_label())
    assert curve.quantities["Pr(S: Soft)"][-1] == pytest.approx(float(eq.s_strategy["Soft"]))
    with pytest.raises(InputError, match="method='numeric'"):
        sbgames.statics(model, param=("theta", 1, 10), resolution=5)
