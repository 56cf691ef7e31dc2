"""Stochastic model files (kind = "stochastic"), the StochasticModel kind and its closed forms."""

import copy
import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from sbgames import load_model, regions, statics
from sbgames.errors import ModelError
from sbgames.modelfile import read_model
from sbgames.stochastic.conditions import MAX_SYMBOLIC_PROFILES
from sbgames.stochastic.labels import markov_name

TINY = {"kind": "stochastic", "title": "two states", "source": "test", "players": {"A": {}, "B": {}},
        "parameters": {"p": {"default": "1/2", "min": 0, "max": 1, "description": "chance of moving on"},
                       "d": {"default": "1/2", "min": 0, "below": 1, "description": "patience"}},
        "delta": "d",
        "states": {"one": {"strategies": {"A": ["x", "y"], "B": ["z"]}, "payoffs": {"x,z": [1, 0], "y,z": [0, 1]},
                           "transitions": {"x,z": {"one": "1 - p", "two": "p"}, "y,z": "one"}},
                   "two": {"strategies": {"A": ["x"], "B": ["z"]}, "payoffs": {"x,z": [3, 3]},
                           "transitions": "two"}}}


def tiny(**changes):
    data = copy.deepcopy(TINY)
    for path, value in changes.items():
        where = data
        keys = path.split("/")
        for key in keys[:-1]:
            where = where[key]
        where[keys[-1]] = value
    return data


def test_tiny_model_solves_and_records_its_values():
    m = read_model(tiny())
    assert m.kind == "stochastic" and m.states == ("one", "two") and m.initial == "one"
    result = m.equilibria(exact=True)
    assert result.complete and result.parameters == m.values()
    # A: x gives 1 now and a chance of the good absorbing state, y gives 0: x, values by hand
    eq, = result
    assert eq.describe() == "one: A: x, B: z | two: A: x, B: z"
    # V2 = 3/(1 - 1/2) = 6; V1 = 1 + (1/2)(V1/2 + 6/2), so V1 = 10/3
    assert eq.values[0] == (Fraction(10, 3), Fraction(6))


@pytest.mark.parametrize("changes, words", [
    ({"states/one/transitions/x,z": {"one": "p", "two": "p"}},
     "states.one.transitions.'x,z': the probabilities sum to 2*p"),
    ({"states/one/transitions/x,z": {"one": "1 - 2*p", "two": "2*p"}},
     "states.one.transitions.'x,z': the probability of 'one' is 1 - 2*p, which is not in [0, 1]"),
    ({"states/one/transitions/x,z": {"three": 1}}, "'three' is not a state"),
    ({"states/one/transitions": {"x,z": "one"}}, "states.one.transitions: 1 profile(s) have no entry: 'y,z'"),
    ({"delta": "2*d"}, "delta: the discount factor 2*d is not in [0, 1)"),
    ({"delta": {"A": "d"}}, "delta: no discount factor given for ['B']"),
    ({"initial": "three"}, "initial: 'three' is not a state"),
    ({"states/one/strategies": {"A": ["x", "y"]}}, "states.one.strategies.B: expected a non-empty list"),
    ({"states/one/payoffs/x,w": [1, 1]}, "'w' is not a strategy of B here"),
    ({"states/two/colour": "red"}, "states.two.colour: unknown field"),
])
def test_bad_files_are_refused_naming_the_field(changes, words):
    with pytest.raises(ModelError) as info:
        read_model(tiny(**changes), source="bad.toml")
    assert str(info.value).startswith("bad.toml: ") and words in str(info.value)


def test_a_probability_is_checked_against_the_bounds():
    loose = tiny(**{"parameters/p": {"default": "1/2", "min": 0, "description": "chance"}})
    with pytest.raises(ModelError, match="the probability of 'one' is 1 - p, .*it can be negative"):
        read_model(loose)
    assert read_model(tiny()).equilibria(exact=True).complete  # with max = 1, 1 - p is in [0, 1]


def test_expected_blocks_are_checked_and_can_fail():
    good = tiny(expected=[{"equilibria": [{"one": {"A": "x", "B": "z"}, "two": {"A": "x", "B": "z"}}]}])
    assert read_model(good).check_expected(exact=True) == []
    wrong = tiny(expected=[{"values": {"p": 0}, "equilibria": [{"one": {"A": "y", "B": "z"},
                                                                "two": {"A": "x", "B": "z"}}]}])
    problems = read_model(wrong).check_expected(exact=True)
    assert any("is not found" in p for p in problems) and any("is found too" in p for p in problems)
    with pytest.raises(ModelError, match=r"expected\[0\]\.equilibria\[0\]\.one\.A: 'q' is not a strategy"):
        read_model(tiny(expected=[{"equilibria": [{"one": {"A": "q", "B": "z"}, "two": {"A": "x", "B": "z"}}]}]))


def test_legitimacy_stock_long_run():
    m = load_model("legitimacy_stock")
    eq, = m.equilibria(exact=True, method="pure")
    assert [str(p) for p in eq.distribution] == ["1/3", "2/3", "0", "0"]  # cycles between High and Eroded
    impatient, = m.equilibria(exact=True, delta="1/2")
    assert impatient.absorption[3] == (1, 5)  # lost, then hard balancing: absorbed for sure, 5 periods on average


def test_region_labels_of_a_stochastic_map_are_honest():
    m = load_model("legitimacy_stock")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rmap = regions(m, x=("delta", 0, "19/20"), resolution=5)
    assert rmap.label_at(delta=0) == "High: Revise | Eroded: Revise | Lost: Hard (unique)"
    assert rmap.label_at(delta="19/20") == "High: Revise | Eroded: Restrain | Lost: Hard (unique)"
    assert rmap.complete and rmap.method == "numeric"


def test_statics_sweep_a_stochastic_model_and_find_the_regime_change():
    m = load_model("legitimacy_stock")
    sweep = statics(m, param=("delta", "1/2", "19/20"), resolution=10)
    change, = sweep.boundaries
    assert change.before == "High: Revise | Eroded: Revise | Lost: Hard (unique)"
    assert change.after == "High: Revise | Eroded: Restrain | Lost: Hard (unique)"
    # on either side the pure MPE changes exactly where T's one-shot gain in Eroded changes sign
    forms = m.symbolic_equilibria()
    below, above = (Fraction(change.value) - Fraction(1, 10**6), Fraction(change.value) + Fraction(1, 10**6))
    assert [b.label for b in forms.at(m.values(delta=below))] == [change.before.removesuffix(" (unique)")]
    assert [b.label for b in forms.at(m.values(delta=above))] == [change.after.removesuffix(" (unique)")]
    curve = sweep.curve(change.after.removesuffix(" (unique)"))
    assert curve.quantities["Pr(long run in Eroded)"][sweep.index("19/20")] == pytest.approx(2 / 3)


def test_closed_forms_refuse_large_games_and_say_why():
    data = tiny()
    big = {"A": [f"a{k}" for k in range(MAX_SYMBOLIC_PROFILES + 1)], "B": ["z"]}
    data["states"]["one"] = {"strategies": big, "payoffs": {f"{a},z": [0, 0] for a in big["A"]},
                             "transitions": "one"}
    with pytest.raises(Exception, match="pure stationary profiles; closed-form conditions are derived for at most"):
        read_model(data).symbolic_equilibria()


@settings(max_examples=15, deadline=None)
@given(st.fractions(0, 1, max_denominator=6), st.fractions(0, Fraction(19, 20), max_denominator=20))
def test_closed_forms_agree_with_the_solver(p, d):
    m = read_model(tiny(**{"states/two/payoffs/x,z": [Fraction(3, 2), 3]}))
    forms = m.symbolic_equilibria()
    found = m.equilibria(exact=True, method="pure", p=p, d=d)
    assert sorted(b.label for b in forms.at(m.values(p=p, d=d))) == sorted(markov_name(eq) for eq in found)


@settings(max_examples=25, deadline=None)
@given(st.fractions(Fraction(1, 8), 1, max_denominator=8), st.fractions(0, 1, max_denominator=8),
       st.fractions(0, Fraction(19, 20), max_denominator=20), st.fractions(0, 3, max_denominator=4))
def test_restraint_for_good_needs_the_inequality_of_the_explanation_page(p_e, p_r, delta, lam):
    """docs/explanation/legitimacy-as-a-stock.md: T restrains while High only if
    (1 - e_s) g (1 - delta + delta p_r) <= delta p_e lam (L - L_e)."""
    m = load_model("legitimacy_stock")
    point = m.values(p_e=p_e, p_r=p_r, delta=delta, lam=lam)
    lhs = (1 - point["e_s"]) * point["g"] * (1 - delta + delta * p_r)
    rhs = delta * p_e * lam * (point["L"] - point["L_e"])
    found = m.equilibria(exact=True, method="pure", **point)
    restrains = [eq for eq in found if eq.curve_label().startswith("High: Restrain")]
    assert lhs <= rhs or not restrains
