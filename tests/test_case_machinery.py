"""The generic machinery of calibrated cases: [case] sections, regimes, robustness, nearest boundaries."""

import json
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import pytest

from sbgames import ModelError
from sbgames.errors import InputError
from sbgames import cases
from sbgames.cases import arrays as case_arrays
from sbgames.cases import outcomes as case_outcomes
from sbgames.cases import sampling as case_sampling
from sbgames.cli import main
from sbgames.model import Model

try:
    from tests.cases import threshold_soft_balancing
except ImportError:  # tests/ itself on the path
    from cases import threshold_soft_balancing

CASE = {"outcome": "T revises against soft balancing", "soft_balancing_chosen": True,
        "soft_balancing_worked": False, "conditions": {"legitimacy": False, "low_threat": True}}


def core_case(parameters, case=CASE, **extra):
    return Model.from_dict({"base": "core", "parameters": parameters, "case": case, **extra}, source="c.toml")


def test_case_section_is_read():
    m = core_case({"l": {"default": "1/2", "plausible": ["0", "2"]}})
    assert m.case.outcome == CASE["outcome"]
    assert m.case.soft_balancing_chosen and not m.case.soft_balancing_worked
    assert dict(m.case.conditions) == {"legitimacy": False, "low_threat": True}
    assert m.case.delta is None
    assert Model.from_dict({"base": "core"}).case is None


@pytest.mark.parametrize("case, field, fragment", [
    ({**CASE, "outcome": " "}, "case.outcome", "missing"),
    ({**CASE, "soft_balancing_worked": "no"}, "case.soft_balancing_worked", "true or false"),
    ({**CASE, "conditions": {"low_thret": True}}, "case.conditions.low_thret", "not one of the conditions"),
    ({**CASE, "conditions": {"low_threat": 1}}, "case.conditions.low_threat", "true or false"),
    ({**CASE, "story": "x"}, "case.story", "unknown field"),
    ({**CASE, "repeated": {"delta": "3/2"}}, "parameters.delta.default", "outside its bounds"),
    ({**CASE, "repeated": {"delta": "1/2", "k": 2}}, "case.repeated", "exactly one field"),
])
def test_bad_case_sections_are_refused_with_file_and_field(case, field, fragment):
    with pytest.raises(ModelError) as info:
        core_case({}, case=case)
    assert str(info.value).startswith(f"c.toml: {field}:"), str(info.value)
    assert fragment in str(info.value)


def test_robustness_share_matches_the_known_boundary():
    # lam = 2 and (1 - e_s) g = 2: (Revise, Soft) holds for l < 1 and a mix for l > 1, so 3/4 of the box
    # l = 8/9 -+ 25% = [2/3, 10/9]
    m = core_case({"l": {"default": "8/9", "plausible": ["0", "2"]}})
    r = cases.robustness(m, samples=400, seed=1)
    assert r.regime == "Revise / Soft (unique)"
    assert r.admissible == 400
    assert abs(r.share - 0.75) < 0.08


def test_robustness_drops_points_that_break_a_constraint():
    # c_s >= c_h is inadmissible: with c_s in 19/10 -+ 25% and c_h = 2 about 2/5 of the points are dropped.
    m = core_case({"l": {"default": "1/2"}, "c_h": {"default": 2}, "w": {"default": 2},
                   "c_s": {"default": "19/10", "plausible": [0, 6]}})
    r = cases.robustness(m, samples=200, seed=2)
    assert 60 < r.admissible < 140


def test_nearest_boundaries_are_exact_where_the_conditions_are_rational():
    m = core_case({"l": {"default": "1/2", "plausible": ["0", "1"]},
                   "theta": {"default": 6, "plausible": [4, 9]}})
    found = {c.parameter: c for c in cases.nearest_boundaries(m)}
    assert found["l"].value == 1  # lam*l = (1 - e_s)*g
    assert found["l"].after == "mixed: Revise-Restrain x Soft-Bandwagon"
    assert found["theta"].value == 4  # e_s*theta = c_s + b, below; the hard-balancing boundary 25/2 is farther
    assert found["theta"].after == "Revise / Bandwagon (unique)"
    assert found["theta"].distance == pytest.approx(2 / 5)
    assert [c.parameter for c in cases.nearest_boundaries(m)] == ["theta", "l"]


def test_repeated_case_boundary_is_the_critical_discount_factor():
    # Nash reversion to (Revise, Soft) sustains (Restrain, Bandwagon) iff delta >= g/(e_s g + lam l) = 4/5 here.
    m = core_case({"l": {"default": "3/2"}, "l_r": {"default": 1}},
                  case={**CASE, "repeated": {"delta": {"default": "9/10", "plausible": ["0.7", "0.95"]}}})
    assert m.case.delta.default == Fraction(9, 10)
    assert cases.regime(m, m.values()).endswith("(T Restrain, S Bandwagon) sustained")
    assert cases.regime(m, m.values(), delta="0.7").endswith("not sustained")
    (crossing,) = cases.nearest_boundaries(m)
    assert crossing.parameter == "delta" and crossing.value == Fraction(4, 5)
    r = cases.robustness(m, samples=300, seed=3)
    assert abs(r.share - 0.6) < 0.1  # [0.8, 0.95] of [0.7, 0.95]


def test_load_case_refuses_plain_models():
    with pytest.raises(ValueError, match="not a calibrated case"):
        cases.load_case("core")


def test_cli_case_prints_the_story(tmp_path, capsys):
    path = tmp_path / "cheap.toml"
    path.write_text('base = "core"\ntitle = "Cheap delegitimation"\n[parameters.l]\ndefault = "1/2"\n'
                    'plausible = ["0", "2"]\n[case]\noutcome = "T revises"\nsoft_balancing_chosen = true\n'
                    'soft_balancing_worked = false\n', encoding="utf-8")
    assert main(["case", str(path), "--samples", "50"]) == 0
    out = capsys.readouterr().out
    assert "Cheap delegitimation" in out and "Regime: Revise / Soft (unique)" in out
    assert "raising l from 1/2 to 1" in out
    assert "g + l_r*lam >= e_s*g + l*lam" in out  # the condition that drives the outcome


def test_cli_case_on_a_plain_model_is_a_clear_error(capsys):
    assert main(["case", "core"]) == 1
    assert "not a calibrated case" in capsys.readouterr().err


# --- honest labels, exact ties, bounded work ------------------------------------------------------------------

def test_a_pure_only_regime_is_labelled_so_and_never_unique():
    iraq = cases.load_case("iraq_2003")  # five players: auto searches pure equilibria only
    label = cases.regime(iraq, iraq.values())
    assert label == "Revise / Soft / Soft / Soft / Soft (pure equilibria only; mixed not searched)"
    # no pure equilibrium (the inspection-game logic): mixed ones exist, so never "no equilibrium"
    assert cases.regime(iraq, {"lam": 3}) == "no pure equilibrium (mixed equilibria not searched)"


def test_ties_on_the_sample_grid_are_solved_exactly():
    # every draw lies on a boundary: l = 1 is lam*l = (1 - e_s)*g, theta = 4 is e_s*theta = c_s + b (both
    # without a plausible range, so not varied), so the closed forms cannot decide in floats and the exact
    # solver labels each tie
    m = core_case({"l": {"default": 1}, "theta": {"default": 4}, "w": {"default": 3, "plausible": [2, 4]}})
    r = cases.robustness(m, samples=12, seed=4)
    assert r.regime == cases.regime(m, m.values()) and r.regime.startswith("multiple")
    assert r.share == 1 and r.admissible == 12


def test_vectorised_and_per_point_regimes_agree_near_boundaries():
    # grid points straddling the boundaries l = 1 and theta = 4 (and on them), the constraint c_s <= c_h too
    m = core_case({"l": {"default": "1/2", "plausible": ["1/2", "3/2"]},
                   "theta": {"default": 6, "plausible": [3, 5]}, "c_s": {"default": 1, "plausible": [2, 4]}})
    for seed in range(3):
        points = cases.sample_points(m, samples=15, seed=seed)
        points += [{"l": 1, "theta": 4, "c_s": 3}, {"l": 1 + Fraction(1, 10**12), "theta": 4, "c_s": 3 + Fraction(1, 10**12)}]
        expected = [case_outcomes.regime_at(m, p) for p in points]
        assert case_arrays.Regimes(m).of(points) == expected


@pytest.mark.parametrize("samples", [0, -1, 100_001, 10**8, 2.5, True, "400"])
def test_samples_beyond_the_limit_are_refused_before_any_work(samples, monkeypatch):
    m = core_case({"l": {"default": "1/2", "plausible": ["0", "2"]}})
    monkeypatch.setattr(case_sampling, "Regimes", None)  # any work would fail on this, not with the limit's message
    for run in (cases.robustness, cases.story, cases.report, cases.sample_points):
        with pytest.raises(InputError, match=r"samples must be a whole number from 1 to 100,000"):
            run(m, samples=samples)


def test_seed_is_checked():
    m = core_case({"l": {"default": "1/2", "plausible": ["0", "2"]}})
    with pytest.raises(InputError, match="seed"):
        cases.robustness(m, samples=5, seed=-1)


def test_report_is_json_ready_and_matches_the_story(monkeypatch):
    m = core_case({"l": {"default": "1/2", "plausible": ["0", "2"]}})
    data = cases.report(m, samples=40, seed=1)
    assert json.loads(json.dumps(data)) == data
    assert data["regime"] == {"label": "Revise / Soft (unique)", "equilibria": "complete"}
    text = cases.story(m, samples=40, seed=1)
    assert f"({data['robustness']['admissible']} admissible points of 40 drawn)" in text
    assert data["nearest_boundaries"][0]["value"] == {"exact": "1", "float": 1.0}


def test_many_player_regimes_on_boundaries_are_the_solvers():
    # Iraq's boundaries e_s = 1/4, theta = 5 and c_s = 11/20 (ties between Soft and Bandwagon), points on them
    # and a hair away: the exact comparisons of the pure payoffs give the pure solver's labels
    iraq = cases.load_case("iraq_2003")
    hair = Fraction(1, 10**13)
    points = [{"e_s": Fraction(1, 4) + d} for d in (-hair, 0, hair)] + [{"theta": 5 + d} for d in (-hair, 0, hair)]
    points += [{"c_s": Fraction(11, 20)}, {"lam": 3}, {"e_s": -1}]
    expected = [case_outcomes.regime_at(iraq, {**iraq.values(), **p}) for p in points]
    assert case_arrays.Regimes(iraq).of(points) == expected
    assert expected[-1] is None and expected[1] != expected[0]


def test_models_without_closed_forms_are_solved_point_by_point_on_the_executor():
    # three players: auto solves completely (polynomial systems), so no closed form gives the regime
    m = threshold_soft_balancing(parameters={"c": {"plausible": ["1/2", "4"]}},
                                 case={**CASE, "soft_balancing_worked": True})
    alone = cases.robustness(m, samples=10, seed=0)
    with ThreadPoolExecutor(2) as pool:
        assert cases.robustness(m, samples=10, seed=0, executor=pool) == alone
    points = cases.sample_points(m, samples=10, seed=0)
    found = [cases.regime(m, p) for p in points]
    assert alone.share == sum(label == alone.regime for label in found) / 10
    assert alone.complete == ("pure equilibria only" not in alone.regime)
