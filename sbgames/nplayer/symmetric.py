"""Symmetric equilibria of symmetric binary-choice collective-action games.

Each of ``n`` states chooses ``Soft`` (contribute) or ``Free-ride``.  A state's
payoff depends only on its own choice and on ``k``, the number of *other*
states that contribute.  In a symmetric mixed equilibrium every state
contributes with the same probability ``p`` in ``(0, 1)``, and a state is
indifferent between its two choices when ``k ~ Binomial(n - 1, p)``:

.. math::

    D(p) = \\sum_{k=0}^{n-1} \\binom{n-1}{k} p^k (1-p)^{n-1-k}
           \\bigl(a(k) - b(k)\\bigr) = 0,

where ``a(k)`` is the payoff of contributing and ``b(k)`` that of free-riding.
:func:`symmetric_binary_equilibria` solves this polynomial exactly with sympy.

Examples
--------
>>> import sympy
>>> volunteers_dilemma(3, 4, 1)
1/2
>>> U, K = sympy.symbols("U K", positive=True)
>>> volunteers_dilemma(3, U, K)
-sqrt(K)/sqrt(U) + 1
>>> [str(r.exact) for r in threshold_public_good(3, 2, 3, 1, exact=True)]
['1/2 - sqrt(3)/6', 'sqrt(3)/6 + 1/2']
"""

from __future__ import annotations

import math
import numbers
import random
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from ..errors import InputError, InputTypeError, SolverLimitError
from ..game import Game
from ..numeric import kind_of, to_sympy

__all__ = ["SymmetricRoot", "SymmetricEquilibria", "symmetric_binary_equilibria",
           "symmetric_binary_game", "is_symmetric_equilibrium", "volunteers_dilemma",
           "threshold_public_good", "STRATEGIES"]

#: Strategy names of every state, in order: index 0 contributes.
STRATEGIES = ("Soft", "Free-ride")

_P = sympy.Symbol("p")
_TOL = 1e-12
_MAX_GAME_PLAYERS = 12


@dataclass(frozen=True)
class SymmetricRoot:
    """One symmetric mixed equilibrium: every state contributes with probability `p`.

    Attributes
    ----------
    exact : sympy.Expr or None
        The probability as an exact sympy number (rational, radical or
        ``CRootOf``) or, for symbolic payoffs, a closed-form expression;
        ``None`` when solved with ``exact=False``.
    value : float or None
        The probability as a float; ``None`` for symbolic payoffs.
    """

    exact: sympy.Expr | None
    value: float | None

    def __float__(self) -> float:
        if self.value is None:
            raise InputTypeError(f"the symbolic root {self.exact} has no float value")
        return self.value


@dataclass(frozen=True)
class SymmetricEquilibria:
    """The symmetric equilibria of a symmetric binary-choice game.

    Attributes
    ----------
    n : int
        Number of states.
    mixed : tuple of SymmetricRoot
        Every root of the indifference polynomial in ``(0, 1)``, ascending
        (numeric payoffs).  For symbolic payoffs these are candidate closed
        forms: roots that sympy cannot prove non-real or outside ``(0, 1)``.
    all_contribute : bool or sympy relational
        Condition for "every state contributes" to be an equilibrium:
        ``a(n-1) >= b(n-1)``.
    none_contribute : bool or sympy relational
        Condition for "no state contributes" to be an equilibrium:
        ``b(0) >= a(0)``.
    indifference : sympy.Expr
        The polynomial ``D(p)`` in the symbol ``p`` (expanded).
    degenerate : bool
        ``True`` if ``D`` is identically zero: every ``p`` is an equilibrium
        and `mixed` is empty.
    complete : bool
        ``False`` only for symbolic payoffs whose roots sympy could not all
        find in closed form.
    """

    n: int
    mixed: tuple[SymmetricRoot, ...]
    all_contribute: object
    none_contribute: object
    indifference: sympy.Expr
    degenerate: bool = False
    complete: bool = True

    @property
    def probabilities(self) -> tuple:
        """The mixed equilibrium probabilities (floats, or exact expressions if symbolic)."""
        return tuple(r.exact if r.value is None else r.value for r in self.mixed)


# -- validation -----------------------------------------------------------------
def _check_n(n) -> int:
    if isinstance(n, bool) or not isinstance(n, (numbers.Integral, np.integer)):
        raise InputTypeError(f"n must be an integer number of states, got {n!r}")
    n = int(n)
    if n < 2:
        raise InputError(f"a collective-action game needs at least 2 states, got n={n}")
    return n


def _payoff_list(n: int, payoff, what: str) -> list[sympy.Expr]:
    if not callable(payoff):
        raise InputTypeError(f"{what} must be a function of k (the number of other contributors)")
    out = []
    for k in range(n):
        value = payoff(k)
        try:
            kind_of(value)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"{what}({k}): {exc}") from None
        out.append(to_sympy(value))
    return out


def _truth(cond):
    """Python bool for decided sympy relations, else the relation itself."""
    if cond in (sympy.true, sympy.false) or isinstance(cond, bool):
        return bool(cond)
    return cond


# -- root finding -----------------------------------------------------------------
def _binomial_form(poly: sympy.Poly):
    """If ``poly == a (p - s)^m + b``, return ``(a, s, m, b)``; else ``None``."""
    m = poly.degree()
    if m < 1:
        return None
    coeffs = poly.all_coeffs()
    a = coeffs[0]
    s = sympy.cancel(-coeffs[1] / (m * a))
    q = sympy.Dummy("q")
    shifted = sympy.Poly(sympy.expand(poly.as_expr().subs(_P, q + s)), q)
    terms = shifted.terms()
    if any(mon[0] not in (0, m) for mon, c in terms if sympy.simplify(c) != 0):
        return None
    b = sympy.simplify(shifted.coeff_monomial(1))
    a = sympy.simplify(shifted.coeff_monomial(q ** m))
    return a, s, m, b


def _binomial_roots(a, s, m, b, symbolic: bool) -> list[sympy.Expr]:
    """Real roots of ``a (p - s)^m + b`` in closed form (candidates if symbolic)."""
    if b == 0:
        return [s]
    r = sympy.cancel(-b / a)
    if r.is_nonnegative or (symbolic and r.is_negative is None and not r.could_extract_minus_sign()):
        base = r ** sympy.Rational(1, m)
        qs = [-base, base] if m % 2 == 0 else [base]
    elif m % 2 == 1:  # r < 0 (or looks negative): the real odd root of r
        qs = [-((-r) ** sympy.Rational(1, m))]
    elif r.is_negative:
        qs = []
    else:  # even m, sign unknown but looks negative: still report the candidates
        base = r ** sympy.Rational(1, m)
        qs = [-base, base]
    return [sympy.simplify(s + qv) if symbolic else s + qv for qv in qs]


def _exact_numeric_roots(poly: sympy.Poly) -> list[sympy.Expr]:
    """Distinct real roots in (0, 1) of a rational polynomial, exactly."""
    form = _binomial_form(poly)
    if form is not None:
        candidates = _binomial_roots(*form, symbolic=False)
    else:
        candidates = poly.real_roots()
    out = []
    for r in candidates:
        if bool(r > 0) and bool(r < 1) and not any(bool(sympy.Eq(r, o)) or r == o for o in out):
            out.append(r)
    return sorted(out, key=lambda r: float(r))


def _float_roots(coeffs: list[float]) -> list[float]:
    """Distinct real roots in (0, 1) from numpy, polished by Newton steps."""
    c = np.array(coeffs, dtype=float)
    roots = np.roots(c)
    scale = float(np.max(np.abs(c))) or 1.0  # relative to the coefficients, whatever their units
    d = np.polyder(c)
    out: list[float] = []
    for z in roots:
        if abs(z.imag) > 1e-7 * max(1.0, abs(z)):
            continue
        x = float(z.real)
        for _ in range(3):
            dv = np.polyval(d, x)
            if dv == 0:
                break
            step = np.polyval(c, x) / dv
            if not math.isfinite(step):
                break
            x -= step
        if 0 < x < 1 and abs(np.polyval(c, x)) <= 1e-9 * scale and all(abs(x - y) > 1e-9 for y in out):
            out.append(x)
    return sorted(out)


def _sample_point(symbols, rng) -> dict:
    return {s: sympy.Rational(rng.randint(2, 97), rng.randint(2, 11)) for s in symbols}


def _verify(diff_expr: sympy.Expr, root, scale: float) -> None:
    """Check the indifference ``D(root) = 0`` exactly or to 1e-12 (relative to the payoff scale)."""
    value = diff_expr.subs(_P, root)
    if value.free_symbols:
        if sympy.simplify(value) == 0:
            return
        rng = random.Random(7)
        for _ in range(3):  # closed forms sympy cannot simplify: check numerically
            pt = _sample_point(sorted(value.free_symbols, key=str), rng)
            num = complex(sympy.N(value.subs(pt), 50))
            if abs(num) > _TOL * max(1.0, abs(complex(sympy.N(diff_expr.subs(pt).subs(_P, 0), 30)))):
                raise ArithmeticError(f"root {root} fails the indifference check ({num})")
        return
    num = sympy.N(value, 60)
    if abs(complex(num)) > _TOL * scale:
        raise ArithmeticError(f"root {root} fails the indifference check (D = {num})")


def symmetric_binary_equilibria(n, payoff_contribute, payoff_free, *, exact: bool = False) -> SymmetricEquilibria:
    """Symmetric equilibria of a symmetric binary-choice game among `n` states.

    Parameters
    ----------
    n : int
        Number of states, at least 2.
    payoff_contribute, payoff_free : callable
        ``payoff_contribute(k)`` and ``payoff_free(k)`` give a state's payoff
        from contributing (``Soft``) and from free-riding when ``k`` *other*
        states contribute, ``k = 0, ..., n - 1``.  Values are integers,
        fractions, floats or sympy expressions.  Floats are read through
        their shortest decimal form (``0.1 -> 1/10``).
    exact : bool, default False
        Keyword only.  ``True``: exact sympy roots (plus their floats), the
        only way for symbolic payoffs.  ``False``: numeric payoffs are
        solved in floating point with numpy only (``SymmetricRoot.exact``
        is then None).

    Returns
    -------
    SymmetricEquilibria
        Every mixed root in ``(0, 1)``, each verified to satisfy the
        indifference condition (exactly for symbolic payoffs, else to
        ``1e-12`` times the payoff scale), and the conditions for the two pure
        symmetric equilibria.

    Raises
    ------
    InputError
        ``n < 2``, non-finite payoffs, or ``exact=False`` with symbolic payoffs.
    InputTypeError
        ``n`` not an integer, payoffs not callables returning numbers.

    Examples
    --------
    Volunteer's dilemma with three states, benefit 4 and cost 1:

    >>> eq = symmetric_binary_equilibria(3, lambda k: 3, lambda k: 4 if k else 0, exact=True)
    >>> [r.exact for r in eq.mixed], eq.all_contribute, eq.none_contribute
    ([1/2], False, False)
    >>> eq.indifference
    4*p**2 - 8*p + 3

    A stag hunt among four states (contribute pays only if all do):

    >>> eq = symmetric_binary_equilibria(4, lambda k: 6 if k == 3 else 0, lambda k: 1)
    >>> [round(r.value, 6) for r in eq.mixed], eq.all_contribute, eq.none_contribute
    ([0.550321], True, True)
    """
    n = _check_n(n)
    a = _payoff_list(n, payoff_contribute, "payoff_contribute")
    b = _payoff_list(n, payoff_free, "payoff_free")
    symbolic = any(x.free_symbols for x in a + b)
    if symbolic and not exact:
        raise InputError("symbolic payoffs need exact=True")
    diff = sympy.expand(sum(sympy.binomial(n - 1, k) * _P ** k * (1 - _P) ** (n - 1 - k) * (a[k] - b[k])
                            for k in range(n)))
    all_c = _truth(sympy.Ge(a[n - 1], b[n - 1]))
    none_c = _truth(sympy.Ge(b[0], a[0]))
    poly = sympy.Poly(diff, _P)
    if symbolic:
        poly = sympy.Poly(sympy.simplify(diff), _P)
    if poly.is_zero or (symbolic and all(sympy.simplify(c) == 0 for c in poly.all_coeffs())):
        return SymmetricEquilibria(n, (), all_c, none_c, diff, degenerate=True)
    if poly.degree() == 0:
        return SymmetricEquilibria(n, (), all_c, none_c, diff)
    scale = 1.0 if symbolic else (max(abs(float(x)) for x in a + b) or 1.0)

    if not symbolic and not exact:
        coeffs = [float(c) for c in poly.all_coeffs()]
        roots = []
        for x in _float_roots(coeffs):
            _verify(diff, sympy.Float(x, 17), max(scale, float(np.max(np.abs(coeffs)))))
            roots.append(SymmetricRoot(None, float(x)))
        return SymmetricEquilibria(n, tuple(roots), all_c, none_c, diff)

    if not symbolic:
        roots = []
        for r in _exact_numeric_roots(poly):
            _verify(diff, r, scale)
            roots.append(SymmetricRoot(r, float(sympy.N(r, 30))))
        return SymmetricEquilibria(n, tuple(roots), all_c, none_c, diff)

    # symbolic payoffs: closed forms (binomial shape first, then sympy.roots)
    form = _binomial_form(poly)
    complete = True
    if form is not None:
        candidates = _binomial_roots(*form, symbolic=True)
    else:
        found = sympy.roots(poly)
        complete = sum(found.values()) == poly.degree()
        candidates = [sympy.simplify(r) for r in found]
    kept = []
    for r in candidates:
        if r.is_real is False or r.is_nonpositive or (1 - r).is_nonpositive:
            continue
        if any(sympy.simplify(r - o.exact) == 0 for o in kept):
            continue
        _verify(diff, r, scale)
        kept.append(SymmetricRoot(r, None))
    return SymmetricEquilibria(n, tuple(kept), all_c, none_c, diff, complete=complete)


# -- the normal-form game -----------------------------------------------------------
def symmetric_binary_game(n, payoff_contribute, payoff_free, *, title: str = "") -> Game:
    """The `n`-player normal-form :class:`~sbgames.game.Game` of a symmetric binary-choice game.

    Players are ``"State 1"``, ..., ``"State n"``; each has the strategies
    ``("Soft", "Free-ride")``.  The game has ``2**n`` profiles, so `n` is at most 12.

    Examples
    --------
    >>> g = symmetric_binary_game(3, lambda k: 3, lambda k: 4 if k else 0)
    >>> g.payoff(("Soft", "Free-ride", "Free-ride"))
    (Fraction(3, 1), Fraction(4, 1), Fraction(4, 1))
    """
    n = _check_n(n)
    if n > _MAX_GAME_PLAYERS:
        raise SolverLimitError(f"the normal form has 2**n profiles; n={n} exceeds {_MAX_GAME_PLAYERS}")
    a = [payoff_contribute(k) for k in range(n)]
    b = [payoff_free(k) for k in range(n)]
    arrays = []
    for i in range(n):
        arr = np.empty((2,) * n, dtype=object)
        for idx in np.ndindex(*arr.shape):
            k = sum(1 for j, s in enumerate(idx) if j != i and s == 0)
            arr[idx] = a[k] if idx[i] == 0 else b[k]
        arrays.append(arr)
    return Game(arrays, players=[f"State {i + 1}" for i in range(n)],
                strategies=[list(STRATEGIES)] * n, title=title)


def is_symmetric_equilibrium(game: Game, p, tol: float | None = None) -> bool:
    """Check with :meth:`Game.is_equilibrium` that all states playing ``Soft`` with probability `p` is an equilibrium.

    Rational `p` in an exact game is checked exactly; otherwise the game is
    converted to floats and checked within `tol` (by default the game's
    own tolerance, relative to its payoff scale: see
    :func:`sbgames.game.default_tolerance`).

    Examples
    --------
    >>> g = symmetric_binary_game(3, lambda k: 3, lambda k: 4 if k else 0)
    >>> is_symmetric_equilibrium(g, Fraction(1, 2)), is_symmetric_equilibrium(g, 0.3)
    (True, False)
    """
    if isinstance(p, SymmetricRoot):
        p = p.exact if p.exact is not None else p.value
    rational = isinstance(p, (numbers.Rational, np.integer)) or (isinstance(p, sympy.Basic) and p.is_Rational)
    if game.kind == "exact" and rational:
        q = Fraction(int(sympy.Rational(p).p), int(sympy.Rational(p).q))
        return game.is_equilibrium([[q, 1 - q]] * game.n_players)
    x = float(p)
    return game.as_float().is_equilibrium([[x, 1.0 - x]] * game.n_players, tol=tol)


# -- named games ------------------------------------------------------------------------
def _positive_number(value, name: str):
    kind = kind_of(value)
    if kind == "symbolic":
        raise InputTypeError(f"{name} must be a number here, got the expression {value}")
    v = to_sympy(value)
    if not v > 0:
        raise InputError(f"{name} must be positive, got {value!r}")
    return v


def volunteers_dilemma(n, U, K):
    """The symmetric mixed equilibrium of the volunteer's dilemma, ``1 - (K/U)**(1/(n-1))``.

    Every state gets `U` if at least one state volunteers (contributes);
    volunteers pay `K`.  The probability is derived with
    :func:`symmetric_binary_equilibria` (``a(k) = U - K``, ``b(k) = U`` if
    ``k >= 1`` else 0), not copied from the formula.

    Parameters
    ----------
    n : int
        Number of states, at least 2.
    U, K : number or sympy expression
        Benefit and cost; numeric values need ``U > K > 0``.  For symbolic
        values the root that lies in ``(0, 1)`` when ``U > K > 0`` is chosen.

    Returns
    -------
    sympy.Expr
        The probability that each state volunteers.

    Examples
    --------
    >>> volunteers_dilemma(2, 3, 1)
    2/3
    >>> volunteers_dilemma(4, 8, 1)
    1/2
    >>> U, K = sympy.symbols("U K")
    >>> volunteers_dilemma(3, U, K)
    1 - sqrt(K/U)
    """
    n = _check_n(n)
    symbolic = any(kind_of(x) == "symbolic" for x in (U, K))
    if not symbolic:
        U, K = _positive_number(U, "U"), _positive_number(K, "K")
        if not K < U:
            raise InputError(f"the volunteer's dilemma needs U > K > 0, got U={U}, K={K}")
    U, K = to_sympy(U), to_sympy(K)
    eq = symmetric_binary_equilibria(n, lambda k: U - K, lambda k: U if k >= 1 else 0, exact=True)
    if not symbolic:
        if len(eq.mixed) != 1:
            raise ArithmeticError(f"expected one mixed equilibrium, found {len(eq.mixed)}")
        return eq.mixed[0].exact
    rng = random.Random(11)
    symbols = sorted((U - K).free_symbols | U.free_symbols | K.free_symbols, key=str)
    for _ in range(200):  # a sample point with U > K > 0 picks the right root
        pt = _sample_point(symbols, rng)
        u, k = U.subs(pt), K.subs(pt)
        if u.is_real and k.is_real and u > k > 0:
            break
    else:
        raise InputError("could not find parameter values with U > K > 0")
    chosen = []
    for r in eq.mixed:
        z = complex(sympy.N(r.exact.subs(pt), 30))
        if abs(z.imag) < 1e-20 and 0 < z.real < 1:
            chosen.append(r.exact)
    if len(chosen) != 1:
        raise ArithmeticError(f"expected one admissible root, found {chosen}")
    return chosen[0]


def threshold_public_good(n, k, v, c, *, exact: bool = False) -> tuple[SymmetricRoot, ...]:
    """Symmetric mixed equilibria of the threshold public good (``k`` of ``n`` must contribute).

    Every state gets `v` if at least `k` states contribute; contributors pay
    `c`.  A state is pivotal exactly when ``k - 1`` others contribute, so the
    mixed equilibria solve ``c = v C(n-1, k-1) p^(k-1) (1-p)^(n-k)``; there
    are 0, 1 or 2 of them in ``(0, 1)``.

    Parameters
    ----------
    n : int
        Number of states, at least 2.
    k : int
        Threshold, ``1 <= k <= n``.
    v, c : number
        Value of the good and cost of contributing, both positive.
    exact : bool, default False
        Keyword only; passed to :func:`symmetric_binary_equilibria`.

    Returns
    -------
    tuple of SymmetricRoot
        The roots in ``(0, 1)``, ascending.

    Raises
    ------
    InputError
        ``n < 2``, ``k`` outside ``1..n``, or ``v <= 0`` or ``c <= 0``.

    Examples
    --------
    >>> [round(r.value, 6) for r in threshold_public_good(3, 2, 3, 1)]
    [0.211325, 0.788675]
    >>> threshold_public_good(3, 2, 3, 1, exact=True)[0].exact
    1/2 - sqrt(3)/6
    >>> threshold_public_good(3, 2, 3, 2)
    ()
    """
    n = _check_n(n)
    if isinstance(k, bool) or not isinstance(k, (numbers.Integral, np.integer)):
        raise InputTypeError(f"k must be an integer threshold, got {k!r}")
    k = int(k)
    if not 1 <= k <= n:
        raise InputError(f"the threshold k must be between 1 and n={n}, got k={k}")
    v, c = _positive_number(v, "v"), _positive_number(c, "c")
    eq = symmetric_binary_equilibria(n, lambda j: (v if j >= k - 1 else 0) - c,
                                     lambda j: v if j >= k else 0, exact=exact)
    return eq.mixed
