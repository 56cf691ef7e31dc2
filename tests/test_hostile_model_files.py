"""Hostile and careless model files: each gives the right answer or a ModelError naming the file,
the field and the value, within bounded time and memory; the CLI prints one line for each."""

from fractions import Fraction

import pytest

from sbgames import Model, ModelError, load_model
from sbgames.cli import main

#: A one-player-per-side model with a placeholder for T's payoff at (X, L), its parameters and extras.
TEMPLATE = """
name = "probe"
EXTRA
[players.T]
strategies = ["X", "Y"]
[players.S]
strategies = ["L"]
[parameters]
PARAMETERS
[payoffs]
"X,L" = [PAYOFF, 0]
"Y,L" = [0, 0]
"""


def model_text(payoff='"g"', parameters="g = 1", extra="") -> str:
    return TEMPLATE.replace("PAYOFF", payoff).replace("PARAMETERS", parameters).replace("EXTRA", extra)


def write(tmp_path, text, name="probe.toml", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def refused(path, field, *fragments) -> str:
    """Loading `path` raises a ModelError that starts with the file and the field and holds every fragment."""
    with pytest.raises(ModelError) as info:
        load_model(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {field}"), message
    for fragment in fragments:
        assert fragment in message, message
    return message


# -- numbers are read exactly --------------------------------------------------------------------

@pytest.mark.parametrize("payoff", ['"1e-400"', "1e-400"])
def test_a_tiny_payoff_is_not_rounded_to_zero(tmp_path, payoff):
    model = load_model(write(tmp_path, model_text(payoff=payoff)))
    assert model.game().payoff(("X", "L"))[0] == Fraction(1, 10**400)
    # X strictly beats Y, so X is the only equilibrium; read as 0 both would be
    assert [eq.describe() for eq in model.equilibria(exact=True)] == ["T: X; S: L"]


@pytest.mark.parametrize("payoff", ['"0.10000000000000000001"', "0.10000000000000000001"])
def test_a_long_decimal_payoff_keeps_every_digit(tmp_path, payoff):
    model = load_model(write(tmp_path, model_text(payoff=payoff)))
    assert model.game().payoff(("X", "L"))[0] == Fraction(10**19 + 1, 10**20)


def test_parameter_fields_and_expected_values_are_exact(tmp_path):
    parameters = ('[parameters.g]\ndefault = 0.10000000000000000002\nmin = 1e-400\n'
                  'plausible = [0.10000000000000000001, "0.10000000000000000003"]')
    extra = 'constraints = ["g > 0.10000000000000000001"]'
    text = model_text(parameters=parameters, extra=extra).replace("[parameters]\n", "")
    text += '[[expected]]\nvalues = { g = 0.10000000000000000003 }\ncomplete = false\n'
    model = load_model(write(tmp_path, text))
    g = model.parameters["g"]
    assert g.default == Fraction(10**19 + 2, 10**20)  # through floats it would be 1/10 and break the constraint
    assert g.min == Fraction(1, 10**400)
    assert g.plausible == (Fraction(10**19 + 1, 10**20), Fraction(10**19 + 3, 10**20))
    assert model.expected[0]["values"]["g"] == Fraction(10**19 + 3, 10**20)


def test_probabilities_that_sum_to_one_only_in_floats_are_refused(tmp_path):
    text = model_text() + '[[expected]]\n[[expected.equilibria]]\nT = { X = 0.50000000000000000001, Y = 0.5 }\nS = "L"\n'
    refused(write(tmp_path, text), "expected[0].equilibria[0].T", "sum to 1")


PAYOFFS = [
    ('"1e1000"', "the number 1e1000 has more than 1000 digits"),
    ("1e999999999", "the number 1E+999999999 has more than 1000 digits"),
    ('"1e-1000"', "the number 1e-1000 has more than 1000 digits"),
    (f'"{"7" * 1001}"', "has more than 1000 digits"),
    ('"10**999 * 10**999"', "has more than 1000 digits"),
    ('"9**9**9**9"', "exponent 387420489 is too large (at most 1000 in size)"),
    ('"(2**1000)**1000"', "would have about 301030 digits; refused"),
    ('"sqrt(2**999)**1000"', "digits; refused"),
    ('"((g*10**999)**1000)**1000"', "would have about 999000 digits; refused"),  # sympy multiplies out 10**999
    ("nan", "the number NaN is not finite"),
    ("-inf", "the number -Infinity is not finite"),
    ('"' + "-" * 1500 + '1"', "nested more than 100 levels deep"),
    ('"' + "(" * 300 + "1" + ")" * 300 + '"', "not a valid expression"),
    ('"' + "+".join(["g"] * 1001) + '"', "longer than 2000 characters"),
]


@pytest.mark.parametrize("payoff, fragment", PAYOFFS)
def test_oversized_payoffs_are_refused_by_field(tmp_path, payoff, fragment):
    refused(write(tmp_path, model_text(payoff=payoff)), "payoffs.'X,L'[0]", fragment)


PARAMETERS = [
    ("g = 1e999999999", "parameters.g.default", "the number 1E+999999999 has more than 1000 digits"),
    (f"g = {'9' * 2000}", "parameters.g.default", "has more than 1000 digits"),
    ('g = "1e-5000"', "parameters.g.default", "has more than 1000 digits"),
    ("g = nan", "parameters.g.default", "the number NaN is not finite"),
    ('g = "9**9**9**9"', "parameters.g.default", "'9**9**9**9' is not a number"),
    ('g = { default = 1, max = inf }', "parameters.g.max", "the number Infinity is not finite"),
    ('g = { default = 1, plausible = [0, 1e5000] }', "parameters.g.plausible[1]", "more than 1000 digits"),
    (f"g = {'9' * 5000}", "", "an integer in the file has more than 4300 digits"),
    ('g = 1\n"ｇ" = 2', "parameters:", "the parameter names 'g' and 'ｇ' look alike: Unicode folds both to 'g'"),
]


@pytest.mark.parametrize("parameters, field, fragment", PARAMETERS)
def test_oversized_parameter_numbers_are_refused_by_field(tmp_path, parameters, field, fragment):
    refused(write(tmp_path, model_text(parameters=parameters)), field, fragment)


CONSTRAINTS = [
    ("g < 9**9**9**9", "exponent 387420489 is too large"),
    ("g < 1e5000", "the number 1e5000 has more than 1000 digits"),
]


@pytest.mark.parametrize("condition, fragment", CONSTRAINTS)
def test_oversized_constraints_are_refused(tmp_path, condition, fragment):
    refused(write(tmp_path, model_text(extra=f'constraints = ["{condition}"]')), "constraints[0]", fragment)


# -- names that look alike ------------------------------------------------------------------------

def test_a_parameter_name_python_reads_otherwise_is_refused(tmp_path):
    path = write(tmp_path, model_text(payoff='"ℓ"', parameters='"ℓ" = 2'))
    refused(path, "parameters.ℓ:", "'ℓ' is read as 'l' in expressions", "write it as 'l'")


def test_an_expression_in_a_lookalike_spelling_means_the_declared_parameter(tmp_path):
    model = load_model(write(tmp_path, model_text(payoff='"ｇ + 1"', parameters="g = 3")))
    assert model.game().payoff(("X", "L"))[0] == 4
    assert model.game(g=5).payoff(("X", "L"))[0] == 6


LOOKALIKES = [
    ('strategies = ["X", "Y"]', 'strategies = ["X", "Ｘ"]', "players.T.strategies", "'X' and 'Ｘ' look alike"),
    ('strategies = ["X", "Y"]', 'strategies = ["X", "X"]', "players.T.strategies", "'X' is given twice"),
    ('strategies = ["X", "Y"]', 'strategies = ["X", "X\u200b"]', "players.T.strategies",
     "invisible character U+200B"),
    ("[players.S]", '[players."Ｔ"]', "players:", "'T' and 'Ｔ' look alike"),
]


@pytest.mark.parametrize("old, new, field, fragment", LOOKALIKES)
def test_lookalike_players_and_strategies_are_refused(tmp_path, old, new, field, fragment):
    text = model_text()
    assert old in text
    refused(write(tmp_path, text.replace(old, new)), field, fragment)


TREE = """
kind = "extensive"
[players.T]
[nodes]
root = { player = "T", actions = ACTIONS }
[payoffs]
a = [1]
b = [2]
"""


ACTIONS = [
    ('["a", "ａ"]', "'a' and 'ａ' look alike"),
    ('["a", "a"]', "'a' is given twice"),
]


@pytest.mark.parametrize("actions, fragment", ACTIONS)
def test_lookalike_actions_in_a_game_tree_are_refused(tmp_path, actions, fragment):
    refused(write(tmp_path, TREE.replace("ACTIONS", actions)), "nodes.'root'.actions", fragment)


# -- the file itself ------------------------------------------------------------------------------

def test_a_byte_order_mark_is_accepted(tmp_path):
    plain = load_model(write(tmp_path, model_text(payoff='"g/3"'), name="plain.toml"))
    marked = load_model(write(tmp_path, model_text(payoff='"g/3"'), name="marked.toml", encoding="utf-8-sig"))
    assert (tmp_path / "marked.toml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert marked.payoffs == plain.payoffs and marked.parameters == plain.parameters


def _deep_tree(levels: int) -> str:
    lines = ['kind = "extensive"', "[players.T]", "[nodes]", 'root = { player = "T", actions = ["a", "b"] }']
    payoffs = ["[payoffs]", "b = [0]"]
    path = "a"
    for _ in range(levels):
        lines.append(f'"{path}" = {{ player = "T", actions = ["a", "b"] }}')
        payoffs.append(f'"{path}/b" = [1]')
        path += "/a"
    payoffs.append(f'"{path}" = [2]')
    return "\n".join(lines + payoffs)


FILES = [
    ("a = " + "[" * 5000 + "]" * 5000, "", "nested too deeply to be a model file"),
    ("# " + "x" * 1_000_001, "", "file larger than 1000000 bytes refused"),
    ("".join(f'[players.P{i}]\nstrategies = ["s"]\n' for i in range(40)), "players:",
     "40 players; a model has at most 32"),
    ("".join(f"[players.P{i}]\nstrategies = {[f's{k}' for k in range(50)]}\n".replace("'", '"') for i in range(3)),
     "players:", "[50, 50, 50] make more than 100,000 strategy profiles"),
    (_deep_tree(650), "nodes:", "more than 200 actions long"),  # about as deep as a file under 1 MB can go
]


@pytest.mark.parametrize("text, field, fragment", FILES)
def test_oversized_files_are_refused_before_the_work(tmp_path, text, field, fragment):
    refused(write(tmp_path, text), field, fragment)


def test_a_game_tree_too_deep_for_python_s_stack_is_refused_by_the_reader():
    nodes, payoffs, path = {"root": {"player": "T", "actions": ["a", "b"]}}, {"b": [0]}, "a"
    for _ in range(3000):
        nodes[path] = {"player": "T", "actions": ["a", "b"]}
        payoffs[f"{path}/b"] = [1]
        path += "/a"
    payoffs[path] = [2]
    data = {"kind": "extensive", "players": {"T": {}}, "nodes": nodes, "payoffs": payoffs}
    with pytest.raises(ModelError, match=r"^deep.toml: nodes: the path 'a/a/.*more than 200 actions long"):
        Model.from_dict(data, source="deep.toml")


# -- models built by a factory ------------------------------------------------------------------------

FACTORY_ARGUMENTS = [
    ('factory = ["collective"]', "base.factory",
     "['collective'] is not a model factory; did you mean 'collective'? (use one of: collective, institutional, "
     "two_level)"),
    ("factory = 3", "base.factory", "3 is not a model factory"),
    ('factory = "collective"\nn = 1000000000', "base:", "n must be an integer in 1..6, got 1000000000"),
    ('factory = "collective"\nn = 2.0', "base:", "n must be an integer in 1..6, got 2.0"),
    ('factory = "two_level"\nn_regional = 99', "base:", "n_regional must be an integer in 1..3, got 99"),
    ('factory = "collective"\nn = 2\nrule = ["threshold"]', "base:", "unknown rule ['threshold']"),
    ('factory = "collective"\nn = 2\ncolour = 1', "base.colour",
     "factory 'collective' has no argument 'colour' (its arguments: n, rule, kappa, weights, costs)"),
]


@pytest.mark.parametrize("base, field, fragment", FACTORY_ARGUMENTS)
def test_factory_arguments_of_the_wrong_type_or_size_are_refused(tmp_path, base, field, fragment):
    refused(write(tmp_path, f"[base]\n{base}\n"), field, fragment)


# -- the command line -------------------------------------------------------------------------------

#: Every refused file above, as text.
HOSTILE = ([model_text(payoff=payoff) for payoff, _ in PAYOFFS]
           + [model_text(parameters=parameters) for parameters, _, _ in PARAMETERS]
           + [model_text(extra=f'constraints = ["{condition}"]') for condition, _ in CONSTRAINTS]
           + [model_text().replace(old, new) for old, new, _, _ in LOOKALIKES]
           + [TREE.replace("ACTIONS", actions) for actions, _ in ACTIONS]
           + [text for text, _, _ in FILES]
           + [f"[base]\n{base}\n" for base, _, _ in FACTORY_ARGUMENTS])


@pytest.mark.parametrize("text", HOSTILE + [b"name = 'caf\xe9'"], ids=range(len(HOSTILE) + 1))
def test_cli_prints_one_clean_line_for_each_hostile_file(tmp_path, capsys, text):
    path = tmp_path / "hostile.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    assert main(["show", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err.startswith(f"sbgames show: error: {path}") and err.count("\n") == 1, err
