"""Pure-strategy Nash equilibria of N-player games.

A pure profile is an equilibrium when every player's payoff there is the
largest in its row of the player's own strategies.  The test runs on whole
payoff arrays at once: one maximum along each player's own axis.

Examples
--------
>>> from sbgames import Game
>>> chicken = Game([[[0, -1], [1, -10]], [[0, 1], [-1, -10]]],
...                strategies=[["Swerve", "Straight"], ["Swerve", "Straight"]])
>>> [eq.describe() for eq in pure_equilibria(chicken, exact=True)]
['Player 1: Swerve; Player 2: Straight', 'Player 1: Straight; Player 2: Swerve']
"""

from __future__ import annotations

import numpy as np

from ..equilibrium import EquilibriumSet, check_exact, check_tolerance, verified
from ..strategic import StrategicGame as Game

__all__ = ["pure_equilibria"]


def pure_equilibria(game: Game, *, exact: bool = False, tol: float | None = None) -> EquilibriumSet:
    """Every pure-strategy Nash equilibrium of `game`, each verified.

    Parameters
    ----------
    game : Game
        Any number of players, numeric payoffs.
    exact : bool
        Compare payoffs as fractions (ties are exact) instead of floats.
    tol : float, optional
        Float mode: a payoff within `tol` of the best counts as a best reply.
        Default :func:`~sbgames.game.default_tolerance` (``1e-9`` times the
        largest absolute payoff, so multiplying every payoff by a positive
        factor changes no answer); a given `tol` must be finite, >= 0 and at
        most ``1e-3`` times that payoff scale.

    Returns
    -------
    EquilibriumSet
        In lexicographic order of the profiles.  The list holds every pure
        equilibrium, but ``complete`` (every extreme equilibrium listed) is
        True only when the game has a single player; mixed equilibria are
        not searched.
    """
    exact = check_exact(exact)
    game = game.as_exact() if exact else game.as_float()
    tol = check_tolerance(tol, game, exact=exact)
    is_best = np.ones(game.shape, dtype=bool)
    for i, payoff in enumerate(game.payoff_arrays):
        best = np.max(payoff, axis=i, keepdims=True)
        is_best &= (payoff == best) if exact else (payoff >= best - tol)
    found = []
    for profile in zip(*np.nonzero(is_best)):
        strategies = [[1 if k == s else 0 for k in range(n)] for s, n in zip(profile, game.shape)]
        found.append(verified(game, strategies, method="pure", exact=exact, tol=tol))
    return EquilibriumSet(found, game=game, method="pure", exact=exact, tol=None if exact else tol,
                          complete=game.n_players == 1)
