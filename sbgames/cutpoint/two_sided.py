"""Bayesian Nash equilibria in cut-point strategies when both players' types are private.

T's type t (legitimacy weight) has distribution F, S's type s (its cost of
soft balancing) has distribution G, independent and common knowledge.  T
revises iff ``t < c``; S soft balances iff ``s < k``, and its other types
take the best of its other strategies (mixing where two tie).  Let p be the
probability that T revises.  Against p, S's type s gains
``V_soft(p) - kappa s - max_j V_j(p)`` from soft balancing, so
``k(p) = (V_soft(p) - max_j V_j(p)) / kappa`` and S soft balances with
probability ``G(k(p))``.  Against that, T's cut-point is ``c = -A/B`` as in the
one-sided game, and an equilibrium is a fixed point ``p = F(c(p))``.

The search splits [0, 1] at the values of p where S's best other strategy
changes and where ``k(p)`` or ``c(p)`` leaves a support.  With uniform types
the fixed-point equation is a polynomial of degree at most 2 on each piece,
solved exactly (roots may be quadratic surds).  With other distributions it
is solved numerically on a grid of :data:`GRID` points per piece: every sign
change is bracketed and refined by Brent's method, and where ``|h|`` has a
local minimum between grid points it is minimised, to catch roots where the
curve touches 0 without crossing.  The numeric search is complete for roots
that change sign on the grid and for touching roots found that way; two roots
closer together than a grid step can be missed, and the result says that it
is numeric.  Where S's two other strategies tie, the split of S's
high types between them is solved for as well.

Examples
--------
>>> from sbgames import load_model
>>> core = load_model("core")
>>> values = {k: v for k, v in core.values().items() if k not in ("lam", "c_s")}
>>> game = core.symbolic_game().subs(values)
>>> result = two_sided_equilibria(game, "lam", Uniform(0, 6), "c_s", Uniform(0, 2), exact=True)
>>> [eq] = result
>>> for part in eq.describe().split("; "):
...     print(part)
T revises iff lam < -1/3 + sqrt(73)/3 (probability -1/18 + sqrt(73)/18)
S: Soft iff c_s < -1/9 + sqrt(73)/9 (probability -1/18 + sqrt(73)/18), else 19/18 - sqrt(73)/18 Bandwagon
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import sympy

from ..errors import InputError, VerificationError
from ..game import Game
from .distributions import Uniform, type_distribution  # noqa: F401 (Uniform: the examples)
from .one_sided import DEFAULT_TOL, CutpointEquilibrium, CutpointResult, show, verify_cutpoint
from .structure import Arithmetic, type_structure

__all__ = ["two_sided_equilibria", "verify_two_sided", "GRID"]

#: Grid points per piece of [0, 1] in the numeric root search.
GRID = 2001
_P = sympy.Symbol("p")


def verify_two_sided(eq: CutpointEquilibrium, t_dist, s_dist, tol: float = DEFAULT_TOL) -> CutpointEquilibrium:
    """Check that no type of T and no type of S gains by deviating; return `eq`.

    T's side is checked by :func:`~sbgames.cutpoint.one_sided.verify_cutpoint`.  S's
    payoffs are affine in its type, so each type interval is checked at its
    ends: the types below S's cut-point must find the costly strategy best, the
    types above it every strategy they play; and ``G(k)`` must be the share of
    the costly strategy.

    Raises
    ------
    VerificationError
    """
    verify_cutpoint(eq, t_dist, tol)
    st, arith = eq.structure, Arithmetic(eq.exact, tol)
    star = _costly(st, arith)
    p, k = eq.revise_probability, eq.s_cutpoint
    share = eq.s_strategy[st.s_actions[star]]
    if not arith.zero(_cdf(s_dist, k, arith) - share):
        raise VerificationError(f"G({show(k)}) differs from the share {show(share)} of {st.s_actions[star]}")
    low, high = s_dist.low, s_dist.high
    finite = [x for x in (low, high) if abs(float(x)) != math.inf]

    def best_at(s):
        values = [st.s_payoff(j, p, s) for j in range(len(st.s_actions))]
        top = max(values, key=float)
        return [j for j, v in enumerate(values) if arith.zero(v - top) or arith.sign(v - top) > 0]
    points_below = [x for x in finite + [k] if arith.within(low, x, high) and arith.sign(x - k) <= 0]
    points_above = [x for x in finite + [k] if arith.within(low, x, high) and arith.sign(x - k) >= 0]
    for x in points_below:
        if arith.sign(k - low) > 0 and star not in best_at(x):
            raise VerificationError(f"S's type {show(x)} below its cut-point gains by leaving {st.s_actions[star]}")
    for x in points_above:
        for j, name in enumerate(st.s_actions):
            if j != star and arith.sign(eq.s_strategy[name]) > 0 and arith.sign(high - k) > 0 \
                    and j not in best_at(x):
                raise VerificationError(f"S's type {show(x)} above its cut-point gains by leaving {name}")
    return eq


def _costly(st, arith) -> int:
    return next(j for j, kap in enumerate(st.kappa) if not arith.zero(kap))


def _cdf(dist, x, arith):
    if x in (math.inf, sympy.oo):
        return 1 if arith.exact else 1.0
    if x in (-math.inf, -sympy.oo):
        return 0 if arith.exact else 0.0
    return dist.cdf(x)


class _Solver:
    """The search of the module docstring, for one game and one pair of distributions."""

    def __init__(self, st, arith, t_dist, s_dist):
        self.st, self.arith, self.F, self.G = st, arith, t_dist, s_dist
        self.star = _costly(st, arith)
        self.others = [j for j in range(len(st.s_actions)) if j != self.star]
        self.found, self.continua = [], []

    # -- S's side -------------------------------------------------------------
    def s_cut(self, p, o):
        st = self.st
        return (st.s_payoff(self.star, p) - st.s_payoff(o, p)) / st.kappa[self.star]

    def sigma(self, share, split):
        """S's mixed strategy: `share` on the costly strategy, the rest split as {index: weight}."""
        out = [0] * len(self.st.s_actions)
        out[self.star] = share
        for j, w in split.items():
            out[j] = (1 - share) * w
        return tuple(out)

    # -- T's side -------------------------------------------------------------
    def coefficients(self, sigma):
        A = sum(q * a for q, a in zip(sigma, self.st.alpha))
        B = sum(q * b for q, b in zip(sigma, self.st.beta))
        return A, B

    def add(self, p, sigma, k):
        arith = self.arith
        A, B = self.coefficients(sigma)
        if arith.sign(B) < 0:
            cut = -A / B
        elif arith.zero(A):
            cut = self.F.ppf(p)
        else:
            cut = (sympy.oo if arith.exact else math.inf) * (1 if arith.sign(A) > 0 else -1)
        if arith.exact:
            p, cut, k = (sympy.radsimp(sympy.expand(x)) if x.is_finite else x for x in map(sympy.sympify, (p, cut, k)))
            sigma = tuple(sympy.radsimp(sympy.expand(q)) for q in sigma)
        same = arith.zero if arith.exact else (lambda x: abs(x) <= 1e-7)  # a root found from two pieces
        for old in self.found:
            if same(old.revise_probability - p) and all(
                    same(old.s_strategy[a] - q) for a, q in zip(self.st.s_actions, sigma)):
                return
        eq = CutpointEquilibrium(structure=self.st, cutpoint=cut, revise_probability=p,
                                 s_strategy=dict(zip(self.st.s_actions, sigma)), exact=arith.exact, s_cutpoint=k)
        self.found.append(verify_two_sided(eq, self.F, self.G, arith.tol))

    def edge(self, p, sigma, k):
        """p = 0 or 1: every type of T restrains (revises) iff the edge type does."""
        arith, F = self.arith, self.F
        end = F.low if arith.zero(p) else F.high
        A, B = self.coefficients(sigma)
        if abs(float(end)) == math.inf:
            limit = (B if end > 0 else -B) if not arith.zero(B) else A
        else:
            limit = A + B * end
        if (arith.sign(limit) <= 0) if arith.zero(p) else (arith.sign(limit) >= 0):
            self.add(p, sigma, k)

    # -- pieces ---------------------------------------------------------------
    def breakpoints(self):
        st, arith = self.st, self.arith
        points = {0, 1} if arith.exact else {0.0, 1.0}
        ties = []
        for j, k in itertools.combinations(self.others, 2):
            slope = (st.revise_payoff[j] - st.restrain_payoff[j]) - (st.revise_payoff[k] - st.restrain_payoff[k])
            level = st.restrain_payoff[j] - st.restrain_payoff[k]
            if arith.zero(slope):
                if arith.zero(level):
                    self.continua.append(f"S's types above the cut-point are indifferent between "
                                         f"{st.s_actions[j]} and {st.s_actions[k]} whatever T does: their split "
                                         f"is free, and a continuum of equilibria may exist")
                continue
            root = -level / slope
            if arith.within(0, root, 1):
                points.add(root)
                ties.append((root, j, k))
        return sorted(points, key=float), ties

    def best_other(self, p):
        values = {j: self.st.s_payoff(j, p) for j in self.others}
        return max(values, key=lambda j: float(values[j]))

    def s_breaks(self, a, b, o):
        """Points of (a, b) where S's cut-point k(p) crosses an end of G's support."""
        out = []
        for end in (self.G.low, self.G.high):
            if abs(float(end)) == math.inf:
                continue
            k0, k1 = self.s_cut(0, o), self.s_cut(1, o)
            if self.arith.zero(k1 - k0):
                continue
            root = (end - k0) / (k1 - k0)
            if self.arith.sign(root - a) > 0 and self.arith.sign(b - root) > 0:
                out.append(root)
        return sorted(out, key=float)

    def run(self):
        points, ties = self.breakpoints()
        for a, b in zip(points[:-1], points[1:]):
            o = self.best_other((a + b) / 2)
            cuts = [a] + self.s_breaks(a, b, o) + [b]
            for lo, hi in zip(cuts[:-1], cuts[1:]):
                (self.exact_piece if self.arith.exact else self.numeric_piece)(lo, hi, o)
        for root, j, k in ties:
            self.tie(root, j, k)
        return self.found

    def share(self, p, o):
        k = self.s_cut(p, o)
        return _cdf(self.G, k, self.arith), k

    def exact_piece(self, lo, hi, o):
        arith, F = self.arith, self.F
        mid = (lo + hi) / 2
        k_mid = self.s_cut(mid, o)
        if arith.sign(k_mid - self.G.low) <= 0:
            share = sympy.Integer(0)
        elif arith.sign(k_mid - self.G.high) >= 0:
            share = sympy.Integer(1)
        else:
            share = (self.s_cut(_P, o) - self.G.low) / (self.G.high - self.G.low)
        sigma = self.sigma(share, {o: 1})
        A, B = self.coefficients(sigma)
        for p in (x for x in (lo, hi) if arith.zero(x) or arith.zero(x - 1)):
            self.edge(p, tuple(sympy.sympify(q).subs(_P, p) for q in sigma), self.s_cut(p, o))
        fixed = sympy.expand(-A - F.low * B - _P * (F.high - F.low) * B)
        if fixed == 0:
            self.continua.append(f"for every p in [{show(lo)}, {show(hi)}] T's cut-point reproduces p: "
                                 f"a continuum of equilibria")
            return
        for root in sympy.Poly(fixed, _P).real_roots() if fixed.has(_P) else ():
            root = sympy.radsimp(root) if not isinstance(root, sympy.CRootOf) else root
            if arith.within(lo, root, hi) and arith.sign(root) > 0 and arith.sign(1 - root) > 0:
                sig = tuple(sympy.sympify(q).subs(_P, root) for q in sigma)
                self.add(root, sig, self.s_cut(root, o))

    def h(self, p, o):
        """F(c(p)) - p on a piece where S's best other strategy is o (NaN where every type of T is indifferent)."""
        share, _ = self.share(p, o)
        A, B = self.coefficients(self.sigma(share, {o: 1}))
        if B < -self.arith.tol:
            return self.F.cdf(-A / B) - p
        if abs(A) <= self.arith.tol:
            return math.nan
        return (1.0 if A > 0 else 0.0) - p

    def numeric_piece(self, lo, hi, o):
        from scipy import optimize  # numeric solving only: reading a model file needs no scipy
        lo, hi = float(lo), float(hi)
        for p in (x for x in (lo, hi) if x in (0.0, 1.0)):
            share, k = self.share(p, o)
            self.edge(p, self.sigma(share, {o: 1}), k)
        grid = np.linspace(lo, hi, GRID)
        values = np.array([self.h(p, o) for p in grid])
        if np.isnan(values).any():
            self.continua.append(f"near p = {grid[np.isnan(values)][0]:.6g} every type of T is indifferent: "
                                 f"equilibria there are not searched")
        roots = [p for p, v in zip(grid, values) if v == 0.0]
        for i in range(GRID - 1):
            left, right = values[i], values[i + 1]
            if np.isnan(left) or np.isnan(right):
                continue
            if left * right < 0:  # inside, a p where every type of T is indifferent is a root (h is NaN there)
                roots.append(optimize.brentq(lambda x: np.nan_to_num(self.h(x, o)), grid[i], grid[i + 1],
                                             xtol=1e-14))
            elif 0 < i and not np.isnan(values[i - 1]) and abs(left) < abs(values[i - 1]) and \
                    abs(left) < abs(right):  # a local minimum of |h|: a root that touches 0?
                best = optimize.minimize_scalar(lambda x: abs(self.h(x, o)), bounds=(grid[i - 1], grid[i + 1]),
                                                method="bounded", options={"xatol": 1e-14})
                if abs(best.fun) <= self.arith.tol:
                    roots.append(float(best.x))
        for p in roots:
            if 0.0 < p < 1.0:
                share, k = self.share(p, o)
                self.add(p, self.sigma(share, {o: 1}), k)

    def tie(self, root, j, k):
        """At a p where S's other strategies j and k tie, solve for the split of S's high types."""
        arith, F = self.arith, self.F
        values = {x: self.st.s_payoff(x, root) for x in self.others}
        top = max(values.values(), key=float)
        if not (arith.zero(values[j] - top) and arith.zero(values[k] - top)):
            return
        share, kcut = self.share(root, j)
        if arith.zero(share - 1):
            return
        if arith.zero(root) or arith.zero(root - 1):
            self.continua.append(f"at p = {show(root)} S's other types may split between {self.st.s_actions[j]} "
                                 f"and {self.st.s_actions[k]} in a range of ways: not searched")
            return
        cut = F.ppf(root)
        gain = {x: self.st.alpha[x] + self.st.beta[x] * cut for x in (self.star, j, k)}
        base = share * gain[self.star] + (1 - share) * gain[k]
        slope = (1 - share) * (gain[j] - gain[k])
        if arith.zero(slope):
            if arith.zero(base):
                self.continua.append(f"at p = {show(root)} every split of S's other types between "
                                     f"{self.st.s_actions[j]} and {self.st.s_actions[k]} is an equilibrium")
            return
        w = -base / slope
        if arith.sign(w) > 0 and arith.sign(1 - w) > 0:
            self.add(root, self.sigma(share, {j: w, k: 1 - w}), kcut)


def two_sided_equilibria(game: Game, t_type: str, t_distribution, s_type: str, s_distribution, *,
                         exact: bool = False, tol: float = DEFAULT_TOL, revise: str | None = None) -> CutpointResult:
    """Every Bayesian Nash equilibrium in cut-point strategies when T's and S's types are private.

    Parameters
    ----------
    game : Game
        Payoffs in the two types only (see :mod:`~sbgames.cutpoint.structure`):
        S's type is the cost of one of its strategies.
    t_type, s_type : str
        Names of T's and S's types (``"lam"``, ``"c_s"``).
    t_distribution, s_distribution : Uniform or scipy.stats frozen continuous distribution
    exact : bool
        Exact arithmetic (both distributions uniform); else the numeric search.
    tol : float
        Float mode: tolerance of the sign decisions and checks.
    revise : str, optional
        T's strategy chosen by its low types (default T's first).

    Returns
    -------
    CutpointResult
        Each equilibrium verified by :func:`verify_two_sided`; ``complete`` is
        False where a continuum of equilibria was found (see ``continua``).
    """
    t_dist, s_dist = type_distribution(t_distribution), type_distribution(s_distribution)
    if exact and not (t_dist.exact and s_dist.exact):
        raise InputError("exact solving needs uniform types for both players (sbgames.cutpoint.Uniform); "
                         "solve with exact=False")
    if not exact:
        t_dist, s_dist = t_dist.numeric(), s_dist.numeric()
    for dist in (t_dist, s_dist):
        if dist.symbols:
            raise InputError(f"the type distribution {dist!r} depends on parameters without values")
    st = type_structure(game, t_type, s_type, exact=exact, tol=tol, revise=revise)
    solver = _Solver(st, Arithmetic(exact, tol), t_dist, s_dist)
    found = solver.run()
    method = "two-sided cut-points (exact)" if exact else f"two-sided cut-points (numeric, grid {GRID} + Brent)"
    return CutpointResult(found, exact=exact, tol=None if exact else tol, complete=not solver.continua,
                          continua=solver.continua, method=method)
