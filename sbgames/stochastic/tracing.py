"""One stationary equilibrium when the complete search is too large: smoothed best replies, then exact polish.

Players answer the current profile with logit (smoothed) best replies to
their action values, ``sigma_i(s)(a) ~ exp(lam Q_i(s, a))``, and move part
of the way there (damping); the precision ``lam`` rises step by step so the
smoothed profile follows a path of logit equilibria towards a Nash
equilibrium, in the spirit of the logit tracing procedure (McKelvey and
Palfrey 1995; Eibelshaeuser and Poensgen's sgamesolver for stochastic
games).  The path is followed in floats and is not guaranteed to converge.
Its end gives a guess of the supports; the support's polynomial system is
then solved exactly (:func:`~sbgames.stochastic.mixed.solve_support`) and
the solutions verified, so whatever comes back is an equilibrium, but the
search may find none and never says how many there are.
"""

from __future__ import annotations

import numpy as np

from .markov import action_values, player_values
from .mixed import solve_support
from .result import value_scale

__all__ = ["traced_supports", "traced_equilibria", "PRECISIONS", "STEPS", "DAMPING"]

#: Logit precisions, relative to 1 / value scale, followed in turn.
PRECISIONS = tuple(np.geomspace(1.0, 1e6, 25))
#: Damped steps per precision.
STEPS = 60
#: The share of the way to the smoothed best reply taken at each step.
DAMPING = 0.5


def _logit(q, lam):
    z = lam * (q - q.max())
    w = np.exp(z)
    return w / w.sum()


def traced_supports(game, cuts=(1e-3, 1e-6, 1e-2)) -> list:
    """Support profiles guessed from the end of the smoothed best-reply path of the float `game`."""
    sigma = [[np.full(n, 1.0 / n) for n in stage.shape] for stage in game.stages]
    scale = value_scale(game)
    for precision in PRECISIONS:
        lam = precision / scale
        for _ in range(STEPS):
            values = player_values(game, sigma, exact=False)
            q = action_values(game, sigma, values)
            sigma = [[(1 - DAMPING) * vec + DAMPING * _logit(np.asarray(qv, dtype=float), lam)
                      for vec, qv in zip(state, qs)] for state, qs in zip(sigma, q)]
    out = []
    for cut in cuts:
        support = tuple(tuple(tuple(int(a) for a in np.nonzero(vec > cut * vec.max())[0]) for vec in state)
                        for state in sigma)
        if support not in out:
            out.append(support)
    return out


def traced_equilibria(game) -> list:
    """Solutions ``(strategies, algebraic)`` of the supports :func:`traced_supports` guesses (exact `game`)."""
    points = []
    for support in traced_supports(game.as_float()):
        found, _ = solve_support(game, support)
        points += found
        if points:
            break
    return points
