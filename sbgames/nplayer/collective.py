"""Soft balancing by many secondary states: the core game with n balancers.

:func:`collective_model` builds a (1 + n)-player normal-form
:class:`~sbgames.model.Model`: the threatening power ``T`` (Revise /
Restrain) against secondary states ``S1..Sn`` (Hard / Soft / Bandwagon),
with the parameters of ``models/core.toml`` (same names and meanings).
Costs are private, the benefit of balancing (the blocked share of the
revision) is shared by every state: a collective-action problem (threshold
public good; with a veto rule, a volunteer's dilemma).

Let ``h`` be the number of hard balancers and ``k`` the number of soft
balancers in a profile.  The *effect* ``f`` of soft balancing is

* ``"proportional"``: ``f = k/n``;
* ``"threshold"``: ``f = 1`` if ``k >= kappa`` else ``0`` (``kappa = 1`` is a
  veto, ``kappa = n`` unanimity, in between a qualified majority);
* ``"weighted"``: ``f = 1`` if the soft balancers' total weight is at least
  ``kappa`` else ``0``.

Payoffs then are (``cost_i`` is ``c_h``, ``c_s`` or 0 by the state's choice):

* blocked share ``B = e_h`` if any state hard balances (``h >= 1``), else
  ``B = f*e_s``.  Hard balancing takes precedence: the soft balancers add
  nothing to the blocking when someone hard balances;
* T revising: ``(1 - B)*g - f*lam*l``, minus ``w`` if ``h >= 1`` (one
  militarised confrontation);
* T restraining: ``-f*lam*l_r``, minus ``a`` if ``h >= 1`` (security dilemma);
* state i when T revises: ``-(1 - B)*theta - cost_i``, minus ``w`` if i hard
  balances (each hard balancer bears the confrontation), plus ``b`` if i
  bandwagons;
* state i when T restrains: ``-cost_i``.

T's legitimacy loss follows the soft balancers even when others hard
balance.  With ``n = 1`` (any rule, ``kappa = 1``) the game is exactly
``models/core.toml``.

Examples
--------
>>> m = collective_model(2, rule="threshold", kappa=1)
>>> m.players
('T', 'S1', 'S2')
>>> m.game(l="1/2").payoff(("Revise", "Soft", "Bandwagon"))
(Fraction(1, 1), Fraction(-4, 1), Fraction(-2, 1))
>>> sorted(eq.describe() for eq in m.equilibria(method="pure", exact=True, l="1/2"))
['T: Revise; S1: Bandwagon; S2: Soft', 'T: Revise; S1: Soft; S2: Bandwagon']
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from ..errors import InputError
from ..normal_model import Model
from ..numeric import parse_number

__all__ = ["collective_model", "collective_data", "RULES", "MAX_STATES"]

#: The aggregation rules for soft balancing.
RULES = ("proportional", "threshold", "weighted")
#: Largest number of secondary states (2 * 3**6 = 1458 profiles).
MAX_STATES = 6

_T_STRATEGIES = ["Revise", "Restrain"]
_S_STRATEGIES = ["Hard", "Soft", "Bandwagon"]


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _term(coef: Fraction, expr: str) -> str:
    """``coef*expr`` as text ('' when coef is 0, just ``expr`` when 1)."""
    if coef == 0:
        return ""
    if coef == 1:
        return expr
    return f"({coef})*{expr}"


def _core_parameters() -> tuple[dict, list]:
    """The ``[parameters]`` tables and the constraints of ``models/core.toml``, as they are written there.

    The file is read as plain TOML data (the model reader, which sits above
    the model families, reads the dictionary these factories build): in a
    source checkout from the repository's ``models`` folder, in an install
    from the copy shipped as ``sbgames.model_files``.
    """
    package = Path(__file__).resolve().parent.parent
    path = package.parent / "models" / "core.toml"
    if not path.is_file():
        path = package / "model_files" / "core.toml"
    with open(path, "rb") as file:
        core = tomllib.load(file)
    return {name: dict(spec) for name, spec in core["parameters"].items()}, list(core.get("constraints", []))


def _check_costs(costs, n: int) -> list[tuple[Fraction, Fraction]]:
    if isinstance(costs, (str, bytes, Mapping)) or not isinstance(costs, Sequence) or len(costs) != n:
        raise InputError(f"costs must be a sequence of n = {n} pairs (c_h_i, c_s_i), got {costs!r}")
    out = []
    for i, pair in enumerate(costs, 1):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise InputError(f"costs[{i - 1}] must be a pair (c_h, c_s) for S{i}, got {pair!r}")
        ch, cs = (parse_number(x) for x in pair)
        if ch < 0 or cs < 0:
            raise InputError(f"costs of S{i} must be nonnegative, got {pair!r}")
        if not ch > cs:
            raise InputError(f"S{i}'s cost of hard balancing must exceed its cost of soft balancing "
                             f"(c_h > c_s), got {pair!r}")
        out.append((ch, cs))
    return out


def collective_model(n: int, rule: str = "threshold", kappa=1, weights=None, costs=None) -> Model:
    """The core soft-balancing game with ``n`` secondary states.

    Parameters
    ----------
    n : int
        Number of secondary states, 1 to :data:`MAX_STATES` (6).
    rule : {"threshold", "proportional", "weighted"}
        How soft balancing aggregates (see the module docstring):
        ``"proportional"`` blocks ``e_s*k/n`` and costs T ``lam*l*k/n``;
        ``"threshold"`` blocks ``e_s`` and costs T ``lam*l`` only if
        ``k >= kappa``; ``"weighted"`` does so only if the soft balancers'
        total weight is at least ``kappa``.
    kappa : int or number
        Threshold.  For ``"threshold"`` an integer in ``1..n`` (1 = veto,
        ``n`` = unanimity); for ``"weighted"`` a positive number at most
        the total weight; ignored by ``"proportional"`` (still checked to
        be an integer in ``1..n`` when given).
    weights : sequence of n positive numbers, optional
        States' weights, only for ``"weighted"`` (default: all 1).
    costs : sequence of n pairs ``(c_h_i, c_s_i)``, optional
        Per-state costs of hard and soft balancing.  When given, the shared
        parameters ``c_h``, ``c_s`` are replaced by ``c_h_1, c_s_1, ...``
        with these defaults (and constraints ``c_h_i > c_s_i``).

    Returns
    -------
    Model
        Players ``T, S1, ..., Sn``; parameters ``g, theta, e_h, e_s, lam,
        l, l_r, w, c_h, c_s, b, a`` as in ``models/core.toml``.

    Raises
    ------
    InputError
        ``n`` outside 1..6, unknown rule, bad ``kappa``, ``weights`` or ``costs``.

    Examples
    --------
    >>> m = collective_model(2, rule="proportional")
    >>> m.game().payoff(("Revise", "Soft", "Bandwagon"))[0]
    Fraction(0, 1)
    >>> collective_model(2, kappa=3)
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: kappa must be an integer in 1..2 for rule 'threshold', got 3
    """
    data = collective_data(n, rule, kappa, weights, costs)
    return Model.from_dict(data, source=f"collective_model({n}, {rule!r})")


def collective_data(n: int, rule: str, kappa, weights, costs, *, soft_block: str = "e_s",
                     extra=None) -> dict:
    """The model dictionary of :func:`collective_model` (arguments checked), for ``Model.from_dict``.

    A hook for models built on this family (``sbgames.nplayer.institutional``):
    `soft_block` is the expression of the share that effective soft balancing
    blocks (default ``"e_s"``); ``extra(t, states, f)``, when given, returns
    one list of extra signed terms (such as ``["+ m"]``) per player, ``T``
    first, for the profile ``(t, *states)`` whose soft-balancing effect is
    ``f``.  With the defaults the dictionary is exactly the collective model.
    """
    if not _is_int(n) or not 1 <= n <= MAX_STATES:
        raise InputError(f"n must be an integer in 1..{MAX_STATES}, got {n!r}")
    if rule not in RULES:
        raise InputError(f"unknown rule {rule!r}: use one of {', '.join(RULES)}")
    if weights is not None and rule != "weighted":
        raise InputError(f"weights are only used by rule 'weighted', not {rule!r}")
    if rule == "weighted":
        w_list = [Fraction(1)] * n if weights is None else weights
        if isinstance(w_list, (str, bytes)) or not isinstance(w_list, Sequence) or len(w_list) != n:
            raise InputError(f"weights must be a sequence of n = {n} positive numbers, got {weights!r}")
        try:
            w_list = [parse_number(x) for x in w_list]
        except (TypeError, ValueError) as exc:
            raise InputError(f"bad weights {weights!r}: {exc}") from None
        if any(x <= 0 for x in w_list):
            raise InputError(f"weights must be positive, got {weights!r}")
        try:
            kap = parse_number(kappa) if not isinstance(kappa, bool) else None
        except (TypeError, ValueError):
            kap = None
        if kap is None or not 0 < kap <= sum(w_list):
            raise InputError(f"kappa must be a number in (0, {sum(w_list)}] (the total weight) for rule "
                             f"'weighted', got {kappa!r}")
    else:
        if not _is_int(kappa) or not 1 <= kappa <= n:
            raise InputError(f"kappa must be an integer in 1..{n} for rule {rule!r}, got {kappa!r}")
        kap, w_list = Fraction(kappa), None
    cost_list = None if costs is None else _check_costs(costs, n)

    params, constraints = _core_parameters()
    if cost_list is None:
        cost_names = [("c_h", "c_s")] * n
    else:
        ch_spec, cs_spec = params.pop("c_h"), params.pop("c_s")
        constraints = [c for c in constraints if c != "c_h > c_s"]
        cost_names = []
        for i, (ch, cs) in enumerate(cost_list, 1):
            params[f"c_h_{i}"] = {**ch_spec, "default": str(ch), "description": f"S{i}'s cost of hard balancing"}
            params[f"c_s_{i}"] = {**cs_spec, "default": str(cs), "description": f"S{i}'s cost of soft balancing"}
            params[f"c_h_{i}"].pop("latex", None)
            params[f"c_s_{i}"].pop("latex", None)
            constraints.append(f"c_h_{i} > c_s_{i}")
            cost_names.append((f"c_h_{i}", f"c_s_{i}"))

    def effect(profile) -> Fraction:
        soft = [i for i, s in enumerate(profile) if s == "Soft"]
        if rule == "proportional":
            return Fraction(len(soft), n)
        if rule == "threshold":
            return Fraction(int(len(soft) >= kap))
        return Fraction(int(sum(w_list[i] for i in soft) >= kap))

    payoffs = {}
    for t, *states in itertools.product(_T_STRATEGIES, *[_S_STRATEGIES] * n):
        hard = "Hard" in states
        f = effect(states)
        blocked = "e_h" if hard else _term(f, soft_block)
        unblocked = f"(1 - {blocked})" if blocked else "1"
        if t == "Revise":
            t_parts = [f"{unblocked}*g" if blocked else "g"]
            t_parts += ["- w"] * hard + ([f"- {_term(f, 'lam*l')}"] if f else [])
        else:
            t_parts = ["- a"] * hard + ([f"- {_term(f, 'lam*l_r')}"] if f else [])
        more = extra(t, states, f) if extra is not None else [[] for _ in range(n + 1)]
        row = [" ".join(t_parts + list(more[0])).lstrip("+ ") or "0"]
        for (c_h, c_s), s, add in zip(cost_names, states, more[1:]):
            parts = [f"-{unblocked}*theta"] if t == "Revise" else []
            parts += {"Hard": [f"- {c_h}"], "Soft": [f"- {c_s}"], "Bandwagon": []}[s]
            if t == "Revise":
                parts += {"Hard": ["- w"], "Soft": [], "Bandwagon": ["+ b"]}[s]
            row.append(" ".join(parts + list(add)).lstrip("+ ") or "0")
        payoffs[",".join([t, *states])] = row

    rule_text = {"proportional": "proportional (k/n)",
                 "threshold": f"threshold k >= {kappa}",
                 "weighted": f"weighted, total weight >= {kap}"}[rule]
    players = {"T": {"name": "Threatening power", "strategies": _T_STRATEGIES}}
    for i in range(1, n + 1):
        players[f"S{i}"] = {"name": f"Secondary state {i}", "strategies": _S_STRATEGIES}
    data = {
        "name": f"collective_{n}_{rule}",
        "title": f"Threatening power vs {n} secondary state(s), soft balancing {rule_text}",
        "source": "sbgames.nplayer.collective.collective_model",
        "description": ("The core game with n secondary states: private costs, shared benefit; "
                        f"soft balancing aggregates by rule {rule_text}; hard balancing by any "
                        "state blocks e_h, costs T w (or a when it restrains) and each hard balancer w."),
        "players": players,
        "parameters": params,
        "constraints": constraints,
        "payoffs": payoffs,
    }
    return data
