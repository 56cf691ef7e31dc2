"""Comparative statics of cut-point equilibria: derivatives in every parameter.

Each equilibrium found at a point of parameter space belongs to a family
given by its support (and, in the two-sided game, the piece of the
fixed-point equation it solves).  Along that family the cut-point, the
probability of revision and S's probabilities are functions of the
parameters, differentiated here:

* one-sided, S mixing over {j, k}: S's indifference gives ``p`` in closed
  form; ``c = F^{-1}(p)`` and T's indifference at c gives S's mixture;
* one-sided, S pure on j: ``c = -alpha_j / beta_j`` and ``p = F(c)``;
* two-sided (uniform types): ``p`` solves a polynomial equation ``Q(p, x) = 0``,
  so ``dp/dx = -Q_x / Q_p`` (implicit function theorem), and the cut-points
  and shares follow by the chain rule.

With uniform types every derivative is exact (the distribution's ends may
be parameters, such as ``lam_max``).  With other distributions the one-sided
derivatives use the density at the cut-point (``dc/dx = (dp/dx) / f(c)``), in
floating point, for the game's parameters.

Examples
--------
>>> import sympy
>>> from sbgames import load_model
>>> core = load_model("core")
>>> lam_max = sympy.Symbol("lam_max")
>>> values = {**core.values(), "lam_max": 6}
>>> [st] = cutpoint_statics(core.symbolic_game(), "lam", Uniform(0, lam_max), values, exact=True)
>>> st.derivatives["cutpoint"]["lam_max"], st.derivatives["S:Soft"]["lam_max"]
(1/2, -6/121)
>>> st.derivatives["revise_probability"]["c_s"], st.derivatives["S:Soft"]["l"]
(1/2, -12/121)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..errors import InputError
from ..game import Game
from .distributions import Uniform, type_distribution
from .one_sided import DEFAULT_TOL, CutpointEquilibrium, cutpoint_equilibria
from .structure import type_structure
from .two_sided import two_sided_equilibria

__all__ = ["CutpointStatics", "cutpoint_statics"]

_C, _P = sympy.Symbol("_cut"), sympy.Symbol("_p")


@dataclass(frozen=True)
class CutpointStatics:
    """The derivatives of one equilibrium's quantities in the parameters.

    Attributes
    ----------
    equilibrium : CutpointEquilibrium
    closed_forms : dict
        Quantity -> sympy expression in the parameters, where one exists
        (one-sided, uniform types); the quantities are ``"cutpoint"``,
        ``"revise_probability"``, ``"S:<strategy>"`` and (two-sided) ``"s_cutpoint"``.
    derivatives : dict
        Quantity -> {parameter: derivative at the point}; exact with uniform types.
    """

    equilibrium: CutpointEquilibrium
    closed_forms: dict
    derivatives: dict


def without_assumptions(expr) -> sympy.Expr:
    """The expression with each symbol replaced by a symbol of the same name and no assumptions.

    A model's parameters carry sign assumptions; the type structure and the
    closed forms are derived with plain symbols, so that both sides of every
    substitution name the same symbol.

    Examples
    --------
    >>> theta = sympy.Symbol("theta", positive=True)
    >>> without_assumptions(2 * theta).free_symbols == {sympy.Symbol("theta")}
    True
    """
    expr = sympy.sympify(expr)
    return expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols})


def game_without_assumptions(game: Game) -> Game:
    """The game with every payoff passed through :func:`without_assumptions`.

    Examples
    --------
    >>> theta = sympy.Symbol("theta", positive=True)
    >>> g = game_without_assumptions(Game([[[theta]], [[1]]]))
    >>> g.payoff_arrays[0][0][0] == sympy.Symbol("theta")
    True
    """
    return Game([[[without_assumptions(v) for v in row] for row in a] for a in game.payoff_arrays],
                players=game.players, strategies=game.strategies)


def _at(expr, point, exact):
    value = sympy.sympify(expr).xreplace(point)
    return sympy.radsimp(sympy.simplify(value)) if exact else float(value)


def _one_sided_forms(sym, eq, dist):
    """Closed forms of the equilibrium's family, with ``_cut`` standing for c where F^{-1} has none."""
    names = sym.s_actions
    support = [j for j, a in enumerate(names) if eq.s_strategy[a] != 0]
    uniform = isinstance(dist, Uniform)
    forms = {}
    if len(support) == 1:
        (j,) = support
        forms["cutpoint"] = -sym.alpha[j] / sym.beta[j] if sym.beta[j] != 0 else None
        forms["revise_probability"] = None
        for a in names:
            forms[f"S:{a}"] = sympy.Integer(1 if a == names[j] else 0)
        return forms
    j, k = support
    slope = (sym.revise_payoff[j] - sym.restrain_payoff[j]) - (sym.revise_payoff[k] - sym.restrain_payoff[k])
    p = -(sym.restrain_payoff[j] - sym.restrain_payoff[k]) / slope
    forms["revise_probability"] = sympy.simplify(p)
    forms["cutpoint"] = sympy.simplify(dist.ppf(p)) if uniform else None
    dj = sym.alpha[j] + sym.beta[j] * _C
    dk = sym.alpha[k] + sym.beta[k] * _C
    share = dk / (dk - dj)
    for a in names:
        form = share if a == names[j] else 1 - share if a == names[k] else sympy.Integer(0)
        forms[f"S:{a}"] = sympy.simplify(form.xreplace({_C: forms["cutpoint"]})) if uniform else form
    return forms


def _one_sided(sym, eq, dist, point, params, exact):
    forms = _one_sided_forms(sym, eq, dist)
    uniform = isinstance(dist, Uniform)
    derivs = {q: {} for q in forms}
    inside = eq.revise_probability not in (0, 1)
    for x in params:
        if forms["revise_probability"] is not None:  # S mixes: p in closed form
            dp = _at(sympy.diff(forms["revise_probability"], x), point, exact)
            if uniform:
                dc = _at(sympy.diff(forms["cutpoint"], x), point, exact)
            else:
                dc = dp / dist.pdf(float(eq.cutpoint))
        elif forms["cutpoint"] is not None and inside:  # S pure: c in closed form
            dc = _at(sympy.diff(forms["cutpoint"], x), point, exact)
            if uniform:
                dp = _at(sympy.diff((forms["cutpoint"] - dist.low) / (dist.high - dist.low), x), point, exact)
            else:
                dp = dist.pdf(float(eq.cutpoint)) * dc
        else:  # every type or none revises, strictly: nothing moves locally
            dc, dp = (0, 0) if exact else (0.0, 0.0)
        derivs["cutpoint"][x.name], derivs["revise_probability"][x.name] = dc, dp
        for a in sym.s_actions:
            form = forms[f"S:{a}"]
            if uniform or not form.has(_C):
                derivs[f"S:{a}"][x.name] = _at(sympy.diff(form, x), point, exact)
            else:
                at_cut = {**point, _C: eq.cutpoint}
                derivs[f"S:{a}"][x.name] = (_at(sympy.diff(form, x), at_cut, exact)
                                       + _at(sympy.diff(form, _C), at_cut, exact) * dc)
    closed = {q: f for q, f in forms.items() if f is not None and not f.has(_C)} if uniform else {}
    return CutpointStatics(equilibrium=eq, closed_forms=closed, derivatives=derivs)


def _two_sided(sym, eq, t_dist, s_dist, point, params):
    """Implicit-function derivatives along the piece of the fixed-point equation the equilibrium solves."""
    names = sym.s_actions
    star = next(j for j, kap in enumerate(sym.kappa) if kap != 0)
    others = [j for j, a in enumerate(names) if j != star and eq.s_strategy[a] != 0]
    if len(others) > 1:
        raise InputError("comparative statics of a two-sided equilibrium in which S's other types split "
                         "between two strategies are not derived")
    o = others[0] if others else next(j for j in range(len(names)) if j != star)
    k = (sym.s_payoff(star, _P) - sym.s_payoff(o, _P)) / sym.kappa[star]
    share_value = eq.s_strategy[names[star]]
    share = (k - s_dist.low) / (s_dist.high - s_dist.low) if share_value not in (0, 1) else share_value
    sigma = [0] * len(names)
    sigma[star], sigma[o] = share, 1 - share
    A = sum(q * a for q, a in zip(sigma, sym.alpha))
    B = sum(q * b for q, b in zip(sigma, sym.beta))
    p0 = eq.revise_probability
    forms = {"cutpoint": -A / B, "revise_probability": _P, "s_cutpoint": k}
    for j, a in enumerate(names):
        forms[f"S:{a}"] = sympy.sympify(sigma[j])
    derivs = {q: {} for q in forms}
    at = {**point, _P: p0}
    Q = -A - t_dist.low * B - _P * (t_dist.high - t_dist.low) * B
    Q_p = _at(sympy.diff(Q, _P), at, True)
    for x in params:
        dp = -_at(sympy.diff(Q, x), at, True) / Q_p if p0 not in (0, 1) else sympy.Integer(0)
        for q, form in forms.items():
            derivs[q][x.name] = _at(sympy.diff(form, x), at, True) + _at(sympy.diff(form, _P), at, True) * dp
    return CutpointStatics(equilibrium=eq, closed_forms={}, derivatives=derivs)


def cutpoint_statics(game: Game, t_type: str, distribution, values, *, s_type: str | None = None,
                     s_distribution=None, exact: bool = False, tol: float = DEFAULT_TOL,
                     revise: str | None = None) -> list[CutpointStatics]:
    """Derivatives of every cut-point equilibrium's cut-points and probabilities in the parameters.

    Parameters
    ----------
    game : Game
        Symbolic payoffs in the parameters and the private type(s).
    t_type : str
    distribution : Uniform or scipy.stats frozen continuous distribution
        T's types; a :class:`Uniform`'s ends may be expressions in parameters.
    values : mapping
        Parameter name -> value: the point where the equilibria are found and the
        derivatives taken.  Derivatives are taken in every parameter given here.
    s_type, s_distribution : optional
        For the two-sided game (uniform types only).
    exact : bool
        Exact arithmetic (uniform types).
    tol : float
    revise : str, optional

    Returns
    -------
    list of CutpointStatics
        One per equilibrium, in the order the solver returns them.
    """
    values = {str(k): v for k, v in values.items()}
    values.pop(t_type, None)
    values.pop(s_type, None)
    point = {sympy.Symbol(k): sympy.nsimplify(v) if exact else float(v) for k, v in values.items()}
    game = game_without_assumptions(game)
    t_dist = type_distribution(distribution)
    if isinstance(t_dist, Uniform):
        t_dist = Uniform(without_assumptions(t_dist.low), without_assumptions(t_dist.high))
    s_dist = type_distribution(s_distribution) if s_type is not None else None
    if isinstance(s_dist, Uniform):
        s_dist = Uniform(without_assumptions(s_dist.low), without_assumptions(s_dist.high))
    present = {s for a in game.payoff_arrays for v in a.flat for s in v.free_symbols}
    present |= {s for d in (t_dist, s_dist) if isinstance(d, Uniform) for s in d.symbols}
    params = sorted((x for x in point if x in present), key=str)  # what the equilibrium can depend on
    numeric_game = game.subs({str(k): v for k, v in point.items()})
    sym = type_structure(game, t_type, s_type, revise=revise, symbolic=True)
    if s_type is None:
        found = cutpoint_equilibria(numeric_game, t_type, t_dist.at(values), exact=exact, tol=tol, revise=revise)
        return [_one_sided(sym, eq, t_dist, point, params, exact) for eq in found]
    if not (exact and isinstance(t_dist, Uniform) and isinstance(s_dist, Uniform)):
        raise InputError("comparative statics of the two-sided game are derived for uniform types, exactly: "
                         "pass exact=True with two Uniform distributions")
    found = two_sided_equilibria(numeric_game, t_type, t_dist.at(values), s_type, s_dist.at(values),
                                 exact=True, revise=revise)
    return [_two_sided(sym, eq, t_dist, s_dist, point, params) for eq in found]

