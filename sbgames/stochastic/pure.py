"""Every pure stationary Markov perfect equilibrium: pruning, then best replies of one player.

A pure stationary profile picks one action profile in every state; there are
``prod_s prod_i n_i(s)`` of them.  The search first drops action profiles that
are in no equilibrium, by two sound rules run to a fixed point:

* **Bounds.**  In any equilibrium that uses only the remaining profiles,
  player ``i``'s value lies between the smallest and the largest value of
  the "choose among the remaining profiles" decision problem, ``lo_i`` and
  ``hi_i``.  Value iteration started from the trivial bounds
  ``min u_i / (1 - delta_i)`` and ``max u_i / (1 - delta_i)`` stays on the
  right side of them at every step, so any number of sweeps gives valid
  bounds.
* **Robust deviations.**  A profile ``a`` in state ``s`` is dropped when some
  player ``i`` has a strategy ``b_i`` that beats ``a_i`` for every
  continuation value in the box ``[lo_i, hi_i]``:
  ``u_i(s, b) - u_i(s, a) + delta_i min_V sum_s' (P(s'|s,b) - P(s'|s,a)) V(s') > 0``
  with ``b = (b_i, a_-i)``.  When transitions do not depend on actions this
  is the stage game's best-reply condition.

Then it runs over the pure stationary profiles of the players other than
the first, and solves the first player's Markov decision problem against
each (policy iteration): only its optimal actions can complete an
equilibrium, so the search visits ``prod_s prod_{i > 1} n_i(s)`` profiles
instead of all of them.  The pruning and the decision problems run in floats
with a margin (``1e-7`` times the value scale, plus twice the tolerance), so
they never drop a profile whose deviation gain is close to 0; every candidate
is then checked exactly (in fractions in exact mode) by the one-shot
deviation test of :mod:`sbgames.stochastic.result`.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..errors import SolverLimitError
from ..numeric import to_float
from .result import one_shot_gain, stochastic_tolerance, value_scale

__all__ = ["pure_markov_profiles", "pruned_profiles", "count_profiles", "SWEEPS", "MAX_PURE_SEARCH"]

#: Value-iteration sweeps per bound update (more tighten the bounds; any number is sound).
SWEEPS = 40
#: The largest number of the other players' pure stationary profiles the pure search runs over
#: (about a minute on one core); a larger search is refused before it starts.
MAX_PURE_SEARCH = 100_000


class Pruner:
    """Float arrays of the game and the two pruning rules."""

    def __init__(self, game, tol):
        self.game = game
        self.n = game.n_states
        self.delta = [to_float(d) for d in game.delta]
        self.payoffs = [[np.asarray(a, dtype=float) for a in stage.as_float().payoff_arrays] for stage in game.stages]
        self.tables = [np.asarray(t, dtype=float) for t in game.transitions]
        self.scale = value_scale(game)
        self.margin = 1e-7 * self.scale + 2 * (tol or 0.0)
        self.lo0 = [min(a.min() for a in (p[i] for p in self.payoffs)) / (1 - d) for i, d in enumerate(self.delta)]
        self.hi0 = [max(a.max() for a in (p[i] for p in self.payoffs)) / (1 - d) for i, d in enumerate(self.delta)]

    def bounds(self, masks):
        """Lower and upper value bounds ``[player][state]`` over the profiles allowed by `masks`."""
        lo = np.array([[self.lo0[i]] * self.n for i in range(len(self.delta))])
        hi = np.array([[self.hi0[i]] * self.n for i in range(len(self.delta))])
        for _ in range(SWEEPS):
            new_lo, new_hi = lo.copy(), hi.copy()
            for s in range(self.n):
                for i, d in enumerate(self.delta):
                    u = self.payoffs[s][i][masks[s]]
                    t = self.tables[s][masks[s]]
                    new_hi[i, s] = min(hi[i, s], (u + d * t.dot(hi[i])).max())
                    new_lo[i, s] = max(lo[i, s], (u + d * t.dot(lo[i])).min())
            change = max(np.abs(new_hi - hi).max(), np.abs(new_lo - lo).max())
            lo, hi = new_lo, new_hi
            if change <= 1e-12 * self.scale:
                break
        return lo, hi

    def prune(self, masks, lo, hi) -> bool:
        """Drop profiles with a robust deviation (in place); True if anything was dropped."""
        dropped = False
        for s in range(self.n):
            table = self.tables[s]
            for i, d in enumerate(self.delta):
                u = self.payoffs[s][i]
                for b in range(u.shape[i]):
                    ub = np.take(u, [b], axis=i)
                    tb = np.take(table, [b], axis=i)
                    diff = tb - table
                    worst = np.minimum(diff * lo[i], diff * hi[i]).sum(axis=-1)
                    beaten = (ub - u + d * worst) > self.margin
                    if (beaten & masks[s]).any():
                        masks[s] &= ~beaten
                        dropped = True
        return dropped

    def propagate(self, masks) -> bool:
        """Prune to a fixed point; False when some state has no profile left."""
        while True:
            if not all(m.any() for m in masks):
                return False
            lo, hi = self.bounds(masks)
            if not self.prune(masks, lo, hi):
                return all(m.any() for m in masks)


def pruned_profiles(game, tol=None) -> list[np.ndarray]:
    """Per state, the boolean array of action profiles left after pruning (before any branching).

    Examples
    --------
    In the Prisoner's Dilemma played forever only (D, D) survives:

    >>> from fractions import Fraction
    >>> from sbgames import Game
    >>> from sbgames.stochastic import StochasticGame
    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> pruned_profiles(StochasticGame([pd], ["s1"], delta=Fraction(9, 10)))[0].tolist()
    [[False, False], [False, True]]
    """
    pruner = Pruner(game.as_float() if game.kind == "exact" else game, tol)
    masks = [np.ones(stage.shape, dtype=bool) for stage in game.stages]
    pruner.propagate(masks)
    return masks


def pure_markov_profiles(game, exact: bool, tol=None):
    """Every pure stationary MPE of the numeric `game` (already in the arithmetic used), as index tuples.

    After pruning, the search runs over the pure stationary profiles of
    the players other than the first (their joint action in each state,
    among those some remaining profile uses).  Against each, the first
    player's Markov decision problem is solved by policy iteration in
    floats, and its optimal actions in each state (those within the
    pruning margin of the best) are the only candidates for it; each
    candidate profile is then checked in floats for the other players and,
    if it passes, by the exact one-shot deviation check.

    Returns ``(profiles, searched)``: the profiles (``profile[state]`` is a
    tuple of action indices) that pass, and the number of profiles of the
    others searched.
    """
    tol = stochastic_tolerance(tol, game, exact)
    floats = game.as_float() if exact else game
    pruner = Pruner(floats, tol)
    masks = [np.ones(stage.shape, dtype=bool) for stage in game.stages]
    if not pruner.propagate(masks):
        return [], 0
    n = game.n_states
    own = [stage.shape[0] for stage in game.stages]
    joint = [math.prod(stage.shape[1:]) for stage in game.stages]
    flat = [m.reshape(a, j) for m, a, j in zip(masks, own, joint)]
    payoff = np.full((n, max(own), max(joint)), -np.inf)
    moves = np.zeros((n, max(own), max(joint), n))
    for s in range(n):
        payoff[s, :own[s], :joint[s]] = pruner.payoffs[s][0].reshape(own[s], joint[s])
        moves[s, :own[s], :joint[s]] = pruner.tables[s].reshape(own[s], joint[s], n)
    delta, rows = pruner.delta[0], np.arange(n)
    choices = [np.nonzero(f.any(axis=0))[0] for f in flat]
    size = math.prod(len(c) for c in choices)
    if size > MAX_PURE_SEARCH:
        raise SolverLimitError(f"the pure search would run over {size:,} pure stationary profiles of the players "
                               f"other than {game.players[0]} after pruning; at most {MAX_PURE_SEARCH:,} are searched")
    found, searched = [], 0
    for others in itertools.product(*choices):
        searched += 1
        others = np.array(others)
        q = _optimal_action_values(payoff[rows, :, others], moves[rows, :, others], delta, pruner.scale)
        best = q.max(axis=1)
        options = [np.nonzero((q[s, :own[s]] >= best[s] - pruner.margin) & flat[s][:, others[s]])[0] for s in rows]
        for mine in itertools.product(*options):
            choice = [(int(a),) + tuple(int(x) for x in np.unravel_index(j, stage.shape[1:]))
                      for a, j, stage in zip(mine, others, game.stages)]
            if _passes(floats, choice, False, pruner.margin) and _passes(game, choice, exact, tol):
                found.append(tuple(choice))
    found.sort()
    return found, searched


def _optimal_action_values(reward, moves, delta, scale):
    """Policy iteration on one player's decision problem: ``Q[state, action]`` at the optimal values.

    `reward` is ``(states, actions)`` with ``-inf`` for actions a state
    lacks; `moves` is ``(states, actions, next state)``.
    """
    n = reward.shape[0]
    rows = np.arange(n)
    policy = reward.argmax(axis=1)
    for _ in range(500):
        values = np.linalg.solve(np.eye(n) - delta * moves[rows, policy], reward[rows, policy])
        q = reward + delta * moves @ values
        if (q[rows, policy] >= q.max(axis=1) - 1e-12 * scale).all():
            return q
        policy = q.argmax(axis=1)
    return q


def _passes(game, choice, exact, tol) -> bool:
    sigma = tuple(tuple(_unit(k, m, exact) for k, m in zip(profile, stage.shape))
                  for profile, stage in zip(choice, game.stages))
    _, worst, _ = one_shot_gain(game, sigma, exact)
    return (worst <= 0) if exact else (worst <= tol)


def _unit(k: int, n: int, exact: bool):
    vec = [0] * n
    vec[k] = 1
    return np.array(vec, dtype=object if exact else float)


def count_profiles(game) -> int:
    """The number of pure stationary profiles, ``prod_s prod_i n_i(s)``."""
    return math.prod(math.prod(stage.shape) for stage in game.stages)

