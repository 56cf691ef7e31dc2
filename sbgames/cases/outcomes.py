"""The regime and the outcome of a case at one parameter point, solved exactly.

Examples
--------
>>> from fractions import Fraction
>>> most_likely(["Revise", "Restrain"], [Fraction(1, 3), Fraction(2, 3)])
'Restrain'
"""

from __future__ import annotations

from ..errors import InputError
from ..normal_model import Model
from ..modelfile.case import DELTA

__all__ = ["closed_forms_cover_all", "most_likely", "profile_outcome", "set_outcome", "with_repetition", "state", "regime", "outcome", "regime_at", "regimes_at", "is_complete"]


def _sustained(model: Model, values: dict, delta) -> bool:
    """Whether Nash reversion (to the stage equilibrium worst for the deviator, mixed ones included) sustains
    the cooperative profile at `delta`: :func:`~sbgames.repeated.penal.nash_reversion_threshold`."""
    from ..repeated.penal import nash_reversion_threshold
    threshold = nash_reversion_threshold(model.game(**values), model.repeated["cooperate"]).value
    return threshold is not None and delta >= threshold


def _groups(model: Model) -> list:
    """Player indices grouped by strategy set: the states of a many-state case form one group."""
    groups = {}
    for i, names in enumerate(model.strategies):
        groups.setdefault(tuple(names), []).append(i)
    return list(groups.values())


def closed_forms_cover_all(model) -> bool:
    """Whether the model's closed forms give every equilibrium the regime counts.

    They do for game trees (every pure subgame-perfect profile with its
    conditions) and for two-player payoff tables (every support, see
    :func:`~sbgames.solvers.symbolic.symbolic_equilibria`); for more players
    a case's regime and driving conditions speak of the pure equilibria.
    The model kind says which (``model.closed_forms_cover_all``).

    Examples
    --------
    >>> from sbgames.cases import load_case
    >>> closed_forms_cover_all(load_case("league_1930s")), closed_forms_cover_all(load_case("iraq_2003"))
    (True, False)
    """
    return model.closed_forms_cover_all


def most_likely(names, probabilities) -> str:
    """The most likely action of a (mixed) strategy; an exact tie names every tied action ("A or B")."""
    top = max(probabilities)
    return " or ".join(n for n, p in zip(names, probabilities) if p == top)


def profile_outcome(model: Model, actions) -> str:
    """The outcome of one equilibrium from each player's most likely action; players with the same
    strategies (the states of a many-state case) are counted, not named.

    Examples
    --------
    >>> from sbgames.cases import load_case
    >>> profile_outcome(load_case("iraq_2003"), ["Revise", "Soft", "Bandwagon", "Soft", "Soft"])
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


def set_outcome(outcomes) -> str:
    """The outcome of a set of equilibria: their distinct outcomes, sorted, joined by " | "."""
    from ..analysis.regions import NO_PURE
    return " | ".join(sorted(set(outcomes))) or NO_PURE


def with_repetition(model: Model, label: str, outcome: str, sustained: bool) -> tuple[str, str]:
    """Regime and outcome of a repeated case: where cooperation is sustained, its profile is the outcome."""
    shown = ", ".join(f"{p} {a}" for p, a in zip(model.players, model.repeated["cooperate"]))
    if sustained:
        outcome = f"{profile_outcome(model, model.repeated['cooperate'])} (repeated play)"
    return f"{label}; repeated: ({shown}) {'sustained' if sustained else 'not sustained'}", outcome


def state(model: Model, values: dict, delta=None) -> tuple[str, str]:
    """``(regime, outcome)`` at a point, solved exactly (see :func:`regime` and :func:`outcome`)."""
    from ..analysis.regions import label_at_point, solve_quietly
    values = model.values(**values)
    label = label_at_point(model, values)
    if model.payoff_table is None:  # a game tree: an equilibrium's outcome is its path of play
        found = set_outcome(" -> ".join(e.actions) for e in model.equilibria(**values))
    else:
        found = set_outcome(profile_outcome(model, [most_likely(n, s) for n, s in zip(model.strategies, eq.strategies)])
                             for eq in solve_quietly(model.game(**values)))
    case = model.case
    if case is None or case.delta is None:
        return label, found
    delta = case.delta.check(case.delta.default if delta is None else delta)
    return with_repetition(model, label, found, _sustained(model, values, delta))


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
    return state(model, values, delta)[0]


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
    >>> from sbgames.cases import load_case
    >>> outcome(load_case("eu_governance"), {})
    'T Restrain; S1 Bandwagon'
    """
    return state(model, values, delta)[1]


def regime_at(model: Model, point: dict) -> tuple[str, str] | None:
    """``(regime, outcome)`` at `point` (delta among the values), or None outside the constraints."""
    values = dict(point)
    delta = values.pop(DELTA, None)
    try:
        model.values(**values)
    except InputError:  # outside the constraints
        return None
    return state(model, values, delta)


def regimes_at(model: Model, points: list) -> list:
    """:func:`regime_at` for a batch of points (one task of a parallel run)."""
    return [regime_at(model, p) for p in points]


def is_complete(label: str) -> bool:
    from ..analysis.regions import label_is_complete
    return label_is_complete(label)
