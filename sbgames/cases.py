"""Calibrated cases: a model file with a ``[case]`` section, its robustness and its nearest boundary.

A case is a model file (usually with ``base = "core"`` or a factory base,
see :mod:`sbgames.derive`) whose parameter values are calibrated to a
historical episode.  Each calibrated parameter states its
``justification`` and a ``plausible`` range; the ``[case]`` section states
the outcome the episode is known for and which of the literature's
conditions for soft balancing it meets::

    [case]
    outcome = "the United States invades despite the refusal at the UN"
    soft_balancing_chosen = true
    soft_balancing_worked = false
    conditions = { low_threat = true, legitimacy = true, ... }

Repeated-play cases add ``[case.repeated]`` with the discount factor as a
calibrated quantity (``delta = { default = "9/10", justification = "...",
plausible = ["4/5", "19/20"] }``); the outcome is then whether the model's
``[repeated]`` profile is sustained by grim-trigger strategies.

The **regime** at a parameter point is the region label of the exact
equilibrium set (:func:`~sbgames.analysis.regions.label_at_point`: all
extreme equilibria for two players, the pure equilibria for more, the
subgame-perfect paths for game trees), followed for repeated cases by
whether the cooperative profile is sustained.  A case's outcome *holds*
where the regime is the one at the calibrated values.

:func:`robustness` is the share of the plausible box (uniform sampling)
where the outcome holds; :func:`nearest_boundaries` moves one parameter
at a time away from its calibrated value and locates (by bisection) the
nearest value where the regime changes.

Examples
--------
>>> from sbgames.model import Model
>>> m = Model.from_dict({"base": "core", "parameters": {"l": {"default": "1/2", "plausible": ["0", "1"]}},
...                      "case": {"outcome": "T revises against soft balancing",
...                               "soft_balancing_chosen": True, "soft_balancing_worked": False,
...                               "conditions": {"legitimacy": False}}})
>>> regime(m, m.values())
'Revise / Soft (unique)'
>>> b = nearest_boundaries(m)[0]
>>> b.parameter, b.value, b.after
('l', Fraction(1, 1), 'mixed: Revise-Restrain x Soft-Bandwagon')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from .model import Model, Parameter, list_models, load_model

__all__ = ["CONDITIONS", "CaseInfo", "read_case", "list_cases", "load_case", "regime", "Robustness",
           "robustness", "BoundaryCrossing", "nearest_boundaries", "driving_conditions", "story"]

#: The literature's conditions for soft balancing (Paul), and the parameters that express them.
CONDITIONS = MappingProxyType({
    "low_threat": "the threat is not existential (theta low)",
    "legitimacy": "international legitimacy matters to the threatening power (lam high)",
    "post_war": "the aftermath of a major war (w and lam high)",
    "institutions": "flourishing institutions (e_s and l high)",
    "defensive_advantage": "a defensive advantage in military affairs (w high, theta lower)",
    "interdependence": "high economic interdependence (c_h high, e_s high)",
    "domestic_support": "domestic support for soft balancing (c_s low)",
})
_CASE_KEYS = {"outcome", "soft_balancing_chosen", "soft_balancing_worked", "conditions", "repeated"}
_DELTA = "delta"


@dataclass(frozen=True)
class CaseInfo:
    """The ``[case]`` section of a model file.

    Attributes
    ----------
    outcome : str
        The historical outcome, in words.
    soft_balancing_chosen, soft_balancing_worked : bool
    conditions : mapping of str to bool
        Which of :data:`CONDITIONS` the case meets (those not named are unknown).
    delta : Parameter or None
        Repeated-play cases: the calibrated discount factor.
    """

    outcome: str
    soft_balancing_chosen: bool
    soft_balancing_worked: bool
    conditions: MappingProxyType
    delta: Parameter | None = None


def read_case(reader, data, model: Model) -> CaseInfo | None:
    """Parse ``[case]`` with the model reader (errors name the file and the field)."""
    if data is None:
        return None
    data = reader.table(data, "case")
    for key in data:
        if key not in _CASE_KEYS:
            reader.fail(f"case.{key}", f"unknown field (allowed: {', '.join(sorted(_CASE_KEYS))})")
    outcome = reader.text(data, "case.outcome")
    if not outcome.strip():
        reader.fail("case.outcome", "missing: say in words what happened")
    flags = {}
    for key in ("soft_balancing_chosen", "soft_balancing_worked"):
        if not isinstance(data.get(key), bool):
            reader.fail(f"case.{key}", f"expected true or false, found {data.get(key)!r}")
        flags[key] = data[key]
    conditions = reader.table(data.get("conditions", {}), "case.conditions")
    for key, value in conditions.items():
        if key not in CONDITIONS:
            reader.fail(f"case.conditions.{key}", f"not one of the conditions: {', '.join(CONDITIONS)}")
        if not isinstance(value, bool):
            reader.fail(f"case.conditions.{key}", f"expected true or false, found {value!r}")
    delta = None
    if "repeated" in data:
        repeated = reader.table(data["repeated"], "case.repeated")
        if set(repeated) != {_DELTA}:
            reader.fail("case.repeated", f"expected exactly one field, delta, found {sorted(repeated)!r}")
        if _DELTA in model.parameters:
            reader.fail("case.repeated", "the model already has a parameter named delta")
        if not model.repeated:
            reader.fail("case.repeated", "a repeated-play case needs a [repeated] section (cooperate, punish)")
        spec = repeated[_DELTA]
        spec = dict(spec) if isinstance(spec, dict) else {"default": spec}
        spec.setdefault("description", "discount factor of repeated play")
        delta = reader.parameters({_DELTA: {**spec, "above": "0", "below": "1"}})[_DELTA]
    return CaseInfo(outcome=outcome, conditions=MappingProxyType(dict(conditions)), delta=delta, **flags)


def list_cases() -> list[tuple[str, str]]:
    """``(name, title)`` of every bundled model that is a calibrated case."""
    return [(name, title) for name, title in list_models() if load_model(name).case is not None]


def load_case(name) -> Model:
    """A bundled case (or a case file) by name; a model without ``[case]`` is refused.

    Examples
    --------
    >>> load_case("core")
    Traceback (most recent call last):
    ...
    ValueError: 'core' is a model but not a calibrated case (it has no [case] section)
    """
    model = load_model(name)
    if model.case is None:
        raise ValueError(f"{str(name)!r} is a model but not a calibrated case (it has no [case] section)")
    return model


def _case_of(model) -> CaseInfo:
    if not isinstance(model, Model) or model.case is None:
        raise ValueError(f"{model!r} is not a calibrated case (it has no [case] section)")
    return model.case


def _sustained(model: Model, values: dict, delta) -> bool:
    from .repeated import RepeatedGame, grim_trigger
    automata = [grim_trigger(c, p) for c, p in zip(model.repeated["cooperate"], model.repeated["punish"])]
    return bool(RepeatedGame(model.game(**values), delta=delta).is_subgame_perfect(automata))


def regime(model: Model, values: dict, delta=None) -> str:
    """The regime at a point: the region label, plus for repeated cases whether cooperation is sustained.

    Parameters
    ----------
    model : Model
    values : dict
        Parameter values (defaults for the others).
    delta : number, optional
        Repeated-play cases: the discount factor (default: the calibrated one).
    """
    from .analysis.regions import label_at_point
    label = label_at_point(model, model.values(**values))
    case = model.case
    if case is None or case.delta is None:
        return label
    delta = case.delta.check(case.delta.default if delta is None else delta)
    shown = ", ".join(f"{p} {a}" for p, a in zip(model.players, model.repeated["cooperate"]))
    sustained = "sustained" if _sustained(model, values, delta) else "not sustained"
    return f"{label}; repeated: ({shown}) {sustained}"


def _quantities(model: Model) -> dict:
    """Name -> Parameter of every quantity of the case: the model's parameters, then delta in repeated play."""
    quantities = dict(model.parameters)
    if model.case.delta is not None:
        quantities[_DELTA] = model.case.delta
    return quantities


def _box(model: Model) -> dict:
    """Name -> (low, high) over the plausible ranges (delta included for repeated cases)."""
    return {name: p.plausible for name, p in _quantities(model).items() if p.plausible is not None}


def _regime_at(model: Model, point: dict) -> str | None:
    """The regime at `point` (delta among the values), or None outside the constraints."""
    values = dict(point)
    delta = values.pop(_DELTA, None)
    try:
        model.values(**values)
    except ValueError:
        return None
    return regime(model, values, delta)


@dataclass(frozen=True)
class Robustness:
    """How much of the plausible box keeps the calibrated regime.

    Attributes
    ----------
    share : float
        Share of the admissible sampled points where the regime is the calibrated one.
    samples : int
        Points drawn.
    admissible : int
        Points that satisfy the model's constraints (the others are not counted).
    box : mapping of str to (Fraction, Fraction)
    regime : str
        The calibrated regime.
    """

    share: float
    samples: int
    admissible: int
    box: MappingProxyType
    regime: str

    def __str__(self) -> str:
        return (f"the outcome holds in {self.share:.0%} of the plausible box "
                f"({self.admissible} admissible points of {self.samples} drawn)")


def robustness(model: Model, samples: int = 400, seed: int = 0) -> Robustness:
    """The share of the plausible box in which the case's calibrated regime holds.

    Points are drawn uniformly from the box of the ``plausible`` ranges (the
    other parameters keep their calibrated values), rounded to fractions
    with denominators up to 10**6 and solved exactly.  Points that break a
    constraint between parameters are dropped.

    Raises
    ------
    ValueError
        Not a case, no plausible ranges, or `samples` not a positive integer.
    """
    _case_of(model)  # refuses a model without [case]
    if not isinstance(samples, int) or isinstance(samples, bool) or samples < 1:
        raise ValueError(f"samples must be a positive integer, got {samples!r}")
    box = _box(model)
    if not box:
        raise ValueError(f"case {model.name!r} states no plausible ranges, so it has no box to sample")
    calibrated = regime(model, model.values())
    rng = np.random.default_rng(seed)
    draws = rng.random((samples, len(box)))
    hits = admissible = 0
    for row in draws:
        point = {name: Fraction(float(lo + (hi - lo) * Fraction(u))).limit_denominator(10**6)
                 for (name, (lo, hi)), u in zip(box.items(), row)}
        found = _regime_at(model, point)
        if found is not None:
            admissible += 1
            hits += found == calibrated
    share = hits / admissible if admissible else float("nan")
    return Robustness(share, samples, admissible, MappingProxyType(box), calibrated)


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


def _limits(param: Parameter, span: Fraction) -> tuple[Fraction, Fraction]:
    low, high = param.default - span, param.default + span
    tiny = Fraction(1, 10**9)
    if param.min is not None:
        low = max(low, param.min)
    if param.above is not None:
        low = max(low, param.above + tiny)
    if param.max is not None:
        high = min(high, param.max)
    if param.below is not None:
        high = min(high, param.below - tiny)
    return low, high


def _crossing(model, base, name, inside, outside, before, iterations, unit):
    """Bisect between `inside` (calibrated regime) and `outside` (another) along `name`.

    Returns the boundary (snapped to a simple fraction when one is within
    the bracket) and the regime just beyond it (a point on the boundary
    itself is usually a tie, with a regime of its own).
    """
    end, direction = outside, 1 if outside > inside else -1
    for _ in range(iterations):
        mid = (inside + outside) / 2
        if _regime_at(model, {**base, name: mid}) == before:
            inside = mid
        else:
            outside = mid
    low, high = sorted((inside, outside))
    guess = Fraction(float((low + high) / 2)).limit_denominator(1000)
    value = guess if low - Fraction(1, 10**9) <= guess <= high + Fraction(1, 10**9) else (low + high) / 2
    step = unit * Fraction(1, 10**6) * direction
    after = _regime_at(model, {**base, name: value + step})
    if after is None or after == before:
        after = _regime_at(model, {**base, name: end})
    return value, after


def nearest_boundaries(model: Model, steps: int = 24, iterations: int = 40) -> list[BoundaryCrossing]:
    """For each calibrated parameter, the nearest value (up or down) where the regime changes.

    Each parameter with a plausible range (and ``delta`` for repeated
    cases) is moved alone, both ways, in `steps` steps up to twice the
    larger of its range width and its value (within its bounds); the first
    step with another regime is refined by `iterations` bisections.
    Regimes narrower than a step can be stepped over.  Steps into values
    that break a constraint end the search in that direction.

    Returns
    -------
    list of BoundaryCrossing
        Nearest first (by :attr:`BoundaryCrossing.distance`); parameters
        whose regime never changes within reach are left out.
    """
    _case_of(model)  # refuses a model without [case]
    quantities = _quantities(model)
    params = {name: p for name, p in quantities.items() if p.plausible is not None}
    base = {name: p.default for name, p in quantities.items()}
    before = _regime_at(model, base)
    found = []
    for name, param in params.items():
        width = param.plausible[1] - param.plausible[0]
        unit = width if width > 0 else max(abs(param.default), Fraction(1))
        low, high = _limits(param, 2 * max(width, abs(param.default), Fraction(1)))
        best = None
        for end in (high, low):
            previous = param.default
            for k in range(1, steps + 1):
                x = param.default + (end - param.default) * Fraction(k, steps)
                label = _regime_at(model, {**base, name: x})
                if label is None:
                    break
                if label != before:
                    value, after = _crossing(model, base, name, previous, x, before, iterations, unit)
                    crossing = BoundaryCrossing(name, param.default, value, before, after,
                                                float(abs(value - param.default) / unit))
                    if best is None or crossing.distance < best.distance:
                        best = crossing
                    break
                previous = x
        if best is not None:
            found.append(best)
    return sorted(found, key=lambda c: c.distance)


def driving_conditions(model: Model) -> list[tuple[str, str]]:
    """``(branch label, condition)`` of the closed-form branches that hold at the calibrated values.

    These are the conditions that make the calibrated equilibria what they
    are (for models whose closed forms sbgames derives: two players, pure
    equilibria of many players, game trees).
    """
    import warnings

    from .solvers.symbolic import condition_text
    values = model.values()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # many players: pure conditions only, as the regime itself
        branches = model.symbolic_equilibria()
    return [(b.label if hasattr(b, "label") else " -> ".join(b.actions), condition_text(b.conditions))
            for b in branches if b.holds_at(**values)]


def story(model: Model, samples: int = 400, seed: int = 0) -> str:
    """The case in numbers: outcome, equilibria, driving conditions, robustness, nearest boundaries."""
    case = _case_of(model)
    lines = [model.title, "", f"Historical outcome: {case.outcome}",
             f"Soft balancing chosen: {'yes' if case.soft_balancing_chosen else 'no'}; "
             f"worked: {'yes' if case.soft_balancing_worked else 'no'}"]
    met = [CONDITIONS[k] for k, v in case.conditions.items() if v]
    if met:
        lines.append("Conditions met: " + "; ".join(met))
    calibrated = {n: p.default for n, p in _quantities(model).items()
                  if p.plausible is not None or p.justification or n == _DELTA}
    lines += ["", "Calibrated values: " + ", ".join(f"{k} = {v}" for k, v in calibrated.items())]
    lines += [f"Regime: {regime(model, model.values())}", "Driving conditions:"]
    lines += [f"  {label}: {text}" for label, text in driving_conditions(model)]
    lines += ["", f"Robustness: {robustness(model, samples, seed)}", "Nearest regime boundaries:"]
    crossings = nearest_boundaries(model)
    lines += [f"  {c}" for c in crossings[:3]] or ["  none within reach of the plausible ranges"]
    return "\n".join(lines)
