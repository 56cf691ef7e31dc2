"""How likely is collective soft balancing to succeed?

The threshold collective-action game behind many-state soft balancing:
``n`` states each decide whether to soft balance at a private cost ``c``;
if at least ``kappa`` of them do, soft balancing works and every state,
soft balancer or not, gets the value ``v``.  ``kappa = 1`` is a veto (any
state can block, a volunteer's dilemma), ``kappa = n`` unanimity, in
between a qualified majority.

The threatening power is not a player of this game: it is taken to revise
for sure, so "success" means that part of the revision is *blocked*
(``v = e_s theta`` and ``c = c_s + b`` in the collective model), not that
the revision is deterred.  That reading is right in the full collective
model only where the threatening power revises for sure in equilibrium.
:func:`veto_game_equilibrium` solves the symmetric equilibrium of the full
veto game, the threatening power included: there the threatening power's
indifference fixes the chance that someone soft balances, and more states
show up as more revision rather than as less soft balancing.

In a symmetric mixed equilibrium each state soft balances with the same
probability ``p`` (:func:`~sbgames.nplayer.symmetric.threshold_public_good`
finds every such ``p`` exactly), so the number who do is
``Binomial(n, p)`` and soft balancing succeeds with probability

.. math::

    \\Pr(\\text{success}) = \\sum_{j=\\kappa}^{n} \\binom{n}{j} p^j (1-p)^{n-j}.

:func:`success_probabilities` returns this for every symmetric mixed
equilibrium; :func:`plot_success` draws it against ``n`` for several
thresholds.

Which equilibrium?  With ``kappa >= 2`` and ``n > kappa`` there are two
symmetric mixed equilibria (when ``v/c`` is large enough): a low one and a
high one.  A state is indifferent when it is pivotal (exactly ``kappa - 1``
others soft balance) with probability ``c/v``; the pivot probability rises
in ``p`` up to ``(kappa - 1)/(n - 1)`` and falls after, so the low root is a
tipping point (below it participation unravels to nobody, above it it grows)
and the high root is stable under the symmetric replicator dynamics
(:attr:`SuccessEquilibrium.stable`).  Each state's equilibrium payoff equals
a free rider's, ``v`` times the chance that ``kappa`` of the others soft
balance, which rises in ``p``: every state prefers the high equilibrium.
That is why the figure plots the highest-participation equilibrium.  With
``kappa = n`` the only symmetric mixed equilibrium is the tipping point
(everyone soft balancing is then a pure equilibrium), so curves start at
``n = kappa + 1``.

Examples
--------
Veto by one of three states, value 4, cost 1 (each soft balances with
probability 1/2; nobody does with probability 1/8):

>>> [(str(e.p.exact), str(e.success)) for e in success_probabilities(3, 1, 4, 1, exact=True)]
[('1/2', '7/8')]

Two of four needed: a tipping point and a stable, high-participation equilibrium:

>>> [(round(e.p.value, 4), round(e.value, 4), e.stable) for e in success_probabilities(4, 2, 4, 1)]
[(0.1037, 0.056, False), (0.6388, 0.8626, True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb

import sympy

from ..equilibrium import Equilibrium, verified
from ..errors import InputError, VerificationError
from .collective import collective_model
from .symmetric import SymmetricRoot, threshold_public_good, volunteers_dilemma

__all__ = ["SuccessEquilibrium", "success_probability", "success_probabilities", "plot_success",
           "VetoGameEquilibrium", "veto_game_equilibrium"]


@dataclass(frozen=True)
class SuccessEquilibrium:
    """One symmetric mixed equilibrium of the threshold game and the chance that soft balancing succeeds in it.

    Attributes
    ----------
    p : SymmetricRoot
        Each state's probability of soft balancing (exact and float).
    success : sympy.Expr or None
        Exact probability that at least ``kappa`` of the ``n`` states soft
        balance; ``None`` when solved with ``exact=False``.
    value : float
        The same probability as a float.
    stable : bool
        Whether the equilibrium is stable under the symmetric replicator
        dynamics: ``p > (kappa - 1)/(n - 1)`` (the pivot probability falls
        in ``p`` there).  The low root of a qualified-majority game is not.
    """

    p: SymmetricRoot
    success: sympy.Expr | None
    value: float
    stable: bool


def success_probability(n: int, kappa: int, p):
    """Probability that at least `kappa` of `n` states soft balance when each does with probability `p`.

    Computed as ``1 - Pr(fewer than kappa)``, exactly for exact `p` (ints,
    fractions, sympy numbers) and in floating point for floats.

    Examples
    --------
    >>> from fractions import Fraction
    >>> success_probability(3, 2, Fraction(1, 2))
    Fraction(1, 2)
    >>> success_probability(2, 1, sympy.Rational(3, 4))
    15/16
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"n must be a positive integer, got {n!r}")
    if isinstance(kappa, bool) or not isinstance(kappa, int) or not 1 <= kappa <= n:
        raise InputError(f"kappa must be an integer in 1..{n}, got {kappa!r}")
    return 1 - sum(comb(n, j) * p ** j * (1 - p) ** (n - j) for j in range(kappa))


def _stable(p: SymmetricRoot, n: int, kappa: int) -> bool:
    mode = sympy.Rational(kappa - 1, n - 1)
    if p.exact is not None:
        return bool(p.exact > mode)
    return bool(p.value > float(mode))


def success_probabilities(n: int, kappa: int, v, c, *, exact: bool = False) -> tuple[SuccessEquilibrium, ...]:
    """Every symmetric mixed equilibrium of the threshold soft-balancing game and its success probability.

    Parameters
    ----------
    n : int
        Number of states, at least 2.
    kappa : int
        How many must soft balance for it to work, ``1 <= kappa <= n``
        (1 = veto, the volunteer's dilemma).
    v, c : number
        Value to every state of soft balancing that works (blocks part of a
        revision the threatening power makes anyway), and each
        soft balancer's private cost; both positive.
    exact : bool, default False
        Keyword only.  Exact roots and probabilities (sympy) with ``True``;
        floats only with ``False``.

    Returns
    -------
    tuple of SuccessEquilibrium
        Ascending in the participation probability ``p``; empty when the
        game has no symmetric mixed equilibrium (``v <= c`` for a veto, or
        ``c/v`` above the largest pivot probability).

    Raises
    ------
    InputError
        ``n < 2``, ``kappa`` outside ``1..n``, ``v <= 0`` or ``c <= 0``
        (from :func:`~sbgames.nplayer.symmetric.threshold_public_good`).

    Examples
    --------
    The volunteer's dilemma: success ``1 - (c/v)**(n/(n-1))``, lower with more states:

    >>> [e.success for n in (2, 3, 5) for e in success_probabilities(n, 1, 4, 1, exact=True)]
    [15/16, 7/8, 1 - sqrt(2)/8]
    >>> success_probabilities(3, 2, 3, 2)
    ()
    """
    roots = threshold_public_good(n, kappa, v, c, exact=exact)
    out = []
    for root in roots:
        if root.exact is not None:
            prob = success_probability(n, kappa, root.exact)
            if not prob.has(sympy.CRootOf):
                prob = sympy.simplify(prob)
            value = float(sympy.N(prob, 30))
        else:
            prob = None
            value = float(success_probability(n, kappa, root.value))
        out.append(SuccessEquilibrium(root, prob, value, _stable(root, n, kappa)))
    return tuple(out)


def plot_success(ns=range(2, 11), kappas=(1, 2, 3), v=4, c=1, *, ax=None, style: str = "paper"):
    """Draw the probability that soft balancing succeeds against the number of states, one curve per threshold.

    Each point is the highest-participation symmetric mixed equilibrium
    (stable, and preferred by every state; see the module docstring) of the
    game with ``n`` states and threshold ``kappa``; curves use only
    ``n > kappa`` (at ``n = kappa`` the only symmetric mixed equilibrium is
    the unstable tipping point), and skip any ``n`` without a symmetric
    mixed equilibrium.

    Parameters
    ----------
    ns : iterable of int
        Numbers of states (each at least 2).
    kappas : iterable of int
        Thresholds, one curve each (1 = veto).
    v, c : number
        Value of soft balancing that works and private cost of soft balancing.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.
    style : {"paper", "print", "slides"}
        Size and type of a new figure (:data:`sbgames.figstyle.STYLES`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_success(ns=range(2, 6), kappas=(1, 2))
    >>> [line.get_xdata().tolist() for line in fig.axes[0].get_lines()]
    [[2, 3, 4, 5], [3, 4, 5]]
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    from ..figstyle import new_axes, style_options, style_rc
    ns, kappas = list(ns), list(kappas)
    if not ns or not kappas:
        raise InputError(f"give at least one n and one kappa, got ns={ns!r}, kappas={kappas!r}")
    with plt.rc_context({**style_rc(style), "figure.dpi": style_options(style)["dpi"]}):
        fig, ax = new_axes(ax, style)
        markers = "osD^v<>"
        for i, kappa in enumerate(kappas):
            xs, ys = [], []
            for n in ns:
                if n <= kappa or n < 2:
                    continue
                eqs = success_probabilities(n, kappa, v, c, exact=False)
                if eqs:
                    xs.append(n)
                    ys.append(eqs[-1].value)
            label = f"κ = {kappa}" + (" (veto)" if kappa == 1 else "")
            ax.plot(xs, ys, marker=markers[i % len(markers)], markersize=4, label=label)
        ax.set_xlabel("number of states (n)")
        ax.set_ylabel("Pr(at least κ states\nsoft balance)")
        ax.set_ylim(0, 1.02)
        ax.set_xticks(ns)
        ax.grid(alpha=0.3)
        ax.legend(title=f"states needed\n(v = {v}, c = {c})", loc="lower left")
    return fig


@dataclass(frozen=True)
class VetoGameEquilibrium:
    """The symmetric equilibrium of the full veto game: the threatening power and ``n`` states.

    Attributes
    ----------
    revise : sympy.Expr
        Probability that T revises.
    soft : sympy.Expr
        Each state's probability of soft balancing (it bandwagons otherwise).
    success : sympy.Expr
        Probability that at least one state soft balances, ``1 - (1 - soft)**n``.
    unopposed : sympy.Expr
        Probability that T revises and nobody soft balances, ``revise * (1 - success)``.
    equilibrium : Equilibrium
        The profile, checked against ``collective_model(n).game(**values)``:
        exactly when its probabilities are rational, otherwise within the
        float tolerance with the exact values in :attr:`Equilibrium.algebraic`.
    """

    revise: sympy.Expr
    soft: sympy.Expr
    success: sympy.Expr
    unopposed: sympy.Expr
    equilibrium: Equilibrium


def veto_game_equilibrium(n: int, **values) -> VetoGameEquilibrium:
    """The symmetric equilibrium of ``collective_model(n, "threshold", kappa=1)``, T included, exactly.

    Every state soft balances with probability ``p`` and bandwagons
    otherwise; T revises with probability ``r``.  Write ``v = e_s theta``
    (a state's stake in the veto when T revises), ``c = c_s + b`` (its
    price) and ``Q = g / (e_s g + lam (l - l_r))``.  T prefers revising iff
    the chance that someone soft balances is below ``Q``.

    * If the volunteer's dilemma among the states (T revising for sure)
      leaves that chance at most ``Q``, T does revise for sure: ``r = 1``,
      ``p = 1 - (c/v)**(1/(n-1))`` (``p = 1`` for one state; ``p = 0``
      when ``v <= c``).
    * Otherwise T mixes, and its indifference pins the chance that someone
      soft balances at ``Q``, whatever ``n``: ``p = 1 - (1 - Q)**(1/n)``,
      and the states' indifference gives
      ``r = c_s / (e_s theta (1 - Q)**((n-1)/n) - b)``.

    The two cases meet where ``r = 1``, so exactly one applies.

    Parameters
    ----------
    n : int
        Number of states, 1 to 6.
    **values
        Parameter values of the core model (defaults for the others).

    Returns
    -------
    VetoGameEquilibrium

    Raises
    ------
    InputError
        Bad ``n`` (from :func:`collective_model`); a parameter value outside
        its bounds, or values at which hard balancing pays against the
        profile: the game then has no symmetric equilibrium over soft
        balancing and bandwagoning.

    Examples
    --------
    At the core defaults T revises half the time against one state, more
    often against two, and for sure against three, while someone soft
    balances half the time until T stops mixing:

    >>> for n in (1, 2, 3):
    ...     eq = veto_game_equilibrium(n)
    ...     print(n, eq.revise, eq.success, round(float(eq.success), 4))
    1 1/2 1/2 0.5
    2 2/7 + 3*sqrt(2)/7 1/2 0.5
    3 1 1 - 2*sqrt(6)/9 0.4557
    """
    model = collective_model(n, rule="threshold", kappa=1)
    x = {k: sympy.Rational(v.numerator, v.denominator) for k, v in model.values(**values).items()}
    g, theta, e_s, lam, l, l_r, c_s, b = (x[k] for k in ("g", "theta", "e_s", "lam", "l", "l_r", "c_s", "b"))
    v, c = e_s * theta, c_s + b
    deterrence = e_s * g + lam * (l - l_r)  # what soft balancing costs T, per unit of its probability
    if not v > c:
        p = sympy.Integer(0)
    elif n == 1:
        p = sympy.Integer(1)
    else:
        p = volunteers_dilemma(n, v, c)
    success = 1 - (1 - p) ** n
    if deterrence == 0 or bool(g >= success * deterrence):
        revise = sympy.Integer(1)
    else:
        q = g / deterrence
        p = 1 - (1 - q) ** sympy.Rational(1, n)
        success = q
        revise = c_s / (v * (1 - q) ** sympy.Rational(n - 1, n) - b)
    revise, p, success = (sympy.radsimp(sympy.simplify(e)) for e in (revise, p, success))
    state = (sympy.Integer(0), p, 1 - p)
    exact = ((revise, 1 - revise),) + (state,) * n
    game = model.game(**values)
    rational = all(z.is_Rational for z in (revise, p))  # then checked exactly, else in floating point
    profile = [[Fraction(int(z.p), int(z.q)) if rational else float(z) for z in s] for s in exact]
    try:
        eq = verified(game, profile, method="symmetric closed form", exact=rational,
                      algebraic=None if rational else exact)
    except VerificationError:
        if "Hard" in game.as_float().best_responses([[float(z) for z in s] for s in exact], "S1"):
            raise InputError(f"hard balancing pays against the symmetric soft-balancing profile at these "
                             f"values ({values or 'the defaults'}): the veto game with {n} state(s) has no "
                             "symmetric equilibrium over Soft and Bandwagon; solve "
                             "collective_model(n).equilibria(...) instead") from None
        raise
    return VetoGameEquilibrium(revise, p, success, sympy.simplify(revise * (1 - success)), eq)
