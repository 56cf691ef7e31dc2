"""The harshest credible punishment of a repeated 2-player game, and the patience it requires.

A target profile ``a*`` played in every period is the outcome of a
subgame-perfect equilibrium (SPE) exactly when no player gains by deviating
once and then receiving the *lowest* SPE payoff ``v_i``: Abreu's (1988)
optimal penal codes punish every deviation by player ``i`` with the SPE that
is worst for ``i``.  With ``d_i`` player ``i``'s best one-shot gain from
deviating from ``a*``, the condition for each player is

    ``(1 - delta) d_i <= delta (u_i(a*) - v_i(delta))``.

Reverting to a stage Nash equilibrium forever is one credible punishment, so
``v_i`` is at most ``n_i``, player ``i``'s worst stage-equilibrium payoff
(mixed equilibria included); no equilibrium can push a player below its
(mixed) minmax value ``m_i``, so ``v_i >= m_i``.  The functions here compute:

* :func:`minmax_values` and :func:`worst_stage_equilibria`: ``m_i`` and
  ``n_i`` exactly (rationals), from exact vertex enumeration;
* :func:`lowest_spe_payoffs`: ``v_i``.  **Exact** when ``n_i = m_i``: a stage
  equilibrium holds ``i`` to its minmax value, so reverting to it is the
  harshest credible punishment at every ``delta``.  Otherwise **numeric**:
  the lower of ``n_i`` and the least ``i``-coordinate of the pure-strategy SPE
  payoff set (:func:`~sbgames.repeated.payoff_set.payoff_set`, with public
  randomisation);
* :func:`stick_and_carrot`: the exact set of ``delta`` at which a simple
  strategy profile (Abreu 1988) is an SPE: a deviation by ``i`` is answered
  by a *stick* profile ``s^i``, for one period and then back to ``a*`` (a
  stick and carrot) or for ever; every deviation, also during a
  punishment, restarts the deviator's punishment;
* :func:`critical_discount_factors`: the smallest ``delta`` sustaining
  ``a*`` under Nash reversion (exact) and under the harshest credible
  punishment.  The latter is exact when the lowest payoffs do not depend on
  ``delta`` (``n_i = m_i``) or when an exact sufficient threshold (Nash
  reversion or simple strategy profiles) meets the exact necessary one (the
  minmax bound); otherwise it is found by bisection on ``delta`` with the payoff
  set, and the result says so and gives the exact bracket
  (:func:`nash_reversion_threshold` gives the first alone);
* :func:`plot_critical_discount_factors`: both thresholds of a model's
  target against one parameter, one pair of curves per value of another.

"Credible" here means: the punishments are pure-strategy SPE (with public
randomisation) or reversion to a stage equilibrium.  SPE that mix off the
path in other ways are not searched; a numeric threshold is therefore an
upper bound for the class of all SPE, and the exact lower bound from the
minmax value holds for all of them.

Examples
--------
The Prisoner's Dilemma with (T, R, P, S) = (5, 3, 1, 0): mutual defection holds
each player to its minmax value, so Nash reversion is already the harshest
credible punishment and both thresholds are ``(T - R)/(T - P) = 1/2``:

>>> from sbgames import Game
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
>>> result = critical_discount_factors(pd, ("C", "C"))
>>> result.nash_reversion.value, result.harshest.value, result.harshest.exact
(Fraction(1, 2), Fraction(1, 2), True)

A third action that hurts both players (a "punishment" P, Mailath and
Samuelson's kind of example): the minmax value ``-1`` lies below the only
stage equilibrium payoff ``0``, and one period of (P, P) before returning to
cooperation punishes harder than reverting to (D, D):

>>> g = Game([[[2, -1, -1], [3, 0, -1], [-1, -1, -2]], [[2, 3, -1], [-1, 0, -1], [-1, -1, -2]]],
...          strategies=[["C", "D", "P"]] * 2)
>>> result = critical_discount_factors(g, ("C", "C"))
>>> print(result)
critical discount factors of (C, C):
  Nash reversion: 1/3 (exact; reversion to (D, D): worth 0 to Player 1, 0 to Player 2)
  harshest credible punishment: 1/4 (exact; one period of (P, P) before returning to (C, C) punishes Player 1, one period of (P, P) before returning to (C, C) punishes Player 2 (subgame perfect for delta in [1/4, 1)); meets the minmax bound 1/4)
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from ..errors import InputError
from ..game import Game, payoff_scale
from .automaton import Automaton

__all__ = ["Punishment", "Threshold", "CriticalDiscountFactors", "minmax_values", "worst_stage_equilibria",
           "lowest_spe_payoffs", "stick_and_carrot", "critical_discount_factors", "nash_reversion_threshold",
           "plot_critical_discount_factors", "BISECTION_TOL"]

#: Bisection on delta stops when the bracket is this narrow.
BISECTION_TOL = 1e-6

#: A numeric lowest payoff within this distance (relative to the payoff scale) of the minmax value
#: counts as attaining it (the payoff set is computed to about 1e-8).
_ATTAIN_TOL = 1e-6

#: The largest discount factor at which the bisection computes a payoff set (their iterations grow like
#: 1 / (1 - delta)).
_HIGHEST_DELTA = 0.99

#: A discount factor near 1 at which simple profiles are screened before their exact check.
_NEAR_ONE = Fraction(999, 1000)


# -- the stage game -----------------------------------------------------------------------------

def _exact_game(game: Game) -> Game:
    if not isinstance(game, Game):
        raise TypeError(f"expected a Game, got {type(game).__name__}")
    if game.n_players != 2:
        raise InputError(f"punishments are computed for 2-player stage games, got {game.n_players} players")
    if game.kind == "symbolic":
        raise InputError("the stage game has free parameters: give their values (model.game(...))")
    return game.as_exact()


def _profile(game: Game, target) -> tuple[int, int]:
    names = tuple(target.values()) if isinstance(target, dict) else tuple(target)
    if len(names) != 2:
        raise InputError(f"give one strategy per player, got {target!r}")
    return tuple(game.strategy_index(i, name) for i, name in enumerate(names))


def _name(game: Game, profile) -> str:
    return "(" + ", ".join(game.strategies[i][k] for i, k in enumerate(profile)) + ")"


def minmax_values(game: Game) -> tuple[Fraction, Fraction]:
    """Each player's (mixed) minmax value, exactly.

    ``m_1 = min_q max_a u_1(a, q)`` over the column player's mixed strategies
    ``q``, and likewise for player 2: the value of the zero-sum game in which
    the other player only tries to hurt, found as an equilibrium of that game
    by exact vertex enumeration.  No equilibrium of the repeated game (of any
    kind) gives a player less.

    Parameters
    ----------
    game : Game
        A numeric 2-player game.

    Returns
    -------
    tuple of Fraction

    Examples
    --------
    Matching pennies: each player can be held to 0, though not with a pure strategy.

    >>> minmax_values(Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]))
    (Fraction(0, 1), Fraction(0, 1))
    """
    game = _exact_game(game)
    A, B = game.payoff_arrays
    row = Game([A, -A]).equilibria(exact=True)[0].payoffs[0]
    column = Game([-B, B]).equilibria(exact=True)[0].payoffs[1]
    return Fraction(row), Fraction(column)


def worst_stage_equilibria(game: Game) -> tuple:
    """For each player, a stage Nash equilibrium that is worst for it (mixed ones included).

    In a 2-player game a player's payoff over a set of equilibria that are
    interchangeable is bilinear, so its minimum is at an extreme equilibrium:
    the extreme equilibria that vertex enumeration returns (exactly, degenerate
    games included) contain the worst one.

    Returns
    -------
    tuple of Equilibrium
        One per player.

    Examples
    --------
    >>> coordination = Game([[[2, 0], [0, 1]], [[2, 0], [0, 1]]])
    >>> [eq.payoffs for eq in worst_stage_equilibria(coordination)]
    [(Fraction(2, 3), Fraction(2, 3)), (Fraction(2, 3), Fraction(2, 3))]
    """
    equilibria = _exact_game(game).equilibria(exact=True)
    if not equilibria.complete:   # vertex enumeration of a 2-player game is complete; a guard all the same
        raise InputError("the stage equilibria were not all found; no worst one can be named")
    return tuple(min(equilibria, key=lambda eq, i=i: eq.payoffs[i]) for i in range(2))


# -- the lowest equilibrium payoffs -------------------------------------------------------------

@dataclass(frozen=True)
class Punishment:
    """A player's lowest credible (subgame-perfect) payoff, and how it was found.

    Attributes
    ----------
    player : str
    value : Fraction or float
        The lowest payoff: a Fraction when exact, a float when numeric.
    exact : bool
    how : str
        The punishment that attains it.
    minmax : Fraction
        The player's minmax value, a lower bound for every equilibrium.
    nash : Fraction
        The player's worst stage-equilibrium payoff (Nash reversion).
    converged : bool
        False when the payoff set did not converge: its minimum is then only a lower bound.
    """

    player: str
    value: Fraction | float
    exact: bool
    how: str
    minmax: Fraction
    nash: Fraction
    converged: bool = True


def lowest_spe_payoffs(game: Game, delta=None) -> tuple[Punishment, Punishment]:
    """Each player's lowest subgame-perfect payoff in the repeated game with discount factor `delta`.

    Exact (for every ``delta``) when a stage equilibrium gives the player its
    minmax value; otherwise the lower of the worst stage-equilibrium payoff and
    the least coordinate of the pure-strategy SPE payoff set at `delta`
    (numeric, about 1e-8 accurate).

    Parameters
    ----------
    game : Game
        A numeric 2-player stage game.
    delta : number, optional
        The common discount factor; needed only where the value is not exact.

    Returns
    -------
    tuple of Punishment

    Raises
    ------
    InputError
        If a value depends on `delta` and none is given.

    Examples
    --------
    In the Prisoner's Dilemma reverting to (D, D) holds each player to its minmax value 1:

    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> [(p.value, p.exact) for p in lowest_spe_payoffs(pd)]
    [(Fraction(1, 1), True), (Fraction(1, 1), True)]

    With a mutual-punishment action P the minmax value -1 is below the stage
    equilibrium's 0; the payoff set shows how low a credible punishment goes:

    >>> g = Game([[[2, -1, -1], [3, 0, -1], [-1, -1, -2]], [[2, 3, -1], [-1, 0, -1], [-1, -1, -2]]],
    ...          strategies=[["C", "D", "P"]] * 2)
    >>> [(round(p.value, 6), p.exact) for p in lowest_spe_payoffs(g, delta=0.2)]
    [(0.0, False), (0.0, False)]
    >>> [(round(p.value, 6), p.minmax) for p in lowest_spe_payoffs(g, delta=0.5)]
    [(-1.0, Fraction(-1, 1)), (-1.0, Fraction(-1, 1))]
    """
    game = _exact_game(game)
    minmax = minmax_values(game)
    worst = worst_stage_equilibria(game)
    nash = [Fraction(eq.payoffs[i]) for i, eq in enumerate(worst)]
    pure = None
    out = []
    for i, player in enumerate(game.players):
        if nash[i] == minmax[i]:
            out.append(Punishment(player, minmax[i], True,
                                  f"reversion to the stage equilibrium {worst[i].describe()}, which holds "
                                  f"{player} to its minmax value (for every delta)", minmax[i], nash[i]))
            continue
        if delta is None:
            raise InputError(f"{player}'s lowest equilibrium payoff depends on delta here: give delta")
        if pure is None:
            from .payoff_set import payoff_set
            A, B = game.as_float().payoff_arrays
            # the iterates shrink about geometrically at the rate delta: enough steps to reach the
            # default tolerance 1e-9 from a set of diameter up to about 1e2
            pure = payoff_set(A, B, float(delta), max_iter=max(500, math.ceil(25 / (1 - float(delta)))))
        pure_low = float(pure.vertices[:, i].min()) if len(pure.vertices) else np.inf
        if pure_low < nash[i]:
            how = f"the worst pure-strategy SPE for {player} (Abreu-Sannikov payoff set at delta = {float(delta):g})"
            if not pure.converged:      # every iterate contains the set: its minimum is a lower bound
                how += " (the payoff set did not converge: a lower bound)"
            value = pure_low
        else:
            how = f"reversion to the stage equilibrium {worst[i].describe()} (no pure SPE is worse for {player})"
            value = float(nash[i])
        out.append(Punishment(player, value, False, how, minmax[i], nash[i], pure.converged or value == nash[i]))
    return tuple(out)


# -- stick and carrot ---------------------------------------------------------------------------

def _simple_profile(game: Game, target, sticks, lengths) -> list[Automaton]:
    """The automata of the simple strategy profile: `target` until player j deviates alone (also during a
    punishment), then ``sticks[j]`` for ``lengths[j]`` periods (1, or None for ever) and back to `target`."""
    names = [game.strategies[i] for i in range(2)]
    states = ["target", *(f"punish {p}" for p in game.players)]

    def step(state, observed, context):
        deviators = [j for j in range(2) if observed[j] != context.prescribed[j]]
        if len(deviators) == 1:
            return f"punish {game.players[deviators[0]]}"
        if deviators or state == "target":
            return state
        return "target" if lengths[states.index(state) - 1] == 1 else state
    return [Automaton(states, "target",
                      {"target": names[i][target[i]],
                       **{f"punish {p}": names[i][sticks[j][i]] for j, p in enumerate(game.players)}},
                      step, name="simple strategy profile") for i in range(2)]


def _lengths(lengths) -> tuple:
    lengths = tuple(lengths)
    if len(lengths) != 2 or any(n not in (1, None) for n in lengths):
        raise InputError(f"give one punishment length per player, each 1 or None (for ever), got {lengths!r}")
    return lengths


def stick_and_carrot(game: Game, target, sticks, lengths=(1, 1)) -> sympy.Set:
    """The exact set of discount factors at which a simple strategy profile is subgame perfect.

    The profile plays `target` in every period; a deviation by player ``j``
    alone (from the target or during a punishment) is followed by
    ``sticks[j]``, for one period and then the target again (a stick and
    carrot) or for ever (``lengths[j] = None``): Abreu's (1988) simple
    strategy profiles with these two kinds of punishment path.  Checked by
    the one-shot deviation principle with a symbolic ``delta``
    (:meth:`RepeatedGame.is_subgame_perfect`).

    Parameters
    ----------
    game : Game
        A numeric 2-player stage game.
    target : pair of str
    sticks : pair of pairs of str
        The profile that punishes player 1 and the one that punishes player 2.
    lengths : pair
        How long each punishment lasts: 1 period, or ``None`` for ever.

    Returns
    -------
    sympy.Set
        The discount factors in (0, 1) at which the profile is an SPE.

    Examples
    --------
    >>> g = Game([[[2, -1, -1], [3, 0, -1], [-1, -1, -2]], [[2, 3, -1], [-1, 0, -1], [-1, -1, -2]]],
    ...          strategies=[["C", "D", "P"]] * 2)
    >>> stick_and_carrot(g, ("C", "C"), [("P", "P"), ("P", "P")])
    Interval.Ropen(1/4, 1)

    Punishing for ever with (D, D), the stage equilibrium, is Nash reversion:

    >>> stick_and_carrot(g, ("C", "C"), [("D", "D"), ("D", "D")], lengths=(None, None))
    Interval.Ropen(1/3, 1)
    """
    from .infinite import RepeatedGame
    game = _exact_game(game)
    profile = _profile(game, target)
    stick_profiles = [_profile(game, s) for s in sticks]
    if len(stick_profiles) != 2:
        raise InputError(f"give one stick profile per player, got {len(stick_profiles)}")
    automata = _simple_profile(game, profile, stick_profiles, _lengths(lengths))
    return RepeatedGame(game).is_subgame_perfect(automata).delta_set


def _interval_text(region: sympy.Set) -> str:
    """``[1/4, 1)`` for a sympy interval; unions joined by ``∪``."""
    if isinstance(region, sympy.Union):
        return " ∪ ".join(_interval_text(part) for part in region.args)
    if isinstance(region, sympy.Interval):
        return (f"{'(' if region.left_open else '['}{region.start}, {region.end}"
                f"{')' if region.right_open else ']'}")
    return str(region)


def _describe_punishments(game: Game, profile, sticks, lengths) -> str:
    return ", ".join(
        f"{_name(game, s)} for ever punishes {p}" if n is None else
        f"one period of {_name(game, s)} before returning to {_name(game, profile)} punishes {p}"
        for p, s, n in zip(game.players, sticks, lengths))


def _simple_profile_holds(A, B, profile, sticks, lengths, delta: Fraction) -> bool:
    """Whether the simple strategy profile is an SPE at the rational `delta` (one-shot deviations).

    A quick screen in exact rational arithmetic; :func:`stick_and_carrot` checks a profile it
    passes with the general machinery, over all delta.
    """
    u = (A, B)

    def best_other(j, a):            # j's best payoff from playing something other than a[j]
        line = A[:, a[1]] if j == 0 else B[a[0], :]
        return max((Fraction(x) for k, x in enumerate(line) if k != a[j]), default=None)

    def conform(i, j):               # j's value at the start of i's punishment
        now = Fraction(u[j][sticks[i]])
        return now if lengths[i] is None else (1 - delta) * now + delta * Fraction(u[j][profile])
    phases = [(profile, lambda j: Fraction(u[j][profile]))] + [
        (s, lambda j, i=i: conform(i, j)) for i, s in enumerate(sticks)]
    for a, value in phases:
        for j in range(2):
            other = best_other(j, a)
            if other is not None and (1 - delta) * other + delta * conform(j, j) > value(j):
                return False
    return True


def _simple_profiles_at(game: Game, profile, delta: Fraction):
    """Simple strategy profiles subgame perfect at `delta`, and ones whose exact sets cover ``[delta, 1)``.

    Every profile is screened at `delta` in rational arithmetic; those that also hold at
    ``delta = 999/1000`` are checked over all delta (the others cannot end a cover of ``[delta, 1)``)
    until their sets cover ``[delta, 1)``.  Returns ``(first, cover)``: the first profile that holds at
    `delta` as ``(sticks, lengths)`` (None if none does), and a list of ``(sticks, lengths, set)``
    covering ``[delta, 1)`` (empty if none was found).
    """
    A, B = game.payoff_arrays
    everything = list(itertools.product(*(range(k) for k in game.shape)))
    text = {p: _name(game, p)[1:-1].split(", ") for p in everything}
    wanted = sympy.Interval.Ropen(sympy.Rational(delta.numerator, delta.denominator), 1)
    first, found, union = None, [], sympy.S.EmptySet
    for sticks, lengths in itertools.product(itertools.product(everything, repeat=2),
                                             itertools.product((1, None), repeat=2)):
        if not _simple_profile_holds(A, B, profile, sticks, lengths, delta):
            continue
        first = first or (sticks, lengths)
        if _simple_profile_holds(A, B, profile, sticks, lengths, _NEAR_ONE):
            region = stick_and_carrot(game, text[profile], [text[s] for s in sticks], lengths)
            found.append((sticks, lengths, region))
            union = sympy.Union(union, region)
            if wanted.is_subset(union):
                return first, found
    return first, []


# -- thresholds ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Threshold:
    """The smallest discount factor at which a target profile is sustained by a kind of punishment.

    Attributes
    ----------
    punishment : str
        ``"Nash reversion"`` or ``"harshest credible punishment"``.
    value : Fraction, float or None
        The threshold (a Fraction when exact); ``None`` when no discount
        factor below 1 sustains the target.
    exact : bool
    how : str
        The punishments used and how the value was found.
    bracket : tuple of Fraction or None
        Exact bounds (lower, upper) on the threshold; an upper bound of
        ``None`` means none was found below 1.
    """

    punishment: str
    value: Fraction | float | None
    exact: bool
    how: str
    bracket: tuple

    def __str__(self) -> str:
        value = "not below 1" if self.value is None else (
            str(self.value) if self.exact else f"{self.value:.6f}")
        return f"{self.punishment}: {value} ({'exact' if self.exact else 'numeric'}; {self.how})"


@dataclass(frozen=True)
class CriticalDiscountFactors:
    """Both critical discount factors of a target profile.

    Attributes
    ----------
    target : tuple of str
    nash_reversion : Threshold
        Deviations answered by the stage equilibrium worst for the deviator, forever.
    harshest : Threshold
        Deviations answered by the deviator's lowest credible payoff (optimal penal codes).
    """

    target: tuple
    nash_reversion: Threshold
    harshest: Threshold

    def __str__(self) -> str:
        return (f"critical discount factors of ({', '.join(self.target)}):\n"
                f"  {self.nash_reversion}\n  {self.harshest}")


def _patience(gain, on_path, punishment):
    """The least delta with ``(1 - delta) gain <= delta (on_path - punishment)``; None if no delta < 1."""
    if gain <= 0:
        return Fraction(0)
    loss = on_path - punishment
    return gain / (gain + loss) if loss > 0 else None


def _worst(thresholds):
    return None if any(t is None for t in thresholds) else max(thresholds)


def critical_discount_factors(game: Game, target) -> CriticalDiscountFactors:
    """The critical discount factors of `target` under Nash reversion and under the harshest credible punishment.

    Nash reversion answers a deviation by player ``i`` with the stage
    equilibrium worst for ``i`` (mixed ones included), forever: the threshold
    is exact.  For the harshest credible punishment, with ``d_i`` the
    deviation gain, ``u_i`` the target payoff and ``m_i`` the minmax value,

    * ``max_i d_i / (d_i + u_i - m_i)`` is an exact lower bound (no
      equilibrium punishes below the minmax value);
    * Nash reversion gives an exact upper bound; and every simple strategy
      profile of :func:`stick_and_carrot` (all pairs of stick profiles, each
      for one period or for ever) is tried at the lower bound in rational
      arithmetic; one that is subgame perfect there is checked over all
      ``delta`` with :func:`stick_and_carrot`;
    * when Nash reversion or such a profile meets the lower bound, the
      threshold is exact; otherwise it is the
      smallest ``delta`` with ``(1 - delta) d_i <= delta (u_i - v_i(delta))``
      for both players, ``v_i`` from :func:`lowest_spe_payoffs`, found by
      bisection within the bracket (the lowest payoffs fall as ``delta``
      rises, since with public randomisation the equilibrium payoff set
      grows with ``delta``), to :data:`BISECTION_TOL`.

    Parameters
    ----------
    game : Game
        A numeric 2-player stage game.
    target : pair of str, or mapping player -> strategy

    Returns
    -------
    CriticalDiscountFactors

    Examples
    --------
    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> print(critical_discount_factors(pd, ("C", "C")).harshest)
    harshest credible punishment: 1/2 (exact; reversion to (D, D) holds Player 1 to its minmax value, reversion to (D, D) holds Player 2 to its minmax value)
    """
    game = _exact_game(game)
    profile = _profile(game, target)
    gains, u = _incentives(game, profile)
    minmax = minmax_values(game)
    worst = worst_stage_equilibria(game)
    nash = [Fraction(eq.payoffs[i]) for i, eq in enumerate(worst)]
    constrained = [i for i in range(2) if gains[i] > 0]
    nash_threshold = nash_reversion_threshold(game, target)
    lower = _worst([_patience(gains[i], u[i], minmax[i]) for i in range(2)])
    if lower is None:
        harshest = Threshold("harshest credible punishment", None, True,
                             "a player who gains by deviating gets no more than its minmax value on the target",
                             (None, None))
    elif all(nash[i] == minmax[i] for i in constrained):
        harshest = Threshold("harshest credible punishment", nash_threshold.value, True, ", ".join(
            f"reversion to {_reversion(worst[i])} holds {game.players[i]} to its minmax value" for i in constrained)
            or "no deviation pays", (lower, lower))
    else:
        harshest = _harshest(game, profile, gains, u, lower, nash_threshold)
    return CriticalDiscountFactors(tuple(_name(game, profile)[1:-1].split(", ")), nash_threshold, harshest)


def _incentives(game: Game, profile):
    """Each player's best one-shot gain from deviating from `profile`, and its payoffs there."""
    A, B = game.payoff_arrays
    u = [Fraction(A[profile]), Fraction(B[profile])]
    return [max(Fraction(x) for x in A[:, profile[1]]) - u[0], max(Fraction(x) for x in B[profile[0], :]) - u[1]], u


def _reversion(eq) -> str:
    return f"({', '.join(eq.supports[j][0] for j in range(2))})" if eq.is_pure else f"the mixed {eq.describe()}"


def nash_reversion_threshold(game: Game, target) -> Threshold:
    """The critical discount factor of `target` when a deviation by player ``i`` is answered by the stage
    equilibrium worst for ``i`` (mixed ones included), for ever; exact.

    Examples
    --------
    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> print(nash_reversion_threshold(pd, ("C", "C")))
    Nash reversion: 1/2 (exact; reversion to (D, D): worth 1 to Player 1, 1 to Player 2)
    """
    game = _exact_game(game)
    profile = _profile(game, target)
    gains, u = _incentives(game, profile)
    worst = worst_stage_equilibria(game)
    nash = [Fraction(eq.payoffs[i]) for i, eq in enumerate(worst)]
    value = _worst([_patience(gains[i], u[i], nash[i]) for i in range(2)])
    reverts = "; ".join(sorted({_reversion(worst[i]) for i in range(2) if gains[i] > 0}))
    how = (f"reversion to {reverts}: worth " + ", ".join(f"{nash[i]} to {game.players[i]}" for i in range(2))
           if reverts else "no deviation pays")
    return Threshold("Nash reversion", value, True, how, (value, value))


def _harshest(game, profile, gains, u, lower, nash_threshold) -> Threshold:
    kind = "harshest credible punishment"
    upper = nash_threshold.value
    if upper == lower:
        return Threshold(kind, lower, True, f"Nash reversion meets the minmax bound {lower}", (lower, lower))
    first, cover = _simple_profiles_at(game, profile, lower)
    if cover:
        described = "; ".join(f"{_describe_punishments(game, profile, sticks, lengths)} (subgame perfect for "
                              f"delta in {_interval_text(region)})" for sticks, lengths, region in cover)
        return Threshold(kind, lower, True, f"{described}; meets the minmax bound {lower}", (lower, lower))
    if first:
        return Threshold(kind, float(lower), False, (
            f"{_describe_punishments(game, profile, *first)} is subgame perfect at delta = {lower}, the minmax "
            f"bound (exact rational check); that every larger delta sustains the target too follows from the "
            f"equilibrium payoff set growing with delta (public randomisation), not from an exact check"),
            (lower, upper))

    def sustained(delta: float) -> bool:
        low = lowest_spe_payoffs(game, delta)
        scale = payoff_scale(game)
        # a payoff set that did not converge counts as not sustaining (its minimum is only a lower bound):
        # the threshold found errs on the high side
        return all(p.converged and (1 - delta) * float(d) <= delta * (float(v) - float(p.value)) + _ATTAIN_TOL * scale
                   for p, d, v in zip(low, gains, u))
    lo, hi = float(lower), float(upper) if upper is not None else 1.0
    bracket_text = f"exact bracket [{lower}, {upper if upper is not None else 1}]"
    if sustained(lo):
        return Threshold(kind, lo, False, f"the payoff set at the minmax bound {lower} already sustains the "
                         f"target (to {_ATTAIN_TOL:g}); {bracket_text}", (lower, upper))
    if upper is None and not sustained(_HIGHEST_DELTA):
        return Threshold(kind, None, False, f"not sustained at delta = {_HIGHEST_DELTA} (the payoff set is not "
                         f"computed closer to 1); {bracket_text}", (lower, upper))
    hi = hi if upper is not None else _HIGHEST_DELTA
    while hi - lo > BISECTION_TOL:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if sustained(mid) else (mid, hi)
    return Threshold(kind, hi, False, f"bisection on delta with the pure-strategy payoff set and Nash reversion "
                     f"(to {BISECTION_TOL:g}); {bracket_text}", (lower, upper))


# -- the figure ---------------------------------------------------------------------------------

def plot_critical_discount_factors(repeated, x, curves, target=None, fine: int = 4, ax=None):
    """Draw both critical discount factors of a model's target profile against one parameter.

    For each value of the `curves` parameter: the Nash-reversion threshold
    as a dashed line (exact, on a grid `fine` times finer than `x`), and the
    harshest-credible-punishment threshold at the values of `x`, joined by a
    solid line, with filled markers where it is exact and open ones where it
    is numeric (smaller for each further curve, so coinciding ones stay
    visible).  Where no discount factor below 1 sustains the target, the
    curve has a gap.

    Parameters
    ----------
    repeated : RepeatedGame
        A repeated game whose stage is a 2-player model.
    x : (str, sequence)
        The parameter on the horizontal axis and its values (increasing).
    curves : (str, sequence)
        A second parameter and its values, one pair of curves each.
    target : pair of str, optional
        Default: the model's ``[repeated]`` cooperative profile.
    fine : int
        Subdivisions of each step of `x` for the Nash-reversion line.
    ax : matplotlib axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        ``fig.thresholds`` holds the results: ``{(curve value, x value): CriticalDiscountFactors}``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sbgames
    >>> from sbgames.repeated import RepeatedGame
    >>> fig = plot_critical_discount_factors(RepeatedGame(sbgames.load_model("core")), ("lam", [2, 3]), ("l_r", [1]))
    >>> [(key, str(result.harshest.value)) for key, result in fig.thresholds.items()]
    [((1, Fraction(2, 1)), '0.6666666666666666'), ((1, Fraction(3, 1)), '4/7')]
    >>> fig.axes[0].get_xlabel()
    'lam'
    """
    import matplotlib.pyplot as plt

    from ..plot import PALETTE
    model = repeated.model
    if model is None:
        raise InputError("plot_critical_discount_factors needs a repeated game of a model (parameters to vary)")
    target = model.repeated["cooperate"] if target is None else target
    (name, values), (curve_name, curve_values) = x, curves
    values = [Fraction(v) for v in values]
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 4.4), layout="constrained")
    fig = ax.figure
    results = {}
    for k, c in enumerate(curve_values):
        colour = PALETTE[(4, 5, 2, 0, 6)[k % 5]]
        grid = [a + (b - a) * j / fine for a, b in zip(values, values[1:]) for j in range(fine)] + values[-1:]
        nash = [nash_reversion_threshold(model.game(**{name: v, curve_name: c}), target).value for v in grid]
        ax.plot([float(v) for v in grid], [np.nan if t is None else float(t) for t in nash], "--", color=colour,
                label=f"{curve_name} = {c}: Nash reversion" + (" (no δ < 1)" if all(t is None for t in nash) else ""))
        harsh = []
        for v in values:
            results[(c, v)] = repeated.critical_discount_factors(target, **{name: v, curve_name: c})
            harsh.append(results[(c, v)].harshest)
        ys = [np.nan if h.value is None else float(h.value) for h in harsh]
        ax.plot([float(v) for v in values], ys, "-", color=colour, linewidth=1.6,
                label=f"{curve_name} = {c}: harshest credible punishment")
        for v, y, h in zip(values, ys, harsh):
            ax.plot(float(v), y, "o", color=colour, markerfacecolor=colour if h.exact else "white",
                    markersize=10 - 2.5 * (k % 3), zorder=3 + k)       # shrinking: coinciding markers stay visible
    ax.plot([], [], "o", color="grey", label="exact")
    ax.plot([], [], "o", color="grey", markerfacecolor="white", label="numeric")
    ax.set_xlabel(name)
    ax.set_ylabel("critical discount factor")
    ax.set_ylim(0, 1.02)
    ax.set_title(f"Sustaining {', '.join(target)}: Nash reversion vs the harshest credible punishment", fontsize=9)
    ax.legend(fontsize=7, framealpha=0.85, loc="lower left")
    fig.thresholds = results
    return fig
