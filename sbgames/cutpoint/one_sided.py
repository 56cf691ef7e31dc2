"""Cut-point equilibria when T's type is private and S's payoffs are known.

T's type t (its legitimacy weight lam in the core model) is drawn from a
distribution F that S knows.  S chooses a possibly mixed strategy sigma
without seeing t; T revises iff its gain ``A(sigma) + B(sigma) t`` is
positive, and since ``B <= 0`` (see :mod:`~sbgames.cutpoint.structure`) the
types that revise are those below the cut-point ``c = -A/B``.  S sees only
the share ``p = F(c)`` of types that revise.

An equilibrium is a pair (c, sigma) with ``p = F(c)``, sigma a best reply of S
to p, and c the type indifferent between revising and restraining.  The
search runs over the supports of sigma:

* one strategy j: the cut-point is ``-alpha_j / beta_j`` (everyone revises, or
  no one, if ``beta_j = 0``), and j must be a best reply to ``p = F(c)``;
* two strategies j, k: S's indifference fixes ``p`` (a linear equation),
  ``c = F^{-1}(p)``, and T's indifference at c fixes sigma (another linear
  equation);
* three or more: S's indifference among them needs a coincidence of
  parameters, and then a whole segment of sigma works.

The search is complete for isolated equilibria.  Where a coincidence of
parameters makes a whole continuum of equilibria (every type of T
indifferent, or S indifferent for every p), the result says so in
:attr:`CutpointResult.continua` and is marked not complete.

Examples
--------
>>> import sympy
>>> from sbgames import load_model
>>> core = load_model("core")
>>> game = core.symbolic_game().subs({k: v for k, v in core.values().items() if k != "lam"})
>>> result = cutpoint_equilibria(game, "lam", Uniform(0, 6), exact=True)
>>> [eq.describe() for eq in result]
['T revises iff lam < 3 (probability 1/2); S: 4/11 Soft + 7/11 Bandwagon']
>>> result.complete
True
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import sympy

from ..errors import InputError, VerificationError
from ..game import Game
from ..numeric import format_number
from ..results import INCOMPLETE, number_json, profile_label, supports_label
from .distributions import Uniform, type_distribution  # noqa: F401 (Uniform: the examples)
from .structure import Arithmetic, TypeStructure, type_structure

__all__ = ["CutpointEquilibrium", "CutpointResult", "cutpoint_equilibria", "verify_cutpoint", "DEFAULT_TOL",
           "show"]

#: Default float tolerance of numeric solving and checks.
DEFAULT_TOL = 1e-9


def show(value) -> str:
    """A number as text: exact values as sympy prints them, floats to 6 significant digits."""
    if isinstance(value, float):
        return "inf" if value == math.inf else "-inf" if value == -math.inf else f"{value:.6g}"
    value = sympy.sympify(value)
    return str(value) if value.is_Rational or not value.is_number or value.is_infinite else \
        str(sympy.expand(sympy.radsimp(value)))


@dataclass(frozen=True)
class CutpointEquilibrium:
    """One verified cut-point equilibrium.

    Attributes
    ----------
    cutpoint : number
        T revises iff its type is below it (``-oo``/``oo``, or any value beyond
        the support: no type or every type revises).
    revise_probability : number
        ``F(cutpoint)``: the probability, before S learns anything, that T revises.
    s_strategy : dict
        S's strategy: probability of each of its strategies (the ex-ante shares
        across its types in the two-sided game).
    s_cutpoint : number or None
        Two-sided game: S takes its costly strategy iff its type is below it.
    exact : bool
    """

    structure: TypeStructure = field(repr=False)
    cutpoint: object
    revise_probability: object
    s_strategy: dict
    exact: bool
    s_cutpoint: object = None
    algebraic: bool = False

    def describe(self) -> str:
        st = self.structure
        p = self.revise_probability
        who = f"{st.t_actions[0].lower()}s" if st.t_actions[0][-1] != "s" else st.t_actions[0].lower()
        if p == 0:
            t_part = f"T: {st.t_actions[1]} (no type revises)"
        elif p == 1:
            t_part = f"T: {st.t_actions[0]} (every type)"
        else:
            t_part = f"T {who} iff {st.t_type} < {show(self.cutpoint)} (probability {show(p)})"
        support = {a: q for a, q in self.s_strategy.items() if q != 0}
        if self.s_cutpoint is not None:
            costly = st.s_actions[max(range(len(st.kappa)), key=lambda j: abs(float(st.kappa[j])))]
            rest = {a: q for a, q in support.items() if a != costly}
            share = self.s_strategy[costly]
            s_part = (f"S: {costly} iff {st.s_type} < {show(self.s_cutpoint)} (probability {show(share)})"
                      if share not in (0, 1) else f"S: {costly} (every type)" if share == 1 else
                      f"S: no type takes {costly}")
            if rest:
                s_part += ", else " + " + ".join(f"{show(q)} {a}" for a, q in rest.items())
        elif len(support) == 1:
            s_part = f"S: {next(iter(support))}"
        else:
            s_part = "S: " + " + ".join(f"{show(q)} {a}" for a, q in support.items())
        return f"{t_part}; {s_part}"

    @property
    def supports(self) -> tuple:
        """T's actions some type takes, and S's strategies played (its support, or the shares of its types)."""
        (revise, restrain), p = self.structure.t_actions, self.revise_probability
        t = (revise,) if p == 1 else (restrain,) if p == 0 else (revise, restrain)
        return t, tuple(a for a in self.structure.s_actions if self.s_strategy.get(a, 0) != 0)

    def curve_label(self) -> str:
        """The name of its curve in comparative statics: its supports, as a region label names them."""
        return profile_label(self.supports)

    def quantities(self) -> dict:
        """Its quantities by name, as floats, for comparative statics.

        ``Pr(T: <action>)`` (ex ante, over T's types), ``Pr(S: <strategy>)``,
        and the finite cut-points (``cutpoint``, ``s_cutpoint``).

        Examples
        --------
        >>> from sbgames import load_model
        >>> [eq] = load_model("private_legitimacy").equilibria(exact=True)
        >>> eq.curve_label(), eq.quantities()["cutpoint"], eq.quantities()["Pr(S: Soft)"]
        ('mixed: Revise-Restrain x Soft-Bandwagon', 3.0, 0.36363636363636365)
        """
        (revise, restrain), p = self.structure.t_actions, float(self.revise_probability)
        out = {f"Pr(T: {revise})": p, f"Pr(T: {restrain})": 1 - p}
        out.update({f"Pr(S: {a})": float(q) for a, q in self.s_strategy.items()})
        for name, value in (("cutpoint", self.cutpoint), ("s_cutpoint", self.s_cutpoint)):
            if value is not None and math.isfinite(float(value)):
                out[name] = float(value)
        return out

    def to_dict(self) -> dict:
        conv = show if self.exact else float
        out = {"cutpoint": show(self.cutpoint), "revise_probability": conv(self.revise_probability),
               "S": {a: conv(q) for a, q in self.s_strategy.items()}, "exact": self.exact}
        if self.s_cutpoint is not None:
            out["s_cutpoint"] = show(self.s_cutpoint)
        return out

    def __repr__(self) -> str:
        return f"CutpointEquilibrium({self.describe()})"


class CutpointResult(list):
    """Verified cut-point equilibria, with what the search covered.

    Attributes
    ----------
    exact : bool
    tol : float or None
    complete : bool
        True when every cut-point equilibrium is in the list; False when a
        continuum of equilibria exists (described in `continua`) or a
        numeric root search could have missed a root (said in `notes`).
    continua : list of str
        Continua of equilibria, in words (not listed point by point).
    method : str
    parameters : dict
    """

    def __init__(self, equilibria, *, exact, tol, complete, continua=(), method="", parameters=None):
        super().__init__(equilibria)
        self.exact, self.tol, self.complete = exact, tol, complete
        self.continua = list(continua)
        self.method = method
        self.parameters = dict(parameters or {})

    @property
    def scope(self) -> str:
        if self.complete:
            return "complete"
        return "not complete: " + "; ".join(self.continua or ["see the notes"])

    def with_parameters(self, parameters) -> "CutpointResult":
        return CutpointResult(self, exact=self.exact, tol=self.tol, complete=self.complete,
                              continua=self.continua, method=self.method, parameters=parameters)

    def region_label(self) -> str:
        """The region label of these equilibria: T's actions some type takes and S's played, as the families name them.

        Examples
        --------
        >>> from sbgames import load_model
        >>> m = load_model("private_legitimacy")
        >>> families = m.symbolic_equilibria()
        >>> m.equilibria(exact=True).region_label()
        'mixed: Revise-Restrain x Soft-Bandwagon'
        >>> families.region_label([f for f in families if f.holds_at(m.values())])
        'mixed: Revise-Restrain x Soft-Bandwagon'
        >>> m.equilibria(exact=True, lam_max="1/2").region_label()
        'Revise / Soft (unique)'
        """
        return supports_label([eq.supports for eq in self], None if self.complete else INCOMPLETE)

    def text(self) -> str:
        """One numbered line per equilibrium, then what the search covered."""
        lines = [f"Cut-point equilibria ({len(self)}, {self.method}; {self.scope}):"]
        lines += [f"  {k}. {eq.describe()}" for k, eq in enumerate(self, 1)]
        return "\n".join(lines)

    def json_equilibria(self) -> list[dict]:
        """The equilibria as the ``solve --json`` output lists them (``cutpoint_equilibrium`` in the schema).

        Numbers are number objects (``{"exact": "1/2", "float": 0.5}``; an
        irrational cut-point has ``"exact": null``); an infinite cut-point
        (no type or every type revises whatever its type) is null, and
        ``s_cutpoint`` is null in the one-sided game.

        Examples
        --------
        >>> from sbgames import load_model
        >>> [eq] = load_model("private_legitimacy").equilibria(exact=True).json_equilibria()
        >>> eq["cutpoint"], eq["revise_probability"]["exact"], eq["s_strategy"]["Soft"]["exact"]
        ({'exact': '3', 'float': 3.0}, '1/2', '4/11')
        """
        tol = None if self.exact else self.tol

        def number(value):
            return None if value is None or not math.isfinite(float(value)) else number_json(value, tol)
        return [{"type": eq.structure.t_type, "cutpoint": number(eq.cutpoint),
                 "revise_probability": number_json(eq.revise_probability, tol),
                 "s_strategy": {a: number_json(q, tol) for a, q in eq.s_strategy.items()},
                 "s_cutpoint": number(eq.s_cutpoint), "description": eq.describe()} for eq in self]

    def to_dict(self) -> dict:
        return {"method": self.method, "exact": self.exact, "tolerance": self.tol, "complete": self.complete,
                "scope": self.scope, "equilibria": [eq.to_dict() for eq in self],
                "parameters": {k: str(v) for k, v in self.parameters.items()}}

    def __repr__(self) -> str:
        scope = "" if self.complete else f", {self.scope}"
        return f"CutpointResult({len(self)} {self.method}{scope}: {list.__repr__(self)})"


def _best(st: TypeStructure, arith: Arithmetic, p, s=0) -> list:
    values = [st.s_payoff(j, p, s) for j in range(len(st.s_actions))]
    top = values[0]
    for v in values[1:]:
        if arith.sign(v - top) > 0:
            top = v
    return [j for j, v in enumerate(values) if arith.zero(v - top)]


def _cut_of(st: TypeStructure, arith: Arithmetic, sigma, dist):
    """T's cut-point against sigma, or None when every type is indifferent."""
    A = sum(q * a for q, a in zip(sigma, st.alpha))
    B = sum(q * b for q, b in zip(sigma, st.beta))
    if arith.sign(B) < 0:
        return -A / B
    if arith.zero(A):
        return None
    inf = sympy.oo if arith.exact else math.inf
    return inf if arith.sign(A) > 0 else -inf


def _cdf(dist, c, arith):
    if arith.exact:
        return dist.cdf(c)
    return dist.cdf(c) if abs(c) != math.inf else (1.0 if c > 0 else 0.0)


def verify_cutpoint(eq: CutpointEquilibrium, dist, tol: float = DEFAULT_TOL) -> CutpointEquilibrium:
    """Check that no type of T and no type (or choice) of S gains by deviating; return `eq`.

    T's gain from revising is affine in its type, so it is checked where it
    can change sign: at the cut-point and at both ends of the support (the
    limit at an infinite end).  S's best replies are checked against the
    revision probability ``F(cutpoint)``, which must equal the recorded one.
    Exact equilibria are checked exactly; numeric ones within `tol`.

    Raises
    ------
    VerificationError
        If some type of T, or S, gains by deviating, or the probabilities are inconsistent.
    """
    st, arith = eq.structure, Arithmetic(eq.exact, tol)
    sigma = tuple(eq.s_strategy[a] for a in st.s_actions)
    if not arith.zero(sum(sigma) - 1) or any(arith.sign(q) < 0 for q in sigma):
        raise VerificationError(f"S's strategy {eq.s_strategy} is not a probability vector")
    if not arith.zero(_cdf(dist, eq.cutpoint, arith) - eq.revise_probability):
        raise VerificationError(f"F({show(eq.cutpoint)}) differs from the revision probability "
                                f"{show(eq.revise_probability)}")
    low, high, c = dist.low, dist.high, eq.cutpoint
    slope = st.t_gain(sigma, 1) - st.t_gain(sigma, 0)

    def gain_at(t):  # at an infinite end, a value with the sign of the limit
        if t in (math.inf, sympy.oo, -math.inf, -sympy.oo):
            return (slope if t > 0 else -slope) if not arith.zero(slope) else st.t_gain(sigma, 0)
        return st.t_gain(sigma, t)
    if arith.sign(c - low) > 0:  # the types in [low, min(c, high)] revise
        if arith.sign(gain_at(low)) < 0 or arith.sign(gain_at(c if arith.sign(high - c) > 0 else high)) < 0:
            raise VerificationError(f"a type of T below the cut-point {show(c)} gains by restraining")
    if arith.sign(high - c) > 0:  # the types in [max(c, low), high] restrain
        if arith.sign(gain_at(high)) > 0 or arith.sign(gain_at(c if arith.sign(c - low) > 0 else low)) > 0:
            raise VerificationError(f"a type of T above the cut-point {show(c)} gains by revising")
    if eq.s_cutpoint is None:
        best = _best(st, arith, eq.revise_probability)
        for j, q in enumerate(sigma):
            if arith.sign(q) > 0 and j not in best:
                raise VerificationError(f"S gains by deviating from {st.s_actions[j]}")
    return eq


def _equilibrium(st, arith, dist, cut, sigma, p=None) -> CutpointEquilibrium:
    p = _cdf(dist, cut, arith) if p is None else p
    eq = CutpointEquilibrium(structure=st, cutpoint=cut, revise_probability=p,
                             s_strategy=dict(zip(st.s_actions, sigma)), exact=arith.exact)
    return verify_cutpoint(eq, dist, arith.tol)


def _pure(st, arith, dist, j, found, continua):
    n = len(st.s_actions)
    sigma = tuple(1 if k == j else 0 for k in range(n))
    cut = _cut_of(st, arith, sigma, dist)
    if cut is None:  # every type of T indifferent: any p at which j is a best reply
        continua.append(f"S plays {st.s_actions[j]}, every type of T is indifferent, and any revision "
                        f"probability at which {st.s_actions[j]} is a best reply of S makes an equilibrium")
        return
    p = _cdf(dist, cut, arith)
    if j in _best(st, arith, p):
        found.append(_equilibrium(st, arith, dist, cut, sigma, p))


def _pair(st, arith, dist, j, k, found, continua):
    n = len(st.s_actions)
    names = f"{st.s_actions[j]} and {st.s_actions[k]}"
    slope = (st.revise_payoff[j] - st.restrain_payoff[j]) - (st.revise_payoff[k] - st.restrain_payoff[k])
    level = st.restrain_payoff[j] - st.restrain_payoff[k]
    if arith.zero(slope):
        if arith.zero(level):
            continua.append(f"S is indifferent between {names} whatever T does: mixtures of them may form a "
                            f"continuum of equilibria")
        return
    p = -level / slope
    if not arith.within(0, p, 1) or not {j, k} <= set(_best(st, arith, p)):
        return
    if arith.zero(p) or arith.zero(p - 1):  # all types restrain (revise): a range of mixtures of S may do
        edge = dist.low if arith.zero(p) else dist.high
        gains = [st.t_gain(tuple(1 if m == x else 0 for m in range(n)), edge) if abs(float(edge)) != math.inf
                 else None for x in (j, k)]
        if None in gains or arith.sign(gains[0]) * arith.sign(gains[1]) <= 0:
            continua.append(f"S is indifferent between {names} when T's revision probability is "
                            f"{show(p)}: mixtures of them that keep every type of T "
                            f"{'restrained' if arith.zero(p) else 'revising'} may form a continuum")
        return
    cut = dist.ppf(p)
    dj = st.alpha[j] + st.beta[j] * cut
    dk = st.alpha[k] + st.beta[k] * cut
    if arith.zero(dj - dk):
        if arith.zero(dj):
            continua.append(f"at the cut-point {show(cut)} every mixture of {names} leaves T's marginal type "
                            f"indifferent: a continuum of equilibria")
        return
    q = dk / (dk - dj)
    if arith.sign(q) > 0 and arith.sign(1 - q) > 0:
        sigma = tuple(q if m == j else (1 - q) if m == k else 0 for m in range(n))
        found.append(_equilibrium(st, arith, dist, cut, sigma, p))


def _triples(st, arith, continua):
    n = len(st.s_actions)
    for group in itertools.combinations(range(n), 3):
        j, k, m = group
        # S indifferent among all three for a p in [0, 1]: the two linear equations share a root
        rows = [((st.revise_payoff[x] - st.restrain_payoff[x]) - (st.revise_payoff[y] - st.restrain_payoff[y]),
                 st.restrain_payoff[x] - st.restrain_payoff[y]) for x, y in ((j, k), (j, m))]
        (s1, l1), (s2, l2) = rows
        if not arith.zero(s1 * l2 - s2 * l1):
            continue
        roots = [-l / s for s, l in rows if not arith.zero(s)]
        if roots and arith.within(0, roots[0], 1) and set(group) <= set(_best(st, arith, roots[0])):
            continua.append(f"S is indifferent among {', '.join(st.s_actions[x] for x in group)} when T "
                            f"revises with probability {show(roots[0])}: a segment of mixtures may be equilibria")


def cutpoint_equilibria(game: Game, t_type: str, distribution, *, exact: bool = False,
                        tol: float = DEFAULT_TOL, revise: str | None = None) -> CutpointResult:
    """Every cut-point equilibrium of `game` when T's type `t_type` is private.

    Parameters
    ----------
    game : Game
        2 players, payoffs in the private type only (see :mod:`~sbgames.cutpoint.structure`).
    t_type : str
        The name of T's type in the payoffs (``"lam"``).
    distribution : Uniform or scipy.stats frozen continuous distribution
        The distribution of T's type, known to S.
    exact : bool
        Exact arithmetic (needs a :class:`~sbgames.cutpoint.distributions.Uniform`);
        otherwise floats, with quantiles from the distribution's ``ppf``.
    tol : float
        Float mode: the tolerance of every sign decision and check.
    revise : str, optional
        T's strategy chosen by low types (default T's first).

    Returns
    -------
    CutpointResult
        Each equilibrium verified by :func:`verify_cutpoint`.
    """
    dist = type_distribution(distribution)
    if exact and not dist.exact:
        raise InputError(f"exact solving needs uniform types (sbgames.cutpoint.Uniform); {dist!r} is "
                         f"solved with exact=False")
    if not exact:
        dist = dist.numeric()
    if dist.symbols:
        raise InputError(f"the type distribution {dist!r} depends on parameters without values")
    st = type_structure(game, t_type, exact=exact, tol=tol, revise=revise)
    arith = Arithmetic(exact, tol)
    found, continua = [], []
    n = len(st.s_actions)
    for j in range(n):
        _pure(st, arith, dist, j, found, continua)
    for j, k in itertools.combinations(range(n), 2):
        _pair(st, arith, dist, j, k, found, continua)
    _triples(st, arith, continua)
    method = "cut-point supports (exact)" if exact else "cut-point supports (float, scipy quantiles)"
    return CutpointResult(found, exact=exact, tol=None if exact else tol, complete=not continua,
                          continua=continua, method=method)
