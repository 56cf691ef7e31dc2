"""Pure stationary Markov perfect equilibria of a stochastic model in closed form, with their conditions.

For each pure stationary profile the players' values solve ``V_i = r_i +
delta_i P V_i`` (one linear system per player, here in sympy with the
parameters as symbols), and the profile is a Markov perfect equilibrium
exactly where no one-shot deviation gains: ``V_i(s) >= Q_i(s, a)`` for every
state ``s``, player ``i`` and strategy ``a`` (the one-shot deviation
principle).  Each such inequality is decided on the model's parameter space
(:class:`~sbgames.assumptions.ParameterSpace`): one that holds everywhere
is dropped, one that holds nowhere rules the profile out, the others are
its conditions, with the factors whose sign the bounds fix divided out.
The conditions are exact rational functions of the parameters; mixed
stationary equilibria are not derived in closed form.

Examples
--------
>>> from sbgames import load_model
>>> m = load_model("legitimacy_stock")
>>> forms = m.symbolic_equilibria()
>>> point = m.values(lam=2)
>>> [b.label for b in forms.at(point)]
['High: Restrain | Eroded: Restrain | Lost: Hard']
"""

from __future__ import annotations

import itertools

import sympy

from ..assumptions import ParameterSpace
from ..conditions import holds
from ..errors import SolverLimitError
from ..expr import evaluate
from ..results import INCOMPLETE, ClosedFormMixin, expression_json, merge_values, set_label

__all__ = ["MarkovBranch", "MarkovConditions", "pure_markov_conditions", "MAX_SYMBOLIC_PROFILES"]

#: The most pure stationary profiles :func:`pure_markov_conditions` derives conditions for.
MAX_SYMBOLIC_PROFILES = 256


class MarkovBranch(ClosedFormMixin):
    """One pure stationary profile and the conditions under which it is a Markov perfect equilibrium.

    Attributes
    ----------
    label : str
        The profile's supports in each state where someone chooses.
    profile : tuple
        ``profile[state][player]``: the strategy name played.
    conditions : sympy Boolean
        In the parameters.
    values : tuple
        ``values[player][state]``: the discounted values, rational functions of the parameters.
    """

    def __init__(self, model, profile, conditions, values):
        self.model, self.profile, self.conditions, self.values = model, profile, conditions, values
        self.label = " | ".join(
            f"{spec.name}: " + " / ".join(name for name, own in zip(names, spec.strategies) if len(own) > 1)
            for spec, names in zip(model.state_specs, profile) if any(len(own) > 1 for own in spec.strategies))

    def holds_at(self, values=None, /, **more) -> bool:
        """Whether the profile is an equilibrium at this parameter point (defaults for the others)."""
        return holds(self.conditions, self.model.values(**merge_values(values, more)))

    def value_at(self, player, state, values=None, /, **more):
        """The exact value of `player` from `state` at a parameter point."""
        i, s = self.model.players.index(player), self.model.states.index(state)
        return evaluate(self.values[i][s], self.model.values(**merge_values(values, more)))

    def describe(self) -> str:
        from ..conditions import condition_text
        return f"{self.label} when {condition_text(self.conditions)}"

    def result_data(self) -> dict:
        return {"profile": {spec.name: dict(zip(self.model.players, names))
                            for spec, names in zip(self.model.state_specs, self.profile)},
                "values": {p: {s: expression_json(v) for s, v in zip(self.model.states, vals)}
                           for p, vals in zip(self.model.players, self.values)}}

    def __repr__(self) -> str:
        return f"MarkovBranch({self.label})"


class MarkovConditions(list):
    """The pure stationary equilibria of a stochastic model in closed form (a list of :class:`MarkovBranch`).

    They do not cover mixed equilibria (:attr:`covers_all` is False), so a
    point's label from them says that the result is not complete.
    """

    covers_all = False

    def at(self, point) -> list:
        """The branches that hold at a parameter point."""
        return [b for b in self if holds(b.conditions, point)]

    def region_label(self, holding) -> str:
        """The region label of a point where the branches `holding` hold (not complete: pure only)."""
        return set_label([b.label for b in holding], INCOMPLETE)

    def copy(self) -> "MarkovConditions":
        return MarkovConditions(self)


def pure_markov_conditions(model) -> MarkovConditions:
    """Every pure stationary profile that is a Markov perfect equilibrium somewhere, with its conditions.

    Raises
    ------
    SolverLimitError
        When the game has more than :data:`MAX_SYMBOLIC_PROFILES` pure
        stationary profiles (the message says how many), before any work.
    """
    game = model.symbolic_game()
    per_state = [list(itertools.product(*(range(n) for n in stage.shape))) for stage in game.stages]
    count = 1
    for options in per_state:
        count *= len(options)
    if count > MAX_SYMBOLIC_PROFILES:
        raise SolverLimitError(f"model {model.name!r} has {count:,} pure stationary profiles; closed-form "
                               f"conditions are derived for at most {MAX_SYMBOLIC_PROFILES} (solve points with "
                               "model.equilibria, or map them with sbgames.regions, which does)")
    space = ParameterSpace(model.parameters, model.constraints)
    out = MarkovConditions()
    for choice in itertools.product(*per_state):
        branch = _branch(model, game, choice, space)
        if branch is not None:
            out.append(branch)
    return out


def _branch(model, game, choice, space):
    n = game.n_states
    rewards = [[game.stages[s].payoff_arrays[i][choice[s]] for s in range(n)] for i in range(game.n_players)]
    matrix = sympy.Matrix([[game.transitions[s][choice[s]][t] for t in range(n)] for s in range(n)])
    values = []
    for i, delta in enumerate(game.delta):
        v = (sympy.eye(n) - delta * matrix).LUsolve(sympy.Matrix(rewards[i]))
        values.append(tuple(sympy.cancel(x) for x in v))
    kept = []
    for s, stage in enumerate(game.stages):
        for i, delta in enumerate(game.delta):
            for a in range(stage.shape[i]):
                if a == choice[s][i]:
                    continue
                other = choice[s][:i] + (a,) + choice[s][i + 1:]
                q = stage.payoff_arrays[i][other] + delta * sum(
                    p * v for p, v in zip(game.transitions[s][other], values[i]))
                relation = space.normalize(sympy.cancel(sympy.together(values[i][s] - q)) >= 0)
                if relation is sympy.false:
                    return None
                if relation is not sympy.true and relation not in kept:
                    kept.append(relation)
    profile = tuple(tuple(names[k] for names, k in zip(stage.strategies, choice[s]))
                    for s, stage in enumerate(game.stages))
    return MarkovBranch(model, profile, sympy.And(*kept), tuple(values))
