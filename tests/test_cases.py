"""The bundled calibrated cases: each loads, reproduces its outcome, is justified, robust and bounded.

Every test is parametrised over ``sbgames.cases.list_cases()``, so a case file
added to ``models/`` is checked without editing this file.  The comparison
table of ``docs/cases/index.md`` is checked here too: its chosen/worked and
condition columns against the ``[case]`` sections, its robustness shares and
nearest boundaries against a fresh computation with the command's settings.

The expensive quantities (nearest boundaries and robustness shares: a few
seconds for a five-player case) are computed once per case, in two processes.
"""

import functools
import json
import multiprocessing
import re
import warnings
from fractions import Fraction
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from sbgames import cases
from sbgames.cases import summary as case_summary
from sbgames.cli import main

EXPECTED_CASES = {"iraq_2003", "league_1930s", "league_1939_germany", "latin_america_1898_1936", "concert_of_europe", "eu_governance",
                  "indo_pacific", "central_asia", "brics", "philippines_duterte", "turkey_eu_nato"}
NAMES = sorted(name for name, _ in cases.list_cases())
INDEX = Path(__file__).resolve().parent.parent / "docs" / "cases" / "index.md"
# the table's condition columns, in CONDITIONS order
ABBREVIATIONS = {"LT": "low_threat", "LG": "legitimacy", "PW": "post_war", "IN": "institutions",
                 "DA": "defensive_advantage", "ID": "interdependence", "DS": "domestic_support"}
SEED = 0
pytestmark = pytest.mark.filterwarnings("ignore:only pure equilibria are enumerated:UserWarning")


@functools.lru_cache(maxsize=None)
def _case(name):
    return cases.load_case(name)


@functools.lru_cache(maxsize=None)
def _regime(name):
    m = _case(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 3+ players: pure equilibria only
        return cases.regime(m, m.values())


TABLE_SAMPLES = 400  # the table's robustness draws, as the table says


def _heavy_jobs(name):
    """The expensive quantities of one case: its nearest boundaries and robustness shares."""
    m = cases.load_case(name)
    samples = {TABLE_SAMPLES}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 3+ players: pure equilibria only
        crossings = tuple(NEAREST(m))
        shares = {n: cases.robustness(m, samples=n, seed=SEED) for n in samples}
    # Robustness holds a mappingproxy, which does not pickle: send back its fields
    return crossings, {n: (r.share, r.samples, r.admissible, r.regime, r.outcome_share, r.interval, r.outcome_interval)
                       for n, r in shares.items()}


NEAREST = cases.nearest_boundaries  # bound before any test patches the module


@functools.lru_cache(maxsize=None)
def _heavy():
    """Start computing every case's heavy quantities, on both cores where processes can be forked.

    A five-player case takes a few seconds (its nearest boundaries dominate),
    the ten together about 30 s on one core.  The futures are created once, the
    largest cases first; each test waits only for the case it needs.
    """
    order = sorted(NAMES, key=lambda n: -len(_case(n).parameters) * 3 ** len(_case(n).players))
    if "fork" not in multiprocessing.get_all_start_methods():
        return {name: _Done(_heavy_jobs(name)) for name in order}
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork"))
    futures = {name: pool.submit(_heavy_jobs, name) for name in order}
    pool.shutdown(wait=False)
    return futures


class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _boundaries(name):
    return _heavy()[name].result()[0]


def _robustness(name, samples):
    """(share, samples, admissible, regime, outcome share, interval, outcome interval) of the robustness sample
    with `samples` draws, seed SEED."""
    return _heavy()[name].result()[1][samples]


def _solved_at_defaults(m):
    """The calibrated equilibria as the regime sees them: SPE for trees, pure for 3+ players, all for 2."""
    if m.kind == "extensive":
        return m.equilibria()
    return m.equilibria(exact=True, method="pure" if len(m.players) > 2 else "auto")


# --- the set of cases -------------------------------------------------------------------------------------

def test_the_bundled_cases_are_listed():
    assert set(NAMES) == EXPECTED_CASES, f"missing: {sorted(EXPECTED_CASES - set(NAMES))}"


# --- each case --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_case_loads_and_its_expected_blocks_hold(name):
    m = _case(name)
    assert m.name == name and m.case is not None and m.case.outcome.strip()
    assert m.expected, f"{name} states no [[expected]] block"
    assert m.check_expected(exact=True) == []
    assert m.check_expected() == []


@pytest.mark.parametrize("name", NAMES)
def test_stated_outcome_is_the_solvers_at_the_calibrated_values(name):
    """The [[expected]] block at the defaults is the case's outcome; it must be what the solver finds there."""
    m = _case(name)
    defaults = m.values()
    blocks = [b for b in m.expected if dict(b["values"]) == defaults]
    assert len(blocks) == 1, f"{name}: expected exactly one [[expected]] block at the calibrated values"
    (block,) = blocks
    assert block["complete"], f"{name}: the outcome block should state the complete set"
    found = _solved_at_defaults(m)
    if m.kind == "extensive":
        assert sorted(tuple(eq.actions) for eq in found) == sorted(tuple(p) for p in block["paths"])
    else:
        assert sorted(tuple(tuple(v) for v in eq.strategies) for eq in found) == sorted(block["equilibria"])


@pytest.mark.parametrize("name", NAMES)
def test_chosen_and_worked_flags_match_the_calibrated_regime(name):
    """Chosen: some secondary state plays Soft (on the path, or as its planned reply to revision in a tree).
    Worked: a threatening power restrains with positive probability, or (repeated play) restraint is sustained.
    """
    m = _case(name)
    found = _solved_at_defaults(m)
    if m.kind == "extensive":
        # strategies: {decision node: action}; only secondary states have a Soft action
        soft = any(action == "Soft" for eq in found for action in eq.strategies.values())
        restrain = any("Restrain" in eq.actions for eq in found)
    else:
        def plays(action, eq):
            return any(action in names and eq.strategies[i][names.index(action)] > 0
                       for i, names in enumerate(m.strategies))
        soft = any(plays("Soft", eq) for eq in found)
        restrain = any(plays("Restrain", eq) for eq in found)
    assert soft == m.case.soft_balancing_chosen, f"{name}: regime {_regime(name)!r}"
    if m.case.delta is not None:
        sustained = _regime(name).endswith(" sustained") and not _regime(name).endswith("not sustained")
        assert sustained == m.case.soft_balancing_worked, _regime(name)
    else:
        assert restrain == m.case.soft_balancing_worked, f"{name}: regime {_regime(name)!r}"


@pytest.mark.parametrize("name", NAMES)
def test_every_calibrated_parameter_is_justified(name):
    m = _case(name)
    params = {n: p for n, p in m.parameters.items() if p.plausible is not None}
    if m.case.delta is not None:
        params["delta"] = m.case.delta
    assert params, f"{name} calibrates nothing"
    for pname, p in params.items():
        assert p.justification and p.justification.strip(), f"{name}: {pname} has no justification"
        low, high = p.plausible
        assert low <= p.default <= high, f"{name}: {pname} = {p.default} outside its plausible range"


@pytest.mark.parametrize("name", NAMES)
def test_all_seven_conditions_are_stated(name):
    assert set(_case(name).case.conditions) == set(cases.CONDITIONS)


def _table_samples(name):
    return TABLE_SAMPLES


@pytest.mark.parametrize("name", NAMES)
def test_robustness_share_is_computed(name):
    # the table's sample (its first 60 draws are the 60-draw sample with the same seed)
    share, samples, admissible, regime, outcome_share, *_ = _robustness(name, _table_samples(name))
    assert regime == _regime(name)
    assert 0 < admissible <= samples
    assert 0 < share <= 1 and 0 < outcome_share <= 1


@pytest.mark.parametrize("name", NAMES)
def test_nearest_boundaries_leave_the_calibrated_regime(name):
    crossings = _boundaries(name)
    assert crossings, f"{name}: no regime boundary within reach"
    for c in crossings:
        assert c.before == _regime(name)
        assert c.after != c.before
        assert c.value != c.calibrated
    assert [c.distance for c in crossings] == sorted(c.distance for c in crossings)


# One case of each kind (the story's driving conditions take 10-20 s for five players, so not all of them):
# a one-shot 2-player game, a repeated-play case and a game tree.
CLI_CASES = ["league_1930s", "latin_america_1898_1936", "concert_of_europe"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_case_tells_the_story(name, capsys, monkeypatch):
    crossings = _boundaries(name)
    # the story's nearest boundaries are the cached ones (computed with the same defaults)
    monkeypatch.setattr(case_summary, "nearest_boundaries", lambda model, *a, **k: list(crossings))
    assert main(["case", name, "--samples", "30"]) == 0
    out = capsys.readouterr().out
    m = _case(name)
    assert out.startswith(m.title)
    assert f"Historical outcome: {m.case.outcome}" in out
    assert f"Regime: {_regime(name)}" in out
    assert re.search(r"^Robustness: the outcome \(.+\) holds in \d+% \(95% CI \d+% to \d+%\) of the box of "
                     r"calibrated values -\+25%, the equilibrium label in \d+% \(95% CI \d+% to \d+%\) "
                     r"\(\d+ admissible points of 30 drawn\)$", out, re.M)
    lines = out.splitlines()
    start = lines.index("Nearest regime boundaries:")
    assert lines[start + 1:start + 4] == [f"  {c}" for c in crossings[:3]]


# --- the comparison table of docs/cases/index.md ----------------------------------------------------------

def _table():
    """Rows of the comparison table as {case name: {column: cell}}."""
    lines = [line for line in INDEX.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert set(ABBREVIATIONS) <= set(header), header
    rows = {}
    for line in lines[2:]:
        cells = dict(zip(header, (cell.strip() for cell in line.strip("|").split("|"))))
        name = re.fullmatch(r"\[(\w+)\]\(\1\.md\)", cells["case"])
        assert name, f"case cell {cells['case']!r} should be a link [name](name.md)"
        rows[name.group(1)] = cells
    return rows


ROWS = _table() if INDEX.exists() else {}


def test_table_has_a_row_per_case():
    assert set(NAMES) <= set(ROWS), f"no row for {sorted(set(NAMES) - set(ROWS))}"
    assert set(ROWS) == EXPECTED_CASES


def _yes_no(cell):
    word = cell.split()[0].strip(",;").lower()
    assert word in ("yes", "no"), cell
    return word == "yes"


@pytest.mark.parametrize("name", NAMES)
def test_table_row_matches_the_case_section(name):
    row, case = ROWS[name], _case(name).case
    assert _yes_no(row["chosen?"]) == case.soft_balancing_chosen
    assert _yes_no(row["worked?"]) == case.soft_balancing_worked
    for abbreviation, condition in ABBREVIATIONS.items():
        assert row[abbreviation] in ("✓", "✗"), row[abbreviation]
        assert (row[abbreviation] == "✓") == case.conditions[condition], f"{name}: {abbreviation}"


@pytest.mark.parametrize("name", NAMES)
def test_table_robustness_is_reproduced(name):
    cell = ROWS[name]["robustness"]
    number = r"(\d+\.\d%)"
    match = re.fullmatch(rf"outcome {number} \({number}-{number}\); label {number} \({number}-{number}\); (\d+) draws",
                         cell)
    assert match, cell
    samples = int(match.group(7))
    assert samples == _table_samples(name)
    share, _, _, _, outcome_share, interval, outcome_interval = _robustness(name, samples)
    assert [f"{x:.1%}" for x in (outcome_share, *outcome_interval, share, *interval)] == list(match.groups()[:6])


@pytest.mark.parametrize("name", NAMES)
def test_table_nearest_boundary_is_reproduced(name):
    cell = ROWS[name]["nearest boundary"]
    match = re.match(r"`(\w+)` (-?[\d/]+) → (-?[\d/]+)", cell)
    assert match, cell
    nearest = _boundaries(name)[0]
    assert (nearest.parameter, nearest.calibrated, nearest.value) == (
        match.group(1), Fraction(match.group(2)), Fraction(match.group(3)))


# --- never overclaim; the vectorised sample is the per-point one -------------------------------------------

def _labels_shown(text_or_data):
    """Every regime label in a story's text or a report's data (quoted or after 'Regime: ')."""
    if isinstance(text_or_data, dict):
        return ([text_or_data["regime"]["label"]]
                + [c[k] for c in text_or_data["nearest_boundaries"] for k in ("before", "after")])
    crossings = re.findall(r"turns '(.*)' into '(.*)'$", text_or_data, re.M)
    return re.findall(r"^Regime: (.*)$", text_or_data, re.M) + [label for pair in crossings for label in pair]


@pytest.mark.parametrize("name", NAMES)
def test_no_output_overclaims(name, monkeypatch):
    """'unique' only for a complete result; a pure-only result says so in the text and the JSON; never
    'no equilibrium' (a finite game always has one)."""
    from sbgames.analysis.regions import label_is_complete
    crossings = _boundaries(name)
    monkeypatch.setattr(case_summary, "nearest_boundaries", lambda model, *a, **k: list(crossings))
    m = _case(name)
    text = cases.story(m, samples=20)
    data = cases.report(m, samples=20)
    json.dumps(data)  # JSON-ready
    assert not re.search(r"\bno equilibri", text + json.dumps(data)), name
    labels = _labels_shown(text) + _labels_shown(data)
    assert _regime(name) in labels
    for label in labels:
        assert "(unique)" not in label or label_is_complete(label), label
    complete = label_is_complete(_regime(name))
    assert (data["regime"]["equilibria"] == "complete") == complete
    assert (data["robustness"]["equilibria"] == "complete") == complete
    if not complete:
        assert "pure equilibria only" in _regime(name)
        robustness_line = next(line for line in text.splitlines() if line.startswith("Robustness:"))
        assert "pure equilibria only" in robustness_line
        assert data["regime"]["equilibria"] == data["robustness"]["equilibria"] == "pure equilibria only; mixed not searched"
