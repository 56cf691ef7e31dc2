"""Tests of sbgames.nplayer.institutional: inclusive and exclusive institutional balancing."""

import itertools
import warnings
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.analysis.conditions import unique_best_reply
from sbgames.nplayer import institutional_model
from sbgames.nplayer.collective import collective_model
from sbgames.solvers.symbolic import holds, symbolic_pure_equilibria

# the models' own symbols (they carry the assumptions implied by the parameters' bounds)
_SYMBOLS = {**institutional_model(1, "inclusive").symbols, **institutional_model(1, "exclusive").symbols}
g, theta, e_h, e_s, lam, l, l_r, w, c_h, c_s, b, a, m, d, x = (
    _SYMBOLS[name] for name in "g theta e_h e_s lam l l_r w c_h c_s b a m d x".split())


def table(game):
    return {p: game.payoff(p) for p in itertools.product(*game.strategies)}


def pure(model, **values):
    return sorted(tuple(next(iter(s)) for s in eq.profile().values())
                  for eq in model.equilibria(method="pure", exact=True, **values))


frac = st.builds(Fraction, st.integers(0, 40), st.integers(1, 8))
unit = st.builds(Fraction, st.integers(0, 8), st.just(8))


@st.composite
def points(draw):
    """A random exact parameter point within the bounds and constraints (c_h > c_s, l >= l_r)."""
    c_s_ = draw(frac)
    l_r_ = draw(frac)
    return {"g": draw(frac) + Fraction(1, 8), "theta": draw(frac), "e_h": draw(unit), "e_s": draw(unit),
            "lam": draw(frac), "l": l_r_ + draw(frac), "l_r": l_r_, "w": draw(frac),
            "c_s": c_s_, "c_h": c_s_ + draw(frac) + Fraction(1, 8), "b": draw(frac), "a": draw(frac),
            "m": draw(frac), "d": draw(unit), "x": draw(frac)}


# -- reduction to the collective model -------------------------------------------------

CASES = [(1, "threshold", 1, None), (2, "threshold", 1, None), (2, "threshold", 2, None),
         (3, "threshold", 2, None), (2, "proportional", 1, None), (3, "proportional", 1, None),
         (3, "weighted", 3, [3, 1, 1])]


@pytest.mark.parametrize("n, rule, kappa, weights", CASES)
def test_reduces_to_collective_symbolically(n, rule, kappa, weights):
    base = collective_model(n, rule=rule, kappa=kappa, weights=weights)
    for form, zero in [("inclusive", {m: 0, d: 0}), ("exclusive", {x: 0})]:
        model = institutional_model(n, form, rule=rule, kappa=kappa, weights=weights)
        assert model.players == base.players and model.strategies == base.strategies
        assert set(model.parameters) == set(base.parameters) | {str(s) for s in zero}
        assert model.payoffs.keys() == base.payoffs.keys()
        for profile, exprs in base.payoffs.items():
            got = model.payoffs[profile]
            assert all(sympy.expand(u.subs(zero) - v) == 0 for u, v in zip(got, exprs)), (form, profile)
        # and the new parameters do matter somewhere (the test could fail)
        assert any(sympy.expand(u - v) != 0 for p in base.payoffs for u, v in zip(model.payoffs[p], base.payoffs[p]))


@settings(max_examples=40, deadline=None)
@given(point=points(), case=st.sampled_from(CASES), costs_seed=st.integers(0, 3))
def test_reduction_at_random_exact_points(point, case, costs_seed):
    n, rule, kappa, weights = case
    costs = None if costs_seed == 0 else [(3 + i, Fraction(costs_seed, 2)) for i in range(n)]
    base = collective_model(n, rule=rule, kappa=kappa, weights=weights, costs=costs)
    values = {k: v for k, v in point.items() if k in base.parameters}
    want = table(base.game(**values))
    inc = institutional_model(n, "inclusive", rule=rule, kappa=kappa, weights=weights, costs=costs)
    exc = institutional_model(n, "exclusive", rule=rule, kappa=kappa, weights=weights, costs=costs)
    assert table(inc.game(**values, m=0, d=0)) == want
    assert table(exc.game(**values, x=0)) == want


@settings(max_examples=40, deadline=None)
@given(point=points(), n=st.integers(1, 3), kappa_seed=st.integers(0, 2))
def test_payoff_shifts_at_random_points(point, n, kappa_seed):
    """Each new parameter enters exactly where the formalisation says (threshold rule)."""
    kappa = 1 + kappa_seed % n
    base = table(collective_model(n, kappa=kappa).game(**{k: v for k, v in point.items()
                                                          if k not in ("m", "d", "x")}))
    inc = table(institutional_model(n, "inclusive", kappa=kappa).game(**{k: v for k, v in point.items() if k != "x"}))
    exc = table(institutional_model(n, "exclusive", kappa=kappa).game(**{k: v for k, v in point.items()
                                                                         if k not in ("m", "d")}))
    p = point
    for profile, pay in base.items():
        t, states = profile[0], profile[1:]
        f = int(states.count("Soft") >= kappa)
        hard = "Hard" in states
        # exclusive: only the soft balancers pay x, T is untouched
        assert exc[profile] == (pay[0], *[u - p["x"] * (s == "Soft") for u, s in zip(pay[1:], states)])
        # inclusive: T keeps m unless it revises against effective soft balancing; dilution
        # gives back d*e_s of the blocked revision (to T's gain, from the states' protection)
        back = 0 if hard or not f else p["d"] * p["e_s"]
        if t == "Revise":
            want_t = pay[0] + (1 - f) * p["m"] + back * p["g"]
            want_s = [u - back * p["theta"] for u in pay[1:]]
        else:
            want_t, want_s = pay[0] + p["m"], list(pay[1:])
        assert inc[profile] == (want_t, *want_s), profile


# -- one state: which form restrains, which mobilises -------------------------------------

def test_restraint_margin_inclusive_minus_exclusive():
    # T's gain from restraining rather than revising against (effective) soft balancing
    inc, exc = institutional_model(1, "inclusive"), institutional_model(1, "exclusive")

    def margin(model):
        return sympy.expand(model.payoffs[("Restrain", "Soft")][0] - model.payoffs[("Revise", "Soft")][0])

    assert sympy.expand(margin(inc) - (lam * (l - l_r) + m - (1 - (1 - d) * e_s) * g)) == 0
    assert sympy.expand(margin(exc) - (lam * (l - l_r) - (1 - e_s) * g)) == 0
    # the inclusive institution restrains on a larger set iff m > d*e_s*g
    assert sympy.expand(margin(inc) - margin(exc) - (m - d * e_s * g)) == 0
    # against Hard and Bandwagon the membership value cancels (m is kept either way)
    for s in ("Hard", "Bandwagon"):
        gap = inc.payoffs[("Restrain", s)][0] - inc.payoffs[("Revise", s)][0]
        assert sympy.expand(gap - (exc.payoffs[("Restrain", s)][0] - exc.payoffs[("Revise", s)][0])) == 0


HAND_REVISE_SOFT = {
    # (Revise, Soft) is a pure equilibrium iff S prefers Soft to Bandwagon and to Hard against
    # Revise, and T prefers Revise to Restrain against Soft (derived by hand from the payoffs)
    "inclusive": sympy.And((1 - d) * e_s * theta >= c_s + b, (e_h - (1 - d) * e_s) * theta <= c_h + w - c_s,
                           (1 - (1 - d) * e_s) * g - lam * l >= m - lam * l_r),
    "exclusive": sympy.And(e_s * theta >= c_s + x + b, (e_h - e_s) * theta <= c_h + w - c_s - x,
                           (1 - e_s) * g - lam * l >= -lam * l_r),
}
HAND_SOFT_BEST_REPLY = {
    "inclusive": sympy.And((1 - d) * e_s * theta > c_s + b, (e_h - (1 - d) * e_s) * theta < c_h + w - c_s),
    "exclusive": sympy.And(e_s * theta > c_s + x + b, (e_h - e_s) * theta < c_h + w - c_s - x),
}


@pytest.fixture(scope="module")
def branches():
    return {form: institutional_model(1, form).symbolic_equilibria() for form in ("inclusive", "exclusive")}


@pytest.fixture(scope="module")
def replies():
    return {form: unique_best_reply(institutional_model(1, form), "S1", "Soft", {"T": "Revise"})
            for form in ("inclusive", "exclusive")}


MODELS_N1 = {form: institutional_model(1, form) for form in ("inclusive", "exclusive")}


@settings(max_examples=40, deadline=None)
@given(point=points())
def test_hand_conditions_match_solver_n1(branches, replies, point):
    for form, model in MODELS_N1.items():
        values = {k: v for k, v in point.items() if k in model.parameters}
        hand = holds(HAND_REVISE_SOFT[form], values)
        assert branches[form].branch(("Revise",), ("Soft",)).holds_at(**values) == hand
        assert (("Revise", "Soft") in pure(model, **values)) == hand
        assert holds(replies[form], values) == holds(HAND_SOFT_BEST_REPLY[form], values)


def test_mixed_inspection_equilibrium_n1(branches):
    # with T restraining against Soft and S soft balancing against Revise, the game is an
    # inspection game: S's mix makes T indifferent, T's mix makes S indifferent between
    # Soft and Bandwagon (hand derivation, as THEORY fact 3)
    inc = branches["inclusive"].branch(("Revise", "Restrain"), ("Soft", "Bandwagon"))
    exc = branches["exclusive"].branch(("Revise", "Restrain"), ("Soft", "Bandwagon"))
    assert sympy.simplify(inc.probability("T", "Revise") - c_s / ((1 - d) * e_s * theta - b)) == 0
    assert sympy.simplify(inc.probability("S1", "Soft") - g / ((1 - d) * e_s * g + lam * (l - l_r) + m)) == 0
    assert sympy.simplify(exc.probability("T", "Revise") - (c_s + x) / (e_s * theta - b)) == 0
    assert sympy.simplify(exc.probability("S1", "Soft") - g / (e_s * g + lam * (l - l_r))) == 0


def test_inclusive_restrains_where_exclusive_does_not():
    # defaults g=4, theta=6, e_s=1/2, lam=2, l_r=0, c_s=1, b=1; m=1, d=1/4, x=1/2 (m > d*e_s*g = 1/2).
    # (Revise, Soft) needs 2 - 2l >= 0 (exclusive: l <= 1) but 5/2 - 2l >= 1 (inclusive: l <= 3/4).
    # At l = 7/8 exclusive soft balancing is ignored, inclusive soft balancing makes T restrain
    # with probability 1 - c_s/((1-d) e_s theta - b) = 1 - 4/5.
    inc, exc = institutional_model(1, "inclusive"), institutional_model(1, "exclusive")
    assert [eq.describe() for eq in exc.equilibria(exact=True, l="7/8")] == ["T: Revise; S1: Soft"]
    eqs = inc.equilibria(exact=True, l="7/8")
    assert len(eqs) == 1
    # S1 soft balances with probability g/((1-d) e_s g + lam l + m) = 4/(3/2 + 7/4 + 1) = 16/17
    assert eqs[0].describe() == "T: 4/5 Revise + 1/5 Restrain; S1: 16/17 Soft + 1/17 Bandwagon"
    # the reverse: little membership leverage (m = 1/4 < d*e_s*g = 1/2): at l = 17/16 the exclusive
    # institution restrains (no pure equilibrium), the inclusive one does not
    assert pure(inc, l="17/16", m="1/4") == [("Revise", "Soft")]
    assert pure(exc, l="17/16") == []


def test_exclusive_mobilises_where_inclusive_does_not():
    # x < d*e_s*theta: the cost of exclusion is smaller than the protection dilution takes away.
    # theta = 5: inclusive S soft balances against Revise iff (3/8)*5 = 15/8 > c_s + b = 2: no;
    # exclusive iff 5/2 > 1 + 1/2 + 1 = 5/2: a tie, so raise theta to 21/4: 21/8 > 5/2 yes,
    # and (3/8)(21/4) = 63/32 < 2 still no for the inclusive form.
    # l = 1/2: T revises against soft balancing in both forms.
    inc, exc = institutional_model(1, "inclusive"), institutional_model(1, "exclusive")
    assert pure(exc, theta="21/4", l="1/2") == [("Revise", "Soft")]
    assert pure(inc, theta="21/4", l="1/2") == [("Revise", "Bandwagon")]
    # with a costlier exclusive club (x > d*e_s*theta = 63/32) the ranking flips
    assert pure(exc, theta="21/4", l="1/2", x=2) == [("Revise", "Bandwagon")]
    assert pure(inc, theta=6, l="1/2") == [("Revise", "Soft")]


# -- several states --------------------------------------------------------------------------

def test_veto_volunteer_condition_n2():
    # n = 2, veto: (Revise, Soft, Bandwagon) is an equilibrium iff the volunteer prefers Soft to
    # Bandwagon (nobody else balances) and to Hard, the free rider prefers Bandwagon to Hard
    # (implied: c_h + w + b >= c_h + w - c_s), and T prefers revising against one soft balancer.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = symbolic_pure_equilibria(institutional_model(2, "inclusive"), witnesses=False)
    branch = result.branch(("Revise",), ("Soft",), ("Bandwagon",))
    hand = HAND_REVISE_SOFT["inclusive"]
    import random
    rng = random.Random(3)
    agree = {True: 0, False: 0}
    for _ in range(300):
        # around the defaults, so that both outcomes are common
        pt = {str(s): Fraction(rng.randint(0, 12), 2) for s in (theta, w, a)}
        pt.update(g=Fraction(rng.randint(1, 12), 2), lam=Fraction(rng.randint(0, 4), 2), l=Fraction(rng.randint(0, 4), 2),
                  m=Fraction(rng.randint(0, 4), 4), b=Fraction(rng.randint(0, 4), 4),
                  e_h=Fraction(rng.randint(4, 8), 8), e_s=Fraction(rng.randint(2, 8), 8),
                  d=Fraction(rng.randint(0, 4), 8), c_s=Fraction(rng.randint(0, 4), 4), l_r=0)
        pt["c_h"] = pt["c_s"] + Fraction(rng.randint(1, 8), 2)
        got = branch.holds_at(**pt)
        assert got == holds(hand, pt)
        agree[got] += 1
    assert agree[True] > 10 and agree[False] > 10  # both cases were exercised


def test_unanimity_exclusive_coordination_n3():
    # three states, unanimity, exclusive.  Defaults with l = 1/2: against Revise, all soft gives
    # each -3 - 1 - x = -9/2 (x = 1/2) versus -5 bandwagoning when effective soft balancing
    # collapses: all-soft is an equilibrium; a lone soft balancer blocks nothing.
    exc = institutional_model(3, "exclusive", kappa=3)
    eqs = pure(exc, l="1/2")
    assert ("Revise", "Soft", "Soft", "Soft") in eqs
    assert ("Revise", "Bandwagon", "Bandwagon", "Bandwagon") in eqs
    assert all(p[1:].count("Soft") in (0, 3) for p in eqs)
    # a large exclusion cost breaks the all-soft equilibrium: -3 - 1 - x < -5 iff x > 1
    assert ("Revise", "Soft", "Soft", "Soft") not in pure(exc, l="1/2", x="3/2")


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="unknown form 'open'"):
        institutional_model(2, "open")
    with pytest.raises(ValueError, match="kappa must be an integer in 1..2"):
        institutional_model(2, "exclusive", kappa=3)
    with pytest.raises(ValueError, match="n must be an integer in 1..6"):
        institutional_model(7)
    with pytest.raises(ValueError, match="d"):
        institutional_model(1).game(d=2)


def test_parameters_documented():
    for form, new in [("inclusive", {"m", "d"}), ("exclusive", {"x"})]:
        model = institutional_model(2, form)
        for name in new:
            p = model.parameters[name]
            assert p.description and p.literature and p.min == 0
        assert model.name == f"institutional_{form}_2_threshold"
    assert institutional_model(1).parameters["d"].max == 1
