"""Mixed stationary equilibria of 2-player stochastic games: the support systems solved one player at a time.

In a 2-player game player ``i``'s conditions on a support profile (every
strategy of its supports earns ``V_i(s)``, no other earns more) involve only
the other player's probabilities and ``V_i``.  So the polynomial system of a
support profile (:mod:`sbgames.stochastic.mixed`) is two independent systems,
one per player, each with about half the unknowns, and its solutions are
the pairs of their solutions (:func:`~sbgames.stochastic.mixed.solve_player`).

The player with more support strategies in total has more equations than
unknowns (its equations are counted by its own supports, its unknowns by
the other's), so its system is solved first: it usually has no solution,
and then the other is not solved.  A player's system with finitely many
solutions none of which is valid proves more: adding strategies to that
player's supports (against the same supports of the other) adds equations
and turns an outside inequality into an equation, so those profiles have no
valid solution either and are skipped.  Profiles are visited by total
support size, so the smaller ones come first.

Each player system goes first to the value-equation screen
(:mod:`sbgames.stochastic.screen`): it eliminates the probabilities, solves
for the values with FLINT, and either proves the system has no valid
solution, or lists its valid solutions exactly, or gives no verdict.  Only
then are the exact linear rules and a sympy Groebner basis of the whole
system used.  In random games with 3 states and 3 strategies the screen
settles every one of the tens of thousands of systems.

Examples
--------
Matching pennies played forever has one equilibrium, mixed, found from the
profile with both strategies in both supports:

>>> from fractions import Fraction
>>> from sbgames import Game
>>> from sbgames.stochastic import StochasticGame
>>> from sbgames.stochastic.mixed import support_profiles
>>> pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
>>> game = StochasticGame([pennies], ["s1"], delta=Fraction(1, 2))
>>> search = two_player_search(game, support_profiles(game))
>>> [strategies for strategies, _ in search.points]
[[[[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)]]]]
>>> search.listed, search.solved, search.continua
(2, 0, [])
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from .mixed import nonempty_subsets, solve_player
from .screen import PlayerScreen, solve_linear

__all__ = ["two_player_search", "TwoPlayerSearch"]


@dataclass
class TwoPlayerSearch:
    """What :func:`two_player_search` found.

    Attributes
    ----------
    points : list
        ``(strategies, algebraic)`` per solution, as
        :func:`~sbgames.stochastic.mixed.solve_support` gives them.
    continua : list
        Support profiles with a continuum of solutions that is not known to
        be an affine set (equilibria on it may be missing).
    solved : int
        Player systems solved with a sympy Groebner basis.
    listed : int
        Player systems whose solutions the screen listed exactly
        (:meth:`~sbgames.stochastic.screen.PlayerScreen.solutions`).
    screened : int
        Support profiles whose system of one player the value-equation
        screen proved to have no valid solution (:mod:`sbgames.stochastic.screen`).
    ruled_out : int
        Support profiles ruled out by linear algebra (:func:`_ruled_out`).
    skipped : int
        Support profiles skipped because a smaller one proved them empty.
    stopped : bool
        True when the search stopped at one of its limits on the systems
        left to Groebner bases (``max_solved``, ``max_unknowns``): the lists
        are then incomplete.
    """

    points: list = field(default_factory=list)
    continua: list = field(default_factory=list)
    solved: int = 0
    listed: int = 0
    screened: int = 0
    ruled_out: int = 0
    skipped: int = 0
    stopped: bool = False


def _total(supports, player) -> int:
    return sum(len(support[player]) for support in supports)


def _covered(known, supports, player) -> bool:
    """Whether some own supports in the set `known` are contained, state by state, in player's `supports`.

    Looks up every combination of subsets when there are fewer of those
    than known entries, else compares with each entry.
    """
    own = _own(supports, player)
    if math.prod(2 ** len(x) - 1 for x in own) < len(known):
        return any(combination in known for combination in itertools.product(*(nonempty_subsets(x) for x in own)))
    return any(all(set(a) <= set(b) for a, b in zip(entry, own)) for entry in known)


def _unknowns(supports, player) -> int:
    """The unknowns of player's system: a value per state and the other's probabilities (one fewer than its support)."""
    return sum(len(support[1 - player]) for support in supports)


def _own(supports, player) -> tuple:
    """Player's supports, state by state."""
    return tuple(support[player] for support in supports)


def two_player_search(game, per_state, max_solved=None, max_unknowns=None) -> TwoPlayerSearch:
    """Every mixed equilibrium of the exact 2-player `game` whose supports are among `per_state`'s.

    `per_state[s]` lists the support profiles ``(supp_1, supp_2)`` left in
    state ``s`` (:func:`~sbgames.stochastic.mixed.support_profiles`);
    profiles with one strategy per player in every state (pure ones) are
    left to :mod:`sbgames.stochastic.pure`.  With `max_solved` or
    `max_unknowns` given, the search stops (``stopped`` True, the result
    then incomplete) before it would solve more player systems than
    `max_solved` by sympy Groebner bases, or one with more than
    `max_unknowns` unknowns (values and probabilities), which can take
    minutes: games full of ties leave the screen undecided on many systems.
    """
    out = TwoPlayerSearch()
    screens = [PlayerScreen(game, 0), PlayerScreen(game, 1)]
    empty = {}                 # (player, the other's supports) -> own supports proved to hold no solution
    profiles = sorted(itertools.product(*per_state), key=lambda p: _total(p, 0) + _total(p, 1))
    for supports in profiles:
        if all(len(own) == 1 for support in supports for own in support):
            continue
        order = (0, 1) if _total(supports, 0) >= _total(supports, 1) else (1, 0)
        keys = {i: (i, _own(supports, 1 - i)) for i in order}
        if any(_covered(empty.get(keys[i], set()), supports, i) for i in order):
            out.skipped += 1
            continue
        screened = next((i for i in order if screens[i].rejects(supports)), None)
        if screened is not None:
            empty.setdefault(keys[screened], set()).add(_own(supports, screened))
            out.screened += 1
            continue
        ruled = next((i for i in order if _ruled_out(game, supports, i)), None)
        if ruled is not None:
            empty.setdefault(keys[ruled], set()).add(_own(supports, ruled))
            out.ruled_out += 1
            continue
        halves, curved = {}, False
        for i in order:
            found = screens[i].solutions(supports)
            if found is not None:
                bent, finite = False, True
                out.listed += 1
            else:
                if ((max_solved is not None and out.solved >= max_solved)
                        or (max_unknowns is not None and _unknowns(supports, i) > max_unknowns)):
                    out.stopped = True
                    return out
                found, bent, finite = solve_player(game, supports, i)
                out.solved += 1
            if finite and not found:
                empty.setdefault(keys[i], set()).add(_own(supports, i))
                curved = False
                break
            curved = curved or bent
            halves[i] = found
            if not found and not bent:
                break
        if curved:
            out.continua.append(supports)
        if len(halves) == 2:
            out.points += [_paired(one, two) for one in halves[1] for two in halves[0]]
    return out


def _ruled_out(game, supports, i) -> bool:
    """True when the states where the other player is pure already leave player `i`'s system no solution.

    There the other's mix is known, so `i`'s conditions are linear in its
    values ``V_i``: each support strategy ``a`` against the other's ``b``
    gives ``u_i(s, a, b) + delta_i sum_t P(t | s, a, b) V_i(t) = V_i(s)``,
    each other strategy ``<=``.  The equations are solved exactly; no
    solution, or a single one that some inequality refuses, rules the
    system out (and every one with larger supports of `i`).
    """
    j, n = 1 - i, game.n_states
    equations, inequalities = [], []
    for s, (stage, table, support) in enumerate(zip(game.stages, game.transitions, supports)):
        if len(support[j]) > 1:
            continue
        for a in range(stage.shape[i]):
            row = _row(game, i, s, a, support[j][0])
            (equations if a in support[i] else inequalities).append(row)
    if not equations:
        return False
    values = solve_linear(equations, n)
    if values is False:
        return True
    if values is None:
        return False
    if any(sum(c * v for c, v in zip(row, values)) > row[-1] for row in inequalities):
        return True
    return any(_state_ruled_out(game, i, s, support, values) for s, support in enumerate(supports)
               if len(support[j]) > 1)


def _row(game, i, s, a, b):
    """``[c_0 .. c_{n-1}, r]``: ``Q_i(s, a) - V_i(s) = c . V_i - r`` against the other's strategy `b`."""
    cell = (a, b) if i == 0 else (b, a)
    table = game.transitions[s][cell]
    return ([game.delta[i] * Fraction(table[t]) - (t == s) for t in range(game.n_states)]
            + [-Fraction(game.stages[s].payoff_arrays[i][cell])])


def _state_ruled_out(game, i, s, support, values) -> bool:
    """With ``V_i`` known, state `s`'s conditions are linear in the other's mix there: no valid mix rules out."""
    own, other = support[i], support[1 - i]
    gain = {a: [sum(c * v for c, v in zip(row, values)) - row[-1] for row in (_row(game, i, s, a, b) for b in other)]
            for a in range(game.stages[s].shape[i])}
    mix = solve_linear([gain[a] + [0] for a in own] + [[1] * len(other) + [1]], len(other))
    if mix is False:
        return True
    if mix is None:
        return False
    return (any(p <= 0 for p in mix)
            or any(sum(g * p for g, p in zip(gain[a], mix)) > 0 for a in gain if a not in own))


def _paired(first, second):
    """One equilibrium from player 2's solution (it gives player 1's mix) and player 1's (player 2's mix)."""
    (mix1, exact1), (mix2, exact2) = first, second
    strategies = [[a[0], b[1]] for a, b in zip(mix1, mix2)]
    if exact1 is None and exact2 is None:
        return strategies, None
    exact = [[_exact(a, x)[0], _exact(b, y)[1]] for a, x, b, y in zip(mix1, exact1 or [None] * len(mix1), mix2,
                                                                      exact2 or [None] * len(mix2))]
    return [[[float(p) for p in vec] for vec in state] for state in strategies], exact


def _exact(floats, algebraic):
    """A state's strategies as sympy numbers: the algebraic ones, or the fractions made sympy rationals."""
    if algebraic is not None:
        return algebraic
    return [None if vec is None else [sympy.Rational(p.numerator, p.denominator) if isinstance(p, Fraction)
                                      else sympy.nsimplify(p) for p in vec] for vec in floats]
