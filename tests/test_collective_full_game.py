"""The veto game with the threatening power in it (issue 15, error 2).

The volunteer's-dilemma story of docs/explanation/collective-action.md fixes T at Revise.  Solved
with T as a player, T's indifference pins the chance that someone soft balances at
Q = g/(e_s g + lam (l - l_r)) for every n while T mixes, and more states mean more revision.
"""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.nplayer import collective_model, success_probabilities, volunteers_dilemma
from sbgames.errors import InputError
from sbgames.nplayer.success import veto_game_equilibrium

CORE = {"g": 4, "theta": 6, "e_s": sympy.Rational(1, 2), "lam": 2, "l": 3, "l_r": 0, "c_s": 1, "b": 1}


def _closed_form_revise(n, g, theta, e_s, lam, l, l_r, c_s, b, **_):
    q = sympy.Rational(g) / (e_s * g + lam * (l - l_r))
    return c_s / (e_s * theta * (1 - q) ** sympy.Rational(n - 1, n) - b)


def _same(a, b) -> bool:
    """Equal as numbers, to 40 digits (cheaper than simplifying radicals to zero)."""
    return abs(sympy.N(sympy.sympify(a) - sympy.sympify(b), 50)) < 1e-40


def _symmetric(result, n):
    """The equilibria of a complete result in which every state plays the same mixed strategy."""
    return [eq for eq in result if eq.algebraic is not None and len({eq.algebraic[i] for i in range(1, n + 1)}) == 1]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_complete_solver_has_exactly_the_closed_form_symmetric_equilibrium(n):
    result = collective_model(n, rule="threshold", kappa=1).equilibria(exact=True, method="polynomial")
    assert result.complete
    if n == 1:
        (eq,) = result
        algebraic = tuple(tuple(sympy.Rational(x) for x in s) for s in eq.strategies)
    else:
        (eq,) = _symmetric(result, n)
        algebraic = eq.algebraic
    mine = veto_game_equilibrium(n)
    assert _same(algebraic[0][0], mine.revise)
    assert all(_same(algebraic[i][1], mine.soft) for i in range(1, n + 1))
    assert mine.equilibrium.describe() == eq.describe()


def test_issue_numbers_at_the_core_defaults():
    eqs = {n: veto_game_equilibrium(n) for n in (1, 2, 3)}
    # Pr(at least one soft balancer) = Q = 1/2 while T mixes (n = 1, 2) ...
    assert eqs[1].success == eqs[2].success == sympy.Rational(1, 2)
    # ... and Pr(Revise) follows the closed form: 1/2, (2 + 3 sqrt 2)/7 ~ 0.892
    assert eqs[1].revise == sympy.Rational(1, 2)
    assert sympy.simplify(eqs[2].revise - (2 + 3 * sympy.sqrt(2)) / 7) == 0
    assert round(float(eqs[2].revise), 3) == 0.892
    for n in (1, 2):
        assert sympy.simplify(eqs[n].revise - _closed_form_revise(n, **CORE)) == 0
    # n = 3: the closed form exceeds 1, T revises for sure, and the states are in the volunteer's
    # dilemma with v = e_s theta = 3, c = c_s + b = 2: success 1 - (2/3)^(3/2) ~ 0.456 < 1/2
    assert float(_closed_form_revise(3, **CORE)) > 1
    assert eqs[3].revise == 1
    (vd,) = success_probabilities(3, 1, 3, 2, exact=True)
    assert sympy.simplify(eqs[3].success - vd.success) == 0
    assert round(float(eqs[3].success), 3) == 0.456


def test_restraint_falls_with_n_while_the_two_state_volunteers_dilemma_says_otherwise():
    # What the old text implied: with T fixed at Revise, two states succeed 5/9 of the time.
    (vd2,) = success_probabilities(2, 1, 3, 2, exact=True)
    assert vd2.success == sympy.Rational(5, 9)
    # In the full game T restrains less and less: 1/2, (5 - 3 sqrt 2)/7 ~ 0.108, 0.
    restrain = [1 - veto_game_equilibrium(n).revise for n in (1, 2, 3)]
    assert restrain[0] == sympy.Rational(1, 2) and restrain[2] == 0
    assert sympy.simplify(restrain[1] - (5 - 3 * sympy.sqrt(2)) / 7) == 0
    # and revision goes unopposed more often: 1/4, ~0.446, ~0.544
    unopposed = [float(veto_game_equilibrium(n).unopposed) for n in (1, 2, 3)]
    assert unopposed == sorted(unopposed) and unopposed[0] == 0.25


PARAMS = st.fixed_dictionaries({
    "g": st.sampled_from([2, 4, 6]),
    "theta": st.sampled_from([4, 6, 8, 10]),
    "e_s": st.sampled_from(["1/3", "1/2", "2/3"]),
    "lam": st.sampled_from([0, 1, 2, 3]),
    "l": st.sampled_from([1, 2, 3]),
    "l_r": st.sampled_from([0, "1/2"]),
    "c_s": st.sampled_from(["1/2", 1]),
    "b": st.sampled_from([0, "1/2", 1]),
    "c_h": st.just(20), "w": st.just(20),   # hard balancing never pays: the symmetric profile mixes Soft/Bandwagon
})


@settings(max_examples=25, deadline=None)
@given(PARAMS)
def test_indifference_pins_success_and_revision_rises_with_n(values):
    eqs = [veto_game_equilibrium(n, **values) for n in (1, 2, 3)]
    x = {k: sympy.Rational(str(Fraction(str(v)))) for k, v in values.items()}
    q = x["g"] / (x["e_s"] * x["g"] + x["lam"] * (x["l"] - x["l_r"])) if x["e_s"] * x["g"] + x["lam"] * (x["l"] - x["l_r"]) else None
    for n, eq in zip((1, 2, 3), eqs):
        if eq.revise != 1:          # T mixes: someone soft balances with probability Q, whatever n
            assert _same(eq.success, q)
            assert _same(eq.revise, _closed_form_revise(n, **x))
            assert 0 <= float(eq.revise) < 1
        else:                        # T revises for sure: it weakly prefers to, and the states play the
            if q is not None:        # volunteer's dilemma with v = e_s theta, c = c_s + b
                assert float(eq.success) <= float(q) + 1e-12
            v, c = x["e_s"] * x["theta"], x["c_s"] + x["b"]
            if n >= 2 and v > c:
                assert _same(eq.soft, volunteers_dilemma(n, v, c))
    # the bystander effect: revision never falls and success never rises as states are added
    revise = [float(e.revise) for e in eqs]
    success = [float(e.success) for e in eqs]
    assert all(a <= b + 1e-12 for a, b in zip(revise, revise[1:]))
    assert all(a >= b - 1e-12 for a, b in zip(success, success[1:]))


@settings(max_examples=6, deadline=None)
@given(PARAMS)
def test_two_states_against_the_complete_solver(values):
    mine = veto_game_equilibrium(2, **values)
    result = collective_model(2, rule="threshold", kappa=1).equilibria(exact=True, method="polynomial", **values)
    assert result.complete
    mine_floats = [[float(z) for z in s] for s in mine.equilibrium.strategies]
    found = [eq for eq in result
             if all(abs(float(z) - m) < 1e-9 for s, ms in zip(eq.strategies, mine_floats) for z, m in zip(s, ms))]
    assert len(found) == 1


def test_hard_balancing_that_pays_is_refused_with_the_values():
    # an existential threat, no confrontation cost, cheap hard balancing: (e_h - e_s) theta = 16 > c_h + w - c_s = 1
    with pytest.raises(InputError, match=r"hard balancing pays .*'theta': 40.*collective_model\(n\)\.equilibria"):
        veto_game_equilibrium(2, c_h=2, w=0, theta=40, lam=0)
    with pytest.raises(InputError, match="theta"):
        veto_game_equilibrium(2, theta=-1)


@pytest.mark.parametrize("n", [2, 3])
def test_at_small_legitimacy_cost_t_revises_for_sure_and_the_volunteers_dilemma_is_exact(n):
    # collective-action.md holds T at Revise "as it is at l = 1/2": there Q = 4/3 > 1
    eq = veto_game_equilibrium(n, l="1/2")
    assert eq.revise == 1
    (vd,) = success_probabilities(n, 1, 3, 2, exact=True)
    assert _same(eq.success, vd.success)
