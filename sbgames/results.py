"""The one interface of closed-form results, and the JSON form of their numbers.

A *closed-form result* is an equilibrium (or a family of equilibria) stated
in the model's parameters, with the condition under which it holds: a
support branch of a normal-form model
(:class:`~sbgames.solvers.symbolic.Branch`), a subgame-perfect branch of a
game tree, a perfect Bayesian equilibrium of a signalling game.  Whatever
its family, it offers :class:`ClosedFormResult`:

``label``
    A short name (``"Revise / Soft"``).
``conditions``
    When it holds, one sympy boolean (``sympy.true`` where it always does).
``holds_at(values)``
    Whether the conditions hold at a parameter point, exactly; the point is
    a mapping, or keywords (``holds_at(theta=4, lam=2)``), or both.
``describe()``
    One line of plain text.
``to_dict()``
    JSON-ready data: the label, the condition as text, payoffs keyed by
    player name; every number as :func:`number_json` gives it and every
    expression as :func:`expression_json` gives it.

A result of a payoff-table model also has ``strategies``: each player's
mixed strategy as expressions (one tuple per player), or None for a family
not stated as a profile of mixed strategies (a cut-point family states
cut-points).  A game tree's branch gives its moves at nodes there.

Regions, cases and the command line use only this interface, so they need
no check of which family a result comes from.  A phase diagram names the
set of equilibria at a point with a *region label* (:func:`set_label`): a
collection of closed forms labels the branches that hold at a point
(``closed_forms.region_label(holding)``) and a numeric result labels
itself (``result.region_label()``).  Normal-form and cut-point results are
named by their supports (:func:`supports_label`), a game tree's by its
paths of play (``'Restrain -> Bandwagon (unique)'``).

Examples
--------
>>> from fractions import Fraction
>>> number_json(Fraction(1, 2))
{'exact': '1/2', 'float': 0.5}
>>> number_json(0.4999999999999996)
{'exact': None, 'float': 0.5}
>>> a = sympy.Symbol("a")
>>> expression_json(a / 2), expression_json(sympy.Rational(3, 4))
({'expression': 'a/2'}, {'exact': '3/4', 'float': 0.75})
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Protocol, runtime_checkable

import numpy as np
import sympy

from .cache import expression_text
from .conditions import condition_text
from .errors import InputTypeError

__all__ = ["ClosedFormResult", "ClosedFormMixin", "number_json", "expression_json", "merge_values",
           "FLOAT_DIGITS", "PURE_ONLY", "NO_PURE", "INCOMPLETE", "UNCLASSIFIED", "set_label", "profile_label",
           "supports_label"]

#: What a pure-only search leaves out, as every label of such a point says.
PURE_ONLY = "pure equilibria only; mixed not searched"
#: The label of a point where a pure-only search found nothing (mixed equilibria exist: Nash's theorem).
NO_PURE = "no pure equilibrium (mixed equilibria not searched)"
#: What a search that is not complete leaves out (an N-player closed-form result, say).
INCOMPLETE = "not complete: some equilibria may be missing"
#: The label of a grid point no closed-form branch covers (before it is solved numerically).
UNCLASSIFIED = "not classified (no closed-form branch holds here)"

#: Significant digits a float keeps in JSON when no tolerance is stated (drops noise such as 0.4999999999999996).
FLOAT_DIGITS = 12


def number_json(value, tol: float | None = None) -> dict:
    """A number as JSON-ready data: ``{"exact": "p/q" or None, "float": x}``.

    Exact numbers (integers, fractions, sympy rationals) keep their exact
    text and add their float.  A float has ``"exact": None`` and is rounded:
    to the decimal places of `tol` when a tolerance is stated (``1e-9``
    keeps 9 places), else to :data:`FLOAT_DIGITS` significant digits.

    Parameters
    ----------
    value : int, Fraction, float or sympy number
    tol : float, optional
        The absolute tolerance the float was computed to.

    Raises
    ------
    InputTypeError
        If `value` is not a real number (a boolean, a string, a symbolic expression).

    Examples
    --------
    >>> number_json(3), number_json(Fraction(-2, 3))
    ({'exact': '3', 'float': 3.0}, {'exact': '-2/3', 'float': -0.6666666666666666})
    >>> number_json(0.123456789123, tol=1e-6)
    {'exact': None, 'float': 0.123457}
    >>> number_json(-1e-17, tol=1e-9)
    {'exact': None, 'float': 0.0}
    """
    if isinstance(value, (bool, np.bool_)):
        raise InputTypeError(f"a number is needed, not the boolean {value!r}")
    if isinstance(value, sympy.Basic):
        if not value.is_Rational:
            if value.is_number and value.is_real:
                return number_json(float(value), tol)
            raise InputTypeError(f"a real number is needed, got {value}")
        value = Fraction(int(value.p), int(value.q))
    if isinstance(value, (numbers.Rational, np.integer, Decimal)):
        exact = Fraction(value) if not isinstance(value, np.integer) else Fraction(int(value))
        return {"exact": str(exact), "float": float(exact)}
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if not math.isfinite(x):
            return {"exact": None, "float": None}
        if tol is not None and tol > 0:
            x = round(x, max(0, math.ceil(-math.log10(tol))))
        else:
            x = float(f"{x:.{FLOAT_DIGITS}g}")
        return {"exact": None, "float": x if x != 0 else 0.0}
    raise InputTypeError(f"a real number is needed, got {type(value).__name__} {value!r}")


def expression_json(expr, tol: float | None = None) -> dict:
    """An expression as JSON-ready data: :func:`number_json` when it is a number, else ``{"expression": text}``.

    The text is the model-file syntax, which :func:`sbgames.expr.parse_expression` reads back.

    Examples
    --------
    >>> expression_json(sympy.Symbol("c_s") / (sympy.Symbol("theta") - 1))
    {'expression': 'c_s/(theta - 1)'}
    >>> expression_json(0.25)
    {'exact': None, 'float': 0.25}
    """
    if isinstance(expr, sympy.Basic) and expr.free_symbols:
        return {"expression": expression_text(expr)}
    return number_json(expr, tol)


def merge_values(values: Mapping | None, more: Mapping) -> dict:
    """One parameter point from a mapping and keywords (keywords win).

    Examples
    --------
    >>> merge_values({"a": 1, "b": 2}, {"b": 3})
    {'a': 1, 'b': 3}
    """
    if values is not None and not isinstance(values, Mapping):
        raise InputTypeError(f"a parameter point is a mapping of names to values, got {type(values).__name__}")
    return {**(values or {}), **more}


@runtime_checkable
class ClosedFormResult(Protocol):
    """What every closed-form result offers (see the module docstring).

    Examples
    --------
    >>> from sbgames import load_model
    >>> branch = load_model("core").symbolic_equilibria()[0]
    >>> isinstance(branch, ClosedFormResult)
    True
    """

    @property
    def label(self) -> str: ...

    @property
    def conditions(self): ...

    def holds_at(self, values: Mapping | None = None, /, **more) -> bool: ...

    def describe(self) -> str: ...

    def to_dict(self) -> dict: ...


class ClosedFormMixin:
    """The parts of :class:`ClosedFormResult` every family words the same way.

    A class using it supplies ``label``, ``conditions`` and
    :meth:`result_data` (its own fields, JSON-ready); the mixin gives
    :meth:`to_dict` with the common keys first: ``label``, ``description``,
    ``conditions`` (plain text) and ``always`` (whether the condition is
    ``sympy.true``).
    """

    def result_data(self) -> dict:
        """The family's own JSON-ready fields (payoffs keyed by player name)."""
        raise NotImplementedError

    def to_dict(self) -> dict:
        """A JSON-ready description: ``label``, ``description``, ``conditions``, ``always`` and the family's fields."""
        return {"label": self.label, "description": self.describe(),
                "conditions": condition_text(self.conditions), "always": self.conditions is sympy.true,
                **self.result_data()}


def set_label(names, left_out: str | None = None) -> str:
    """The region label of a point from the names of its equilibria (one entry per equilibrium).

    `left_out` says what the search did not cover (None: the result is
    complete); only a complete result with one equilibrium, not a mixed
    one, is called ``"(unique)"``.

    Examples
    --------
    >>> set_label(["Restrain -> Bandwagon"])
    'Restrain -> Bandwagon (unique)'
    >>> set_label(["Revise -> Soft", "Restrain -> Bandwagon"], left_out=PURE_ONLY)
    'multiple: Restrain -> Bandwagon; Revise -> Soft (pure equilibria only; mixed not searched)'
    >>> set_label([], left_out=PURE_ONLY)
    'no pure equilibrium (mixed equilibria not searched)'
    """
    names = list(names)
    distinct = sorted(set(names))
    if not distinct:
        return NO_PURE if left_out == PURE_ONLY else f"none listed ({left_out})" if left_out else UNCLASSIFIED
    body = distinct[0] if len(distinct) == 1 else "multiple: " + "; ".join(distinct)
    if left_out:
        return f"{body} ({left_out})"
    return f"{body} (unique)" if len(names) == 1 and not body.startswith("mixed") else body


def profile_label(supports, strategy_names=None) -> str:
    """A readable name for a support profile: ``"Revise / Soft"`` or
    ``"mixed: Revise-Restrain x Soft-Bandwagon"``.

    Examples
    --------
    >>> profile_label((("Revise",), ("Soft", "Bandwagon")))
    'mixed: Revise x Soft-Bandwagon'
    """
    if all(len(s) == 1 for s in supports):
        return " / ".join(s[0] for s in supports)
    return "mixed: " + " x ".join("-".join(s) for s in supports)


def supports_label(supports_list, left_out: str | None = None) -> str:
    """The region label of a point with these equilibrium supports (one tuple of tuples per equilibrium).

    Equilibria with the same supports count once.

    Examples
    --------
    >>> supports_label([(("Revise",), ("Soft",))])
    'Revise / Soft (unique)'
    >>> supports_label([(("Revise",), ("Soft",)), (("Revise",), ("Hard",))])
    'multiple: Revise / Hard; Revise / Soft'
    """
    return set_label([profile_label(s) for s in sorted(set(supports_list))], left_out)
