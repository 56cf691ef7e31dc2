"""THEORY.md facts 1-3 for models/core.toml, checked numerically at many parameter points.

The facts were derived by hand; here the solver's exact answers must agree
with them.  Parameter points are random rationals (hypothesis) plus the
boundary cases where ties occur.
"""

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames import load_model

CORE = load_model("core")


def fractions(lo, hi):
    return st.fractions(min_value=lo, max_value=hi, max_denominator=12)


points = st.fixed_dictionaries({
    "g": fractions(F(1, 4), 10), "theta": fractions(0, 20), "e_h": fractions(0, 1),
    "e_s": fractions(0, 1), "lam": fractions(0, 5), "l_extra": fractions(0, 5), "l_r": fractions(0, 2),
    "w": fractions(0, 5), "c_s": fractions(0, 3), "b": fractions(0, 3), "a": fractions(0, 3),
    "c_h_extra": fractions(F(1, 12), 4),
})


def values(point):
    p = dict(point)
    p["c_h"] = p["c_s"] + p.pop("c_h_extra")  # the model requires c_h > c_s
    p["l"] = p["l_r"] + p.pop("l_extra")      # and l >= l_r
    return p


def s_payoffs_against_revise(p):
    game = CORE.game(**p)
    return dict(zip(game.strategies[1], game.strategy_payoffs(["Revise", 0], "S")))


@settings(max_examples=150, deadline=None)
@given(points)
def test_fact1_soft_against_revise(point):
    p = values(point)
    u = s_payoffs_against_revise(p)
    soft_beats_hard = (p["e_h"] - p["e_s"]) * p["theta"] < p["c_h"] + p["w"] - p["c_s"]
    soft_beats_bandwagon = p["e_s"] * p["theta"] > p["c_s"] + p["b"]
    assert (u["Soft"] > u["Hard"]) == soft_beats_hard
    assert (u["Soft"] > u["Bandwagon"]) == soft_beats_bandwagon


def test_fact1_threat_levels_order_the_answers():
    """Low threat: bandwagon; intermediate: soft balance; existential: hard balance."""
    best = {}
    for theta in (1, 6, 60):
        game = CORE.game(theta=theta)
        best[theta] = game.best_responses(["Revise", 0], "S")
    assert best == {1: ("Bandwagon",), 6: ("Soft",), 60: ("Hard",)}


@settings(max_examples=150, deadline=None)
@given(points)
def test_fact2_revise_soft_equilibrium(point):
    p = values(point)
    # weak inequalities: at a tie Soft is still a best reply, so the profile stays an equilibrium
    predicted = ((p["e_h"] - p["e_s"]) * p["theta"] <= p["c_h"] + p["w"] - p["c_s"]
                 and p["e_s"] * p["theta"] >= p["c_s"] + p["b"]
                 and (1 - p["e_s"]) * p["g"] - p["lam"] * p["l"] >= -p["lam"] * p["l_r"])
    game = CORE.game(**p)
    assert game.is_equilibrium(["Revise", "Soft"]) == predicted
    found = any(eq.is_pure and eq.supports == (("Revise",), ("Soft",))
                for eq in game.equilibria(exact=True))
    assert found == predicted


def test_fact2_on_its_boundary_is_still_an_equilibrium():
    # (1 - e_s) g = lam l exactly: T is indifferent, so (Revise, Soft) is an equilibrium
    p = {"g": 4, "e_s": F(1, 2), "lam": 1, "l": 2}
    result = CORE.equilibria(exact=True, **p)
    assert ((F(1), F(0)), (F(0), F(1), F(0))) in {tuple(map(tuple, eq.strategies)) for eq in result}
    assert result.degenerate


@st.composite
def fact3_points(draw):
    """Points where Soft is S's strict best reply to Revise and lam (l - l_r) > (1 - e_s) g."""
    p = {k: draw(fractions(lo, hi)) for k, lo, hi in [
        ("g", F(1, 4), 10), ("e_h", 0, 1), ("e_s", F(1, 12), 1), ("lam", F(1, 4), 5), ("l_r", 0, 2),
        ("c_s", F(1, 12), 3), ("b", 0, 3), ("a", 0, 3)]}
    positive = fractions(F(1, 12), 4)
    p["theta"] = (p["c_s"] + p["b"] + draw(positive)) / p["e_s"]
    p["c_h"] = p["c_s"] + draw(positive)
    p["w"] = max(F(0), (p["e_h"] - p["e_s"]) * p["theta"] - p["c_h"] + p["c_s"]) + draw(positive)
    p["l"] = p["l_r"] + ((1 - p["e_s"]) * p["g"] + draw(positive)) / p["lam"]
    return p


@settings(max_examples=120, deadline=None)
@given(fact3_points())
def test_fact3_inspection_game_mixed_equilibrium(p):
    u = s_payoffs_against_revise(p)
    assert u["Soft"] > u["Hard"] and u["Soft"] > u["Bandwagon"]
    # c_s > 0 here; with c_s = 0, (Restrain, Soft) is a pure equilibrium (test below)
    result = CORE.equilibria(exact=True, **p)
    assert not any(eq.is_pure for eq in result)
    pr_revise = p["c_s"] / (p["e_s"] * p["theta"] - p["b"])
    pr_soft = p["g"] / (p["e_s"] * p["g"] + p["lam"] * (p["l"] - p["l_r"]))
    predicted = ((pr_revise, 1 - pr_revise), (F(0), pr_soft, 1 - pr_soft))
    game = CORE.game(**p)
    hard_unprofitable = game.is_equilibrium(predicted)
    found = {tuple(map(tuple, eq.strategies)) for eq in result}
    assert (predicted in found) == hard_unprofitable


def test_fact3_without_soft_balancing_cost_restraint_is_pure():
    # the proviso behind fact 3: if soft balancing is free, S can soft balance a restrained T
    result = CORE.equilibria(exact=True, c_s=0)
    assert ((F(0), F(1)), (F(0), F(1), F(0))) in {tuple(map(tuple, eq.strategies)) for eq in result}


@pytest.mark.parametrize("lam", [F(3, 2), 2, 3, 5])
def test_fact3_legitimacy_paradox(lam):
    """A higher legitimacy weight lowers how often S soft balances, not how often T revises."""
    def mixed(lam_value):
        (eq,) = CORE.equilibria(exact=True, lam=lam_value)
        return eq.strategies[0][0], eq.strategies[1][1]
    revise, soft = mixed(lam)
    revise_up, soft_up = mixed(lam + F(1, 2))
    assert revise_up == revise == F(1, 2)
    assert soft_up < soft
    assert soft == F(4) / (F(1, 2) * 4 + lam * 3)
