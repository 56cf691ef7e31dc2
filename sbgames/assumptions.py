"""Deciding signs and conditions under a model's parameter bounds.

sympy's assumption system knows that a symbol is positive or nonnegative,
but not that ``0 <= e_s <= 1`` or that ``c_h > c_s``.  A
:class:`ParameterSpace` makes those bounds visible to it by substitution:

* a parameter bounded on both sides, ``L <= p <= U``, becomes
  ``L + (U - L) s / (1 + s)`` with a fresh ``s >= 0`` (and, when ``U`` is
  included, the endpoint ``p = U`` is checked separately);
* a parameter bounded below, ``p >= L``, becomes ``L + s``; bounded above,
  ``U - s``;
* a model constraint between two parameters, ``x > y`` or ``x >= y``,
  becomes ``x = y + d`` with ``d > 0`` (or ``>= 0``) when that keeps ``x``'s
  own bounds (otherwise the constraint is simply not used, which is safe).

After the substitution every fresh symbol is positive or nonnegative, so a
sign that follows from the bounds follows from sympy's assumptions on the
factored numerator and denominator.  Decisions are three-valued: a
relation is proved true, proved false, or undetermined (``None``); a
result is never claimed without proof.

Examples
--------
>>> from sbgames import load_model
>>> space = ParameterSpace.from_model(load_model("core"))
>>> e_s, g = space.symbols["e_s"], space.symbols["g"]
>>> space.sign((1 - e_s) * g)
'nonnegative'
>>> space.decide(sympy.Gt(g, 0)), space.decide(sympy.Gt(e_s, 1)), space.decide(sympy.Gt(e_s, g))
(True, False, None)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from fractions import Fraction

import numpy as np
import sympy
from sympy import QQ
from sympy.polys.rings import ring
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from .errors import InputTypeError
from .factoring import factor_list

__all__ = ["ParameterSpace", "SIGNS"]

#: The signs :meth:`ParameterSpace.sign` can report (``None``: undetermined).
SIGNS = ("positive", "negative", "zero", "nonnegative", "nonpositive")
_MAX_ENDPOINTS = 6
#: Sample points per space for :meth:`ParameterSpace.witness` (drawn once, from a fixed seed).
_SAMPLES = 48
#: Twice the unit roundoff of a float: each operation's rounding error in the witnesses' error bounds.
_ROUNDOFF = 2.0 ** -52
_AS_SET = {"positive": {"+"}, "negative": {"-"}, "zero": {"0"}, "nonnegative": {"+", "0"},
           "nonpositive": {"-", "0"}, None: {"+", "0", "-"}}
_FROM_SET = {frozenset(v): k for k, v in _AS_SET.items()}
_FROM_SET[frozenset({"+", "-"})] = None  # nonzero but of unknown sign


def _multiply(a: frozenset, b: frozenset) -> frozenset:
    table = {("+", "+"): "+", ("+", "-"): "-", ("-", "+"): "-", ("-", "-"): "+"}
    return frozenset(table.get((x, y), "0") for x in a for y in b)


def _sum_sign(term_signs) -> frozenset:
    """Possible signs of a sum, from the possible signs of its terms."""
    term_signs = list(term_signs)
    if not term_signs:
        return frozenset("0")
    if all(s <= {"+", "0"} for s in term_signs):
        return frozenset("+") if any(s == {"+"} for s in term_signs) else frozenset("+0")
    if all(s <= {"-", "0"} for s in term_signs):
        return frozenset("-") if any(s == {"-"} for s in term_signs) else frozenset("-0")
    return frozenset("+0-")


def _rational(value) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _step_symbols(step) -> set:
    return set().union(*(v.free_symbols for v in step[1:] if isinstance(v, sympy.Basic)))


class _Signs:
    """Signs of polynomials (elements of a sympy ring) whose generators have known signs."""

    def __init__(self, generators):
        self.kinds = ["+" if g.is_positive else "0+" if g.is_nonnegative else "?" for g in generators]

    def term(self, monomial, coeff) -> frozenset:
        signs = frozenset("+") if coeff > 0 else frozenset("-")
        for power, kind in zip(monomial, self.kinds):
            if power == 0 or kind == "+":
                continue
            if kind == "0+" or power % 2 == 0:
                signs = _multiply(signs, frozenset("+0"))
            else:
                return frozenset("+0-")
        return signs

    def of(self, poly) -> frozenset:
        """Possible signs of `poly`: from its terms, then from its factors if it is small."""
        if not poly:
            return frozenset("0")
        signs = _sum_sign(self.term(m, c) for m, c in poly.terms())
        if len(signs) < 3 or len(poly.terms()) > 12:
            return signs
        coeff, factors = poly.factor_list()
        if len(factors) == 1 and factors[0][1] == 1:
            return signs
        signs = frozenset("+") if coeff > 0 else frozenset("-")
        for factor, power in factors:
            fs = _sum_sign(self.term(m, c) for m, c in factor.terms())
            if power % 2 == 0:
                fs = frozenset("+0") if "0" in fs or len(fs) == 3 else frozenset("+")
            signs = _multiply(signs, fs)
        return signs


class ParameterSpace:
    """The box of parameter values a model allows, for proofs about signs.

    Parameters
    ----------
    parameters : mapping of str to Parameter
        The model's parameters (their symbols carry basic assumptions).
    constraints : sequence of (str, sympy relational)
        The model's constraints between parameters.
    """

    def __init__(self, parameters: Mapping, constraints=(), strict: bool = False):
        self.strict = strict
        self._constraints = tuple(constraints)
        self.parameters = dict(parameters)
        self.symbols = {name: p.symbol for name, p in self.parameters.items()}
        self._variants = self._build_variants(constraints)
        fresh = sorted({v for plan in self._variants for step in plan.values() for v in _step_symbols(step)}
                       | {g for r in self._gaps.values() for g in r.free_symbols}, key=str)
        generators = [*self.symbols.values(), *[f for f in fresh if f not in self.symbols.values()]]
        self._ring, *_ = ring(generators, QQ)
        self._signs = _Signs(generators)
        self._cache: dict = {}
        self._points: list | None = None
        self._values: dict = {}
        self._exact: dict = {}
        self._normal: dict = {}

    @classmethod
    def from_model(cls, model) -> "ParameterSpace":
        """The parameter space of a :class:`~sbgames.model.Model`."""
        return cls(model.parameters, model.constraints)

    def interior(self) -> "ParameterSpace":
        """The same space with every bound and constraint strict (its interior).

        Signs that hold on the interior hold at every generic parameter point;
        comparative statics are decided there.

        Examples
        --------
        >>> from sbgames import load_model
        >>> space = ParameterSpace.from_model(load_model("core"))
        >>> c_s = space.symbols["c_s"]
        >>> space.sign(c_s), space.interior().sign(c_s)
        ('nonnegative', 'positive')
        """
        return ParameterSpace(self.parameters, self._constraints, strict=True)

    def _build_variants(self, constraints) -> list:
        """Substitution plans: constraint gaps first, then each parameter's bounds."""
        steps, endpoints = {}, []
        for name, p in self.parameters.items():
            sym = self.symbols[name]
            lower = p.min if p.min is not None else p.above
            upper = p.max if p.max is not None else p.below
            # s > 0 excludes the lower end of the substitution (L + s, L + (U - L) s/(1 + s)) or the
            # upper end (U - s): strict exactly when that end is excluded from the parameter's range
            strict_end = p.above is not None if lower is not None else p.below is not None
            fresh = sympy.Symbol(f"_{name}_s", nonnegative=True, positive=self.strict or strict_end)
            if lower is not None and upper is not None and len(endpoints) >= _MAX_ENDPOINTS and p.max is not None:
                # too many closed intervals to check every corner: keep only the lower bound (a larger
                # set, so every proof stays valid)
                steps[sym] = ("shift", _rational(lower) + fresh)
            elif lower is not None and upper is not None:
                steps[sym] = ("interval", _rational(lower), _rational(upper), fresh)
                if p.max is not None and p.max > lower and not self.strict:
                    endpoints.append((sym, _rational(p.max)))
            elif lower is not None:
                steps[sym] = ("shift", _rational(lower) + fresh)
            elif upper is not None:
                steps[sym] = ("shift", _rational(upper) - fresh)
        self._gaps = {}
        for _, relation in constraints:
            self._apply_constraint(relation, steps)
        variants = []
        for chosen in itertools.product((False, True), repeat=len(endpoints)):
            plan = dict(steps)
            for (sym, value), at_end in zip(endpoints, chosen):
                if at_end:
                    plan[sym] = ("shift", value)
            variants.append(plan)
        return variants

    def _apply_constraint(self, relation, steps: dict) -> None:
        """Use ``x > y`` / ``x >= y`` (x, y parameters) as ``x = y + d`` when that is sound."""
        if isinstance(relation, (sympy.StrictLessThan, sympy.LessThan)):
            big, small = relation.rhs, relation.lhs
        else:
            big, small = relation.lhs, relation.rhs
        if not (big.is_Symbol and small.is_Symbol and big.name in self.parameters
                and small.name in self.parameters) or big in self._gaps:
            return
        pb, ps = self.parameters[big.name], self.parameters[small.name]
        if pb.max is not None or pb.below is not None:
            return
        low_b = pb.min if pb.min is not None else pb.above
        low_s = ps.min if ps.min is not None else ps.above
        if low_b is not None and (low_s is None or low_s < low_b):
            return  # x's own lower bound would not follow from y's
        strict = self.strict or isinstance(relation, (sympy.StrictGreaterThan, sympy.StrictLessThan))
        gap = sympy.Symbol(f"_{big.name}_gap", positive=strict, nonnegative=True)
        self._gaps[big] = small + gap
        steps.pop(big, None)

    def _close_gaps(self, poly):
        """`poly` with each constrained parameter written as the other plus its gap (``x = y + d``)."""
        R = self._ring
        gaps = {R(sym): R(repl) for sym, repl in self._gaps.items()}
        for _ in range(len(gaps) + 1):
            present = [(x, r) for x, r in gaps.items() if poly.degree(x) > 0]
            if not present:
                break
            for x, r in present:
                poly = poly.compose(x, r)
        return poly

    def _plans(self, *polys) -> list:
        """The substitution plans that differ on the parameters present in `polys` (one for each difference)."""
        R = self._ring
        present = [sym for sym in self._variants[0] if any(p.degree(R(sym)) > 0 for p in polys)]
        return list({tuple(plan[sym] for sym in present): plan for plan in self._variants}.values())

    def _substitute(self, poly, plan: dict):
        """A polynomial with the same sign as `poly` (gaps closed), in the fresh nonnegative symbols."""
        R = self._ring
        for sym, step in plan.items():
            x = R(sym)
            k = poly.degree(x)
            if k <= 0:
                continue
            if step[0] == "shift":
                poly = poly.compose(x, R(step[1]))
                continue
            # x = (L + U s) / (1 + s): multiply by (1 + s)**k, which is positive
            _, low, high, s = step
            top, one_plus = R(low) + R(high) * R(s), 1 + R(s)
            poly = sum((poly.coeff_wrt(x, j) * top ** j * one_plus ** (k - j) for j in range(k + 1)), R.zero)
        return poly

    def sign_set(self, expr) -> frozenset:
        """The signs (``"+"``, ``"0"``, ``"-"``) `expr` can take on the parameter space.

        ``{"+", "0", "-"}`` when undecided (also for non-polynomial expressions).
        """
        expr = sympy.Integer(expr) if isinstance(expr, int) else expr
        if expr not in self._cache:
            self._cache[expr] = self._compute_sign_set(expr)
        return self._cache[expr]

    def _compute_sign_set(self, expr) -> frozenset:
        if expr.is_number:
            return frozenset("0") if expr == 0 else frozenset("+") if expr > 0 else frozenset("-")
        num, den = (expr, sympy.Integer(1)) if expr.is_polynomial() else \
            sympy.fraction(sympy.cancel(sympy.together(expr)))
        try:
            num, den = self._ring.from_expr(num), self._ring.from_expr(den)
        except (ValueError, TypeError, sympy.PolynomialError):  # not polynomial in the parameters
            return frozenset("+0-")
        num, den = self._close_gaps(num), self._close_gaps(den)
        out = frozenset()
        for plan in self._plans(num, den):
            den_signs = self._signs.of(self._substitute(den, plan)) - {"0"}
            out |= _multiply(self._signs.of(self._substitute(num, plan)), den_signs or frozenset("+-"))
            if len(out) == 3:
                break
        return out

    # -- witnesses at sample points --------------------------------------------------
    def _sample_points(self) -> list:
        """Rational points of the space (bounds and constraints checked exactly), from a fixed seed."""
        if self._points is None:
            rng = np.random.default_rng(20261202)
            columns = {}
            for name, p in self.parameters.items():
                lower = p.min if p.min is not None else p.above
                upper = p.max if p.max is not None else p.below
                spread = 10 ** rng.uniform(-2, 2, _SAMPLES)
                if lower is not None and upper is not None:
                    draw = rng.uniform(float(lower), float(upper), _SAMPLES)
                elif lower is not None:
                    draw = float(lower) + spread
                elif upper is not None:
                    draw = float(upper) - spread
                else:
                    draw = rng.choice([-1.0, 1.0], _SAMPLES) * spread
                columns[self.symbols[name]] = [sympy.Rational(round(x * 1000), 1000) for x in draw]
            points = [{sym: column[k] for sym, column in columns.items()} for k in range(_SAMPLES)]
            for point in points:
                self._repair(point)
            self._points = [point for point in points if self._inside(point)]
        return self._points

    def _repair(self, point: dict) -> None:
        """Swap the values of two parameters where a constraint ``x > y`` between them fails (in place)."""
        for _ in range(len(self._constraints) + 1):
            swapped = False
            for _, relation in self._constraints:
                x, y = relation.lhs, relation.rhs
                if x in point and y in point and relation.xreplace(point) is sympy.false:
                    point[x], point[y] = point[y], point[x]
                    swapped = True
            if not swapped:
                break

    def _inside(self, point: dict) -> bool:
        for name, p in self.parameters.items():
            x = point[self.symbols[name]]
            if ((p.min is not None and (x < p.min or (self.strict and x == p.min)))
                    or (p.max is not None and (x > p.max or (self.strict and x == p.max)))
                    or (p.above is not None and x <= p.above) or (p.below is not None and x >= p.below)):
                return False
        for _, relation in self._constraints:
            diff = relation.lhs - relation.rhs
            if isinstance(relation, (sympy.LessThan, sympy.StrictLessThan)):
                diff = -diff
            value = diff.xreplace(point)
            strict = self.strict or isinstance(relation, (sympy.StrictGreaterThan, sympy.StrictLessThan))
            if not value.is_number or value < 0 or (strict and value == 0):
                return False
        return True

    def _sample_values(self, expr) -> tuple:
        """`expr` in floats at every sample point, and a bound on each value's rounding error.

        Evaluated node by node with numpy, every node's values kept: the
        conditions of one game share most of their subexpressions.  The
        error bound is the usual first-order running bound (each operation
        adds at most the unit roundoff times the magnitude of its operands),
        doubled; it is nan where not derived (negative powers), and the
        values are nan where undefined or not a plain real expression.
        """
        if expr not in self._values:
            points = self._sample_points()
            values, errors = np.full(len(points), np.nan), np.full(len(points), np.nan)
            if isinstance(expr, sympy.Symbol) and points and expr in points[0]:
                values = np.array([float(pt[expr]) for pt in points])
                errors = np.abs(values) * _ROUNDOFF
            elif expr.is_Number:
                values = np.full(len(points), float(expr))
                errors = np.abs(values) * _ROUNDOFF
            elif isinstance(expr, (sympy.Add, sympy.Mul)) or (isinstance(expr, sympy.Pow) and expr.exp.is_Integer):
                with np.errstate(all="ignore"):
                    values, errors = _combine(expr, [self._sample_values(a) for a in expr.args])
                values[~np.isfinite(values)] = np.nan
            self._values[expr] = (values, errors)
        return self._values[expr]

    def _exact_value(self, expr, k: int) -> Fraction | None:
        """`expr` exactly at sample point `k`, node by node (None where undefined or not rational)."""
        key = (expr, k)
        if key not in self._exact:
            value = None
            if isinstance(expr, sympy.Symbol):
                x = self._sample_points()[k].get(expr)
                value = None if x is None else Fraction(int(x.p), int(x.q))
            elif expr.is_Rational:
                value = Fraction(int(expr.p), int(expr.q))
            elif isinstance(expr, (sympy.Add, sympy.Mul)) or (isinstance(expr, sympy.Pow) and expr.exp.is_Integer):
                parts = [self._exact_value(a, k) for a in expr.args]
                if None not in parts:
                    if isinstance(expr, sympy.Add):
                        value = sum(parts, Fraction(0))
                    elif isinstance(expr, sympy.Mul):
                        value = math.prod(parts, start=Fraction(1))
                    elif parts[0] != 0 or expr.exp > 0:
                        value = parts[0] ** int(expr.exp)
            self._exact[key] = value
        return self._exact[key]

    def witness(self, parts, sign: str) -> bool:
        """Whether ``sum(c * expr for c, expr in parts)`` is seen to be strictly `sign` at a point of the space.

        A quick, sound disproof for the sign proofs: the sum is evaluated in
        floats at sample points of the space, and a point where it has the
        sign is confirmed by the rounding-error bound, or else with exact
        rationals.  ``False`` proves nothing.

        Parameters
        ----------
        parts : sequence of (int, sympy expression)
            Coefficients and expressions in the parameters.
        sign : {"+", "-"}

        Examples
        --------
        >>> from sbgames import Parameter
        >>> space = ParameterSpace({"x": Parameter("x", 1, min=0, max=2)})
        >>> x = space.symbols["x"]
        >>> space.witness([(1, x - 1)], "-"), space.witness([(1, x), (1, 1 - x)], "-")
        (True, False)
        """
        parts = [(c, sympy.sympify(e)) for c, e in parts]
        evaluated = [self._sample_values(e) for _, e in parts]
        values = sum(c * v for (c, _), (v, _) in zip(parts, evaluated))
        errors = sum(abs(c) * err for (c, _), (_, err) in zip(parts, evaluated))
        values = values if sign == "+" else -values
        for k in np.argsort(-np.nan_to_num(values, nan=-np.inf))[:3]:
            if not values[k] > 0:
                return False
            if values[k] > 2 * errors[k]:  # the float sign is certain (False where the bound is nan)
                return True
            exact = [self._exact_value(e, int(k)) for _, e in parts]
            if None not in exact:
                total = sum(c * v for (c, _), v in zip(parts, exact))
                if (total > 0) if sign == "+" else (total < 0):
                    return True
        return False

    def takes_both_signs(self, expr) -> bool:
        """Whether `expr` is seen to be positive at one point of the space and negative at another."""
        return self.witness([(1, expr)], "+") and self.witness([(1, expr)], "-")

    def sign(self, expr) -> str | None:
        """``"positive"``, ``"negative"``, ``"zero"``, ``"nonnegative"``, ``"nonpositive"``,
        or ``None`` when the bounds do not decide it."""
        return _FROM_SET[self.sign_set(expr)]

    def decide(self, relation) -> bool | None:
        """True if `relation` holds everywhere, False if nowhere, None if undetermined.

        "Everywhere" means wherever the relation is defined: points where a
        denominator in it vanishes are not considered.
        """
        if isinstance(relation, (bool, BooleanTrue, BooleanFalse)):
            return bool(relation)
        if isinstance(relation, sympy.Ne):
            signs = self.sign_set(relation.lhs - relation.rhs)
            return True if "0" not in signs else False if signs == {"0"} else None
        if isinstance(relation, sympy.Eq):
            signs = self.sign_set(relation.lhs - relation.rhs)
            return True if signs == {"0"} else False if "0" not in signs else None
        if not isinstance(relation, sympy.core.relational.Relational):
            raise InputTypeError(f"decide needs a relation, got {relation!r}")
        diff = relation.lhs - relation.rhs
        if isinstance(relation, (sympy.LessThan, sympy.StrictLessThan)):
            diff = -diff
        if self.takes_both_signs(diff):
            return None
        signs = self.sign_set(diff)
        holds = {"+"} | ({"0"} if isinstance(relation, (sympy.GreaterThan, sympy.LessThan)) else set())
        if signs <= holds:
            return True
        if not (signs & holds):
            return False
        return None

    # -- simplification -----------------------------------------------------------
    def normalize(self, relation):
        """Rewrite a relation with factors of known sign removed, terms moved to their sides.

        Returns ``True``/``False`` when the bounds decide the relation.

        Examples
        --------
        >>> from sbgames import load_model
        >>> space = ParameterSpace.from_model(load_model("core"))
        >>> c_s, e_s, theta, b = (space.symbols[k] for k in ("c_s", "e_s", "theta", "b"))
        >>> g = space.symbols["g"]
        >>> space.normalize(sympy.Ge(g / (e_s * theta - b), 0))
        e_s*theta > b
        >>> space.normalize(sympy.Le(c_s + b, (1 - e_s) * theta))
        theta >= b + c_s + e_s*theta
        """
        if relation not in self._normal:
            self._normal[relation] = self._normalize(relation)
        return self._normal[relation]

    def _normalize(self, relation):
        decided = self.decide(relation)
        if decided is not None:
            return sympy.true if decided else sympy.false
        if isinstance(relation, (sympy.Eq, sympy.Ne)):
            return relation
        strict = isinstance(relation, (sympy.StrictGreaterThan, sympy.StrictLessThan))
        diff = relation.lhs - relation.rhs
        if isinstance(relation, (sympy.LessThan, sympy.StrictLessThan)):
            diff = -diff
        if not strict and not self.witness([(1, diff)], "+") and self.sign_set(diff) <= {"-", "0"}:
            # diff >= 0 where diff can only be <= 0: exactly diff == 0
            return _equation(diff)
        try:
            kept, flip = self._unsigned_factors(diff)
        except sympy.PolynomialError:
            return relation
        numerator = [f for f, in_den in kept if not in_den]
        denominator = [f for f, in_den in kept if in_den]
        if not numerator:
            # (positive)/d >= 0 where defined means d > 0
            expr, strict = sympy.Mul(*denominator), True
        else:
            expr = sympy.Mul(*numerator) / sympy.Mul(*denominator)
        if len(kept) == 1:
            expr = sympy.expand(expr)
        if flip:
            expr = -expr
        lhs, rhs = _split_sides(expr) if expr.is_Add else (expr, sympy.Integer(0))
        kind = sympy.StrictGreaterThan if strict else sympy.GreaterThan
        return kind(lhs, rhs, evaluate=False)  # decide() found no sign: sympy's slower evaluation would not either

    def _unsigned_factors(self, expr) -> tuple[list, bool]:
        """Factors of `expr` whose sign the bounds leave open, and whether the rest is negative."""
        if expr.is_polynomial(*self.symbols.values()):
            num, den = expr, sympy.Integer(1)
        else:
            num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
        flip, kept = False, []
        for part, in_den in ((num, False), (den, True)):
            coeff, factors = factor_list(part)
            flip ^= bool(coeff < 0)
            for base, power in factors:
                sign = None if self.takes_both_signs(base) else self.sign(base)
                if sign in ("positive", "negative"):
                    flip ^= sign == "negative" and power % 2 == 1
                    continue
                kept.append((base ** power if power % 2 == 0 else base, in_den))
        return kept, flip

    def simplify(self, condition) -> Boolean:
        """Simplify a boolean combination of relations under the bounds.

        Relations the bounds decide become True/False; the others are
        normalised (see :meth:`normalize`); duplicates are removed.
        """
        if isinstance(condition, (bool, BooleanTrue, BooleanFalse)):
            return sympy.true if condition else sympy.false
        if isinstance(condition, sympy.core.relational.Relational):
            return self.normalize(condition)
        if isinstance(condition, sympy.And):
            parts = [self.simplify(a) for a in condition.args]
            return sympy.And(*dict.fromkeys(parts))
        if isinstance(condition, sympy.Or):
            parts = [self.simplify(a) for a in condition.args]
            return sympy.Or(*dict.fromkeys(parts))
        if isinstance(condition, sympy.Not):
            return sympy.Not(self.simplify(condition.args[0]))
        return condition


def _combine(expr, parts) -> tuple:
    """Values and rounding-error bounds of a sum, product or integer power from those of its arguments."""
    values, errors = (np.array([p[k] for p in parts]) for k in (0, 1))
    if isinstance(expr, sympy.Add):
        total = values.sum(axis=0)
        return total, errors.sum(axis=0) + len(parts) * _ROUNDOFF * np.abs(values).sum(axis=0)
    if isinstance(expr, sympy.Mul):
        product = values.prod(axis=0)
        spread = sum(errors[i] * np.abs(np.delete(values, i, axis=0)).prod(axis=0) for i in range(len(parts)))
        return product, 2 * spread + len(parts) * _ROUNDOFF * np.abs(product)
    k, (base, error) = int(expr.exp), (values[0], errors[0])
    power = base ** float(k)
    if k < 0:
        return power, np.full(power.shape, np.nan)
    return power, 2 * k * error * np.abs(base) ** (k - 1) + k * _ROUNDOFF * np.abs(power)


def _equation(diff: sympy.Expr):
    """``diff == 0`` written with positive terms on each side."""
    lhs, rhs = _split_sides(sympy.expand(diff))
    if lhs == 0:
        lhs, rhs = rhs, lhs
    return sympy.Eq(lhs, rhs, evaluate=False)


def _split_sides(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``expr (op) 0`` as ``positive terms (op) negative terms``."""
    terms = sympy.Add.make_args(expr)
    left = [t for t in terms if not t.could_extract_minus_sign()]
    right = [-t for t in terms if t.could_extract_minus_sign()]
    return sympy.Add(*left), sympy.Add(*right)
