"""Stochastic games: a stage game in every state, transitions that actions move, Markov perfect equilibria.

:class:`StochasticGame` holds the game; its
:meth:`~StochasticGame.markov_perfect_equilibria` finds the stationary
Markov perfect equilibria (every pure one; every mixed one in small games),
each verified by the one-shot deviation check in every state.

Examples
--------
>>> from fractions import Fraction
>>> from sbgames import Game
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
>>> game = StochasticGame({"only": pd}, {"only": "only"}, delta=Fraction(9, 10))
>>> result = game.markov_perfect_equilibria(exact=True)
>>> [eq.describe() for eq in result], result[0].values
(['only: Player 1: D, Player 2: D'], ((Fraction(10, 1),), (Fraction(10, 1),)))
"""

from .game import StochasticGame
from .result import MarkovEquilibrium, MarkovEquilibriumSet, verified_markov
from .solve import markov_perfect_equilibria

__all__ = ["StochasticGame", "MarkovEquilibrium", "MarkovEquilibriumSet", "verified_markov",
           "markov_perfect_equilibria"]
