"""A proof that a player's support system has no valid solution, from its values first.

In a 2-player stochastic game, player ``i``'s half of a support profile's
system (:func:`~sbgames.stochastic.mixed.solve_player`) has unknowns
``V_i`` (one value per state) and the other player ``j``'s probabilities.
In state ``s``, with ``A`` the support of ``i`` and ``B`` that of ``j``,
write ``M_s(V)[a, b] = u_i(s, a, b) + delta_i sum_t P(t | s, a, b) V(t) - V(s)``,
affine in ``V``.  The conditions are ``M_s(V)[A, B] sigma = 0`` for the mix
``sigma`` of ``j`` on ``B`` (positive, summing to 1), and
``M_s(V)[a, B] sigma <= 0`` for every other strategy ``a``.

The probabilities of each state can be eliminated: a mix with
``M_s(V)[A, B] sigma = 0`` exists only where that matrix has rank below
``|B|``, so every ``|B| x |B|`` minor vanishes (one column, ``|B| = 1``:
the entries themselves, linear in ``V``; ``|A| < |B|``: no condition).
These *value equations*, over all states, have at most as many unknowns
as there are states.  When they have no common complex solution (a
Groebner basis, computed exactly with FLINT, is ``[1]``), the system has
none.  When they have finitely many, each real one is enclosed in a ball
(FLINT's certified root isolation, then ball arithmetic), the mix of each
state solved from it, and checked: a mix probability certainly negative,
an outside strategy certainly better, or a support equation certainly
broken rejects the point.  When every point is rejected, the system has no
valid solution: a proof, because every step is exact or a certified
enclosure.

Anything else (a continuum of values, a basis not in shape position, a
sign a ball cannot decide, as at ties) gives no verdict, and the exact
search solves the system as before.  So the screen only ever skips work
whose answer it has proved.

Examples
--------
Matching pennies played forever: player 1's system with both strategies in
both players' supports has a valid solution (the screen cannot reject it);
playing its second strategy against player 2's first has none (the first
would earn more), and the screen proves it:

>>> from fractions import Fraction
>>> from sbgames import Game
>>> from sbgames.stochastic import StochasticGame
>>> pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
>>> game = StochasticGame([pennies], ["s1"], delta=Fraction(1, 2))
>>> screen = PlayerScreen(game, 0)
>>> screen.rejects([((0, 1), (0, 1))])
False
>>> screen.rejects([((1,), (0,))])
True
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import flint
import sympy

__all__ = ["PlayerScreen", "solve_linear", "SCREEN_PRECISION", "MAX_SCREEN_SOLUTIONS"]

#: Bits of the ball arithmetic that encloses the real solutions.
SCREEN_PRECISION = 256
#: Value equations with more complex solutions than this are left to the exact search (27 = 3**3: three cubic
#: determinants, every 3-state game with 3 strategies each).
MAX_SCREEN_SOLUTIONS = 27

_REJECT, _VALID, _OPEN = "reject", "valid", "open"


def _row_scale(entries) -> int:
    """The least positive integer that makes every fraction of `entries` whole."""
    return math.lcm(*(Fraction(x).denominator for x in entries))


class PlayerScreen:
    """The value-equation screen of one player in an exact 2-player stochastic game.

    Parameters
    ----------
    game : StochasticGame
        Exact, 2 players.
    player : int
        The player whose systems are screened (``i`` above).

    Notes
    -----
    Results are cached: value equations by the supports that give them,
    points by the value equations, state checks by state, supports and
    point.  One screen serves every support profile of a search.
    """

    def __init__(self, game, player: int):
        self.game, self.player = game, player
        n = game.n_states
        names = tuple(f"v{t}" for t in range(n))
        self._grevlex = flint.fmpz_mpoly_ctx.get(names, "degrevlex")
        self._extended = flint.fmpz_mpoly_ctx.get((*names, "y"), "degrevlex")
        self._rows = [self._state_rows(s) for s in range(n)]
        self._points, self._checks = {}, {}

    def _state_rows(self, s):
        """``rows[a][b]``: ``M_s[a, b]`` as integers ``(c_0 .. c_{n-1}, c)``, each row scaled by a positive integer."""
        game, i = self.game, self.player
        stage, table = game.stages[s], game.transitions[s]
        delta = Fraction(game.delta[i])
        rows = []
        for a in range(stage.shape[i]):
            row = []
            for b in range(stage.shape[1 - i]):
                cell = (a, b) if i == 0 else (b, a)
                row.append([delta * Fraction(table[cell][t]) - (t == s) for t in range(game.n_states)]
                           + [Fraction(stage.payoff_arrays[i][cell])])
            scale = _row_scale(x for entry in row for x in entry)
            rows.append([[int(x * scale) for x in entry] for entry in row])
        return rows

    def _entry(self, s, a, b, ctx):
        *coefficients, constant = self._rows[s][a][b]
        terms = {tuple(int(k == t) for k in range(len(coefficients))): c for t, c in enumerate(coefficients) if c}
        if constant:
            terms[(0,) * len(coefficients)] = constant
        return ctx.from_dict(terms)

    def _equations(self, s, own, other, ctx) -> list:
        """State `s`'s value equations: the ``|B| x |B|`` minors of ``M_s[A, B]`` (none when ``|A| < |B|``)."""
        k = len(other)
        if len(own) < k:
            return []
        matrix = [[self._entry(s, a, b, ctx) for b in other] for a in own]
        return [_det([matrix[r] for r in rows]) for rows in itertools.combinations(range(len(own)), k)]

    def rejects(self, supports) -> bool:
        """True when player's system on the support profile `supports` provably has no valid solution.

        `supports[s]` is ``(supp_1, supp_2)`` in state ``s``.  False means
        no verdict: the exact search must solve the system.
        """
        key, points = self._key_points(supports)
        if points is _OPEN:
            return False
        with flint.ctx.workprec(SCREEN_PRECISION):
            return all(_REJECT in self._verdicts(supports, key, k, point) for k, point in enumerate(points))

    def solutions(self, supports):
        """Every valid solution of the player's system, exactly; None when the screen cannot list them all.

        Each is ``(strategies, algebraic)`` as
        :func:`~sbgames.stochastic.mixed.solve_player` gives it:
        ``strategies[state][player]`` the other player's mix (None for this
        player), in fractions with ``algebraic`` None when the values are
        rational; else floats, with the exact sympy numbers in
        ``algebraic``.  The mixes are solved exactly in the number field of
        the point's minimal polynomial.

        Examples
        --------
        Matching pennies played forever (player 1's system: player 2 mixes
        half and half, player 1's value is 0):

        >>> from fractions import Fraction
        >>> from sbgames import Game
        >>> from sbgames.stochastic import StochasticGame
        >>> pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
        >>> game = StochasticGame([pennies], ["s1"], delta=Fraction(1, 2))
        >>> PlayerScreen(game, 0).solutions([((0, 1), (0, 1))])
        [([[None, [Fraction(1, 2), Fraction(1, 2)]]], None)]
        """
        key, points = self._key_points(supports)
        if points is _OPEN:
            return None
        found = []
        with flint.ctx.workprec(SCREEN_PRECISION):
            for k, point in enumerate(points):
                verdicts = self._verdicts(supports, key, k, point)
                if _REJECT in verdicts:
                    continue
                if _OPEN in verdicts:
                    return None
                exact = _exact_solution(self, supports, point)
                if exact is None:
                    return None
                found += exact
        return found

    def _key_points(self, supports):
        i = self.player
        key = tuple((s, support[i], support[1 - i]) for s, support in enumerate(supports)
                    if len(support[i]) >= len(support[1 - i]))
        if key not in self._points:
            self._points[key] = self._solve(key)
        return key, self._points[key]

    def _verdicts(self, supports, key, k, point) -> list:
        """Each state's check of point `k` (stops at the first rejection)."""
        i, out = self.player, []
        for s, support in enumerate(supports):
            here = (s, support[i], support[1 - i], key, k)
            if here not in self._checks:
                self._checks[here] = self._check(s, support[i], support[1 - i], point.values)
            out.append(self._checks[here])
            if out[-1] is _REJECT:
                break
        return out

    def mix_rows(self, s, own, other, values):
        """``M_s[a, B]`` for every strategy ``a`` of the player at `values` (ring elements or balls)."""
        return [[_affine(self._rows[s][a][b], values) for b in other]
                for a in range(self.game.stages[s].shape[self.player])]

    def _solve(self, key):
        """Balls around the real solutions of the value equations of `key`, ``[]`` for none, or _OPEN."""
        equations = [p for s, own, other in key for p in self._equations(s, own, other, self._grevlex)]
        if not equations:
            return _OPEN
        basis = flint.fmpz_mpoly_vec(equations, self._grevlex).buchberger_naive().autoreduction()
        if any(p.is_constant() and not p.is_zero() for p in basis):
            return []
        standard = _standard_monomials([p.monoms()[0] for p in basis if not p.is_zero()], self.game.n_states)
        if standard is None or len(standard) > MAX_SCREEN_SOLUTIONS:
            return _OPEN
        return _real_points(_Quotient(basis, standard, self._extended))

    def _check(self, s, own, other, point):
        """Whether the mix of state `s` solved at the value balls `point` is valid there (_REJECT, _VALID, _OPEN)."""
        gains = self.mix_rows(s, own, other, point)
        sigma = _mix([gains[a] for a in own], len(other), flint.arb(1), _ball_solve)
        if sigma is None:
            return _OPEN
        verdict = _VALID
        for a, gain in enumerate(gains):
            value = sum((g * p for g, p in zip(gain, sigma)), flint.arb(0))
            if a in own:
                if not value.contains(0):
                    return _REJECT
            elif value > 0:
                return _REJECT
            elif not value < 0:
                verdict = _OPEN
        for p in sigma:
            if p < 0:
                return _REJECT
            if not p > 0:
                verdict = _OPEN
        return verdict


def _det(matrix):
    """The determinant of a square matrix of polynomials (Laplace expansion; at most 3 x 3 here)."""
    if len(matrix) == 1:
        return matrix[0][0]
    return sum(((-1) ** c * matrix[0][c] * _det([row[:c] + row[c + 1:] for row in matrix[1:]])
                for c in range(len(matrix))), matrix[0][0] * 0)


def _standard_monomials(leads, n):
    """The monomials no leading monomial divides (a basis of the quotient ring); None when there are infinitely many."""
    powers = [min((m[k] for m in leads if m[k] and sum(m) == m[k]), default=None) for k in range(n)]
    if None in powers:
        return None
    return [m for m in itertools.product(*(range(p) for p in powers))
            if not any(all(x >= y for x, y in zip(m, lead)) for lead in leads)]


class _Quotient:
    """The quotient ring of a zero-dimensional ideal: normal forms as vectors over its standard monomials."""

    def __init__(self, basis, standard, extended):
        self.n = len(standard[0])
        self.standard = standard
        self.index = {m: k for k, m in enumerate(standard)}
        self.extended = extended
        self.basis = flint.fmpz_mpoly_vec([extended.from_dict({(*m, 0): c for m, c in zip(p.monoms(), p.coeffs())})
                                           for p in basis], extended)
        self.marker = extended.gens()[-1]
        self._forms = {}

    def normal_form(self, monomial) -> list:
        """The normal form of a monomial, as fractions over the standard monomials.

        FLINT reduces ``monomial + y`` (``y`` an extra unknown no leading
        monomial divides) to a primitive integer multiple
        ``lam (NF + y)``; the coefficient of ``y`` gives ``lam``.
        """
        if monomial in self.index:
            return [flint.fmpq(int(k == self.index[monomial])) for k in range(len(self.standard))]
        if monomial not in self._forms:
            start = self.extended.from_dict({(*monomial, 0): 1}) + self.marker
            reduced = start.reduction_primitive_part(self.basis)
            reduced = dict(zip(reduced.monoms(), reduced.coeffs()))
            scale = reduced.pop((0,) * self.n + (1,))
            self._forms[monomial] = [flint.fmpq(int(reduced.get((*m, 0), 0)), int(scale)) for m in self.standard]
        return self._forms[monomial]

    def multiplication(self, form):
        """The matrix of multiplication by the linear form ``sum form[k] v_k`` on the standard monomials."""
        size = len(self.standard)
        columns = [_sum_vectors([self.normal_form(tuple(e + (t == k) for t, e in enumerate(m)))
                                 for k, c in enumerate(form) if c], [c for c in form if c]) for m in self.standard]
        return flint.fmpq_mat(size, size, [columns[c][r] for r in range(size) for c in range(size)])


def _real_points(quotient):
    """Balls around the real points of the quotient's ideal, read in shape position; _OPEN where that fails.

    For a linear form ``t`` (the last value, then small integer
    combinations), the powers ``1, t, t**2, ...`` are reduced until one
    depends on the earlier ones: that dependency is the minimal polynomial
    ``h`` of ``t``.  When every value ``v_k`` is a combination ``g_k(t)``
    of those powers modulo the ideal, every solution is ``v_k = g_k(t)``
    at a root ``t`` of ``h``.
    """
    n, size = quotient.n, len(quotient.standard)
    one = quotient.normal_form((0,) * n)
    values = [quotient.normal_form(tuple(int(t == k) for t in range(n))) for k in range(n)]
    for form in _linear_forms(n):
        times = quotient.multiplication(form)
        powers = [flint.fmpq_mat(size, 1, one)]
        for _ in range(size):
            powers.append(times * powers[-1])
        columns = [[p[r, 0] for r in range(size)] for p in powers] + values
        matrix = flint.fmpq_mat(size, len(columns), [columns[c][r] for r in range(size) for c in range(len(columns))])
        reduced, rank = matrix.rref()
        if any(reduced[r, r] != 1 for r in range(rank)):
            continue                      # a value is not a polynomial in this form: try another
        h = flint.fmpq_poly([-reduced[r, rank] for r in range(rank)] + [1])
        shapes = [[reduced[r, size + 1 + k] for r in range(rank)] for k in range(n)]
        return _roots_to_points(h, shapes)
    return _OPEN


def _linear_forms(n):
    yield [int(k == n - 1) for k in range(n)]
    for weights in ([1, 2, 3, 5], [3, -1, 4, 2], [2, 5, -3, 7]):
        yield [weights[k % 4] for k in range(n)]


def _sum_vectors(vectors, weights):
    return [sum((w * v[r] for v, w in zip(vectors, weights)), flint.fmpq(0)) for r in range(len(vectors[0]))]


class _Point:
    """A real solution of value equations: balls around its values, and how to write it exactly.

    ``values[k] = g_k(t)`` at a real root ``t`` (`root`, a ball) of the
    irreducible polynomial `factor`; `shapes` holds the coefficients of the
    ``g_k``.
    """

    def __init__(self, factor, root, shapes):
        self.factor, self.root, self.shapes = factor, root, shapes
        self.values = [_horner(g, root) for g in shapes]


def _roots_to_points(h, shapes):
    points = []
    with flint.ctx.workprec(SCREEN_PRECISION):
        for factor, _ in h.factor()[1]:
            points += [_Point(factor, root.real, shapes) for root, _ in factor.complex_roots() if root.imag.contains(0)]
    return points


def _horner(coefficients, x):
    total = x * 0
    for c in reversed(coefficients):
        total = total * x + c
    return total


class _Element:
    """A number of the field ``Q[t] / (f)`` (`f` irreducible): a polynomial in ``t`` reduced modulo `f`."""

    def __init__(self, poly, modulus):
        self.poly, self.modulus = poly % modulus, modulus

    def _lift(self, other):
        return other.poly if isinstance(other, _Element) else flint.fmpq_poly([other])

    def __add__(self, other):
        return _Element(self.poly + self._lift(other), self.modulus)

    __radd__ = __add__

    def __sub__(self, other):
        return _Element(self.poly - self._lift(other), self.modulus)

    def __mul__(self, other):
        return _Element(self.poly * self._lift(other), self.modulus)

    __rmul__ = __mul__

    def __truediv__(self, other):
        _, inverse, _ = self._lift(other).xgcd(self.modulus)    # other * inverse = 1 modulo the irreducible f
        return self * _Element(inverse, self.modulus)

    def __eq__(self, other):
        return (self.poly - self._lift(other)) % self.modulus == 0

    __hash__ = None


def solve_linear(rows, n):
    """Gaussian elimination on rows ``[c_0 .. c_{n-1}, r]`` of ``c . x = r``: False if inconsistent, x if unique, else None.

    The numbers may be fractions or elements of a number field (anything
    with exact ``+ - * /`` and comparison with 0).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> solve_linear([[F(1), F(1), F(1)], [F(1), F(-1), F(0)]], 2)
    [Fraction(1, 2), Fraction(1, 2)]
    >>> solve_linear([[F(1), F(1), F(1)], [F(2), F(2), F(3)]], 2), solve_linear([[F(1), F(1), F(1)]], 2)
    (False, None)
    """
    rows = [list(row) for row in rows]
    pivots = []
    for col in range(n):
        pivot = next((r for r in range(len(pivots), len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        k = len(pivots)
        rows[k], rows[pivot] = rows[pivot], rows[k]
        head = rows[k]
        for r in range(len(rows)):
            if r != k and rows[r][col] != 0:
                factor = rows[r][col] / head[col]
                rows[r] = [x - factor * y for x, y in zip(rows[r], head)]
        pivots.append(col)
    if any(row[-1] != 0 for row in rows[len(pivots):]):
        return False
    if len(pivots) < n:
        return None
    return [rows[k][n] / rows[k][col] for k, col in enumerate(pivots)]


def _exact_solve(matrix, rhs):
    """A square system's unique solution in exact numbers; None when it is singular."""
    solution = solve_linear([[*row, b] for row, b in zip(matrix, rhs)], len(rhs))
    return solution or None


def _exact_solution(screen, supports, point):
    """The solution at a point every state check passed, with each state's mix solved exactly; None if it is not real.

    A rational point gives fractions.  An irrational one gives floats
    (from the balls) and sympy numbers: polynomials in the ``CRootOf`` of
    the point's irreducible polynomial whose value lies in its ball.
    """
    i, j = screen.player, 1 - screen.player
    factor, shapes = point.factor, point.shapes
    if factor.degree() == 1:
        constant, slope = (_fraction(c) for c in factor.coeffs())
        root = -constant / slope
        values = [_horner([_fraction(c) for c in g], root) for g in shapes]
        one, convert = Fraction(1), (lambda x: x)
    else:
        t = sympy.Dummy("t")
        exact = sympy.Poly([sympy.Rational(_fraction(c)) for c in reversed(factor.coeffs())], t)
        near = [r for r in exact.real_roots() if point.root.overlaps(flint.arb(str(sympy.N(r, 90))))]
        if len(near) != 1:
            return None
        alpha = near[0]
        values = [_Element(flint.fmpq_poly(list(g) or [0]), factor) for g in shapes]
        one = _Element(flint.fmpq_poly([1]), factor)

        def convert(x):
            return sum((sympy.Rational(_fraction(c)) * alpha ** e for e, c in enumerate(x.poly.coeffs())),
                       sympy.Integer(0))
    strategies, algebraic = [], []
    for s, (stage, support) in enumerate(zip(screen.game.stages, supports)):
        rows = screen.mix_rows(s, support[i], support[j], values)
        sigma = _mix([rows[a] for a in support[i]], len(support[j]), one, _exact_solve)
        if sigma is None:
            return None
        vec = [one * 0] * stage.shape[j]
        for b, p in zip(support[j], sigma):
            vec[b] = p
        state = [None, None]
        state[j] = [convert(x) for x in vec]
        algebraic.append(tuple(None if v is None else tuple(v) for v in state))
        strategies.append(state)
    if factor.degree() == 1:
        return [(strategies, None)]
    floats = [[None if v is None else [float(sympy.N(x, 30)) for x in v] for v in state] for state in strategies]
    return [(floats, tuple(algebraic))]


def _fraction(number) -> Fraction:
    """A FLINT rational as a Fraction."""
    return Fraction(int(number.p), int(number.q))


def _affine(row, point):
    *coefficients, constant = row
    return sum((c * v for c, v in zip(coefficients, point) if c), point[0] * 0 + constant)


def _mix(rows, k, one, solve):
    """The mix with ``rows . sigma = 0`` and ``sum sigma = 1``, from the first ``k - 1`` rows `solve` can use; or None.

    `solve(matrix, rhs)` solves a square system of the rows' kind of number
    (balls, fractions, number-field elements), or returns None when it
    cannot (singular, or not provably regular).
    """
    if k == 1:
        return [one]
    if len(rows) < k - 1:
        return None
    for chosen in itertools.combinations(rows, k - 1):
        solution = solve([*chosen, [one] * k], [one * 0] * (k - 1) + [one])
        if solution is not None:
            return solution
    return None


def _ball_solve(matrix, rhs):
    try:
        solution = flint.arb_mat(matrix).solve(flint.arb_mat([[x] for x in rhs]))
    except ZeroDivisionError:
        return None
    return [solution[r, 0] for r in range(len(rhs))]
