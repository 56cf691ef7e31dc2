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
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from ..assumptions import ParameterSpace
from ..conditions import condition_text, holds, reduce_condition
from ..errors import InputError, SolverLimitError, VerificationError
from .. import cache
from ..results import ClosedFormMixin, expression_json, merge_values, number_json
from ..expr import compile_expression, evaluate, parse_expression

__all__ = ["Branch", "SymbolicEquilibria", "symbolic_equilibria", "symbolic_pure_equilibria",
           "holds", "profile_label", "condition_text", "pure_condition"]
# holds and condition_text live in sbgames.conditions; they stay importable from here for existing code.


def profile_label(supports, strategy_names=None) -> str:
    """A readable name for a support profile: ``"Revise / Soft"`` or
    ``"mixed: Revise-Restrain x Soft-Bandwagon"``.

    Examples
    --------
    >>> profile_label((("Revise",), ("Soft", "Bandwagon")))
    'mixed: Revise x Soft-Bandwagon'
    """
    if all(len(s) == 1 for s in supports):
        return " / ".join(s[0] for s in supports)
    return "mixed: " + " x ".join("-".join(s) for s in supports)


@dataclass(frozen=True, eq=False)
class Branch(ClosedFormMixin):
    """One closed-form equilibrium and the conditions under which it exists.

    Attributes
    ----------
    players : tuple of str
    strategy_names : tuple of tuple of str
    supports : tuple of tuple of str
        The strategies each player may play with positive probability.
    strategies : tuple of tuple of sympy.Expr
        Probability of each strategy, per player.
    payoffs : tuple of sympy.Expr
        Expected payoff of each player.
    conditions : sympy Boolean
        When the profile is an equilibrium, simplified under the bounds
        (``sympy.true`` where it always is).
    witness : dict or None
        A parameter point where the conditions hold (found by sampling).
    """

    players: tuple
    strategy_names: tuple
    supports: tuple
    strategies: tuple
    payoffs: tuple
    conditions: Boolean
    parameters: tuple = field(repr=False)
    witness: dict | None = None

    @property
    def label(self) -> str:
        """``"Revise / Soft"`` for a pure branch, ``"mixed: ..."`` otherwise."""
        return profile_label(self.supports)

    @property
    def is_pure(self) -> bool:
        return all(len(s) == 1 for s in self.supports)

    def played(self) -> list:
        """``[(player, [(strategy, probability), ...]), ...]`` over the strategies not played with probability 0."""
        return [(player, [(n, p) for n, p in zip(names, vec) if p != 0])
                for player, names, vec in zip(self.players, self.strategy_names, self.strategies)]

    def probability(self, player, strategy) -> sympy.Expr:
        """The probability that `player` plays `strategy` on this branch."""
        i = self.players.index(player) if player in self.players else int(player)
        return self.strategies[i][self.strategy_names[i].index(strategy)]

    # -- evaluation ---------------------------------------------------------
    def holds_at(self, values=None, /, **more) -> bool:
        """Whether the conditions hold at a parameter point (exact arithmetic).

        The point is a mapping of every parameter to its value, or keywords, or both.
        """
        return holds(self.conditions, _point(merge_values(values, more), self.parameters))

    def strategies_at(self, **values) -> tuple:
        """The equilibrium strategies at a parameter point, as Fraction vectors."""
        point = _point(values, self.parameters)
        return tuple(tuple(evaluate(p, point) for p in vec) for vec in self.strategies)

    def payoffs_at(self, **values) -> tuple:
        """The expected payoffs at a parameter point."""
        point = _point(values, self.parameters)
        return tuple(evaluate(u, point) for u in self.payoffs)

    def compile(self):
        """Numpy functions of the parameters (keyword arrays, broadcast together).

        Returns
        -------
        conditions : callable
            ``conditions(**arrays) -> bool array``.
        strategies : callable
            ``strategies(**arrays) -> list`` (per player) of lists of arrays.

        Examples
        --------
        >>> from sbgames import load_model
        >>> core = load_model("core")
        >>> b = symbolic_equilibria(core).branch(("Revise",), ("Soft",))
        >>> cond, _ = b.compile()
        >>> values = {k: float(v) for k, v in core.values().items()}
        >>> values["l"] = np.array([0.5, 3.0])
        >>> cond(**values)
        array([ True, False])
        """
        cond = compile_expression(self.conditions, self.parameters)
        strat = compile_expression([list(vec) for vec in self.strategies], self.parameters)

        def broadcast(arrays):
            args = np.broadcast_arrays(*[np.asarray(arrays[n], dtype=float) for n in self.parameters])
            return args, (args[0].shape if args else ())

        def conditions(**arrays):
            args, shape = broadcast(arrays)
            with np.errstate(all="ignore"):
                return np.broadcast_to(np.asarray(cond(*args), dtype=bool), shape)

        def strategies(**arrays):
            args, shape = broadcast(arrays)
            with np.errstate(all="ignore"):
                return [[np.broadcast_to(np.asarray(p, dtype=float), shape) for p in vec]
                        for vec in strat(*args)]
        return conditions, strategies

    # -- text ---------------------------------------------------------------
    def statement(self) -> str:
        """A proposition-style sentence for this branch.

        Examples
        --------
        >>> from sbgames import load_model
        >>> print(load_model("core").symbolic_equilibria().branch(("Revise",), ("Bandwagon",)).statement())
        (Revise / Bandwagon) is an equilibrium if and only if b + c_s >= e_s*theta and b + c_h + w >= e_h*theta. T plays Revise; S plays Bandwagon.
        """
        when = "always" if self.conditions is sympy.true else f"if and only if {condition_text(self.conditions)}"
        return f"({self.label}) is an equilibrium {when}. " + self.describe() + "."

    def describe(self) -> str:
        """What each player plays, in one line.

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("core").symbolic_equilibria().branch(("Revise",), ("Bandwagon",)).describe()
        'T plays Revise; S plays Bandwagon'
        """
        return "; ".join(f"{player} plays {played[0][0]}" if len(played) == 1 else
                         f"{player} plays " + ", ".join(f"{n} with probability {p}" for n, p in played)
                         for player, played in self.played())

    def result_data(self) -> dict:
        """The branch's fields for :meth:`to_dict`: strategies and payoffs keyed by player, and the witness.

        Examples
        --------
        >>> from sbgames import load_model
        >>> data = load_model("core").symbolic_equilibria().branch(("Revise",), ("Bandwagon",)).to_dict()
        >>> data["label"], data["strategies"]["S"]["Bandwagon"], data["payoffs"]["T"]
        ('Revise / Bandwagon', {'exact': '1', 'float': 1.0}, {'expression': 'g'})
        """
        return {"kind": "support branch",
                "supports": {p: list(s) for p, s in zip(self.players, self.supports)},
                "strategies": {p: {n: expression_json(x) for n, x in zip(names, vec)}
                               for p, names, vec in zip(self.players, self.strategy_names, self.strategies)},
                "payoffs": {p: expression_json(u) for p, u in zip(self.players, self.payoffs)},
                "witness": None if self.witness is None else {k: number_json(v) for k, v in self.witness.items()}}

    def __repr__(self) -> str:
        return f"Branch({self.label}; conditions: {self.conditions})"

    def _repr_latex_(self) -> str:
        label = ", ".join(r"\text{" + "-".join(s) + "}" for s in self.supports)
        return f"$({label}):\\quad {sympy.latex(self.conditions)}$"


def _point(values: dict, parameters=()) -> dict:
    from ..model import parse_number
    missing = [p for p in parameters if p not in values]
    if missing:
        raise InputError(f"a value is needed for every parameter; missing {', '.join(missing)} "
                         f"(model.values(...) fills in the defaults)")
    return {k: parse_number(v) for k, v in values.items()}


class SymbolicEquilibria(list):
    """The branches of a model's symbolic equilibria, with how they were derived.

    Attributes
    ----------
    model : Model
    space : ParameterSpace
    complete : bool
        True when the branches cover every extreme equilibrium at every
        non-degenerate parameter point: False for pure-profile derivations
        (N-player models, :func:`symbolic_pure_equilibria`) and when some
        supports are structurally degenerate.
    degenerate_supports : list of tuple
        Support pairs whose indifference equations are consistent for both
        players but have a non-unique solution for at least one (structural
        ties, such as duplicated strategies); they are not expanded into
        branches, and ``complete`` is False when there are any.
    """

    def __init__(self, branches, *, model, space, complete, degenerate_supports=()):
        super().__init__(branches)
        self.model = model
        self.space = space
        self.complete = complete
        self.degenerate_supports = list(degenerate_supports)

    def copy(self) -> "SymbolicEquilibria":
        """A new list of the same (immutable) branches, with the same record."""
        return SymbolicEquilibria(self, model=self.model, space=self.space, complete=self.complete,
                                  degenerate_supports=self.degenerate_supports)

    def branch(self, *supports) -> Branch:
        """The branch with these supports (one tuple of strategy names per player)."""
        key = tuple(tuple(s) for s in supports)
        for b in self:
            if b.supports == key:
                return b
        raise KeyError(f"no branch with supports {key}; branches: {[b.label for b in self]}")

    def at(self, **values) -> list:
        """The branches whose conditions hold at a parameter point."""
        point = self.model.values(**values)
        return [b for b in self if holds(b.conditions, point)]

    def __repr__(self) -> str:
        return f"SymbolicEquilibria({len(self)} branches: {[b.label for b in self]})"

    def text(self) -> str:
        """Every branch as a plain-text proposition."""
        return "\n\n".join(b.statement() for b in self)

    def _repr_latex_(self) -> str:
        from ..latex import condition, expression
        rows = []
        for b in self:
            label = ", ".join(r"\text{" + "-".join(s) + "}" for s in b.supports)
            probs = "; ".join(", ".join(expression(p, self.model) for p in vec) for vec in b.strategies)
            rows.append(f"({label}) & {probs} & {condition(b.conditions, self.model)}")
        return "$$\\begin{array}{lll}" + r" \\ ".join(rows) + r"\end{array}$$"


# -- derivation ---------------------------------------------------------------------
def _indifferent_mix(M: sympy.Matrix, rows, cols):
    """The mix on `cols` that makes every row in `rows` earn the same, over a common denominator.

    Returns ``(numerators, value_numerator, denominator)`` with polynomial
    entries (probabilities ``numerators[k] / denominator``), None when there
    is no solution, or ``"degenerate"`` when the solution is not unique.
    """
    q = sympy.symbols(f"_q0:{len(cols)}")
    u = sympy.Symbol("_u")
    eqs = [sum(M[r, c] * q[k] for k, c in enumerate(cols)) - u for r in rows]
    eqs.append(sum(q) - 1)
    solution = sympy.linsolve(eqs, [*q, u])
    if not isinstance(solution, sympy.FiniteSet) or len(solution) != 1:
        return None
    (values,) = solution.args
    if any(v.free_symbols & {*q, u} for v in values):
        return "degenerate"
    fractions = [sympy.fraction(sympy.cancel(sympy.together(v))) for v in values]
    den = sympy.lcm_list([d for _, d in fractions])
    if den.could_extract_minus_sign():
        den = -den
    nums = [sympy.expand(sympy.cancel(n * den / d)) for n, d in fractions]
    return nums[:-1], nums[-1], sympy.expand(den)


def _tidy(num, den) -> sympy.Expr:
    """``num/den`` in a readable form (a positive-looking denominator, factored)."""
    n, d = sympy.fraction(sympy.cancel(num / den))
    if d.could_extract_minus_sign():
        n, d = -n, -d
    return sympy.factor(n) / sympy.factor(d) if d != 1 else sympy.factor(n)


def _sign_cases(nums, den, deviations):
    """Atoms for ``nums/den >= 0`` and ``deviations/den <= 0``, one list per sign of ``den``."""
    if den.is_number:
        return [[sympy.Ge(n, 0) for n in nums] + [sympy.Le(d, 0) for d in deviations]]
    return [[sympy.Ge(s * n, 0) for n in nums] + [sympy.Le(s * d, 0) for d in deviations]
            + [sympy.Gt(s * den, 0)] for s in (1, -1)]


def _two_player(model, space):
    game = model.symbolic_game()
    A, B = (sympy.Matrix(a.tolist()) for a in game.payoff_arrays)
    m, n = A.shape
    names = model.strategies
    branches, degenerate = [], []

    def subsets(k):
        return [c for size in range(1, k + 1) for c in itertools.combinations(range(k), size)]
    for I in subsets(m):
        for J in subsets(n):
            col_mix = _indifferent_mix(A, I, J)        # the column player's mix over J
            row_mix = _indifferent_mix(B.T, J, I)      # the row player's mix over I
            if col_mix is None or row_mix is None:
                continue
            supports = (tuple(names[0][i] for i in I), tuple(names[1][j] for j in J))
            if "degenerate" in (col_mix, row_mix):
                degenerate.append(supports)
                continue
            (qn, un, qd), (pn, vn, pd) = col_mix, row_mix
            # gains from deviating outside the supports, times the mixes' denominators
            row_gain = [sympy.expand(sum(A[i, j] * qn[J.index(j)] for j in J) - un) for i in range(m) if i not in I]
            col_gain = [sympy.expand(sum(B[i, j] * pn[I.index(i)] for i in I) - vn) for j in range(n) if j not in J]
            cases = []
            for x_case in _sign_cases(pn, pd, col_gain):
                for y_case in _sign_cases(qn, qd, row_gain):
                    reduced = reduce_condition(x_case + y_case, space)
                    if reduced is not None and reduced not in cases:
                        cases.append(reduced)
            if not cases:
                continue
            x = [_tidy(pn[I.index(i)], pd) if i in I else sympy.Integer(0) for i in range(m)]
            y = [_tidy(qn[J.index(j)], qd) if j in J else sympy.Integer(0) for j in range(n)]
            branches.append(Branch(
                players=model.players, strategy_names=names, supports=supports,
                strategies=(tuple(x), tuple(y)), payoffs=(_tidy(un, qd), _tidy(vn, pd)),
                conditions=sympy.Or(*cases), parameters=tuple(model.parameters)))
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


def _attach_witnesses(model, branches, count=4000, seed=0) -> list:
    samples = _sample_points(model, count, seed)
    inside = np.ones(count, dtype=bool)
    for name, p in model.parameters.items():
        v = samples[name]
        if p.above is not None:
            inside &= v > float(p.above)
        if p.below is not None:
            inside &= v < float(p.below)
    for _, relation in model.constraints:
        f = compile_expression(relation, model.parameters)
        inside &= np.asarray(f(*[samples[n] for n in model.parameters]), dtype=bool)
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
                except ValueError:
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


#: Most support pairs a 2-player closed-form derivation takes ((2**m - 1) * (2**n - 1) for m x n; 5 x 5 has 961).
MAX_SUPPORT_PAIRS = 1_000


def _check_complexity(model) -> None:
    """Refuse games and payoffs whose closed forms would take hours (many supports, high powers, huge expressions)."""
    if len(model.players) == 2:
        m, n = (len(s) for s in model.strategies)
        pairs = (2 ** m - 1) * (2 ** n - 1)
        if pairs > MAX_SUPPORT_PAIRS:
            raise SolverLimitError(f"model {model.name!r}: closed forms of a {m} x {n} game would solve {pairs:,} "
                                   f"support pairs symbolically, over the limit of {MAX_SUPPORT_PAIRS:,}; solve "
                                   "numerically at points instead (equilibria(), or method='numeric' for maps and "
                                   "statics)")
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
    from ..model import parse_number
    symbols = model.symbols
    names = tuple(tuple(s) for s in model.strategies)

    def branch(d: dict) -> Branch:
        witness = d["witness"]
        if witness is not None:
            witness = MappingProxyType({k: parse_number(v) for k, v in witness.items()})
        supports = tuple(tuple(s) for s in d["supports"])
        if len(supports) != len(names) or any(not set(s) <= set(n) for s, n in zip(supports, names)):
            raise ValueError(f"stored supports {supports} do not fit the model's strategies")
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
