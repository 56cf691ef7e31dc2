"""The closed form of one support pair of a 2-player parametrised game.

For supports ``I`` (row player) and ``J`` (column player), the column
player's mix on ``J`` must make every row strategy in ``I`` earn the same,
and the row player's mix on ``I`` every column strategy in ``J``
(:func:`indifferent_mix`).  The pair is an equilibrium exactly where those
mixes are probabilities and no strategy outside a support earns more
(:func:`sign_cases` writes these conditions for each sign the mixes' common
denominator can take); :func:`support_branch` simplifies them under the
parameters' bounds and returns the pair's :class:`~sbgames.solvers.branches.Branch`.

Examples
--------
>>> from sbgames import load_model
>>> from sbgames.assumptions import ParameterSpace
>>> core = load_model("core")
>>> A, B = (sympy.Matrix(a.tolist()) for a in core.symbolic_game().payoff_arrays)
>>> branch = support_branch(core, A, B, (0, 1), (1, 2), ParameterSpace.from_model(core))
>>> branch.strategies[1]
(0, g/(e_s*g + l*lam - l_r*lam), (e_s*g - g + l*lam - l_r*lam)/(e_s*g + l*lam - l_r*lam))
"""

from __future__ import annotations

import sympy

from ..conditions import reduce_condition
from ..factoring import factor
from .branches import Branch

__all__ = ["indifferent_mix", "sign_cases", "support_branch", "tidy_ratio"]


def support_branch(model, A: sympy.Matrix, B: sympy.Matrix, I: tuple, J: tuple, space):
    """The closed-form branch of the support pair ``(I, J)``: a Branch, None, or ``"degenerate"``.

    Parameters
    ----------
    model : Model
        A 2-player model (its players, strategy and parameter names label the branch).
    A, B : sympy.Matrix
        The row and column player's payoffs.
    I, J : tuple of int
        The supports, as strategy indices.
    space : ParameterSpace
        The parameters' bounds.

    Returns
    -------
    Branch, None or "degenerate"
        None when the pair is an equilibrium nowhere on the space (no
        solution, or conditions provably false); ``"degenerate"`` when the
        indifference conditions have no unique solution.
    """
    m, n = A.shape
    col_mix = indifferent_mix(A, I, J)        # the column player's mix over J
    row_mix = indifferent_mix(B.T, J, I)      # the row player's mix over I
    if col_mix is None or row_mix is None:
        return None
    if "degenerate" in (col_mix, row_mix):
        return "degenerate"
    (qn, un, qd), (pn, vn, pd) = col_mix, row_mix
    # gains from deviating outside the supports, times the mixes' denominators
    row_gain = [sympy.expand(sum(A[i, j] * qn[J.index(j)] for j in J) - un) for i in range(m) if i not in I]
    col_gain = [sympy.expand(sum(B[i, j] * pn[I.index(i)] for i in I) - vn) for j in range(n) if j not in J]
    cases = []
    for x_case in sign_cases(pn, pd, col_gain, space):
        for y_case in sign_cases(qn, qd, row_gain, space):
            reduced = reduce_condition(x_case + y_case, space)
            if reduced is not None and reduced not in cases:
                cases.append(reduced)
    if not cases:
        return None
    names = model.strategies
    x = [tidy_ratio(pn[I.index(i)], pd) if i in I else sympy.Integer(0) for i in range(m)]
    y = [tidy_ratio(qn[J.index(j)], qd) if j in J else sympy.Integer(0) for j in range(n)]
    return Branch(players=model.players, strategy_names=names,
                  supports=(tuple(names[0][i] for i in I), tuple(names[1][j] for j in J)),
                  strategies=(tuple(x), tuple(y)), payoffs=(tidy_ratio(un, qd), tidy_ratio(vn, pd)),
                  conditions=sympy.Or(*cases), parameters=tuple(model.parameters))


def indifferent_mix(M: sympy.Matrix, rows, cols):
    """The mix on `cols` that makes every row in `rows` earn the same, over a common denominator.

    Returns ``(numerators, value_numerator, denominator)`` with polynomial
    entries (probabilities ``numerators[k] / denominator``), None when there
    is no solution, or ``"degenerate"`` when the solution is not unique.
    A square system with polynomial payoffs is solved by Cramer's rule in
    the polynomial ring (:func:`_cramer`); the others by :func:`sympy.linsolve`.
    """
    if len(rows) == len(cols):
        solved = _cramer(M, rows, cols)
        if solved is not None:
            return solved
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
    return _signed([sympy.expand(sympy.cancel(n * den / d)) for n, d in fractions], sympy.expand(den))


def _signed(nums, den):
    """``(numerators, value numerator, denominator)`` with a denominator that does not start with a minus sign."""
    if den.could_extract_minus_sign():
        nums, den = [-n for n in nums], -den
    return nums[:-1], nums[-1], den


def _cramer(M: sympy.Matrix, rows, cols):
    """:func:`indifferent_mix` of a square system of polynomials: Cramer's rule, common factors cancelled.

    None when an entry is not a polynomial or the determinant is zero (then
    the solution is not unique or does not exist, which ``linsolve`` sorts out).
    """
    symbols = tuple(sorted(set().union(*(M[r, c].free_symbols for r in rows for c in cols)), key=str))
    R = _ring(symbols)
    try:
        entries = [[R(M[r, c]) for c in cols] for r in rows]
    except (ValueError, TypeError, sympy.PolynomialError, sympy.CoercionFailed):
        return None
    # unknowns q_1..q_k, u: sum_c M[r, c] q_c - u = 0 for each row, sum_c q_c = 1
    system = [row + [-R.one] for row in entries] + [[R.one] * len(cols) + [R.zero]]
    det = _bareiss(system)
    if not det:
        return None
    solved = [_bareiss([row[:k] + [R.one if i == len(rows) else R.zero] + row[k + 1:]
                        for i, row in enumerate(system)]) for k in range(len(cols) + 1)]
    common = det
    for x in solved:
        common = common.gcd(x)
    return _signed([(x.exquo(common)).as_expr() for x in solved], det.exquo(common).as_expr())


def _ring(symbols: tuple):
    if symbols not in _RINGS:
        _RINGS[symbols] = sympy.ring(symbols or (sympy.Dummy("_none"),), sympy.QQ)[0]
    return _RINGS[symbols]


_RINGS: dict = {}


def _bareiss(matrix) -> object:
    """The determinant of a square matrix of polynomial-ring elements, by fraction-free elimination."""
    a = [row[:] for row in matrix]
    n, sign, previous = len(a), 1, None
    for k in range(n - 1):
        if not a[k][k]:
            swap = next((i for i in range(k + 1, n) if a[i][k]), None)
            if swap is None:
                return a[k][k] * 0
            a[k], a[swap], sign = a[swap], a[k], -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                entry = a[i][j] * a[k][k] - a[i][k] * a[k][j]
                a[i][j] = entry if previous is None else entry.exquo(previous)
        previous = a[k][k]
    return a[n - 1][n - 1] * sign


def tidy_ratio(num, den) -> sympy.Expr:
    """``num/den`` in a readable form (a positive-looking denominator, factored)."""
    n, d = sympy.fraction(sympy.cancel(num / den))
    if d.could_extract_minus_sign():
        n, d = -n, -d
    return factor(n) / factor(d) if d != 1 else factor(n)


def sign_cases(nums, den, deviations, space):
    """Atoms for ``nums/den >= 0`` and ``deviations/den <= 0``, one list per sign ``den`` can take.

    The atoms are built unevaluated (sympy's own evaluation of a relation
    asks its assumptions system, which is slow on long expressions);
    :func:`~sbgames.conditions.reduce_condition` decides them under the bounds.
    """
    def atoms(s):
        return ([sympy.Ge(s * n, 0, evaluate=False) for n in nums]
                + [sympy.Le(s * d, 0, evaluate=False) for d in deviations])
    if den.is_number:
        return [atoms(1)]
    return [atoms(s) + [sympy.Gt(s * den, 0, evaluate=False)] for s in (1, -1)
            if space.decide(sympy.Gt(s * den, 0, evaluate=False)) is not False]
