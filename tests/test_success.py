"""Tests of sbgames.nplayer.success: the probability that collective soft balancing succeeds."""

import itertools
from fractions import Fraction
from math import comb

import matplotlib
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.nplayer import plot_success, success_probabilities
from sbgames.nplayer.success import success_probability
from sbgames.nplayer.symmetric import is_symmetric_equilibrium, symmetric_binary_game

matplotlib.use("Agg")


# -- the volunteer's dilemma (veto, kappa = 1) ---------------------------------------------------

@pytest.mark.parametrize("v, c", [(4, 1), (Fraction(5, 2), Fraction(1, 3)), (3, 2)])
def test_volunteer_success_closed_form_and_decreasing(v, c):
    # success = 1 - Pr(nobody volunteers) = 1 - (1 - p)^n with p = 1 - (c/v)^(1/(n-1)),
    # i.e. 1 - (c/v)^(n/(n-1)): exactly, for n = 2..6
    values = []
    for n in range(2, 7):
        (eq,) = success_probabilities(n, 1, v, c, exact=True)
        closed = 1 - (sympy.Rational(c) / sympy.Rational(v)) ** sympy.Rational(n, n - 1)
        assert sympy.simplify(eq.success - closed) == 0
        assert abs(eq.value - float(closed)) < 1e-12
        assert eq.stable
        values.append(eq.success)
    # decreasing in n (c/v < 1 and n/(n-1) falls): exact comparisons of the radicals
    assert all(bool(a > b) for a, b in zip(values, values[1:]))


def test_volunteer_no_mixed_equilibrium_when_cost_exceeds_value():
    assert success_probabilities(3, 1, 1, 2, exact=True) == ()
    assert success_probabilities(3, 1, 2, 2, exact=True) == ()


# -- exact binomial tails --------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_success_probability_by_enumeration(n):
    p = Fraction(2, 7)
    for kappa in range(1, n + 1):
        brute = sum(p ** sum(o) * (1 - p) ** (n - sum(o)) for o in itertools.product((0, 1), repeat=n)
                    if sum(o) >= kappa)
        assert success_probability(n, kappa, p) == brute


def test_success_probability_errors():
    with pytest.raises(ValueError, match="kappa must be an integer in 1..3, got 4"):
        success_probability(3, 4, Fraction(1, 2))
    with pytest.raises(ValueError, match="n must be a positive integer, got 0"):
        success_probability(0, 1, Fraction(1, 2))


# -- qualified majorities ----------------------------------------------------------------------------

def test_two_of_four_exact_roots_are_equilibria():
    eqs = success_probabilities(4, 2, 4, 1, exact=True)
    assert len(eqs) == 2
    low, high = eqs
    assert (low.stable, high.stable) == (False, True)
    assert low.value < high.value
    # each root is a symmetric equilibrium of the 4-player game (threshold public good)
    game = symmetric_binary_game(4, lambda j: (4 if j >= 1 else 0) - 1, lambda j: 4 if j >= 2 else 0)
    for eq in eqs:
        assert is_symmetric_equilibrium(game, eq.p)
        # the success probability is the binomial tail of the root
        assert abs(eq.value - sum(comb(4, j) * eq.p.value ** j * (1 - eq.p.value) ** (4 - j)
                                  for j in (2, 3, 4))) < 1e-12


def test_unanimity_only_the_tipping_point():
    # kappa = n: D(p) = v p^(n-1) - c is increasing, one root (c/v)^(1/(n-1)), unstable
    (eq,) = success_probabilities(3, 3, 4, 1, exact=True)
    assert eq.p.exact == sympy.Rational(1, 2) and not eq.stable
    assert eq.success == sympy.Rational(1, 8)


def test_errors():
    with pytest.raises(ValueError, match="between 1 and n=3, got k=4"):
        success_probabilities(3, 4, 4, 1, exact=True)
    with pytest.raises(ValueError, match="c must be positive"):
        success_probabilities(3, 1, 4, 0, exact=True)


small = st.builds(Fraction, st.integers(1, 40), st.integers(1, 8))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 6), kappa_seed=st.integers(0, 5), v=small, c=small)
def test_properties(n, kappa_seed, v, c):
    kappa = 1 + kappa_seed % n
    eqs = success_probabilities(n, kappa, v, c, exact=False)
    assert len(eqs) <= (1 if kappa in (1, n) else 2)
    if kappa == 1:
        assert len(eqs) == (1 if v > c else 0)
    ps = [e.p.value for e in eqs]
    assert ps == sorted(ps)
    mode = (kappa - 1) / (n - 1)
    for e in eqs:
        assert 0 <= e.value <= 1 and e.success is None
        assert abs(e.value - sum(comb(n, j) * e.p.value ** j * (1 - e.p.value) ** (n - j)
                                 for j in range(kappa, n + 1))) < 1e-9
        assert e.stable == (e.p.value > mode)
    if len(eqs) == 2:  # a tipping point below the mode of the pivot probability, a stable root above
        assert ps[0] < mode < ps[1] and not eqs[0].stable and eqs[1].stable


@settings(max_examples=30, deadline=None)
@given(n=st.integers(3, 7), kappa=st.integers(2, 3), c=small, ratio=st.integers(4, 20), step=st.integers(1, 10))
def test_success_monotone_in_value(n, kappa, c, ratio, step):
    # at the stable root the pivot probability falls in p, so a higher v/c (a lower c/v to match)
    # raises p and the success probability; at the tipping point it lowers both (proved in the
    # module docstring of success.py); kappa = 1 likewise rises in v
    if kappa >= n:
        return
    v1, v2 = c * ratio, c * ratio + step * c / 4
    lo, hi = success_probabilities(n, kappa, v1, c, exact=False), success_probabilities(n, kappa, v2, c, exact=False)
    if len(lo) == 2 and len(hi) == 2:
        assert hi[1].value > lo[1].value
        assert hi[0].value < lo[0].value
    (a,), (b,) = success_probabilities(n, 1, v1, c, exact=False), success_probabilities(n, 1, v2, c, exact=False)
    assert b.value > a.value


# -- the figure ---------------------------------------------------------------------------------------

def test_plot_success_draws_the_highest_root():
    import matplotlib.pyplot as plt
    fig = plot_success(ns=range(2, 8), kappas=(1, 2, 3), v=4, c=1)
    try:
        ax = fig.axes[0]
        lines = ax.get_lines()
        assert [ln.get_label() for ln in lines] == ["κ = 1 (veto)", "κ = 2", "κ = 3"]
        assert [ln.get_xdata().tolist() for ln in lines] == [[2, 3, 4, 5, 6, 7], [3, 4, 5, 6, 7], [4, 5, 6, 7]]
        veto = lines[0].get_ydata()
        assert all(abs(y - (1 - 0.25 ** (n / (n - 1)))) < 1e-12 for n, y in zip(range(2, 8), veto))
        # kappa = 2: the stable (highest) root, not the tipping point
        assert abs(lines[1].get_ydata()[1] - success_probabilities(4, 2, 4, 1, exact=True)[1].value) < 1e-12
        assert ax.get_xlabel() == "number of states (n)"
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="at least one n and one kappa"):
        plot_success(ns=[])
