"""Closed forms as JavaScript: exact rational arithmetic in the browser.

A closed form (a sympy expression or condition) becomes the text of a
JavaScript expression over an arithmetic object ``K`` and the parameter
values ``P``.  The explorer page evaluates the same text twice: with ``K``
bound to exact rationals (BigInt numerators and denominators) for the
equilibria it prints, so a probability reads ``4/11`` exactly as the Python
closed form gives it, and with ``K`` bound to floats for the phase diagram.

Only rational operations are compiled (sums, products, integer powers,
comparisons, and/or/not).  Anything else (a square root, a function call)
raises :class:`NotCompilable`, and the page falls back to values computed in
Python.

Examples
--------
>>> import sympy
>>> a, b = sympy.symbols("a b")
>>> expression(a / (2 * b) - 1)
'K.add(K.c(-1n, 1n), K.mul(K.c(1n, 2n), P.a, K.pow(P.b, -1)))'
>>> condition(sympy.And(a >= b, sympy.Eq(b, 0)))
'(K.cmp(P.b, K.c(0n, 1n)) === 0 && K.cmp(P.a, P.b) >= 0)'
"""

from __future__ import annotations

import re

import sympy

from ..errors import InputError

__all__ = ["NotCompilable", "expression", "condition", "js_name"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Comparison operator of each sympy relation, applied to ``K.cmp(lhs, rhs)``.
_RELATIONS = {sympy.Eq: "===", sympy.Ne: "!==", sympy.Ge: ">=", sympy.Gt: ">", sympy.Le: "<=", sympy.Lt: "<"}
#: Integer powers beyond this are not compiled (they would build huge BigInts).
MAX_POWER = 64


class NotCompilable(InputError):
    """A closed form uses an operation the exact JavaScript arithmetic lacks."""


def js_name(name: str) -> str:
    """The parameter ``name`` as a JavaScript property access on ``P``.

    Examples
    --------
    >>> js_name("theta")
    'P.theta'
    """
    if not _NAME.match(name):
        raise NotCompilable(f"parameter name {name!r} is not a plain identifier")
    return f"P.{name}"


def expression(expr) -> str:
    """JavaScript text for a rational sympy expression (see the module docstring)."""
    expr = sympy.sympify(expr)
    if expr.is_Rational:
        return f"K.c({int(expr.p)}n, {int(expr.q)}n)"
    if expr.is_Symbol:
        return js_name(expr.name)
    if expr.is_Add or expr.is_Mul:  # terms in sympy's canonical order, so the text is the same in every process
        terms = sorted(expr.args, key=sympy.default_sort_key)
        return ("K.add(" if expr.is_Add else "K.mul(") + ", ".join(map(expression, terms)) + ")"
    if expr.is_Pow and expr.exp.is_Integer and abs(int(expr.exp)) <= MAX_POWER:
        return f"K.pow({expression(expr.base)}, {int(expr.exp)})"
    raise NotCompilable(f"{expr} is not a rational expression")


def condition(cond) -> str:
    """JavaScript text (a boolean) for a sympy condition built of relations, And, Or, Not."""
    if cond is sympy.true or cond is True:
        return "true"
    if cond is sympy.false or cond is False:
        return "false"
    if isinstance(cond, (sympy.And, sympy.Or)):  # in sympy's canonical order, the same text in every process
        joined = " && " if isinstance(cond, sympy.And) else " || "
        return "(" + joined.join(condition(arg) for arg in sorted(cond.args, key=sympy.default_sort_key)) + ")"
    if isinstance(cond, sympy.Not):
        return "!" + condition(cond.args[0])
    for relation, operator in _RELATIONS.items():
        if isinstance(cond, relation):
            return f"K.cmp({expression(cond.lhs)}, {expression(cond.rhs)}) {operator} 0"
    raise NotCompilable(f"{cond} is not a condition of relations joined by and/or/not")
