"""Two-sided private information: lam private to T, c_s private to S (sbgames.cutpoint.two_sided).

Each equilibrium is re-checked by brute force on grids of both players'
types, from the raw payoffs of THEORY.md (tests/test_cutpoint.py writes them out).
"""

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats
from test_cutpoint import CORE, SYMBOLS, core_payoffs, core_points

from sbgames import Game
from sbgames.cutpoint import Uniform, cutpoint_statics, two_sided_equilibria
from sbgames.errors import InputError

LAM, CS = sympy.Symbol("lam"), sympy.Symbol("c_s")
ROOT73 = sympy.sqrt(73)


def game_with_private_cost(**changes):
    v = {**CORE, **changes, "c_s": CS}
    return Game(list(core_payoffs(v)), players=["T", "S"],
                strategies=[["Revise", "Restrain"], ["Hard", "Soft", "Bandwagon"]])


def check_every_type(game, eq, t_range, s_range, points=21):
    """No type of T on a grid of [t_range] and no type of S on a grid of [s_range] gains by deviating."""
    exact = eq.exact
    sigma = [eq.s_strategy[a] for a in game.strategies[1]]
    p = eq.revise_probability
    tol = 0 if exact else 1e-7

    def grid(low, high):
        return [low + (high - low) * F(i, points - 1) for i in range(points)]
    for t in grid(*t_range):
        pay = game.subs({"lam": t, "c_s": 0}).payoff_arrays[0]
        gain = sum(q * (pay[0, j] - pay[1, j]) for j, q in enumerate(sigma))
        if t != eq.cutpoint:
            assert (float(gain) >= -tol) if t < eq.cutpoint else (float(gain) <= tol), (t, eq)
    star = 1  # Soft
    for s in grid(*s_range):
        pay = game.subs({"lam": 0, "c_s": s}).payoff_arrays[1]
        values = [float(p * pay[0, j] + (1 - p) * pay[1, j]) for j in range(3)]
        if s < eq.s_cutpoint:
            assert values[star] >= max(values) - tol - 1e-12, (s, eq)
        elif s > eq.s_cutpoint:
            for j, q in enumerate(sigma):
                if j != star and q > 1e-9:
                    assert values[j] >= max(values) - tol - 1e-12, (s, eq)


def test_defaults_exactly():
    """lam ~ U[0, 6], c_s ~ U[0, 2]: k = 2p, c = (4 - 2p)/(3p), p = c/6, so 9p^2 + p - 2 = 0."""
    game = game_with_private_cost()
    result = two_sided_equilibria(game, "lam", Uniform(0, 6), "c_s", Uniform(0, 2), exact=True)
    assert result.complete and len(result) == 1
    [eq] = result
    p = (ROOT73 - 1) / 18
    assert sympy.simplify(eq.revise_probability - p) == 0
    assert sympy.simplify(eq.cutpoint - 6 * p) == 0 and sympy.simplify(eq.s_cutpoint - 2 * p) == 0
    assert sympy.simplify(eq.s_strategy["Soft"] - p) == 0 and eq.s_strategy["Hard"] == 0
    check_every_type(game, eq, (0, 6), (0, 2))


def test_three_equilibria_with_an_existential_threat():
    game = game_with_private_cost(theta=20, w=0)
    exact = two_sided_equilibria(game, "lam", Uniform(0, 6), "c_s", Uniform(0, 2), exact=True)
    numeric = two_sided_equilibria(game, "lam", stats.uniform(0, 6), "c_s", stats.uniform(0, 2), exact=False)
    assert len(exact) == len(numeric) == 3 and exact.complete and numeric.complete
    for eq in exact:
        check_every_type(game, eq, (0, 6), (0, 2))
    assert sorted(float(eq.revise_probability) for eq in exact) == pytest.approx(
        sorted(eq.revise_probability for eq in numeric), abs=1e-9)


def test_bad_input_is_refused():
    game = game_with_private_cost()
    with pytest.raises(InputError, match="uniform types for both"):
        two_sided_equilibria(game, "lam", Uniform(0, 6), "c_s", stats.expon(), exact=True)
    with pytest.raises(InputError, match="different names"):
        two_sided_equilibria(game, "lam", Uniform(0, 6), "lam", Uniform(0, 2), exact=True)
    twice = Game(list(core_payoffs({**CORE, "c_s": CS, "c_h": CS + 2})), players=["T", "S"],
                 strategies=[["Revise", "Restrain"], ["Hard", "Soft", "Bandwagon"]])
    with pytest.raises(InputError, match="exactly one strategy"):
        two_sided_equilibria(twice, "lam", Uniform(0, 6), "c_s", Uniform(0, 2), exact=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(core_points(), st.fractions(min_value=F(1, 2), max_value=4, max_denominator=4))
def test_every_equilibrium_verifies_and_exact_agrees_with_numeric(v, cs_max):
    lam_max = v.pop("lam_max")
    v.pop("c_s")
    v["c_h"] = max(v["c_h"], cs_max + F(1, 4))
    game = game_with_private_cost(**v)
    exact = two_sided_equilibria(game, "lam", Uniform(0, lam_max), "c_s", Uniform(0, cs_max), exact=True)
    numeric = two_sided_equilibria(game, "lam", stats.uniform(0, float(lam_max)), "c_s",
                                   stats.uniform(0, float(cs_max)), exact=False)
    for eq in exact:
        check_every_type(game, eq, (0, lam_max), (0, cs_max))
    for eq in numeric:
        check_every_type(game, eq, (0, lam_max), (0, cs_max))
    if exact.complete and numeric.complete:
        key = (lambda eq: (float(eq.revise_probability), *(float(q) for q in eq.s_strategy.values())))
        assert len(exact) == len(numeric), (exact, numeric)
        for e, n in zip(sorted(exact, key=key), sorted(numeric, key=key)):
            assert key(e) == pytest.approx(key(n), abs=1e-6)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from([(stats.beta(2, 2, scale=6), stats.expon(scale=1)),
                        (stats.lognorm(0.5, scale=2), stats.uniform(0, 2)),
                        (stats.expon(scale=3), stats.beta(3, 1, scale=2))]),
       st.fractions(min_value=4, max_value=12, max_denominator=2))
def test_other_distributions_numerically(dists, theta):
    t_dist, s_dist = dists
    game = game_with_private_cost(theta=theta)
    result = two_sided_equilibria(game, "lam", t_dist, "c_s", s_dist, exact=False)
    assert result  # at least the fixed point of a continuous map of [0, 1] into itself (no continuum here)
    for eq in result:
        assert eq.revise_probability == pytest.approx(t_dist.cdf(min(float(eq.cutpoint), 1e300)), abs=1e-9)
        assert eq.s_strategy["Soft"] == pytest.approx(s_dist.cdf(float(eq.s_cutpoint)), abs=1e-9)
        check_every_type(game, eq, tuple(F(x) for x in t_dist.ppf([1e-6, 1 - 1e-6])),
                         tuple(F(x) for x in s_dist.ppf([1e-6, 1 - 1e-6])))


def test_statics_by_the_implicit_function_theorem():
    """The implicit-function derivatives at the defaults agree with central differences of re-solved equilibria."""
    lam_max, cs_max = sympy.Symbol("lam_max"), sympy.Symbol("c_s_max")
    game = Game(list(core_payoffs({**SYMBOLS, "c_s": CS})), players=["T", "S"],
                strategies=[["Revise", "Restrain"], ["Hard", "Soft", "Bandwagon"]])
    point = {**{k: v for k, v in CORE.items() if k != "c_s"}, "lam_max": 6, "c_s_max": 2}
    [s] = cutpoint_statics(game, "lam", Uniform(0, lam_max), point, s_type="c_s", s_distribution=Uniform(0, cs_max),
                           exact=True)
    h = F(1, 10 ** 6)
    for x in ("lam_max", "c_s_max", "theta", "l"):
        moved = []
        for sign in (1, -1):
            w = {**point, x: point[x] + sign * h}
            [eq] = two_sided_equilibria(game_with_private_cost(**{k: w[k] for k in CORE if k != "c_s"}), "lam",
                                        Uniform(0, w["lam_max"]), "c_s", Uniform(0, w["c_s_max"]), exact=True)
            moved.append(eq)
        for name, get in (("revise_probability", lambda e: e.revise_probability), ("cutpoint", lambda e: e.cutpoint),
                          ("s_cutpoint", lambda e: e.s_cutpoint), ("S:Soft", lambda e: e.s_strategy["Soft"])):
            diff = float((get(moved[0]) - get(moved[1])) / (2 * h))
            assert diff == pytest.approx(float(s.derivatives[name][x]), rel=1e-4, abs=1e-7), (name, x)
