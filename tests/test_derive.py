"""Model files that build on another model: ``base = "core"`` and factory bases."""

import pickle
from fractions import Fraction

import pytest

from sbgames import ModelError, load_model
from sbgames.model import Model
from sbgames.nplayer.collective import collective_model


def test_base_inherits_the_game_and_changes_a_default():
    core = load_model("core")
    m = Model.from_dict({"base": "core", "title": "cheap delegitimation",
                         "parameters": {"l": {"default": "1/2", "justification": "little is lost"}}})
    assert m.players == core.players and m.strategies == core.strategies
    assert m.payoffs == core.payoffs
    assert m.parameters["l"].default == Fraction(1, 2)
    assert m.parameters["l"].justification == "little is lost"
    assert m.parameters["l"].description == core.parameters["l"].description  # other fields kept
    assert m.title == "cheap delegitimation"
    assert [e.describe() for e in m.equilibria(exact=True)] == ["T: Revise; S: Soft"]
    assert m.repeated == core.repeated
    assert m.expected == ()  # the base's expectations describe the base's defaults


def test_shorthand_and_expected_blocks_are_checked_against_the_derived_model():
    m = Model.from_dict({"base": "core", "parameters": {"l": "1/2"},
                         "expected": [{"equilibria": [{"T": "Revise", "S": "Soft"}]}]})
    assert m.check_expected(exact=True) == []
    wrong = Model.from_dict({"base": "core", "parameters": {"l": "1/2"},
                             "expected": [{"equilibria": [{"T": "Restrain", "S": "Soft"}]}]})
    assert wrong.check_expected(exact=True)


def test_derived_model_pickles():
    m = Model.from_dict({"base": "core", "parameters": {"theta": 7}})
    again = pickle.loads(pickle.dumps(m))
    assert again.parameters["theta"].default == 7 and again.payoffs == m.payoffs


def test_factory_base_gives_n_and_rule_as_data():
    m = Model.from_dict({"base": {"factory": "collective", "n": 2, "rule": "threshold", "kappa": 2}})
    built = collective_model(2, rule="threshold", kappa=2)
    assert m.players == built.players
    assert m.game(l="1/2") == built.game(l="1/2")


def test_extensive_base():
    m = Model.from_dict({"base": "core_sequential", "parameters": {"l": "1/2"}})
    assert m.kind == "extensive"
    assert [e.actions for e in m.equilibria()] == [("Revise", "Soft")]


@pytest.mark.parametrize("data, field, fragment", [
    ({"base": "cor"}, "base", "did you mean 'core'"),
    ({"base": 3}, "base", "bundled model's name"),
    ({"base": "core", "players": {}}, "players", "cannot set 'players'"),
    ({"base": "core", "payoffs": {}}, "payoffs", "inherits the game"),
    ({"base": "core", "parameters": {"thetta": 1}}, "parameters.thetta", "did you mean 'theta'"),
    ({"base": "core", "parameters": {"theta": -1}}, "parameters.theta.default", "outside its bounds"),
    ({"base": "core", "parameters": {"c_s": 5}}, "parameters", "c_h > c_s"),
    ({"base": "core", "constraints": "g > 1"}, "constraints", "list of conditions"),
    ({"base": "core", "constraints": ["g > 10"]}, "parameters", "g > 10"),
    ({"base": {"factory": "colective", "n": 2}}, "base.factory", "did you mean 'collective'"),
    ({"base": {"factory": "collective", "n": 9}}, "base", "n must be an integer"),
    ({"base": {"factory": "collective", "n": 2, "colour": 1}}, "base.colour", "has no argument 'colour'"),
    ({"base": {"factory": ["collective"], "n": 2}}, "base.factory", "(use one of: collective, institutional, two_level)"),
    ({"base": "core", "parameters": {"l": {"default": 1, "plausible": [2]}}}, "parameters.l.plausible",
     "range [low, high]"),
    ({"base": "core", "parameters": {"l": {"default": 1, "plausible": [3, 2]}}}, "parameters.l.plausible",
     "exceeds the high end"),
    ({"base": "core", "parameters": {"l": {"default": 1, "plausible": [-1, 2]}}}, "parameters.l.plausible[0]",
     "outside its bounds"),
    ({"base": "core", "parameters": {"l": {"default": 1, "justification": 3}}}, "parameters.l.justification",
     "expected a string"),
])
def test_bad_derived_models_name_file_field_and_value(data, field, fragment):
    with pytest.raises(ModelError) as info:
        Model.from_dict(data, source="case.toml")
    message = str(info.value)
    assert message.startswith(f"case.toml: {field}:"), message
    assert fragment in message, message


def test_model_file_with_base_is_named_after_the_file(tmp_path):
    path = tmp_path / "my_case.toml"
    path.write_text('base = "core"\n[parameters.l]\ndefault = "1/2"\nplausible = ["0", "1"]\n', encoding="utf-8")
    m = load_model(path)
    assert m.name == "my_case"
    assert m.parameters["l"].plausible == (Fraction(0), Fraction(1))


@pytest.mark.parametrize("factory, arguments", [
    ("institutional", {"n": 1, "form": "inclusive"}),
    ("institutional", {"n": 2, "form": "exclusive", "kappa": 2}),
    ("two_level", {"n_regional": 2}),
])
def test_every_factory_can_be_a_base(factory, arguments):
    import sbgames.nplayer as nplayer
    built = getattr(nplayer, f"{factory}_model")(**arguments)
    m = Model.from_dict({"base": {"factory": factory, **arguments}})
    assert m.players == built.players and m.strategies == built.strategies
    assert m.game() == built.game()
