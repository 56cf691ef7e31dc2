"""Subgame-perfect branches as closed-form results (sbgames.results.ClosedFormResult) and their JSON form."""

import json
from fractions import Fraction as F

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.extensive import Decision, ExtensiveGame, Terminal, subgame_perfect_conditions, subgame_perfect_equilibria
from sbgames.results import ClosedFormResult

G, E, L = sympy.symbols("g e_s l", positive=True)


def sequential_core(g=G, e_s=E, lam_l=L):
    return ExtensiveGame(Decision("T", {
        "Revise": Decision("S", {"Soft": Terminal(((1 - e_s) * g - lam_l, 1)), "Bandwagon": Terminal((g, 0))}),
        "Restrain": Decision("S", {"Soft": Terminal((0, -1)), "Bandwagon": Terminal((0, 0))})}),
        players=["T", "S"])


BRANCHES = subgame_perfect_conditions(sequential_core())


def test_branches_offer_the_closed_form_interface_with_payoffs_keyed_by_player():
    assert BRANCHES
    for b in BRANCHES:
        assert isinstance(b, ClosedFormResult)
        data = json.loads(json.dumps(b.to_dict()))
        assert data["label"] == b.label == b.describe()
        assert set(data["payoffs"]) == {"T", "S"}
    assert json.loads(json.dumps(BRANCHES.to_dict()))["results"][0]["label"] == BRANCHES[0].label


@settings(max_examples=40, deadline=None)
@given(st.fractions(F(1, 10), F(10)), st.fractions(F(0), F(1)), st.fractions(F(1, 10), F(10)))
def test_branches_that_hold_are_the_numeric_subgame_perfect_equilibria(g, e_s, l):
    point = {"g": g, "e_s": e_s, "l": l}
    held = BRANCHES.at(point)
    assert held == [b for b in BRANCHES if b.holds_at(**point)]
    numeric = subgame_perfect_equilibria(sequential_core(g, e_s, l))
    assert sorted(dict(b.strategies).items() for b in held) == sorted(dict(e.strategies).items() for e in numeric)
    for b in held:
        (e,) = [e for e in numeric if dict(e.strategies) == dict(b.strategies)]
        assert b.payoffs_at(point) == e.payoffs
