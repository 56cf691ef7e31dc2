"""What a cut-point solver needs from a game with private types, and exact or float signs.

The game is a 2-player :class:`~sbgames.game.Game` whose payoffs are
sympy expressions in the private types only (every parameter already has its
value).  T (the first player) has two strategies, the first of which
(``Revise`` in the core model) is the one its low types choose; S (the second
player) has any number.  The solvers rely on three properties, checked here:

* T's gain from its first strategy over its second, against each strategy j
  of S, is affine in T's type: ``alpha_j + beta_j * t`` with ``beta_j <= 0``
  (so the types that revise are those below a cut-point);
* S's payoffs do not depend on T's type, and T's do not depend on S's;
* if S has a private type s too, it enters S's payoffs only through one
  strategy (``Soft``, the cost of soft balancing), as ``-kappa * s`` with
  ``kappa > 0`` in both rows (so S's types that take it are those below a
  cut-point).

Examples
--------
>>> import sympy
>>> from sbgames import load_model
>>> lam = sympy.Symbol("lam")
>>> core = load_model("core")
>>> values = {k: v for k, v in core.values().items() if k != "lam"}
>>> game = core.symbolic_game().subs(values)
>>> st = type_structure(game, "lam", exact=True)
>>> st.alpha, st.beta
((-8/5, 2, 4), (0, -3, 0))
>>> Arithmetic(True).sign(sympy.sqrt(73) - 8)
1
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..errors import InputError
from ..game import Game

__all__ = ["TypeStructure", "type_structure", "Arithmetic"]


class Arithmetic:
    """Exact signs of sympy numbers (rational or algebraic), or float signs within a tolerance.

    Parameters
    ----------
    exact : bool
    tol : float
        Float mode: values within `tol` of 0 count as 0.
    """

    def __init__(self, exact: bool, tol: float = 1e-9):
        self.exact = exact
        self.tol = tol

    def number(self, value):
        """`value` in this arithmetic: a sympy number (exact) or a float."""
        return sympy.nsimplify(value) if self.exact and isinstance(value, float) else (
            sympy.sympify(value) if self.exact else float(value))

    def sign(self, value) -> int:
        """-1, 0 or 1 (exact: decided exactly; float: 0 within the tolerance)."""
        if not self.exact:
            value = float(value)
            return 0 if abs(value) <= self.tol else (1 if value > 0 else -1)
        value = sympy.sympify(value)
        if value.is_Rational:
            return int(sympy.sign(value))
        if value in (sympy.oo, -sympy.oo):
            return 1 if value == sympy.oo else -1
        simple = sympy.radsimp(sympy.expand(value))
        if simple == 0:
            return 0
        approx = sympy.N(simple, 60)
        if abs(approx) < sympy.Float("1e-40") and simple.equals(0):
            return 0
        return 1 if approx > 0 else -1

    def zero(self, value) -> bool:
        return self.sign(value) == 0

    def within(self, low, value, high) -> bool:
        """``low <= value <= high`` (float mode: within the tolerance)."""
        return self.sign(value - low) >= 0 and self.sign(high - value) >= 0


@dataclass(frozen=True)
class TypeStructure:
    """T's gains from revising and S's payoffs, as the cut-point solvers use them.

    Attributes
    ----------
    game : Game
    t_type, s_type : str or None
        Names of the private types (``s_type`` is None when S's type is known).
    t_actions : tuple of str
        T's first strategy (chosen by low types) and second.
    s_actions : tuple of str
    alpha, beta : tuple
        T's gain from its first strategy against S's strategy j at type t is
        ``alpha[j] + beta[j] * t``.
    revise_payoff, restrain_payoff : tuple
        S's payoff from strategy j against T's first / second strategy (at S's type 0).
    kappa : tuple
        S's payoff from strategy j falls by ``kappa[j] * s`` with its type s (all 0 without ``s_type``).
    """

    game: Game
    t_type: str
    s_type: str | None
    t_actions: tuple
    s_actions: tuple
    alpha: tuple
    beta: tuple
    revise_payoff: tuple
    restrain_payoff: tuple
    kappa: tuple

    def s_payoff(self, j: int, p, s=0):
        """S's expected payoff from strategy j when T revises with probability p (type s)."""
        return p * self.revise_payoff[j] + (1 - p) * self.restrain_payoff[j] - self.kappa[j] * s

    def t_gain(self, sigma, t):
        """T's gain from revising at type t against S's mixed strategy `sigma` (a tuple)."""
        return sum(q * (a + b * t) for q, a, b in zip(sigma, self.alpha, self.beta))


def _affine(expr, symbol, what: str, arith: Arithmetic | None):
    """``(constant, slope)`` of `expr` in `symbol`, refusing anything not affine (`arith` None: symbolic)."""
    expr = sympy.sympify(expr)
    if symbol is None or symbol not in expr.free_symbols:
        slope, constant = sympy.Integer(0), expr
    else:
        poly = sympy.Poly(sympy.expand(expr), symbol)
        if poly.degree() > 1:
            raise InputError(f"{what} = {expr} is not affine in {symbol}: cut-point strategies need "
                             f"payoffs linear in the private type")
        constant, slope = poly.coeff_monomial(1), poly.coeff_monomial(symbol)
    if arith is None:
        return constant, slope
    for value in (constant, slope):
        if not value.is_number:
            names = ", ".join(sorted(str(s) for s in value.free_symbols))
            raise InputError(f"{what} = {expr} depends on {names}: give every parameter a value "
                             f"(only the private types may be left as symbols)")
        if arith.exact and not value.is_Rational:
            raise InputError(f"{what} = {expr} is not rational: solve with exact=False")
    return arith.number(constant), arith.number(slope)


def type_structure(game: Game, t_type: str, s_type: str | None = None, *, exact: bool = False,
                   tol: float = 1e-9, revise: str | None = None, symbolic: bool = False) -> TypeStructure:
    """Read and check the structure of a game with private types (see the module docstring).

    Parameters
    ----------
    game : Game
        Two players; T has two strategies.
    t_type : str
        Name of T's private type (a symbol in T's payoffs).
    s_type : str, optional
        Name of S's private type, for the two-sided game.
    exact : bool
    tol : float
        Float mode: the tolerance of the sign checks.
    revise : str, optional
        The strategy of T chosen by its low types (default: T's first).
    symbolic : bool
        Keep coefficients as expressions in the parameters (for closed forms);
        the sign conditions are then not checked.

    Raises
    ------
    InputError
        A game of another shape, payoffs not affine in the types, a type in
        the other player's payoffs, T's gain from revising rising with its type,
        or S's type in more than one strategy.
    """
    arith = None if symbolic else Arithmetic(exact, tol)
    if not isinstance(game, Game) or game.n_players != 2 or game.shape[0] != 2:
        raise InputError(f"cut-point equilibria need a 2-player Game in which T (the first player) has two "
                         f"strategies, got {game!r}")
    t_names, s_names = game.strategies
    if revise is not None and revise not in t_names:
        raise InputError(f"revise={revise!r} is not a strategy of {game.players[0]} ({', '.join(t_names)})")
    first = t_names.index(revise) if revise is not None else 0
    rows = (first, 1 - first)
    t_sym, s_sym = sympy.Symbol(t_type), sympy.Symbol(s_type) if s_type else None
    if s_type == t_type:
        raise InputError(f"T's and S's private types need different names, both are {t_type!r}")

    def entry(player, i, j):
        value = sympy.sympify(game.payoff_arrays[player][rows[i], j])
        return value.xreplace({s: sympy.Symbol(s.name) for s in value.free_symbols})  # names, not assumptions

    alpha, beta, rev, res, kappa = [], [], [], [], []
    for j, name in enumerate(s_names):
        gain = entry(0, 0, j) - entry(0, 1, j)
        if s_sym is not None and s_sym in gain.free_symbols:
            raise InputError(f"T's payoffs against {name} depend on S's type {s_type}: T must not know it")
        a, b = _affine(gain, t_sym, f"T's gain from {t_names[rows[0]]} against {name}", arith)
        if arith is not None and arith.sign(b) > 0:
            raise InputError(f"T's gain from {t_names[rows[0]]} against {name} rises with {t_type} "
                             f"(slope {b}): the cut-point solver needs low types to revise (slope <= 0)")
        alpha.append(a)
        beta.append(b)
        slopes = []
        for i, store in ((0, rev), (1, res)):
            value = entry(1, i, j)
            if t_sym in value.free_symbols:
                raise InputError(f"S's payoff at {t_names[rows[i]]},{name} depends on T's type {t_type}")
            constant, slope = _affine(value, s_sym, f"S's payoff at {t_names[rows[i]]},{name}", arith)
            store.append(constant)
            slopes.append(-slope)
        differs = slopes[0] - slopes[1]
        if sympy.expand(differs) != 0 if arith is None else not arith.zero(differs):
            raise InputError(f"S's type {s_type} enters its payoffs from {name} differently against "
                             f"{t_names[rows[0]]} and {t_names[rows[1]]}: it must be a cost of the strategy")
        kappa.append(slopes[0])
    if s_sym is not None and arith is not None:
        costly = [j for j, k in enumerate(kappa) if not arith.zero(k)]
        if len(costly) != 1 or arith.sign(kappa[costly[0]]) < 0:
            raise InputError(f"S's type {s_type} must lower S's payoff from exactly one strategy (a cost), "
                             f"found coefficients {dict(zip(s_names, (-k for k in kappa)))}")
    return TypeStructure(game=game, t_type=t_type, s_type=s_type, t_actions=(t_names[rows[0]], t_names[rows[1]]),
                         s_actions=tuple(s_names), alpha=tuple(alpha), beta=tuple(beta),
                         revise_payoff=tuple(rev), restrain_payoff=tuple(res), kappa=tuple(kappa))
