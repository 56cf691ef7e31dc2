"""Exact algebra for polynomial systems: shape position by Groebner bases, signs at real algebraic roots.

The polynomial solver (:mod:`sbgames.solvers.polynomial`) brings each
support's indifference equations to *shape position*, ``x_k = g_k(t)`` and
``h(t) = 0`` (:func:`shape_position`), and then decides the sign of
polynomials at each real root of ``h`` exactly (:func:`sign_at_root`).

Examples
--------
>>> x, y = sympy.symbols("x y")
>>> G = groebner([sympy.Poly(x + y - 1, x, y), sympy.Poly(x - y, x, y)], [x, y])
>>> h, g = shape_position(G, [x, y], random.Random(0))
>>> h.as_expr(), [p.as_expr() for p in g]
(_t - 1/2, [1/2, _t])
"""

from __future__ import annotations

import random
from fractions import Fraction

import sympy
from sympy import QQ

__all__ = ["T", "groebner", "is_inconsistent", "pieces", "shape_position", "read_shape", "coefficient_fractions",
           "horner", "sign_at_root", "approximate_at_root"]

#: The variable of the univariate polynomials in shape position.
T = sympy.Dummy("t")


def groebner(polys, gens, order="grlex"):
    """A Groebner basis of `polys` over the rationals (graded lex by default)."""
    return sympy.groebner(polys, *gens, order=order, domain=QQ)


def is_inconsistent(G) -> bool:
    """Whether a Groebner basis is ``[1]``: the equations have no solution, even complex."""
    polys = G.polys
    return len(polys) == 1 and polys[0].is_one


def pieces(polys, gens, depth: int = 0):
    """Split ``V(polys)`` into pieces by factoring; a list of (GroebnerBasis or None, kind).

    ``kind`` is ``"zero"`` (finitely many points), ``"linear"`` (an affine
    subspace of positive dimension) or ``"curved"`` (positive dimension,
    not known to be affine).  ``None`` stands for the whole space (no
    equations).  Pieces may overlap.
    """
    polys = [p for p in polys if not p.is_zero]
    if not polys:
        return [(None, "linear")] if gens else [(None, "zero")]
    G = groebner(polys, gens)
    if is_inconsistent(G):
        return []
    if G.is_zero_dimensional:
        return [(G, "zero")]
    if depth < 12:
        for g in G.polys:
            _, factors = g.factor_list()
            if len(factors) > 1 or factors[0][1] > 1:
                out = []
                for f, _ in factors:
                    out += pieces([*G.polys, f], gens, depth + 1)
                return out
    linear = all(p.total_degree() <= 1 for p in G.polys)
    return [(G, "linear" if linear else "curved")]


def shape_position(G, gens, rng):
    """Lex Groebner basis in shape position: ``(h, [g_1, ..., g_n])`` with ``x_k = g_k(t)``, ``h(t) = 0``.

    `G` is a zero-dimensional graded basis.  The last variable is tried as
    ``t`` first; otherwise a random linear form, after making the ideal
    radical (Seidenberg's lemma: add the square-free part of each
    variable's eliminant).  Returns None if no shape was found.
    """
    n = len(gens)
    lex = G.fglm("lex")
    shaped = read_shape(lex.polys, gens, gens[-1])
    if shaped is not None:
        return shaped
    polys = list(G.exprs)
    for k in range(n):
        order = [g for g in gens if g != gens[k]] + [gens[k]]
        elim = groebner(polys, order).fglm("lex").exprs[-1]
        polys.append(sympy.Poly(elim, gens[k]).sqf_part().as_expr())
    radical = groebner(polys, gens)
    shaped = read_shape(radical.fglm("lex").polys, gens, gens[-1])
    if shaped is not None:
        return shaped
    for attempt in range(8):
        coefficients = [1] + [rng.randint(1, 3 + 4 * attempt) for _ in range(n - 1)]
        form = T - sum(c * x for c, x in zip(coefficients, gens))
        lifted = groebner([*radical.exprs, form], [*gens, T])
        shaped = read_shape(lifted.fglm("lex").polys, [*gens, T], T)
        if shaped is not None:
            h, g = shaped
            return h, g[:n]       # drop g = t for t itself
    return None


def read_shape(polys, gens, t):
    """``(h, [g_k])`` when the lex basis `polys` (`gens` ending with `t`) is ``x_k - g_k(t)``, ``h(t)``.

    The polynomials come back in the variable ``T``, one ``g_k`` for every
    element of `gens` (``g = t`` for `t` itself).
    """
    n = len(gens) - 1
    if len(polys) != n + 1:
        return None
    terms = [p.as_dict() for p in polys]
    if any(any(e[:n]) for e in terms[-1]):
        return None
    g = []
    for k, poly in enumerate(terms[:-1]):
        lead = tuple(1 if m == k else 0 for m in range(n)) + (0,)
        rest = {e[n:]: -c for e, c in poly.items() if e != lead}
        if poly.get(lead) != 1 or any(any(e[:n]) for e in poly if e != lead):
            return None
        g.append(sympy.Poly.from_dict(rest or {(0,): 0}, T, domain=QQ))
    g.append(sympy.Poly(T, T, domain=QQ))
    h = sympy.Poly.from_dict({e[n:]: c for e, c in terms[-1].items()}, T, domain=QQ)
    return h, g


def coefficient_fractions(r: sympy.Poly) -> list[Fraction]:
    """The coefficients of a univariate polynomial, highest degree first, as fractions."""
    return [Fraction(int(c.p), int(c.q)) for c in r.all_coeffs()]


def horner(coefficients, x: Fraction) -> Fraction:
    """A polynomial (coefficients highest degree first) at `x`, exactly.

    Examples
    --------
    >>> horner([Fraction(1), Fraction(0), Fraction(-2)], Fraction(3, 2))
    Fraction(1, 4)
    """
    value = Fraction(0)
    for c in coefficients:
        value = value * x + c
    return value


def sign_at_root(r: sympy.Poly, f: sympy.Poly, interval) -> int:
    """The exact sign of ``r(alpha)``, alpha the root of the irreducible `f` in `interval`.

    ``r(alpha) = 0`` exactly when `f` divides `r`.  Otherwise the isolating
    interval ``[a, b]`` is refined until ``|r(m)|`` at its midpoint exceeds
    the bound ``(b - a) / 2 * max |r'|`` on the change of ``r`` over the
    interval: then ``r(alpha)`` has the sign of ``r(m)``.
    """
    r = r.rem(f)
    if r.is_zero:
        return 0
    coefficients = coefficient_fractions(r)
    degree = len(coefficients) - 1
    a, b = interval
    while True:
        lo, hi = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
        middle, radius = (lo + hi) / 2, (hi - lo) / 2
        top = max(abs(lo), abs(hi))
        slope = sum(abs(c) * (degree - k) * top ** (degree - k - 1)
                    for k, c in enumerate(coefficients[:-1]))
        value = horner(coefficients, middle)
        if abs(value) > radius * slope:
            return 1 if value > 0 else -1
        a, b = f.refine_root(a, b, eps=sympy.Rational(radius.numerator, radius.denominator * 8))


def approximate_at_root(r: sympy.Poly, f: sympy.Poly, interval) -> float:
    """``r(alpha)`` to double precision, from ever finer isolating intervals."""
    coefficients = coefficient_fractions(r)
    a, b = interval
    eps = sympy.Rational(1, 10**20)
    for _ in range(12):
        a, b = f.refine_root(a, b, eps=eps)
        lo = float(horner(coefficients, Fraction(int(a.p), int(a.q))))
        hi = float(horner(coefficients, Fraction(int(b.p), int(b.q))))
        if lo == hi:
            return lo
        eps = eps / 10**20
    return (lo + hi) / 2
