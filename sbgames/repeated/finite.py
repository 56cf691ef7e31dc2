"""Finitely repeated games: pure subgame-perfect equilibria by backward induction on payoffs.

Strategies of a game repeated ``T`` times are far too many to list (they
grow doubly exponentially with ``T``).  Backward induction does not need
them: what matters after any history is the set of payoffs that
subgame-perfect continuations can give.  With perfect monitoring and pure
strategies,

* in the last period the continuation payoffs are those of the pure stage
  equilibria;
* a profile ``a`` followed by a continuation worth ``w`` is subgame perfect
  when no player gains by deviating once and then being held to the worst
  continuation for them: ``u_i(a) + delta w_i >= max_b u_i(b, a_-i) +
  delta min_{w'} w'_i``.

So the set of pure subgame-perfect payoff vectors is built period by period
from the stage equilibria (Benoit and Krishna 1985), each with one path of
play that attains it.  When the stage game has a unique equilibrium, the
only subgame-perfect equilibrium repeats it (the chain-store logic).

Examples
--------
>>> from sbgames import Game
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
>>> result = finitely_repeated(pd, periods=3)
>>> result.payoffs
[(Fraction(3, 1), Fraction(3, 1))]
>>> result.paths[result.payoffs[0]]
(('D', 'D'), ('D', 'D'), ('D', 'D'))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

from ..errors import InputError, InputTypeError, SolverLimitError
from ..game import Game
from ..numeric import parse_number

__all__ = ["finitely_repeated", "FiniteRepetition", "MAX_PERIODS"]


@dataclass(frozen=True)
class FiniteRepetition:
    """Pure subgame-perfect equilibria of a finitely repeated game.

    Attributes
    ----------
    stage : Game
    periods : int
    delta : Fraction
        Discount factor between periods (1: undiscounted sums).
    payoffs : list of tuple
        Every pure subgame-perfect payoff vector (discounted sums over all
        periods), sorted.
    paths : dict
        Payoff vector -> one path of play (a tuple of profiles, by strategy
        names) that attains it in a subgame-perfect equilibrium.
    stage_equilibria : list of tuple
        The pure stage equilibria (profiles by names).
    """

    stage: Game
    periods: int
    delta: Fraction
    payoffs: list
    paths: dict
    stage_equilibria: list

    def average(self, payoff) -> tuple:
        """A payoff vector as the per-period average (normalised by the sum of discount weights)."""
        weight = sum(self.delta ** t for t in range(self.periods))
        return tuple(v / weight for v in payoff)


#: The most periods :func:`finitely_repeated` unrolls (each period compares every stage profile
#: with every continuation payoff found so far).
MAX_PERIODS = 1_000


def finitely_repeated(stage: Game, periods: int, delta=1, max_size: int = 200_000) -> FiniteRepetition:
    """Every pure subgame-perfect payoff of `stage` repeated `periods` times, with a path for each.

    Parameters
    ----------
    stage : Game
        A numeric stage game (any number of players).
    periods : int
        Number of repetitions (at least 1).
    delta : number
        Discount factor in (0, 1] between periods.
    max_size : int
        Refuse to go on when a period's set of payoff vectors grows beyond
        this (a clear error rather than exhausted memory).

    Raises
    ------
    InputError
        Bad `periods` or `delta`.
    SolverLimitError
        More than :data:`MAX_PERIODS` periods, or a payoff set larger than `max_size`.
    """
    if not isinstance(stage, Game):
        raise InputTypeError(f"finitely_repeated needs a Game, got {type(stage).__name__}")
    if not isinstance(periods, int) or isinstance(periods, bool) or periods < 1:
        raise InputError(f"periods must be a positive integer, got {periods!r}")
    if periods > MAX_PERIODS:
        raise SolverLimitError(f"periods = {periods} is over the limit of {MAX_PERIODS:,} periods")
    delta = parse_number(delta)
    if not 0 < delta <= 1:
        raise InputError(f"delta must lie in (0, 1], got {delta}")
    game = stage.as_exact()
    arrays = game.payoff_arrays
    names = game.strategies
    profiles = list(itertools.product(*(range(k) for k in game.shape)))
    best_deviation = {}
    for a in profiles:
        best_deviation[a] = tuple(max(arrays[i][a[:i] + (b,) + a[i + 1:]] for b in range(game.shape[i]))
                                  for i in range(game.n_players))
    stage_ne = [a for a in profiles if all(arrays[i][a] == best_deviation[a][i] for i in range(game.n_players))]
    current = {}
    for a in stage_ne:
        current.setdefault(tuple(arrays[i][a] for i in range(game.n_players)), (a,))
    for _ in range(periods - 1):
        if not current:
            break
        worst = [min(w[i] for w in current) for i in range(game.n_players)]
        following = {}
        for a in profiles:
            u = tuple(arrays[i][a] for i in range(game.n_players))
            for w, path in current.items():
                if all(u[i] + delta * w[i] >= best_deviation[a][i] + delta * worst[i]
                       for i in range(game.n_players)):
                    following.setdefault(tuple(u[i] + delta * w[i] for i in range(game.n_players)), (a, *path))
            if len(following) > max_size:
                raise SolverLimitError(f"more than {max_size} distinct subgame-perfect payoff vectors; "
                                 f"lower periods or raise max_size")
        current = following
    paths = {v: tuple(tuple(n[k] for n, k in zip(names, a)) for a in path) for v, path in current.items()}
    return FiniteRepetition(stage=game, periods=periods, delta=delta, payoffs=sorted(paths), paths=paths,
                            stage_equilibria=[tuple(n[k] for n, k in zip(names, a)) for a in stage_ne])
