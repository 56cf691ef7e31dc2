"""Two-level balancing: two great powers compete for a region while the regional states balance among them.

Dursun-Özkanca describes soft balancing in central Asia on two levels:
Russia, China and the United States compete for influence in the region,
and the regional states (the five former Soviet republics) keep their
autonomy with multi-vector diplomacy, regional institutions and limited
alignments rather than siding for good with one power.
:func:`two_level_model` builds the smallest normal-form game with both
levels.

Players and strategies
----------------------
* ``G1``, ``G2``, the great powers: ``Expand`` (push for influence in the
  region: pressure, bases, exclusive economic blocs) or ``Restrain``.
* ``R1..Rk`` (``k = n_regional``, 1 to 3), the regional states: ``Soft``
  (balance both powers through regional institutions and multi-vector
  diplomacy), ``Align G1`` or ``Align G2`` (bandwagon with one power).

Payoffs
-------
Each regional state is worth ``g/k`` of influence.  Let ``s`` be the number
of soft balancers, ``a_i`` the number aligned with ``G_i``, ``E`` the number
of expanding powers, and ``f`` the strength of regional soft balancing: with
``rule="threshold"`` (default) ``f = 1`` if ``s >= kappa`` (it works only
with at least ``kappa`` participants) else ``0``; with
``rule="proportional"`` ``f = s/k`` (a regional institution is as strong as
its participation).

* ``G_i`` gets ``(g/k)*a_i`` from its clients, expanding or not: alignment
  hands influence over by consent (membership of the patron's security and
  economic bodies, basing rights).  If it expands it also takes the share of
  the soft balancers' influence that soft balancing does not block, split
  with the rival if both expand, ``(g/k)*s*(1 - e_s*f)/E``; if ``f > 0`` it
  pays the legitimacy cost ``lam*l*s/k`` (as in the core game, in proportion
  to the share of the region that soft balances against it); and if both
  expand each pays the rivalry cost ``r``.
* A soft balancer pays ``c_s`` and, when at least one power expands, loses
  autonomy ``theta`` times the share taken from it, ``(1 - e_s*f)*theta``.
* A client of either power gets the spoils ``b`` and loses its autonomy to
  the patron: ``b - theta``, whatever the powers do.  Alignment shields it
  from the rival's expansion but never from its patron.

Why alignment costs autonomy even when the patron restrains: if clients
lost nothing to a restrained patron, aligning would be free against
restraint and soft balancing could never be part of a stable regional order
with restrained powers, against the case literature, where regional states
soft balance precisely to avoid dependence on any single power.

Facts (derived by hand, tested in ``tests/test_two_level.py``):

1. Everyone soft balancing with both powers restrained is an equilibrium iff
   ``theta >= c_s + b`` (autonomy is worth more than the spoils and the
   cost) and ``lam*l >= (1 - e_s)*g`` (a power that broke ranks would lose
   more legitimacy than it gains: THEORY fact 4's restraint condition).
2. Everyone soft balancing with both powers expanding is an equilibrium iff
   ``e_s*theta >= c_s + b`` and ``(1 - e_s)*g/2 >= lam*l + r``.
3. Everyone aligned with ``G1``, ``G1`` expanding and ``G2`` restrained, is
   an equilibrium iff ``e_s*theta <= c_s + b`` (threshold rule with
   ``kappa = 1``; the great powers' conditions, ``g >= g`` and ``0 >= -r``,
   always hold).
4. With the threshold rule and ``kappa = 1`` a regional state's payoff does
   not depend on the other regional states, only on whether some power
   expands: regional states interact only through the great powers.  With
   ``rule="proportional"`` they interact directly: when some power expands,
   a lone soft balancer blocks only ``e_s/k``, so soft balancing by one
   state needs ``e_s*theta/k >= c_s + b`` while soft balancing by all needs
   only ``e_s*theta >= c_s + b``.  In between, everyone soft balancing and
   everyone aligned are both equilibria: a coordination problem.

Examples
--------
>>> m = two_level_model(2)
>>> m.players, m.strategies[2]
(('G1', 'G2', 'R1', 'R2'), ('Soft', 'Align G1', 'Align G2'))
>>> m.game().payoff(("Expand", "Restrain", "Soft", "Align G1"))
(Fraction(0, 1), Fraction(0, 1), Fraction(-4, 1), Fraction(-5, 1))
>>> sorted(eq.describe() for eq in m.equilibria(method="pure", exact=True))
['G1: Restrain; G2: Restrain; R1: Soft; R2: Soft']
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from ..errors import InputError
from ..normal_model import Model

__all__ = ["two_level_model", "MAX_REGIONAL", "GREAT_POWER_STRATEGIES", "REGIONAL_STRATEGIES", "RULES"]

#: Largest number of regional states (4 * 3**3 = 108 profiles).
MAX_REGIONAL = 3
GREAT_POWER_STRATEGIES = ("Expand", "Restrain")
REGIONAL_STRATEGIES = ("Soft", "Align G1", "Align G2")
#: How regional soft balancing aggregates.
RULES = ("threshold", "proportional")

_PARAMETERS = {
    "g": {"default": "4", "above": "0", "latex": "g",
          "description": "value to a great power of influence over the whole region",
          "literature": "spheres of influence; great powers use regional soft balancing proactively to gain them"},
    "theta": {"default": "6", "min": "0", "latex": "\\theta",
              "description": "autonomy a regional state loses when fully under a great power's influence",
              "literature": "regional states soft balance defensively to keep their autonomy and security"},
    "e_s": {"default": "1/2", "min": "0", "max": "1", "latex": "e_s",
            "description": "share of a great power's influence push that regional soft balancing blocks",
            "literature": "regional institutions, multi-vector diplomacy, strategic non-cooperation"},
    "lam": {"default": "2", "min": "0", "latex": "\\lambda",
            "description": "weight a great power puts on its legitimacy in the region",
            "literature": "importance of legitimacy; territorial-integrity norms"},
    "l": {"default": "3", "min": "0", "latex": "\\ell",
          "description": "legitimacy a great power loses expanding against the whole region soft balancing",
          "literature": "legitimacy denial and delegitimation through regional institutions"},
    "r": {"default": "1", "min": "0", "latex": "r",
          "description": "cost to each great power of rivalry when both expand in the region",
          "literature": "great-power competition for regional influence; risk of escalation"},
    "c_s": {"default": "1", "min": "0", "latex": "c_s",
            "description": "a regional state's cost of soft balancing",
            "literature": "active and cheap-talk diplomacy are cheap; domestic support lowers it"},
    "b": {"default": "1", "min": "0", "latex": "b",
          "description": "spoils a regional state receives from aligning with a great power",
          "literature": "bandwagoning for profit: aid, investment, security guarantees"},
}


def _scaled(coef: Fraction, expr: str) -> list[str]:
    """``["+ coef*expr"]`` as signed text ([] when coef is 0)."""
    if coef == 0:
        return []
    sign = "+" if coef > 0 else "-"
    mag = abs(coef)
    return [f"{sign} {expr}" if mag == 1 else f"{sign} ({mag})*{expr}"]


def two_level_model(n_regional: int = 2, kappa: int = 1, rule: str = "threshold") -> Model:
    """Two great powers and ``n_regional`` regional states that soft balance or align (see the module docstring).

    Parameters
    ----------
    n_regional : int, default 2
        Number of regional states ``k``, 1 to :data:`MAX_REGIONAL` (3).
    kappa : int, default 1
        How many regional states must soft balance for it to block anything
        (and to cost an expanding power legitimacy), ``1 <= kappa <= k``:
        1 for individual multi-vector diplomacy, ``k`` for a regional
        institution that acts only by consensus.  Only for rule
        ``"threshold"``.
    rule : {"threshold", "proportional"}, default "threshold"
        ``"threshold"``: soft balancing blocks ``e_s`` of the influence push
        on each soft balancer if at least `kappa` states soft balance, else
        nothing.  ``"proportional"``: it blocks ``e_s*s/k``, growing with
        the number ``s`` of soft balancers (a regional institution is as
        strong as its participation), and the legitimacy cost is
        ``lam*l*s/k``.

    Returns
    -------
    Model
        Players ``G1, G2, R1, ..., Rk``; parameters ``g, theta, e_s, lam,
        l, r, c_s, b``.

    Raises
    ------
    InputError
        ``n_regional`` or ``kappa`` out of range, unknown `rule`.

    Examples
    --------
    >>> two_level_model(1).payoffs[("Expand", "Expand", "Soft")]
    (g*(1/2 - e_s/2) - l*lam - r, g*(1/2 - e_s/2) - l*lam - r, -c_s - theta*(1 - e_s))
    >>> two_level_model(4)
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: n_regional must be an integer in 1..3, got 4
    """
    if isinstance(n_regional, bool) or not isinstance(n_regional, int) or not 1 <= n_regional <= MAX_REGIONAL:
        raise InputError(f"n_regional must be an integer in 1..{MAX_REGIONAL}, got {n_regional!r}")
    k = n_regional
    if rule not in RULES:
        raise InputError(f"unknown rule {rule!r}: use one of {', '.join(RULES)}")
    if isinstance(kappa, bool) or not isinstance(kappa, int) or not 1 <= kappa <= k:
        raise InputError(f"kappa must be an integer in 1..{k} (regional states needed), got {kappa!r}")
    if rule == "proportional" and kappa != 1:
        raise InputError(f"kappa is only used by rule 'threshold', got kappa={kappa!r} with rule 'proportional'")

    payoffs = {}
    for g1, g2, *states in itertools.product(GREAT_POWER_STRATEGIES, GREAT_POWER_STRATEGIES,
                                             *[REGIONAL_STRATEGIES] * k):
        s = states.count("Soft")
        # f: strength of soft balancing (the share of e_s it blocks); legitimacy counts only when it works
        f = Fraction(s, k) if rule == "proportional" else Fraction(int(s >= kappa))
        works = int(f > 0)
        expanders = [g1, g2].count("Expand")
        # unblocked share of a soft balancer's influence
        taken = "1" if f == 0 else ("(1 - e_s)" if f == 1 else f"(1 - ({f})*e_s)")
        row = []
        for i, move in enumerate((g1, g2), 1):
            parts = _scaled(Fraction(states.count(f"Align G{i}"), k), "g")
            if move == "Expand":
                parts += _scaled(Fraction(s, k * expanders), f"{taken}*g" if f else "g")
                parts += _scaled(-Fraction(s, k) * works, "lam*l")
                parts += ["- r"] * (expanders == 2)
            row.append(" ".join(parts).lstrip("+ ") or "0")
        for move in states:
            if move == "Soft":
                row.append("-c_s" + (f" - {taken}*theta" if expanders else ""))
            else:
                row.append("b - theta")
        payoffs[",".join([g1, g2, *states])] = row

    rule_text = f"if at least {kappa} do" if rule == "threshold" else "times the share that do"
    players = {"G1": {"name": "Great power 1", "strategies": list(GREAT_POWER_STRATEGIES)},
               "G2": {"name": "Great power 2", "strategies": list(GREAT_POWER_STRATEGIES)}}
    for i in range(1, k + 1):
        players[f"R{i}"] = {"name": f"Regional state {i}", "strategies": list(REGIONAL_STRATEGIES)}
    data = {
        "name": f"two_level_{k}_{rule}",
        "title": f"Two great powers and {k} regional state(s): two-level soft balancing",
        "source": "sbgames.nplayer.two_level.two_level_model",
        "description": ("Two great powers expand in or restrain from a region; regional states soft balance "
                        f"both (blocking e_s of an expanding power's influence, {rule_text}) "
                        "or align with one (spoils b, autonomy theta lost to the patron). "
                        "Expanding powers pay legitimacy lam*l in proportion to the soft-balancing share, "
                        "and rivalry r when both expand."),
        "players": players,
        "parameters": {name: dict(spec) for name, spec in _PARAMETERS.items()},
        "constraints": [],
        "payoffs": payoffs,
    }
    return Model.from_dict(data, source=f"two_level_model({k}, kappa={kappa}, rule={rule!r})")
