"""Institutional balancing: soft balancing inside or outside an institution the threatening power belongs to.

Kai He's *institutional balancing* distinguishes two ways in which states use
multilateral institutions against a threatening power T.  In *inclusive*
institutional balancing T is a member: the others bind it with the
institution's rules and norms (Wivel reads the EU as a governance model of
this kind, and accession or membership processes as its levers towards
outsiders).  In *exclusive* institutional balancing the institution keeps T
out and the members coordinate against it.  :func:`institutional_model`
builds both as variants of :func:`~sbgames.nplayer.collective.collective_model`
(same players, strategies, rules and parameters), with three new parameters.

Inclusive form (``form="inclusive"``), parameters ``m`` and ``d``:

* **membership leverage** ``m >= 0``: T values its seat (voice, market
  access, status).  It keeps ``m`` when it restrains, and when it revises
  it keeps ``(1 - f)*m``: effective soft balancing (effect ``f``, see the
  collective model) suspends it from the institution's benefits;
* **dilution** ``0 <= d <= 1``: being inside, T waters down the decisions
  taken against it, so effective soft balancing blocks only
  ``f*(1 - d)*e_s`` of the revision instead of ``f*e_s`` (for T and for the
  states alike).  Dilution does not touch the legitimacy loss ``lam*l``: a
  diluted resolution still tells the world that the members object.

Exclusive form (``form="exclusive"``), parameter ``x``:

* **cost of exclusion** ``x >= 0``: every state that soft balances through
  the exclusive institution pays ``x`` on top of ``c_s``, whatever T does:
  running a club without T forgoes cooperation with it (and T keeps its
  full payoff outside: no leverage, no dilution).

With ``m = d = 0`` (inclusive) or ``x = 0`` (exclusive) the model is exactly
:func:`~sbgames.nplayer.collective.collective_model` with the same arguments.

Which form restrains better?  For one state (``n = 1``) against revision
(hand derivation, checked in ``tests/test_institutional.py``):

* T prefers restraint to revision against soft balancing iff
  ``lam*(l - l_r) + m > (1 - (1 - d)*e_s)*g`` (inclusive) and iff
  ``lam*(l - l_r) > (1 - e_s)*g`` (exclusive): the inclusive institution
  restrains on a larger set of parameters iff ``m > d*e_s*g``, the
  membership leverage outweighs what dilution gives back to T;
* S prefers soft balancing to bandwagoning against revision iff
  ``(1 - d)*e_s*theta > c_s + b`` (inclusive) and iff
  ``e_s*theta > c_s + x + b`` (exclusive): the inclusive institution
  mobilises on a larger set iff ``x > d*e_s*theta``, the cost of exclusion
  exceeds the protection lost to dilution.

Examples
--------
>>> inc = institutional_model(1, "inclusive")
>>> inc.payoffs[("Revise", "Soft")]
(g*(-e_s*(1 - d) + 1) - l*lam, -c_s + theta*(e_s*(1 - d) - 1))
>>> inc.payoffs[("Restrain", "Bandwagon")]
(m, 0)
>>> exc = institutional_model(1, "exclusive")
>>> exc.payoffs[("Restrain", "Soft")]
(-l_r*lam, -c_s - x)
"""

from __future__ import annotations

from ..errors import InputError
from ..normal_model import Model
from .collective import collective_data

__all__ = ["institutional_model", "FORMS"]

#: The two forms of institutional balancing.
FORMS = ("inclusive", "exclusive")

_NEW_PARAMETERS = {
    "inclusive": {
        "m": {"default": "1", "min": "0", "latex": "m",
              "description": "value T draws from membership of the institution (voice, access, status)",
              "literature": ("inclusive institutional balancing (He): binding T through the rules of an "
                             "institution it belongs to; suspension of its privileges is the lever")},
        "d": {"default": "1/4", "min": "0", "max": "1", "latex": "d",
              "description": "share of soft balancing's blocking effect T dilutes from inside the institution",
              "literature": ("a member can water down or veto decisions against it; consensus rules "
                             "(ASEAN way, EU unanimity) raise it")},
    },
    "exclusive": {
        "x": {"default": "1/2", "min": "0", "latex": "x",
              "description": "each soft balancer's extra cost of an institution that excludes T",
              "literature": ("exclusive institutional balancing (He): a club without T forgoes "
                             "cooperation with it and must be run by its members alone")},
    },
}


def institutional_model(n: int, form: str = "inclusive", rule: str = "threshold", kappa=1, weights=None,
                        costs=None) -> Model:
    """The n-state soft-balancing game played through an inclusive or an exclusive institution.

    Parameters
    ----------
    n : int
        Number of secondary states, 1 to 6.
    form : {"inclusive", "exclusive"}
        ``"inclusive"``: T is a member (parameters ``m``, membership value,
        and ``d``, dilution); ``"exclusive"``: T is kept out (parameter
        ``x``, cost of exclusion).  See the module docstring.
    rule, kappa, weights, costs
        As in :func:`~sbgames.nplayer.collective.collective_model`: how soft
        balancing aggregates (``"threshold"``, ``"proportional"``,
        ``"weighted"``), its threshold, the states' weights and per-state
        costs.

    Returns
    -------
    Model
        Players ``T, S1, ..., Sn``; the parameters of ``models/core.toml``
        plus ``m`` and ``d`` (inclusive) or ``x`` (exclusive).

    Raises
    ------
    InputError
        Unknown `form`, or a bad argument of the collective model.

    Examples
    --------
    Inclusive balancing with two states and a veto: one soft balancer
    suspends T's membership (T loses ``m = 1``) but blocks only
    ``(1 - d)*e_s = 3/8`` of the revision:

    >>> m = institutional_model(2, "inclusive", kappa=1)
    >>> m.game(l="1/2").payoff(("Revise", "Soft", "Bandwagon"))
    (Fraction(3, 2), Fraction(-19, 4), Fraction(-11, 4))
    >>> m.game(l="1/2").payoff(("Restrain", "Bandwagon", "Bandwagon"))
    (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
    >>> institutional_model(2, "mixed")
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: unknown form 'mixed': use 'inclusive' or 'exclusive'
    """
    if form not in FORMS:
        raise InputError(f"unknown form {form!r}: use 'inclusive' or 'exclusive'")

    if form == "inclusive":
        soft_block = "(1 - d)*e_s"

        def extra(t, states, f):
            kept = 1 if t == "Restrain" else 1 - f  # effective soft balancing suspends a revising T
            t_terms = [] if kept == 0 else (["+ m"] if kept == 1 else [f"+ ({kept})*m"])
            return [t_terms] + [[] for _ in states]
    else:
        soft_block = "e_s"

        def extra(t, states, f):
            return [[]] + [["- x"] if s == "Soft" else [] for s in states]

    data = collective_data(n, rule, kappa, weights, costs, soft_block=soft_block, extra=extra)
    data["parameters"].update({k: dict(v) for k, v in _NEW_PARAMETERS[form].items()})
    data["name"] = f"institutional_{form}_{n}_{rule}"
    data["title"] = data["title"].replace("soft balancing", f"{form} institutional balancing", 1)
    data["source"] = "sbgames.nplayer.institutional.institutional_model"
    if form == "inclusive":
        data["description"] += (" Inclusive institution: T is a member; it keeps a membership value m unless "
                                "it revises against effective soft balancing (then it keeps (1 - f) m), and "
                                "it dilutes the blocked share to (1 - d) e_s.")
    else:
        data["description"] += (" Exclusive institution: T is kept out; each soft balancer pays an extra "
                                "cost x of running the institution without T.")
    return Model.from_dict(data, source=f"institutional_model({n}, {form!r}, {rule!r})")
