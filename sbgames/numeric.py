"""Conversion of payoff values between the three arithmetics sbgames uses.

A payoff is *exact* (a :class:`fractions.Fraction`), *float* (a finite binary
float) or *symbolic* (a sympy expression with free parameters).  This module
decides which kind a value is and converts between kinds, refusing values that
are not numbers (strings, booleans, complex numbers, ``None``) with a
``TypeError`` and non-finite numbers with an :class:`~sbgames.errors.InputError`
(a ``ValueError``).

Floats become fractions through their shortest decimal representation, so
``0.1`` becomes ``1/10`` rather than ``3602879701896397/36028797018963968``:
that is the number a person who typed ``0.1`` meant.

Examples
--------
>>> to_fraction(0.25)
Fraction(1, 4)
>>> to_fraction(0.1)
Fraction(1, 10)
>>> kind_of(3), kind_of(0.5)
('exact', 'float')
"""

from __future__ import annotations

import math
import numbers
import re
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import sympy

from .errors import InputError, InputTypeError
from .expr import check_size, exact_decimal

__all__ = ["kind_of", "to_fraction", "to_float", "to_sympy", "format_number", "parse_number", "KINDS"]

#: The payoff kinds, from the most to the least specific.
KINDS = ("exact", "float", "symbolic")
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*/\s*\d+)?\s*")


def _describe(value) -> str:
    text = str(value)  # the user's notation: 1/3, not Fraction(1, 3)
    return text if len(text) <= 60 else text[:57] + "..."


def kind_of(value) -> str:
    """Return ``"exact"``, ``"float"`` or ``"symbolic"`` for one payoff value.

    Raises
    ------
    TypeError
        If `value` is not a real number or a sympy expression.
    InputError
        If `value` is a non-finite number (``inf`` or ``nan``).

    Examples
    --------
    >>> kind_of(Fraction(1, 3)), kind_of(sympy.Symbol("g") + 1)
    ('exact', 'symbolic')
    """
    if isinstance(value, (bool, np.bool_)):
        raise InputTypeError(f"payoff must be a number, not the boolean {value!r}")
    if isinstance(value, (numbers.Rational, np.integer)):
        return "exact"
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise InputError(f"payoff must be finite, got {_describe(value)}")
        return "float"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(f"payoff must be finite, got {_describe(value)}")
        return "exact"
    if isinstance(value, sympy.Basic):
        if not isinstance(value, sympy.Expr):
            raise InputTypeError(f"payoff must be a number or expression, got {_describe(value)}")
        if value.free_symbols:
            if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I):
                raise InputError(f"payoff must be a finite real expression, got {_describe(value)}")
            return "symbolic"
        if value.is_Rational:
            return "exact"
        if value.is_real and value.is_finite:
            return "float"
        if value.is_real is False and value.is_finite:
            raise InputTypeError(f"payoff must be a real number, got the complex number {_describe(value)}")
        raise InputError(f"payoff must be a finite real number, got {_describe(value)}")
    raise InputTypeError(f"payoff must be a real number, got {type(value).__name__} {_describe(value)}")


def to_fraction(value) -> Fraction:
    """Convert a finite real number to a :class:`~fractions.Fraction`.

    Floats go through their shortest decimal representation (``0.1 -> 1/10``).

    Examples
    --------
    >>> to_fraction(sympy.Rational(2, 3))
    Fraction(2, 3)
    >>> to_fraction(np.int64(7))
    Fraction(7, 1)
    """
    kind = kind_of(value)
    if kind == "symbolic":
        raise InputTypeError(f"cannot convert the symbolic expression {_describe(value)} to a number")
    if isinstance(value, sympy.Basic):
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))
        value = float(value)
    if isinstance(value, (float, np.floating)):
        return Fraction(repr(float(value)))
    if isinstance(value, np.integer):
        return Fraction(int(value))
    return Fraction(value)


def to_float(value) -> float:
    """Convert a finite real number to a Python float, refusing overflow.

    Examples
    --------
    >>> to_float(Fraction(1, 4))
    0.25
    """
    kind = kind_of(value)
    if kind == "symbolic":
        raise InputTypeError(f"cannot convert the symbolic expression {_describe(value)} to a number")
    try:
        result = float(value)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise InputError(f"payoff {_describe(value)} is too large for a float; solve with exact arithmetic "
                         "(exact=True, --exact)")
    if result == 0 and value != 0:
        raise InputError(f"payoff {_describe(value)} is too small for a float (it would be read as 0); solve "
                         "with exact arithmetic (exact=True, --exact)")
    return result


def to_sympy(value) -> sympy.Expr:
    """Convert a number or expression to a sympy expression (exactly where possible).

    Examples
    --------
    >>> to_sympy(0.5)
    1/2
    """
    kind = kind_of(value)
    if kind == "symbolic" or isinstance(value, sympy.Basic):
        return value if kind == "symbolic" or value.is_Rational else sympy.Float(value)
    frac = to_fraction(value)
    return sympy.Rational(frac.numerator, frac.denominator)


def format_number(value, scale: float = 1.0) -> str:
    """A number for people: fractions exactly, floats to 6 significant digits.

    Float rounding noise around zero (below ``1e-12 * scale`` in size) prints
    as ``0``.  `scale` is the size of the numbers `value` is computed from:
    1 for probabilities, :func:`sbgames.game.payoff_scale` for payoffs, so
    that payoffs in tiny units are not printed as 0.

    Examples
    --------
    >>> format_number(Fraction(2, 3)), format_number(0.1 + 0.2), format_number(-5.9e-16)
    ('2/3', '0.3', '0')
    >>> format_number(3e-13), format_number(3e-13, scale=5e-13)
    ('0', '3e-13')
    """
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, (float, np.floating)):
        return "0" if abs(value) < 1e-12 * scale else f"{float(value):.6g}"
    return str(value)


def parse_number(value) -> Fraction:
    """Read a parameter value: a number, or a string such as ``"2/3"`` or ``"0.25"``.

    Strings are matched against a strict numeric pattern, never evaluated.
    Decimals (strings and :class:`~decimal.Decimal`) are read exactly, digit
    for digit; a number whose numerator or denominator would have more than
    :data:`sbgames.expr.MAX_DIGITS` digits is refused.

    Raises
    ------
    InputError
        A string that is not a number, or a division by zero.
    InputTypeError
        Not a number (a symbolic expression, ``None``, a boolean, ...).

    Examples
    --------
    >>> parse_number("2/3"), parse_number(0.5), parse_number("1e-2")
    (Fraction(2, 3), Fraction(1, 2), Fraction(1, 100))
    >>> parse_number("0.10000000000000000001") == Fraction(10**19 + 1, 10**20)
    True
    >>> parse_number("2**10")
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: '2**10' is not a number (write an integer, a decimal or a fraction p/q)
    """
    if isinstance(value, str):
        if not _NUMBER.fullmatch(value):
            raise InputError(f"{value!r} is not a number (write an integer, a decimal or a fraction p/q)")
        num, _, den = value.replace(" ", "").partition("/")
        divisor = exact_decimal(den or "1")
        if divisor == 0:
            raise InputError(f"{value!r} divides by zero")
        return check_size(exact_decimal(num) / divisor, value)
    if isinstance(value, Decimal):
        return exact_decimal(value)
    if isinstance(value, sympy.Basic) and not value.is_number:
        raise InputTypeError(f"a parameter value must be a number, got the expression {value}")
    if isinstance(value, float) and len(repr(value).lstrip("-").replace(".", "").lstrip("0")) >= 16:
        warnings.warn(f"the float {value!r} is used exactly as {to_fraction(value)}; if you meant a "
                      f"fraction such as 2/3, pass Fraction(2, 3) or the string '2/3'", stacklevel=3)
    try:
        return check_size(to_fraction(value), value)
    except TypeError:
        raise InputTypeError(f"a parameter value must be a number, got {type(value).__name__} {value!r}") from None
