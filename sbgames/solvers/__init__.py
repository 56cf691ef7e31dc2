"""Equilibrium solvers, one module per algorithm, behind one entry point.

:func:`solve` dispatches on ``method`` in the scipy style:

``"vertex"``
    Every extreme equilibrium of a 2-player game
    (:func:`~sbgames.solvers.bimatrix.vertex_enumeration`).
``"pure"``
    Every pure equilibrium of an N-player game
    (:func:`~sbgames.solvers.pure.pure_equilibria`).
``"auto"``
    ``"vertex"`` for 2 players, ``"pure"`` otherwise; for 3 or more players
    the result has ``complete=False`` and a warning says mixed equilibria
    were not searched.
"""

from __future__ import annotations

import warnings

from ..game import Game
from .bimatrix import vertex_enumeration
from .pure import pure_equilibria

__all__ = ["solve", "vertex_enumeration", "pure_equilibria", "METHODS"]

METHODS = ("auto", "vertex", "pure")


def solve(game: Game, exact: bool = False, method: str = "auto", tol: float | None = None):
    """Nash equilibria of `game` by the chosen method (see the module docstring).

    Examples
    --------
    >>> from sbgames import Game
    >>> res = solve(Game([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]), exact=True)
    >>> res.method, len(res), res.complete
    ('vertex', 3, True)
    """
    if not isinstance(game, Game):
        raise TypeError(f"solve needs a Game, got {type(game).__name__}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    game._require_numeric("solving")
    if method == "auto":
        method = "vertex" if game.n_players == 2 else "pure"
        if game.n_players > 2:
            result = pure_equilibria(game, exact=exact, tol=tol)
            warnings.warn(f"only pure equilibria are enumerated for {game.n_players}-player games; "
                          "mixed equilibria were not searched", stacklevel=3)
            return result
    if method == "vertex":
        return vertex_enumeration(game, exact=exact, tol=tol)
    return pure_equilibria(game, exact=exact, tol=tol)
