"""Tests for sbgames.nplayer.symmetric: symmetric collective-action equilibria."""

from fractions import Fraction
from math import comb

import numpy as np
import pytest
import sympy

from sbgames.nplayer.symmetric import (
    SymmetricRoot, is_symmetric_equilibrium, symmetric_binary_equilibria,
    symmetric_binary_game, threshold_public_good, volunteers_dilemma)


def _volunteer_payoffs(U, K):
    return (lambda k: U - K), (lambda k: U if k >= 1 else 0)


def _threshold_payoffs(k, v, c):
    return (lambda j: (v if j >= k - 1 else 0) - c), (lambda j: v if j >= k else 0)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_volunteer_symbolic_closed_form(n):
    U, K = sympy.symbols("U K", positive=True)
    root = volunteers_dilemma(n, U, K)
    closed = 1 - (K / U) ** sympy.Rational(1, n - 1)
    assert sympy.simplify(root - closed) == 0


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_volunteer_plain_symbols(n):
    U, K = sympy.symbols("U K")
    root = volunteers_dilemma(n, U, K)
    for u, k in [(3, 1), (sympy.Rational(7, 2), sympy.Rational(5, 3)), (100, 1)]:
        val = complex(sympy.N(root.subs({U: u, K: k}), 30))
        assert abs(val - (1 - (k / u) ** (1.0 / (n - 1)))) < 1e-12


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
@pytest.mark.parametrize("U,K", [(4, 1), (Fraction(5, 2), Fraction(1, 3)), (10.0, 3.0)])
def test_volunteer_numeric_and_game(n, U, K):
    root = volunteers_dilemma(n, U, K)
    expected = 1 - (float(K) / float(U)) ** (1 / (n - 1))
    assert abs(float(root) - expected) < 1e-13
    # the general solver finds exactly this one interior root
    eq = symmetric_binary_equilibria(n, *_volunteer_payoffs(U, K), exact=True)
    assert len(eq.mixed) == 1 and eq.mixed[0].exact == root
    assert eq.all_contribute is False and eq.none_contribute is False
    g = symmetric_binary_game(n, *_volunteer_payoffs(U, K))
    assert is_symmetric_equilibrium(g, eq.mixed[0])
    assert not is_symmetric_equilibrium(g, min(expected + 0.05, 0.999))
    if root.is_Rational and g.kind == "exact":  # exact check through Game directly
        q = Fraction(int(root.p), int(root.q))
        assert g.is_equilibrium([[q, 1 - q]] * n)
    else:
        x = float(root)
        assert g.as_float().is_equilibrium([[x, 1 - x]] * n, tol=1e-9)


def test_volunteer_exact_rational_cases():
    assert volunteers_dilemma(2, 3, 1) == sympy.Rational(2, 3)
    assert volunteers_dilemma(4, 8, 1) == sympy.Rational(1, 2)
    assert volunteers_dilemma(3, 9, 1) == sympy.Rational(2, 3)


def _independent_threshold_roots(n, k, v, c):
    p = sympy.Symbol("p")
    poly = sympy.Poly(v * comb(n - 1, k - 1) * p ** (k - 1) * (1 - p) ** (n - k) - c, p)
    sym = sorted({float(r) for r in sympy.real_roots(poly) if 0 < r < 1})
    num = np.roots([float(x) for x in poly.all_coeffs()])
    nums = sorted({round(float(z.real), 9) for z in num if abs(z.imag) < 1e-9 and 0 < z.real < 1})
    return sym, nums


@pytest.mark.parametrize("n,k,v,c,count", [
    (3, 2, 3, 1, 2), (3, 2, 3, 2, 0), (3, 2, 2, 1, 1),  # 2 p (1-p) = 1/2 -> double root 1/2
    (4, 2, 10, 1, 2), (4, 3, 10, 1, 2), (5, 3, 4, 1, 2), (5, 3, 100, 99, 0),
    (4, 1, 5, 1, 1), (4, 4, 5, 1, 1), (6, 3, 7, Fraction(1, 3), 2), (3, 2, 3.0, 0.5, 2),
])
def test_threshold_roots(n, k, v, c, count):
    roots = threshold_public_good(n, k, v, c, exact=True)
    assert len(roots) == count
    sym, nums = _independent_threshold_roots(n, k, sympy.nsimplify(v), sympy.nsimplify(c))
    assert len(sym) == count
    assert np.allclose([r.value for r in roots], sym, atol=1e-12)
    assert len(nums) <= count and all(any(abs(a - r.value) < 1e-6 for r in roots) for a in nums)
    for r in roots:
        assert isinstance(r, SymmetricRoot) and 0 < r.exact < 1
        indiff = float(v) * comb(n - 1, k - 1) * r.value ** (k - 1) * (1 - r.value) ** (n - k) - float(c)
        assert abs(indiff) < 1e-12 * max(1, float(v))
    g = symmetric_binary_game(n, *_threshold_payoffs(k, v, c))
    for r in roots:
        assert is_symmetric_equilibrium(g, r)


def test_threshold_closed_forms():
    lo, hi = threshold_public_good(3, 2, 3, 1, exact=True)
    assert sympy.simplify(lo.exact - (sympy.Rational(1, 2) - sympy.sqrt(3) / 6)) == 0
    assert sympy.simplify(hi.exact - (sympy.Rational(1, 2) + sympy.sqrt(3) / 6)) == 0
    (double,) = threshold_public_good(3, 2, 2, 1, exact=True)
    assert double.exact == sympy.Rational(1, 2)
    g = symmetric_binary_game(3, *_threshold_payoffs(2, 2, 1))
    assert g.kind == "exact" and g.is_equilibrium([[Fraction(1, 2)] * 2] * 3)


def test_float_mode_matches_exact():
    for args in [(3, 2, 3, 1), (5, 3, 4, 1), (6, 3, 7, Fraction(1, 3))]:
        ex = [r.value for r in threshold_public_good(*args, exact=True)]
        fl = threshold_public_good(*args, exact=False)
        assert all(r.exact is None for r in fl)
        assert np.allclose([r.value for r in fl], ex, atol=1e-10)


def test_general_solver_pure_conditions_and_stag_hunt():
    eq = symmetric_binary_equilibria(4, lambda k: 6 if k == 3 else 0, lambda k: 1, exact=True)
    assert eq.all_contribute is True and eq.none_contribute is True
    assert len(eq.mixed) == 1
    p = eq.mixed[0].value
    assert abs(6 * p ** 3 - 1) < 1e-12
    g = symmetric_binary_game(4, lambda k: 6 if k == 3 else 0, lambda k: 1)
    assert g.is_equilibrium(["Soft"] * 4) and g.is_equilibrium(["Free-ride"] * 4)
    assert is_symmetric_equilibrium(g, eq.mixed[0])


def test_general_solver_symbolic_conditions():
    a, b = sympy.symbols("a b", positive=True)
    eq = symmetric_binary_equilibria(2, lambda k: a if k else 0, lambda k: b, exact=True)
    assert [r.exact for r in eq.mixed] == [b / a]
    assert eq.all_contribute == sympy.Ge(a, b)
    assert eq.none_contribute is True


def test_degenerate_and_dominance():
    eq = symmetric_binary_equilibria(3, lambda k: k, lambda k: k, exact=True)
    assert eq.degenerate and eq.mixed == ()
    eq = symmetric_binary_equilibria(3, lambda k: k + 1, lambda k: k, exact=True)  # Soft dominant
    assert eq.mixed == () and eq.all_contribute is True and eq.none_contribute is False


@pytest.mark.parametrize("call", [
    lambda: volunteers_dilemma(1, 3, 1), lambda: volunteers_dilemma(0, 3, 1),
    lambda: volunteers_dilemma(3, 1, 3), lambda: volunteers_dilemma(3, 3, 0),
    lambda: volunteers_dilemma(3, 3, 3),
    lambda: threshold_public_good(1, 1, 3, 1, exact=True), lambda: threshold_public_good(3, 0, 3, 1, exact=True),
    lambda: threshold_public_good(3, 4, 3, 1, exact=True), lambda: threshold_public_good(3, 2, 3, 0, exact=True),
    lambda: threshold_public_good(3, 2, 3, -1, exact=True), lambda: threshold_public_good(3, 2, 0, 1, exact=True),
    lambda: symmetric_binary_equilibria(1, lambda k: 1, lambda k: 0, exact=True),
    lambda: symmetric_binary_equilibria(3, lambda k: float("nan"), lambda k: 0, exact=True),
    lambda: symmetric_binary_equilibria(2, lambda k: sympy.Symbol("x"), lambda k: 0, exact=False),
    lambda: symmetric_binary_game(13, lambda k: 1, lambda k: 0),
])
def test_bad_inputs_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_bad_types():
    with pytest.raises(TypeError):
        threshold_public_good(3.0, 2, 3, 1, exact=True)
    with pytest.raises(TypeError):
        threshold_public_good(3, 2, 3, sympy.Symbol("c"), exact=True)
    with pytest.raises(TypeError):
        symmetric_binary_equilibria(3, 1, 0, exact=True)
