"""Conversion between :class:`~sbgames.game.Game` and other game libraries.

Only `nashpy <https://nashpy.readthedocs.io>`_ for now: a ``nashpy.Game`` is
a bimatrix game given by its two payoff matrices (``payoff_matrices``, a
tuple ``(A, B)``).  nashpy keeps references to the arrays it is given, so
both directions copy: neither side can change the other afterwards.

Examples
--------
>>> import nashpy
>>> pennies = from_nashpy(nashpy.Game([[1, -1], [-1, 1]]), players=["Even", "Odd"])
>>> pennies.kind, pennies.payoff((0, 1))
('exact', (Fraction(-1, 1), Fraction(1, 1)))
>>> to_nashpy(pennies).payoff_matrices[1].tolist()
[[-1.0, 1.0], [1.0, -1.0]]
"""

from __future__ import annotations

import numpy as np

from .game import Game

__all__ = ["to_nashpy", "from_nashpy"]


def to_nashpy(game: Game):
    """A ``nashpy.Game`` with the float payoff matrices of a 2-player `game`.

    The matrices are fresh float arrays: changing them does not change `game`.
    Player and strategy names are not carried over (nashpy has none).

    Raises
    ------
    ValueError
        If `game` does not have exactly two players.
    TypeError
        If `game` is symbolic (substitute values first with ``game.subs``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> game = Game([[[3, 0], [5, 1]], [[3, 5], [0, Fraction(1, 2)]]])
    >>> A, B = to_nashpy(game).payoff_matrices
    >>> A.dtype, B.tolist()
    (dtype('float64'), [[3.0, 5.0], [0.0, 0.5]])
    """
    if game.n_players != 2:
        raise ValueError(f"nashpy handles 2-player (bimatrix) games only; this game has "
                         f"{game.n_players} players {list(game.players)}")
    import nashpy  # optional dependency: needed only here

    row, column = (np.array(a, dtype=float) for a in game.as_float().payoff_arrays)
    return nashpy.Game(row, column)


def from_nashpy(nashpy_game, players=None, strategies=None) -> Game:
    """A :class:`~sbgames.game.Game` from a ``nashpy.Game`` (its payoff matrices are copied).

    Integer matrices give an exact game and float matrices a float game.

    Parameters
    ----------
    nashpy_game : nashpy.Game
        Anything with a ``payoff_matrices`` pair ``(A, B)`` of equal-shape
        2-D arrays: ``A`` for the row player, ``B`` for the column player.
    players : sequence of str, optional
        The two player names (default ``"Player 1"``, ``"Player 2"``).
    strategies : sequence of sequence of str, optional
        Strategy names of each player (default ``"s1"``, ``"s2"``, ...).

    Raises
    ------
    TypeError
        If `nashpy_game` has no ``payoff_matrices``.
    ValueError
        If the matrices are not two 2-D arrays of one shape.

    Examples
    --------
    >>> import nashpy
    >>> game = from_nashpy(nashpy.Game([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]),
    ...                    strategies=[["Ballet", "Boxing"], ["Ballet", "Boxing"]])
    >>> game.kind, game.payoff_arrays[1].tolist()
    ('float', [[1.0, 0.0], [0.0, 2.0]])
    """
    try:
        matrices = tuple(nashpy_game.payoff_matrices)
    except (AttributeError, TypeError):
        raise TypeError(f"expected a nashpy.Game (with payoff_matrices), got "
                        f"{type(nashpy_game).__name__}") from None
    if len(matrices) != 2:
        raise ValueError(f"a nashpy game has two payoff matrices, got {len(matrices)}")
    row, column = (np.array(m, copy=True) for m in matrices)
    if row.ndim != 2 or row.shape != column.shape:
        raise ValueError(f"the payoff matrices must be 2-D and of one shape, got shapes "
                         f"{row.shape} and {column.shape}")
    return Game([row, column], players, strategies)
