"""Region labels and named quantities of Markov perfect equilibria: what maps and sweeps show.

An equilibrium is named by its supports in every state where some player
has a choice (``"High: Revise | Eroded: Restrain | Lost: Revise / Hard"``);
a player with one strategy in a state, or a state where nobody chooses, is
left out of the name.  The label of a result joins its equilibria's names
as every region label does (:func:`sbgames.results.set_label`): a result
that is not complete says what its search left out and is never called
``"(unique)"``; a complete one with one equilibrium is the unique
*stationary* Markov perfect equilibrium.

Examples
--------
>>> from sbgames import load_model
>>> load_model("legitimacy_stock").equilibria(exact=True, delta="1/2").region_label()
'High: Revise | Eroded: Revise | Lost: Hard (unique)'
"""

from __future__ import annotations

from ..results import INCOMPLETE, PURE_ONLY, profile_label, set_label

__all__ = ["markov_name", "markov_label", "markov_quantities"]


def markov_name(eq) -> str:
    """The name of one stationary equilibrium: the supports in each state where someone chooses."""
    parts = []
    for state, stage, sigma in zip(eq.game.states, eq.game.stages, eq.strategies):
        supports = tuple(tuple(name for name, p in zip(names, vec) if p != 0)
                         for names, vec in zip(stage.strategies, sigma) if len(names) > 1)
        if supports:
            parts.append(f"{state}: {profile_label(supports)}")
    return " | ".join(parts) or "no choices"


def markov_label(result) -> str:
    """The region label of a :class:`~sbgames.stochastic.result.MarkovEquilibriumSet`."""
    left_out = None if result.complete else PURE_ONLY if result.method == "pure" else INCOMPLETE
    return set_label([markov_name(eq) for eq in result], left_out)


def markov_quantities(eq) -> dict:
    """One equilibrium's quantities by name, as comparative statics plot them (floats).

    ``"Pr(<state>: <player>: <strategy>)"`` for every choice, ``"payoff
    <player> (<state>)"`` for the discounted value from each state and
    ``"Pr(long run in <state>)"`` for the long-run distribution from the
    initial state.

    Examples
    --------
    >>> from sbgames import load_model
    >>> eq = load_model("legitimacy_stock").equilibria(exact=True, method="pure")[0]
    >>> named = markov_quantities(eq)
    >>> named["Pr(Eroded: T: Restrain)"], named["payoff T (High)"], named["Pr(long run in Eroded)"]
    (1.0, 22.580645161290324, 0.6666666666666666)
    """
    out = {}
    for state, stage, sigma in zip(eq.game.states, eq.game.stages, eq.strategies):
        for player, names, vec in zip(stage.players, stage.strategies, sigma):
            if len(names) > 1:
                out.update({f"Pr({state}: {player}: {name})": float(p) for name, p in zip(names, vec)})
    for player, values in zip(eq.game.players, eq.values):
        out.update({f"payoff {player} ({state})": float(v) for state, v in zip(eq.game.states, values)})
    out.update({f"Pr(long run in {state})": float(p) for state, p in zip(eq.game.states, eq.distribution)})
    return out
