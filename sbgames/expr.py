"""Safe parsing of payoff expressions: model files are data, never code.

A payoff string such as ``"(1 - e_s)*g - lam*l"`` is parsed with Python's
:mod:`ast` module and translated node by node into a sympy expression.  Only
a whitelist is accepted:

* numbers (integers and decimals); a decimal is read from its text as an
  exact rational (``0.10000000000000000001`` and ``1e-400`` keep every
  digit, they never pass through a binary float),
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

Sizes are guarded so that a file cannot hang the loader: a numeric
exponent must be at most :data:`MAX_EXPONENT` in size, and every exact number,
whether written or computed (a power, a product), has at most
:data:`MAX_DIGITS` digits in its numerator and its denominator; a power
that would break this is refused before it is computed (``9**9**9**9`` is
refused, not computed).

Examples
--------
>>> import sympy
>>> g, lam = sympy.Symbol("g"), sympy.Symbol("lam")
>>> parse_expression("(1 - 1/2)*g - lam*2", {"g": g, "lam": lam})
g/2 - 2*lam
>>> parse_expression("__import__('os').system('echo hi')", {})
Traceback (most recent call last):
...
sbgames.errors.ExpressionError: calls are allowed only to min, max, abs, exp, log, sqrt; found a call of an expression
"""

from __future__ import annotations

import ast
import difflib
import math
import numbers
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import sympy
from .errors import ExpressionError, InputError, SbgamesError

__all__ = ["ExpressionError", "parse_expression", "parse_condition", "evaluate", "compile_expression", "exact_decimal",
           "check_size", "FUNCTIONS", "MAX_EXPONENT", "MAX_DIGITS", "MAX_LENGTH"]

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
#: Most decimal digits in the numerator or the denominator of an exact number.
MAX_DIGITS = 1000
#: Longest expression string accepted (characters).
MAX_LENGTH = 2000
_MAX_DEPTH = 100
_TOO_BIG = 10 ** MAX_DIGITS  # the smallest number with more than MAX_DIGITS digits


def check_size(value: Fraction, shown) -> Fraction:
    """Return `value`, refusing it if its numerator or denominator has more than :data:`MAX_DIGITS` digits.

    Examples
    --------
    >>> check_size(Fraction(1, 10**999), "1e-999") == Fraction(1, 10**999)
    True
    >>> check_size(Fraction(10**1000), "1e1000")
    Traceback (most recent call last):
    ...
    sbgames.errors.ExpressionError: the number 1e1000 has more than 1000 digits (numerator or denominator)
    """
    if abs(value.numerator) >= _TOO_BIG or value.denominator >= _TOO_BIG:
        raise ExpressionError(f"the number {_short(shown)} has more than {MAX_DIGITS} digits (numerator or denominator)")
    return value


def exact_decimal(text) -> Fraction:
    """The exact value of a decimal number written as text (or a :class:`~decimal.Decimal`).

    Every written digit counts: the text never passes through a binary float.
    Numbers with more than :data:`MAX_DIGITS` digits (before or after the
    decimal point) are refused before they are built.

    Raises
    ------
    ExpressionError
        Not a decimal number, not finite, or too large.

    Examples
    --------
    >>> exact_decimal("0.10000000000000000001")
    Fraction(10000000000000000001, 100000000000000000000)
    >>> exact_decimal("1e-400") == Fraction(1, 10**400)
    True
    >>> exact_decimal("1e999999999")
    Traceback (most recent call last):
    ...
    sbgames.errors.ExpressionError: the number 1e999999999 has more than 1000 digits (numerator or denominator)
    """
    try:
        number = text if isinstance(text, Decimal) else Decimal(text)
    except (InvalidOperation, ValueError, TypeError):
        raise ExpressionError(f"{_short(text)!r} is not a decimal number") from None
    if not number.is_finite():
        raise ExpressionError(f"the number {_short(text)} is not finite")
    _, digits, exponent = number.as_tuple()
    if len(digits) + exponent > MAX_DIGITS + 1 or -exponent > MAX_DIGITS + 1:  # cheap bound before building
        check_size(Fraction(_TOO_BIG), text)
    return check_size(Fraction(number), text)


def _suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _number(node: ast.Constant, text: str) -> sympy.Expr:
    """A numeric literal; a decimal is read from its text in `text` (never through its float)."""
    value = node.value
    if isinstance(value, float):
        value = exact_decimal(ast.get_source_segment(text, node).replace("_", ""))
    if isinstance(value, bool) or not isinstance(value, numbers.Rational):
        raise ExpressionError(f"only numbers and parameter names are allowed, found {value!r}")
    value = check_size(Fraction(value), value)
    return sympy.Rational(value.numerator, value.denominator)


_INFINITE = tuple(type(x) for x in (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo))


def _check_numbers(expr: sympy.Expr, text) -> sympy.Expr:
    """Return `expr`, refusing it if it is not finite, if a rational inside has more than
    :data:`MAX_DIGITS` digits, or if a power inside has a numeric exponent beyond :data:`MAX_EXPONENT`
    (``(g**1000)**1000`` and ``g**1000*g**1000`` are built as one power)."""
    for node in sympy.preorder_traversal(expr):  # one pass over the expression
        if node.is_Rational:
            if abs(node.p) >= _TOO_BIG or node.q >= _TOO_BIG:
                check_size(Fraction(int(node.p), int(node.q)), node)
        elif isinstance(node, _INFINITE):
            raise ExpressionError(f"expression {text!r} is not finite")
        elif node.is_Pow and node.exp.is_number and abs(node.exp) > MAX_EXPONENT:
            raise ExpressionError(f"{_short(node)} has an exponent larger than {MAX_EXPONENT} in size "
                                  f"(in {_short(text)!r})")
    return expr


def _size(expr: sympy.Expr) -> float:
    """About how many digits the largest rational number inside `expr` has (a cheap upper estimate)."""
    return sum(math.log10(max(abs(int(r.p)), int(r.q), 1)) for r in expr.atoms(sympy.Rational))


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:12] + "..." + text[-6:]


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    if exponent.is_number:
        if not exponent.is_real:
            raise ExpressionError(f"exponent {exponent} is not a real number")
        if abs(exponent) > MAX_EXPONENT:
            raise ExpressionError(f"exponent {exponent} is too large (at most {MAX_EXPONENT} in size)")
        numbers = sympy.Mul(*(f for f in sympy.Mul.make_args(base) if f.is_number))  # (2*g)**k is 2**k*g**k
        if numbers != 0:
            digits = float(abs(exponent)) * _size(numbers)
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


def _translate(node: ast.AST, symbols: dict, depth: int, text: str) -> sympy.Expr:
    """Translate one node of the tree of `text`.

    Sums and products of literals grow by at most the digits written, so
    their size is checked once, at the end (:func:`_finite`); powers and
    function calls, which could grow much more, check their arguments first.
    """
    if depth > _MAX_DEPTH:
        raise ExpressionError(f"expression nested more than {_MAX_DEPTH} levels deep")
    if isinstance(node, ast.Constant):
        return _number(node, text)
    if isinstance(node, ast.Name):
        if node.id in symbols:
            return symbols[node.id]
        hint = _suggest(node.id, symbols)
        if node.id in FUNCTIONS:
            hint = f"; {node.id} is a function and must be called"
        raise ExpressionError(f"unknown name {node.id!r}{hint}"
                              f"{'' if hint else '; declared parameters: ' + ', '.join(sorted(symbols))}")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left = _translate(node.left, symbols, depth + 1, text)
        right = _translate(node.right, symbols, depth + 1, text)
        if isinstance(node.op, ast.Div) and right.is_zero:
            raise ExpressionError("division by zero")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_translate(node.operand, symbols, depth + 1, text))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            found = f"{node.func.id!r}" if isinstance(node.func, ast.Name) else "an expression"
            raise ExpressionError(f"calls are allowed only to {', '.join(FUNCTIONS)}; found a call of {found}")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise ExpressionError(f"{node.func.id}() takes plain positional arguments only")
        args = [_check_numbers(_translate(a, symbols, depth + 1, text), text) for a in node.args]
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


def _parse_tree(text) -> tuple[ast.AST, str]:
    """Check the raw input; return the body of its Python expression tree and the text parsed."""
    if isinstance(text, bool):
        raise ExpressionError(f"expected an expression, found the boolean {text!r}")
    if isinstance(text, float) and not math.isfinite(text) or isinstance(text, Decimal) and not text.is_finite():
        raise ExpressionError(f"the number {text} is not finite")
    if isinstance(text, (numbers.Rational, float, Decimal)):
        text = repr(text) if isinstance(text, float) else str(text)
    if not isinstance(text, str):
        raise ExpressionError(f"expected an expression string, found {type(text).__name__} {text!r}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters refused")
    if not text.strip():
        raise ExpressionError("empty expression")
    source = text.strip()
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError as exc:
        raise ExpressionError(f"not a valid expression: {text!r} ({exc.msg})") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError(f"expression too deeply nested or malformed: {text[:40]!r}...") from None
    return tree, source


def _finite(node: ast.AST, source: str, symbols: dict, text) -> sympy.Expr:
    try:
        return _check_numbers(_translate(node, symbols, 0, source), text)
    except RecursionError:
        raise ExpressionError("expression too deeply nested") from None


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
    tree, source = _parse_tree(text)
    if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1 and type(tree.ops[0]) in _RELATIONS):
        raise ExpressionError(f"a condition compares two expressions with one of < <= > >=, found {text!r}")
    left = _finite(tree.left, source, symbols, text)
    right = _finite(tree.comparators[0], source, symbols, text)
    return _RELATIONS[type(tree.ops[0])](left, right, evaluate=False)


def parse_expression(text, symbols: dict) -> sympy.Expr:
    """Translate one expression string into sympy, allowing only the whitelist.

    Parameters
    ----------
    text : str or number
        The expression; a bare number (int, float, Decimal, Fraction) is
        accepted too.
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
    >>> parse_expression("1e-400 + 0.10000000000000000001", {}) == sympy.Rational(1, 10**400) + sympy.Rational(10**19 + 1, 10**20)
    True
    >>> parse_expression("thetta", {"theta": sympy.Symbol("theta")})
    Traceback (most recent call last):
    ...
    sbgames.errors.ExpressionError: unknown name 'thetta'; did you mean 'theta'?
    >>> parse_expression("9**9**9**9", {})
    Traceback (most recent call last):
    ...
    sbgames.errors.ExpressionError: exponent 387420489 is too large (at most 1000 in size)
    """
    return _finite(*_parse_tree(text), symbols, text)


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
            raise InputError(f"exponent {exponent} is too large (at most {MAX_EXPONENT} in size)")
        if base == 0 and exponent < 0:
            raise InputError("division by zero (0 raised to a negative power)")
        if exact:
            if Fraction(exponent).denominator != 1:
                raise _NotRational
            size = max(base.numerator.bit_length(), base.denominator.bit_length())
            if size * abs(exponent) > MAX_DIGITS * 4:
                raise InputError(f"{base}**{exponent} would have more than {MAX_DIGITS} digits")
            return base ** int(exponent)
        if base < 0 and not float(exponent).is_integer():
            raise InputError(f"negative base {base} raised to the fractional power {exponent}")
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
    raise ExpressionError(f"cannot evaluate {expr.func.__name__}")


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
    InputError
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
        raise InputError("division by zero") from None
    except OverflowError:
        raise InputError("the value is too large") from None
    except SbgamesError:
        raise
    except ValueError as exc:
        raise InputError(str(exc) if "math domain" not in str(exc) else "outside the function's domain") from None
    if not math.isfinite(result):
        raise InputError(f"the value {result} is not finite")
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
