"""Infinitely repeated games with discounting: verdicts on automaton profiles, exact thresholds.

A :class:`RepeatedGame` repeats a stage game (a :class:`~sbgames.game.Game`
or a :class:`~sbgames.model.Model`) with discount factor ``delta``; payoffs
are normalised discounted sums, ``(1 - delta) * sum(delta**t * u_t)``.  A
strategy profile is one :class:`~sbgames.repeated.automaton.Automaton` per
player; together they form a joint automaton whose states are the tuples of
the players' states.

* :meth:`RepeatedGame.is_subgame_perfect` applies the one-shot deviation
  principle at every joint state that some history reaches (on or off the
  path of play): no player gains by deviating for one period and then
  following the profile.
* :meth:`RepeatedGame.is_nash` compares each player's value with the best
  reply to the others' automata from the initial state (a finite Markov
  decision problem over the joint states, solved exactly).

Values are computed exactly (sympy rationals) along the deterministic path
each joint state leads to, so with a symbolic ``delta`` (and model
parameters) the verdict is a condition, simplified under the parameters'
bounds and ``0 < delta < 1`` and, where it is linear in ``delta``, solved for
it.

Examples
--------
>>> from sbgames import Game
>>> from sbgames.repeated.automaton import grim_trigger
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
>>> verdict = RepeatedGame(pd).is_subgame_perfect([grim_trigger("C", "D")] * 2)
>>> verdict.condition
delta >= 1/2
>>> bool(RepeatedGame(pd, delta="1/3").is_subgame_perfect([grim_trigger("C", "D")] * 2))
False
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from ..assumptions import ParameterSpace
from ..conditions import condition_text, drop_implied, holds, reduce_condition
from ..errors import InputError, InputTypeError, SolverLimitError
from ..game import Game
from ..normal_model import Model
from ..numeric import parse_number, to_sympy
from ..parameters import Parameter
from .automaton import Automaton, Context

__all__ = ["RepeatedGame", "Verdict", "Deviation", "MAX_POLICIES"]

#: The most stationary policies one player's Nash check compares (each is one closed-form value,
#: milliseconds apiece): a player with m actions facing s joint states has m**s of them.
MAX_POLICIES = 5_000


@dataclass(frozen=True)
class Deviation:
    """A profitable deviation found at a numeric point."""

    state: tuple
    player: str
    action: str
    gain: object
    one_shot: bool = True

    def __str__(self) -> str:
        if self.one_shot:
            return (f"in state {self.state}, {self.player} gains {self.gain} by playing {self.action} "
                    f"(once, then following the profile)")
        return (f"from the start {self.state}, {self.player} gains {self.gain} with another strategy "
                f"(its first move: {self.action})")


class Verdict:
    """The answer to "is this profile an equilibrium of the repeated game?".

    Attributes
    ----------
    kind : str
        ``"subgame perfect"`` or ``"Nash"``.
    condition : sympy Boolean
        ``true``/``false`` when decided, otherwise a condition on ``delta``
        and the model's parameters.
    deviation : Deviation or None
        At a numeric point where the verdict is negative: a profitable deviation.
    """

    def __init__(self, kind, condition, deviation, repeated):
        self.kind, self.condition, self.deviation = kind, condition, deviation
        self._repeated = repeated

    def __bool__(self) -> bool:
        """True or False when decided; for a model's stage game with a numeric delta, the verdict
        at the model's default parameter values (use :meth:`holds_at` for other values)."""
        if self.condition in (sympy.true, sympy.false):
            return self.condition is sympy.true
        free = {s.name for s in self.condition.free_symbols}
        model = self._repeated.model
        if model is not None and free <= set(model.parameters):
            return self.holds_at()
        raise InputTypeError(f"the verdict depends on {sorted(free)}: use .condition, or .holds_at(...) at values")

    def holds_at(self, **values) -> bool:
        """Evaluate the condition exactly at values of delta (name ``delta``) and the parameters (defaults
        for parameters not given)."""
        point = self._repeated._point(values)
        return holds(self.condition, point)

    @property
    def delta_set(self) -> sympy.Set:
        """The set of common discount factors in (0, 1) for which the verdict holds (stage without parameters)."""
        delta = self._repeated.delta_symbol
        if delta is None:
            if self._repeated._delta_params:
                raise InputError(f"the discount factors differ across players "
                                 f"({', '.join(self._repeated._delta_params)}): see .condition")
            raise InputError("delta is a number here; the verdict is simply true or false")
        free = self.condition.free_symbols - {delta}
        if free:
            raise InputError(f"the condition also depends on {sorted(s.name for s in free)}; see .condition")
        return _delta_set(self.condition, delta)

    @property
    def threshold(self):
        """The critical discount factor when the verdict holds exactly for delta >= threshold."""
        region = self.delta_set
        if isinstance(region, sympy.Interval) and region.end == 1 and region.right_open:
            return region.start
        if region is sympy.S.EmptySet:
            return None
        raise InputError(f"the verdict holds on {region}, not on an interval [c, 1)")

    def __repr__(self) -> str:
        return f"Verdict({self.kind}: {condition_text(self.condition)})"


def _delta_set(condition, delta) -> sympy.Set:
    unit = sympy.Interval.open(0, 1)
    if condition is sympy.true:
        return unit
    if condition is sympy.false:
        return sympy.S.EmptySet
    plain = sympy.Symbol(delta.name, real=True)
    relation = condition.xreplace({delta: plain})
    return sympy.solveset(relation, plain, domain=sympy.S.Reals).intersect(unit) if not isinstance(
        relation, (sympy.And, sympy.Or)) else _combine(relation, plain, unit)


def _combine(condition, symbol, unit) -> sympy.Set:
    if isinstance(condition, sympy.And):
        out = unit
        for arg in condition.args:
            out = out.intersect(_combine(arg, symbol, unit))
        return out
    if isinstance(condition, sympy.Or):
        return sympy.Union(*[_combine(arg, symbol, unit) for arg in condition.args])
    return sympy.solveset(condition, symbol, domain=sympy.S.Reals).intersect(unit)


class RepeatedGame:
    """An infinitely repeated stage game with discounting.

    Parameters
    ----------
    stage : Game or Model
        The stage game.  A model keeps its payoffs symbolic, so verdicts
        are conditions on its parameters (and ``delta``).
    delta : number, str, None or sequence
        The common discount factor in (0, 1); ``None`` for a symbolic
        ``delta``; or one value (or ``None``) per player for player-specific
        discount factors (symbols ``delta_<player>``).
    """

    def __init__(self, stage, delta=None):
        if isinstance(stage, Model):
            self.model = stage
            self.stage = stage.symbolic_game()
            parameters = dict(stage.parameters)
            constraints = stage.constraints
        elif isinstance(stage, Game):
            self.model = None
            self.stage = stage
            parameters, constraints = {}, ()
        else:
            raise InputTypeError(f"the stage must be a Game or a Model, got {type(stage).__name__}")
        n = self.stage.n_players
        self.players = self.stage.players
        per_player = isinstance(delta, Sequence) and not isinstance(delta, str)
        raw = list(delta) if per_player else [delta] * n
        if len(raw) != n:
            raise InputError(f"give one discount factor per player ({n}), got {len(raw)}")
        self.deltas, self._delta_params = [], {}
        for i, d in enumerate(raw):
            if d is None:
                name = "delta" if not per_player else f"delta_{self.players[i]}"
                name = name if name.isidentifier() else f"delta_{i + 1}"
                param = Parameter(name=name, default=Fraction(9, 10), above=Fraction(0), below=Fraction(1),
                                  description="discount factor")
                self._delta_params[name] = param
                self.deltas.append(param.symbol)
            else:
                value = parse_number(d)
                if not 0 < value < 1:
                    raise InputError(f"a discount factor must lie strictly between 0 and 1, got {value}")
                self.deltas.append(sympy.Rational(value.numerator, value.denominator))
        self.delta_symbol = (self.deltas[0] if not per_player and self._delta_params else None)
        self.space = ParameterSpace({**parameters, **self._delta_params}, constraints)
        self._payoff = [[to_sympy(v) for v in arr.flat] for arr in self.stage.payoff_arrays]

    # -- plumbing ---------------------------------------------------------------
    def _point(self, values: Mapping) -> dict:
        values = dict(values)
        point = {}
        for name in self._delta_params:
            if name not in values:
                raise InputError(f"give a value for {name}")
            point[name] = parse_number(values.pop(name))
        if self.model is not None:
            point.update(self.model.values(**values))
        elif values:
            raise InputError(f"unknown value(s) {sorted(values)}: the stage game has no parameters")
        return point

    def _u(self, i: int, profile: tuple) -> sympy.Expr:
        idx = 0
        for k, s in zip(self.stage.shape, profile):
            idx = idx * k + s
        return self._payoff[i][idx]

    def _check(self, automata) -> list[Automaton]:
        if len(automata) != self.stage.n_players:
            raise InputError(f"give one automaton per player ({self.stage.n_players}), got {len(automata)}")
        for a, names in zip(automata, self.stage.strategies):
            if not isinstance(a, Automaton):
                raise InputTypeError(f"expected an Automaton, got {type(a).__name__}")
            a.check_actions(names)
        return list(automata)

    def _joint(self, automata):
        """Accessible joint states, prescribed profiles (indices) and the transition function."""
        names = self.stage.strategies
        cooperative = tuple(a.cooperate for a in automata)

        def prescribed(state):
            return tuple(a.actions[s] for a, s in zip(automata, state))

        def step(state, profile_idx):
            observed = tuple(n[k] for n, k in zip(names, profile_idx))
            presc = prescribed(state)
            return tuple(a.next(s, observed, Context(i, presc, cooperative))
                         for i, (a, s) in enumerate(zip(automata, state)))
        start = tuple(a.initial for a in automata)
        seen, frontier = {start}, [start]
        profiles = list(itertools.product(*(range(k) for k in self.stage.shape)))
        while frontier:
            state = frontier.pop()
            for p in profiles:
                nxt = step(state, p)
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        index = {s: tuple(n.index(a) for n, a in zip(names, prescribed(s))) for s in seen}
        return start, sorted(seen), index, step

    def _value(self, i, state, choose, step, memo):
        """Player i's normalised value from `state` when each state's profile is ``choose(state)``."""
        if state in memo:
            return memo[state]
        delta = self.deltas[i]
        path, position = [], {}
        s = state
        while s not in position and s not in memo:
            position[s] = len(path)
            path.append(s)
            s = step(s, choose(s))
        if s in memo:  # the path runs into a state already valued
            tail_value, cycle = memo[s], []
            prefix = path
        else:
            start = position[s]
            prefix, cycle = path[:start], path[start:]
            stream = sum(delta ** t * self._u(i, choose(c)) for t, c in enumerate(cycle))
            tail_value = sympy.cancel((1 - delta) * stream / (1 - delta ** len(cycle)))
            for k, c in enumerate(cycle):  # each state on the cycle: rotate the stream
                rotated = cycle[k:] + cycle[:k]
                rs = sum(delta ** t * self._u(i, choose(r)) for t, r in enumerate(rotated))
                memo[c] = sympy.cancel((1 - delta) * rs / (1 - delta ** len(cycle)))
        value = tail_value
        for c in reversed(prefix):
            value = sympy.cancel((1 - delta) * self._u(i, choose(c)) + delta * value)
            memo[c] = value
        return memo[state]

    def _verdict(self, kind, inequalities, witness_of) -> Verdict:
        """Turn ``(lhs, rhs, info)`` triples meaning ``lhs <= rhs`` into a verdict."""
        numeric = all(not (l - r).free_symbols for l, r, _ in inequalities)
        if numeric:
            for l, r, info in inequalities:
                if bool(l - r > 0):
                    return Verdict(kind, sympy.false, witness_of(info, l - r), self)
            return Verdict(kind, sympy.true, None, self)
        reduced = reduce_condition([sympy.Le(l, r) for l, r, _ in inequalities], self.space)
        condition = sympy.false if reduced is None else self._solve_for_delta(reduced)
        return Verdict(kind, condition, None, self)

    def _solve_for_delta(self, condition):
        """Write relations that are linear in a discount factor as ``delta >= f`` or ``delta <= f``."""
        if condition in (sympy.true, sympy.false):
            return condition
        symbols = [p.symbol for p in self._delta_params.values()]
        atoms = condition.args if isinstance(condition, sympy.And) else (condition,)
        isolated = []
        for atom in atoms:
            present = [d for d in symbols if d in atom.free_symbols]
            isolated.append(self._isolate(atom, present[0]) if len(present) == 1 else atom)
        # delta >= c together with c >= delta is delta = c
        for a, b in itertools.combinations(list(isolated), 2):
            if (isinstance(a, sympy.GreaterThan) and isinstance(b, sympy.GreaterThan)
                    and a.lhs == b.rhs and a.rhs == b.lhs and (a.lhs in symbols or a.rhs in symbols)):
                isolated = [x for x in isolated if x is not a and x is not b]
                var, bound = (a.lhs, a.rhs) if a.lhs in symbols else (b.lhs, b.rhs)
                isolated.append(sympy.Eq(var, bound))
        return drop_implied(isolated, self.space)

    def _isolate(self, atom, delta):
        if not isinstance(atom, (sympy.GreaterThan, sympy.StrictGreaterThan)) or delta not in atom.free_symbols:
            return atom
        diff = sympy.expand(atom.lhs - atom.rhs)
        poly = sympy.Poly(diff, delta)
        if poly.degree() != 1:
            return atom
        a, b = poly.all_coeffs()
        sign = self.space.sign(a)
        # a*delta >= -b with -b > 0 forces a > 0 (and with -b < 0 under a <= 0, a < 0)
        if sign == "nonnegative" and self.space.sign(-b) == "positive":
            sign = "positive"
        elif sign == "nonpositive" and self.space.sign(b) == "positive":
            sign = "negative"
        if sign not in ("positive", "negative"):
            return atom
        num, den = sympy.fraction(sympy.factor(-b / a))
        if self.space.sign(den) in ("negative", "nonpositive"):
            num, den = -num, -den
        bound = sympy.factor(num) / sympy.factor(den)
        rel = type(atom)
        return rel(delta, bound) if sign == "positive" else rel(bound, delta)

    # -- verdicts -----------------------------------------------------------------
    def is_subgame_perfect(self, automata) -> Verdict:
        """Whether the automaton profile is a subgame-perfect equilibrium (one-shot deviations)."""
        automata = self._check(automata)
        start, states, index, step = self._joint(automata)
        inequalities = []
        for i, player in enumerate(self.players):
            memo = {}
            for state in states:
                value = self._value(i, state, index.__getitem__, step, memo)
                for b in range(self.stage.shape[i]):
                    if b == index[state][i]:
                        continue
                    dev = index[state][:i] + (b,) + index[state][i + 1:]
                    delta = self.deltas[i]
                    deviation = (1 - delta) * self._u(i, dev) + delta * self._value(
                        i, step(state, dev), index.__getitem__, step, memo)
                    inequalities.append((sympy.cancel(deviation), value, (state, i, b)))
        return self._verdict("subgame perfect", inequalities, self._deviation)

    def is_nash(self, automata) -> Verdict:
        """Whether the automaton profile is a Nash equilibrium: no strategy beats it from the start."""
        count = self.nash_policies(automata)
        if count > MAX_POLICIES:
            raise SolverLimitError(f"the Nash check would compare {count:,} stationary policies of one player, "
                                   f"over the limit of {MAX_POLICIES:,}")
        automata = self._check(automata)
        start, states, index, step = self._joint(automata)
        inequalities = []
        for i, player in enumerate(self.players):
            value = self._value(i, start, index.__getitem__, step, {})
            for choice in itertools.product(range(self.stage.shape[i]), repeat=len(states)):
                policy = dict(zip(states, choice))

                def choose(s, policy=policy):
                    return index[s][:i] + (policy[s],) + index[s][i + 1:]
                alternative = self._value(i, start, choose, step, {})
                inequalities.append((alternative, value, (start, i, policy[start])))
        return self._verdict("Nash", inequalities, lambda info, gain: Deviation(
            info[0], self.players[info[1]], self.stage.strategies[info[1]][info[2]], gain, one_shot=False))

    def nash_policies(self, automata) -> int:
        """The most stationary policies :meth:`is_nash` compares for one player (cheap: no values derived).

        :meth:`is_nash` refuses profiles over :data:`MAX_POLICIES`.

        Examples
        --------
        >>> from sbgames import Game, grim_trigger
        >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> RepeatedGame(pd).nash_policies([grim_trigger("s1", "s2")] * 2)  # 2 actions, 2 joint states
        4
        """
        _, states, _, _ = self._joint(self._check(automata))
        return max(m ** len(states) for m in self.stage.shape)

    def _deviation(self, info, gain) -> Deviation:
        state, i, b = info
        return Deviation(state, self.players[i], self.stage.strategies[i][b], gain)

    def payoff_set(self, method: str = "abreu-sannikov", **values) -> np.ndarray:
        """The vertices of the pure-strategy subgame-perfect payoff set, a (k, 2) array.

        Counter-clockwise; k = 1 for a point, 2 for a segment, 0 when the set
        is empty.  :meth:`subgame_perfect_payoffs` gives the whole result
        (kind, convergence, feasible set, minmax, a plot).

        Examples
        --------
        >>> from sbgames import Game
        >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> RepeatedGame(pd, delta=0.2).payoff_set().tolist()
        [[1.0, 1.0]]
        """
        return self.subgame_perfect_payoffs(method=method, **values).vertices

    def subgame_perfect_payoffs(self, method: str = "abreu-sannikov", **values):
        """The pure-strategy subgame-perfect payoff set (2 players, numeric delta) as a PayoffSet.

        See :func:`sbgames.repeated.payoff_set.payoff_set`; `values` set model parameters.
        """
        from .payoff_set import payoff_set
        if self.stage.n_players != 2:
            raise InputError("payoff sets are computed for 2-player stage games")
        if self._delta_params:
            raise InputError("payoff sets need a numeric discount factor: RepeatedGame(stage, delta=0.9)")
        game = self.model.game(**values) if self.model is not None else self.stage.subs(values)
        A, B = game.as_float().payoff_arrays
        deltas = [float(d) for d in self.deltas]
        ps = payoff_set(A, B, deltas[0] if deltas[0] == deltas[1] else tuple(deltas), method=method)
        return dataclasses.replace(ps, players=tuple(game.players))

    def critical_discount_factors(self, target=None, **values):
        """The least common discount factor sustaining `target` in every period: under Nash reversion and
        under the harshest credible punishment (2 players).

        See :func:`sbgames.repeated.penal.critical_discount_factors` for how each is found and when it is
        exact.  `target` defaults to a model's ``[repeated]`` cooperative profile; `values` set model
        parameters (defaults for the others).  The discount factor this game was built with is not used.

        Examples
        --------
        >>> import sbgames
        >>> result = RepeatedGame(sbgames.load_model("core")).critical_discount_factors(l_r=2, lam=2)
        >>> result.nash_reversion.value, result.harshest.value, result.harshest.exact
        (Fraction(1, 2), Fraction(1, 2), True)
        """
        from .penal import critical_discount_factors
        if self.stage.n_players != 2:
            raise InputError("critical discount factors are computed for 2-player stage games")
        if target is None:
            if self.model is None or not self.model.repeated:
                raise InputError("give the target profile, one strategy per player")
            target = self.model.repeated["cooperate"]
        game = self.model.game(**values) if self.model is not None else self.stage.subs(values)
        return critical_discount_factors(game, target)

    def __repr__(self) -> str:
        delta = ", ".join(str(d) for d in dict.fromkeys(self.deltas))
        return f"RepeatedGame({self.stage!r}, delta={delta})"
