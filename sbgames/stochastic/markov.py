"""The Markov chain and the players' values under a stationary strategy profile.

A *stationary profile* gives every player a mixed strategy in every state:
``strategies[state][player]`` is a probability vector over that player's
strategies in that state.  Under it the state follows a Markov chain with
matrix ``P[s][s']`` and player ``i`` earns the expected stage payoff
``r_i[s]`` in state ``s``; its values solve ``V_i = r_i + delta_i P V_i``
(policy evaluation), here by one linear solve, in fractions when the game is
exact.  The *action value* ``Q_i(s, a)`` of strategy ``a`` in state ``s`` is
what player ``i`` gets by playing ``a`` once in ``s`` and returning to the
profile afterwards; the profile is a Markov perfect equilibrium exactly when
no ``Q_i(s, a)`` exceeds ``V_i(s)`` (the one-shot deviation principle of
discounted dynamic programming).

Examples
--------
>>> solve_linear([[2, 1], [1, 3]], [3, 5], exact=True)
[Fraction(4, 5), Fraction(7, 5)]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..errors import InputError

__all__ = ["contract", "solve_linear", "chain", "player_values", "action_values", "long_run_distribution",
           "absorption"]


def contract(array: np.ndarray, sigma, keep: int | None = None) -> np.ndarray:
    """Sum `array` (player axes first, any further axes last) against every player's mix but `keep`'s.

    Examples
    --------
    >>> contract(np.array([[1, 2], [3, 4]]), [np.array([1, 0]), np.array([0.5, 0.5])], keep=0)
    array([1.5, 3.5])
    """
    out = array
    for j in reversed(range(len(sigma))):
        if j != keep:
            out = np.tensordot(out, sigma[j], axes=([j], [0]))
    return out


def solve_linear(matrix, rhs, exact: bool) -> list:
    """The solution of ``matrix x = rhs``: Gaussian elimination in fractions, or numpy in floats.

    Raises
    ------
    InputError
        If the matrix is singular (the callers' matrices ``I - delta P`` never are).
    """
    if not exact:
        return list(np.linalg.solve(np.array(matrix, dtype=float), np.array(rhs, dtype=float)))
    n = len(rhs)
    rows = [[Fraction(x) for x in row] + [Fraction(b)] for row, b in zip(matrix, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            raise InputError("singular linear system")
        rows[col], rows[pivot] = rows[pivot], rows[col]
        head = rows[col]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col] / head[col]
                rows[r] = [x - factor * y for x, y in zip(rows[r], head)]
    return [rows[k][n] / rows[k][k] for k in range(n)]


def chain(game, strategies):
    """The stage payoffs ``r[player][state]`` and the transition matrix ``P[state][next]`` of a profile."""
    rewards = [[] for _ in game.players]
    matrix = []
    for stage, table, sigma in zip(game.stages, game.transitions, strategies):
        for i, array in enumerate(stage.payoff_arrays):
            rewards[i].append(contract(array, sigma)[()])
        matrix.append(list(contract(table, sigma)))
    return rewards, matrix


def _identity_minus(matrix, factor, exact):
    one = Fraction(1) if exact else 1.0
    n = len(matrix)
    return [[(one if r == c else 0) - factor * matrix[r][c] for c in range(n)] for r in range(n)]


def player_values(game, strategies, exact: bool) -> tuple[tuple, ...]:
    """``values[player][state]``: each player's discounted value of the profile from each state."""
    rewards, matrix = chain(game, strategies)
    return tuple(tuple(solve_linear(_identity_minus(matrix, delta, exact), r, exact))
                 for delta, r in zip(game.delta, rewards))


def action_values(game, strategies, values) -> list[list[np.ndarray]]:
    """``Q[state][player]``: the value of each own strategy played once in the state, then the profile."""
    out = []
    for stage, table, sigma in zip(game.stages, game.transitions, strategies):
        row = []
        for i, array in enumerate(stage.payoff_arrays):
            continuation = contract(table, sigma, keep=i).dot(np.array(values[i], dtype=table.dtype))
            row.append(contract(array, sigma, keep=i) + game.delta[i] * continuation)
        out.append(row)
    return out


def _reach(matrix, exact) -> list[set]:
    n = len(matrix)
    step = [{t for t in range(n) if matrix[s][t] > (0 if exact else 1e-15)} | {s} for s in range(n)]
    reach = [set(x) for x in step]
    changed = True
    while changed:
        changed = False
        for s in range(n):
            grown = set().union(*(step[t] for t in reach[s]))
            if grown != reach[s]:
                reach[s], changed = grown, True
    return reach


def _sub(matrix, rows, cols):
    return [[matrix[r][c] for c in cols] for r in rows]


def long_run_distribution(matrix, initial, exact: bool) -> list:
    """The long-run average distribution over states, ``lim (1/T) sum_t initial P^t``.

    Each closed class of the chain gets the probability of ending in it
    (from `initial`) spread by its own stationary distribution.

    Examples
    --------
    Absorbed in state 2 from state 1, whatever happens first:

    >>> h = Fraction(1, 2)
    >>> long_run_distribution([[h, h, 0], [0, 1, 0], [0, 0, 1]], [1, 0, 0], exact=True)
    [Fraction(0, 1), Fraction(1, 1), Fraction(0, 1)]
    """
    n = len(matrix)
    zero = Fraction(0) if exact else 0.0
    reach = _reach(matrix, exact)
    classes = []
    for s in range(n):
        if all(s in reach[t] for t in reach[s]):
            block = sorted(reach[s])
            if block not in classes:
                classes.append(block)
    recurrent = {s for c in classes for s in c}
    transient = [s for s in range(n) if s not in recurrent]
    out = [zero] * n
    for block in classes:
        # stationary distribution of the class: pi (I - P) = 0 with the last equation replaced by sum pi = 1
        m = len(block)
        system = [[(1 if r == c else 0) - matrix[block[c]][block[r]] for c in range(m)] for r in range(m)]
        system[-1] = [1] * m
        pi = solve_linear(system, [0] * (m - 1) + [1], exact)
        weight = sum((initial[s] for s in block), zero)
        if transient:
            into = [sum((matrix[t][s] for s in block), zero) for t in transient]
            absorbed = solve_linear(_identity_minus(_sub(matrix, transient, transient), 1, exact), into, exact)
            weight += sum((initial[t] * a for t, a in zip(transient, absorbed)), zero)
        for s, p in zip(block, pi):
            out[s] += weight * p
    return out


def absorption(matrix, initial, exact: bool) -> dict:
    """For each absorbing state: the probability of reaching it and the expected time, given it is reached.

    Returns ``{state index: (probability, expected periods)}``; the time is
    counted in periods from the initial one (0 when the chain starts
    there) and is ``None`` when the state is reached with probability 0.

    Examples
    --------
    Absorbed with probability 1/2 per period: two periods on average.

    >>> h = Fraction(1, 2)
    >>> absorption([[h, h], [0, 1]], [1, 0], exact=True)
    {1: (Fraction(1, 1), Fraction(2, 1))}
    """
    n = len(matrix)
    zero = Fraction(0) if exact else 0.0
    reach = _reach(matrix, exact)
    out = {}
    for target in range(n):
        if reach[target] != {target}:
            continue
        sources = [s for s in range(n) if s != target and target in reach[s]]
        hit = [zero] * n
        time = [zero] * n
        hit[target] = 1
        if sources:
            system = _identity_minus(_sub(matrix, sources, sources), 1, exact)
            h = solve_linear(system, [matrix[s][target] for s in sources], exact)
            k = solve_linear(system, h, exact)
            for s, a, b in zip(sources, h, k):
                hit[s], time[s] = a, b
        probability = sum((p * h for p, h in zip(initial, hit)), zero)
        expected = sum((p * k for p, k in zip(initial, time)), zero)
        out[target] = (probability, expected / probability if probability > 0 else None)
    return out
