"""A case's later phase: the model's prediction out of sample, against the record."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ..normal_model import Model
from ..modelfile.case import DELTA
from .catalogue import case_info, case_quantities
from .outcomes import outcome

__all__ = ["OutOfSample", "out_of_sample"]


@dataclass(frozen=True)
class OutOfSample:
    """The model's prediction for a later phase of a case, against the record.

    Attributes
    ----------
    phase : str
    changes : mapping of str to (Fraction, Fraction)
        Each changed quantity: (calibrated value, value in the later phase).
    sources : str
        What says these quantities changed.
    first : str
        The outcome at the calibrated values (:func:`outcome`).
    predicted : str
        The outcome with the changes.
    expected, historical : str
        The later phase's outcome as :func:`outcome` words it, and in words.
    """

    phase: str
    changes: MappingProxyType
    sources: str
    first: str
    predicted: str
    expected: str
    historical: str

    @property
    def hit(self) -> bool:
        """Whether the prediction is the historical outcome."""
        return self.predicted == self.expected

    @property
    def changed(self) -> bool:
        """Whether the prediction differs from the first phase's outcome."""
        return self.predicted != self.first

    @property
    def among(self) -> bool:
        """Whether the historical outcome is one of the predicted equilibria's outcomes (several or one)."""
        return self.expected in self.predicted.split(" | ")

    def __str__(self) -> str:
        moved = ", ".join(f"{k} {a} -> {b}" for k, (a, b) in self.changes.items())
        verdict = "predicted" if self.hit else "MISSED" + (
            " (the historical outcome is one of several equilibrium outcomes)" if self.among else "")
        same = "" if self.changed else " (the same outcome as the first phase: the model does not tell the phases apart)"
        return (f"{self.phase}: with {moved}, the model predicts '{self.predicted}'{same}; "
                f"history: '{self.expected}': {verdict}")


def out_of_sample(model: Model) -> OutOfSample | None:
    """The model's prediction for the later phase of ``[case.out_of_sample]`` (None without one).

    The first phase is the case as calibrated; only the quantities the
    sources say changed are moved, and the predicted :func:`outcome` is
    compared with the historical one: a miss is reported as a miss.

    Examples
    --------
    >>> from sbgames.cases import load_case
    >>> print(out_of_sample(load_case("philippines_duterte")).predicted)
    T Revise; S Soft
    """
    case = case_info(model)
    spec = case.out_of_sample
    if spec is None:
        return None
    quantities = case_quantities(model)
    changes = dict(spec["changes"])
    delta = changes.pop(DELTA, None)
    return OutOfSample(spec["phase"], MappingProxyType({k: (quantities[k].default, v) for k, v in spec["changes"].items()}),
                       spec["sources"], outcome(model, {}), outcome(model, changes, delta), spec["expected"],
                       spec["outcome"])
