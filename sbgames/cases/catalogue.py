"""The bundled cases, and what a case calibrates: its quantities, their values and how each was set.

Examples
--------
>>> [name for name, _ in list_cases()][:2]
['brics', 'central_asia']
>>> calibrated_values(load_case("iraq_2003"))["theta"]
Fraction(8, 1)
"""

from __future__ import annotations

from ..errors import InputError
from ..normal_model import Model
from ..modelfile import list_models, load_model
from ..modelfile.case import DELTA, CaseInfo
from ..parameters import BASES, Parameter, ParametrisedModel

__all__ = ["list_cases", "load_case", "case_info", "case_quantities", "is_calibrated", "calibrated_values", "BASIS_WORDS", "calibration", "calibration_table"]


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
    sbgames.errors.InputError: 'core' is a model but not a calibrated case (it has no [case] section)
    """
    model = load_model(name)
    if model.case is None:
        raise InputError(f"{str(name)!r} is a model but not a calibrated case (it has no [case] section)")
    return model


def case_info(model) -> CaseInfo:
    if not isinstance(model, ParametrisedModel) or model.case is None:
        raise InputError(f"{model!r} is not a calibrated case (it has no [case] section)")
    return model.case


def case_quantities(model: Model) -> dict:
    """Name -> Parameter of every quantity of the case: the model's parameters, then delta in repeated play."""
    quantities = dict(model.parameters)
    if model.case.delta is not None:
        quantities[DELTA] = model.case.delta
    return quantities


def is_calibrated(name: str, p: Parameter) -> bool:
    return p.plausible is not None or bool(p.justification) or name == DELTA


def calibrated_values(model: Model) -> dict:
    return {n: p.default for n, p in case_quantities(model).items() if is_calibrated(n, p)}


BASIS_WORDS = {"sourced": "sourced (the model file names each source)", "fitted": "fitted to the outcome"}


def calibration(model: Model) -> dict:
    """The calibrated values split by how they were set: ``"sourced"`` and ``"fitted"`` (to the outcome).

    Each maps a parameter name to its ``value`` (a string) and ``source``:
    the source of a sourced value, or what a fitted value was fitted to,
    as the model file states them (``basis`` and ``source`` fields).

    Examples
    --------
    >>> split = calibration(load_case("iraq_2003"))
    >>> list(split["sourced"]), list(split["fitted"])
    (['e_s', 'lam', 'l', 'c_s'], ['g', 'theta', 'e_h', 'w', 'c_h', 'b'])
    >>> split["fitted"]["theta"]["value"]
    '8'
    """
    case_info(model)
    quantities = case_quantities(model)
    return {basis: {n: {"value": str(quantities[n].default), "source": quantities[n].source}
                    for n in calibrated_values(model) if quantities[n].basis == basis} for basis in BASES}


def calibration_table(model: Model) -> str:
    """The split of :func:`calibration` as a Markdown table (the "Sourced and fitted values" of a case page).

    Examples
    --------
    >>> print(calibration_table(load_case("iraq_2003")).splitlines()[2][:60])
    | g | 8 | fitted | no source gives a size; set with e_s, lam
    """
    case_info(model)
    quantities = case_quantities(model)
    rows = ["| Parameter | Value | Basis | Source, or what the value was fitted to |", "|---|---|---|---|"]
    rows += [f"| {n} | {q.default} | {q.basis} | {q.source} |" for n, q in quantities.items() if is_calibrated(n, q)]
    return "\n".join(rows)
