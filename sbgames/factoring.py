"""Factoring polynomials in many parameters, by FLINT.

sympy's multivariate factoring is written in Python and dominates the
closed-form derivation of games with many parameters (the 2 x 18
instrument-portfolio game has 25).  :func:`factor_list` and :func:`factor`
give sympy's own results (the same coefficient and factors, normalised as
sympy normalises them) computed by FLINT through python-flint.

Examples
--------
>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> factor(x**2 * y - y)
y*(x - 1)*(x + 1)
"""

from __future__ import annotations

import flint
import sympy
from sympy import QQ, ZZ
from sympy.core.mul import _keep_coeff

__all__ = ["factor", "factor_list"]


def factor_list(expr) -> tuple:
    """``sympy.factor_list(expr)`` of a polynomial with rational coefficients, factored by FLINT.

    The coefficient and the factors are sympy's (integer coefficients,
    primitive, a positive leading coefficient in sympy's order of the
    generators), sorted by sympy's default key rather than in sympy's
    order; FLINT's multivariate factoring is many times faster on
    polynomials in many parameters.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> factor_list(x**2 * y / 2 - y / 2)
    (1/2, [(y, 1), (x - 1, 1), (x + 1, 1)])
    >>> factor_list(sympy.Integer(-3))
    (-3, [])
    """
    expr = sympy.sympify(expr)
    if not expr.free_symbols:
        return sympy.factor_list(expr)
    try:
        poly = sympy.Poly(expr, domain=QQ, expand=False)  # quick for the expanded sums the derivation makes
        if not all(g.is_Symbol for g in poly.gens):  # a product or power: expand it
            poly = sympy.Poly(expr, domain=QQ)
    except (sympy.PolynomialError, sympy.CoercionFailed):  # not a polynomial over the rationals
        return sympy.factor_list(expr)
    den, integral = poly.clear_denoms(convert=True)
    context = flint.fmpz_mpoly_ctx.get(tuple(f"x{i}" for i in range(len(poly.gens))), "lex")
    content, factors = context.from_dict({m: int(c) for m, c in integral.as_dict().items()}).factor()
    coeff, out = sympy.Rational(int(content), int(den)), []
    for factor, power in factors:
        f = sympy.Poly.from_dict({tuple(m): int(c) for m, c in factor.to_dict().items()}, *poly.gens, domain=ZZ)
        if f.LC() < 0:
            f, coeff = -f, coeff * (-1) ** int(power)
        out.append((f.as_expr(), int(power)))
    return coeff, sorted(out, key=lambda item: sympy.default_sort_key(item[0]))


def factor(expr) -> sympy.Expr:
    """``sympy.factor(expr)`` of a polynomial with rational coefficients, factored by FLINT (see :func:`factor_list`).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> factor(x * y / 2 - y / 2), factor(-x - y)
    (y*(x - 1)/2, -x - y)
    """
    coeff, factors = factor_list(expr)
    return _keep_coeff(coeff, sympy.Mul(*(base ** power for base, power in factors)))
