"""Each player's lowest credible payoff in a repeated 2-player game: minmax values, stage equilibria, payoff sets.

A deviation is punished hardest by the subgame-perfect equilibrium worst
for the deviator (Abreu 1988).  No equilibrium gives a player less than its
(mixed) minmax value :func:`minmax_values`; reverting for ever to the stage
equilibrium worst for it (:func:`worst_stage_equilibria`) is one credible
punishment; :func:`lowest_spe_payoffs` gives the lowest payoff itself,
exactly when the two meet and from the pure-strategy payoff set otherwise.
The critical discount factors built on these are in
:mod:`sbgames.repeated.penal`.

Examples
--------
>>> from sbgames import Game
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
>>> minmax_values(pd)
(Fraction(1, 1), Fraction(1, 1))
>>> profile_name(pd, stage_profile(pd, ("C", "D")))
'(C, D)'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import InputError, InputTypeError
from ..game import Game

__all__ = ["Punishment", "minmax_values", "worst_stage_equilibria", "lowest_spe_payoffs", "exact_stage_game",
           "stage_profile", "profile_name"]


def exact_stage_game(game: Game) -> Game:
    """`game` in exact arithmetic, after checking it is a numeric 2-player Game (InputTypeError, InputError)."""
    if not isinstance(game, Game):
        raise InputTypeError(f"expected a Game, got {type(game).__name__}")
    if game.n_players != 2:
        raise InputError(f"punishments are computed for 2-player stage games, got {game.n_players} players")
    if game.kind == "symbolic":
        raise InputError("the stage game has free parameters: give their values (model.game(...))")
    return game.as_exact()


def stage_profile(game: Game, target) -> tuple[int, int]:
    """The strategy indices of `target` (a pair of names, or ``{player: name}``)."""
    names = tuple(target.values()) if isinstance(target, dict) else tuple(target)
    if len(names) != 2:
        raise InputError(f"give one strategy per player, got {target!r}")
    return tuple(game.strategy_index(i, name) for i, name in enumerate(names))


def profile_name(game: Game, profile) -> str:
    """``(C, D)``: a profile of strategy indices by its strategies' names."""
    return "(" + ", ".join(game.strategies[i][k] for i, k in enumerate(profile)) + ")"


def minmax_values(game: Game) -> tuple[Fraction, Fraction]:
    """Each player's (mixed) minmax value, exactly.

    ``m_1 = min_q max_a u_1(a, q)`` over the column player's mixed strategies
    ``q``, and likewise for player 2: the value of the zero-sum game in which
    the other player only tries to hurt, found as an equilibrium of that game
    by exact vertex enumeration.  No equilibrium of the repeated game (of any
    kind) gives a player less.

    Parameters
    ----------
    game : Game
        A numeric 2-player game.

    Returns
    -------
    tuple of Fraction

    Examples
    --------
    Matching pennies: each player can be held to 0, though not with a pure strategy.

    >>> minmax_values(Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]))
    (Fraction(0, 1), Fraction(0, 1))
    """
    game = exact_stage_game(game)
    A, B = game.payoff_arrays
    row = Game([A, -A]).equilibria(exact=True)[0].payoffs[0]
    column = Game([-B, B]).equilibria(exact=True)[0].payoffs[1]
    return Fraction(row), Fraction(column)


def worst_stage_equilibria(game: Game) -> tuple:
    """For each player, a stage Nash equilibrium that is worst for it (mixed ones included).

    In a 2-player game a player's payoff over a set of equilibria that are
    interchangeable is bilinear, so its minimum is at an extreme equilibrium:
    the extreme equilibria that vertex enumeration returns (exactly, degenerate
    games included) contain the worst one.

    Returns
    -------
    tuple of Equilibrium
        One per player.

    Examples
    --------
    >>> coordination = Game([[[2, 0], [0, 1]], [[2, 0], [0, 1]]])
    >>> [eq.payoffs for eq in worst_stage_equilibria(coordination)]
    [(Fraction(2, 3), Fraction(2, 3)), (Fraction(2, 3), Fraction(2, 3))]
    """
    equilibria = exact_stage_game(game).equilibria(exact=True)
    if not equilibria.complete:   # vertex enumeration of a 2-player game is complete; a guard all the same
        raise InputError("the stage equilibria were not all found; no worst one can be named")
    return tuple(min(equilibria, key=lambda eq, i=i: eq.payoffs[i]) for i in range(2))


@dataclass(frozen=True)
class Punishment:
    """A player's lowest credible (subgame-perfect) payoff, and how it was found.

    Attributes
    ----------
    player : str
    value : Fraction or float
        The lowest payoff: a Fraction when exact, a float when numeric.
    exact : bool
    how : str
        The punishment that attains it.
    minmax : Fraction
        The player's minmax value, a lower bound for every equilibrium.
    nash : Fraction
        The player's worst stage-equilibrium payoff (Nash reversion).
    converged : bool
        False when the payoff set did not converge: its minimum is then only a lower bound.
    """

    player: str
    value: Fraction | float
    exact: bool
    how: str
    minmax: Fraction
    nash: Fraction
    converged: bool = True


def lowest_spe_payoffs(game: Game, delta=None) -> tuple[Punishment, Punishment]:
    """Each player's lowest subgame-perfect payoff in the repeated game with discount factor `delta`.

    Exact (for every ``delta``) when a stage equilibrium gives the player its
    minmax value; otherwise the lower of the worst stage-equilibrium payoff and
    the least coordinate of the pure-strategy SPE payoff set at `delta`
    (numeric, about 1e-8 accurate).

    Parameters
    ----------
    game : Game
        A numeric 2-player stage game.
    delta : number, optional
        The common discount factor; needed only where the value is not exact.

    Returns
    -------
    tuple of Punishment

    Raises
    ------
    InputError
        If a value depends on `delta` and none is given.

    Examples
    --------
    In the Prisoner's Dilemma reverting to (D, D) holds each player to its minmax value 1:

    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> [(p.value, p.exact) for p in lowest_spe_payoffs(pd)]
    [(Fraction(1, 1), True), (Fraction(1, 1), True)]

    With a mutual-punishment action P the minmax value -1 is below the stage
    equilibrium's 0; the payoff set shows how low a credible punishment goes:

    >>> g = Game([[[2, -1, -1], [3, 0, -1], [-1, -1, -2]], [[2, 3, -1], [-1, 0, -1], [-1, -1, -2]]],
    ...          strategies=[["C", "D", "P"]] * 2)
    >>> [(round(p.value, 6), p.exact) for p in lowest_spe_payoffs(g, delta=0.2)]
    [(0.0, False), (0.0, False)]
    >>> [(round(p.value, 6), p.minmax) for p in lowest_spe_payoffs(g, delta=0.5)]
    [(-1.0, Fraction(-1, 1)), (-1.0, Fraction(-1, 1))]
    """
    game = exact_stage_game(game)
    minmax = minmax_values(game)
    worst = worst_stage_equilibria(game)
    nash = [Fraction(eq.payoffs[i]) for i, eq in enumerate(worst)]
    pure = None
    out = []
    for i, player in enumerate(game.players):
        if nash[i] == minmax[i]:
            out.append(Punishment(player, minmax[i], True,
                                  f"reversion to the stage equilibrium {worst[i].describe()}, which holds "
                                  f"{player} to its minmax value (for every delta)", minmax[i], nash[i]))
            continue
        if delta is None:
            raise InputError(f"{player}'s lowest equilibrium payoff depends on delta here: give delta")
        if pure is None:
            from .payoff_set import payoff_set
            A, B = game.as_float().payoff_arrays
            # the iterates shrink about geometrically at the rate delta: enough steps to reach the
            # default tolerance 1e-9 from a set of diameter up to about 1e2
            pure = payoff_set(A, B, float(delta), max_iter=max(500, math.ceil(25 / (1 - float(delta)))))
        pure_low = float(pure.vertices[:, i].min()) if len(pure.vertices) else np.inf
        if pure_low < nash[i]:
            how = f"the worst pure-strategy SPE for {player} (Abreu-Sannikov payoff set at delta = {float(delta):g})"
            if not pure.converged:      # every iterate contains the set: its minimum is a lower bound
                how += " (the payoff set did not converge: a lower bound)"
            value = pure_low
        else:
            how = f"reversion to the stage equilibrium {worst[i].describe()} (no pure SPE is worse for {player})"
            value = float(nash[i])
        out.append(Punishment(player, value, False, how, minmax[i], nash[i], pure.converged or value == nash[i]))
    return tuple(out)
