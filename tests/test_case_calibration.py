"""Sourced and fitted values of the calibrated cases: the model files mark each, the pages show it."""

import re
from fractions import Fraction
from pathlib import Path

import pytest

from sbgames.cases.catalogue import calibrated_values
from sbgames.cases import calibration, calibration_table, list_cases, load_case, report, story
from sbgames.errors import ModelError
from sbgames.model import BASES, Model

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cases"
CASES = [name for name, _ in list_cases()]
CASE = {"outcome": "T revises", "soft_balancing_chosen": True, "soft_balancing_worked": False}


@pytest.mark.parametrize("name", CASES)
def test_every_calibrated_value_is_marked_sourced_or_fitted(name):
    model = load_case(name)
    split = calibration(model)
    marked = {**split["sourced"], **split["fitted"]}
    assert set(marked) == set(calibrated_values(model))
    assert all(v["source"].strip() for v in marked.values())
    assert all(v["source"].startswith("qualitative: ") for v in split["sourced"].values()), \
        "no case file gives a number from its sources: every sourced value is a qualitative reading"


@pytest.mark.parametrize("name", CASES)
def test_case_page_table_equals_the_file(name):
    page = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    section = page.split("## Sourced and fitted values", 1)
    assert len(section) == 2, f"{name}.md has no 'Sourced and fitted values' section"
    assert calibration_table(load_case(name)) in section[1].split("\n## ", 1)[0]


def test_story_and_report_show_the_split():
    model = load_case("turkey_eu_nato")
    text = story(model, samples=10, progress=False)
    split = calibration(model)
    for basis, word in zip(BASES, ("sourced", "fitted to the outcome")):
        line = next(line for line in text.splitlines() if line.startswith(f"  {word}"))
        assert re.findall(r"(\w+) = ", line) == list(split[basis])
    reported = report(model, samples=10)["calibration"]
    assert {basis: {n: (Fraction(entry["value"]["exact"]), entry["source"]) for n, entry in names.items()}
            for basis, names in reported.items()} == {
        basis: {n: (Fraction(entry["value"]), entry["source"]) for n, entry in names.items()}
        for basis, names in split.items()}


def test_basis_must_be_one_of_two_words():
    with pytest.raises(ModelError, match=r"parameters\.l\.basis: expected \"sourced\" or \"fitted\", found 'assumed'"):
        Model.from_dict({"base": "core", "parameters": {"l": {"default": 1, "basis": "assumed"}}})


@pytest.mark.parametrize("spec, field", [
    ({"default": 1, "justification": "little is lost"}, "parameters.l.basis"),
    ({"default": 1, "justification": "little is lost", "basis": "fitted"}, "parameters.l.source"),
    ({"default": 1, "justification": "little is lost", "basis": "fitted", "source": "  "}, "parameters.l.source"),
])
def test_a_justified_case_value_needs_basis_and_source(spec, field):
    with pytest.raises(ModelError, match=re.escape(field) + ": missing"):
        Model.from_dict({"base": "core", "parameters": {"l": spec}, "case": CASE})


def test_a_marked_value_is_read():
    m = Model.from_dict({"base": "core", "case": CASE, "parameters": {"l": {
        "default": 1, "justification": "little is lost", "basis": "fitted", "source": "T revises"}}})
    assert (m.parameters["l"].basis, m.parameters["l"].source) == ("fitted", "T revises")
    assert calibration(m) == {"sourced": {}, "fitted": {"l": {"value": "1", "source": "T revises"}}}


def _split(name):
    return calibration(load_case(name))


def test_index_claims_about_fitted_values():
    """The sentences of docs/cases/index.md that say which deciding values are fitted."""
    assert [n for n in CASES if "lam" in _split(n)["fitted"]] == [
        "central_asia", "eu_governance", "latin_america_1898_1936", "turkey_eu_nato"]
    assert all("g" in _split(n)["fitted"] for n in CASES)
    assert {"theta", "c_s", "b"} <= set(_split("philippines_duterte")["fitted"])
    assert "theta" in _split("league_1939_germany")["fitted"]
    flags = {n: load_case(n).case for n in CASES}
    assert sum(c.soft_balancing_chosen for c in flags.values()) == 9 and len(flags) == 11
    failing = [c for c in flags.values() if not c.soft_balancing_worked]
    assert len(failing) == 8 and sum(not c.conditions["legitimacy"] for c in failing) == 7
    assert all(c.conditions["legitimacy"] for c in flags.values() if c.soft_balancing_worked)


def test_readme_most_calibrated_values_are_fitted():
    """README.md's calibrated-cases bullet: most values are fitted to the outcome."""
    counts = {basis: sum(len(_split(n)[basis]) for n in CASES) for basis in BASES}
    assert counts["fitted"] > counts["sourced"] > 0
