"""The immutable N-player normal-form game, with its solving methods.

A :class:`Game` holds one payoff array per player, named players and named
strategies.  Payoffs are all of one *kind*: exact fractions, floats, or
sympy expressions in the model's parameters (see :mod:`sbgames.numeric`).  The
game copies its input and never changes afterwards.

The module is the public face of three parts: the game as data and its
payoff evaluation (:mod:`sbgames.strategic`), the float tolerance policy
(:mod:`sbgames.tolerance`), and the two solving methods defined here, which
call :mod:`sbgames.solvers`.  Every name this module exported before the split
is still importable from it.

Examples
--------
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
...           players=["Row", "Column"],
...           strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]])
>>> pd.payoff(("Defect", "Cooperate"))
(Fraction(5, 1), Fraction(0, 1))
>>> pd.best_responses(["Cooperate", [Fraction(1, 2), Fraction(1, 2)]], "Row")
('Defect',)
>>> [eq.describe() for eq in pd.equilibria(exact=True)]
['Row: Defect; Column: Defect']
"""

from __future__ import annotations

from fractions import Fraction  # noqa: F401  (the doctests use it)

from .strategic import MAX_FLOAT_PAYOFF, MAX_PLAYERS, StrategicGame, regret_and_payoff
from .tolerance import (MAX_RELATIVE_TOLERANCE, RELATIVE_TOLERANCE, check_tolerance, default_tolerance,
                        payoff_scale)

__all__ = ["Game", "default_tolerance", "payoff_scale", "check_tolerance", "regret_and_payoff", "RELATIVE_TOLERANCE",
           "MAX_RELATIVE_TOLERANCE", "MAX_FLOAT_PAYOFF", "MAX_PLAYERS"]


class Game(StrategicGame):
    """An immutable N-player game in normal (strategic) form.

    Parameters
    ----------
    payoffs : sequence of N array_like
        One payoff array per player, each of shape ``(n_1, ..., n_N)`` where
        ``n_i`` is the number of strategies of player ``i``.  Entries are
        integers, fractions, floats or sympy expressions.  Integers and
        fractions give an exact game; any float gives a float game; any free
        sympy symbol gives a symbolic game.
    players : sequence of str, optional
        Player names (default ``"Player 1"``, ``"Player 2"``, ...).
    strategies : sequence of sequence of str, optional
        Strategy names per player (default ``"s1"``, ``"s2"``, ...).

    Raises
    ------
    InputError
        Ragged or mismatched arrays, duplicate names, non-finite payoffs
        (``inf``, ``nan``), or float payoffs beyond :data:`MAX_FLOAT_PAYOFF`
        (``1e300``) in size.
    InputTypeError
        Non-numeric payoffs or names that are not strings (an
        :class:`~sbgames.errors.InputError` and a ``TypeError``).
    SolverLimitError
        More than :data:`MAX_PLAYERS` (32) players.

    Notes
    -----
    Everything but solving (payoffs, names, conversions, regrets, best
    responses, :meth:`is_equilibrium`, :meth:`table`) is inherited from
    :class:`~sbgames.strategic.StrategicGame`.

    Examples
    --------
    >>> g = Game([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    >>> g.kind, g.shape, g.players
    ('exact', (2, 2), ('Player 1', 'Player 2'))
    >>> g.strategies[1]
    ('s1', 's2')
    >>> g.as_float()
    Game(players=('Player 1', 'Player 2'), shape=(2, 2), kind='float')
    """

    __slots__ = ()

    def pure_equilibria(self, *, exact: bool = False, tol: float | None = None):
        """All pure-strategy Nash equilibria (see :func:`sbgames.solvers.pure.pure_equilibria`)."""
        from .solvers.pure import pure_equilibria
        return pure_equilibria(self, exact=exact, tol=tol)

    def equilibria(self, *, exact: bool = False, method: str = "auto", tol: float | None = None):
        """Nash equilibria of the game, each verified before it is returned.

        Parameters
        ----------
        exact : bool
            Rational arithmetic (results as fractions) instead of floats.
        method : {"auto", "vertex", "polynomial", "pure"}
            ``"vertex"``: every extreme equilibrium of a 2-player game by
            vertex enumeration, degenerate games included.
            ``"polynomial"``: every isolated equilibrium (and a point of
            every continuum) of a game of at most 4 players and 64 pure
            profiles, by support enumeration with polynomial systems.
            ``"pure"``: pure equilibria of any game.  ``"auto"`` is
            ``"vertex"`` for two players, ``"polynomial"`` for the games it
            solves in seconds (3 players up to 3 x 3 x 3, 4 players with
            2 strategies each); otherwise ``"pure"``, and the result says
            it is not complete.
        tol : float, optional
            Float-mode tolerance (default :func:`default_tolerance`).

        Returns
        -------
        EquilibriumSet
            A list of :class:`~sbgames.equilibrium.Equilibrium` with the
            method, arithmetic, tolerance and (2 players) components.

        Examples
        --------
        >>> g = Game([[[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]])
        >>> for eq in g.equilibria(exact=True):
        ...     print([str(p) for p in eq.strategies[0]], [str(p) for p in eq.strategies[1]])
        ['1', '0', '0'] ['1', '0']
        ['4/5', '1/5', '0'] ['2/3', '1/3']
        ['0', '1/3', '2/3'] ['1/3', '2/3']
        """
        from .solvers import solve
        return solve(self, exact=exact, method=method, tol=tol)
