"""Symbolic comparative statics: derivatives of equilibrium quantities and their signs.

For each branch of a model's symbolic equilibria, every equilibrium
probability and expected payoff is differentiated with respect to every
parameter.  The derivative is factored and its sign decided in two steps:

1. under the parameters' bounds and constraints alone
   (:class:`~sbgames.assumptions.ParameterSpace`);
2. if a factor could still vanish or change sign, on the *interior* of the
   branch's region: a factor that is non-negative under the bounds is
   strictly positive on the branch when setting it to zero contradicts one of
   the branch's conditions taken strictly.

The sign is reported as ``"positive"``, ``"negative"``, ``"zero"``,
``"nonnegative"``, ``"nonpositive"`` or ``None`` (undetermined).  A sign is
never reported without a proof from sympy; ``None`` means "not decided",
never "no effect".

Examples
--------
>>> from sbgames import load_model
>>> table = sign_table(load_model("core"))
>>> row = table.row("mixed: Revise-Restrain x Soft-Bandwagon", "Pr(T: Revise)")
>>> row["lam"], row["theta"], row["c_s"]
('zero', 'negative', 'positive')
>>> table.row("mixed: Revise-Restrain x Soft-Bandwagon", "Pr(S: Soft)")["lam"]
'negative'
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass

import sympy

from ..assumptions import ParameterSpace
from ..parameters import ParametrisedModel
from ..conditions import disjuncts
from .conditions import normal_form_branches

__all__ = ["Derivative", "SignTable", "derivatives", "sign_table", "branch_sign", "BOUNDARY_NOTE"]

#: The note under a sign table with branches that exist only on a boundary.
BOUNDARY_NOTE = ("* exists only on a boundary of the parameter space (an equation among its conditions: a set of "
                 "measure zero): its signs are derivatives of the formulas there, not comparative statics of a "
                 "region ({})")
_SYMBOL = {"positive": "+", "negative": "-", "zero": "0", "nonnegative": ">=0", "nonpositive": "<=0", None: "?"}


@dataclass(frozen=True)
class Derivative:
    """One comparative-statics result.

    Attributes
    ----------
    branch : str
        The branch label.
    quantity : str
        E.g. ``"Pr(S: Soft)"`` or ``"payoff T"``.
    parameter : str
    expression : sympy.Expr
        The derivative, factored.
    sign : str or None
    boundary : bool
        True when the branch exists only on a boundary (every case of its
        conditions contains an equation: a set of measure zero); its signs
        are then derivatives of formulas, not comparative statics of a region.
    """

    branch: str
    quantity: str
    parameter: str
    expression: sympy.Expr
    sign: str | None
    boundary: bool = False


def _solve_zero(factor: sympy.Expr):
    """A substitution making `factor` zero (one symbol solved linearly), or None."""
    for sym in sorted(factor.free_symbols, key=str):
        poly = sympy.Poly(factor, sym) if factor.is_polynomial(sym) else None
        if poly is not None and poly.degree() == 1:
            return {sym: sympy.solve(factor, sym)[0]}
    return None


def _strictly_nonzero_on(factor, atoms, space: ParameterSpace) -> bool:
    """True if ``factor == 0`` contradicts the strict interior of the region `atoms`."""
    subs = _solve_zero(factor)
    if subs is None:
        return False
    for atom in atoms:
        if isinstance(atom, (sympy.GreaterThan, sympy.LessThan)):
            strict = (sympy.StrictGreaterThan if isinstance(atom, sympy.GreaterThan) else sympy.StrictLessThan)(
                atom.lhs.xreplace(subs), atom.rhs.xreplace(subs))
            if space.decide(strict) is False:
                return True
        elif isinstance(atom, (sympy.StrictGreaterThan, sympy.StrictLessThan)):
            if space.decide(atom.xreplace(subs)) is False:
                return True
    return False


_COMBINE = {frozenset("+"): "positive", frozenset("-"): "negative", frozenset("0"): "zero",
            frozenset("+0"): "nonnegative", frozenset("-0"): "nonpositive"}


def _sign_from_atoms(factor, atoms, space: ParameterSpace) -> frozenset | None:
    """A strict sign for `factor` implied by an inequality of the region, if one is found."""
    for atom in atoms:
        if not isinstance(atom, (sympy.GreaterThan, sympy.StrictGreaterThan, sympy.LessThan,
                                 sympy.StrictLessThan)):
            continue
        diff = atom.lhs - atom.rhs if isinstance(atom, (sympy.GreaterThan, sympy.StrictGreaterThan)) \
            else atom.rhs - atom.lhs
        # on the interior the atom holds strictly: diff > 0
        if space.sign_set(factor - diff) <= {"+", "0"}:
            return frozenset("+")
        if space.sign_set(-factor - diff) <= {"+", "0"}:
            return frozenset("-")
    return None


def branch_sign(expr: sympy.Expr, atoms, space: ParameterSpace) -> str | None:
    """Sign of `expr` on the interior of the region where all `atoms` hold.

    `space` should be the interior of the parameter space
    (:meth:`~sbgames.assumptions.ParameterSpace.interior`).
    """
    parts = _factored(expr)
    if parts is None:
        return "zero"
    signs = frozenset("+")
    for coeff, factors in parts:
        signs = _times(signs, frozenset("+") if coeff > 0 else frozenset("-"))
        for base, power in factors:
            fs = space.sign_set(base)
            if power % 2 == 0:
                fs = frozenset("+0") if "0" in fs or len(fs) == 3 else frozenset("+")
            elif len(fs) > 1:
                fs = _sign_from_atoms(base, atoms, space) or fs
            if "0" in fs and len(fs) == 2 and _strictly_nonzero_on(base, atoms, space):
                fs = fs - {"0"}
            if fs == {"+", "-"} or len(fs) == 3:
                return None
            signs = _times(signs, fs)
    return _COMBINE.get(signs)


@functools.lru_cache(maxsize=4096)
def _factored(expr: sympy.Expr):
    """``factor_list`` of the numerator and the denominator of `expr`, or None when `expr` is zero.

    Computed once per expression: :func:`derivatives` asks for the sign of one
    derivative on every case of a branch's region.
    """
    cancelled = sympy.cancel(expr)
    if cancelled == 0 or (not cancelled.is_rational_function() and sympy.simplify(cancelled) == 0):
        return None
    num, den = sympy.fraction(sympy.factor(cancelled))
    return sympy.factor_list(num), sympy.factor_list(den)


def _times(a, b):
    table = {("+", "+"): "+", ("+", "-"): "-", ("-", "+"): "-", ("-", "-"): "+"}
    return frozenset(table.get((x, y), "0") for x in a for y in b)


def derivatives(model: ParametrisedModel, branches=None) -> list[Derivative]:
    """Every derivative of every branch's probabilities and payoffs, with its sign.

    Constant probabilities (0 or 1) are skipped.  For a branch whose region
    is a union of several cases, a sign is reported only when every case of
    positive measure agrees.
    """
    result = branches if branches is not None else normal_form_branches(model)
    space = ParameterSpace.from_model(model).interior()
    symbols = {name: p.symbol for name, p in model.parameters.items()}
    out = []
    for b in result:
        cases = [atoms for atoms in disjuncts(b.conditions)
                 if not any(isinstance(a, sympy.Eq) for a in atoms)]  # equations: no interior
        boundary = not cases
        cases = cases or [[]]  # a branch living on a boundary only: signs under the bounds alone
        quantities = []
        for player, names, vec in zip(b.players, b.strategy_names, b.strategies):
            quantities += [(f"Pr({player}: {name})", p) for name, p in zip(names, vec) if not p.is_number]
        quantities += [(f"payoff {player}", u) for player, u in zip(b.players, b.payoffs)]
        for label, expr in quantities:
            for name, sym in symbols.items():
                d = sympy.factor(sympy.cancel(sympy.diff(expr, sym)))
                signs = {branch_sign(d, atoms, space) for atoms in cases}
                out.append(Derivative(b.label, label, name, d, signs.pop() if len(signs) == 1 else None,
                                      boundary))
    return out


class SignTable(list):
    """A list of :class:`Derivative` with table views (rows: branch and quantity; columns: parameters)."""

    def __init__(self, items, parameters):
        super().__init__(items)
        self.parameters = tuple(parameters)

    def row(self, branch: str, quantity: str) -> dict:
        """``{parameter: sign}`` for one equilibrium quantity."""
        found = {d.parameter: d.sign for d in self if d.branch == branch and d.quantity == quantity}
        if not found:
            raise KeyError(f"no quantity {quantity!r} on branch {branch!r}")
        return found

    def rows(self) -> list[tuple[str, str]]:
        """The (branch, quantity) pairs in order."""
        return list(dict.fromkeys((d.branch, d.quantity) for d in self))

    def boundary_branches(self) -> list[str]:
        """The branches that exist only on a boundary (a measure-zero set of parameter values).

        Examples
        --------
        >>> from sbgames import load_model
        >>> sign_table(load_model("core")).boundary_branches()
        ['Restrain / Soft']
        """
        return list(dict.fromkeys(d.branch for d in self if d.boundary))

    def text(self) -> str:
        """A plain-text sign table: ``+``, ``-``, ``0``, ``>=0``, ``<=0`` or ``?``.

        Branches that exist only on a boundary are marked ``*`` and explained below the table.
        """
        header = ["branch", "quantity", *self.parameters]
        marked = set(self.boundary_branches())
        body = [[b + (" *" if b in marked else ""), q, *(_SYMBOL[self.row(b, q)[p]] for p in self.parameters)]
                for b, q in self.rows()]
        widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *body]]
        if marked:
            lines += ["", BOUNDARY_NOTE.format(", ".join(marked))]
        return "\n".join(lines)


#: Model -> its SignTable; an entry goes when its model does (models are immutable, so it never goes stale).
_SIGN_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def sign_table(model: ParametrisedModel) -> SignTable:
    """The signs of all comparative statics of a model's symbolic equilibria (computed once per model)."""
    if model not in _SIGN_TABLES:
        _SIGN_TABLES[model] = SignTable(derivatives(model), model.parameters)
    return _SIGN_TABLES[model]
