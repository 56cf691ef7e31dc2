"""Outcome-based robustness, its confidence intervals, Nash reversion in repeated cases, out-of-sample checks."""

import math
import re
import warnings
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from sbgames import cases
from sbgames.cases import arrays as case_arrays
from sbgames.cases import outcomes as case_outcomes
from sbgames.cases import summary as case_summary
from sbgames.errors import ModelError
from sbgames.model import Model
from sbgames.repeated.penal import nash_reversion_threshold

NAMES = sorted(name for name, _ in cases.list_cases())
PAGES = Path(__file__).resolve().parent.parent / "docs" / "cases"
#: Cases whose history gives two phases (the League's first phase is the Italy case).
OUT_OF_SAMPLE = {"philippines_duterte", "iraq_2003", "latin_america_1898_1936", "league_1930s"}
pytestmark = pytest.mark.filterwarnings("ignore:only pure equilibria are enumerated:UserWarning")


def _wilson(hits, n, z=1.959963984540054):
    """The Wilson score interval from its formula."""
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


# --- the outcome share -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_outcome_share_equals_a_per_point_recomputation(name):
    m = cases.load_case(name)
    points = cases.sample_points(m, samples=12, seed=5)
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for point in points:
            values = dict(point)
            delta = values.pop("delta", None)
            try:
                m.values(**values)
            except ValueError:
                continue  # outside the constraints: not counted
            found.append((cases.regime(m, values, delta), cases.outcome(m, values, delta)))
        r = cases.robustness(m, samples=12, seed=5)
    assert r.outcome == cases.outcome(m, {}) and r.regime == cases.regime(m, m.values())
    assert r.admissible == len(found)
    assert r.outcome_hits == sum(o == r.outcome for _, o in found)
    assert r.hits == sum(label == r.regime for label, _ in found)
    assert r.outcome_share == r.outcome_hits / r.admissible and r.share == r.hits / r.admissible


@pytest.mark.parametrize("name", NAMES)
def test_the_box_is_the_same_relative_width_for_every_case(name):
    m = cases.load_case(name)
    r = cases.robustness(m, samples=1)
    quantities = {**m.parameters, **({"delta": m.case.delta} if m.case.delta is not None else {})}
    for key, (low, high) in r.box.items():
        p, w = quantities[key], cases.RELATIVE_WIDTH
        assert low == max(p.default - abs(p.default) * w, p.min if p.min is not None else low)
        assert high <= p.default + abs(p.default) * w and high >= p.default
        if p.below is None and p.max is None:
            assert high == p.default + abs(p.default) * w


def test_the_outcome_counts_states_and_ignores_which_one_bandwagons():
    iraq = cases.load_case("iraq_2003")
    one = case_outcomes.profile_outcome(iraq, ["Revise", "Bandwagon", "Soft", "Soft", "Soft"])
    other = case_outcomes.profile_outcome(iraq, ["Revise", "Soft", "Soft", "Soft", "Bandwagon"])
    assert one == other == "T Revise; S1/S2/S3/S4: 3 Soft, 1 Bandwagon"


def test_a_mixed_equilibrium_counts_as_its_most_likely_actions():
    eu = cases.load_case("eu_governance")  # T restrains 5/6 of the time, S1 bandwagons 5/7
    assert cases.regime(eu, {}).startswith("mixed")
    assert cases.outcome(eu, {}) == "T Restrain; S1 Bandwagon"
    assert case_outcomes.most_likely(["Revise", "Restrain"], [Fraction(1, 2), Fraction(1, 2)]) == "Revise or Restrain"


# --- the Wilson interval ---------------------------------------------------------------------------------

@pytest.mark.parametrize("hits, n, expected", [(8, 10, (0.4902, 0.9433)), (0, 10, (0.0, 0.2775)),
                                               (400, 400, (0.9905, 1.0))])
def test_wilson_interval_on_known_values(hits, n, expected):
    assert [round(x, 4) for x in cases.wilson_interval(hits, n)] == list(expected)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5000), st.data())
def test_wilson_interval_is_the_formula_and_holds_the_share(n, data):
    hits = data.draw(st.integers(0, n))
    low, high = cases.wilson_interval(hits, n)
    assert 0 <= low <= hits / n <= high <= 1
    assert (low, high) == pytest.approx(_wilson(hits, n), abs=1e-12)


def test_wilson_interval_of_no_points_is_undefined():
    assert all(math.isnan(x) for x in cases.wilson_interval(0, 0))


def _cheap_report(monkeypatch, m):
    # the robustness part of the report is what is tested: skip the slow boundary and condition searches
    monkeypatch.setattr(case_summary, "nearest_boundaries", lambda *a, **k: [])
    monkeypatch.setattr(case_summary, "driving_conditions", lambda *a, **k: [])
    return cases.report(m, samples=25, seed=1), cases.story(m, samples=25, seed=1)


@pytest.mark.parametrize("name", NAMES)
def test_every_report_has_both_shares_with_sample_sizes_and_intervals(name, monkeypatch):
    m = cases.load_case(name)
    data, text = _cheap_report(monkeypatch, m)
    r = data["robustness"]
    assert r["samples"] == 25 and 0 < r["admissible"] <= 25
    for share, interval in (("share", "interval"), ("outcome_share", "outcome_interval")):
        low, high = r[interval]
        assert low <= r[share] <= high
    assert r["interval"] == pytest.approx(_wilson(round(r["share"] * r["admissible"]), r["admissible"]))
    assert r["outcome"] == cases.outcome(m, {})
    line = next(line for line in text.splitlines() if line.startswith("Robustness:"))
    assert re.search(rf"the outcome \(.+\) holds in \d+% \(95% CI \d+% to \d+%\) .* the equilibrium label in "
                     rf"\d+% \(95% CI \d+% to \d+%\) \({r['admissible']} admissible points of 25 drawn", line), line


# --- repeated play: Nash reversion, mixed stage equilibria included -------------------------------------------

def test_latin_america_restraint_at_lam_2_reverts_to_the_mixed_stage_equilibrium():
    m = cases.load_case("latin_america_1898_1936")
    v = m.values(lam=2)
    threshold = nash_reversion_threshold(m.game(**v), m.repeated["cooperate"]).value
    e_s, g, lam, l, l_r = (v[k] for k in ("e_s", "g", "lam", "l", "l_r"))
    assert threshold == Fraction(5, 9) == (e_s * g + lam * (l - l_r)) / (e_s * g + lam * l)
    assert cases.regime(m, {"lam": 2}).startswith("mixed")
    assert cases.regime(m, {"lam": 2}, delta="3/5").endswith("; repeated: (T Restrain, S Bandwagon) sustained")
    assert cases.regime(m, {"lam": 2}, delta="1/2").endswith("not sustained")
    # not sustained: the stage's mixed equilibrium, T revising 2/5 and S soft balancing 4/5 of the time
    assert cases.outcome(m, {"lam": 2}, delta="1/2") == "T Restrain; S Soft"
    assert cases.outcome(m, {"lam": 2}, delta="3/5") == "T Restrain; S Bandwagon (repeated play)"


def test_vectorised_nash_reversion_equals_the_exact_threshold_across_the_stage_boundary():
    m = cases.load_case("latin_america_1898_1936")
    # lam from the (Revise, Soft) region (lam < 3/2 at l = 4) into the mixed one, delta both sides of the threshold
    points = [{"lam": Fraction(k, 8), "delta": Fraction(d, 20)} for k in range(6, 20, 3) for d in (10, 11, 13, 17, 19)]
    points += [{"lam": 2, "delta": Fraction(5, 9)}, {"lam": 1, "delta": Fraction(4, 5)}]  # on the thresholds
    assert case_arrays.Regimes(m).of(points) == [case_outcomes.regime_at(m, p) for p in points]


# --- out of sample --------------------------------------------------------------------------------------------

def _page_section(name, title):
    text = (PAGES / f"{name}.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"{name}.md has no section '## {title}'"
    return match.group(1)


@pytest.mark.parametrize("name", sorted(OUT_OF_SAMPLE))
def test_out_of_sample_is_computed_and_the_page_says_the_same(name):
    m = cases.load_case(name)
    later = cases.out_of_sample(m)
    assert later is not None
    assert later.first == cases.outcome(m, {})
    assert later.predicted == cases.outcome(m, {k: b for k, (_, b) in later.changes.items() if k != "delta"},
                                            later.changes["delta"][1] if "delta" in later.changes else None)
    section = " ".join(_page_section(name, "Out of sample").split())
    assert " ".join(str(later).split()) in section
    assert ("a hit" if later.hit else "a miss") in section


def test_the_league_check_moves_italy_s_case_to_the_germany_case_s_threat():
    italy, germany = cases.load_case("league_1930s"), cases.load_case("league_1939_germany")
    later = cases.out_of_sample(italy)
    assert later.changes["theta"][1] == germany.parameters["theta"].default
    assert later.predicted == cases.outcome(germany, {})


def test_every_out_of_sample_result_is_reported_in_the_story_and_report(monkeypatch):
    m = cases.load_case("philippines_duterte")
    data, text = _cheap_report(monkeypatch, m)
    later = cases.out_of_sample(m)
    assert f"Out of sample, {later}" in text
    assert data["out_of_sample"]["predicted"] == later.predicted and data["out_of_sample"]["hit"] == later.hit
    assert cases.report(cases.load_case("eu_governance"), samples=1)["out_of_sample"] is None


CASE = {"outcome": "x", "soft_balancing_chosen": True, "soft_balancing_worked": False}
LATER = {"phase": "later", "changes": {"theta": "8"}, "sources": "a source", "outcome": "words",
         "expected": "T Revise; S Soft"}


@pytest.mark.parametrize("later, field, fragment", [
    ({**LATER, "changes": {"thetta": "8"}}, "case.out_of_sample.changes.thetta", "not a parameter"),
    ({**LATER, "changes": {"theta": "-1"}}, "case.out_of_sample.changes.theta", "bounds"),
    ({**LATER, "changes": {}}, "case.out_of_sample.changes", "no parameter changes"),
    ({k: v for k, v in LATER.items() if k != "sources"}, "case.out_of_sample", "expected the fields"),
    ({**LATER, "expected": " "}, "case.out_of_sample.expected", "missing"),
    ({**LATER, "changes": {"c_s": "9"}}, "case.out_of_sample.changes", "c_h"),
])
def test_bad_out_of_sample_sections_name_the_field(later, field, fragment):
    with pytest.raises(ModelError) as info:
        Model.from_dict({"base": "core", "case": {**CASE, "out_of_sample": later}})
    assert f": {field}:" in str(info.value) and fragment in str(info.value), str(info.value)


def test_a_valid_out_of_sample_section_predicts_and_reports_a_miss_as_a_miss():
    m = Model.from_dict({"base": "core", "case": {**CASE, "out_of_sample": {**LATER, "expected": "T Restrain; S Soft"}}})
    later = cases.out_of_sample(m)
    assert later.changes == {"theta": (m.parameters["theta"].default, Fraction(8))}
    assert not later.hit and "MISSED" in str(later)
