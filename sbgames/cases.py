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

import sys
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import sympy

from .errors import InputError
from .expr import compile_expression
from .model import Model
from .modelfile import list_models, load_model
from .parameters import BASES, Parameter, ParametrisedModel
from .modelfile.case import CONDITIONS, DELTA as _DELTA, CaseInfo, read_case
from .results import number_json

__all__ = ["CONDITIONS", "CaseInfo", "read_case", "list_cases", "load_case", "regime", "outcome", "OutOfSample",
           "out_of_sample", "Robustness",
           "robustness", "wilson_interval", "RELATIVE_WIDTH", "sample_points", "check_samples", "MAX_SAMPLES", "BoundaryCrossing",
           "nearest_boundaries", "driving_conditions", "story", "report", "calibration", "calibration_table"]


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


def _case_of(model) -> CaseInfo:
    if not isinstance(model, ParametrisedModel) or model.case is None:
        raise InputError(f"{model!r} is not a calibrated case (it has no [case] section)")
    return model.case


def _sustained(model: Model, values: dict, delta) -> bool:
    """Whether Nash reversion (to the stage equilibrium worst for the deviator, mixed ones included) sustains
    the cooperative profile at `delta`: :func:`~sbgames.repeated.penal.nash_reversion_threshold`."""
    from .repeated.penal import nash_reversion_threshold
    threshold = nash_reversion_threshold(model.game(**values), model.repeated["cooperate"]).value
    return threshold is not None and delta >= threshold


def _groups(model: Model) -> list:
    """Player indices grouped by strategy set: the states of a many-state case form one group."""
    groups = {}
    for i, names in enumerate(model.strategies):
        groups.setdefault(tuple(names), []).append(i)
    return list(groups.values())


def _most_likely(names, probabilities) -> str:
    """The most likely action of a (mixed) strategy; an exact tie names every tied action ("A or B")."""
    top = max(probabilities)
    return " or ".join(n for n, p in zip(names, probabilities) if p == top)


def _profile_outcome(model: Model, actions) -> str:
    """The outcome of one equilibrium from each player's most likely action; players with the same
    strategies (the states of a many-state case) are counted, not named.

    Examples
    --------
    >>> _profile_outcome(load_case("iraq_2003"), ["Revise", "Soft", "Bandwagon", "Soft", "Soft"])
    'T Revise; S1/S2/S3/S4: 3 Soft, 1 Bandwagon'
    """
    parts = []
    for group in _groups(model):
        names = model.strategies[group[0]]
        if len(group) == 1:
            parts.append(f"{model.players[group[0]]} {actions[group[0]]}")
            continue
        counts = {}
        for i in sorted(group, key=lambda i: names.index(actions[i].split(" or ")[0])):
            counts[actions[i]] = counts.get(actions[i], 0) + 1
        parts.append("/".join(model.players[i] for i in group) + ": "
                     + ", ".join(f"{k} {a}" for a, k in counts.items()))
    return "; ".join(parts)


def _set_outcome(outcomes) -> str:
    """The outcome of a set of equilibria: their distinct outcomes, sorted, joined by " | "."""
    from .analysis.regions import NO_PURE
    return " | ".join(sorted(set(outcomes))) or NO_PURE


def _with_repetition(model: Model, label: str, outcome: str, sustained: bool) -> tuple[str, str]:
    """Regime and outcome of a repeated case: where cooperation is sustained, its profile is the outcome."""
    shown = ", ".join(f"{p} {a}" for p, a in zip(model.players, model.repeated["cooperate"]))
    if sustained:
        outcome = f"{_profile_outcome(model, model.repeated['cooperate'])} (repeated play)"
    return f"{label}; repeated: ({shown}) {'sustained' if sustained else 'not sustained'}", outcome


def _state(model: Model, values: dict, delta=None) -> tuple[str, str]:
    """``(regime, outcome)`` at a point, solved exactly (see :func:`regime` and :func:`outcome`)."""
    from .analysis.regions import label_at_point, solve_quietly
    values = model.values(**values)
    label = label_at_point(model, values)
    if model.kind == "extensive":
        found = _set_outcome(" -> ".join(e.actions) for e in model.equilibria(**values))
    else:
        found = _set_outcome(_profile_outcome(model, [_most_likely(n, s) for n, s in zip(model.strategies, eq.strategies)])
                             for eq in solve_quietly(model.game(**values)))
    case = model.case
    if case is None or case.delta is None:
        return label, found
    delta = case.delta.check(case.delta.default if delta is None else delta)
    return _with_repetition(model, label, found, _sustained(model, values, delta))


def regime(model: Model, values: dict, delta=None) -> str:
    """The regime at a point: the region label, plus for repeated cases whether cooperation is sustained.

    Cooperation (the ``[repeated]`` profile) is sustained when Nash reversion
    sustains it: a deviation is answered for ever by the stage equilibrium
    worst for the deviator, mixed ones included
    (:func:`~sbgames.repeated.penal.nash_reversion_threshold`).

    Parameters
    ----------
    model : Model
    values : dict
        Parameter values (defaults for the others).
    delta : number, optional
        Repeated-play cases: the discount factor (default: the calibrated one).
    """
    return _state(model, values, delta)[0]


def outcome(model: Model, values: dict, delta=None) -> str:
    """The substantive outcome at a point: what each side does, not which equilibrium label holds.

    The rule: in each equilibrium every player takes its most likely action
    (an exact tie names both, "Revise or Restrain"); players with the same
    strategies (the states of a many-state case) are counted, not named; a
    game tree's outcome is its path of play; several equilibria give their
    distinct outcomes joined by " | ".  In a repeated case where Nash
    reversion sustains the cooperative profile, that profile is the outcome.

    Examples
    --------
    >>> outcome(load_case("eu_governance"), {})
    'T Restrain; S1 Bandwagon'
    """
    return _state(model, values, delta)[1]


def _quantities(model: Model) -> dict:
    """Name -> Parameter of every quantity of the case: the model's parameters, then delta in repeated play."""
    quantities = dict(model.parameters)
    if model.case.delta is not None:
        quantities[_DELTA] = model.case.delta
    return quantities


#: Relative half-width of the robustness box: each calibrated value ``x`` varies over ``x (1 -+ w)``.
RELATIVE_WIDTH = Fraction(1, 4)


def _box(model: Model) -> dict:
    """Name -> (low, high): each calibrated quantity (a plausible range stated, and delta in repeated play)
    over its value times ``1 -+`` :data:`RELATIVE_WIDTH`, within its bounds; the same relative width for
    every case, so that shares compare across cases."""
    return {name: _limits(p, abs(p.default) * RELATIVE_WIDTH)
            for name, p in _quantities(model).items() if p.plausible is not None}


def _regime_at(model: Model, point: dict) -> tuple[str, str] | None:
    """``(regime, outcome)`` at `point` (delta among the values), or None outside the constraints."""
    values = dict(point)
    delta = values.pop(_DELTA, None)
    try:
        model.values(**values)
    except ValueError:
        return None
    return _state(model, values, delta)


def _regimes_at(model: Model, points: list) -> list:
    """:func:`_regime_at` for a batch of points (one task of a parallel run)."""
    return [_regime_at(model, p) for p in points]


# -- many points at once --------------------------------------------------------------------------

#: Relative distance from a tie below which a float evaluation is not trusted and the point is solved exactly.
_NEAR = 1e-9
#: Points evaluated together (bounds the memory of the payoff arrays of many-player games).
_CHUNK = 2048


def _near(lhs, rhs) -> np.ndarray:
    """Where two evaluated sides are too close (relative to their size) to be ordered in floats, or undefined."""
    lhs, rhs = np.asarray(lhs, dtype=float), np.asarray(rhs, dtype=float)
    with np.errstate(all="ignore"):
        close = np.abs(lhs - rhs) <= _NEAR * np.maximum(np.abs(lhs), np.abs(rhs))
    return close | ~np.isfinite(lhs) | ~np.isfinite(rhs)


class _Sides:
    """The two sides of every relation in some conditions, compiled once: flags points too near a tie."""

    def __init__(self, conditions, names):
        relations = {r for c in conditions if isinstance(c, sympy.Basic)
                     for r in c.atoms(sympy.core.relational.Relational) if r.free_symbols}
        self.relations = list(relations)
        self.f = compile_expression([r.lhs for r in self.relations] + [r.rhs for r in self.relations], names)

    def near(self, args, n) -> np.ndarray:
        if not self.relations:
            return np.zeros(n, dtype=bool)
        with np.errstate(all="ignore"):
            sides = [np.broadcast_to(np.asarray(v, dtype=float), (n,)) for v in self.f(*args)]
        k = len(self.relations)
        return np.any([_near(sides[j], sides[k + j]) for j in range(k)], axis=0)


def _truth(f, args, n) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.broadcast_to(np.asarray(f(*args), dtype=bool), (n,))


def _values(f, args, n) -> np.ndarray:
    """The expressions compiled in `f`, evaluated on arrays: one row per expression."""
    with np.errstate(all="ignore"):
        return np.stack([np.broadcast_to(np.asarray(v, dtype=float), (n,)) for v in f(*args)])


class _BranchForms:
    """Closed-form branches (two players, complete; or a game tree's subgame-perfect paths) on arrays."""

    def __init__(self, model, branches, names):
        self.model, self.branches = model, list(branches)
        self.conditions = [compile_expression(b.conditions, names) for b in self.branches]
        self.sides = _Sides([b.conditions for b in self.branches], names)
        self.normal = model.kind != "extensive"
        if self.normal:
            self.probabilities = [compile_expression([p for vec in b.strategies for p in vec], names)
                                  for b in self.branches]

    def labels(self, args, n):
        """``(labels, outcomes, undecided, held)``: the label and outcome of each point; undecided where it
        needs an exact solve; which branches hold (one column per branch)."""
        from .analysis.regions import describe_branches
        held = np.stack([_truth(f, args, n) for f in self.conditions], axis=1)
        undecided = self.sides.near(args, n) | ~held.any(axis=1)
        actions = np.full(held.shape, -1)
        if self.normal:  # each branch's most likely actions, as one code per point
            sizes = [len(s) for s in self.model.strategies]
            for k, f in enumerate(self.probabilities):
                p, code, start = _values(f, args, n), 0, 0
                for size in sizes:
                    own = np.sort(p[start:start + size], axis=0)
                    if size > 1:
                        undecided |= held[:, k] & (own[-1] - own[-2] <= _NEAR)  # a tie: decided exactly
                    code = code * size + np.argmax(p[start:start + size], axis=0)
                    start += size
                actions[:, k] = np.where(held[:, k], code, -1)
        rows, inverse = np.unique(np.concatenate([held, actions], axis=1), axis=0, return_inverse=True)
        labels, outcomes = [], []
        for row in rows:
            on = [b for b, h in zip(self.branches, row) if h]
            labels.append(describe_branches(on))
            outcomes.append(self._outcome(on, row[len(self.branches):]))
        inverse = inverse.ravel()
        return [labels[k] for k in inverse], [outcomes[k] for k in inverse], undecided, held

    def _outcome(self, branches, codes) -> str:
        if not self.normal:
            return _set_outcome(" -> ".join(b.actions) for b in branches)
        found = []
        for code in (c for c in codes if c >= 0):
            chosen = []
            for names in reversed(self.model.strategies):
                code, k = divmod(int(code), len(names))
                chosen.append(names[k])
            found.append(_profile_outcome(self.model, chosen[::-1]))
        return _set_outcome(found)


class _Reversion:
    """Nash reversion on arrays (:func:`~sbgames.repeated.penal.nash_reversion_threshold` at many points).

    A deviation by player ``i`` from the cooperative profile is answered for
    ever by the stage equilibrium worst for ``i``: the lowest payoff of ``i``
    over the closed-form branches that hold (mixed ones included).  With
    ``d_i`` the best deviation gain and ``u_i`` the cooperative payoff, the
    profile is sustained where ``(1 - delta) d_i <= delta (u_i - nash_i)``
    for each player with ``d_i > 0``.
    """

    def __init__(self, model: Model, stage: _BranchForms, names):
        profile = tuple(s.index(a) for s, a in zip(model.strategies, model.repeated["cooperate"]))
        self.own = []  # per player: its cooperative payoff, then each deviation's
        for i, payoffs in enumerate(model.symbolic_game().payoff_arrays):
            others = [profile[:i] + (k,) + profile[i + 1:] for k in range(payoffs.shape[i]) if k != profile[i]]
            self.own.append(compile_expression([payoffs[profile], *(payoffs[p] for p in others)], names))
        self.worst = [compile_expression([b.payoffs[i] for b in stage.branches], names) for i in range(2)]

    def sustained(self, args, delta, held, n):
        """``(sustained, undecided)`` at each point; undecided within a relative 1e-9 of a tie."""
        kept, undecided = np.ones(n, dtype=bool), np.zeros(n, dtype=bool)
        for own, worst in zip(self.own, self.worst):
            u, *deviations = _values(own, args, n)
            best = np.max(deviations, axis=0)
            nash = np.where(held.T, _values(worst, args, n), np.inf).min(axis=0)
            cost, loss = (1 - delta) * (best - u), delta * (u - nash)
            kept &= (best <= u) | (cost <= loss)
            undecided |= _near(best, u) | _near(cost, loss)
        return kept, undecided


class _PureForms:
    """Every pure profile's payoffs compiled once; pure equilibria of many points from arrays.

    Where floats cannot decide, the same comparisons are made in exact
    arithmetic (:meth:`exact`): a pure profile is an equilibrium when no
    player's payoff rises by deviating, exactly as the pure solver decides.
    """

    def __init__(self, model, names):
        game = model.symbolic_game()
        self.model, self.shape, self.strategies = model, game.shape, model.strategies
        self.distinct = list(dict.fromkeys(e for arr in game.payoff_arrays for e in arr.flat))
        position = {e: k for k, e in enumerate(self.distinct)}
        self.index = [np.vectorize(position.__getitem__, otypes=[np.intp])(arr) for arr in game.payoff_arrays]
        self.f = compile_expression(self.distinct, names)

    def labels(self, args, n):
        """``(labels, outcomes, undecided, None)``: see :meth:`_BranchForms.labels`."""
        values = _values(self.f, args, n).T
        scale = np.abs(values).max(axis=1)
        undecided = ~np.isfinite(values).all(axis=1)
        for i, index in enumerate(self.index):
            u = values[:, index]  # (n, *shape)
            # floats cannot order two different payoff expressions within a relative 1e-9 of each other;
            # entries of one expression are equal in floats as exactly, so a tie among them is decided
            near_best = u.max(axis=i + 1, keepdims=True) - u <= _NEAR * scale.reshape(-1, *[1] * len(self.shape))
            top, kinds = np.moveaxis(near_best, i + 1, -1), np.moveaxis(index, i, -1)
            lowest = np.where(top, kinds, np.iinfo(np.intp).max).min(axis=-1)
            highest = np.where(top, kinds, -1).max(axis=-1)
            undecided |= (lowest != highest).reshape(n, -1).any(axis=1)
        return *zip(*self._names(values)), undecided, None

    def exact(self, points: list) -> list:
        """``(regime, outcome)`` of points (dicts of Fractions) in exact arithmetic; None outside the constraints."""
        from .expr import evaluate
        out = [None] * len(points)
        rows, where = [], []
        for k, point in enumerate(points):
            try:
                values = self.model.values(**point)
            except ValueError:
                continue
            row = [evaluate(e, values) for e in self.distinct]
            if all(isinstance(v, Fraction) for v in row):
                rows.append(row)
                where.append(k)
            else:  # not rational here (exp, a root): the solver decides
                out[k] = _regime_at(self.model, point)
        if rows:
            for k, label in zip(where, self._names(np.array(rows, dtype=object))):
                out[k] = label
        return out

    def _names(self, values) -> list:
        """``(label, outcome)`` of each row of payoff values (floats, or Fractions in an object array)."""
        from .analysis.regions import PURE_ONLY, region_label
        n = len(values)
        equilibrium = np.ones((n, *self.shape), dtype=bool)
        for i, index in enumerate(self.index):
            u = values[:, index]  # (n, *shape)
            equilibrium &= np.asarray(u == u.max(axis=i + 1, keepdims=True), dtype=bool)
        # distinct equilibrium sets: rows packed into bytes (eight profiles a byte) sort much faster
        packed, inverse = np.unique(np.packbits(equilibrium.reshape(n, -1), axis=1), axis=0, return_inverse=True)
        names = []
        for row in np.unpackbits(packed, axis=1, count=int(np.prod(self.shape))):
            profiles = [[self.strategies[i][s] for i, s in enumerate(p)]
                        for p in zip(*np.unravel_index(np.flatnonzero(row), self.shape))]
            names.append((region_label([tuple((a,) for a in p) for p in profiles], PURE_ONLY),
                          _set_outcome(_profile_outcome(self.model, p) for p in profiles)))
        return [names[k] for k in inverse.ravel()]


def _stage_forms(model: Model, names):
    """The closed forms that give the stage regime on arrays, or None (solve every point)."""
    import warnings

    from .solvers import solve
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the labels say what a search leaves out
        if model.kind == "extensive" or len(model.players) == 2:
            try:
                result = model.symbolic_equilibria()
            except ValueError:  # too complex for closed forms
                return None
            if model.kind != "extensive" and (not result.complete or result.degenerate_supports):
                return None
            return _BranchForms(model, result, names)
        calibrated = solve(model.game(**model.values()), exact=True, method="auto")
    # the regime of a many-player game is its pure equilibria wherever auto searches no more than those
    return _PureForms(model, names) if calibrated.method == "pure" and not calibrated.complete else None


class _Regimes:
    """The regime at many points: closed forms evaluated on whole arrays, exact solving where they cannot decide.

    A point is solved exactly (:func:`_regime_at`, in batches on `executor`
    if given) when it lies within a relative 1e-9 of a tie of some relation
    (a boundary, where floats cannot decide), when no closed form applies,
    or when the model has no closed forms; everywhere else the label is the
    closed forms', which equals the exact solver's there.
    """

    def __init__(self, model: Model, executor=None):
        self.model, self.executor = model, executor
        self.quantities = quantities = _quantities(model)
        self.names = list(quantities)
        self.defaults = {name: p.default for name, p in quantities.items()}
        self.params = params = list(model.parameters)
        self.integer = any(p.integer for p in quantities.values() if p.plausible is not None)
        self.constraints = [compile_expression(rel, params) for _, rel in model.constraints]
        self.constraint_sides = _Sides([rel for _, rel in model.constraints], params)
        self.stage = _stage_forms(model, params)
        self.reversion = None
        if model.case.delta is not None and self.stage is not None:
            self.reversion = _Reversion(model, self.stage, params)

    def of_arrays(self, floats: dict, exact, n: int) -> list:
        """``(regime, outcome)`` of `n` points: `floats` maps varied names to arrays, `exact(k)` is point k
        in Fractions; None for points outside the constraints."""
        if n == 0:
            return []
        if self.stage is None:
            return self._solve([exact(k) for k in range(n)])
        arrays = {name: np.broadcast_to(np.asarray(floats.get(name, float(value)), dtype=float), (n,))
                  for name, value in self.defaults.items()}
        args = [arrays[k] for k in self.params]
        admissible = np.ones(n, dtype=bool)
        for f in self.constraints:
            admissible &= _truth(f, args, n)
        unsure = self.constraint_sides.near(args, n) | self.integer
        labels, outcomes, undecided, held = self.stage.labels(args, n)
        states = zip(labels, outcomes)
        if self.reversion is not None:
            kept, unsure_reversion = self.reversion.sustained(args, arrays[_DELTA], held, n)
            undecided = undecided | unsure_reversion
            states = (_with_repetition(self.model, label, found, on) for (label, found), on in zip(states, kept))
        out = [state if ok else None for state, ok in zip(states, admissible)]
        redo = np.flatnonzero(unsure | (undecided & admissible))
        points = [exact(k) for k in redo]
        exactly = self.stage.exact if self.reversion is None and hasattr(self.stage, "exact") else self._solve
        for k, label in zip(redo, exactly(points)):
            out[k] = label
        return out

    def of(self, points: list) -> list:
        """``(regime, outcome)`` of points given as dicts of Fractions (the calibrated values for names not given)."""
        inside = [k for k, p in enumerate(points) if self._within_bounds(p)]
        full = [{**self.defaults, **points[k]} for k in inside]
        floats = {name: np.array([float(p[name]) for p in full]) for name in self.names}
        out = [None] * len(points)
        for k, label in zip(inside, self.of_arrays(floats, full.__getitem__, len(full))):
            out[k] = label
        return out

    def labels_of(self, points: list) -> list:
        """The regime labels of :meth:`of` (None outside the constraints)."""
        return [None if state is None else state[0] for state in self.of(points)]

    def _within_bounds(self, point: dict) -> bool:
        try:
            for name, value in point.items():
                self.quantities[name].check(value)
        except ValueError:
            return False
        return True

    def _solve(self, points: list) -> list:
        if self.executor is None or len(points) < 2:
            return _regimes_at(self.model, points)
        size = max(1, min(64, len(points) // 8))  # a task per batch: one model transfer per batch
        batches = [points[k:k + size] for k in range(0, len(points), size)]
        return [label for batch in self.executor.map(_regimes_at, [self.model] * len(batches), batches)
                for label in batch]


def _bar(progress: bool, total: int, desc: str):
    """A tqdm bar on standard error, shown only on a terminal and only after 2 seconds; None when off."""
    if not progress:
        return None
    from tqdm.auto import tqdm
    return tqdm(total=total, desc=desc, unit="point", delay=2, disable=None, file=sys.stderr, leave=False)


#: Largest robustness sample accepted (it is checked before any work).
MAX_SAMPLES = 100_000
#: Grid of the draws: each calibrated quantity takes one of 10**6 + 1 evenly spaced values of its range.
_GRID = 10 ** 6


def check_samples(samples) -> int:
    """`samples` if it is a whole number from 1 to :data:`MAX_SAMPLES`, else an :class:`~sbgames.errors.InputError`.

    Examples
    --------
    >>> check_samples(400)
    400
    >>> check_samples(10**8)
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: samples must be a whole number from 1 to 100,000, got 100000000
    """
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"samples must be a whole number from 1 to {MAX_SAMPLES:,}, got {samples!r}")
    return int(samples)


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2 ** 63:
        raise InputError(f"seed must be a whole number from 0 to 2**63 - 1, got {seed!r}")
    return int(seed)


def _draws(model: Model, samples: int, seed: int):
    """``(box, steps)``: the plausible box and the grid steps drawn, one row per point, one column per quantity."""
    box = _box(model)
    if not box:
        raise InputError(f"case {model.name!r} states no plausible ranges, so it has no box to sample")
    rng = np.random.default_rng(seed)
    return box, rng.integers(0, _GRID, size=(samples, len(box)), endpoint=True)


def _point(box: dict, steps) -> dict:
    """The exact point of one row of grid steps."""
    return {name: lo + (hi - lo) * Fraction(int(k), _GRID) for (name, (lo, hi)), k in zip(box.items(), steps)}


def sample_points(model: Model, samples: int = 400, seed: int = 0) -> list:
    """The points :func:`robustness` draws: exact values of the calibrated quantities, one dict per point.

    Each calibrated quantity (a plausible range stated, and delta in
    repeated play) with value ``x`` is drawn uniformly from the
    ``10**6 + 1`` evenly spaced values ``low + (high - low) k / 10**6`` of
    ``[low, high] = [x (1 - w), x (1 + w)]``, ``w`` =
    :data:`RELATIVE_WIDTH`, clipped to its bounds (the others keep their
    calibrated values).

    Examples
    --------
    >>> points = sample_points(load_case("league_1930s"), samples=2, seed=0)
    >>> len(points), sorted(points[0])[:3]
    (2, ['a', 'b', 'c_h'])
    """
    _case_of(model)
    box, steps = _draws(model, check_samples(samples), _check_seed(seed))
    return [_point(box, row) for row in steps]


def wilson_interval(hits: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a share `hits` / `n` (``(nan, nan)`` when ``n = 0``).

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(8, 10)]
    [0.4902, 0.9433]
    """
    if n == 0:
        return float("nan"), float("nan")
    from scipy.stats import binomtest
    ci = binomtest(hits, n).proportion_ci(confidence, method="wilson")
    return float(ci.low), float(ci.high)


@dataclass(frozen=True)
class Robustness:
    """How much of the box around the calibrated values keeps the calibrated regime, and the outcome.

    Attributes
    ----------
    share : float
        Share of the admissible sampled points where the regime (the
        equilibrium label) is the calibrated one.
    samples : int
        Points drawn.
    admissible : int
        Points that satisfy the model's constraints (the others are not
        counted): the sample size of both shares.
    box : mapping of str to (Fraction, Fraction)
        Each calibrated value times ``1 -+ width``, within its bounds.
    regime : str
        The calibrated regime.
    complete : bool
        Whether the regimes compared are complete equilibrium sets (False:
        pure equilibria only, which :meth:`__str__` says).
    outcome : str
        The calibrated outcome (:func:`outcome`).
    outcome_share : float
        Share of the admissible points where the outcome is the calibrated one.
    hits, outcome_hits : int
        Admissible points with the calibrated regime, and with the calibrated outcome.
    width : Fraction
        The relative half-width of the box (:data:`RELATIVE_WIDTH`).
    """

    share: float
    samples: int
    admissible: int
    box: MappingProxyType
    regime: str
    complete: bool
    outcome: str
    outcome_share: float
    hits: int
    outcome_hits: int
    width: Fraction = RELATIVE_WIDTH

    @property
    def interval(self) -> tuple[float, float]:
        """95% Wilson score interval of :attr:`share`."""
        return wilson_interval(self.hits, self.admissible)

    @property
    def outcome_interval(self) -> tuple[float, float]:
        """95% Wilson score interval of :attr:`outcome_share`."""
        return wilson_interval(self.outcome_hits, self.admissible)

    def __str__(self) -> str:
        scope = "" if self.complete else "; pure equilibria only, mixed not searched"

        def shown(share, interval):
            return f"{share:.0%} (95% CI {interval[0]:.0%} to {interval[1]:.0%})"
        return (f"the outcome ({self.outcome}) holds in {shown(self.outcome_share, self.outcome_interval)} of the "
                f"box of calibrated values -+{float(self.width):.0%}, the equilibrium label in "
                f"{shown(self.share, self.interval)} ({self.admissible} admissible points of {self.samples} "
                f"drawn{scope})")


def robustness(model: Model, samples: int = 400, seed: int = 0, executor=None, progress: bool = False) -> Robustness:
    """The shares of the box around the calibrated values in which the calibrated regime, and outcome, hold.

    The points are those of :func:`sample_points` (each calibrated value
    -+ :data:`RELATIVE_WIDTH`, the same relative width for every case);
    points that break a constraint between parameters are dropped.  The
    regime share counts an unchanged equilibrium label; the outcome share
    an unchanged substantive outcome (:func:`outcome`: what T and the
    states do, the states counted, not named).  Closed forms are evaluated
    on the whole sample at once where the model has them; other points are
    solved exactly, one batch per task on `executor` if given.

    Parameters
    ----------
    model : Model
        A case.
    samples : int
        Points drawn, 1 to :data:`MAX_SAMPLES` (checked before any work).
    seed : int
        Seed of the draws (the same seed gives the same share).
    executor : concurrent.futures.Executor, optional
        Runs the exact solving of points the closed forms cannot decide.
    progress : bool
        A progress bar on standard error (on a terminal, after 2 seconds).

    Raises
    ------
    InputError
        `samples` or `seed` out of range, not a case, or no plausible ranges.
    """
    samples, seed = check_samples(samples), _check_seed(seed)
    _case_of(model)  # refuses a model without [case]
    box, steps = _draws(model, samples, seed)
    regimes = _Regimes(model, executor)
    calibrated, calibrated_outcome = _state(model, {})
    lows = np.array([float(lo) for lo, _ in box.values()])
    widths = np.array([float(hi - lo) for lo, hi in box.values()])
    bar = _bar(progress, samples, "robustness sample")
    hits = outcome_hits = admissible = 0
    for start in range(0, samples, _CHUNK):
        chunk = steps[start:start + _CHUNK]
        floats = dict(zip(box, (lows + widths * chunk / _GRID).T))
        found = [s for s in regimes.of_arrays(floats, lambda k: _point(box, chunk[k]), len(chunk)) if s is not None]
        admissible += len(found)
        hits += sum(label == calibrated for label, _ in found)
        outcome_hits += sum(found_outcome == calibrated_outcome for _, found_outcome in found)
        if bar is not None:
            bar.update(len(chunk))
    if bar is not None:
        bar.close()

    def share(k):
        return k / admissible if admissible else float("nan")
    return Robustness(share(hits), samples, admissible, MappingProxyType(box), calibrated, _complete(calibrated),
                      calibrated_outcome, share(outcome_hits), hits, outcome_hits)


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
    >>> print(out_of_sample(load_case("philippines_duterte")).predicted)
    T Revise; S Soft
    """
    case = _case_of(model)
    spec = case.out_of_sample
    if spec is None:
        return None
    quantities = _quantities(model)
    changes = dict(spec["changes"])
    delta = changes.pop(_DELTA, None)
    return OutOfSample(spec["phase"], MappingProxyType({k: (quantities[k].default, v) for k, v in spec["changes"].items()}),
                       spec["sources"], outcome(model, {}), outcome(model, changes, delta), spec["expected"],
                       spec["outcome"])


def _complete(label: str) -> bool:
    from .analysis.regions import label_is_complete
    return label_is_complete(label)


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
    _case_of(model)  # refuses a model without [case]
    quantities = _quantities(model)
    params = {name: p for name, p in quantities.items() if p.plausible is not None}
    regimes = _Regimes(model, executor)
    before = regimes.labels_of([{}])[0]
    scans = []
    for name, param in params.items():
        width = param.plausible[1] - param.plausible[0]
        unit = width if width > 0 else max(abs(param.default), Fraction(1))
        low, high = _limits(param, 2 * max(width, abs(param.default), Fraction(1)))
        for end in (high, low):
            scans.append((name, unit, [param.default + (end - param.default) * Fraction(k, steps)
                                       for k in range(1, steps + 1)]))
    bar = _bar(progress, len(scans) * steps + iterations + 1, "boundary search")
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


def _pure_conditions(model: Model, supports) -> str:
    """The condition (as text) under which one pure profile is an equilibrium: no player gains by deviating.

    Simplifying it under the bounds takes seconds for many parameters, so the
    condition is kept in the closed-form cache (:mod:`sbgames.cache`).
    """
    from . import cache
    from .assumptions import ParameterSpace
    from .solvers.symbolic import condition_text, pure_condition

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

    from .solvers.symbolic import condition_text, profile_label
    values = model.values()
    if model.kind == "extensive" or len(model.players) == 2:
        branches = model.symbolic_equilibria()
        return [(b.label if hasattr(b, "label") else " -> ".join(b.actions), condition_text(b.conditions))
                for b in branches if b.holds_at(**values)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the pure equilibria are what is asked for
        found = model.equilibria(exact=True, method="pure")
    return [(profile_label(eq.supports), _pure_conditions(model, eq.supports)) for eq in found]


def _numbers(model: Model, samples: int, seed: int, executor, progress: bool):
    """The case's computed quantities: regime, driving conditions, robustness, nearest boundaries."""
    samples, seed = check_samples(samples), _check_seed(seed)  # before any work
    _case_of(model)
    label = regime(model, model.values())
    return (label, driving_conditions(model), robustness(model, samples, seed, executor, progress),
            nearest_boundaries(model, executor=executor, progress=progress))


def _scope(model: Model, label: str) -> tuple[str, str]:
    """How complete the regime and the driving conditions are, in words."""
    from .analysis.regions import PURE_ONLY
    equilibria = "complete" if _complete(label) else PURE_ONLY
    conditions = "" if model.kind == "extensive" or len(model.players) == 2 else "of the pure equilibria"
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
    case = _case_of(model)
    label, driving, share, crossings = _numbers(model, samples, seed, executor, progress)
    lines = [model.title, "", f"Historical outcome: {case.outcome}",
             f"Soft balancing chosen: {'yes' if case.soft_balancing_chosen else 'no'}; "
             f"worked: {'yes' if case.soft_balancing_worked else 'no'}"]
    met = [CONDITIONS[k] for k, v in case.conditions.items() if v]
    if met:
        lines.append("Conditions met: " + "; ".join(met))
    lines += ["", "Calibrated values: " + ", ".join(f"{k} = {v}" for k, v in _calibrated(model).items())]
    split = calibration(model)
    lines += [f"  {_BASIS_WORDS[basis]}: " + (", ".join(f"{k} = {v['value']}" for k, v in split[basis].items())
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


def _is_calibrated(name: str, p: Parameter) -> bool:
    return p.plausible is not None or bool(p.justification) or name == _DELTA


def _calibrated(model: Model) -> dict:
    return {n: p.default for n, p in _quantities(model).items() if _is_calibrated(n, p)}


_BASIS_WORDS = {"sourced": "sourced (the model file names each source)", "fitted": "fitted to the outcome"}


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
    _case_of(model)
    quantities = _quantities(model)
    return {basis: {n: {"value": str(quantities[n].default), "source": quantities[n].source}
                    for n in _calibrated(model) if quantities[n].basis == basis} for basis in BASES}


def calibration_table(model: Model) -> str:
    """The split of :func:`calibration` as a Markdown table (the "Sourced and fitted values" of a case page).

    Examples
    --------
    >>> print(calibration_table(load_case("iraq_2003")).splitlines()[2][:60])
    | g | 8 | fitted | no source gives a size; set with e_s, lam
    """
    _case_of(model)
    quantities = _quantities(model)
    rows = ["| Parameter | Value | Basis | Source, or what the value was fitted to |", "|---|---|---|---|"]
    rows += [f"| {n} | {q.default} | {q.basis} | {q.source} |" for n, q in quantities.items() if _is_calibrated(n, q)]
    return "\n".join(rows)


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
    >>> data = report(load_case("league_1930s"), samples=20)
    >>> data["regime"], data["robustness"]["samples"]
    ({'label': 'Revise / Soft (unique)', 'equilibria': 'complete'}, 20)
    """
    case = _case_of(model)
    label, driving, share, crossings = _numbers(model, samples, seed, executor, progress)
    equilibria, of_what = _scope(model, label)
    quantities = _quantities(model)
    return {
        "case": model.name, "title": model.title, "outcome": case.outcome,
        "soft_balancing_chosen": case.soft_balancing_chosen, "soft_balancing_worked": case.soft_balancing_worked,
        "conditions": dict(case.conditions),
        "calibrated": {k: number_json(v) for k, v in _calibrated(model).items()},
        "calibration": {basis: {n: {"value": number_json(quantities[n].default), "source": quantities[n].source}
                                for n in _calibrated(model) if quantities[n].basis == basis} for basis in BASES},
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
