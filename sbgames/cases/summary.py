"""A case in numbers, as text (:func:`story`) and as JSON-ready data (:func:`report`)."""

from __future__ import annotations

from ..normal_model import Model
from ..modelfile.case import CONDITIONS
from ..parameters import BASES
from ..results import number_json
from .boundaries import nearest_boundaries
from .catalogue import BASIS_WORDS, calibrated_values, calibration, case_info, case_quantities
from .later import OutOfSample, out_of_sample
from .outcomes import closed_forms_cover_all, is_complete, regime
from .sampling import check_samples, check_seed, robustness

__all__ = ["driving_conditions", "story", "report"]


def _pure_conditions(model: Model, supports) -> str:
    """The condition (as text) under which one pure profile is an equilibrium: no player gains by deviating.

    Simplifying it under the bounds takes seconds for many parameters, so the
    condition is kept in the closed-form cache (:mod:`sbgames.cache`).
    """
    from .. import cache
    from ..assumptions import ParameterSpace
    from ..conditions import condition_text
    from ..solvers.symbolic import pure_condition

    def derive():
        profile = tuple(names.index(s) for names, (s,) in zip(model.strategies, supports))
        return pure_condition(model.symbolic_game(), profile, ParameterSpace.from_model(model))
    key = cache.model_key(model, f"pure equilibrium conditions {[list(s) for s in supports]}")
    condition = cache.cached(key, derive, cache.condition_to_data,
                             lambda data: cache.condition_from_data(data, model.symbols))
    return condition_text(condition)


def driving_conditions(model: Model) -> list[tuple[str, str]]:
    """``(branch label, condition)`` of the closed-form branches that hold at the calibrated values.

    These are the conditions that make the calibrated equilibria what they
    are: for two players and game trees, of every closed-form branch that
    holds; for three or more players, of the pure equilibria at the
    calibrated values only (mixed equilibria have no closed form here).
    """
    import warnings

    from ..conditions import condition_text
    from ..solvers.symbolic import profile_label
    values = model.values()
    if closed_forms_cover_all(model):
        return [(b.label, condition_text(b.conditions)) for b in model.symbolic_equilibria() if b.holds_at(values)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the pure equilibria are what is asked for
        found = model.equilibria(exact=True, method="pure")
    return [(profile_label(eq.supports), _pure_conditions(model, eq.supports)) for eq in found]


def _numbers(model: Model, samples: int, seed: int, executor, progress: bool):
    """The case's computed quantities: regime, driving conditions, robustness, nearest boundaries."""
    samples, seed = check_samples(samples), check_seed(seed)  # before any work
    case_info(model)
    label = regime(model, model.values())
    return (label, driving_conditions(model), robustness(model, samples, seed, executor, progress),
            nearest_boundaries(model, executor=executor, progress=progress))


def _scope(model: Model, label: str) -> tuple[str, str]:
    """How complete the regime and the driving conditions are, in words."""
    from ..analysis.regions import PURE_ONLY
    equilibria = "complete" if is_complete(label) else PURE_ONLY
    conditions = "" if closed_forms_cover_all(model) else "of the pure equilibria"
    return equilibria, conditions


def story(model: Model, samples: int = 400, seed: int = 0, executor=None, progress: bool = True) -> str:
    """The case in numbers: outcome, equilibria, driving conditions, robustness, nearest boundaries.

    `samples` is checked (1 to :data:`MAX_SAMPLES`) before any work; see
    :func:`robustness` for `executor`.  With `progress` (the default), a
    step that takes longer than 2 seconds shows a progress bar on standard
    error when that is a terminal (never in a pipe or a file).  A regime that is not
    a complete equilibrium set says so ("pure equilibria only") in every
    line that shows it.
    """
    case = case_info(model)
    label, driving, share, crossings = _numbers(model, samples, seed, executor, progress)
    lines = [model.title, "", f"Historical outcome: {case.outcome}",
             f"Soft balancing chosen: {'yes' if case.soft_balancing_chosen else 'no'}; "
             f"worked: {'yes' if case.soft_balancing_worked else 'no'}"]
    met = [CONDITIONS[k] for k, v in case.conditions.items() if v]
    if met:
        lines.append("Conditions met: " + "; ".join(met))
    lines += ["", "Calibrated values: " + ", ".join(f"{k} = {v}" for k, v in calibrated_values(model).items())]
    split = calibration(model)
    lines += [f"  {BASIS_WORDS[basis]}: " + (", ".join(f"{k} = {v['value']}" for k, v in split[basis].items())
                                             or "none") for basis in BASES]
    of_what = _scope(model, label)[1]
    lines += [f"Regime: {label}", f"Driving conditions{f' ({of_what})' if of_what else ''}:"]
    lines += [f"  {branch}: {text}" for branch, text in driving]
    lines += ["", f"Robustness: {share}", "Nearest regime boundaries:"]
    lines += [f"  {c}" for c in crossings[:3]] or ["  none within reach of the plausible ranges"]
    later = out_of_sample(model)
    if later is not None:
        lines += ["", f"Out of sample, {later}"]
    return "\n".join(lines)


def report(model: Model, samples: int = 400, seed: int = 0, executor=None, progress: bool = False) -> dict:
    """The numbers of :func:`story` as JSON-ready data.

    Parameter values, bounds of the box and boundary values are number objects
    (:func:`sbgames.results.number_json`: ``{"exact": "1/2", "float": 0.5}``);
    shares, interval ends and distances are plain floats.

    ``regime.equilibria`` is ``"complete"`` or says what the search left
    out (``"pure equilibria only; mixed not searched"``), and so does
    ``robustness.equilibria``: the share then compares pure equilibria only.

    Examples
    --------
    >>> from sbgames.cases import load_case
    >>> data = report(load_case("league_1930s"), samples=20)
    >>> data["regime"], data["robustness"]["samples"]
    ({'label': 'Revise / Soft (unique)', 'equilibria': 'complete'}, 20)
    """
    case = case_info(model)
    label, driving, share, crossings = _numbers(model, samples, seed, executor, progress)
    equilibria, of_what = _scope(model, label)
    quantities = case_quantities(model)
    return {
        "case": model.name, "title": model.title, "outcome": case.outcome,
        "soft_balancing_chosen": case.soft_balancing_chosen, "soft_balancing_worked": case.soft_balancing_worked,
        "conditions": dict(case.conditions),
        "calibrated": {k: number_json(v) for k, v in calibrated_values(model).items()},
        "calibration": {basis: {n: {"value": number_json(quantities[n].default), "source": quantities[n].source}
                                for n in calibrated_values(model) if quantities[n].basis == basis} for basis in BASES},
        "regime": {"label": label, "equilibria": equilibria},
        "driving_conditions": {"of": of_what or "every closed-form branch that holds",
                               "branches": [{"branch": b, "condition": t} for b, t in driving]},
        "robustness": {"share": _statistic(share.share), "interval": [_statistic(x) for x in share.interval],
                       "outcome": share.outcome, "outcome_share": _statistic(share.outcome_share),
                       "outcome_interval": [_statistic(x) for x in share.outcome_interval], "confidence": 0.95,
                       "samples": share.samples, "admissible": share.admissible,
                       "seed": seed, "equilibria": "complete" if share.complete else equilibria,
                       "relative_width": number_json(share.width),
                       "box": {k: [number_json(lo), number_json(hi)] for k, (lo, hi) in share.box.items()}},
        "nearest_boundaries": [{"parameter": c.parameter, "calibrated": number_json(c.calibrated),
                                "value": number_json(c.value), "before": c.before, "after": c.after,
                                "distance": _statistic(c.distance)} for c in crossings],
        "out_of_sample": _out_of_sample_data(out_of_sample(model)),
    }


def _statistic(value: float) -> float | None:
    """A share, interval end or distance: a plain float rounded like every float in the JSON (None if undefined)."""
    return number_json(float(value))["float"]


def _out_of_sample_data(later: OutOfSample | None) -> dict | None:
    if later is None:
        return None
    return {"phase": later.phase, "changes": {k: [number_json(a), number_json(b)] for k, (a, b) in later.changes.items()},
            "sources": later.sources, "first_phase": later.first, "predicted": later.predicted,
            "expected": later.expected, "historical": later.historical, "hit": later.hit, "changed": later.changed,
            "among": later.among}
