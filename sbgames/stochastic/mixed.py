"""Mixed stationary Markov perfect equilibria: support enumeration with polynomial systems.

Fix a *support profile*: in every state, a non-empty set of strategies for
every player.  The stationary equilibria that play exactly those strategies
solve a square polynomial system in the probabilities and the values
``V_i(s)``: for every state ``s``, player ``i`` and strategy ``a`` of its
support there,

    ``Q_i(s, a) = sum_{a_-i} sigma_-i(s)(a_-i) [u_i(s, a, a_-i) + delta_i sum_s' P(s' | s, a, a_-i) V_i(s')] = V_i(s)``

(each player is indifferent among its support strategies and gets ``V_i(s)``
from them).  Each player's probabilities have one unknown fewer than its
support (the first is 1 minus the others).  The system is solved exactly over
the rationals with sympy (a Groebner basis decides whether it has no
solution, finitely many, or a continuum; :func:`sympy.solve_poly_system`
gives the finitely many), like the N-player solver
:mod:`sbgames.solvers.polynomial` does for one stage game.  A solution is kept
when its support probabilities are positive and no strategy outside the
support has a larger action value; then it is verified by
:func:`~sbgames.stochastic.result.verified_markov`.

Supports are pruned first: a strategy that loses to another strategy of
the same player against every remaining profile of the others, for every
continuation value between the value bounds of
:mod:`sbgames.stochastic.pure`, is in no equilibrium's support; and in each
state a support profile in which some support strategy is so beaten against
the others' supports is dropped (conditional dominance, as in the N-player
solver).

The result is complete when every support profile left was solved and every
continuum of solutions met was an affine set (see :func:`solve_support`;
a support with another kind of continuum is named in the scope).  In
2-player games the system splits into one system per player
(:func:`solve_player`, searched by :mod:`sbgames.stochastic.twoplayer`).

The Groebner bases are computed on sympy's polynomial rings directly
(grevlex, then FGLM to lex); a lex basis in shape position
``x_k - g_k(t), h(t)`` is read off without a further basis.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import mpmath
import numpy as np
import sympy
from sympy import QQ
from sympy.polys.fglmtools import matrix_fglm
from sympy.polys.groebnertools import groebner as ring_groebner
from sympy.polys.orderings import grevlex, lex

from ..numeric import to_fraction
from .pure import Pruner

__all__ = ["support_profiles", "nonempty_subsets", "plausible", "solve_support", "solve_player", "MAX_SUPPORT_PROFILES",
           "MAX_GROEBNER_SYSTEMS", "MAX_GROEBNER_UNKNOWNS", "SIGN_DIGITS"]

#: ``method="auto"`` runs the complete search only in 2-player games with at most this many support profiles left
#: after pruning: 49**3, every game with 3 states and 3 strategies per player (and every smaller one).  With the
#: value-equation screen (:mod:`sbgames.stochastic.screen`) such a game took 19 to 70 s in 2026 on the random
#: games of benchmarks/sgamesolver_peer.py (a shared 2-core machine), 2 states with 3 strategies under a second.
#: Beyond it ``auto`` traces and says so; ``method="polynomial"`` runs the search whatever the count.
MAX_SUPPORT_PROFILES = 117_649
#: ``method="auto"`` stops the complete 2-player search (and says the result is not complete) before it solves more
#: than this many player systems by sympy Groebner bases (the ones the value screen leaves undecided: ties,
#: continua): random games need none or a handful, games full of ties thousands...
MAX_GROEBNER_SYSTEMS = 200
#: ... nor one with more unknowns than this (values and probabilities): the largest systems of games with 2 states
#: and 3 strategies or 3 states and 2, which sympy solves in well under a second; a 9-unknown system can take minutes.
MAX_GROEBNER_UNKNOWNS = 6
#: Irrational solutions: the digits their signs are decided to (a number smaller than 10**-SIGN_DIGITS counts as 0).
SIGN_DIGITS = 40


def nonempty_subsets(actions) -> list:
    """Every non-empty subset of `actions` as a tuple, smaller ones first.

    >>> nonempty_subsets([0, 2])
    [(0,), (2,), (0, 2)]
    """
    return [c for k in range(1, len(actions) + 1) for c in itertools.combinations(actions, k)]


def _action_masks(pruner):
    """Per state and player, the strategies left after iterated robust dominance (boolean lists)."""
    game = pruner.game
    alive = [[np.ones(n, dtype=bool) for n in stage.shape] for stage in game.stages]
    while True:
        masks = [np.ix_(*a) for a in alive]
        full = []
        for s, stage in enumerate(game.stages):
            m = np.zeros(stage.shape, dtype=bool)
            m[masks[s]] = True
            full.append(m)
        lo, hi = pruner.bounds(full)
        dropped = False
        for s, stage in enumerate(game.stages):
            for i in range(stage.n_players):
                for a in np.nonzero(alive[s][i])[0]:
                    if any(_beats(pruner, s, i, b, a, alive[s], lo, hi) for b in range(stage.shape[i]) if b != a):
                        alive[s][i][a] = False
                        dropped = True
        if not dropped:
            return alive, lo, hi


def _beats(pruner, s, i, b, a, alive, lo, hi) -> bool:
    """Strategy `b` beats `a` for player `i` in state `s` against every remaining profile and value in the box."""
    u = pruner.payoffs[s][i]
    table = pruner.tables[s]
    rows = [np.nonzero(m)[0] if j != i else [a] for j, m in enumerate(alive)]
    other = [r if j != i else [b] for j, r in enumerate(rows)]
    ua, ub = u[np.ix_(*rows)], u[np.ix_(*other)]
    diff = table[np.ix_(*other, range(table.shape[-1]))] - table[np.ix_(*rows, range(table.shape[-1]))]
    worst = np.minimum(diff * lo[i], diff * hi[i]).sum(axis=-1)
    return bool(((ub - ua + pruner.delta[i] * worst) > pruner.margin).all())


def support_profiles(game, tol=None) -> list[list]:
    """Per state, the support profiles (a tuple of strategy-index tuples) left after pruning."""
    pruner = Pruner(game.as_float() if game.kind == "exact" else game, tol)
    alive, lo, hi = _action_masks(pruner)
    out = []
    for s, stage in enumerate(game.stages):
        options = itertools.product(*(nonempty_subsets(list(np.nonzero(m)[0])) for m in alive[s]))
        kept = []
        for support in options:
            inside = [np.isin(np.arange(n), own) for n, own in zip(stage.shape, support)]
            if not any(_beats(pruner, s, i, b, a, inside, lo, hi) for i, own in enumerate(support) for a in own
                       for b in range(stage.shape[i]) if b != a):
                kept.append(tuple(tuple(int(x) for x in own) for own in support))
        out.append(kept)
    return out


def plausible(game, supports, tol=None, pruner=None) -> bool:
    """False when the support profile (all states) cannot hold an equilibrium, by bounds conditioned on it.

    With the supports fixed, every player's values lie between the bounds
    of the decision problem that chooses among the profiles of the
    supports only; a support strategy beaten by another strategy against
    every profile of the others' supports, for every continuation value
    within those bounds, rules the support profile out.
    """
    pruner = pruner or Pruner(game.as_float() if game.kind == "exact" else game, tol)
    inside = [[np.isin(np.arange(n), own) for n, own in zip(stage.shape, support)]
              for stage, support in zip(game.stages, supports)]
    masks = [np.ix_(*state) for state in inside]
    full = []
    for stage, mask in zip(game.stages, masks):
        m = np.zeros(stage.shape, dtype=bool)
        m[mask] = True
        full.append(m)
    lo, hi = pruner.bounds(full)
    return not any(_beats(pruner, s, i, b, a, inside[s], lo, hi)
                   for s, (stage, support) in enumerate(zip(game.stages, supports))
                   for i, own in enumerate(support) for a in own for b in range(stage.shape[i]) if b != a)


def count_support_profiles(per_state) -> int:
    return math.prod(len(x) for x in per_state)


class _System:
    """The polynomial system of one support profile over all states."""

    def __init__(self, game, supports, player=None):
        self.game = game
        self.supports = supports
        self.player = player
        n = game.n_states
        own = range(game.n_players) if player is None else [player]
        self.mixers = [i for i in range(game.n_players) if player is None or i != player]
        names = [f"p{s}_{i}_{a}" for s, support in enumerate(supports) for i, own_support in enumerate(support)
                 if i in self.mixers for a in own_support[1:]]
        names += [f"v{i}_{s}" for i in own for s in range(n)]
        self.gens = tuple(sympy.Dummy(name) for name in names)
        ring = sympy.ring(self.gens, QQ, order=grevlex)[0]
        unknowns = iter(ring.gens)
        self.ring = ring
        self.probs = []            # [state][player] {strategy: ring element}; {} for the player solved for
        for support in supports:
            row = []
            for i, own_support in enumerate(support):
                if i not in self.mixers:
                    row.append({})
                    continue
                mine = [next(unknowns) for _ in own_support[1:]]
                probs = {own_support[0]: ring.one - sum(mine, ring.zero)}
                probs.update(zip(own_support[1:], mine))
                row.append(probs)
            self.probs.append(row)
        self.values = {i: [next(unknowns) for _ in range(n)] for i in own}
        self.equations, self.outside = [], []
        for s, (stage, table, support) in enumerate(zip(game.stages, game.transitions, supports)):
            for i in own:
                q = {a: self._q(s, i, a, stage, table) for a in range(stage.shape[i])}
                for a in support[i]:
                    self.equations.append(q[a] - self.values[i][s])
                self.outside += [q[a] - self.values[i][s] for a in range(stage.shape[i]) if a not in support[i]]

    def _q(self, s, i, a, stage, table):
        ring = self.ring
        delta = _qq(self.game.delta[i])
        others = [j for j in range(stage.n_players) if j != i]
        total = ring.zero
        for rest in itertools.product(*(self.probs[s][j].keys() for j in others)):
            weight = ring.one
            for j, b in zip(others, rest):
                weight *= self.probs[s][j][b]
            cell = list(rest)
            cell.insert(i, a)
            cell = tuple(cell)
            term = ring(_qq(stage.payoff_arrays[i][cell]))
            for t, p in enumerate(table[cell]):
                if p:
                    term += delta * _qq(p) * self.values[i][t]
            total += weight * term
        return total

    def assign(self, point) -> tuple:
        """``(strategies, outside gains)`` at a solution (one number per unknown, in order)."""
        zero = point[0] * 0
        strategies = []
        for stage, row in zip(self.game.stages, self.probs):
            strategies.append([[_evaluate(row[i][a], point) if a in row[i] else zero for a in range(n)]
                               if i in self.mixers else None for i, n in enumerate(stage.shape)])
        return strategies, [_evaluate(g, point) for g in self.outside]

    def exact_strategies(self, values: dict) -> tuple:
        """``strategies[state][player]`` as sympy numbers at ``{gen: sympy number}``."""
        def at(element):
            expr = sympy.Poly.from_dict(dict(element), *self.gens, domain=QQ).as_expr()
            return sympy.expand(expr.xreplace(values))
        return tuple(tuple(tuple(at(row[i][a]) if a in row[i] else sympy.Integer(0) for a in range(n))
                           if i in self.mixers else None for i, n in enumerate(stage.shape))
                     for stage, row in zip(self.game.stages, self.probs))


def _evaluate(element, point):
    """A ring element at a point of fractions or mpmath numbers."""
    exact = isinstance(point[0], Fraction)
    total = point[0] * 0
    for monomial, c in element.items():
        term = Fraction(int(c.numerator), int(c.denominator)) if exact else mpmath.mpf(int(c.numerator)) / int(
            c.denominator)
        for value, e in zip(point, monomial):
            if e:
                term *= value ** e
        total += term
    return total


def _qq(value):
    f = to_fraction(value)
    return QQ(f.numerator, f.denominator)


def _sign(number) -> int:
    """The sign of a fraction exactly, of an mpmath number to :data:`SIGN_DIGITS` digits."""
    if not isinstance(number, Fraction) and abs(number) < mpmath.mpf(10) ** -SIGN_DIGITS:
        return 0
    return (number > 0) - (number < 0)


def solve_support(game, supports):
    """The equilibria with exactly these supports: ``(points, curved)``.

    `game` is exact.  Each point is ``(strategies, algebraic)``: fractions
    ``strategies[state][player]`` for a rational solution (``algebraic``
    None), or floats with the exact sympy values for an irrational one.

    When the system has a continuum of solutions, the search adds the
    equation that makes one more strategy outside the support tie with
    the support (in every combination, as the N-player solver does): a
    compact piece of equilibria on an affine solution set has boundary
    points, where a support probability reaches 0 (found with a smaller
    support) or an outside strategy starts to tie (found here).
    ``curved`` is True when some positive-dimensional solution set met is
    not known to be affine (its basis has a nonlinear polynomial): then
    equilibria on it may be missing.
    """
    points, curved, _ = solve_player(game, supports, None)
    return points, curved


def solve_player(game, supports, player):
    """One player's half of a support profile's system (all players' with `player` None).

    In a 2-player game player ``i``'s indifference equations and outside
    inequalities involve only the other's probabilities and ``V_i``, so
    the joint system is two independent systems and its solutions are the
    pairs of theirs.  Returns ``(points, curved, finite)`` as
    :func:`solve_support` does, with ``strategies[state][player]`` None
    for the player solved for (its own probabilities are the other
    system's unknowns); ``finite`` is True when the system has finitely
    many complex solutions (none at all included), so no point means the
    support profile, and every one with larger supports of `player`
    against the same supports of the others, holds no equilibrium.
    """
    system = _System(game, supports, player)
    ring = system.ring
    points, curved = [], False

    def explore(equations, start):
        nonlocal curved
        basis = ring_groebner([p for p in equations if p], ring, method="f5b")
        if any(p.is_ground for p in basis):
            return True
        if _zero_dimensional(basis, ring.ngens):
            points.extend(_checked_points(system, supports, matrix_fglm(basis, ring, lex)))
            return True
        if any(sum(m) > 1 for p in basis for m in p.monoms()):
            curved = True
        for k in range(start, len(system.outside)):
            if system.outside[k].rem(basis):
                explore([*basis, system.outside[k]], k + 1)
        return False

    finite = explore(system.equations, 0)
    return points, curved, finite


def _zero_dimensional(basis, n) -> bool:
    """A Groebner basis has finitely many solutions when every unknown has a pure power among its leading terms."""
    pure = {k for p in basis for m in [p.LM] if sum(1 for e in m if e) == 1 for k, e in enumerate(m) if e}
    return len(pure) == n


def _checked_points(system, supports, basis) -> list:
    """The solutions of a zero-dimensional system (its lex basis) that are equilibria with these supports."""
    points = []
    with mpmath.workdps(SIGN_DIGITS + 20):
        found = _shape_points(basis, list(system.gens))
        if found is None:
            found = _real_points([p.as_expr() for p in basis], list(system.gens))
        for numbers, exact in found:
            point = [numbers[x] for x in system.gens]
            if exact is not None:
                point = [mpmath.mpf(x.numerator) / x.denominator if isinstance(x, Fraction) else x for x in point]
            strategies, outside = system.assign(point)
            support_signs = [_sign(strategies[s][i][a]) for s, support in enumerate(supports)
                             for i, own in enumerate(support) if i in system.mixers for a in own]
            if min(support_signs) <= 0 or any(_sign(g) > 0 for g in outside):
                continue
            if exact is None:
                points.append((strategies, None))
                continue
            algebraic = system.exact_strategies(exact())
            points.append(([[None if vec is None else [float(x) for x in vec] for vec in state] for state in strategies],
                           algebraic))
    return points


def _shape_points(basis, gens):
    """The real solutions of a lex basis ``x_k - g_k(t), h(t)`` (``t`` the last unknown); None for another shape.

    Same form as :func:`_real_points`; most systems met are in this shape,
    which needs no further Groebner basis.
    """
    n = len(gens)
    basis = sorted(basis, key=lambda p: p.LM, reverse=True)
    if len(basis) != n or any(m[:-1] != (0,) * (n - 1) for m in basis[-1].monoms()):
        return None
    shape = []
    for k, p in enumerate(basis[:-1]):
        lead = tuple(1 if m == k else 0 for m in range(n))
        rest = {m[-1]: c for m, c in p.items() if m != lead}
        if p.LM != lead or p.LC != 1 or len(rest) != len(p) - 1 or any(
                any(m[:-1]) for m in p.monoms() if m != lead):
            return None
        shape.append(rest)
    t = gens[-1]
    last = sympy.Poly.from_dict({m[-1:]: c for m, c in basis[-1].items()}, t, domain=QQ)
    out = []
    for factor, _ in last.factor_list()[1]:
        if factor.degree() == 1:
            root = -factor.nth(0) / factor.nth(1)
            here = Fraction(int(root.p), int(root.q))
            out.append(({**{x: -sum((Fraction(int(c.numerator), int(c.denominator)) * here ** e
                                     for e, c in g.items()), Fraction(0)) for x, g in zip(gens, shape)}, t: here},
                        None))
            continue
        polys = [sympy.Poly.from_dict({(e,): -c for e, c in g.items()} or {(0,): 0}, t, domain=QQ) for g in shape]
        for approx in _real_roots(factor):
            numbers = {x: mpmath.polyval([mpmath.mpf(int(c.p)) / int(c.q) for c in g.all_coeffs()], approx)
                       for x, g in zip(gens, polys)}
            numbers[t] = approx
            out.append((numbers, lambda factor=factor, approx=approx, polys=polys: _exact_shape(
                gens, polys, _root_near(factor, approx))))
    return out


def _exact_shape(gens, polys, root) -> dict:
    return {**{x: g.as_expr().subs(gens[-1], root) for x, g in zip(gens, polys)}, gens[-1]: root}


def _lex(polys, gens):
    basis = sympy.groebner(polys, *gens, order="grevlex", domain=QQ)
    if basis.exprs == [1] or not basis.is_zero_dimensional:
        return basis.exprs
    return basis.fglm("lex").exprs


def _real_points(exprs, gens) -> list:
    """The real solutions of a zero-dimensional system, given by its lex Groebner basis `exprs`.

    Each solution is ``(numbers, exact)``: ``{gen: Fraction}`` for a
    rational one (``exact`` gives the same as sympy numbers), or ``{gen:
    mpmath number}`` with a function ``exact()`` giving ``{gen: sympy
    algebraic number}``.  The last polynomial of a lex basis is in the
    last unknown alone.  Each rational root of it is substituted and the
    rest solved the same way; each irreducible factor of higher degree is
    added to the system, which is then read in shape position
    (:func:`_algebraic_points`).
    """
    if exprs == [1]:
        return []
    t = gens[-1]
    last = sympy.Poly(exprs[-1], t, domain=QQ)
    out = []
    for factor, _ in last.factor_list()[1]:
        if factor.degree() == 1:
            root = -factor.nth(0) / factor.nth(1)
            here = Fraction(int(root.p), int(root.q))
            if len(gens) == 1:
                out.append(({t: here}, None))
                continue
            rest = [e for e in (sympy.sympify(p).subs(t, root) for p in exprs) if e != 0]
            for numbers, exact in _real_points(_lex(rest, gens[:-1]), gens[:-1]):
                out.append(({**numbers, t: here},
                            None if exact is None else lambda exact=exact, root=root: {**exact(), t: root}))
            continue
        out += _algebraic_points([*exprs, factor.as_expr()], gens)
    return out


def _algebraic_points(exprs, gens) -> list:
    """Real points of a zero-dimensional component, read in shape position for a linear form ``t``.

    ``t`` is the last unknown first, then random integer combinations of
    all unknowns (a generic form separates the points of a radical ideal:
    the shape lemma).  Each real root ``alpha`` of the basis' last
    polynomial gives the point ``x_k = g_k(alpha)``.  A component that
    is not brought to shape position is left to :func:`sympy.solve_poly_system`.
    """
    rng = random.Random(17)
    t = sympy.Dummy("t")
    for attempt in range(6):
        weights = [0] * (len(gens) - 1) if attempt == 0 else [rng.randint(1, 4 + 4 * attempt) for _ in gens[:-1]]
        form = t - gens[-1] - sum(w * x for w, x in zip(weights, gens))
        basis = _lex([*exprs, form], [*gens, t])
        shape = _shape(basis, [*gens, t])
        if shape is None:
            continue
        points = []
        for factor, _ in sympy.Poly(basis[-1], t, domain=QQ).factor_list()[1]:
            for approx in _real_roots(factor):
                numbers = {x: mpmath.polyval([mpmath.mpf(int(c.p)) / int(c.q) for c in
                                              sympy.Poly(shape[x], t, domain=QQ).all_coeffs()], approx)
                           for x in gens}
                points.append((numbers, lambda factor=factor, approx=approx, shape=shape: {
                    x: shape[x].subs(t, _root_near(factor, approx)) for x in gens}))
        return points
    points = []
    for solution in sympy.solve_poly_system(exprs, *gens) or []:
        if all(_is_real(x) for x in solution):
            numbers = {x: mpmath.mpf(str(sympy.re(v).evalf(SIGN_DIGITS + 30))) for x, v in zip(gens, solution)}
            points.append((numbers, lambda solution=solution: dict(zip(gens, solution))))
    return points


def _real_roots(factor: sympy.Poly) -> list:
    """The real roots of an irreducible polynomial as mpmath numbers (their number counted exactly)."""
    count = factor.count_roots()
    if not count:
        return []
    coefficients = [mpmath.mpf(int(c.p)) / int(c.q) for c in factor.all_coeffs()]
    roots = mpmath.polyroots(coefficients, maxsteps=400, extraprec=4 * SIGN_DIGITS)
    return sorted((mpmath.re(r) for r in sorted(roots, key=lambda r: abs(mpmath.im(r)))[:count]))


def _root_near(factor: sympy.Poly, approx):
    """The exact real root (a sympy ``CRootOf``) of `factor` nearest to `approx`."""
    return min(factor.real_roots(), key=lambda r: abs(mpmath.mpf(str(r.evalf(30))) - approx))


def _shape(exprs, gens):
    """``{x_k: g_k(t)}`` when the lex basis `exprs` is ``x_k - g_k(t)`` for all but the last unknown ``t``."""
    t = gens[-1]
    if len(exprs) != len(gens):
        return None
    shape = {t: t}
    last = len(gens) - 1
    for k, (x, e) in enumerate(zip(gens[:-1], exprs[:-1])):
        terms = sympy.Poly(e, *gens, domain=QQ).as_dict()
        lead = tuple(1 if m == k else 0 for m in range(len(gens)))
        if terms.get(lead) != 1 or any(any(m[:last]) for m in terms if m != lead):
            return None
        shape[x] = x - e
    return shape


def _is_real(x) -> bool:
    if x.is_real:
        return True
    if x.is_real is False:
        return False
    return abs(sympy.im(sympy.N(x, SIGN_DIGITS + 10))) < sympy.Float(10) ** -SIGN_DIGITS
