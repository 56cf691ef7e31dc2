"""Every command's ``--json`` output has the one shape of sbgames/schema/result.schema.json, for every family."""

import json
import math
from fractions import Fraction

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.cli import main
from sbgames.cli.jsonout import FORMAT, schema
from sbgames.cli.parser import parser
from sbgames.game import Game
from sbgames.nfg import write_nfg
from sbgames.results import number_json

VALIDATOR = jsonschema.Draft202012Validator(schema())
NUMBER_SCHEMA = {**schema()["$defs"]["number"], "$defs": schema()["$defs"]}
# what jsonschema.validate does on each call (check the schema, pick its validator), done once for all the examples
jsonschema.validators.validator_for(NUMBER_SCHEMA).check_schema(NUMBER_SCHEMA)
NUMBER_VALIDATOR = jsonschema.validators.validator_for(NUMBER_SCHEMA)(NUMBER_SCHEMA)

# (command line, what it covers); each runs in at most a few seconds
RUNS = [
    (["solve", "prisoners_dilemma", "--json"], "normal form, float"),
    (["solve", "core", "--exact", "--json", "--set", "l=1/2"], "normal form, exact"),
    (["solve", "core", "--json"], "normal form, mixed, float"),
    (["solve", "collective_veto", "--json"], "three players"),
    (["solve", "collective_veto", "--exact", "--method", "polynomial", "--json"], "irrational, exact"),
    (["solve", "core_sequential", "--json"], "game tree"),
    (["solve", "core_sequential", "--set", "theta=4", "--json"], "game tree, a mover indifferent"),
    (["solve", "private_legitimacy", "--json"], "private types, cut-points, float"),
    (["solve", "private_legitimacy", "--exact", "--json", "--set", "lam_max=1/2"], "private types, every type revises"),
    (["solve", "legitimacy_stock", "--json"], "stochastic game, Markov perfect equilibria"),
    (["regions", "core", "--x", "lam:0:5", "--y", "theta:0:10", "--resolution", "5", "--json"], "2-d map"),
    (["regions", "core_sequential", "--x", "theta:0:10", "--resolution", "5", "--json"], "map of a tree"),
    (["regions", "collective_veto", "--x", "c_s:0:2", "--resolution", "3", "--method", "numeric", "--json"],
     "three players, numeric"),
    (["statics", "core", "--param", "lam:0:5", "--resolution", "11", "--json"], "sweep"),
    (["conditions", "prisoners_dilemma", "--json"], "closed forms, two players"),
    (["conditions", "core_sequential", "--json"], "closed forms of a tree"),
    (["conditions", "collective_veto", "--json"], "closed forms, four players (pure)"),
    (["repeated", "prisoners_dilemma", "--delta", "9/10", "--symbolic", "--payoff-set", "--json"],
     "repeated game, payoff set"),
    (["repeated", "core", "--delta", "1/10", "--strategy", "tft", "--json"], "repeated game, a deviation"),
    (["case", "league_1930s", "--samples", "10", "--json"], "two-player case"),
    (["case", "latin_america_1898_1936", "--samples", "10", "--json"], "repeated-play case"),
]


def run_json(capsys, argv) -> dict:
    status, (out, err) = main(argv), capsys.readouterr()
    assert status == 0, err
    return json.loads(out)


def numbers_in(data):
    """Every number object in `data` (dicts with exactly the keys exact and float)."""
    if isinstance(data, dict):
        if set(data) == {"exact", "float"}:
            yield data
        else:
            for value in data.values():
                yield from numbers_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from numbers_in(value)


def floats_in(data):
    """Every float computed in floating point (the float of an exact number is that number's nearest float)."""
    if isinstance(data, float):
        yield data
    elif isinstance(data, dict):
        if data.get("exact") is not None:
            return
        for value in data.values():
            yield from floats_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from floats_in(value)


@pytest.mark.parametrize("argv", [argv for argv, _ in RUNS], ids=[what for _, what in RUNS])
def test_every_json_output_has_the_one_shape(capsys, argv):
    data = run_json(capsys, argv)
    VALIDATOR.validate(data)
    assert data["format"] == FORMAT and data["command"] == argv[0]
    for number in numbers_in(data):  # an exact number's float is its value
        if number["exact"] is not None:
            assert number["float"] == float(Fraction(number["exact"]))
    for x in floats_in(data):  # no rounding noise such as 0.4999999999999996
        assert x == float(f"{x:.12g}"), x


def test_the_runs_cover_every_command_with_json():
    sub = next(a for a in parser()._actions if a.dest == "command")
    with_json = {name for name, p in sub.choices.items() if any(a.dest == "json" for a in p._actions)}
    assert with_json == {argv[0] for argv, _ in RUNS}


def test_nfg_games_have_the_same_shape(capsys, tmp_path):
    path = tmp_path / "tie.nfg"
    write_nfg(Game([[[1, 1], [1, 1]], [[1, 0], [0, 1]]]), path)
    data = run_json(capsys, ["solve", str(path), "--exact", "--json"])
    VALIDATOR.validate(data)
    assert data["model"] == str(path) and data["parameters"] == {} and data["degenerate"] is True


def test_payoffs_are_keyed_by_player_in_every_family(capsys):
    for argv in (["solve", "core", "--json"], ["solve", "core_sequential", "--json"],
                 ["solve", "collective_veto", "--json"]):
        data = run_json(capsys, argv)
        for eq in data["equilibria"]:
            assert list(eq["payoffs"]) == data["players"]


def test_closed_forms_of_every_family_share_the_result_keys(capsys):
    for model in ("core", "core_sequential"):
        data = run_json(capsys, ["conditions", model, "--json"])
        for result in data["results"]:
            assert list(result)[:4] == ["label", "description", "conditions", "always"]
            assert list(result["payoffs"]) == data["players"]


def test_conditions_json_refuses_the_strategy_questions(capsys):
    assert main(["conditions", "core", "--json", "--player", "T", "--strategy", "Revise"]) == 1
    assert "--json lists the closed forms as data" in capsys.readouterr().err


def test_repeated_json_says_what_the_text_says(capsys):
    data = run_json(capsys, ["repeated", "prisoners_dilemma", "--delta", "9/10", "--payoff-set", "--json"])
    assert data["conditions"] == {"subgame_perfect": "delta >= 1/2", "nash": "delta >= 1/2"}
    assert data["at_delta"]["subgame_perfect"] == {"holds": True, "deviation": None}
    # the iteration's rounding (3.50000000398, 1.99999999204) is below the stated accuracy and is not shown
    assert [[x["float"] for x in v] for v in data["payoff_set"]["vertices"]] == [[2, 2], [3.5, 2], [3, 3], [2, 3.5]]


def test_an_irrational_equilibrium_found_exactly_says_so(capsys):
    data = run_json(capsys, ["solve", "collective_veto", "--exact", "--method", "polynomial", "--json"])
    soft = [eq for eq in data["equilibria"] if "algebraic" in eq]
    assert soft, "the veto game has an equilibrium with irrational probabilities"
    for eq in soft:  # no exact text where the number is irrational: the algebraic form gives it
        assert all(p["exact"] is None for player in eq["strategies"].values() for p in player.values())


def test_float_results_are_rounded_to_the_tolerance(capsys):
    # the core game's mixed equilibrium is 1/2 exactly; float vertex enumeration may give 0.4999999999999996
    data = run_json(capsys, ["solve", "core", "--json"])
    (eq,) = data["equilibria"]
    assert eq["strategies"]["T"]["Revise"] == {"exact": None, "float": 0.5}
    exact = run_json(capsys, ["solve", "core", "--exact", "--json"])
    assert exact["equilibria"][0]["strategies"]["T"]["Revise"] == {"exact": "1/2", "float": 0.5}


def test_a_shape_the_schema_refuses():
    data = {"format": FORMAT, "command": "solve", "model": "m", "kind": "normal", "players": ["A"],
            "parameters": {"x": "1/2"}, "complete": True, "scope": "complete", "warnings": []}
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)  # a bare string where a number object is due


@settings(max_examples=200, deadline=None)
@given(st.fractions(min_value=-10**6, max_value=10**6) | st.floats(allow_nan=False, allow_infinity=False,
                                                                   min_value=-1e12, max_value=1e12))
def test_every_number_object_is_valid(value):
    number = number_json(value)
    NUMBER_VALIDATOR.validate(number)
    if isinstance(value, Fraction):
        assert Fraction(number["exact"]) == value
    else:
        assert number["exact"] is None and math.isclose(number["float"], value, rel_tol=1e-11, abs_tol=1e-300)


def test_solve_private_types_lists_the_cut_point_equilibria(capsys):
    """lam uniform on [0, 6] at the defaults: T revises iff lam < 3, S soft balances with 4/11 (exactly)."""
    data = run_json(capsys, ["solve", "private_legitimacy", "--exact", "--json"])
    [eq] = data["equilibria"]
    assert data["kind"] == "private_types" and data["exact"] and data["complete"]
    assert eq["type"] == "lam" and eq["cutpoint"]["exact"] == "3" and eq["revise_probability"]["exact"] == "1/2"
    assert eq["s_strategy"]["Soft"]["exact"] == "4/11" and eq["s_cutpoint"] is None
    [every] = run_json(capsys, ["solve", "private_legitimacy", "--json", "--set", "lam_max=1/2"])["equilibria"]
    assert every["revise_probability"]["float"] == 1.0 and every["s_strategy"]["Soft"]["float"] == 1.0
