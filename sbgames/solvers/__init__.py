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
    ``"vertex"`` for 2 players; ``"polynomial"`` for games of 3 or more
    players it solves in seconds by an estimate of its cost after pruning
    supports (:func:`~sbgames.solvers.polynomial.fits_quickly`: random
    3 x 3 x 3 and 2 x 2 x 2 x 2 games, the bundled collective models);
    ``"pure"`` otherwise.  A game of 3 or more players solved for pure
    equilibria only has ``method="pure"`` and ``complete=False``, and a
    warning says "pure equilibria only" and why (``method="polynomial"``
    still takes games up to its own size limit, which may need minutes
    or hours).
"""

from __future__ import annotations

import warnings

from ..errors import InputError, InputTypeError
from ..strategic import StrategicGame as Game
from .bimatrix import vertex_enumeration
from .polynomial import polynomial_equilibria
from .polynomial import polynomial_search
from .polynomial import MAX_PLAYERS, MAX_PROFILES, MAX_SUPPORT_PROFILES, QUICK_SECONDS, estimated_seconds
from .pure import pure_equilibria

__all__ = ["solve", "vertex_enumeration", "polynomial_equilibria", "pure_equilibria", "METHODS"]

METHODS = ("auto", "vertex", "polynomial", "pure")


def solve(game: Game, *, exact: bool = False, method: str = "auto", tol: float | None = None, warn: bool = True):
    """Nash equilibria of `game` by the chosen method (see the module docstring).

    A partial result (``complete=False``) comes with a warning saying what
    was left out, unless `warn` is False: callers that report
    ``result.scope`` themselves, such as phase maps, turn it off.

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
        raise InputTypeError(f"solve needs a Game, got {type(game).__name__}")
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    game._require_numeric("solving")
    cost = estimated_seconds(game) if method == "auto" and game.n_players > 2 else None
    if cost is not None and cost <= QUICK_SECONDS:
        method = "polynomial"
    if method == "polynomial":
        result, message = polynomial_search(game, exact, tol)
        if message and warn:
            warnings.warn(message, stacklevel=3)
        return result
    if cost is not None:
        result = pure_equilibria(game, exact=exact, tol=tol)
        if warn:
            warnings.warn(_pure_only_message(game, cost), stacklevel=3)
        return result
    if method == "vertex" or (method == "auto" and game.n_players == 2):
        return vertex_enumeration(game, exact=exact, tol=tol)
    return pure_equilibria(game, exact=exact, tol=tol)


def _pure_only_message(game: Game, cost: float) -> str:
    """Why ``method="auto"`` searched `game` for pure equilibria only, and what searches the rest."""
    size = " x ".join(map(str, game.shape))
    if cost == float("inf"):
        why = (f"the complete solver (method='polynomial') takes at most {MAX_PLAYERS} players, "
               f"{MAX_PROFILES} pure profiles and {MAX_SUPPORT_PROFILES:,} support profiles")
    else:
        why = (f"the complete solver would take about {cost:.0f} s or more (auto uses it up to "
               f"{QUICK_SECONDS:.0f} s); method='polynomial' runs it anyway")
    return (f"only pure equilibria are enumerated for this {game.n_players}-player {size} game "
            f"(pure equilibria only; mixed equilibria were not searched): {why}")
