"""Models: loading, values and bounds, and model files written by careless or hostile users."""

import textwrap
from decimal import Decimal
from fractions import Fraction as F

import pytest
import sympy

from sbgames import Game, Model, ModelError, load_model
from sbgames.model import list_models, models_dir, parse_number

GOOD = """
name = "tiny"
title = "A tiny soft-balancing game"
source = "test"
constraints = ["c_h > c_s"]

[players.T]
name = "Threatening power"
strategies = ["Revise", "Restrain"]

[players.S]
strategies = ["Soft", "Bandwagon"]

[parameters]
g = { default = 2, above = 0, description = "gain" }
l = { default = "3/2", min = 0, description = "legitimacy loss" }
c_s = { default = 0.5, min = 0, max = 10, description = "cost of soft balancing" }
c_h = { default = 1, min = 0, description = "cost of hard balancing" }
n = { default = 3, min = 1, integer = true, description = "states" }

[payoffs]
"Revise,Soft" = ["g - l", "-c_s"]
"Revise, Bandwagon" = ["g", "-1"]
"Restrain,Soft" = ["0", "-c_s"]
"Restrain,Bandwagon" = [0, 0]
"""


def write(tmp_path, text, name="model.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_good_file_loads(tmp_path):
    model = load_model(write(tmp_path, GOOD))
    assert model.name == "tiny"
    assert model.players == ("T", "S")
    assert model.player_names == ("Threatening power", "S")
    assert model.strategies == (("Revise", "Restrain"), ("Soft", "Bandwagon"))
    assert list(model.parameters) == ["g", "l", "c_s", "c_h", "n"]
    assert model.parameters["l"].default == F(3, 2)
    assert model.parameters["c_s"].default == F(1, 2)
    assert model.parameters["g"].symbol.is_positive
    assert model.parameters["l"].symbol.is_nonnegative
    assert model.parameters["n"].symbol.is_integer
    game = model.game()
    assert isinstance(game, Game) and game.kind == "exact"
    assert game.payoff(("Revise", "Soft")) == (F(1, 2), F(-1, 2))
    assert model.game(g=5).payoff(("Revise", "Soft")) == (F(7, 2), F(-1, 2))


def test_values_and_bounds(tmp_path):
    model = load_model(write(tmp_path, GOOD))
    assert model.values(g="1/3")["g"] == F(1, 3)
    with pytest.raises(ValueError, match=r"parameter 'g' = 0 is outside its bounds 0 < g"):
        model.values(g=0)
    with pytest.raises(ValueError, match=r"'c_s' = 11 is outside its bounds 0 <= c_s <= 10"):
        model.values(c_s=11)
    with pytest.raises(ValueError, match="integer"):
        model.values(n=F(5, 2))
    with pytest.raises(ValueError, match="requires c_h > c_s, which fails at c_h = 1, c_s = 2"):
        model.values(c_s=2)
    with pytest.raises(ValueError, match="no parameter 'gg'; did you mean 'g'"):
        model.game(gg=1)
    with pytest.raises(ValueError, match="not a number"):
        model.game(g="__import__('os')")
    with pytest.raises(TypeError):
        model.game(g=[1])
    with pytest.raises(ValueError, match="not finite|finite"):
        model.game(g=float("inf"))
    with pytest.raises(ValueError):
        model.game(g=float("nan"))


def test_float_values_give_exact_games_when_rational(tmp_path):
    model = load_model(write(tmp_path, GOOD))
    assert model.game(g=0.1).payoff(("Revise", "Bandwagon"))[0] == F(1, 10)


def test_irrational_payoffs_give_float_games(tmp_path):
    text = GOOD.replace('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["sqrt(g) - l", "-c_s"]')
    game = load_model(write(tmp_path, text)).game()
    assert game.kind == "float"
    assert game.payoff(("Revise", "Soft"))[0] == pytest.approx(2 ** 0.5 - 1.5)


def test_equilibria_record_parameters(tmp_path):
    model = load_model(write(tmp_path, GOOD))
    result = model.equilibria(exact=True, g=1)
    assert result.parameters["g"] == 1 and result.parameters["l"] == F(3, 2)
    assert result.exact and result.method == "vertex"


def test_from_dict_accepts_sympy_payoffs():
    g = sympy.Symbol("g")
    model = Model.from_dict({
        "players": {"A": {"strategies": ["x", "y"]}},
        "parameters": {"g": {"default": 1, "description": "gain"}},
        "payoffs": {"x": [g * 2], "y": ["1"]},
    })
    assert [e.describe() for e in model.equilibria(exact=True)] == ["A: x"]
    assert [e.describe() for e in model.equilibria(exact=True, g=F(1, 4))] == ["A: y"]


def test_bundled_models_found_by_name():
    names = [name for name, _ in list_models()]
    assert "core" in names
    assert (models_dir() / "core.toml").is_file()
    assert load_model("core").path.name == "core.toml"


def test_unknown_model_suggests(tmp_path):
    with pytest.raises(FileNotFoundError, match="did you mean 'core'"):
        load_model("cor")
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "missing.toml")
    with pytest.raises(TypeError):
        load_model(42)


@pytest.mark.parametrize("old, new, fragment", [
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["g - ll", "-c_s"]',
     r"payoffs.'Revise,Soft'\[0\]: unknown name 'll'; did you mean 'l'"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["__import__(\'os\').system(\'true\')", "-c_s"]',
     r"payoffs.'Revise,Soft'\[0\]: calls are allowed only"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["g.__class__", "-c_s"]', "attribute access"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["(lambda: g)()", "-c_s"]', "call"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["[g for g in (1,)][0]", "-c_s"]', "indexing"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["9**9**9**9", "-c_s"]', "too large"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft" = ["g - l"]', "expected a list of 2 expressions"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Sof" = ["g - l", "-c_s"]',
     r"'Sof' is not a strategy of S; did you mean 'Soft'"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '', r"1 profile\(s\) have no payoffs: 'Revise,Soft'"),
    ('"Revise,Soft" = ["g - l", "-c_s"]', '"Revise,Soft,Soft" = ["g - l", "-c_s"]', "one strategy per player"),
    ('g = { default = 2, above = 0, description = "gain" }', 'g = { default = 0, above = 0 }',
     r"parameters.g.default: parameter 'g' = 0 is outside its bounds"),
    ('g = { default = 2, above = 0, description = "gain" }', 'g = { defualt = 2 }',
     r"parameters.g.defualt: unknown field; did you mean 'default'"),
    ('g = { default = 2, above = 0, description = "gain" }', 'g = { default = "2**8" }', "not a number"),
    ('g = { default = 2, above = 0, description = "gain" }', 'g = { default = "1/0" }', "divides by zero"),
    ('g = { default = 2, above = 0, description = "gain" }', 'g = { default = 2, min = 1, above = 0 }',
     "either min or above"),
    ('g = { default = 2, above = 0, description = "gain" }', 'g = { default = 2, integer = "yes" }',
     "true or false"),
    ('g = { default = 2, above = 0, description = "gain" }', 'exp = { default = 2 }', "reserved"),
    ('g = { default = 2, above = 0, description = "gain" }', 'exact = { default = 2 }', "reserved"),
    ('constraints = ["c_h > c_s"]', 'constraints = ["c_h > c_s > 0"]', r"constraints\[0\]"),
    ('constraints = ["c_h > c_s"]', 'constraints = ["c_h < c_s"]', "default values break a constraint"),
    ('constraints = ["c_h > c_s"]', 'constraints = "c_h > c_s"', "expected a list"),
    ('strategies = ["Soft", "Bandwagon"]', 'strategies = ["Soft", "Soft"]', "given twice"),
    ('strategies = ["Soft", "Bandwagon"]', 'strategies = []', "non-empty list"),
    ('strategies = ["Soft", "Bandwagon"]', 'strategies = ["Soft", 3]', "strategy names must be"),
    ('title = "A tiny soft-balancing game"', 'titel = "x"', "titel: unknown field; did you mean 'title'"),
    ('title = "A tiny soft-balancing game"', 'title = 3', "title: expected a string"),
    ('title = "A tiny soft-balancing game"', 'kind = "strategic"', "is not a kind of model"),
])
def test_bad_files_name_file_field_and_value(tmp_path, old, new, fragment):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new), name="bad_model.toml")
    with pytest.raises(ModelError, match=fragment) as info:
        load_model(path)
    assert "bad_model.toml" in str(info.value)


def test_invalid_toml_and_binary(tmp_path):
    with pytest.raises(ModelError, match="bad.toml: not valid TOML"):
        load_model(write(tmp_path, "name = ", name="bad.toml"))
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00name")
    with pytest.raises(ModelError, match="bin.toml"):
        load_model(binary)


def test_huge_file_refused(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text("# " + "x" * 1_100_000)
    with pytest.raises(ModelError, match="larger than"):
        load_model(path)


def test_hostile_file_runs_nothing_and_does_not_hang(tmp_path):
    marker = tmp_path / "pwned"
    text = GOOD.replace('"Revise,Soft" = ["g - l", "-c_s"]',
                        f'"Revise,Soft" = ["__import__(\'pathlib\').Path(\'{marker}\').touch() or 1", "-c_s"]')
    with pytest.raises(ModelError):
        load_model(write(tmp_path, text))
    assert not marker.exists()
    for payload in ["9**9**9**9", "10**10**10**10", "(((2**999)**999)**999)", "2" * 5000]:
        with pytest.raises(ModelError):
            load_model(write(tmp_path, GOOD.replace('"g - l"', f'"{payload}"')))


def test_parameter_exponent_is_capped_at_evaluation(tmp_path):
    text = GOOD.replace('"g - l"', '"g**n"')
    model = load_model(write(tmp_path, text))
    assert model.game(n=3).payoff(("Revise", "Soft"))[0] == 8
    with pytest.raises(ValueError, match="undefined at these values: exponent"):
        model.game(n=10 ** 9)


def test_sympy_names_as_parameters(tmp_path):
    text = """
    [players.A]
    strategies = ["x", "y"]
    [parameters]
    E = { default = 1 }
    I = { default = 2 }
    S = { default = 3 }
    beta = { default = 4 }
    [payoffs]
    x = ["E + I"]
    y = ["S*beta"]
    """
    model = load_model(write(tmp_path, text))
    assert model.game().payoff(["x"]) == (3,)
    assert model.game().payoff(["y"]) == (12,)


def test_expected_block_validation(tmp_path):
    bad = GOOD + '\n[[expected]]\n[[expected.equilibria]]\nT = "Revise"\nS = { Soft = "1/2", Bandwagon = "1/3" }\n'
    with pytest.raises(ModelError, match=r"expected\[0\].equilibria\[0\].S: probabilities must"):
        load_model(write(tmp_path, bad))
    bad = GOOD + '\n[[expected]]\nvalues = { g = -1 }\n'
    with pytest.raises(ModelError, match=r"expected\[0\].values"):
        load_model(write(tmp_path, bad))


@pytest.mark.parametrize("value, expected", [
    ("0.10000000000000000001", F(10**19 + 1, 10**20)),
    ("1e-400", F(1, 10**400)),
    ("1.5e-2/3", F(1, 200)),
    (Decimal("1E-400"), F(1, 10**400)),
    (Decimal("0.10000000000000000001"), F(10**19 + 1, 10**20)),
    (10**999, F(10**999)),
])
def test_parse_number_reads_decimals_exactly(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("value, fragment", [
    ("1e1000", "has more than 1000 digits"),
    (Decimal("1E+999999999"), "has more than 1000 digits"),
    ("1/1e-1000", "is not a number"),
    ("1/" + "1" * 5000, "has more than 1000 digits"),  # too long for Python's int(), refused before
    (10**1000, "has more than 1000 digits"),
    (Decimal("NaN"), "is not finite"),
])
def test_parse_number_refuses_what_it_cannot_read_exactly(value, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_number(value)


def test_a_lookalike_spelling_of_a_parameter_gets_a_suggestion():
    model = Model.from_dict({"players": {"A": {"strategies": ["x"]}}, "parameters": {"g": 1},
                             "payoffs": {"x": ["g"]}})
    with pytest.raises(ValueError, match="no parameter 'ｇ'; did you mean 'g'?"):
        model.game(**{"ｇ": 2})
