"""Cut-point equilibria with T's legitimacy weight private (sbgames.cutpoint, one-sided).

The core payoffs are written out here from THEORY.md (not read from the
model file), and every equilibrium is re-checked by brute force: the types
of T on a grid of its support are given their payoffs from the raw game, and
S's payoffs against the revision probability come from the same game.
"""

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from sbgames import Game
from sbgames.cutpoint import (CutpointEquilibrium, Uniform, cutpoint_equilibria, cutpoint_statics,
                              verify_cutpoint)
from sbgames.cutpoint.structure import type_structure
from sbgames.errors import InputError, InputTypeError, VerificationError

LAM, LAM_MAX = sympy.Symbol("lam"), sympy.Symbol("lam_max")
CORE = dict(g=4, theta=6, e_h=F(9, 10), e_s=F(1, 2), l=3, l_r=0, w=3, c_h=3, c_s=1, b=1, a=1)
NAMES = sorted(CORE)
SYMBOLS = {n: sympy.Symbol(n) for n in NAMES}


def core_payoffs(v, lam=LAM):
    """THEORY.md's 2 x 3 payoffs (rows Revise, Restrain; columns Hard, Soft, Bandwagon)."""
    g, th, eh, es, l, lr, w, ch, cs, b, a = (v[k] for k in ("g", "theta", "e_h", "e_s", "l", "l_r", "w",
                                                               "c_h", "c_s", "b", "a"))
    t = [[(1 - eh) * g - w, (1 - es) * g - lam * l, g], [-a, -lam * lr, 0]]
    s = [[-(1 - eh) * th - ch - w, -(1 - es) * th - cs, -th + b], [-ch, -cs, 0]]
    return t, s


def core_game(**changes):
    v = {**CORE, **changes}
    return Game(list(core_payoffs(v)), players=["T", "S"],
                strategies=[["Revise", "Restrain"], ["Hard", "Soft", "Bandwagon"]])


def brute_force_check(game, eq, dist, points=41, tol=0.0):
    """Every type on a grid of the support best-responds (exactly when tol is 0); S best-responds to p."""
    sigma = [eq.s_strategy[a] for a in game.strategies[1]]
    low, high = dist.low, dist.high
    if abs(float(low)) == float("inf") or abs(float(high)) == float("inf"):
        low, high = dist.ppf(1e-6), dist.ppf(1 - 1e-6)
    grid = [low + (high - low) * F(i, points - 1) if tol == 0 else float(low) + (float(high) - float(low)) * i /
            (points - 1) for i in range(points)]
    for t in grid:
        concrete = game.subs({"lam": t}) if tol == 0 else game.subs({"lam": F(t)}).as_float()
        revise, restrain = (sum(q * concrete.payoff_arrays[0][row, j] for j, q in enumerate(sigma))
                            for row in (0, 1))
        gain = revise - restrain if tol == 0 else float(revise - restrain)  # exact: no float in the comparison
        if t != eq.cutpoint:
            bound = 0 if tol == 0 else tol
            assert (gain >= -bound) if t < eq.cutpoint else (gain <= bound), (t, eq)
    p = eq.revise_probability
    s_pay = game.payoff_arrays[1]
    values = [p * s_pay[0, j] + (1 - p) * s_pay[1, j] for j in range(3)]
    top = max(values, key=float)
    for j, q in enumerate(sigma):
        if q > (0 if tol == 0 else 1e-9):
            assert (values[j] == top) if tol == 0 else (float(values[j]) >= float(top) - tol)


def test_the_issue_example_exactly():
    """Core defaults, lam uniform on [0, 6]: T revises iff lam < 3 (1/2), S soft balances with 4/11."""
    result = cutpoint_equilibria(core_game(), "lam", Uniform(0, 6), exact=True)
    assert result.complete and len(result) == 1
    [eq] = result
    assert eq.cutpoint == 3 and eq.revise_probability == F(1, 2)
    assert eq.s_strategy == {"Hard": 0, "Soft": F(4, 11), "Bandwagon": F(7, 11)}
    assert eq.describe() == "T revises iff lam < 3 (probability 1/2); S: 4/11 Soft + 7/11 Bandwagon"
    brute_force_check(core_game(), eq, Uniform(0, 6))


def test_the_example_by_hand():
    """p from S's indifference between Soft and Bandwagon; q from the cut-point type's indifference."""
    v = CORE
    p = F(v["c_s"]) / (v["e_s"] * v["theta"] - v["b"])
    cut = 6 * p
    q = F(v["g"]) / (v["e_s"] * v["g"] + cut * (v["l"] - v["l_r"]))
    assert (p, cut, q) == (F(1, 2), 3, F(4, 11))


def test_verification_refuses_wrong_profiles():
    st_ = type_structure(core_game(), "lam")
    good = dict(cutpoint=sympy.Integer(3), revise_probability=sympy.Rational(1, 2), exact=True)
    verify_cutpoint(CutpointEquilibrium(structure=st_, s_strategy={"Hard": 0, "Soft": sympy.Rational(4, 11),
                                                                   "Bandwagon": sympy.Rational(7, 11)}, **good),
                    Uniform(0, 6))
    with pytest.raises(VerificationError, match="type of T"):  # the type at 3 is not indifferent against 1/2
        verify_cutpoint(CutpointEquilibrium(structure=st_, s_strategy={"Hard": 0, "Soft": sympy.Rational(1, 2),
                                                                       "Bandwagon": sympy.Rational(1, 2)}, **good),
                        Uniform(0, 6))
    with pytest.raises(VerificationError, match="S gains"):  # every type revises, but S should soft balance
        verify_cutpoint(CutpointEquilibrium(structure=st_, s_strategy={"Hard": 0, "Soft": 0, "Bandwagon": 1},
                                            cutpoint=sympy.oo, revise_probability=1, exact=True), Uniform(0, 6))
    with pytest.raises(VerificationError, match="differs"):
        verify_cutpoint(CutpointEquilibrium(structure=st_, s_strategy={"Hard": 0, "Soft": sympy.Rational(4, 11),
                                                                       "Bandwagon": sympy.Rational(7, 11)},
                                            cutpoint=sympy.Integer(3), revise_probability=sympy.Rational(1, 3),
                                            exact=True), Uniform(0, 6))


def test_three_equilibria_with_an_existential_threat():
    result = cutpoint_equilibria(core_game(theta=20, w=0), "lam", Uniform(0, 6), exact=True)
    assert result.complete
    assert sorted(eq.describe() for eq in result) == [
        "T revises iff lam < 2/3 (probability 1/9); S: Soft",
        "T revises iff lam < 3/2 (probability 1/4); S: 25/39 Hard + 14/39 Soft",
        "T: Revise (every type); S: Hard"]


def test_bad_input_is_refused():
    with pytest.raises(InputError, match="exact solving needs uniform"):
        cutpoint_equilibria(core_game(), "lam", stats.norm(3, 1), exact=True)
    with pytest.raises(InputTypeError, match="frozen continuous"):
        cutpoint_equilibria(core_game(), "lam", [0, 6], exact=False)
    with pytest.raises(InputError, match="rises with lam"):  # legitimacy as a reward: high types would revise
        cutpoint_equilibria(core_game(l=-3), "lam", Uniform(0, 6), exact=True)
    with pytest.raises(InputError, match="not affine"):
        cutpoint_equilibria(core_game(l=LAM), "lam", Uniform(0, 6), exact=True)
    with pytest.raises(InputError, match="depends on g"):
        cutpoint_equilibria(core_game(g=sympy.Symbol("g")), "lam", Uniform(0, 6), exact=True)
    with pytest.raises(InputError, match="low < high"):
        Uniform(6, 0)


def test_a_continuum_is_reported_not_listed():
    """With g = 0 and no legitimacy loss, every type of T is indifferent against bandwagoning."""
    result = cutpoint_equilibria(core_game(g=0, l=0), "lam", Uniform(0, 6), exact=True)
    assert not result.complete and result.continua
    assert "not complete" in result.scope


rational = st.fractions(min_value=0, max_value=10, max_denominator=6)
share = st.fractions(min_value=0, max_value=1, max_denominator=6)


@st.composite
def core_points(draw):
    v = {"g": draw(st.fractions(min_value=F(1, 2), max_value=8, max_denominator=4)), "theta": draw(rational),
         "e_h": draw(share), "e_s": draw(share), "l": draw(rational), "w": draw(rational), "b": draw(rational),
         "a": draw(rational), "c_s": draw(st.fractions(min_value=F(1, 4), max_value=4, max_denominator=4))}
    v["l_r"] = v["l"] * draw(share)
    v["c_h"] = v["c_s"] + draw(st.fractions(min_value=F(1, 4), max_value=4, max_denominator=4))
    v["lam_max"] = draw(st.fractions(min_value=F(1, 2), max_value=10, max_denominator=4))
    return v


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(core_points())
def test_every_equilibrium_verifies_and_exact_agrees_with_numeric(v):
    lam_max = v.pop("lam_max")
    game = core_game(**v)
    exact = cutpoint_equilibria(game, "lam", Uniform(0, lam_max), exact=True)
    numeric = cutpoint_equilibria(game, "lam", stats.uniform(0, float(lam_max)), exact=False)
    for eq in exact:
        brute_force_check(game, eq, Uniform(0, lam_max))
    if exact.complete:
        key = (lambda eq: (float(eq.revise_probability), *(float(q) for q in eq.s_strategy.values())))
        assert len(exact) == len(numeric)
        for e, n in zip(sorted(exact, key=key), sorted(numeric, key=key)):
            assert key(e) == pytest.approx(key(n), abs=1e-7)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([stats.beta(2, 5, scale=6), stats.expon(scale=2), stats.lognorm(0.5, scale=2)]),
       st.fractions(min_value=4, max_value=12, max_denominator=2), st.fractions(min_value=1, max_value=5))
def test_other_distributions_numerically(dist, theta, l):
    game = core_game(theta=theta, l=l)
    result = cutpoint_equilibria(game, "lam", dist, exact=False)
    for eq in result:
        assert eq.revise_probability == pytest.approx(dist.cdf(min(float(eq.cutpoint), 1e300)), abs=1e-9)
        brute_force_check(game, eq, type("D", (), {"low": dist.support()[0], "high": dist.support()[1],
                                                   "ppf": dist.ppf})(), tol=1e-7)


def test_statics_at_the_example():
    """dc/dlam_max = p = 1/2; d Pr(Soft)/dlam_max = -g (l - l_r) p / (e_s g + c (l - l_r))^2 = -6/121."""
    game = Game(list(core_payoffs(SYMBOLS)), players=["T", "S"],
                strategies=[["Revise", "Restrain"], ["Hard", "Soft", "Bandwagon"]])
    [s] = cutpoint_statics(game, "lam", Uniform(0, LAM_MAX), {**CORE, "lam_max": 6}, exact=True)
    d = s.derivatives
    assert d["cutpoint"]["lam_max"] == F(1, 2) and d["revise_probability"]["lam_max"] == 0
    assert d["S:Soft"]["lam_max"] == F(-6, 121) and d["S:Soft"]["l"] == F(-12, 121)
    assert d["revise_probability"]["c_s"] == F(1, 2) and d["revise_probability"]["l"] == 0
    assert sympy.simplify(s.closed_forms["S:Soft"].subs(LAM_MAX, 6) - sympy.Rational(4, 11)).subs(
        {SYMBOLS[k]: v for k, v in CORE.items()}) == 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(core_points(), st.sampled_from(["theta", "c_s", "l", "g", "e_s", "lam_max"]))
def test_statics_match_finite_differences(v, x):
    game = Game(list(core_payoffs(SYMBOLS)), players=["T", "S"],
                strategies=[["Revise", "Restrain"], ["Hard", "Soft", "Bandwagon"]])
    stats_ = cutpoint_statics(game, "lam", Uniform(0, LAM_MAX), v, exact=True)
    h = F(1, 10 ** 6)
    for s in stats_:
        eq = s.equilibrium
        if eq.revise_probability in (0, 1):
            continue
        moved = []
        for sign in (1, -1):
            w = {**v, x: v[x] + sign * h}
            lam_max = w.pop("lam_max")
            found = cutpoint_equilibria(core_game(**w), "lam", Uniform(0, lam_max), exact=True)
            same = [e for e in found if {a for a, q in e.s_strategy.items() if q} ==
                    {a for a, q in eq.s_strategy.items() if q}]
            if len(same) != 1:
                break
            moved.append(same[0])
        else:
            up, down = moved
            for name, value in (("cutpoint", lambda e: e.cutpoint), ("revise_probability",
                                                                     lambda e: e.revise_probability),
                                ("S:Soft", lambda e: e.s_strategy["Soft"])):
                diff = (value(up) - value(down)) / (2 * h)
                assert float(diff) == pytest.approx(float(s.derivatives[name][x]), rel=1e-4, abs=1e-6)
