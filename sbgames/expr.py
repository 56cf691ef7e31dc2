"""Safe parsing of payoff expressions: model files are data, never code.

A payoff string such as ``"(1 - e_s)*g - lam*l"`` is parsed with Python's
:mod:`ast` module and translated node by node into a sympy expression.  Only
a whitelist is accepted:

* numbers (integers and decimals; decimals become exact rationals),
* names of declared parameters (mapped to their own sympy symbols, so a
  parameter called ``E``, ``I``, ``S`` or ``beta`` is that parameter and
  never a sympy constant or function),
* ``+ - * / **`` and unary ``+ -``,
* calls of ``min``, ``max``, ``abs``, ``exp``, ``log`` and ``sqrt`` with
  positional arguments.

Anything else (attribute access, subscripts, lambdas, comprehensions,
strings, keyword arguments, comparisons, calls of other names) is refused
with :class:`ExpressionError`.  Nothing in the string is ever executed, and
no string reaches ``eval``, ``sympify`` or ``parse_expr``.

Powers are guarded so that a file cannot hang the loader: a numeric
exponent must be at most :data:`MAX_EXPONENT` in size, and a power of two
numbers whose result would have more than :data:`MAX_DIGITS` digits is
refused (``9**9**9**9`` is refused, not computed).

Examples
--------
>>> import sympy
>>> g, lam = sympy.Symbol("g"), sympy.Symbol("lam")
>>> parse_expression("(1 - 1/2)*g - lam*2", {"g": g, "lam": lam})
g/2 - 2*lam
>>> parse_expression("__import__('os').system('echo hi')", {})
Traceback (most recent call last):
...
sbgames.expr.ExpressionError: calls are allowed only to min, max, abs, exp, log, sqrt; found a call of an expression
"""

from __future__ import annotations

import ast
import difflib
import math
from fractions import Fraction

import sympy
from .errors import ExpressionError

__all__ = ["ExpressionError", "parse_expression", "parse_condition", "evaluate", "compile_expression", "FUNCTIONS", "MAX_EXPONENT",
           "MAX_DIGITS", "MAX_LENGTH"]

#: Functions a payoff expression may call, by the name used in model files.
FUNCTIONS = {
    "min": sympy.Min,
    "max": sympy.Max,
    "abs": sympy.Abs,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
}
#: Largest absolute value allowed for a numeric exponent.
MAX_EXPONENT = 1000
#: Largest number of decimal digits a numeric power may produce.
MAX_DIGITS = 1000
#: Longest expression string accepted (characters).
MAX_LENGTH = 2000
_MAX_DEPTH = 100




def _suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _number(node: ast.Constant) -> sympy.Expr:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ExpressionError(f"only numbers and parameter names are allowed, found {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExpressionError(f"number {value!r} is not finite")
        frac = Fraction(repr(value))
        return sympy.Rational(frac.numerator, frac.denominator)
    if abs(value).bit_length() > MAX_DIGITS * 4:
        raise ExpressionError(f"integer literal with more than {MAX_DIGITS} digits refused")
    return sympy.Integer(value)


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:12] + "..." + text[-6:]


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    if exponent.is_number:
        if not exponent.is_real or abs(exponent) > MAX_EXPONENT:
            raise ExpressionError(f"exponent {exponent} is too large (at most {MAX_EXPONENT} in size)")
        if base.is_Rational and base != 0:
            bits = max(int(base.p).bit_length(), int(base.q).bit_length())
            digits = float(abs(exponent)) * bits * math.log10(2)
            if digits > MAX_DIGITS:
                raise ExpressionError(f"a power of {_short(base)} with exponent {exponent} would have "
                                      f"about {digits:.0f} digits; refused")
        if base == 0 and exponent.is_negative:
            raise ExpressionError("0 raised to a negative power is undefined")
    return sympy.Pow(base, exponent)


_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: _power,
}
_UNARY = {ast.UAdd: lambda a: a, ast.USub: lambda a: -a}


def _translate(node: ast.AST, symbols: dict, depth: int) -> sympy.Expr:
    if depth > _MAX_DEPTH:
        raise ExpressionError(f"expression nested more than {_MAX_DEPTH} levels deep")
    if isinstance(node, ast.Constant):
        return _number(node)
    if isinstance(node, ast.Name):
        if node.id in symbols:
            return symbols[node.id]
        hint = _suggest(node.id, symbols)
        if node.id in FUNCTIONS:
            hint = f"; {node.id} is a function and must be called"
        raise ExpressionError(f"unknown name {node.id!r}{hint}"
                              f"{'' if hint else '; declared parameters: ' + ', '.join(sorted(symbols))}")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left = _translate(node.left, symbols, depth + 1)
        right = _translate(node.right, symbols, depth + 1)
        if isinstance(node.op, ast.Div) and right.is_zero:
            raise ExpressionError("division by zero")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_translate(node.operand, symbols, depth + 1))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            found = f"{node.func.id!r}" if isinstance(node.func, ast.Name) else "an expression"
            raise ExpressionError(f"calls are allowed only to {', '.join(FUNCTIONS)}; found a call of {found}")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise ExpressionError(f"{node.func.id}() takes plain positional arguments only")
        args = [_translate(a, symbols, depth + 1) for a in node.args]
        needed = {"min": None, "max": None}.get(node.func.id, 1)
        if (needed is None and not args) or (needed is not None and len(args) != needed):
            raise ExpressionError(f"{node.func.id}() got {len(args)} arguments")
        return FUNCTIONS[node.func.id](*args)
    raise ExpressionError(f"{_describe(node)} is not allowed in a payoff expression "
                          f"(only numbers, parameter names, + - * / ** and {', '.join(FUNCTIONS)})")


def _describe(node: ast.AST) -> str:
    names = {ast.Attribute: "attribute access", ast.Subscript: "indexing", ast.Lambda: "a lambda",
             ast.ListComp: "a comprehension", ast.SetComp: "a comprehension",
             ast.DictComp: "a comprehension", ast.GeneratorExp: "a comprehension",
             ast.Compare: "a comparison", ast.BoolOp: "a boolean operator",
             ast.IfExp: "a conditional expression", ast.NamedExpr: "an assignment expression",
             ast.JoinedStr: "an f-string", ast.Starred: "unpacking"}
    if isinstance(node, ast.BinOp):
        return f"the operator {type(node.op).__name__}"
    if isinstance(node, ast.UnaryOp):
        return f"the unary operator {type(node.op).__name__}"
    return names.get(type(node), type(node).__name__)


def _parse_tree(text) -> ast.AST:
    """Check the raw input and return the body of its Python expression tree."""
    if isinstance(text, bool):
        raise ExpressionError(f"expected an expression, found the boolean {text!r}")
    if isinstance(text, (int, float)):
        text = repr(text)
    if not isinstance(text, str):
        raise ExpressionError(f"expected an expression string, found {type(text).__name__} {text!r}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters refused")
    if not text.strip():
        raise ExpressionError("empty expression")
    try:
        return ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise ExpressionError(f"not a valid expression: {text!r} ({exc.msg})") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError(f"expression too deeply nested or malformed: {text[:40]!r}...") from None


def _finite(node: ast.AST, symbols: dict, text) -> sympy.Expr:
    try:
        result = _translate(node, symbols, 0)
    except RecursionError:
        raise ExpressionError("expression too deeply nested") from None
    if result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ExpressionError(f"expression {text!r} is not finite")
    return result


_RELATIONS = {ast.Lt: sympy.StrictLessThan, ast.LtE: sympy.LessThan,
              ast.Gt: sympy.StrictGreaterThan, ast.GtE: sympy.GreaterThan}


def parse_condition(text, symbols: dict) -> sympy.core.relational.Relational:
    """Translate a condition such as ``"c_h > c_s"`` (one of ``< <= > >=``) into sympy.

    Both sides follow the rules of :func:`parse_expression`.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> parse_condition("a + 1 >= 2*b", {"a": a, "b": b})
    a + 1 >= 2*b
    """
    tree = _parse_tree(text)
    if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1 and type(tree.ops[0]) in _RELATIONS):
        raise ExpressionError(f"a condition compares two expressions with one of < <= > >=, found {text!r}")
    left = _finite(tree.left, symbols, text)
    right = _finite(tree.comparators[0], symbols, text)
    return _RELATIONS[type(tree.ops[0])](left, right, evaluate=False)


def parse_expression(text, symbols: dict) -> sympy.Expr:
    """Translate one expression string into sympy, allowing only the whitelist.

    Parameters
    ----------
    text : str or int or float
        The expression; a bare number is accepted too.
    symbols : dict
        Declared parameter names -> sympy symbols.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ExpressionError
        For anything outside the whitelist, unknown names (with the nearest
        declared name as a suggestion), syntax errors, and oversized input.

    Examples
    --------
    >>> E = sympy.Symbol("E")
    >>> parse_expression("E**2 + 0.5", {"E": E})
    E**2 + 1/2
    >>> parse_expression("thetta", {"theta": sympy.Symbol("theta")})
    Traceback (most recent call last):
    ...
    sbgames.expr.ExpressionError: unknown name 'thetta'; did you mean 'theta'?
    >>> parse_expression("9**9**9**9", {})
    Traceback (most recent call last):
    ...
    sbgames.expr.ExpressionError: exponent 387420489 is too large (at most 1000 in size)
    """
    return _finite(_parse_tree(text), symbols, text)


class _NotRational(Exception):
    """Raised inside exact evaluation when a value leaves the rationals."""


_FLOAT_FUNCTIONS = {sympy.exp: math.exp, sympy.log: math.log}


def _eval(expr: sympy.Expr, values: dict, exact: bool):
    if expr.is_Symbol:
        return values[expr.name] if exact else float(values[expr.name])
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q)) if exact else int(expr.p) / int(expr.q)
    if expr.is_Number or expr.is_NumberSymbol:
        if exact:
            raise _NotRational
        return float(expr)
    args = [_eval(a, values, exact) for a in expr.args]
    if expr.is_Add:
        return sum(args[1:], args[0])
    if expr.is_Mul:
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if expr.is_Pow:
        base, exponent = args
        if abs(exponent) > MAX_EXPONENT:
            raise ValueError(f"exponent {exponent} is too large (at most {MAX_EXPONENT} in size)")
        if base == 0 and exponent < 0:
            raise ValueError("division by zero (0 raised to a negative power)")
        if exact:
            if Fraction(exponent).denominator != 1:
                raise _NotRational
            size = max(base.numerator.bit_length(), base.denominator.bit_length())
            if size * abs(exponent) > MAX_DIGITS * 4:
                raise ValueError(f"{base}**{exponent} would have more than {MAX_DIGITS} digits")
            return base ** int(exponent)
        if base < 0 and not float(exponent).is_integer():
            raise ValueError(f"negative base {base} raised to the fractional power {exponent}")
        return math.pow(base, exponent)
    if isinstance(expr, sympy.Min):
        return min(args)
    if isinstance(expr, sympy.Max):
        return max(args)
    if isinstance(expr, sympy.Abs):
        return abs(args[0])
    if exact:
        raise _NotRational
    if expr.func in _FLOAT_FUNCTIONS:
        return _FLOAT_FUNCTIONS[expr.func](args[0])
    raise ValueError(f"cannot evaluate {expr.func.__name__}")


def evaluate(expr: sympy.Expr, values: dict):
    """Evaluate a parsed expression at numeric parameter values.

    The result is an exact :class:`~fractions.Fraction` whenever the
    expression is rational at these values, and a float otherwise (``exp``,
    ``log``, fractional powers).  Evaluation never hands big numbers to
    sympy, so it cannot hang: exponents are capped at :data:`MAX_EXPONENT`.

    Parameters
    ----------
    expr : sympy.Expr
        An expression built by :func:`parse_expression`.
    values : dict
        Parameter name -> Fraction.

    Raises
    ------
    ValueError
        If the value is undefined or not finite (division by zero, log of a
        non-positive number, overflow).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> evaluate(parse_expression("x**2/3 - 1", {"x": x}), {"x": Fraction(1, 2)})
    Fraction(-11, 12)
    >>> evaluate(parse_expression("exp(x)", {"x": x}), {"x": Fraction(0)})
    1.0
    """
    try:
        try:
            return _eval(expr, values, exact=True)
        except _NotRational:
            result = _eval(expr, values, exact=False)
    except ZeroDivisionError:
        raise ValueError("division by zero") from None
    except OverflowError:
        raise ValueError("the value is too large") from None
    except ValueError as exc:
        raise ValueError(str(exc) if "math domain" not in str(exc) else "outside the function's domain") from None
    if not math.isfinite(result):
        raise ValueError(f"the value {result} is not finite")
    return result


def compile_expression(expr, names, modules="numpy"):
    """A fast numeric function of the parameters `names` (positional, in that order).

    Symbols are matched by name, whatever their assumptions, and renamed to
    private dummies before :func:`sympy.lambdify` generates code, so that a
    parameter called ``e``, ``pi`` or ``greater_equal`` cannot collide with a
    name of the generated code (``exp(1)`` is printed as ``e``).

    Examples
    --------
    >>> e = sympy.Symbol("e", positive=True)
    >>> f = compile_expression(sympy.Gt(sympy.E, e), ["e"])
    >>> bool(f(2.0)), bool(f(3.0))
    (True, False)
    """
    names = list(names)
    safe = [sympy.Symbol(f"_sbgames_arg{k}") for k in range(len(names))]
    by_name = dict(zip(names, safe))
    items = list(_flatten(expr)) if isinstance(expr, (list, tuple)) else [expr]
    mapping = {s: by_name[s.name] for item in items for s in getattr(item, "free_symbols", ())
               if s.name in by_name}
    expr = _replace(expr, mapping) if isinstance(expr, (list, tuple)) else expr.xreplace(mapping)
    return sympy.lambdify(safe, expr, modules=modules)


def _flatten(items):
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        else:
            yield item


def _replace(items, mapping):
    return [_replace(i, mapping) if isinstance(i, (list, tuple)) else i.xreplace(mapping) for i in items]
