"""Closed-form equilibria of parametrised games, with the conditions for each.

For a 2-player model, every pair of supports ``(I, J)`` is a candidate.
The indifference conditions (each strategy in ``I`` earns the same against
the column player's mix on ``J``, and vice versa) are solved with
:func:`sympy.linsolve`; a candidate with a unique solution becomes a
*branch*: the strategies and expected payoffs as expressions in the
parameters, and the conditions under which the profile is an equilibrium:

* every probability on the support is ``>= 0`` (they sum to 1 by construction),
* no strategy outside a support earns more than the support does,
* every denominator of the solution is non-zero.

The conditions are simplified under the parameters' bounds (see
:class:`~sbgames.assumptions.ParameterSpace`); a candidate whose conditions
are provably false there is dropped.  For N-player models the candidates are
the pure profiles.

Which support pairs are solved
------------------------------
Only pairs of equal size can have a unique solution: with ``|I| < |J|``
the column player's mix has ``|J|`` unknowns held by ``|I|`` equations, so
it is never unique, and such a pair is at most a *degenerate support*
(below), listed when the row player's mix on ``I`` can make the column
player indifferent over all of ``J`` for every parameter value.  That
overdetermined system (``|J| + 1`` equations, ``|I| + 1`` unknowns) is
solvable only if, for every ``|I| + 1`` strategies ``K`` of ``J``, the
determinant of the column player's payoffs on ``I x K`` bordered by a
column of ``-1`` vanishes.  So an unequal pair is solved only when each of
these determinants is zero at every one of a few sample points (a
*structural tie*, such as two strategies with the same payoffs against
``I``); a determinant that is non-zero at one point is not identically zero
and rules the pair out exactly.  The pairs skipped are exactly those a
solve of every pair would reject, so the result is the same: for an
``m x n`` game ``sum_k C(m, k) C(n, k)`` equal-size pairs are solved
(189 for 2 x 18, against ``3 x (2**18 - 1)`` pairs in all).

What is guaranteed
------------------
*Soundness, everywhere*: wherever a branch's conditions hold, its profile is
an equilibrium (the conditions are exactly the equilibrium conditions, not a
sufficient approximation).  Every branch is also checked at a witness point,
a parameter point found by sampling where its conditions hold, against the
exact numeric verifier.

*Completeness, at non-degenerate points*: at every parameter point where the
game is non-degenerate, every equilibrium is the profile of some branch
whose conditions hold.  Degenerate points (ties) are where parameter
boundaries lie, a set of measure zero: there the branches still hold on their
closures (the inequalities are weak), but a degenerate point can also have
continua of equilibria or extreme equilibria with supports of unequal size
that the branches do not list.  Use the numeric solver (which handles
degenerate games) at such a point, and see ``result.degenerate_supports``
for candidates whose solution was not unique.

Examples
--------
>>> from sbgames import load_model
>>> result = symbolic_equilibria(load_model("core"))
>>> mixed = result.branch(("Revise", "Restrain"), ("Soft", "Bandwagon"))
>>> mixed.strategies[0][0], mixed.strategies[1][1]
(c_s/(-b + e_s*theta), g/(e_s*g + l*lam - l_r*lam))
"""

from __future__ import annotations

import itertools
import math
import warnings
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import sympy

from ..assumptions import ParameterSpace
from ..conditions import condition_text, holds, reduce_condition
from ..errors import InputError, SolverLimitError, VerificationError
from .. import cache
from ..expr import compile_expression, evaluate, parse_expression
from ..numeric import parse_number
from .branches import Branch, SymbolicEquilibria, profile_label
from .supports import support_branch

__all__ = ["Branch", "SymbolicEquilibria", "condition_work", "equal_size_pairs", "symbolic_branch", "symbolic_equilibria", "symbolic_pure_equilibria",
           "holds", "profile_label", "condition_text", "pure_condition"]
# Branch, SymbolicEquilibria and profile_label live in .branches, holds and condition_text in sbgames.conditions;
# they stay importable from here for existing code.


# -- derivation ---------------------------------------------------------------------
def equal_size_pairs(m: int, n: int) -> int:
    """How many support pairs of equal size an ``m x n`` game has: ``sum_k C(m, k) C(n, k)``.

    Examples
    --------
    >>> equal_size_pairs(2, 3), equal_size_pairs(2, 18)
    (9, 189)
    """
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(1, min(m, n) + 1))


def _fraction_det(rows) -> Fraction:
    """The determinant of a square matrix of Fractions (Gaussian elimination, exact)."""
    rows = [list(r) for r in rows]
    det = Fraction(1)
    for k in range(len(rows)):
        pivot = next((r for r in range(k, len(rows)) if rows[r][k] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != k:
            rows[k], rows[pivot] = rows[pivot], rows[k]
            det = -det
        det *= rows[k][k]
        for r in range(k + 1, len(rows)):
            f = rows[r][k] / rows[k][k]
            rows[r] = [a - f * b for a, b in zip(rows[r], rows[k])]
    return det


def _tied_supports(payoffs: list, own: int, other: int) -> list:
    """Unequal pairs ``(I, J)``, ``|I| < |J|``, whose overdetermined system for the mix on ``I`` may be solvable.

    `payoffs` holds the payoffs of the player choosing from `other`
    strategies, indexed ``[own strategy][other strategy]``: one matrix of
    Fractions per sample point, or else the one symbolic matrix.  A pair is
    kept when, for every ``|I| + 1`` strategies ``K`` of ``J``, the
    determinant of ``payoffs[I x K]`` bordered by ``-1`` is zero at every
    point, or identically (see the module docstring).
    """
    def zero(u, I, K):
        if isinstance(u, sympy.Matrix):
            det = sympy.Matrix([[u[i, k] for i in I] + [-1] for k in K]).det()
            return sympy.cancel(sympy.together(det)) == 0
        return _fraction_det([[u[i][k] for i in I] + [-1] for k in K]) == 0

    def tied(I, K):
        return all(zero(u, I, K) for u in payoffs)
    out = []
    for size in range(1, min(own, other - 1) + 1):
        for I in itertools.combinations(range(own), size):
            level = [K for K in itertools.combinations(range(other), size + 1) if tied(I, K)]
            ties = set(level)
            while level:
                out += [(I, J) for J in level]
                level = [J + (j,) for J in level for j in range(J[-1] + 1, other)
                         if all(K + (j,) in ties for K in itertools.combinations(J, size))]
    return out


def _screening_points(model, A: sympy.Matrix, B: sympy.Matrix) -> list:
    """``[(A, B), ...]``: the payoff matrices as Fractions at up to three random points within the bounds.

    Points where a payoff is undefined or irrational are skipped; the list is
    empty when none is found (the screen then tests the determinants symbolically).
    """
    m, n = A.shape
    if not model.parameters:
        candidates = [{}]
    else:
        samples = _sample_points(model, 200, seed=1)
        candidates = [{name: Fraction(samples[name][k]).limit_denominator(12) for name in model.parameters}
                      for k in np.nonzero(_inside_bounds(model, samples))[0][:3]]
    points = []
    for point in candidates:
        try:
            matrices = tuple([[evaluate(M[i, j], point) for j in range(n)] for i in range(m)] for M in (A, B))
        except InputError:  # a payoff is undefined there
            continue
        if all(isinstance(v, Fraction) for M in matrices for row in M for v in row):
            points.append(matrices)
    return points


def _support_pairs(model, A: sympy.Matrix, B: sympy.Matrix) -> list:
    """The support pairs to solve, ordered by size then position: all of equal size, and the structurally tied.

    Examples
    --------
    >>> from sbgames import load_model
    >>> port = load_model("instrument_portfolio")
    >>> A, B = (sympy.Matrix(a.tolist()) for a in port.symbolic_game().payoff_arrays)
    >>> pairs = _support_pairs(port, A, B)
    >>> len(pairs), [(I, J) for I, J in pairs if len(I) != len(J)]  # Neutral and Bandwagon tie against Restrain
    (190, [((1,), (1, 17))])
    """
    m, n = A.shape
    points = _screening_points(model, A, B) or [(A, B)]
    pairs = [(I, J) for size in range(1, min(m, n) + 1)
             for I in itertools.combinations(range(m), size) for J in itertools.combinations(range(n), size)]
    pairs += _tied_supports([pt[1] for pt in points], m, n)
    pairs += [(I, J) for J, I in _tied_supports([_transpose(pt[0]) for pt in points], n, m)]
    return sorted(pairs, key=lambda pair: (len(pair[0]), pair[0], len(pair[1]), pair[1]))


def _transpose(matrix):
    """A matrix with rows and columns swapped (a sympy Matrix or a list of lists)."""
    return matrix.T if isinstance(matrix, sympy.Matrix) else [list(col) for col in zip(*matrix)]


def _two_player(model, space):
    game = model.symbolic_game()
    A, B = (sympy.Matrix(a.tolist()) for a in game.payoff_arrays)
    names = model.strategies
    branches, degenerate = [], []
    for I, J in _support_pairs(model, A, B):
        branch = support_branch(model, A, B, I, J, space)
        if branch == "degenerate":
            degenerate.append((tuple(names[0][i] for i in I), tuple(names[1][j] for j in J)))
        elif branch is not None:
            branches.append(branch)
    return branches, degenerate


def pure_condition(game, profile: tuple, space: ParameterSpace):
    """When a pure profile of a symbolic game is an equilibrium: no player gains by deviating alone.

    Parameters
    ----------
    game : Game
        A game with sympy payoffs (``model.symbolic_game()``).
    profile : tuple of int
        One strategy index per player.
    space : ParameterSpace
        The parameters' bounds, used to simplify the condition.

    Returns
    -------
    sympy Boolean or None
        The condition, simplified under the bounds; None when it never holds.

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> pure_condition(core.symbolic_game(), (0, 2), ParameterSpace.from_model(core))
    (b + c_s >= e_s*theta) & (b + c_h + w >= e_h*theta)
    """
    atoms = [sympy.Ge(payoff[profile], payoff[profile[:i] + (alt,) + profile[i + 1:]])
             for i, payoff in enumerate(game.payoff_arrays) for alt in range(game.shape[i]) if alt != profile[i]]
    return reduce_condition(atoms, space)


def _pure_profiles(model, space):
    game = model.symbolic_game()
    branches = []
    for profile in itertools.product(*(range(k) for k in game.shape)):
        condition = pure_condition(game, profile, space)
        if condition is None:
            continue
        strategies = tuple(tuple(sympy.Integer(int(k == s)) for k in range(n)) for s, n in zip(profile, game.shape))
        branches.append(Branch(
            players=model.players, strategy_names=model.strategies,
            supports=tuple((model.strategies[i][s],) for i, s in enumerate(profile)),
            strategies=strategies, payoffs=tuple(a[profile] for a in game.payoff_arrays),
            conditions=condition, parameters=tuple(model.parameters)))
    return branches


def _sample_points(model, count: int, seed: int) -> dict:
    """Random parameter points (floats) spread over the bounds, for finding witnesses."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, p in model.parameters.items():
        lower = p.min if p.min is not None else p.above
        upper = p.max if p.max is not None else p.below
        scale = max(1.0, abs(float(p.default)) * 2)
        if lower is not None and upper is not None:
            values = rng.uniform(float(lower), float(upper), count)
        elif lower is not None:
            values = float(lower) + rng.exponential(scale, count)
        elif upper is not None:
            values = float(upper) - rng.exponential(scale, count)
        else:
            values = float(p.default) + rng.normal(0, scale, count)
        out[name] = np.round(values * 12) / 12  # simple rationals, so witnesses are exact
    return out


def _inside_bounds(model, samples: dict) -> np.ndarray:
    """Which of the sample points (:func:`_sample_points`) satisfy the strict bounds and the constraints."""
    inside = np.ones(len(next(iter(samples.values()), [])), dtype=bool)
    for name, p in model.parameters.items():
        v = samples[name]
        if p.above is not None:
            inside &= v > float(p.above)
        if p.below is not None:
            inside &= v < float(p.below)
    for _, relation in model.constraints:
        f = compile_expression(relation, model.parameters)
        inside &= np.asarray(f(*[samples[n] for n in model.parameters]), dtype=bool)
    return inside


def _attach_witnesses(model, branches, count=4000, seed=0) -> list:
    samples = _sample_points(model, count, seed)
    inside = _inside_bounds(model, samples)
    out = []
    for b in branches:
        witness = None
        if inside.any():
            cond, _ = b.compile()
            hits = np.nonzero(cond(**samples) & inside)[0]
            for k in hits[:20]:
                point = {n: Fraction(samples[n][k]).limit_denominator(12) for n in model.parameters}
                try:
                    point = model.values(**point)  # bounds, integrality and constraints
                except InputError:
                    continue
                if holds(b.conditions, point):
                    witness = point
                    break
        if witness is not None:
            _verify_at(model, b, witness)
            b = Branch(**{**b.__dict__, "witness": MappingProxyType(witness),
                          "strategies": tuple(tuple(_orient(p, witness) for p in vec) for vec in b.strategies),
                          "payoffs": tuple(_orient(u, witness) for u in b.payoffs)})
        out.append(b)
    return out


def _orient(expr: sympy.Expr, point: dict) -> sympy.Expr:
    """Write a ratio with a denominator that is positive at `point` (for reading)."""
    num, den = sympy.fraction(expr)
    if den.is_number or evaluate(den, point) > 0:
        return expr
    return (-num) / (-den)


def _verify_at(model, branch: Branch, point: dict) -> None:
    game = model.game(**point)
    profile = branch.strategies_at(**point)
    if not game.is_equilibrium(profile):
        raise VerificationError(f"symbolic branch {branch.label} is not an equilibrium at its witness "
                                f"point {point}: a bug in the symbolic solver")


#: Largest exponent, and largest expression size, that closed-form derivation accepts in a payoff.
MAX_SYMBOLIC_DEGREE = 12
MAX_SYMBOLIC_OPS = 400


#: Most simplification work a 2-player closed-form derivation takes, counted as the support pairs of equal size
#: (``sum_k C(m, k) C(n, k)`` for m x n) times ``(m + n)**2``: each pair's ``m + n`` conditions (probabilities and
#: deviations) are simplified against each other under the bounds.  Measured in 2026 on the development machine:
#: 2 x 6 (1,728) 17 s, the 2 x 18 instrument-portfolio game (189 pairs, 75,600) about 10 minutes, once (the result
#: is cached); 6 x 6 (923 pairs, 132,912) is refused.
MAX_CONDITION_WORK = 80_000


def condition_work(m: int, n: int) -> int:
    """The simplification work of an ``m x n`` game's closed forms: pairs of equal size times ``(m + n)**2``.

    Examples
    --------
    >>> condition_work(2, 3), condition_work(2, 18)
    (225, 75600)
    """
    return equal_size_pairs(m, n) * (m + n) ** 2


def _check_complexity(model) -> None:
    """Refuse games and payoffs whose closed forms would take hours (many supports, high powers, huge expressions)."""
    if len(model.players) == 2:
        m, n = (len(s) for s in model.strategies)
        pairs = equal_size_pairs(m, n)
        work = condition_work(m, n)
        if work > MAX_CONDITION_WORK:
            raise SolverLimitError(f"model {model.name!r}: closed forms of a {m} x {n} game would simplify the "
                                   f"{m + n} conditions of each of {pairs:,} support pairs of equal size against "
                                   f"each other ({pairs:,} x {m + n}**2 = {work:,}, over the limit of "
                                   f"{MAX_CONDITION_WORK:,}); solve numerically at points instead (equilibria(), "
                                   "or method='numeric' for maps and statics)")
    _check_payoffs(model)


def _check_payoffs(model) -> None:
    """Refuse payoffs too complex for closed forms (high powers, huge expressions)."""
    for profile, exprs in model.payoffs.items():
        for expr in exprs:
            powers = [p.exp for p in expr.atoms(sympy.Pow) if p.exp.is_number]
            if any(abs(e) > MAX_SYMBOLIC_DEGREE for e in powers) or sympy.count_ops(expr) > MAX_SYMBOLIC_OPS:
                raise SolverLimitError(f"model {model.name!r}: the payoff {expr} at {','.join(profile)} is too complex "
                                 f"for closed forms (powers above {MAX_SYMBOLIC_DEGREE} or more than "
                                 f"{MAX_SYMBOLIC_OPS} operations); solve numerically at points instead")
            if expr.is_polynomial() and expr.free_symbols and sympy.Poly(expr).total_degree() > MAX_SYMBOLIC_DEGREE:
                raise SolverLimitError(f"model {model.name!r}: the payoff at {','.join(profile)} has degree above "
                                 f"{MAX_SYMBOLIC_DEGREE}; solve numerically at points instead")


def symbolic_branch(model, row_support, col_support) -> Branch | None:
    """The closed form of one pair of supports of a 2-player model, with its conditions.

    Solves the one pair only, so it is quick however large the game:
    where :func:`symbolic_equilibria` derives every branch, this answers
    "when is *this* profile an equilibrium?".  The branch is verified at a
    witness point where its conditions hold, as in :func:`symbolic_equilibria`.

    Parameters
    ----------
    model : Model
        A 2-player normal-form model.
    row_support, col_support : sequence of str
        Strategy names of the row and the column player.

    Returns
    -------
    Branch or None
        None when the pair is an equilibrium nowhere on the parameter space.

    Raises
    ------
    InputError
        For a model that is not 2-player, an unknown strategy name, or a pair
        whose indifference conditions have no unique solution (a degenerate
        pair: solve numerically at points).

    Examples
    --------
    >>> from sbgames import load_model
    >>> branch = symbolic_branch(load_model("core"), ["Revise", "Restrain"], ["Soft", "Bandwagon"])
    >>> branch.strategies[0]
    (c_s/(-b + e_s*theta), (-b - c_s + e_s*theta)/(-b + e_s*theta))
    >>> symbolic_branch(load_model("core"), ["Restrain"], ["Hard"]) is None
    True
    """
    if len(model.players) != 2 or getattr(model, "payoff_table", None) is None:
        raise InputError(f"model {model.name!r}: symbolic_branch needs a 2-player normal-form model")
    _check_payoffs(model)
    indices = []
    for player, support, names in zip(model.players, (row_support, col_support), model.strategies):
        unknown = [s for s in support if s not in names]
        if unknown or not support or len(set(support)) != len(support):
            raise InputError(f"model {model.name!r}: the support {list(support)!r} of {player} must name distinct "
                             f"strategies among {', '.join(names)}")
        indices.append(tuple(sorted(names.index(s) for s in support)))
    A, B = (sympy.Matrix(a.tolist()) for a in model.symbolic_game().payoff_arrays)
    branch = support_branch(model, A, B, *indices, ParameterSpace.from_model(model))
    if branch == "degenerate":
        raise InputError(f"model {model.name!r}: the indifference conditions of {list(row_support)!r} against "
                         f"{list(col_support)!r} have no unique solution (a degenerate pair); solve numerically "
                         "at points instead")
    return None if branch is None else _attach_witnesses(model, [branch])[0]


def symbolic_equilibria(model, witnesses: bool = True) -> SymbolicEquilibria:
    """Every equilibrium of a parametrised model in closed form, with its conditions.

    Parameters
    ----------
    model : Model
    witnesses : bool
        Search for a parameter point where each branch holds, and verify the
        branch there with the exact numeric check (default True).

    Returns
    -------
    SymbolicEquilibria
        A list of :class:`Branch`; see the module docstring for what is
        guaranteed.  For models with three or more players only pure profiles
        are derived (``complete`` is False and a warning says so).
    """
    _check_complexity(model)
    space = ParameterSpace.from_model(model)
    if len(model.players) != 2:
        warnings.warn(f"only pure equilibria are derived for {len(model.players)}-player models",
                      stacklevel=2)
    def derive() -> SymbolicEquilibria:
        if len(model.players) == 2:
            branches, degenerate = _two_player(model, space)
            complete = not degenerate
        else:
            branches, degenerate, complete = _pure_profiles(model, space), [], False
        if witnesses:
            branches = _attach_witnesses(model, branches)
        return SymbolicEquilibria(branches, model=model, space=space, complete=complete,
                                  degenerate_supports=degenerate)
    return cache.cached(cache.model_key(model, f"symbolic_equilibria(witnesses={witnesses})"), derive, _to_data,
                        lambda data: _from_data(data, model, space), same=_same_branches)


def _same_branches(a: SymbolicEquilibria, b: SymbolicEquilibria) -> bool:
    """Whether two derivations have the same branches, expression by expression."""
    fields = ("supports", "strategies", "payoffs", "conditions", "witness")
    return len(a) == len(b) and all(
        getattr(x, f) == getattr(y, f) for x, y in zip(a, b) for f in fields)


def _to_data(result: SymbolicEquilibria) -> dict:
    """A derivation as JSON-ready data (expressions as model-file text; see :mod:`sbgames.cache`)."""
    def branch(b: Branch) -> dict:
        return {"supports": [list(s) for s in b.supports],
                "strategies": [[cache.expression_text(p) for p in vec] for vec in b.strategies],
                "payoffs": [cache.expression_text(u) for u in b.payoffs],
                "conditions": cache.condition_to_data(b.conditions),
                "witness": None if b.witness is None else {k: str(v) for k, v in b.witness.items()}}
    return {"complete": result.complete, "degenerate_supports": [[list(s) for s in d] for d in
                                                                  result.degenerate_supports],
            "branches": [branch(b) for b in result]}


def _from_data(data: dict, model, space) -> SymbolicEquilibria:
    """Read back :func:`_to_data`'s output through the whitelist parser, with the model's symbols."""
    symbols = model.symbols
    names = tuple(tuple(s) for s in model.strategies)

    def branch(d: dict) -> Branch:
        witness = d["witness"]
        if witness is not None:
            witness = MappingProxyType({k: parse_number(v) for k, v in witness.items()})
        supports = tuple(tuple(s) for s in d["supports"])
        if len(supports) != len(names) or any(not set(s) <= set(n) for s, n in zip(supports, names)):
            raise InputError(f"stored supports {supports} do not fit the model's strategies")
        return Branch(players=tuple(model.players), strategy_names=names, supports=supports,
                      strategies=tuple(tuple(parse_expression(p, symbols) for p in vec) for vec in d["strategies"]),
                      payoffs=tuple(parse_expression(u, symbols) for u in d["payoffs"]),
                      conditions=cache.condition_from_data(d["conditions"], symbols),
                      parameters=tuple(model.parameters), witness=witness)
    return SymbolicEquilibria([branch(d) for d in data["branches"]], model=model, space=space,
                              complete=bool(data["complete"]),
                              degenerate_supports=[tuple(tuple(s) for s in d) for d in data["degenerate_supports"]])


def symbolic_pure_equilibria(model, witnesses: bool = True) -> SymbolicEquilibria:
    """For every pure profile of an N-player model, the conditions under which it is an equilibrium.

    Examples
    --------
    >>> from sbgames import load_model
    >>> result = symbolic_pure_equilibria(load_model("core"))
    >>> result.branch(("Revise",), ("Soft",)).conditions
    (e_s*theta >= b + c_s) & (c_h + e_s*theta + w >= c_s + e_h*theta) & (g + l_r*lam >= e_s*g + l*lam)
    """
    space = ParameterSpace.from_model(model)
    branches = _pure_profiles(model, space)
    if witnesses:
        branches = _attach_witnesses(model, branches)
    return SymbolicEquilibria(branches, model=model, space=space, complete=False)
