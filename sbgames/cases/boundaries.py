"""The nearest regime boundaries of a case: one parameter moved at a time, the change located by bisection."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..normal_model import Model
from .arrays import Regimes
from .catalogue import case_info, case_quantities
from .sampling import limits, progress_bar

__all__ = ["BoundaryCrossing", "nearest_boundaries"]


@dataclass(frozen=True)
class BoundaryCrossing:
    """The nearest regime change along one parameter, the others kept at their calibrated values.

    Attributes
    ----------
    parameter : str
    calibrated, value : Fraction
        The calibrated value and the boundary (a simple fraction when one
        lies within 1e-9 of the bisection's result).
    before, after : str
        The regime at the calibrated value and just across the boundary.
    distance : float
        ``|value - calibrated|`` in units of the plausible range's width
        (of ``max(|calibrated|, 1)`` when there is no range).
    """

    parameter: str
    calibrated: Fraction
    value: Fraction
    before: str
    after: str
    distance: float

    def __str__(self) -> str:
        direction = "raising" if self.value > self.calibrated else "lowering"
        return (f"{direction} {self.parameter} from {self.calibrated} to {self.value} "
                f"({self.distance:.2g} plausible-range widths) turns '{self.before}' into '{self.after}'")


@dataclass
class _Bracket:
    """A regime change along one parameter, between `inside` (calibrated regime) and `outside` (another)."""

    name: str
    unit: Fraction
    inside: Fraction
    outside: Fraction
    end: str  # the regime at the first outside point


def _snap(low: Fraction, high: Fraction) -> Fraction:
    """A simple fraction within 1e-9 of the bracket [low, high] if there is one, else its midpoint."""
    guess = Fraction(float((low + high) / 2)).limit_denominator(1000)
    return guess if low - Fraction(1, 10**9) <= guess <= high + Fraction(1, 10**9) else (low + high) / 2


def nearest_boundaries(model: Model, steps: int = 24, iterations: int = 40, executor=None,
                       progress: bool = False) -> list[BoundaryCrossing]:
    """For each calibrated parameter, the nearest value (up or down) where the regime changes.

    Each parameter with a plausible range (and ``delta`` for repeated
    cases) is moved alone, both ways, in `steps` steps up to twice the
    larger of its range width and its value (within its bounds); the first
    step with another regime is refined by `iterations` bisections, all
    parameters together (each round one batch of points, see
    :func:`robustness` for `executor` and `progress`).  The boundary is a
    simple fraction when one lies in the final bracket, and the regime
    "after" it is the one just beyond (a point on the boundary itself is
    usually a tie, with a regime of its own).  Regimes narrower than a step
    can be stepped over.  Steps into values that break a constraint end the
    search in that direction.

    Returns
    -------
    list of BoundaryCrossing
        Nearest first (by :attr:`BoundaryCrossing.distance`); parameters
        whose regime never changes within reach are left out.
    """
    case_info(model)  # refuses a model without [case]
    quantities = case_quantities(model)
    params = {name: p for name, p in quantities.items() if p.plausible is not None}
    regimes = Regimes(model, executor)
    before = regimes.labels_of([{}])[0]
    scans = []
    for name, param in params.items():
        width = param.plausible[1] - param.plausible[0]
        unit = width if width > 0 else max(abs(param.default), Fraction(1))
        low, high = limits(param, 2 * max(width, abs(param.default), Fraction(1)))
        for end in (high, low):
            scans.append((name, unit, [param.default + (end - param.default) * Fraction(k, steps)
                                       for k in range(1, steps + 1)]))
    bar = progress_bar(progress, len(scans) * steps + iterations + 1, "boundary search")
    labels = regimes.labels_of([{name: x} for name, _, xs in scans for x in xs])
    brackets = []
    for k, (name, unit, xs) in enumerate(scans):
        previous = params[name].default
        for x, label in zip(xs, labels[k * steps:(k + 1) * steps]):
            if label is None:
                break  # a constraint ends the search in this direction
            if label != before:
                brackets.append(_Bracket(name, unit, previous, x, label))
                break
            previous = x
    if bar is not None:
        bar.update(len(scans) * steps)
    for _ in range(iterations):
        middles = [(b.inside + b.outside) / 2 for b in brackets]
        for b, middle, label in zip(brackets, middles, regimes.labels_of([{b.name: m} for b, m in zip(brackets, middles)])):
            if label == before:
                b.inside = middle
            else:
                b.outside = middle
        if bar is not None:
            bar.update(1)
    values = [_snap(*sorted((b.inside, b.outside))) for b in brackets]
    direction = [1 if b.outside > b.inside else -1 for b in brackets]
    beyond = regimes.labels_of([{b.name: v + b.unit * Fraction(1, 10**6) * d} for b, v, d in zip(brackets, values, direction)])
    if bar is not None:
        bar.update(1)
        bar.close()
    best = {}
    for b, value, after in zip(brackets, values, beyond):
        crossing = BoundaryCrossing(b.name, params[b.name].default, value, before,
                                    b.end if after is None or after == before else after,
                                    float(abs(value - params[b.name].default) / b.unit))
        if b.name not in best or crossing.distance < best[b.name].distance:
            best[b.name] = crossing
    return sorted(best.values(), key=lambda c: c.distance)
