"""FLINT factoring gives sympy's results (sbgames.factoring), and the sample-point witnesses only disprove.

The closed-form derivation factors every condition it simplifies; sbgames
hands the factoring to FLINT for speed.  These tests hold it to sympy's own
answers on random polynomials, and check that a witness of a sign is a
real point of the parameter space where the expression has that sign.
"""

from fractions import Fraction

import sympy
from hypothesis import given, settings, strategies as st

from sbgames import Parameter, load_model
from sbgames.assumptions import ParameterSpace
from sbgames.conditions import holds
from sbgames.factoring import factor, factor_list

SYMBOLS = sympy.symbols("a b c d")
coefficients = st.fractions(min_value=-6, max_value=6, max_denominator=4)
monomials = st.lists(st.sampled_from([*SYMBOLS, 1]), min_size=0, max_size=3)
polynomials = st.lists(st.tuples(coefficients, monomials), min_size=1, max_size=4).map(
    lambda terms: sum(sympy.Rational(c.numerator, c.denominator) * sympy.Mul(*m) for c, m in terms))


@settings(max_examples=150, deadline=None)
@given(polynomials, polynomials, st.sampled_from([1, -1, sympy.Rational(-2, 3), 5]))
def test_factoring_equals_sympys(p, q, scale):
    expr = sympy.expand(scale * p * q)
    coeff, factors = factor_list(expr)
    expected_coeff, expected = sympy.factor_list(expr)
    assert coeff == expected_coeff
    assert sorted(factors, key=sympy.default_sort_key) == sorted(expected, key=sympy.default_sort_key)
    assert factor(expr) == sympy.factor(expr)


def test_factoring_leaves_non_polynomials_to_sympy():
    x = sympy.Symbol("x")
    assert factor(sympy.sqrt(2) * x + sympy.sqrt(2)) == sympy.sqrt(2) * (x + 1)
    assert factor_list(sympy.Integer(-3)) == (-3, [])


@settings(max_examples=60, deadline=None)
@given(polynomials, st.sampled_from("+-"))
def test_a_witness_is_a_point_of_the_space_with_that_sign(p, sign):
    params = {"a": Parameter("a", 1, min=0, max=1), "b": Parameter("b", 1, min=0),
              "c": Parameter("c", 1, above=-2, below=3), "d": Parameter("d", 0)}
    space = ParameterSpace(params, [("b > a", sympy.Symbol("b") > sympy.Symbol("a"))])
    expr = p.xreplace({s: space.symbols[s.name] for s in SYMBOLS})
    if space.witness([(1, expr)], sign):
        relation = expr > 0 if sign == "+" else expr < 0
        assert any(holds(relation, {str(k): Fraction(int(v.p), int(v.q)) for k, v in point.items()})
                   for point in space._sample_points())
        assert space.sign_set(expr) >= {sign}


def test_sample_points_keep_the_bounds_and_constraints():
    space = ParameterSpace.from_model(load_model("instrument_portfolio"))
    points = space._sample_points()
    assert len(points) >= 40
    model = load_model("instrument_portfolio")
    for point in points:
        values = {str(k): Fraction(int(v.p), int(v.q)) for k, v in point.items()}
        assert all(holds(relation, values) for _, relation in model.constraints)
        assert all(0 <= values[k] <= 1 for k in ("e_inst", "e_align", "e_sanc", "e_deleg", "x"))
