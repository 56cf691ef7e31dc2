"""Simple strategy profiles (Abreu 1988): sticks and carrots, and the discount factors that sustain them.

A simple strategy profile plays a target profile in every period; a
deviation by player ``j`` alone (also during a punishment) is answered by a
*stick* profile for ``j``, for one period and then back to the target (a
stick and carrot) or for ever.  :func:`stick_and_carrot` gives the exact set
of discount factors at which such a profile is subgame perfect;
:func:`simple_profile_holds` screens one at a rational discount factor and
:func:`simple_profiles_at` searches all of them, as the critical discount
factors of :mod:`sbgames.repeated.penal` do.

Examples
--------
>>> from sbgames import Game
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
>>> interval_text(stick_and_carrot(pd, ("C", "C"), [("D", "D"), ("D", "D")], lengths=(None, None)))
'[1/2, 1)'
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy

from ..errors import InputError
from ..game import Game
from .automaton import Automaton
from .punishment import exact_stage_game, profile_name, stage_profile

__all__ = ["stick_and_carrot", "simple_profile_holds", "simple_profiles_at", "interval_text", "describe_punishments"]

#: A discount factor near 1 at which simple profiles are screened before their exact check.
_NEAR_ONE = Fraction(999, 1000)


def _simple_profile(game: Game, target, sticks, lengths) -> list[Automaton]:
    """The automata of the simple strategy profile: `target` until player j deviates alone (also during a
    punishment), then ``sticks[j]`` for ``lengths[j]`` periods (1, or None for ever) and back to `target`."""
    names = [game.strategies[i] for i in range(2)]
    states = ["target", *(f"punish {p}" for p in game.players)]

    def step(state, observed, context):
        deviators = [j for j in range(2) if observed[j] != context.prescribed[j]]
        if len(deviators) == 1:
            return f"punish {game.players[deviators[0]]}"
        if deviators or state == "target":
            return state
        return "target" if lengths[states.index(state) - 1] == 1 else state
    return [Automaton(states, "target",
                      {"target": names[i][target[i]],
                       **{f"punish {p}": names[i][sticks[j][i]] for j, p in enumerate(game.players)}},
                      step, name="simple strategy profile") for i in range(2)]


def _lengths(lengths) -> tuple:
    lengths = tuple(lengths)
    if len(lengths) != 2 or any(n not in (1, None) for n in lengths):
        raise InputError(f"give one punishment length per player, each 1 or None (for ever), got {lengths!r}")
    return lengths


def stick_and_carrot(game: Game, target, sticks, lengths=(1, 1)) -> sympy.Set:
    """The exact set of discount factors at which a simple strategy profile is subgame perfect.

    The profile plays `target` in every period; a deviation by player ``j``
    alone (from the target or during a punishment) is followed by
    ``sticks[j]``, for one period and then the target again (a stick and
    carrot) or for ever (``lengths[j] = None``): Abreu's (1988) simple
    strategy profiles with these two kinds of punishment path.  Checked by
    the one-shot deviation principle with a symbolic ``delta``
    (:meth:`RepeatedGame.is_subgame_perfect`).

    Parameters
    ----------
    game : Game
        A numeric 2-player stage game.
    target : pair of str
    sticks : pair of pairs of str
        The profile that punishes player 1 and the one that punishes player 2.
    lengths : pair
        How long each punishment lasts: 1 period, or ``None`` for ever.

    Returns
    -------
    sympy.Set
        The discount factors in (0, 1) at which the profile is an SPE.

    Examples
    --------
    >>> g = Game([[[2, -1, -1], [3, 0, -1], [-1, -1, -2]], [[2, 3, -1], [-1, 0, -1], [-1, -1, -2]]],
    ...          strategies=[["C", "D", "P"]] * 2)
    >>> stick_and_carrot(g, ("C", "C"), [("P", "P"), ("P", "P")])
    Interval.Ropen(1/4, 1)

    Punishing for ever with (D, D), the stage equilibrium, is Nash reversion:

    >>> stick_and_carrot(g, ("C", "C"), [("D", "D"), ("D", "D")], lengths=(None, None))
    Interval.Ropen(1/3, 1)
    """
    from .infinite import RepeatedGame
    game = exact_stage_game(game)
    profile = stage_profile(game, target)
    stick_profiles = [stage_profile(game, s) for s in sticks]
    if len(stick_profiles) != 2:
        raise InputError(f"give one stick profile per player, got {len(stick_profiles)}")
    automata = _simple_profile(game, profile, stick_profiles, _lengths(lengths))
    return RepeatedGame(game).is_subgame_perfect(automata).delta_set


def interval_text(region: sympy.Set) -> str:
    """``[1/4, 1)`` for a sympy interval; unions joined by ``∪``."""
    if isinstance(region, sympy.Union):
        return " ∪ ".join(interval_text(part) for part in region.args)
    if isinstance(region, sympy.Interval):
        return (f"{'(' if region.left_open else '['}{region.start}, {region.end}"
                f"{')' if region.right_open else ']'}")
    return str(region)


def describe_punishments(game: Game, profile, sticks, lengths) -> str:
    """The punishments of a simple strategy profile in words, one per player."""
    return ", ".join(
        f"{profile_name(game, s)} for ever punishes {p}" if n is None else
        f"one period of {profile_name(game, s)} before returning to {profile_name(game, profile)} punishes {p}"
        for p, s, n in zip(game.players, sticks, lengths))


def simple_profile_holds(A, B, profile, sticks, lengths, delta: Fraction) -> bool:
    """Whether the simple strategy profile is an SPE at the rational `delta` (one-shot deviations).

    A quick screen in exact rational arithmetic; :func:`stick_and_carrot` checks a profile it
    passes with the general machinery, over all delta.
    """
    u = (A, B)

    def best_other(j, a):            # j's best payoff from playing something other than a[j]
        line = A[:, a[1]] if j == 0 else B[a[0], :]
        return max((Fraction(x) for k, x in enumerate(line) if k != a[j]), default=None)

    def conform(i, j):               # j's value at the start of i's punishment
        now = Fraction(u[j][sticks[i]])
        return now if lengths[i] is None else (1 - delta) * now + delta * Fraction(u[j][profile])
    phases = [(profile, lambda j: Fraction(u[j][profile]))] + [
        (s, lambda j, i=i: conform(i, j)) for i, s in enumerate(sticks)]
    for a, value in phases:
        for j in range(2):
            other = best_other(j, a)
            if other is not None and (1 - delta) * other + delta * conform(j, j) > value(j):
                return False
    return True


def simple_profiles_at(game: Game, profile, delta: Fraction):
    """Simple strategy profiles subgame perfect at `delta`, and ones whose exact sets cover ``[delta, 1)``.

    Every profile is screened at `delta` in rational arithmetic; those that also hold at
    ``delta = 999/1000`` are checked over all delta (the others cannot end a cover of ``[delta, 1)``)
    until their sets cover ``[delta, 1)``.  Returns ``(first, cover)``: the first profile that holds at
    `delta` as ``(sticks, lengths)`` (None if none does), and a list of ``(sticks, lengths, set)``
    covering ``[delta, 1)`` (empty if none was found).
    """
    A, B = game.payoff_arrays
    everything = list(itertools.product(*(range(k) for k in game.shape)))
    text = {p: profile_name(game, p)[1:-1].split(", ") for p in everything}
    wanted = sympy.Interval.Ropen(sympy.Rational(delta.numerator, delta.denominator), 1)
    first, found, union = None, [], sympy.S.EmptySet
    for sticks, lengths in itertools.product(itertools.product(everything, repeat=2),
                                             itertools.product((1, None), repeat=2)):
        if not simple_profile_holds(A, B, profile, sticks, lengths, delta):
            continue
        first = first or (sticks, lengths)
        if simple_profile_holds(A, B, profile, sticks, lengths, _NEAR_ONE):
            region = stick_and_carrot(game, text[profile], [text[s] for s in sticks], lengths)
            found.append((sticks, lengths, region))
            union = sympy.Union(union, region)
            if wanted.is_subset(union):
                return first, found
    return first, []
