"""Markov perfect equilibria as results: the verification gate and the result types.

:func:`verified_markov` is the stochastic counterpart of
:func:`sbgames.equilibrium.verified`: it evaluates every player's values
under a stationary profile and refuses the profile when some player gains by
a one-shot deviation in some state (exactly in exact mode; by more than the
tolerance in float mode).  By the one-shot deviation principle of discounted
dynamic programming this is the same as every player's strategy solving its
Markov decision problem against the others'.

The float tolerance is relative to the game's *value scale*: the largest
absolute stage payoff divided by ``1 - max(delta)``, the largest value a
player can have (:func:`value_scale`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..equilibrium import EquilibriumSet, PROBABILITY_TOL, check_exact
from ..errors import InputError, InputTypeError, VerificationError
from ..tolerance import MAX_RELATIVE_TOLERANCE, RELATIVE_TOLERANCE
from ..numeric import format_number, to_float
from ..results import number_json
from .labels import markov_label, markov_name, markov_quantities
from .markov import absorption, action_values, chain, long_run_distribution, player_values

__all__ = ["MarkovEquilibrium", "MarkovEquilibriumSet", "verified_markov", "value_scale", "stochastic_tolerance",
           "initial_distribution", "one_shot_gain"]


def value_scale(game) -> float:
    """The largest absolute stage payoff over ``1 - max(delta)`` (1 for a game whose payoffs are all 0).

    Examples
    --------
    >>> from sbgames import Game
    >>> from sbgames.stochastic import StochasticGame
    >>> value_scale(StochasticGame([Game([[[4, -2]], [[0, 1]]])], ["s1"], delta=0.5))
    8.0
    """
    largest = max(to_float(abs(v)) for stage in game.stages for a in stage.payoff_arrays for v in a.flat)
    return (largest or 1.0) / (1 - max(to_float(d) for d in game.delta))


def stochastic_tolerance(tol, game, exact: bool):
    """The float tolerance: ``1e-9`` times :func:`value_scale` by default; a given one is checked."""
    if exact:
        return None
    scale = value_scale(game)
    if tol is None:
        return RELATIVE_TOLERANCE * scale
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.floating, np.integer)):
        raise InputTypeError(f"tol must be a number, got {tol!r}")
    if not (0 <= tol <= MAX_RELATIVE_TOLERANCE * scale):
        raise InputError(f"tol={tol!r} must be at least 0 and at most {MAX_RELATIVE_TOLERANCE} times the value "
                         f"scale ({format_number(scale)}), here {MAX_RELATIVE_TOLERANCE * scale:.3g}")
    return float(tol)


def initial_distribution(game, initial, exact: bool) -> list:
    """The initial distribution over states: a state name (or index), a mapping, or None (the first state)."""
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    if initial is None or isinstance(initial, (str, int, np.integer)):
        k = game.state_index(0 if initial is None else initial)
        return [one if s == k else zero for s in range(game.n_states)]
    if not isinstance(initial, dict):
        raise InputTypeError(f"initial must be a state name or a mapping {{state: probability}}, got {initial!r}")
    out = [zero] * game.n_states
    for state, p in initial.items():
        out[game.state_index(state)] = Fraction(p) if exact else float(p)
    if any(p < 0 for p in out) or (sum(out) != 1 if exact else abs(sum(out) - 1) > 1e-12):
        raise InputError(f"initial distribution {initial!r} must have probabilities >= 0 summing to 1")
    return out


def _readonly(vec, exact) -> np.ndarray:
    arr = np.array(list(vec), dtype=object if exact else float)
    arr.flags.writeable = False
    return arr.view()


@dataclass(frozen=True, eq=False)
class MarkovEquilibrium:
    """One verified stationary Markov perfect equilibrium.

    Attributes
    ----------
    game : StochasticGame
        The game (in the arithmetic used).
    strategies : tuple
        ``strategies[state][player]``: a probability vector over the
        player's strategies in that state.
    values : tuple
        ``values[player][state]``: the player's discounted value from the state.
    regret : Fraction or float
        The largest gain of a one-shot deviation (0 exactly, or at most `tol`).
    distribution : tuple
        The long-run average distribution over states from the initial
        distribution of the solve.
    absorption : dict
        ``{absorbing state: (probability of reaching it, expected periods
        until it is reached, given that it is)}``; the time is None when
        the probability is 0.
    method, exact, tol
        How it was found and checked.
    algebraic : tuple or None
        Exact (sympy) values of an irrational equilibrium whose `strategies`
        are float roundings: ``algebraic[state][player]``.
    """

    game: Any = field(repr=False)
    strategies: tuple
    values: tuple
    regret: Any
    distribution: tuple
    absorption: dict
    method: str
    exact: bool
    tol: float | None = None
    algebraic: tuple | None = field(default=None, repr=False)

    @property
    def is_pure(self) -> bool:
        """True when every player plays one strategy in every state."""
        cut = 0 if self.exact else PROBABILITY_TOL
        return all(sum(p > cut for p in vec) == 1 for state in self.strategies for vec in state)

    def value(self, player, state):
        """The value of `player` (name or index) from `state` (name or index)."""
        i = player if isinstance(player, int) else self.game.players.index(player)
        return self.values[i][self.game.state_index(state)]

    def profile(self) -> dict:
        """``{state: {player: {strategy: probability}}}`` over the supports."""
        return {state: {player: {name: p for name, p in zip(names, vec) if p != 0}
                        for player, names, vec in zip(stage.players, stage.strategies, sigma)}
                for state, stage, sigma in zip(self.game.states, self.game.stages, self.strategies)}

    def curve_label(self) -> str:
        """Its supports in each state where someone chooses (:func:`~sbgames.stochastic.labels.markov_name`)."""
        return markov_name(self)

    def quantities(self) -> dict:
        """Its quantities by name, for comparative statics (:func:`~sbgames.stochastic.labels.markov_quantities`)."""
        return markov_quantities(self)

    def describe(self) -> str:
        """One line: the play in each state, e.g. ``High: T: Restrain, S: Soft | Lost: ...``."""
        parts = []
        for state, by_player in self.profile().items():
            plays = []
            for player, support in by_player.items():
                if len(support) == 1:
                    plays.append(f"{player}: {next(iter(support))}")
                else:
                    plays.append(f"{player}: " + " + ".join(f"{format_number(p)} {s}" for s, p in support.items()))
            parts.append(f"{state}: " + ", ".join(plays))
        return " | ".join(parts)

    def to_dict(self) -> dict:
        """A JSON-ready description (fractions as ``"p/q"`` strings in exact mode)."""
        conv = str if self.exact else float
        states = self.game.states
        return {
            "strategies": {state: {player: {name: conv(p) for name, p in support.items()}
                                   for player, support in by_player.items()}
                           for state, by_player in self.profile().items()},
            "values": {player: {s: conv(v) for s, v in zip(states, vals)}
                       for player, vals in zip(self.game.players, self.values)},
            "distribution": {s: conv(p) for s, p in zip(states, self.distribution)},
            "absorption": {states[k]: {"probability": conv(p), "expected_time": None if t is None else conv(t)}
                           for k, (p, t) in self.absorption.items()},
            "regret": conv(self.regret),
        }

    def __repr__(self) -> str:
        return f"MarkovEquilibrium({self.describe()})"


class MarkovEquilibriumSet(EquilibriumSet):
    """The Markov perfect equilibria found, with how they were computed and what is left out.

    An :class:`~sbgames.equilibrium.EquilibriumSet` whose :attr:`scope`
    says in words what the list covers (``"complete"`` only when every
    stationary equilibrium, pure and mixed, was searched for and every
    isolated one is listed).
    """

    def __init__(self, equilibria, *, game, method, exact, tol, complete, scope, initial, parameters=None):
        super().__init__(equilibria, game=game, method=method, exact=exact, tol=tol, complete=complete,
                         parameters=parameters)
        self._scope = "complete" if complete else scope
        self.initial = tuple(initial)

    @property
    def scope(self) -> str:
        return self._scope

    def with_parameters(self, parameters) -> "MarkovEquilibriumSet":
        return MarkovEquilibriumSet(self, game=self.game, method=self.method, exact=self.exact, tol=self.tol,
                                    complete=self.complete, scope=self._scope, initial=self.initial,
                                    parameters=parameters)

    @property
    def pure(self) -> list:
        """The pure equilibria of the list."""
        return [eq for eq in self if eq.is_pure]

    def region_label(self) -> str:
        """The region label of these equilibria (:func:`~sbgames.stochastic.labels.markov_label`)."""
        return markov_label(self)

    def text(self) -> str:
        """The equilibria as plain text (what ``sbgames solve`` prints): the play in each state, the
        players' values, the long-run distribution over states and the absorbing states reached.

        Examples
        --------
        >>> from sbgames import load_model
        >>> print(load_model("legitimacy_stock").equilibria(exact=True).text())  # doctest: +ELLIPSIS
        Markov perfect equilibria (exact; method ...; complete)
          1. High: ...
             values: T: High ...
        """
        arithmetic = "exact" if self.exact else f"float, tol {self.tol:.2g}"
        lines = [f"Markov perfect equilibria ({arithmetic}; method {self.method}; {self.scope})"]
        for k, eq in enumerate(self, 1):
            lines.append(f"  {k}. {eq.describe()}")
            lines.append("     values: " + "; ".join(
                f"{player}: " + ", ".join(f"{state} {format_number(v)}" for state, v in zip(self.game.states, vals))
                for player, vals in zip(self.game.players, eq.values)))
            lines.append("     long-run distribution: " + ", ".join(
                f"{state} {format_number(p)}" for state, p in zip(self.game.states, eq.distribution)))
            for state, (p, t) in eq.absorption.items():
                reached = f"reached with probability {format_number(p)}"
                lines.append(f"     absorbing state {self.game.states[state]}: {reached}"
                             + ("" if t is None else f", after {format_number(t)} periods on average"))
        return "\n".join(lines)

    def json_equilibria(self) -> list[dict]:
        """The equilibria as ``solve --json`` lists them (``markov_equilibrium`` in the schema).

        Numbers are number objects (``{"exact": "1/2", "float": 0.5}``),
        strategies keyed by state and player, values by player and state.
        """
        tol = None if self.exact else self.tol
        out = []
        for eq in self:
            states = self.game.states
            out.append({
                "description": eq.describe(),
                "strategies": {state: {player: {name: number_json(p, tol) for name, p in zip(names, vec)}
                                       for player, names, vec in zip(stage.players, stage.strategies, sigma)}
                               for state, stage, sigma in zip(states, self.game.stages, eq.strategies)},
                "values": {player: {s: number_json(v, tol) for s, v in zip(states, vals)}
                           for player, vals in zip(self.game.players, eq.values)},
                "distribution": {s: number_json(p, tol) for s, p in zip(states, eq.distribution)},
                "regret": number_json(eq.regret, tol)})
        return out


def one_shot_gain(game, sigma, exact: bool):
    """``(values, largest one-shot deviation gain, (state, player, strategy) where it is largest)``."""
    values = player_values(game, sigma, exact)
    q = action_values(game, sigma, values)
    worst, where = None, None
    for s in range(game.n_states):
        for i in range(game.n_players):
            gains = q[s][i] - values[i][s]
            best = int(np.argmax(gains))
            if worst is None or gains[best] > worst:
                worst, where = gains[best], (s, i, best)
    return values, worst, where


def verified_markov(game, strategies, *, method: str, exact: bool, tol=None, initial=None,
                    algebraic=None) -> MarkovEquilibrium:
    """Check a stationary profile is a Markov perfect equilibrium and wrap it with its values.

    `game` must already be in the arithmetic used (``as_exact()`` or
    ``as_float()``); `strategies[state][player]` are probability vectors.

    Raises
    ------
    VerificationError
        Naming the player, the state and the deviation that gains.
    """
    exact = check_exact(exact)
    tol = stochastic_tolerance(tol, game, exact)
    sigma = tuple(tuple(_readonly(vec, exact) for vec in state) for state in strategies)
    values, worst, where = one_shot_gain(game, sigma, exact)
    if (worst > 0) if exact else (worst > tol):
        s, i, a = where
        raise VerificationError(
            f"{method} returned a profile that is not a Markov perfect equilibrium: in state {game.states[s]!r}, "
            f"{game.players[i]} gains {format_number(worst, value_scale(game))} by playing "
            f"{game.stages[s].strategies[i][a]} once")
    start = initial_distribution(game, initial, exact)
    _, matrix = chain(game, sigma)
    return MarkovEquilibrium(game=game, strategies=sigma, values=values, regret=max(worst, 0 * worst),
                             distribution=tuple(long_run_distribution(matrix, start, exact)),
                             absorption=absorption(matrix, start, exact), method=method, exact=exact,
                             tol=tol, algebraic=algebraic)
