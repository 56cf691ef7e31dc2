"""Numeric comparative statics: equilibrium quantities along a sweep of one parameter.

:func:`statics` evaluates every closed-form branch along a sweep of one
parameter: where the branch holds, its strategy probabilities, expected
payoffs and outcome probabilities (the probability of each pure profile,
for instance that T revises *and* S soft balances).  Regime changes, the
values where the set of equilibria changes, are located by root finding
(:func:`scipy.optimize.brentq`) on the compiled conditions, not read off
the grid.

Examples
--------
>>> from sbgames import load_model
>>> sweep = statics(load_model("core"), param=("lam", 0, 5), resolution=101)
>>> [round(b.value, 6) for b in sweep.boundaries]
[0.666667]
>>> mixed = sweep.curve("mixed: Revise-Restrain x Soft-Bandwagon")
>>> round(float(mixed.quantities["Pr(S: Soft)"][sweep.index(2)]), 6)
0.5
"""

from __future__ import annotations

import csv
import warnings
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import sympy
from scipy.optimize import brentq

from ..errors import InputError
from ..files import atomic_write
from ..expr import compile_expression
from ..numeric import parse_number
from ..conditions import holds
from ..equilibrium import named_quantities
from .boundaries import relations
from .grid import axis_grid, inside_constraints
from .labels import NO_PURE, OUTSIDE, PURE_ONLY, label_at_point, label_is_complete, region_label
from .regions import AUTO_CLOSED_FORM_WORK, derivation_work, note_warning, slow_derivation

__all__ = ["statics", "Statics", "Curve", "RegimeChange"]


@dataclass
class Curve:
    """One branch along the sweep: where it holds and its quantities there (NaN elsewhere)."""

    label: str
    holds: np.ndarray
    quantities: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RegimeChange:
    """A parameter value where the set of equilibria changes.

    `value` is the root found by brentq; `exact` is a simple fraction within
    1e-9 of it when there is one (the boundary of a rational condition), else None.
    """

    value: float
    before: str
    after: str

    @property
    def exact(self):
        guess = Fraction(self.value).limit_denominator(10_000)
        return guess if abs(float(guess) - self.value) < 1e-9 else None

    def __str__(self) -> str:
        shown = str(self.exact) if self.exact is not None else f"{self.value:.6g}"
        return f"at {shown}: {self.before} -> {self.after}"


class Statics:
    """Equilibrium quantities along a sweep (see :func:`statics`).

    Attributes
    ----------
    model : Model
    param : str
    values : numpy.ndarray
        The sweep.
    fixed : dict
        Values of the other parameters.
    curves : list of Curve
        One per branch that holds somewhere on the sweep.
    labels : numpy.ndarray of str
        The region label at each sweep value.
    boundaries : list of RegimeChange
    warnings : list of str
        What the caller should know, one sentence each (also given as Python warnings).
    """

    def __init__(self, model, param, values, fixed, curves, labels, boundaries, warnings=()):
        self.model, self.param, self.values, self.fixed = model, param, values, fixed
        self.curves, self.labels, self.boundaries = curves, labels, boundaries
        self.warnings = list(warnings)

    @property
    def complete(self) -> bool:
        """Whether the set of equilibria is complete at every sweep value (see the labels otherwise)."""
        return all(label_is_complete(label) for label in self.labels)

    @property
    def left_out(self) -> str | None:
        """What the sweep left out at some values: None (complete), ``"pure equilibria only"`` or ``"not complete"``.

        Examples
        --------
        >>> from sbgames import load_model
        >>> print(statics(load_model("core"), param=("lam", 0, 5), resolution=11).left_out)
        None
        """
        partial = [label for label in set(self.labels) if not label_is_complete(label)]
        if not partial:
            return None
        if all(PURE_ONLY in label or label == NO_PURE for label in partial):
            return "pure equilibria only"
        return "not complete"

    def index(self, value) -> int:
        """The index of the sweep value nearest to `value` (a number or a string such as ``"1/2"``)."""
        return int(np.abs(self.values - float(parse_number(value))).argmin())

    def curve(self, label: str) -> Curve:
        """The curve of the branch with this label."""
        for c in self.curves:
            if c.label == label:
                return c
        raise KeyError(f"no branch {label!r} on this sweep; branches: {[c.label for c in self.curves]}")

    def caption(self) -> str:
        """A caption-ready sentence naming the swept and the fixed parameters."""
        fixed = ", ".join(f"{k} = {v}" for k, v in self.fixed.items())
        meaning = self.model.parameters[self.param].description
        return (f"Equilibrium quantities of the {self.model.name} model as {meaning} ({self.param}) varies; "
                f"other parameters fixed at {fixed}.")

    def to_csv(self, path) -> None:
        """Write one row per sweep value: the label and every branch quantity (empty where it does not hold).

        The file is written whole or not at all (:func:`sbgames.files.atomic_write`).
        """
        columns = [(c, q) for c in self.curves for q in c.quantities]

        def write(tmp):
            with open(tmp, "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow([self.param, "label", *(f"{c.label}: {q}" for c, q in columns)])
                for k, v in enumerate(self.values):
                    cells = [("" if np.isnan(c.quantities[q][k]) else repr(float(c.quantities[q][k])))
                             for c, q in columns]
                    writer.writerow([repr(float(v)), self.labels[k], *cells])
        atomic_write(path, write)

    def to_dict(self) -> dict:
        """A JSON-ready summary: the sweep, each label's share, regime changes, completeness and warnings.

        Examples
        --------
        >>> from sbgames import load_model
        >>> summary = statics(load_model("core"), param=("lam", 0, 5), resolution=11).to_dict()
        >>> summary["complete"], summary["regime_changes"][0]["exact"], summary["labels"][0]["label"]
        (True, '2/3', 'mixed: Revise-Restrain x Soft-Bandwagon')
        """
        names, counts = np.unique(self.labels, return_counts=True)
        order = sorted(range(len(names)), key=lambda k: (-counts[k], names[k]))
        return {"model": self.model.name,
                "parameter": {"name": self.param, "low": float(self.values[0]), "high": float(self.values[-1]),
                              "points": len(self.values)},
                "fixed": {k: str(v) for k, v in self.fixed.items()},
                "complete": self.complete, "warnings": list(self.warnings),
                "labels": [{"label": str(names[k]), "share": float(counts[k] / len(self.labels)),
                            "complete": label_is_complete(str(names[k]))} for k in order],
                "regime_changes": [{"value": c.value, "exact": None if c.exact is None else str(c.exact),
                                    "before": c.before, "after": c.after} for c in self.boundaries]}

    def plot(self, ax=None, quantities: str = "probabilities", **kwargs):
        """Draw the chosen quantities along the sweep, regime changes marked; returns the Figure.

        `quantities` is ``"probabilities"``, ``"payoffs"`` or ``"outcomes"``.
        """
        from ..plot import plot_statics
        return plot_statics(self, ax=ax, quantities=quantities, **kwargs)

    def __repr__(self) -> str:
        return f"Statics({self.model.name}: {self.param}, {len(self.values)} values, " \
               f"{len(self.curves)} branches, {len(self.boundaries)} regime changes)"


def _quantities(branch, model, arrays, mask):
    _, strategies = branch.compile()
    payoffs = []
    for expr in branch.payoffs:
        f = compile_expression(expr, model.parameters)
        with np.errstate(all="ignore"):
            payoffs.append(np.broadcast_to(np.asarray(f(*[arrays[n] for n in model.parameters]), dtype=float),
                                           mask.shape))
    named = named_quantities(branch.players, branch.strategy_names, strategies(**arrays), payoffs)
    return {name: np.where(mask, value, np.nan) for name, value in named.items()}


def statics(model, param, fixed: dict | None = None, resolution: int = 401, method: str = "auto") -> Statics:
    """Equilibrium quantities of every equilibrium along a sweep of one parameter.

    Parameters
    ----------
    model : Model
    param : (name, low, high)
    fixed : dict, optional
        Values of the other parameters (defaults otherwise).
    resolution : int
        Number of sweep values (at most 1000).
    method : {"auto", "closed-form", "numeric"}
        ``"closed-form"`` evaluates the closed-form branches of a 2-player
        model and locates regime changes by root finding on their
        conditions.  ``"numeric"`` solves the game at every sweep value with
        :func:`sbgames.solve` (no symbolic derivation: the way out when a
        derivation would be slow) and locates regime changes by bisection
        between sweep values; for N-player games the complete solver finishes
        quickly for, labels say "pure equilibria only" elsewhere.
        ``"auto"``: closed forms for 2-player models whose closed forms are
        complete, numeric otherwise.

    Returns
    -------
    Statics

    Examples
    --------
    >>> from sbgames import load_model
    >>> sweep = statics(load_model("core"), param=("lam", 0, 5), resolution=21, method="numeric")
    >>> [str(change) for change in sweep.boundaries]
    ['at 2/3: Revise / Soft (unique) -> mixed: Revise-Restrain x Soft-Bandwagon']
    """
    if method not in ("auto", "closed-form", "numeric"):
        raise InputError(f"method must be 'auto', 'closed-form' or 'numeric', got {method!r}")
    fixed = dict(fixed or {})
    name, values, _ = axis_grid(model, param, resolution)
    fixed.pop(name, None)
    point = model.values(**{**fixed, name: model.parameters[name].default})
    fixed_values = {k: v for k, v in point.items() if k != name}
    if method == "numeric" or (method == "auto" and (not model.closed_forms_cover_all
                                                     or derivation_work(model) > AUTO_CLOSED_FORM_WORK)):
        return _numeric_statics(model, name, values, fixed_values)
    notes = []
    slow = slow_derivation(model)
    if slow:
        note_warning(notes, slow)
    arrays = {k: np.full(values.shape, float(v)) for k, v in fixed_values.items()}
    arrays[name] = values
    result = model.symbolic_equilibria()
    if not result.complete or result.degenerate_supports:
        if method == "auto":  # as regions() does: solve point by point where the closed forms fall short
            return _numeric_statics(model, name, values, fixed_values)
        reason = ("cover pure profiles only" if len(model.players) != 2
                  else "leave structurally degenerate supports unexpanded")
        raise InputError(f"statics with closed forms needs complete closed forms; those of {model.name!r} "
                         f"{reason}: use method='numeric'")
    inside = inside_constraints(model, arrays, values.shape)
    masks = [np.asarray(b.compile()[0](**arrays), dtype=bool) & inside for b in result]
    labels = np.array([region_label([b.supports for b, m in zip(result, masks) if m[k]]) if inside[k] else OUTSIDE
                       for k in range(len(values))])
    _note_outside(notes, inside)
    curves = [Curve(b.label, m, _quantities(b, model, arrays, m)) for b, m in zip(result, masks) if m.any()]
    boundaries = _regime_changes(model, result, name, values, fixed_values)
    return Statics(model, name, values, fixed_values, curves, labels, boundaries, notes)


def _note_outside(notes: list, inside: np.ndarray) -> None:
    """Say how many sweep values break the model's constraints (they are labelled so and carry no quantities)."""
    if not inside.all():
        note_warning(notes, f"{int((~inside).sum())} of {len(inside)} sweep values are {OUTSIDE}: "
                     "equilibria are not computed there", stacklevel=4)


def _numeric_statics(model, name, values, fixed_values) -> Statics:
    """Statics from the numeric solver at every sweep value; one curve per support profile."""
    arrays = {k: float(v) for k, v in fixed_values.items()}
    arrays[name] = values
    inside = inside_constraints(model, arrays, values.shape)
    curves, labels = {}, []
    for k, value in enumerate(values):
        if not inside[k]:
            labels.append(OUTSIDE)
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the labels say what a partial search left out
            result = model.equilibria(exact=True, **{**fixed_values, name: Fraction(float(value))})
        labels.append(result.region_label())
        for eq in result:
            label, named = eq.curve_label(), eq.quantities()  # every kind's equilibrium names its own
            while label in curves and curves[label].holds[k]:  # two equilibria on one support
                label += "'"
            curve = curves.setdefault(label, Curve(label, np.zeros(len(values), dtype=bool)))
            curve.holds[k] = True
            for quantity, amount in named.items():
                curve.quantities.setdefault(quantity, np.full(len(values), np.nan))[k] = amount
    labels = np.array(labels)
    boundaries = []
    for k in np.nonzero(labels[:-1] != labels[1:])[0]:
        change = _bisect_change(model, name, float(values[k]), float(values[k + 1]), fixed_values)
        if boundaries and abs(boundaries[-1].value - change.value) < 1e-9 * max(1.0, abs(change.value)):
            # a sweep value exactly on the change (a tie): one change, from the label before to the one after
            change = RegimeChange(change.value, boundaries.pop().before, change.after)
        boundaries.append(change)
    notes = []
    _note_outside(notes, inside)
    if any(PURE_ONLY in label or label == NO_PURE for label in labels):
        note_warning(notes, "pure equilibria only at some sweep values: the complete solver does not finish quickly "
                     "for this game, so mixed equilibria were not searched there; their labels say so",
              stacklevel=4)
    return Statics(model, name, values, fixed_values, list(curves.values()), labels, boundaries, notes)


def _within(model, point: dict) -> bool:
    """Whether the model's constraints hold at this point (its values are within their bounds)."""
    try:
        model.values(**point)
    except InputError:
        return False
    return True


def _bisect_change(model, name, lo, hi, fixed_values, steps: int = 40) -> RegimeChange:
    """The value between two sweep values where the numeric label changes, by bisection."""
    def label(v):
        values = {**fixed_values, name: Fraction(v)}
        return label_at_point(model, values) if _within(model, values) else OUTSIDE
    before, after = label(lo), label(hi)
    for _ in range(steps):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if label(mid) == before:
            lo = mid
        else:
            hi = mid
    return RegimeChange((lo + hi) / 2, before, after)


def _regime_changes(model, result, name, values, fixed_values) -> list:
    """Roots (brentq) of every relation of every branch, and of the model's constraints, where the label changes."""
    symbol = model.symbols[name]
    subs = {model.symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in fixed_values.items()}
    found = []
    seen = set()
    constraints = {relation for _, relation in model.constraints}
    for relation in {r for b in result for r in relations(b.conditions)} | constraints:
        expr = sympy.expand((relation.lhs - relation.rhs).xreplace(subs))
        if expr.free_symbols != {symbol} or expr in seen:
            continue
        seen.add(expr)
        f = compile_expression(expr, [name], modules="math")
        g = np.array([f(float(v)) for v in values])
        for k in np.nonzero(np.sign(g[:-1]) * np.sign(g[1:]) <= 0)[0]:
            lo, hi = float(values[k]), float(values[k + 1])
            root = lo if g[k] == 0 else hi if g[k + 1] == 0 else brentq(f, lo, hi, xtol=1e-12)
            found.append(root)
    changes = []
    for root in sorted(set(round(r, 12) for r in found)):
        eps = 1e-7 * max(1.0, abs(root))  # well above brentq's error, well below any sweep step
        before, after = (_label_at(model, result, name, root + d, fixed_values) for d in (-eps, eps))
        if before != after and not any(abs(c.value - root) < 1e-9 for c in changes):
            changes.append(RegimeChange(root, before, after))
    return changes


def _label_at(model, result, name, value, fixed_values) -> str:
    point = {**fixed_values, name: Fraction(value)}
    if not _within(model, point):
        return OUTSIDE
    return region_label([b.supports for b in result if holds(b.conditions, point)])
