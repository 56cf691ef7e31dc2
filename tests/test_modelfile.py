"""The model layer: model kinds are immutable sibling data types; sbgames.modelfile reads every model file."""

import inspect
import pickle
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames
from sbgames import InputError, InputTypeError, ModelError
from sbgames.analysis.comparative import sign_table
from sbgames.extensive.model import ExtensiveModel
from sbgames.model import Model
from sbgames.modelfile import list_models, load_model, models_dir, read_model
from sbgames.modelfile.inherit import FACTORY_NAMES, factories
from sbgames.modelfile.reader import READERS
from sbgames.nplayer.collective import collective_model
from sbgames.parameters import Parameter, ParameterPart, ParametrisedModel

SEQUENTIAL = load_model("core_sequential")
CORE = load_model("core")


def test_core_sequential_takes_exact_like_every_model_kind():
    exact = SEQUENTIAL.equilibria(exact=True)
    floats = SEQUENTIAL.equilibria(exact=False)
    assert [e.actions for e in exact] == [e.actions for e in floats] == [("Restrain", "Bandwagon")]
    assert all(isinstance(v, Fraction) for e in exact for v in e.payoffs)
    assert all(isinstance(v, float) for e in floats for v in e.payoffs)


@settings(max_examples=20, deadline=None)
@given(st.fractions(min_value=0, max_value=4, max_denominator=8))
def test_exact_and_float_backward_induction_agree_away_from_ties(l):
    exact = SEQUENTIAL.equilibria(exact=True, l=l)
    floats = SEQUENTIAL.equilibria(exact=False, l=l)
    if len(exact) == 1 and len(floats) == 1:  # a tie may split in floats; away from it both find the same path
        assert exact[0].actions == floats[0].actions
        assert [float(v) for v in exact[0].payoffs] == pytest.approx(list(floats[0].payoffs))


def test_every_model_kind_has_the_same_solving_signature():
    for kind in (Model, ExtensiveModel):
        params = inspect.signature(kind.equilibria).parameters
        assert [params[n].kind for n in ("exact", "method", "tol")] == [inspect.Parameter.KEYWORD_ONLY] * 3
        assert params["exact"].default is False and params["method"].default == "auto"
        assert callable(kind.symbolic_equilibria)
    with pytest.raises(InputError, match="does not solve a game tree"):
        SEQUENTIAL.equilibria(method="numeric")


def test_extensive_models_are_siblings_not_broken_subclasses():
    assert not issubclass(ExtensiveModel, Model)
    assert isinstance(SEQUENTIAL, ParametrisedModel) and isinstance(CORE, ParametrisedModel)
    assert not hasattr(SEQUENTIAL, "strategies") and not hasattr(SEQUENTIAL, "payoffs")
    assert SEQUENTIAL.values(l="1/2")["l"] == Fraction(1, 2)


@pytest.mark.parametrize("model", [CORE, SEQUENTIAL, load_model("iraq_2003")], ids=lambda m: m.name)
def test_models_are_immutable(model):
    fields = dict(vars(model))
    for name in ("name", "players", "parameters", "case", "expected", "brand_new"):
        with pytest.raises(AttributeError, match="immutable"):
            setattr(model, name, None)
    with pytest.raises(AttributeError, match="immutable"):
        del model.name
    with pytest.raises(TypeError):
        model.parameters["x"] = None  # a read-only mapping
    model.symbolic_equilibria()
    assert vars(model).keys() == fields.keys()  # closed forms are remembered without new attributes


def test_sign_tables_are_not_written_onto_the_model():
    before = set(vars(CORE))
    assert sign_table(CORE) is sign_table(CORE)  # computed once
    assert set(vars(CORE)) == before


@pytest.mark.parametrize("model", [CORE, SEQUENTIAL, load_model("concert_of_europe"), load_model("iraq_2003"),
                                   collective_model(2, rule="threshold", kappa=1)], ids=lambda m: m.name)
def test_models_pickle_as_the_data_they_were_read_from(model):
    copy = pickle.loads(pickle.dumps(model))
    assert type(copy) is type(model) and copy is not model
    assert (copy.name, copy.players, copy.parameters, copy.constraints, copy.case) == \
        (model.name, model.players, model.parameters, model.constraints, model.case)
    assert [e.describe() for e in copy.equilibria(exact=True)] == [e.describe() for e in model.equilibria(exact=True)]


def test_a_model_built_without_a_reader_does_not_pickle():
    direct = Model(name="m", title="m", players=("A",), player_names=("A",), strategies=(("x",),),
                   parameters={}, payoffs={("x",): (0,)})
    with pytest.raises(InputTypeError, match="can be pickled"):
        pickle.dumps(direct)


def test_the_public_names_of_the_model_layer_keep_working():
    assert sbgames.load_model is load_model and sbgames.list_models is list_models
    assert sbgames.model.load_model is load_model and sbgames.model.models_dir is models_dir
    assert sbgames.Parameter is sbgames.model.Parameter is Parameter
    data = {"base": "core", "parameters": {"l": "1/2"}}
    assert Model.from_dict(data).parameters == read_model(data).parameters
    assert type(Model.from_dict({"base": "core_sequential"})) is ExtensiveModel


def test_the_reader_is_chosen_by_kind_and_other_kinds_are_refused():
    assert set(READERS) >= {"normal", "extensive"}
    with pytest.raises(ModelError, match="kind: 'quantum' is not a kind of model"):
        read_model({"kind": "quantum", "players": {"A": {"strategies": ["x"]}}, "payoffs": {"x": [0]}})
    with pytest.raises(ModelError) as refused:  # the message lists every kind there is a reader for
        read_model({"kind": "quantum", "players": {"A": {"strategies": ["x"]}}, "payoffs": {"x": [0]}})
    assert all(f'"{kind}"' in str(refused.value) for kind in READERS)


def test_factory_bases_are_functions_not_import_strings():
    assert set(factories()) == set(FACTORY_NAMES) and all(callable(f) for f in factories().values())
    veto = read_model({"base": {"factory": "collective", "n": 2, "rule": "threshold", "kappa": 1}})
    assert veto.players == ("T", "S1", "S2")


def test_the_callers_dict_is_not_shared_with_the_model():
    data = {"players": {"A": {"strategies": ["x", "y"]}}, "parameters": {"a": 1},
            "payoffs": {"x": ["a"], "y": [0]}}
    model = read_model(data)
    data["parameters"]["a"] = 5
    assert model.parameters["a"].default == 1
    assert pickle.loads(pickle.dumps(model)).parameters["a"].default == 1


@settings(max_examples=50, deadline=None)
@given(st.fractions(min_value=-5, max_value=5, max_denominator=12))
def test_a_parameter_part_accepts_exactly_the_values_within_bounds(value):
    part = ParameterPart({"g": Parameter("g", default=Fraction(1), above=Fraction(0), max=Fraction(3))},
                         name="demo")
    if 0 < value <= 3:
        assert part.values(g=value) == {"g": value}
    else:
        with pytest.raises(InputError, match="outside its bounds 0 < g <= 3"):
            part.values(g=value)
