"""The regime at many points at once: closed forms compiled once and evaluated on whole arrays.

A point within a relative 1e-9 of a tie, where floats cannot decide, is
decided exactly (:func:`~sbgames.cases.outcomes.regime_at`), and so is every
point of a model without closed forms.

Examples
--------
>>> from sbgames.cases import load_case
>>> Regimes(load_case("league_1930s")).labels_of([{}])
['Revise / Soft (unique)']
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy

from ..errors import InputError, SolverLimitError
from ..expr import compile_expression
from ..normal_model import Model
from ..modelfile.case import DELTA
from .catalogue import case_quantities
from .outcomes import closed_forms_cover_all, profile_outcome, regime_at, regimes_at, set_outcome, with_repetition

__all__ = ["CHUNK", "Regimes"]


#: Relative distance from a tie below which a float evaluation is not trusted and the point is solved exactly.
_NEAR = 1e-9


#: Points evaluated together (bounds the memory of the payoff arrays of many-player games).
CHUNK = 2048


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

    #: Points the floats cannot decide are solved by the exact solver (:func:`~sbgames.cases.outcomes.regime_at`).
    decides_exactly = False

    def __init__(self, model, branches, names):
        self.model, self.closed_forms, self.branches = model, branches, list(branches)
        self.conditions = [compile_expression(b.conditions, names) for b in self.branches]
        self.sides = _Sides([b.conditions for b in self.branches], names)
        self.table = model.payoff_table is not None  # outcomes by most likely actions; else by paths of play
        if self.table:
            self.probabilities = [compile_expression([p for vec in b.strategies for p in vec], names)
                                  for b in self.branches]

    def labels(self, args, n):
        """``(labels, outcomes, undecided, held)``: the label and outcome of each point; undecided where it
        needs an exact solve; which branches hold (one column per branch)."""
        held = np.stack([_truth(f, args, n) for f in self.conditions], axis=1)
        undecided = self.sides.near(args, n) | ~held.any(axis=1)
        actions = np.full(held.shape, -1)
        if self.table:  # each branch's most likely actions, as one code per point
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
            labels.append(self.closed_forms.region_label(on))
            outcomes.append(self._outcome(on, row[len(self.branches):]))
        inverse = inverse.ravel()
        return [labels[k] for k in inverse], [outcomes[k] for k in inverse], undecided, held

    def _outcome(self, branches, codes) -> str:
        if not self.table:
            return set_outcome(" -> ".join(b.actions) for b in branches)
        found = []
        for code in (c for c in codes if c >= 0):
            chosen = []
            for names in reversed(self.model.strategies):
                code, k = divmod(int(code), len(names))
                chosen.append(names[k])
            found.append(profile_outcome(self.model, chosen[::-1]))
        return set_outcome(found)


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

    #: Points the floats cannot decide are decided by :meth:`exact`, the same comparisons in exact arithmetic.
    decides_exactly = True

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
        from ..expr import evaluate
        out = [None] * len(points)
        rows, where = [], []
        for k, point in enumerate(points):
            try:
                values = self.model.values(**point)
            except InputError:  # outside the constraints
                continue
            row = [evaluate(e, values) for e in self.distinct]
            if all(isinstance(v, Fraction) for v in row):
                rows.append(row)
                where.append(k)
            else:  # not rational here (exp, a root): the solver decides
                out[k] = regime_at(self.model, point)
        if rows:
            for k, label in zip(where, self._names(np.array(rows, dtype=object))):
                out[k] = label
        return out

    def _names(self, values) -> list:
        """``(label, outcome)`` of each row of payoff values (floats, or Fractions in an object array)."""
        from ..analysis.regions import PURE_ONLY, region_label
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
                          set_outcome(profile_outcome(self.model, p) for p in profiles)))
        return [names[k] for k in inverse.ravel()]


def _stage_forms(model: Model, names):
    """The closed forms that give the stage regime on arrays, or None (solve every point)."""
    import warnings

    from ..solvers import solve
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the labels say what a search leaves out
        if closed_forms_cover_all(model):
            try:
                result = model.symbolic_equilibria()
            except SolverLimitError:  # too complex for closed forms
                return None
            if not result.covers_all:
                return None
            return _BranchForms(model, result, names)
        calibrated = solve(model.game(**model.values()), exact=True, method="auto")
    # the regime of a many-player game is its pure equilibria wherever auto searches no more than those
    return _PureForms(model, names) if calibrated.method == "pure" and not calibrated.complete else None


class Regimes:
    """The regime at many points: closed forms evaluated on whole arrays, exact solving where they cannot decide.

    A point is solved exactly (:func:`regime_at`, in batches on `executor`
    if given) when it lies within a relative 1e-9 of a tie of some relation
    (a boundary, where floats cannot decide), when no closed form applies,
    or when the model has no closed forms; everywhere else the label is the
    closed forms', which equals the exact solver's there.
    """

    def __init__(self, model: Model, executor=None):
        self.model, self.executor = model, executor
        self.quantities = quantities = case_quantities(model)
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
            kept, unsure_reversion = self.reversion.sustained(args, arrays[DELTA], held, n)
            undecided = undecided | unsure_reversion
            states = (with_repetition(self.model, label, found, on) for (label, found), on in zip(states, kept))
        out = [state if ok else None for state, ok in zip(states, admissible)]
        redo = np.flatnonzero(unsure | (undecided & admissible))
        points = [exact(k) for k in redo]
        exactly = self.stage.exact if self.reversion is None and self.stage.decides_exactly else self._solve
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
        except InputError:
            return False
        return True

    def _solve(self, points: list) -> list:
        if self.executor is None or len(points) < 2:
            return regimes_at(self.model, points)
        size = max(1, min(64, len(points) // 8))  # a task per batch: one model transfer per batch
        batches = [points[k:k + size] for k in range(0, len(points), size)]
        return [label for batch in self.executor.map(regimes_at, [self.model] * len(batches), batches)
                for label in batch]
