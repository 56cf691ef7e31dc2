"""Tests of sbgames.nplayer.collective: the core game with n secondary states."""

import random
from fractions import Fraction

import pytest
import sympy

from sbgames import load_model
from sbgames.nplayer.collective import collective_model


def pure(model, **values):
    return sorted(tuple(next(iter(s)) for s in eq.profile().values())
                  for eq in model.equilibria(method="pure", exact=True, **values))


def table(game):
    import itertools
    return {p: game.payoff(p) for p in itertools.product(*game.strategies)}


# -- n = 1 is the core game ---------------------------------------------------------

@pytest.mark.parametrize("rule, kw", [("threshold", {}), ("proportional", {}),
                                      ("weighted", {"weights": [2], "kappa": 2})])
def test_n1_reduces_to_core(rule, kw):
    core = load_model("core")
    m = collective_model(1, rule=rule, **kw)
    assert m.strategies == core.strategies
    assert set(m.parameters) == set(core.parameters)
    for profile, exprs in core.payoffs.items():
        assert all(sympy.simplify(a - b) == 0 for a, b in zip(m.payoffs[profile], exprs)), profile
    assert table(m.game()) == table(core.game())
    rng = random.Random(7)
    for _ in range(5):
        point = {"g": Fraction(rng.randint(1, 20), 4), "theta": Fraction(rng.randint(0, 40), 4),
                 "e_h": Fraction(rng.randint(0, 10), 10), "e_s": Fraction(rng.randint(0, 10), 10),
                 "lam": Fraction(rng.randint(0, 8), 2), "l": Fraction(rng.randint(2, 8), 2),
                 "l_r": Fraction(rng.randint(0, 2), 2), "w": Fraction(rng.randint(0, 8), 2),
                 "c_s": Fraction(rng.randint(0, 4), 2), "c_h": Fraction(rng.randint(5, 9), 2),
                 "b": Fraction(rng.randint(0, 4), 2), "a": Fraction(rng.randint(0, 4), 2)}
        assert table(m.game(**point)) == table(core.game(**point))
    # and the same equilibria at the core's pure-equilibrium points
    assert pure(m, l="1/2") == pure(core, l="1/2") == [("Revise", "Soft")]


# -- veto: volunteer's dilemma --------------------------------------------------------

def test_veto_one_soft_balances_other_free_rides():
    # n = 2, kappa = 1, defaults except l = 1/2 (g=4, theta=6, e_h=.9, e_s=.5, lam=2,
    # l_r=0, w=3, c_h=3, c_s=1, b=1, a=1).  Against Revise:
    #   alone soft:   -(1-e_s)theta - c_s = -3 - 1 = -4
    #   bandwagon while the other soft balances: -(1-e_s)theta + b = -3 + 1 = -2
    #   bandwagon while nobody balances:         -theta + b = -5
    #   hard: -(1-e_h)theta - c_h - w = -0.6 - 3 - 3 = -6.6
    # so a state soft balances iff the other does not (-4 > -5, -2 > -4): a volunteer's
    # dilemma.  T revises against one soft balancer: (1-e_s)g - lam*l = 2 - 1 = 1 > 0 =
    # -lam*l_r (Restrain); against Restrain every state bandwagons (0 beats -c), and then
    # T revises.  Pure equilibria: exactly (Revise, Soft, Bandwagon) and its mirror.
    m = collective_model(2, rule="threshold", kappa=1)
    g = m.game(l="1/2")
    assert g.payoff(("Revise", "Soft", "Bandwagon")) == (1, -4, -2)
    assert g.payoff(("Revise", "Bandwagon", "Bandwagon")) == (4, -5, -5)
    assert pure(m, l="1/2") == [("Revise", "Bandwagon", "Soft"), ("Revise", "Soft", "Bandwagon")]


def test_veto_private_costs_decide_who_volunteers():
    # S2's soft-balancing cost 5/2: alone soft it gets -3 - 5/2 = -11/2 < -5 (bandwagon
    # while nobody balances), so it never volunteers; S1 (c_s = 1) does.
    m = collective_model(2, kappa=1, costs=[(3, 1), (3, "5/2")])
    assert "c_s" not in m.parameters and m.parameters["c_s_2"].default == Fraction(5, 2)
    assert pure(m, l="1/2") == [("Revise", "Soft", "Bandwagon")]


# -- unanimity ------------------------------------------------------------------------

def test_unanimity_needs_all():
    # n = 2, kappa = 2, l = 1/2.  A lone soft balancer blocks nothing: -theta - c_s = -7
    # < -5, so (Revise, Soft, Bandwagon) is not an equilibrium.  With both soft: each gets
    # -4 > -5 (bandwagon, ineffective) and > -6.6 (hard), T gets 1 > 0: an equilibrium.
    # Nobody balancing is also one (a lone deviation to Soft gives -7, to Hard -6.6 < -5).
    m = collective_model(2, rule="threshold", kappa=2)
    assert m.game(l="1/2").payoff(("Revise", "Soft", "Bandwagon")) == (4, -7, -5)
    assert pure(m, l="1/2") == [("Revise", "Bandwagon", "Bandwagon"), ("Revise", "Soft", "Soft")]
    # three states: only all-soft or none
    m3 = collective_model(3, kappa=3)
    eqs = pure(m3, l="1/2")
    assert ("Revise", "Soft", "Soft", "Soft") in eqs
    assert all(p[1:].count("Soft") in (0, 3) for p in eqs)


def test_weighted_rule():
    # weights 3, 1, 1 and kappa = 3: S1 alone is effective, S2 and S3 together are not.
    m = collective_model(3, rule="weighted", weights=[3, 1, 1], kappa=3)
    g = m.game()
    assert g.payoff(("Revise", "Soft", "Bandwagon", "Bandwagon"))[0] == 2 - 6
    assert g.payoff(("Revise", "Bandwagon", "Soft", "Soft"))[0] == 4
    assert g.payoff(("Revise", "Bandwagon", "Soft", "Soft"))[1] == -6 + 1


# -- proportional vs threshold ---------------------------------------------------------

def test_proportional_vs_threshold():
    # n = 2 at the defaults, one soft balancer, T revises:
    #   proportional: (1 - e_s/2) g - lam*l/2 = 3 - 3 = 0; the soft balancer gets
    #   -(3/4)*6 - 1 = -11/2, the free-rider -(3/4)*6 + 1 = -7/2
    #   veto (kappa=1): (1 - e_s) g - lam*l = 2 - 6 = -4; free-rider -3 + 1 = -2
    #   unanimity (kappa=2): g = 4; free-rider -6 + 1 = -5
    profile = ("Revise", "Soft", "Bandwagon")
    assert collective_model(2, rule="proportional").game().payoff(profile) == (0, Fraction(-11, 2), Fraction(-7, 2))
    assert collective_model(2, kappa=1).game().payoff(profile) == (-4, -4, -2)
    assert collective_model(2, kappa=2).game().payoff(profile) == (4, -7, -5)
    # with both soft, all three rules agree
    both = ("Revise", "Soft", "Soft")
    pays = {collective_model(2, rule=r, kappa=k).game().payoff(both) for r, k in
            [("proportional", 1), ("threshold", 1), ("threshold", 2)]}
    assert pays == {(-4, -4, -4)}


def test_hard_balancing():
    m = collective_model(2)
    g = m.game()
    # any hard balancer: blocked e_h, T pays w, each hard balancer w; soft still costs T legitimacy
    assert g.payoff(("Revise", "Hard", "Bandwagon")) == (Fraction(2, 5) - 3, Fraction(-3, 5) - 6, Fraction(-3, 5) + 1)
    assert g.payoff(("Revise", "Hard", "Soft")) == (Fraction(2, 5) - 3 - 6, Fraction(-3, 5) - 6, Fraction(-3, 5) - 1)
    assert g.payoff(("Restrain", "Hard", "Hard")) == (-1, -3, -3)


# -- bad inputs --------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, match", [
    ({"n": 0}, "n must be an integer in 1..6"),
    ({"n": 7}, "n must be an integer in 1..6"),
    ({"n": 2.0}, "n must be an integer"),
    ({"n": True}, "n must be an integer"),
    ({"n": 2, "rule": "majority"}, "unknown rule"),
    ({"n": 2, "kappa": 0}, "kappa must be an integer in 1..2"),
    ({"n": 2, "kappa": 3}, "kappa must be an integer in 1..2"),
    ({"n": 2, "kappa": 1.5}, "kappa must be an integer"),
    ({"n": 2, "rule": "proportional", "kappa": 5}, "kappa must be an integer"),
    ({"n": 2, "weights": [1, 1]}, "only used by rule 'weighted'"),
    ({"n": 2, "rule": "weighted", "weights": [1]}, "weights must be a sequence"),
    ({"n": 2, "rule": "weighted", "weights": [1, 0]}, "weights must be positive"),
    ({"n": 2, "rule": "weighted", "weights": [1, 1], "kappa": 3}, "kappa must be a number in"),
    ({"n": 2, "rule": "weighted", "weights": [1, 1], "kappa": 0}, "kappa must be a number in"),
    ({"n": 2, "costs": [(3, 1)]}, "costs must be a sequence"),
    ({"n": 2, "costs": [(3, 1), (1, 3)]}, "must exceed"),
    ({"n": 2, "costs": [(3, 1), (3,)]}, "must be a pair"),
    ({"n": 2, "costs": [(3, 1), (3, -1)]}, "nonnegative"),
])
def test_bad_inputs(kwargs, match):
    with pytest.raises(ValueError, match=match):
        collective_model(**kwargs)


def test_six_states_builds():
    m = collective_model(6, kappa=4)
    assert len(m.payoffs) == 2 * 3 ** 6
    assert m.game().payoff(("Restrain",) + ("Bandwagon",) * 6) == (0,) * 7
