"""The questions theorists ask of a model, answered in closed form.

* When is a strategy played in *some* equilibrium, or in *every* one?
* When is it a player's *unique best reply* to a given action of the others?
* Where is a profile the *unique* equilibrium?

Each answer is a sympy boolean in the model's parameter symbols, simplified
under the bounds; :func:`~sbgames.conditions.holds` evaluates one
exactly at a parameter point.  The answers rest on the branches of
:func:`~sbgames.solvers.symbolic.symbolic_equilibria` and share their
guarantee: exact at every non-degenerate parameter point (everywhere except
on the measure-zero boundaries where payoffs tie).

Examples
--------
>>> from sbgames import load_model
>>> core = load_model("core")
>>> unique_best_reply(core, "S", "Soft", {"T": "Revise"})
(e_s*theta > b + c_s) & (c_h + e_s*theta + w > c_s + e_h*theta)
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import sympy
from sympy.logic.boolalg import to_nnf

from ..errors import InputError
from ..conditions import disjuncts, implies, reduce_condition
from ..solvers.symbolic import Branch

__all__ = ["played_in_some_equilibrium", "played_in_every_equilibrium", "unique_best_reply",
           "unique_equilibrium_region", "positive_probability", "normal_form_branches"]


def _require_normal_form(model) -> None:
    """Refuse a model without a payoff table (a game tree: its profiles are behaviour strategies at nodes)."""
    if model.payoff_table is None:
        raise InputError(f"model {model.name!r} is {model.kind_name}: these questions are asked of normal-form "
                         f"models; its subgame-perfect profiles and their conditions are "
                         f"model.symbolic_equilibria() (sbgames conditions {model.name})")


def normal_form_branches(model):
    """The closed-form equilibria of a normal-form model (an :class:`~sbgames.errors.InputError` for a game tree)."""
    _require_normal_form(model)
    return model.symbolic_equilibria()


def _asked_of(model, pure: bool) -> tuple:
    """The closed-form equilibria, and the branches a question about some / every / the only equilibrium ranges over.

    With `pure`, the pure-profile branches only.  Without it the closed forms
    must be complete: a condition on *some*, *every* or *the only*
    equilibrium would otherwise be silent about the equilibria not derived.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said below, in the error, when it matters
        result = normal_form_branches(model)
    if pure:
        return result, [b for b in result if all(len(s) == 1 for s in b.supports)]
    if not result.complete:
        left_out = ("mixed equilibria are not derived" if len(model.players) != 2 else
                    "some supports are structurally degenerate and not expanded")
        raise InputError(f"the closed forms of {model.name!r} are not complete ({left_out}), so a condition on "
                         f"some, every or the only equilibrium cannot be derived; pass pure=True to ask about "
                         f"pure equilibria (the command line does so and says 'pure equilibrium')")
    return result, list(result)


def positive_probability(branch: Branch, player, strategy, space) -> sympy.Basic:
    """Where `branch` holds and gives `strategy` a positive probability.

    Examples
    --------
    >>> from sbgames import load_model
    >>> from sbgames.assumptions import ParameterSpace
    >>> core = load_model("core")
    >>> b = core.symbolic_equilibria().branch(("Revise", "Restrain"), ("Soft", "Bandwagon"))
    >>> positive_probability(b, "T", "Restrain", ParameterSpace.from_model(core))
    (Eq(c_s, 0) & (b > e_s*theta) & (e_s*g + l*lam >= g + l_r*lam)) | ((e_s*theta > b + c_s) & (e_s*g + l*lam >= g + l_r*lam) & (b*c_s + c_h*e_s*theta + c_s*w >= b*c_h + c_s*e_h*theta))
    """
    prob = branch.probability(player, strategy)
    if prob == 0:
        return sympy.false
    if prob == 1:
        return branch.conditions
    num, den = sympy.fraction(sympy.together(prob))
    cases = []
    for atoms in disjuncts(branch.conditions):
        # within a case the denominator's sign is fixed by one of its atoms, or by the bounds
        for sign in (1, -1):
            extra = [sympy.Gt(sign * num, 0)] + ([] if den.is_number else [sympy.Gt(sign * den, 0)])
            if den.is_number and sign * den < 0:
                continue
            reduced = reduce_condition(atoms + extra, space)
            if reduced is not None and reduced not in cases:
                cases.append(reduced)
    return sympy.Or(*cases)


def played_in_some_equilibrium(model, player, strategy, pure: bool = False) -> sympy.Basic:
    """Parameter conditions under which `strategy` has positive probability in some equilibrium.

    With ``pure=True``: in some pure equilibrium.  Without it the model's
    closed forms must be complete (an :class:`~sbgames.errors.InputError`
    otherwise: N-player closed forms cover pure profiles only).

    Examples
    --------
    >>> from sbgames import load_model
    >>> from sbgames.conditions import holds
    >>> core = load_model("core")
    >>> cond = played_in_some_equilibrium(core, "S", "Soft")
    >>> holds(cond, core.values()), holds(cond, core.values(theta=2))
    (True, False)
    """
    result, branches = _asked_of(model, pure)
    return sympy.Or(*[positive_probability(b, player, strategy, result.space) for b in branches])


def played_in_every_equilibrium(model, player, strategy, pure: bool = False) -> sympy.Basic:
    """Conditions under which every equilibrium gives `strategy` a positive probability.

    With ``pure=True``: every pure equilibrium (where there is none, this holds
    vacuously).  Without it the closed forms must be complete, as for
    :func:`played_in_some_equilibrium`.

    Built as: for every branch, either the branch does not hold or it plays
    the strategy.  (An equilibrium always exists, so this never holds
    vacuously at a non-degenerate point.)

    Examples
    --------
    >>> from sbgames import load_model
    >>> from sbgames.conditions import holds
    >>> core = load_model("core")
    >>> cond = played_in_every_equilibrium(core, "S", "Soft")
    >>> holds(cond, core.values()), holds(cond, core.values(theta=20, w=0))
    (True, False)
    """
    result, branches = _asked_of(model, pure)
    parts = []
    for b in branches:
        prob = b.probability(player, strategy)
        if prob == 1 or positive_probability(b, player, strategy, result.space) == b.conditions:
            continue
        # "the branch does not hold or it plays the strategy", case by case: positive_probability is the
        # case's relations and prob > 0, so "not the case, or prob > 0" says the same, once; within a case
        # that fixes the sign of the denominator, prob > 0 is a condition on the numerator alone
        num, den = sympy.fraction(sympy.together(prob))
        for atoms in disjuncts(b.conditions):
            plays = sympy.false if prob == 0 else _positive_in_case(num, den, atoms, result.space)
            # push the negation onto the relations (not (x >= y) is x < y), then simplify them
            parts.append(result.space.simplify(to_nnf(sympy.Or(sympy.Not(sympy.And(*atoms)), plays))))
    return sympy.And(*parts)


def equilibria_without(model, player, strategy, pure: bool = False) -> list:
    """The closed-form equilibria without `strategy`: ``[(branch, where), ...]``.

    `strategy` is played in every equilibrium exactly where none of these
    exists: a branch that never plays it (``where`` is ``sympy.true``), or a
    branch whose probability of it is zero on part of where it holds
    (``where`` is that probability's numerator set to 0).  This states
    :func:`played_in_every_equilibrium` as "unless one of these equilibria
    exists", naming the equilibria instead of expanding their conditions.

    Examples
    --------
    >>> from sbgames import load_model
    >>> for branch, where in equilibria_without(load_model("core"), "S", "Soft"):
    ...     print(branch.label, "|", where)
    Revise / Hard | True
    Revise / Bandwagon | True
    mixed: Revise-Restrain x Hard-Soft | Eq(a - e_h*g + g - w, 0)
    mixed: Revise-Restrain x Hard-Bandwagon | True
    """
    result, branches = _asked_of(model, pure)
    without = []
    for b in branches:
        prob = b.probability(player, strategy)
        if prob == 0:
            without.append((b, sympy.true))
        elif prob != 1 and positive_probability(b, player, strategy, result.space) != b.conditions:
            without.append((b, sympy.Eq(sympy.fraction(sympy.together(prob))[0], 0)))
    return without


def _positive_in_case(num, den, atoms, space):
    """``num/den > 0`` where all `atoms` hold: ``num > 0`` (or ``< 0``) when they fix the denominator's sign."""
    for sign in (1, -1):
        positive = sympy.Gt(sign * den, 0)
        if space.decide(positive) is True or any(
                isinstance(a, sympy.core.relational.Relational) and not isinstance(a, (sympy.Eq, sympy.Ne))
                and implies(a, positive, space) for a in atoms):
            return sympy.Gt(sign * num, 0)
    return sympy.Gt(num / den, 0)


def _against(model, player: int, against: Mapping) -> list:
    """The others' strategies as probability vectors (names or {name: probability})."""
    from ..numeric import parse_number
    vectors = []
    for j, (pid, names) in enumerate(zip(model.players, model.strategies)):
        if j == player:
            vectors.append(None)
            continue
        if pid not in against:
            raise InputError(f"give the action of player {pid!r} (against={dict(against)!r})")
        spec = against[pid]
        spec = {spec: 1} if isinstance(spec, str) else dict(spec)
        for name in spec:
            if name not in names:
                raise InputError(f"{name!r} is not a strategy of {pid}; strategies are {list(names)}")
        vectors.append([sympy.Rational(str(parse_number(spec.get(n, 0)))) for n in names])
    return vectors


def unique_best_reply(model, player, strategy, against: Mapping) -> sympy.Basic:
    """Where `strategy` is `player`'s unique best reply to the others' actions in `against`.

    Parameters
    ----------
    model : Model
    player : str
        Player id.
    strategy : str
    against : mapping
        For each other player, a strategy name or a mixed strategy
        ``{name: probability}``.
    """
    _require_normal_form(model)
    i = model.players.index(player) if player in model.players else _unknown(model, player)
    if strategy not in model.strategies[i]:
        raise InputError(f"{strategy!r} is not a strategy of {player}; strategies are {list(model.strategies[i])}")
    vectors = _against(model, i, against)
    payoff = model.symbolic_game().payoff_arrays[i]
    values = {}
    for k, name in enumerate(model.strategies[i]):
        arr = payoff.take(k, axis=i)
        others = [v for j, v in enumerate(vectors) if j != i]
        for vec in reversed(others):
            arr = arr.dot(vec)
        values[name] = sympy.expand(arr)
    from ..assumptions import ParameterSpace
    space = ParameterSpace.from_model(model)
    atoms = [sympy.Gt(values[strategy], values[k]) for k in values if k != strategy]
    reduced = reduce_condition(atoms, space)
    return sympy.false if reduced is None else reduced


def _unknown(model, player):
    raise InputError(f"unknown player {player!r}; players are {list(model.players)}")


def unique_equilibrium_region(model, *supports, pure: bool = False) -> sympy.Basic:
    """Where the branch with these supports is the only equilibrium (with ``pure=True``: the only pure one).

    Without `pure` the closed forms must be complete, as for
    :func:`played_in_some_equilibrium`.

    Examples
    --------
    >>> from sbgames import load_model
    >>> from sbgames.conditions import holds
    >>> core = load_model("core")
    >>> cond = unique_equilibrium_region(core, ("Revise",), ("Soft",))
    >>> holds(cond, core.values(l="1/2")), holds(cond, core.values())
    (True, False)
    """
    result, branches = _asked_of(model, pure)
    branch = result.branch(*supports)
    others = [result.space.simplify(to_nnf(sympy.Not(b.conditions))) for b in branches if b is not branch]
    return sympy.And(branch.conditions, *others)
