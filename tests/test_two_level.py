"""Tests of sbgames.nplayer.two_level: two great powers, regional states that soft balance or align."""

import itertools
import warnings
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.nplayer import two_level_model
from sbgames.nplayer.two_level import REGIONAL_STRATEGIES
from sbgames.solvers.symbolic import holds, symbolic_pure_equilibria

_SYM = two_level_model(1).symbols
g, theta, e_s, lam, l, r, c_s, b = (_SYM[n] for n in "g theta e_s lam l r c_s b".split())


def pure(model, **values):
    return {tuple(next(iter(s)) for s in eq.profile().values())
            for eq in model.equilibria(method="pure", exact=True, **values)}


# hand-derived conditions (see the module docstring of sbgames.nplayer.two_level)
ALL_SOFT_RESTRAIN = sympy.And(theta >= c_s + b, lam * l >= (1 - e_s) * g)
ALL_SOFT_BOTH_EXPAND = sympy.And(e_s * theta >= c_s + b, (1 - e_s) * g / 2 >= lam * l + r)
ALL_SOFT_ONE_EXPANDS = sympy.And(e_s * theta >= c_s + b, (1 - e_s) * g >= lam * l, (1 - e_s) * g / 2 <= lam * l + r)
ALL_ALIGN_G1_G1_EXPANDS = e_s * theta <= c_s + b
ALL_ALIGN_G1_RESTRAIN = theta <= c_s + b


def facts(k):
    soft, align = ("Soft",) * k, ("Align G1",) * k
    return {("Restrain", "Restrain", *soft): ALL_SOFT_RESTRAIN,
            ("Expand", "Expand", *soft): ALL_SOFT_BOTH_EXPAND,
            ("Expand", "Restrain", *soft): ALL_SOFT_ONE_EXPANDS,
            ("Restrain", "Expand", *soft): ALL_SOFT_ONE_EXPANDS,
            ("Expand", "Restrain", *align): ALL_ALIGN_G1_G1_EXPANDS,
            ("Restrain", "Restrain", *align): ALL_ALIGN_G1_RESTRAIN}


frac = st.builds(Fraction, st.integers(0, 24), st.integers(1, 4))


@st.composite
def points(draw):
    return {"g": draw(frac) + Fraction(1, 4), "theta": draw(frac), "e_s": Fraction(draw(st.integers(0, 8)), 8),
            "lam": draw(frac), "l": draw(frac), "r": draw(frac), "c_s": draw(frac), "b": draw(frac)}


# -- payoffs --------------------------------------------------------------------------------

def test_payoffs_by_hand():
    # defaults g=4, theta=6, e_s=1/2, lam=2, l=3, r=1, c_s=1, b=1; two regional states.
    game = two_level_model(2).game()
    # G1 expands alone; R1 soft, R2 client of G1.  G1: client g/2 = 2, plus the unblocked half of
    # R1's share (1/2)(1/2)4 = 1, minus legitimacy lam*l*(1/2) = 3 -> 0.  R1: -1 - 3; R2: 1 - 6.
    assert game.payoff(("Expand", "Restrain", "Soft", "Align G1")) == (0, 0, -4, -5)
    # both expand against two soft balancers: each takes half of (1 - e_s)*g = 2, pays lam*l = 6 and r = 1
    assert game.payoff(("Expand", "Expand", "Soft", "Soft")) == (-6, -6, -4, -4)
    # one client each, nobody expands: influence by consent, spoils and lost autonomy
    assert game.payoff(("Restrain", "Restrain", "Align G1", "Align G2")) == (2, 2, -5, -5)
    # consensus rule: a lone soft balancer blocks nothing and costs no legitimacy
    cons = two_level_model(2, kappa=2).game()
    assert cons.payoff(("Expand", "Restrain", "Soft", "Align G2")) == (2, 2, -7, -5)
    # proportional rule: a lone soft balancer blocks e_s/2 = 1/4 of the push on itself
    prop = two_level_model(2, rule="proportional").game()
    assert prop.payoff(("Expand", "Restrain", "Soft", "Align G2")) == (Fraction(3, 2) - 3, 2, -1 - Fraction(9, 2), -5)


def test_regional_states_independent_under_kappa_1():
    # threshold rule, kappa = 1: a regional state's payoff depends only on its own move and on
    # whether some power expands, never on the other regional states' moves
    model = two_level_model(3)
    for profile, pays in model.payoffs.items():
        for other in REGIONAL_STRATEGIES:
            changed = (*profile[:3], other, *profile[4:])  # R2's move changed
            assert model.payoffs[changed][2] == pays[2]
    # but not under the consensus threshold (the test above could fail)
    cons = two_level_model(3, kappa=2)
    assert (cons.payoffs[("Expand", "Restrain", "Soft", "Soft", "Align G1")][2]
            != cons.payoffs[("Expand", "Restrain", "Soft", "Align G1", "Align G1")][2])


# -- equilibria: hand-derived facts against the solvers -------------------------------------

@pytest.fixture(scope="module")
def symbolic2():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return symbolic_pure_equilibria(two_level_model(2), witnesses=False)


def test_hand_facts_are_the_solver_conditions(symbolic2):
    # compare the symbolic pure-equilibrium conditions with the hand derivations on a grid
    grid = [{"g": 4, "theta": t, "e_s": Fraction(1, 2), "lam": la, "l": 1, "r": rr, "c_s": 1, "b": 1}
            for t in (1, 3, 4, 5, 8) for la in (0, Fraction(1, 2), 1, 2, 3) for rr in (0, 1)]
    seen = {p: set() for p in facts(2)}
    for pt in grid:
        for profile, hand in facts(2).items():
            want = holds(hand, pt)
            assert symbolic2.branch(*[(s,) for s in profile]).holds_at(**pt) == want, (profile, pt)
            seen[profile].add(want)
    assert all(v == {True, False} for v in seen.values()), seen  # each fact both holds and fails


@settings(max_examples=30, deadline=None)
@given(point=points(), k=st.integers(1, 3), kappa_seed=st.integers(0, 2))
def test_hand_facts_match_pure_solver(point, k, kappa_seed):
    kappa = 1 + kappa_seed % k
    found = pure(two_level_model(k, kappa=kappa), **point)
    for profile, hand in facts(k).items():
        if kappa > 1 and profile[:2] == ("Expand", "Restrain") and "Align G1" in profile:
            continue  # fact 3 is derived for kappa = 1 (a lone soft deviator blocks e_s)
        assert (profile in found) == holds(hand, point), (profile, k, kappa)


def test_default_point_multi_vector_order():
    # defaults: theta = 6 >= c_s + b = 2 and lam*l = 6 >= (1 - e_s)*g = 2, so all soft balancing with
    # both powers restrained is an equilibrium (fact 1), and the only pure one for k = 1..3
    for k in (1, 2, 3):
        assert pure(two_level_model(k)) == {("Restrain", "Restrain", *("Soft",) * k)}


def test_low_legitimacy_cost_invites_expansion_and_rivalry():
    # lam = 0: an expanding power loses nothing.  With theta = 6, e_s = 1/2: e_s*theta = 3 >= 2, so
    # the region still soft balances, and both powers expand iff (1 - e_s)*g/2 = 1 >= r (fact 2).
    assert pure(two_level_model(2), lam=0, r="1/2") == {("Expand", "Expand", "Soft", "Soft")}
    # a higher rivalry cost leaves room for one expanding power only: (1-e_s) g/2 = 1 < r = 2 <= ...
    assert pure(two_level_model(2), lam=0, r=2) == {("Expand", "Restrain", "Soft", "Soft"),
                                                    ("Restrain", "Expand", "Soft", "Soft")}


def test_consensus_rule_no_lone_soft_balancer_against_expansion():
    # kappa = k = 2, both expand (lam = 0, r = 1/2): a lone soft balancer blocks nothing, gets
    # -c_s - theta < b - theta, so every pure equilibrium has 0 or 2 soft balancers
    found = pure(two_level_model(2, kappa=2), lam=0, r="1/2")
    assert ("Expand", "Expand", "Soft", "Soft") in found
    assert all(p[2:].count("Soft") != 1 for p in found)


def test_proportional_rule_coordination():
    # proportional rule, k = 2, G1 expanding: a lone soft balancer blocks e_s/2, so all aligned with
    # G1 is an equilibrium iff e_s*theta/2 <= c_s + b, all soft (with G1 expanding) iff
    # e_s*theta >= c_s + b, (1 - e_s)*g >= lam*l and (1 - e_s)*g/2 <= lam*l + r.
    # theta = 6, lam = 0, r = 2: e_s*theta/2 = 3/2 <= 2 <= 3: both coexist.
    model = two_level_model(2, rule="proportional")
    found = pure(model, lam=0, r=2)
    assert ("Expand", "Restrain", "Align G1", "Align G1") in found
    assert ("Expand", "Restrain", "Soft", "Soft") in found
    # a larger threat: e_s*theta/2 = 5/2 > 2, so a lone state soft balances and all-aligned breaks
    found = pure(model, lam=0, r=2, theta=10)
    assert ("Expand", "Restrain", "Align G1", "Align G1") not in found
    assert ("Expand", "Restrain", "Soft", "Soft") in found
    # with the threshold rule (kappa = 1) the lone state already soft balances at theta = 6
    assert ("Expand", "Restrain", "Align G1", "Align G1") not in pure(two_level_model(2), lam=0, r=2)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="n_regional must be an integer in 1..3, got 0"):
        two_level_model(0)
    with pytest.raises(ValueError, match="kappa must be an integer in 1..2"):
        two_level_model(2, kappa=3)
    with pytest.raises(ValueError, match="unknown rule 'majority'"):
        two_level_model(2, rule="majority")
    with pytest.raises(ValueError, match="kappa is only used by rule 'threshold'"):
        two_level_model(2, kappa=2, rule="proportional")


def test_parameters_documented():
    model = two_level_model(3)
    assert set(model.parameters) == {"g", "theta", "e_s", "lam", "l", "r", "c_s", "b"}
    assert all(p.description and p.literature for p in model.parameters.values())
    assert len(list(itertools.product(*model.strategies))) == 108
