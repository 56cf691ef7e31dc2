"""Stochastic models (``kind = "stochastic"``): a parametrised stochastic game read from a model file.

A :class:`StochasticModel` is the model kind of
:class:`~sbgames.stochastic.game.StochasticGame`: states with a stage game
each (own strategies per state), payoffs, transition probabilities and
discount factors that are expressions in the model's parameters.  Its
:meth:`~StochasticModel.equilibria` are the stationary Markov perfect
equilibria at a parameter point (:func:`~sbgames.stochastic.solve.markov_perfect_equilibria`);
:meth:`~StochasticModel.symbolic_equilibria` gives the pure stationary ones
with the conditions on the parameters under which each is an equilibrium
(:mod:`sbgames.stochastic.conditions`).  Model files of this kind are read
by :mod:`sbgames.modelfile.stochastic`.

Examples
--------
>>> from sbgames import load_model
>>> m = load_model("legitimacy_stock")
>>> m.kind, m.states, m.initial
('stochastic', ('High', 'Eroded', 'Lost', 'Balanced'), 'High')
>>> result = m.equilibria(exact=True, method="pure")
>>> [eq.describe() for eq in result]
['High: T: Revise, S: Soft | Eroded: T: Restrain, S: Soft | Lost: T: Revise, S: Hard | Balanced: T: Revise, S: Hard']
>>> [str(p) for p in result[0].distribution]  # the long run: legitimacy cycles between High and Eroded
['1/3', '2/3', '0', '0']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..errors import InputError
from ..expr import evaluate
from ..game import Game
from ..parameters import ParametrisedModel
from .game import StochasticGame

__all__ = ["StateSpec", "StochasticModel", "frozen_state"]


@dataclass(frozen=True)
class StateSpec:
    """One state of a stochastic model: its stage game and its transitions, as expressions.

    Attributes
    ----------
    name : str
    strategies : tuple of tuple of str
        Each player's strategies in this state.
    payoffs : mapping of profile tuple to tuple of sympy.Expr
    transitions : mapping of profile tuple to mapping of state name to sympy.Expr
        The distribution of the next state after each pure profile (states
        left out have probability 0).
    description : str
    """

    name: str
    strategies: tuple
    payoffs: Mapping
    transitions: Mapping
    description: str = field(default="", compare=False)


class StochasticModel(ParametrisedModel):
    """A parametrised stochastic game; its equilibria are the stationary Markov perfect equilibria.

    Attributes
    ----------
    kind : str
        ``"stochastic"``.
    state_specs : tuple of StateSpec
        The states, in the order of the model file.
    delta : tuple of sympy.Expr
        Each player's discount factor.
    initial : str
        The state play starts in (the long-run distribution and the
        absorption times of each equilibrium are taken from it).
    """

    kind = "stochastic"
    kind_name = "a stochastic game"

    def __init__(self, *, states, delta, initial: str, **fields):
        object.__setattr__(self, "state_specs", tuple(states))
        object.__setattr__(self, "delta", tuple(delta))
        object.__setattr__(self, "initial", initial)
        super().__init__(**fields)

    @property
    def states(self) -> tuple[str, ...]:
        """The state names."""
        return tuple(s.name for s in self.state_specs)

    def why_partial(self, closed_form: bool) -> str:
        """Why a result may not be complete: the mixed search was too large there, or found a continuum.

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("legitimacy_stock").why_partial(closed_form=False)
        'mixed stationary equilibria were searched only by tracing, or some supports have a continuum of solutions'
        """
        if closed_form:
            return "the closed forms list pure stationary equilibria only"
        return ("mixed stationary equilibria were searched only by tracing, or some supports have a continuum "
                "of solutions")

    def _build(self, convert) -> StochasticGame:
        stages, transitions = {}, {}
        for spec in self.state_specs:
            shape = tuple(len(s) for s in spec.strategies)
            arrays = [np.empty(shape, dtype=object) for _ in self.players]
            for profile, exprs in spec.payoffs.items():
                idx = tuple(s.index(name) for s, name in zip(spec.strategies, profile))
                for i, expr in enumerate(exprs):
                    arrays[i][idx] = convert(expr, f"the payoff of {self.players[i]} in state {spec.name!r} at "
                                                   f"{','.join(profile)}")
            stages[spec.name] = Game(arrays, players=self.players, strategies=spec.strategies, title=spec.name)
            transitions[spec.name] = {
                profile: {state: convert(p, f"the probability of {state!r} after {','.join(profile)} in state "
                                            f"{spec.name!r}") for state, p in row.items()}
                for profile, row in spec.transitions.items()}
        delta = [convert(d, f"the discount factor of {p}") for p, d in zip(self.players, self.delta)]
        return StochasticGame(stages, transitions, delta, title=self.title)

    def symbolic_game(self) -> StochasticGame:
        """The game with sympy payoffs, probabilities and discount factors in the parameters' symbols."""
        return self._memoised("symbolic_game", lambda: self._build(lambda expr, what: expr))

    def game(self, **values) -> StochasticGame:
        """The numeric game at these parameter values (defaults for the others), checked.

        Exact (fractions) when every entry is rational at these values.
        """
        point = self.values(**values)

        def convert(expr, what):
            try:
                return evaluate(expr, point)
            except InputError as exc:
                raise InputError(f"model {self.name!r}: {what} ({expr}) is undefined at these values: "
                                 f"{exc}") from None
        return self._build(convert)

    def solution_text(self, result, **values) -> str:
        """The game at these values (stage games and transitions), then its Markov perfect equilibria."""
        return "\n".join([self.game(**values).text(), "", result.text()])

    def equilibria(self, *, exact: bool = False, method: str = "auto", tol: float | None = None, **values):
        """The stationary Markov perfect equilibria at these values, from the model's initial state.

        See :func:`sbgames.stochastic.solve.markov_perfect_equilibria` for
        `method` and `tol`; the result records the parameter values used.
        """
        point = self.values(**values)
        result = self.game(**point).markov_perfect_equilibria(exact=exact, method=method, tol=tol,
                                                              initial=self.initial)
        return result.with_parameters(point)

    def paths(self, eq, periods: int = 50):
        """The distribution over states in periods ``0..periods`` under `eq`, from the model's initial state.

        See :func:`sbgames.stochastic.paths.state_paths`; ``.plot()`` draws the fan chart.
        """
        from .paths import state_paths
        return state_paths(eq, periods, initial=self.initial)

    def symbolic_equilibria(self):
        """Every pure stationary Markov perfect equilibrium with its conditions on the parameters.

        See :func:`sbgames.stochastic.conditions.pure_markov_conditions`
        (computed once, then reused).

        Raises
        ------
        SolverLimitError
            When the game has more pure stationary profiles than
            :data:`~sbgames.stochastic.conditions.MAX_SYMBOLIC_PROFILES`.
        """
        from .conditions import pure_markov_conditions
        return self._memoised("symbolic", lambda: pure_markov_conditions(self)).copy()

    def check_expected(self, *, exact: bool = False, tol: float = 1e-9) -> list[str]:
        """Compare the ``[[expected]]`` blocks with the equilibria found; one message per discrepancy.

        Every expected equilibrium must be found (exactly for rational
        probabilities in exact mode, within `tol` otherwise); a block with
        ``complete = true`` must list every equilibrium found, and its
        search (``method``, default ``"auto"``) must be complete unless it
        is ``"pure"``.
        """
        problems = []
        for b, block in enumerate(self.expected):
            changed = {n: str(v) for n, v in block["values"].items() if v != self.parameters[n].default}
            where = f"expected[{b}] at {changed or 'the defaults'}"
            found = self.equilibria(exact=exact, method=block["method"], **block["values"])

            def same(eq, want):
                for have_state, want_state in zip(eq.strategies, want):
                    for have, w in zip(have_state, want_state):
                        for h, x in zip(have, w):
                            if exact and eq.exact and eq.algebraic is None and x.is_Rational:
                                if h != x:
                                    return False
                            elif abs(float(h) - float(x)) > tol:
                                return False
                return True
            for want in block["equilibria"]:
                if not any(same(eq, want) for eq in found):
                    problems.append(f"{where}: {self.describe_profile(want)} is not found")
            if block["complete"]:
                if block["method"] != "pure" and not found.complete:
                    problems.append(f"{where}: the block is complete, but the result is not ({found.scope})")
                for eq in found:
                    if not any(same(eq, want) for want in block["equilibria"]):
                        problems.append(f"{where}: the block is complete, but {eq.describe()} is found too")
        return problems

    def describe_profile(self, profile) -> str:
        """A stationary profile (``profile[state][player]``, probability vectors) in one line."""
        parts = []
        for spec, sigma in zip(self.state_specs, profile):
            plays = []
            for player, names, vec in zip(self.players, spec.strategies, sigma):
                support = [(n, p) for n, p in zip(names, vec) if p != 0]
                plays.append(f"{player}: {support[0][0]}" if len(support) == 1 else
                             f"{player}: " + " + ".join(f"{p} {n}" for n, p in support))
            parts.append(f"{spec.name}: " + ", ".join(plays))
        return " | ".join(parts)


def frozen_state(name, strategies, payoffs, transitions, description="") -> StateSpec:
    """A :class:`StateSpec` with read-only mappings (the model-file reader builds states with it)."""
    return StateSpec(name=name, strategies=tuple(tuple(s) for s in strategies),
                     payoffs=MappingProxyType(dict(payoffs)),
                     transitions=MappingProxyType({k: MappingProxyType(dict(v)) for k, v in transitions.items()}),
                     description=description)

