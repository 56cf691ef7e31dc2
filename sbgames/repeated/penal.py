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

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import InputError
from ..game import Game
from ..tolerance import payoff_scale
from .punishment import (Punishment, exact_stage_game, lowest_spe_payoffs, minmax_values, profile_name,
                         stage_profile, worst_stage_equilibria)
from .simple_profiles import describe_punishments, interval_text, simple_profiles_at, stick_and_carrot

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
    game = exact_stage_game(game)
    profile = stage_profile(game, target)
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
    return CriticalDiscountFactors(tuple(profile_name(game, profile)[1:-1].split(", ")), nash_threshold, harshest)


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
    game = exact_stage_game(game)
    profile = stage_profile(game, target)
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
    first, cover = simple_profiles_at(game, profile, lower)
    if cover:
        described = "; ".join(f"{describe_punishments(game, profile, sticks, lengths)} (subgame perfect for "
                              f"delta in {interval_text(region)})" for sticks, lengths, region in cover)
        return Threshold(kind, lower, True, f"{described}; meets the minmax bound {lower}", (lower, lower))
    if first:
        return Threshold(kind, float(lower), False, (
            f"{describe_punishments(game, profile, *first)} is subgame perfect at delta = {lower}, the minmax "
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

def _legend(fig, ax, new: bool, options: dict, curves: list, never: list, target) -> None:
    """The key of the thresholds figure: a colour per curve, a line style per punishment, a marker per kind."""
    from matplotlib.lines import Line2D

    from ..figstyle import PALETTE, wrap
    handles = [Line2D([], [], color=PALETTE[(4, 5, 2, 0, 6)[k % 5]], label=c) for k, c in enumerate(curves)]
    handles += [Line2D([], [], color="black", linestyle="--", label="Nash reversion"),
                Line2D([], [], color="black", label="harshest credible punishment"),
                Line2D([], [], color="black", marker="o", linestyle="None", label="exact"),
                Line2D([], [], color="black", marker="o", markerfacecolor="white", linestyle="None", label="numeric")]
    if not any(line.get_linestyle() == "--" for line in ax.get_lines()):
        handles.pop(len(curves))  # no Nash-reversion line drawn at all
    title = (f"Nash reversion sustains {', '.join(target)} at no $\\delta$ < 1 for {', '.join(never)}"
             if never else None)
    if new:
        rows = (len(handles) + 1) // 2 + (2 if never else 0)
        fig.set_figheight(fig.get_figheight() + rows * 1.5 * options["small"] / 72 + 0.1)
        fig.legend(handles=handles, loc="outside lower center", frameon=False, ncols=2,
                   title=title and wrap(title, 60), labelspacing=0.3, columnspacing=1.0)
    else:
        ax.legend(handles=handles, framealpha=0.85, loc="lower left", title=title)


def plot_critical_discount_factors(repeated, x, curves, target=None, fine: int = 4, ax=None, style: str = "paper"):
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
    style : {"paper", "print", "slides"}
        Size and type of a new figure (:data:`sbgames.figstyle.STYLES`).

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
    'weight T puts on international legitimacy ($\\\\lambda$)'
    """
    import matplotlib.pyplot as plt

    from ..figstyle import PALETTE, axis_label, new_axes, style_options, style_rc, symbol
    model = repeated.model
    if model is None:
        raise InputError("plot_critical_discount_factors needs a repeated game of a model (parameters to vary)")
    target = model.repeated["cooperate"] if target is None else target
    (name, values), (curve_name, curve_values) = x, curves
    values = [Fraction(v) for v in values]
    options = style_options(style)
    new = ax is None
    with plt.rc_context({**style_rc(style), "figure.dpi": options["dpi"]}):
        fig, ax = new_axes(ax, style)
        results, never = {}, []
        curve_symbol = symbol(model, curve_name)
        for k, c in enumerate(curve_values):
            colour = PALETTE[(4, 5, 2, 0, 6)[k % 5]]
            grid = [a + (b - a) * j / fine for a, b in zip(values, values[1:]) for j in range(fine)] + values[-1:]
            nash = [nash_reversion_threshold(model.game(**{name: v, curve_name: c}), target).value for v in grid]
            if all(t is None for t in nash):
                never.append(f"{curve_symbol} = {c}")  # no line to draw: the legend's title says so
            else:
                ax.plot([float(v) for v in grid], [np.nan if t is None else float(t) for t in nash], "--",
                        color=colour, label=f"{curve_symbol} = {c}: Nash reversion")
            harsh = []
            for v in values:
                results[(c, v)] = repeated.critical_discount_factors(target, **{name: v, curve_name: c})
                harsh.append(results[(c, v)].harshest)
            ys = [np.nan if h.value is None else float(h.value) for h in harsh]
            ax.plot([float(v) for v in values], ys, "-", color=colour,
                    label=f"{curve_symbol} = {c}: harshest credible punishment")
            for v, y, h in zip(values, ys, harsh):
                ax.plot(float(v), y, "o", color=colour, markerfacecolor=colour if h.exact else "white",
                        markersize=(7 - 1.8 * (k % 3)) * options["font"] / 8,
                        zorder=3 + k)       # shrinking: coinciding markers stay visible
        ax.set_xlabel(axis_label(model, name))
        ax.set_ylabel("critical discount factor ($\\delta$)")
        ax.set_ylim(0, 1.02)
        _legend(fig, ax, new, options, [f"{curve_symbol} = {c}" for c in curve_values], never, target)
    fig.thresholds = results
    return fig
