"""Calibrated cases: a model file with a ``[case]`` section, its robustness and its nearest boundary.

A case is a model file (usually with ``base = "core"`` or a factory base,
see :mod:`sbgames.modelfile.inherit`) whose parameter values are calibrated to a
historical episode.  Each calibrated parameter states its
``justification``, a ``plausible`` range and how its value was set
(``basis = "sourced"`` with its ``source``, or ``"fitted"`` to the outcome
with what it was fitted to; :func:`calibration` returns the split); the
``[case]`` section states
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
``[repeated]`` cooperative profile is sustained by Nash reversion: a
deviation answered for ever by the stage equilibrium worst for the deviator,
mixed ones included (:func:`~sbgames.repeated.penal.nash_reversion_threshold`).
A case with a later phase adds ``[case.out_of_sample]`` (:func:`out_of_sample`).

The **regime** at a parameter point is the region label of the exact
equilibrium set (:func:`~sbgames.analysis.regions.label_at_point`, which
solves with ``sbgames.solve(..., method="auto")``: complete for two
players and for the many-player games the complete solver finishes in
seconds; the pure equilibria only for larger games, and then the label
says "pure equilibria only; mixed not searched" and never "unique"; the
subgame-perfect paths for game trees), followed for repeated cases by
whether the cooperative profile is sustained.  The **outcome**
(:func:`outcome`) is what the regime means substantively: each player's
most likely action, the states of a many-state case counted, not named.

:func:`robustness` gives the shares of a box of the same relative width for
every case (each calibrated value -+ :data:`RELATIVE_WIDTH`, uniform
sampling) where the calibrated outcome, and the calibrated regime, hold,
with Wilson score intervals; :func:`nearest_boundaries` moves one parameter
at a time away from its calibrated value and locates (by bisection) the
nearest value where the regime changes.  Both classify many points at
once: the closed forms (the equilibrium conditions of two-player models
and game trees, the Nash-reversion condition of repeated play, the payoffs
of many-player models) are compiled once and evaluated on whole arrays;
a point within a relative 1e-9 of a tie, where floats cannot decide, is
decided exactly, and models without closed forms are solved point by
point (on an optional executor).  :func:`story` and :func:`report` put the
numbers together as text and as JSON-ready data.

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

from ..modelfile.case import CONDITIONS, CaseInfo, read_case
from .boundaries import BoundaryCrossing, nearest_boundaries
from .catalogue import calibration, calibration_table, list_cases, load_case
from .later import OutOfSample, out_of_sample
from .outcomes import outcome, regime
from .sampling import (MAX_SAMPLES, RELATIVE_WIDTH, Robustness, check_samples, robustness, sample_points,
                         wilson_interval)
from .summary import driving_conditions, report, story

__all__ = ["CONDITIONS", "CaseInfo", "read_case", "list_cases", "load_case", "regime", "outcome", "OutOfSample",
           "out_of_sample", "Robustness", "robustness", "wilson_interval", "RELATIVE_WIDTH", "sample_points",
           "check_samples", "MAX_SAMPLES", "BoundaryCrossing", "nearest_boundaries", "driving_conditions", "story",
           "report", "calibration", "calibration_table"]
