"""Equilibrium solvers, one module per algorithm, behind one entry point.

:func:`solve` dispatches on ``method`` in the scipy style:

``"vertex"``
    Every extreme equilibrium of a 2-player game
    (:func:`~sbgames.solvers.bimatrix.vertex_enumeration`).
``"polynomial"``
    Every isolated equilibrium, and a point of every continuum, of a small
    N-player game (at most 4 players and 64 pure profiles) by support
    enumeration with polynomial systems
    (:func:`~sbgames.solvers.polynomial.polynomial_equilibria`).
``"pure"``
    Every pure equilibrium of an N-player game
    (:func:`~sbgames.solvers.pure.pure_equilibria`).
``"auto"``
    ``"vertex"`` for 2 players; ``"polynomial"`` for games it solves in
    seconds (3 players up to 3 x 3 x 3, 4 players with 2 strategies each,
    see :func:`~sbgames.solvers.polynomial.fits_quickly`); ``"pure"``
    otherwise (one player, or larger games): for larger games of 3 or more
    players the result has ``complete=False`` and a warning says mixed
    equilibria were not searched (``method="polynomial"`` still takes games
    up to its own limit, which may need minutes).
"""

from __future__ import annotations

import warnings

from ..game import Game
from .bimatrix import vertex_enumeration
from .polynomial import polynomial_equilibria
from .polynomial import _solve as _polynomial
from .polynomial import fits_quickly as _fits_polynomial
from .pure import pure_equilibria

__all__ = ["solve", "vertex_enumeration", "polynomial_equilibria", "pure_equilibria", "METHODS"]

METHODS = ("auto", "vertex", "polynomial", "pure")


def solve(game: Game, exact: bool = False, method: str = "auto", tol: float | None = None):
    """Nash equilibria of `game` by the chosen method (see the module docstring).

    Examples
    --------
    >>> from sbgames import Game
    >>> res = solve(Game([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]), exact=True)
    >>> res.method, len(res), res.complete
    ('vertex', 3, True)
    >>> res = solve(Game([[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3), exact=True)
    >>> res.method, len(res), res.complete
    ('polynomial', 3, True)
    """
    if not isinstance(game, Game):
        raise TypeError(f"solve needs a Game, got {type(game).__name__}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    game._require_numeric("solving")
    if method == "auto" and game.n_players > 2 and _fits_polynomial(game):
        method = "polynomial"
    if method == "polynomial":
        result, message = _polynomial(game, exact, tol)
        if message:
            warnings.warn(message, stacklevel=3)
        return result
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
