"""The closed-form result interface of signalling games (sbgames.results.ClosedFormResult) and their JSON form."""

import json
from fractions import Fraction as F

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.expr import evaluate
from sbgames.extensive import SignallingConditions, SignallingEquilibria
from sbgames.extensive.pbe import perfect_bayesian_conditions, perfect_bayesian_equilibria
from sbgames.extensive.semi_separating import semi_separating_conditions, semi_separating_equilibria
from sbgames.extensive.signalling import beer_quiche
from sbgames.model import Parameter
from sbgames.results import ClosedFormResult

P = sympy.Symbol("p")
PARS = {"p": Parameter("p", F(1, 3), above=F(0), below=F(1))}
PURE = perfect_bayesian_conditions(beer_quiche(P), PARS)
HYBRID = semi_separating_conditions(beer_quiche(P), PARS)


def test_symbolic_results_offer_the_closed_form_interface():
    assert isinstance(PURE, SignallingConditions) and isinstance(HYBRID, SignallingConditions)
    for c in [*PURE, *HYBRID]:
        assert isinstance(c, ClosedFormResult)
        assert c.describe().startswith(c.label)
        data = json.loads(json.dumps(c.to_dict()))
        assert set(data["payoffs"]) == {"T", "S"}
        assert set(data["payoffs"]["T"]) == {"Strong", "Weak"}
        assert data["label"] == c.label and data["kind"] == c.kind


def test_numeric_results_are_typed_lists_with_json_payoffs_keyed_by_player():
    pure = perfect_bayesian_equilibria(beer_quiche())
    hybrid = semi_separating_equilibria(beer_quiche(F(1, 3)))
    assert isinstance(pure, SignallingEquilibria) and pure.kind == "pure" and pure == list(pure)
    assert isinstance(hybrid, SignallingEquilibria) and hybrid.kind == "semi-separating"
    for eq in [*pure, *hybrid]:
        data = json.loads(json.dumps(eq.to_dict()))
        assert data["payoffs"]["S"]["exact"] == str(eq.receiver_payoff)
        assert {t: v["exact"] for t, v in data["payoffs"]["T"].items()} == \
            {t: str(v) for t, v in eq.sender_payoffs.items()}


@settings(max_examples=40, deadline=None)
@given(st.fractions(min_value=F(1, 100), max_value=F(99, 100)))
def test_symbolic_conditions_agree_with_the_numeric_solvers(p):
    # holds_at (mapping or keywords) picks exactly the profiles the numeric solvers find, with their payoffs
    numeric = {(tuple(e.sender_strategy.values()), tuple(e.receiver_strategy.values())): e
               for e in perfect_bayesian_equilibria(beer_quiche(p))}
    held = [c for c in PURE if c.holds_at({"p": p})]
    assert [c for c in PURE if c.holds_at(p=p)] == held == PURE.at(p=p) == PURE.at(p=f"{p.numerator}/{p.denominator}")
    assert {(tuple(c.sender_strategy.values()), tuple(c.receiver_strategy.values())) for c in held} == set(numeric)
    for c in held:
        eq = numeric[tuple(c.sender_strategy.values()), tuple(c.receiver_strategy.values())]
        assert evaluate(c.payoffs["S"], {"p": p}) == eq.receiver_payoff
    hybrid = semi_separating_equilibria(beer_quiche(p))
    at_p = HYBRID.at({"p": p})
    assert sorted(c.mixing_type for c in at_p) == sorted(e.mixing_type for e in hybrid)
    for c, e in zip(sorted(at_p, key=lambda c: c.mixing_type), sorted(hybrid, key=lambda e: e.mixing_type)):
        assert {t: evaluate(v, {"p": p}) for t, v in c.payoffs["T"].items()} == e.sender_payoffs
