"""The ``[case]`` section of a model file: the historical outcome a calibrated case is known for.

A calibrated case (see :mod:`sbgames.cases`) is a model file with a
``[case]`` section::

    [case]
    outcome = "the United States invades despite the refusal at the UN"
    soft_balancing_chosen = true
    soft_balancing_worked = false
    conditions = { low_threat = true, legitimacy = true }

with, for repeated play, ``[case.repeated]`` (the calibrated discount
factor ``delta``) and, for a later phase of the episode,
``[case.out_of_sample]``.  :func:`read_case` checks the section against the
model it belongs to and returns a :class:`CaseInfo`.

Examples
--------
>>> from sbgames import load_model
>>> case = load_model("iraq_2003").case
>>> case.soft_balancing_chosen, case.soft_balancing_worked
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ..errors import SbgamesError
from ..normal_model import Model
from ..parameters import Parameter, ParametrisedModel

__all__ = ["CONDITIONS", "CaseInfo", "DELTA", "read_case"]

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
_CASE_KEYS = {"outcome", "soft_balancing_chosen", "soft_balancing_worked", "conditions", "repeated",
              "out_of_sample"}
_OUT_OF_SAMPLE_KEYS = ("phase", "changes", "sources", "outcome", "expected")
#: The name of a repeated case's calibrated discount factor (``[case.repeated] delta``).
DELTA = "delta"


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
    out_of_sample : mapping or None
        ``[case.out_of_sample]``: a later phase of the episode (``phase``),
        the parameters the sources say changed (``changes``, name ->
        Fraction) and those sources (``sources``), and the phase's
        historical outcome in words (``outcome``) and as :func:`outcome`
        words it (``expected``).
    """

    outcome: str
    soft_balancing_chosen: bool
    soft_balancing_worked: bool
    conditions: MappingProxyType
    delta: Parameter | None = None
    out_of_sample: MappingProxyType | None = None


def read_case(reader, data, model: ParametrisedModel) -> CaseInfo | None:
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
        if set(repeated) != {DELTA}:
            reader.fail("case.repeated", f"expected exactly one field, delta, found {sorted(repeated)!r}")
        if DELTA in model.parameters:
            reader.fail("case.repeated", "the model already has a parameter named delta")
        if not isinstance(model, Model) or not model.repeated:
            reader.fail("case.repeated", "a repeated-play case needs a [repeated] section (cooperate, punish)")
        spec = repeated[DELTA]
        spec = dict(spec) if isinstance(spec, dict) else {"default": spec}
        spec.setdefault("description", "discount factor of repeated play")
        delta = reader.parameters({DELTA: {**spec, "above": "0", "below": "1"}})[DELTA]
    _check_bases(reader, model, delta)
    later = None if "out_of_sample" not in data else _read_out_of_sample(reader, data["out_of_sample"], model, delta)
    return CaseInfo(outcome=outcome, conditions=MappingProxyType(dict(conditions)), delta=delta,
                    out_of_sample=later, **flags)


def _read_out_of_sample(reader, data, model: ParametrisedModel, delta: Parameter | None) -> MappingProxyType:
    """``[case.out_of_sample]``: every field present, the changes to known quantities and within their bounds."""
    data = reader.table(data, "case.out_of_sample")
    if set(data) != set(_OUT_OF_SAMPLE_KEYS):
        reader.fail("case.out_of_sample", f"expected the fields {', '.join(_OUT_OF_SAMPLE_KEYS)}, found "
                                          f"{', '.join(sorted(data)) or 'none'}")
    spec = {}
    for key in ("phase", "sources", "outcome", "expected"):
        spec[key] = reader.text(data, f"case.out_of_sample.{key}")
        if not spec[key].strip():
            reader.fail(f"case.out_of_sample.{key}", "missing: an empty text")
    changes = reader.table(data["changes"], "case.out_of_sample.changes")
    if not changes:
        reader.fail("case.out_of_sample.changes", "no parameter changes: name what the sources say changed")
    quantities = {**model.parameters, **({DELTA: delta} if delta is not None else {})}
    spec["changes"] = {}
    for name, value in changes.items():
        field = f"case.out_of_sample.changes.{name}"
        if name not in quantities:
            reader.fail(field, f"not a parameter of the model (parameters: {', '.join(quantities)})")
        try:
            spec["changes"][name] = quantities[name].check(value)
        except SbgamesError as exc:
            reader.fail(field, str(exc))
    try:
        model.values(**{k: v for k, v in spec["changes"].items() if k != DELTA})
    except SbgamesError as exc:
        reader.fail("case.out_of_sample.changes", str(exc))
    spec["changes"] = MappingProxyType(spec["changes"])
    return MappingProxyType(spec)


def _check_bases(reader, model: ParametrisedModel, delta: Parameter | None) -> None:
    """Every value a case justifies says whether it is sourced or fitted, and from what.

    A parameter with a ``justification`` (the reason for its calibrated
    value, including the discount factor of a repeated case) needs
    ``basis`` and ``source``.
    """
    params = {**model.parameters, **({DELTA: delta} if delta is not None else {})}
    for name, p in params.items():
        if not p.justification:
            continue
        field = f"case.repeated.{name}" if name == DELTA else f"parameters.{name}"
        if not p.basis:
            reader.fail(f"{field}.basis", 'missing: a case says how each calibrated value was set, '
                                          'basis = "sourced" (from the source it names) or "fitted" '
                                          '(set so that the model reproduces the outcome)')
        if not p.source.strip():
            reader.fail(f"{field}.source", "missing: name the source (author, work, page) of a sourced value, "
                                           "or say what a fitted value was fitted to")
