"""The stochastic game: a normal-form stage game in every state, transitions, discounting.

A :class:`StochasticGame` (Shapley 1953) has finitely many *states*.  In each
state the players play a normal-form stage game (a :class:`~sbgames.game.Game`,
with strategy sets of its own); the action profile gives each player a stage
payoff and draws the next state from a probability distribution that depends on
the state and the profile.  Player ``i`` values a stream of stage payoffs
``u_0, u_1, ...`` at ``u_0 + delta_i u_1 + delta_i^2 u_2 + ...`` (the plain
discounted sum, so a constant stream ``u`` is worth ``u / (1 - delta_i)``).

Payoffs, probabilities and discount factors may be numbers (integers and
fractions give an exact game) or sympy expressions in parameters; a symbolic
game is made numeric by :meth:`StochasticGame.subs`, which checks the
probabilities again at the given point.

Examples
--------
One state, the Prisoner's Dilemma played forever:

>>> from sbgames import Game
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
>>> game = StochasticGame({"only": pd}, {"only": "only"}, delta=Fraction(1, 2))
>>> game.states, game.players, game.kind
(('only',), ('Player 1', 'Player 2'), 'exact')
>>> game.transition("only", ("C", "D"))
{'only': Fraction(1, 1)}
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np
import sympy

from ..errors import InputError, InputTypeError
from ..game import Game
from ..numeric import format_number, kind_of, to_float, to_fraction, to_sympy

__all__ = ["StochasticGame", "FLOAT_SUM_TOLERANCE"]

#: Float probabilities of one transition may sum to 1 within this (exact ones must sum to exactly 1).
FLOAT_SUM_TOLERANCE = 1e-12


def _profile_text(stage: Game, index) -> str:
    return "(" + ", ".join(names[k] for names, k in zip(stage.strategies, index)) + ")"


def _names_of(states, count) -> tuple[str, ...]:
    if states is None:
        return tuple(f"s{k + 1}" for k in range(count))
    names = tuple(states)
    if len(names) != count or not all(isinstance(s, str) for s in names) or len(set(names)) != len(names):
        raise InputError(f"states must be {count} distinct names, got {states!r}")
    return names


class StochasticGame:
    """A finite discounted stochastic game with a normal-form stage game in every state.

    Parameters
    ----------
    stages : mapping of str to Game, or sequence of Game
        The stage game of each state (state names are the keys, or
        `states`, or ``"s1"``, ``"s2"``, ...).  Every stage has the same
        players (by name); strategy sets may differ from state to state.
    transitions : mapping or sequence, one entry per state
        For each state, either an array of shape ``stage.shape + (number of
        states,)`` whose last axis is the distribution of the next state, or
        a mapping from pure profiles (tuples of strategy names; a bare name
        for a one-player stage) to the next state: a state name (reached for
        sure) or a mapping ``{state: probability}`` (states left out have
        probability 0).  A single state name for the whole state means
        every profile leads there.
    delta : number, expression, sequence or mapping
        The discount factor: one for all players, or one per player (a
        sequence in player order or a mapping from player names); each in
        ``[0, 1)``.
    states : sequence of str, optional
        State names when `stages` is a sequence.
    title : str, optional

    Raises
    ------
    InputError
        A probability outside ``[0, 1]``, a distribution not summing to 1
        (the message names the state and the profile), a discount factor
        outside ``[0, 1)``, stages with different players, unknown state or
        strategy names, missing profiles.
    InputTypeError
        Values that are not numbers or expressions.

    Examples
    --------
    >>> from sbgames import Game
    >>> stay = Game([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    >>> StochasticGame([stay, stay], [{("s1", "s1"): {"s1": Fraction(1, 2), "s2": Fraction(1, 3)},
    ...                                ("s1", "s2"): "s1", ("s2", "s1"): "s1", ("s2", "s2"): "s2"}, "s2"],
    ...                delta=Fraction(9, 10))
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: transition from state 's1' at profile (s1, s1): the probabilities sum to 5/6, not 1
    """

    __slots__ = ("_stages", "_states", "_transitions", "_delta", "_kind", "_title")

    def __init__(self, stages, transitions, delta, *, states=None, title: str = ""):
        if isinstance(stages, Mapping):
            if states is not None:
                raise InputError("give state names either as the keys of stages or as states, not both")
            names, games = tuple(stages), list(stages.values())
        elif isinstance(stages, Sequence) and not isinstance(stages, str):
            games = list(stages)
            names = _names_of(states, len(games))
        else:
            raise InputTypeError(f"stages must be a mapping or a sequence of Games, got {type(stages).__name__}")
        if not games:
            raise InputError("a stochastic game needs at least one state")
        for name, stage in zip(names, games):
            if not isinstance(name, str):
                raise InputTypeError(f"state names must be strings, got {name!r}")
            if not isinstance(stage, Game):
                raise InputTypeError(f"the stage game of state {name!r} must be a Game, got {type(stage).__name__}")
            if stage.players != games[0].players:
                raise InputError(f"every stage must have the same players: state {names[0]!r} has "
                                 f"{list(games[0].players)}, state {name!r} has {list(stage.players)}")
        self._states = _names_of(names, len(names))
        self._stages = tuple(games)
        self._title = str(title)
        self._delta = self._read_delta(delta)
        self._transitions = tuple(self._read_transitions(transitions))
        kinds = {stage.kind for stage in self._stages} | {kind_of(d) for d in self._delta}
        kinds |= {kind_of(p) for t in self._transitions for p in t.flat}
        self._kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
        self._check_probabilities()

    # -- reading ----------------------------------------------------------------------------
    def _read_delta(self, delta) -> tuple:
        players = self._stages[0].players
        if isinstance(delta, Mapping):
            unknown = set(delta) - set(players)
            if unknown or len(delta) != len(players):
                raise InputError(f"delta must give one discount factor per player {list(players)}, got {dict(delta)}")
            values = [delta[p] for p in players]
        elif isinstance(delta, (Sequence, np.ndarray)) and not isinstance(delta, str):
            if len(delta) != len(players):
                raise InputError(f"delta must give one discount factor per player ({len(players)}), "
                                 f"got {len(delta)}")
            values = list(delta)
        else:
            values = [delta] * len(players)
        out = []
        for player, value in zip(players, values):
            try:
                kind = kind_of(value)
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"discount factor of {player!r}: {exc}") from None
            if kind != "symbolic" and not 0 <= value < 1:
                raise InputError(f"discount factor of {player!r} must be in [0, 1), got {format_number(value)}")
            out.append(to_sympy(value) if kind == "symbolic" else value)
        return tuple(out)

    def _read_transitions(self, transitions) -> list:
        if isinstance(transitions, Mapping):
            unknown = set(transitions) - set(self._states)
            if unknown:
                raise InputError(f"transitions name unknown state(s) {sorted(unknown)}; the states are "
                                 f"{list(self._states)}")
            missing = [s for s in self._states if s not in transitions]
            if missing:
                raise InputError(f"transitions are missing for state(s) {missing}")
            specs = [transitions[s] for s in self._states]
        elif isinstance(transitions, Sequence) and not isinstance(transitions, str):
            if len(transitions) != len(self._states):
                raise InputError(f"transitions must give one entry per state ({len(self._states)}), "
                                 f"got {len(transitions)}")
            specs = list(transitions)
        else:
            raise InputTypeError(f"transitions must be a mapping or a sequence, got {type(transitions).__name__}")
        return [self._read_state(name, stage, spec) for name, stage, spec in zip(self._states, self._stages, specs)]

    def _next(self, where: str, spec) -> list:
        n = len(self._states)
        if isinstance(spec, str):
            if spec not in self._states:
                raise InputError(f"{where}: unknown next state {spec!r}; the states are {list(self._states)}")
            return [1 if s == spec else 0 for s in self._states]
        if not isinstance(spec, Mapping):
            raise InputTypeError(f"{where}: the next state must be a state name or a mapping "
                                 f"{{state: probability}}, got {spec!r}")
        unknown = [s for s in spec if s not in self._states]
        if unknown:
            raise InputError(f"{where}: unknown next state(s) {unknown}; the states are {list(self._states)}")
        return [spec.get(s, 0) for s in self._states] if n else []

    def _read_state(self, name: str, stage: Game, spec) -> np.ndarray:
        shape = stage.shape + (len(self._states),)
        out = np.empty(shape, dtype=object)
        if isinstance(spec, (str, Mapping)):
            if isinstance(spec, Mapping):
                given = {self._profile_key(name, stage, key): value for key, value in spec.items()}
            for index in itertools.product(*map(range, stage.shape)):
                where = f"transition from state {name!r} at profile {_profile_text(stage, index)}"
                if isinstance(spec, str):
                    row = self._next(where, spec)
                elif index in given:
                    row = self._next(where, given[index])
                else:
                    raise InputError(f"{where}: no next state given")
                out[index] = self._checked_row(where, row)
            return out
        try:
            raw = np.array(spec, dtype=object)
        except ValueError:
            raw = None
        if raw is None or raw.shape != shape:
            got = "a ragged array" if raw is None else f"shape {raw.shape}"
            raise InputError(f"transitions of state {name!r} must have shape {shape} (the stage's strategies, "
                             f"then the next state), got {got}")
        for index in itertools.product(*map(range, stage.shape)):
            out[index] = self._checked_row(f"transition from state {name!r} at profile "
                                           f"{_profile_text(stage, index)}", raw[index])
        return out

    def _profile_key(self, name: str, stage: Game, key) -> tuple[int, ...]:
        names = (key,) if isinstance(key, str) else tuple(key)
        if len(names) != stage.n_players:
            raise InputError(f"transitions of state {name!r}: profile {key!r} must name one strategy per player "
                             f"({stage.n_players})")
        out = []
        for player, strategies, s in zip(stage.players, stage.strategies, names):
            if s not in strategies:
                raise InputError(f"transitions of state {name!r}: {player!r} has no strategy {s!r} there; "
                                 f"its strategies are {list(strategies)}")
            out.append(strategies.index(s))
        return tuple(out)

    @staticmethod
    def _checked_row(where: str, row) -> list:
        out = []
        for p in row:
            try:
                kind = kind_of(p)
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"{where}: {exc}") from None
            out.append(to_sympy(p) if kind == "symbolic" else p)
        return out

    def _check_probabilities(self) -> None:
        convert = {"exact": to_fraction, "float": to_float, "symbolic": to_sympy}[self._kind]
        tables = []
        for name, stage, table in zip(self._states, self._stages, self._transitions):
            typed = np.empty(table.shape, dtype=float if self._kind == "float" else object)
            for index in itertools.product(*map(range, stage.shape)):
                where = f"transition from state {name!r} at profile {_profile_text(stage, index)}"
                row = [convert(p) for p in table[index]]
                for state, p in zip(self._states, row):
                    if (not isinstance(p, sympy.Basic) or not p.free_symbols) and not 0 <= p <= 1:
                        raise InputError(f"{where}: the probability of {state!r} is {format_number(p)}, "
                                         "not in [0, 1]")
                total = sum(row)
                if self._kind == "symbolic":
                    if sympy.expand(total) != 1:
                        raise InputError(f"{where}: the probabilities sum to {sympy.expand(total)}, not 1 for "
                                         "every parameter value")
                elif (total != 1) if self._kind == "exact" else abs(total - 1) > FLOAT_SUM_TOLERANCE:
                    raise InputError(f"{where}: the probabilities sum to {format_number(total)}, not 1")
                typed[index] = row
            typed.flags.writeable = False
            tables.append(typed.view())
        self._transitions = tuple(tables)
        self._delta = tuple(convert(d) for d in self._delta)

    # -- properties -------------------------------------------------------------------------
    @property
    def states(self) -> tuple[str, ...]:
        """The state names."""
        return self._states

    @property
    def players(self) -> tuple[str, ...]:
        """The player names (the same in every stage)."""
        return self._stages[0].players

    @property
    def n_states(self) -> int:
        return len(self._states)

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def stages(self) -> tuple[Game, ...]:
        """The stage game of each state, in state order."""
        return self._stages

    @property
    def transitions(self) -> tuple[np.ndarray, ...]:
        """Per state, the read-only array ``P[profile..., next state]``."""
        return self._transitions

    @property
    def delta(self) -> tuple:
        """The discount factor of each player."""
        return self._delta

    @property
    def kind(self) -> str:
        """``"exact"``, ``"float"`` or ``"symbolic"`` (the least specific part decides)."""
        return self._kind

    @property
    def title(self) -> str:
        return self._title

    def __repr__(self) -> str:
        shapes = ", ".join(f"{s}: {'x'.join(map(str, g.shape))}" for s, g in zip(self._states, self._stages))
        return f"StochasticGame({self.n_players} players, {self.n_states} states [{shapes}], {self._kind})"

    def text(self) -> str:
        """The game as plain text: per state its discount, stage payoffs and where each profile leads.

        Examples
        --------
        >>> from sbgames import Game
        >>> stage = Game([[[1, 0], [0, 1]], [[0, 1], [1, 0]]], players=["A", "B"])
        >>> from fractions import Fraction
        >>> print(StochasticGame({"s": stage}, {"s": "s"}, Fraction(9, 10)).text().splitlines()[0])
        State s (discount factors: A 9/10, B 9/10)
        """
        discount = ", ".join(f"{p} {format_number(d)}" for p, d in zip(self.players, self.delta))
        lines = []
        for state, stage, rows in zip(self.states, self.stages, self.transitions):
            lines += [f"State {state} (discount factors: {discount})", stage.table(), "  next state:"]
            for k, profile in enumerate(itertools.product(*stage.strategies)):
                row = np.asarray(rows).reshape(-1, self.n_states)[k]
                lottery = ", ".join(f"{s} {format_number(p)}" for s, p in zip(self.states, row) if p != 0)
                lines.append(f"    {' / '.join(profile)} -> {lottery}")
            lines.append("")
        return "\n".join(lines).rstrip()

    def state_index(self, state) -> int:
        """The index of a state given by name or index."""
        if isinstance(state, (int, np.integer)) and not isinstance(state, bool) and 0 <= state < self.n_states:
            return int(state)
        if state in self._states:
            return self._states.index(state)
        raise InputError(f"unknown state {state!r}; the states are {list(self._states)}")

    def stage(self, state) -> Game:
        """The stage game of `state` (a name or an index)."""
        return self._stages[self.state_index(state)]

    def transition(self, state, profile) -> dict:
        """The distribution of the next state after the pure `profile` (strategy names) in `state`."""
        k = self.state_index(state)
        index = self._profile_key(self._states[k], self._stages[k], profile)
        return {s: p for s, p in zip(self._states, self._transitions[k][index]) if p != 0}

    @property
    def parameters(self) -> tuple[str, ...]:
        """Names of the free symbols of a symbolic game, sorted (empty for a numeric game)."""
        return tuple(sorted(self._symbols()))

    def _symbols(self) -> dict:
        symbols = {}
        for value in itertools.chain(self._delta, *(t.flat for t in self._transitions),
                                     *(a.flat for g in self._stages for a in g.payoff_arrays)):
            if isinstance(value, sympy.Basic):
                symbols.update((s.name, s) for s in value.free_symbols)
        return symbols

    # -- conversion -------------------------------------------------------------------------
    def _rebuilt(self, stages, convert, rows=None) -> "StochasticGame":
        tables = [np.vectorize(convert, otypes=[object])(t) for t in self._transitions]
        if rows is not None:
            for table in tables:
                for index in np.ndindex(*table.shape[:-1]):
                    table[index] = rows(table[index])
        return StochasticGame(dict(zip(self._states, stages)), tables,
                              [convert(d) for d in self._delta], title=self._title)

    def subs(self, values: Mapping) -> "StochasticGame":
        """The game at parameter `values` (names or symbols to numbers), checked again.

        Examples
        --------
        >>> from sbgames import Game
        >>> p = sympy.Symbol("p")
        >>> stay = Game([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
        >>> game = StochasticGame([stay, stay], [[[[1 - p, p], [1, 0]], [[1, 0], [1, 0]]], "s2"],
        ...                       delta=Fraction(1, 2))
        >>> game.kind, game.parameters
        ('symbolic', ('p',))
        >>> game.subs({"p": Fraction(1, 4)}).transition("s1", ("s1", "s1"))
        {'s1': Fraction(3, 4), 's2': Fraction(1, 4)}
        >>> game.subs({"p": 2})
        Traceback (most recent call last):
        ...
        sbgames.errors.InputError: transition from state 's1' at profile (s1, s1): the probability of 's1' is -1, not in [0, 1]
        """
        if self._kind != "symbolic":
            return self
        mapping = {}
        for key, value in values.items():
            mapping[key.name if isinstance(key, sympy.Symbol) else str(key)] = to_sympy(value)
        symbols = self._symbols()
        table = {symbols[n]: v for n, v in mapping.items() if n in symbols}

        def convert(value):
            if not isinstance(value, sympy.Basic):
                return value
            value = value.xreplace(table)
            if value.free_symbols:
                return value
            return to_fraction(value) if value.is_Rational else to_float(value)
        return self._rebuilt([g.subs(mapping) for g in self._stages], convert)

    def as_exact(self) -> "StochasticGame":
        """The same game in fractions (floats through their shortest decimal form).

        Float probabilities whose decimals do not sum to exactly 1 (such as
        ``1/3`` as a float) give the difference to the largest of them.

        Examples
        --------
        >>> from sbgames import Game
        >>> stay = Game([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
        >>> third = [1 / 3, 1 / 3, 1 / 3]
        >>> game = StochasticGame([stay] * 3, [[[third, third], [third, third]]] * 3, delta=0.5)
        >>> [str(p) for p in game.as_exact().transition("s1", ("s1", "s1")).values()]
        ['1666666666666667/5000000000000000', '3333333333333333/10000000000000000', '3333333333333333/10000000000000000']
        """
        self._require_numeric("as_exact")
        if self._kind == "exact":
            return self

        def rows(row):
            row = list(row)
            big = max(range(len(row)), key=lambda k: row[k])
            row[big] += 1 - sum(row)
            return row
        return self._rebuilt([g.as_exact() for g in self._stages], to_fraction, rows)

    def as_float(self) -> "StochasticGame":
        """The same game in floats."""
        self._require_numeric("as_float")
        return self if self._kind == "float" else self._rebuilt([g.as_float() for g in self._stages], to_float)

    def _require_numeric(self, what: str) -> None:
        if self._kind == "symbolic":
            raise InputTypeError(f"{what} needs a numeric stochastic game, but this one is symbolic in "
                                 f"{list(self.parameters)}; substitute values first (game.subs)")

    # -- equilibria -------------------------------------------------------------------------
    def markov_perfect_equilibria(self, *, exact: bool = False, method: str = "auto", tol: float | None = None,
                                  initial=None):
        """The stationary Markov perfect equilibria: see :func:`sbgames.stochastic.solve.markov_perfect_equilibria`."""
        from .solve import markov_perfect_equilibria
        return markov_perfect_equilibria(self, exact=exact, method=method, tol=tol, initial=initial)
