"""All Nash equilibria of small N-player games: support enumeration with polynomial systems.

For every *support profile* (a non-empty set of strategies per player) the
equilibria that use exactly those strategies solve the **indifference
equations**: each player earns the same payoff from every strategy in its
support, and its probabilities sum to 1.  Writing each player's
probabilities with one fewer unknown (the first one is 1 minus the others),
the system is square and multilinear.  It is solved exactly over the
rationals with sympy: a Groebner basis (graded lex, then FGLM to lex) brings it
to *shape position* ``x_k = g_k(t)``, ``h(t) = 0`` for a linear form ``t``,
so every solution is ``g(alpha)`` for a real root ``alpha`` of ``h``.  Each
solution is kept when its probabilities on the support are positive and no
strategy outside the support pays more; these signs are decided exactly (a
rational solution by fraction arithmetic; an irrational one by exact zero
tests modulo the minimal polynomial of ``alpha`` and Sturm sequences on
isolating intervals).  This is the method of Gambit's ``enumpoly``
(McKelvey and McLennan 1996; Porter, Nudelman and Shoham 2008), whose
conditional-dominance test prunes supports first.

**Degenerate games.**  When a support's solution set is positive-dimensional
(a continuum), the solver splits it into pieces by factoring and, for each
positive-dimensional piece, adds the equation that makes one more strategy
outside the support tie ("best-reply sets").  Together with the smaller
supports, this reaches a point of every connected component of equilibria
and every isolated equilibrium, provided every positive-dimensional piece
met is an affine subspace (see :func:`polynomial_equilibria`).  When some
piece is not, the result says ``complete=False`` and a warning names the
supports concerned.

Examples
--------
Three-player matching pennies (player 1 wants to match player 2, player 2
to match player 3, player 3 to mismatch player 1) has one equilibrium:

>>> import numpy as np
>>> from sbgames import Game
>>> a, b, c = (np.zeros((2, 2, 2), dtype=int) for _ in range(3))
>>> for i, j, k in np.ndindex(2, 2, 2):
...     a[i, j, k] = 1 if i == j else -1
...     b[i, j, k] = 1 if j == k else -1
...     c[i, j, k] = 1 if k != i else -1
>>> res = polynomial_equilibria(Game([a, b, c]), exact=True)
>>> [eq.describe() for eq in res]
['Player 1: 1/2 s1 + 1/2 s2; Player 2: 1/2 s1 + 1/2 s2; Player 3: 1/2 s1 + 1/2 s2']
>>> res.complete, res.degenerate
(True, False)
"""

from __future__ import annotations

import itertools
import math
import random
import warnings
from fractions import Fraction

import numpy as np
import sympy
from sympy import QQ

from ..equilibrium import EquilibriumSet, check_exact, check_tolerance, verified
from ..errors import InputTypeError, SolverLimitError
from ..strategic import StrategicGame as Game
from ..tolerance import default_tolerance
from .algebraic import T, approximate_at_root, pieces, shape_position, sign_at_root

__all__ = ["polynomial_equilibria", "polynomial_search", "fits", "fits_quickly", "estimated_seconds", "MAX_PLAYERS",
           "MAX_PROFILES", "MAX_SUPPORT_PROFILES", "SUPPORT_SECONDS", "LINEAR_SECONDS", "UNLISTED_SECONDS",
           "QUICK_SECONDS"]

#: Largest number of players the solver accepts.
MAX_PLAYERS = 4
#: Largest number of pure profiles (product of the numbers of strategies) it accepts.
MAX_PROFILES = 64
#: Largest number of support profiles, the product over players of ``2**m - 1`` for ``m`` strategies
#: (3x3x3: 343; 2x3x3x3: 1029; 4x4x4: 3375, refused).  A player with many strategies has exponentially
#: many supports, so a game such as 1 x 64 x 1 is refused although it has only 64 pure profiles; and
#: large supports make large polynomial systems (a 3x3x4 game already takes about a minute).
MAX_SUPPORT_PROFILES = 1_100
#: Seconds (one core, measured in 2026) this solver spends on one support profile with three or more
#: mixing players, by ``(mixing players, unknowns)`` (the unknowns are the support sizes less one,
#: summed); used by :func:`estimated_seconds`.  A support with at most two mixing players has a
#: linear system and costs :data:`LINEAR_SECONDS`; a class not listed costs :data:`UNLISTED_SECONDS`.
SUPPORT_SECONDS = {(3, 3): 0.01, (3, 4): 0.01, (3, 5): 0.04, (3, 6): 0.5, (4, 4): 0.4}
LINEAR_SECONDS = 0.005
UNLISTED_SECONDS = 60.0
#: The largest :func:`estimated_seconds` for which ``method="auto"`` uses this solver.
QUICK_SECONDS = 10.0

# ----------------------------------------------------------------------------- supports
def _subsets(n: int):
    """Non-empty subsets of range(n), smallest first."""
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


def _dominated(arrays, support) -> bool:
    """Conditional dominance (Porter, Nudelman and Shoham 2008).

    True when some player's support strategy ``s`` is weakly dominated, with
    at least one strict inequality, by another of its strategies against
    every profile of the others' supports.  Every such profile has positive
    probability when the others play exactly their supports, so ``s`` then
    earns strictly less than the dominating strategy: no equilibrium has
    this support.
    """
    for i, own in enumerate(support):
        axes = [range(n) if j == i else list(s) for j, (s, n) in enumerate(zip(support, arrays[i].shape))]
        sub = np.moveaxis(arrays[i][np.ix_(*axes)], i, 0).reshape(arrays[i].shape[i], -1)
        for s in own:
            for t in range(sub.shape[0]):
                if t != s and all(x >= y for x, y in zip(sub[t], sub[s])) and any(
                        x > y for x, y in zip(sub[t], sub[s])):
                    return True
    return False


# ----------------------------------------------------------------------------- the system
class _System:
    """The unknowns and polynomials (sympy ``Poly`` over QQ) of one support profile.

    Player ``j``'s probabilities on its support ``(s_0, s_1, ...)`` are
    ``1 - x_1 - ...`` for ``s_0`` and unknowns ``x_1, ...`` for the rest.
    A support profile in which every player has one strategy has no
    unknowns (``gens`` is empty) and no polynomials.
    """

    def __init__(self, arrays, support):
        self.support = support
        self.shape = arrays[0].shape
        n_players = len(arrays)
        self.gens = [sympy.Dummy(f"p{j}_{s}") for j, own in enumerate(support) for s in own[1:]]
        self.equations = []      # indifference within the supports
        self.deviations = {}     # (player, outside strategy): payoff gain over the support, must be <= 0
        self.probs = []          # per player: {strategy: Poly in gens}
        if not self.gens:
            return
        # build in sympy's sparse polynomial ring (fast arithmetic), then hand over as Poly
        ring = sympy.ring(self.gens, QQ)[0]
        unknowns = iter(ring.gens)
        for own in support:
            mine = [next(unknowns) for _ in own[1:]]
            probs = {own[0]: ring.one - sum(mine, ring.zero)}
            probs.update(zip(own[1:], mine))
            self.probs.append(probs)
        for i, own in enumerate(support):
            others = [j for j in range(n_players) if j != i]
            weights = []
            for profile in itertools.product(*(support[j] for j in others)):
                weight = ring.one
                for j, s in zip(others, profile):
                    weight = weight * self.probs[j][s]
                weights.append((profile, weight))

            def payoff(t, i=i, weights=weights):
                total = ring.zero
                for profile, weight in weights:
                    cell = list(profile)
                    cell.insert(i, t)
                    value = arrays[i][tuple(cell)]
                    if value:
                        total += weight * QQ(value.numerator, value.denominator)
                return total
            base = payoff(own[0])
            for t in own[1:]:
                self.equations.append(self._poly(payoff(t) - base))
            for t in range(arrays[i].shape[i]):
                if t not in own:
                    self.deviations[(i, t)] = self._poly(payoff(t) - base)
        self.probs = [{s: self._poly(p) for s, p in probs.items()} for probs in self.probs]

    def _poly(self, element) -> sympy.Poly:
        return sympy.Poly.from_dict(dict(element), *self.gens, domain=QQ)

    def profile_of(self, values: dict) -> list[list[Fraction]]:
        """The strategy vectors at the rational point ``{gen: sympy Rational}``."""
        out = []
        for j, own in enumerate(self.support):
            vec = [Fraction(0)] * self.shape[j]
            for s in own:
                if self.gens:
                    v = self.probs[j][s].as_expr().xreplace(values)
                    vec[s] = Fraction(int(v.p), int(v.q))
                else:
                    vec[s] = Fraction(1)
            out.append(vec)
        return out


# ----------------------------------------------------------------------------- the search
class _Search:
    def __init__(self, game: Game):
        self.game = game                     # exact
        self.arrays = [np.asarray(a, dtype=object) for a in game.payoff_arrays]
        self.rational = {}                   # profile as tuples -> list of Fraction vectors
        self.algebraic = {}                  # index -> (float vectors, tuples of sympy numbers)
        self.degenerate = False
        self.continua = []                   # supports with a positive-dimensional solution set
        self.curved = []                     # supports with a non-affine one
        self.unshaped = []                   # supports whose system could not be put in shape position
        self.rng = random.Random(20240607)
        self.memo = set()

    def run(self):
        for support in _candidate_supports(self.arrays, self.game.shape):
            system = _System(self.arrays, support)
            self._explore(system, system.equations, frozenset())

    def _explore(self, system, polys, ties):
        gens = system.gens
        for G, kind in pieces(polys, gens):
            key = (system.support, G)
            if key in self.memo:
                continue
            self.memo.add(key)
            if kind == "zero":
                self._solve_points(system, G)
                continue
            self.degenerate = True
            self.continua.append(system.support)
            if kind == "curved":
                self.curved.append(system.support)
            for dev, poly in system.deviations.items():
                if dev in ties or poly.is_zero or (G is not None and G.contains(poly)):
                    continue
                self._explore(system, [*(G.polys if G is not None else []), poly], ties | {dev})

    def _solve_points(self, system, G):
        gens = system.gens
        if not gens:
            self._keep_rational(system, {})
            return
        shaped = shape_position(G, gens, self.rng)
        if shaped is None:
            self.unshaped.append(system.support)
            return
        h, g = shaped
        for f, _ in h.factor_list()[1]:
            if f.degree() == 1:
                alpha = -f.nth(0) / f.nth(1)
                values = {x: gk.eval(alpha) for x, gk in zip(gens, g)}
                self._keep_rational(system, values)
                continue
            for k, (interval, _) in enumerate(f.intervals()):
                self._keep_algebraic(system, g, f, k, interval)

    def _keep_rational(self, system, values):
        profile = system.profile_of(values)
        for own, vec in zip(system.support, profile):
            if any(vec[s] <= 0 for s in own):
                return
        if not self.game.is_equilibrium(profile):
            return
        self.rational.setdefault(tuple(tuple(v) for v in profile), profile)

    def _keep_algebraic(self, system, g, f, k, interval):

        g = [gk.rem(f) for gk in g]

        def at_t(poly):
            """`poly` (a polynomial in gens) as a polynomial in t, modulo f."""
            total = sympy.Poly(0, T, domain=QQ)
            for monomial, c in poly.terms():
                term = sympy.Poly(c, T, domain=QQ)
                for gk, e in zip(g, monomial):
                    for _ in range(e):
                        term = (term * gk).rem(f)
                total += term
            return total
        for own, probs in zip(system.support, system.probs):
            for s in own:
                if sign_at_root(at_t(probs[s]), f, interval) <= 0:
                    return
        for poly in system.deviations.values():
            if sign_at_root(at_t(poly), f, interval) > 0:
                return
        alpha = sympy.CRootOf(f.as_expr(), k, radicals=True)
        floats, exact = [], []
        for j, n in enumerate(self.game.shape):
            fvec, evec = [], []
            for s in range(n):
                if s in system.probs[j]:
                    r = at_t(system.probs[j][s])
                    fvec.append(approximate_at_root(r, f, interval))
                    evec.append(sympy.expand(r.as_expr().xreplace({T: alpha})))
                else:
                    fvec.append(0.0)
                    evec.append(sympy.Integer(0))
            floats.append(fvec)
            exact.append(tuple(evec))
        for other in self.algebraic.values():
            if all(abs(x - y) <= 1e-13 for u, v in zip(floats, other[0]) for x, y in zip(u, v)):
                # the same support: compare to 1e-40 before calling them one point
                if all(sympy.Abs(x - y).evalf(50) < sympy.Float(10) ** -40
                       for u, v in zip(exact, other[1]) for x, y in zip(u, v)):
                    return
        self.algebraic[len(self.algebraic)] = (floats, tuple(exact))


def _describe_supports(game, supports) -> str:
    names = []
    for support in sorted(set(supports))[:3]:
        names.append("(" + "; ".join("{" + ", ".join(game.strategies[j][s] for s in own) + "}"
                                     for j, own in enumerate(support)) + ")")
    more = len(set(supports)) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _support_profiles(game: Game) -> int:
    return math.prod(2 ** m - 1 for m in game.shape)


def fits(game: Game) -> bool:
    """True when `game` is within the size limits.

    At most :data:`MAX_PLAYERS` players, :data:`MAX_PROFILES` pure profiles
    and :data:`MAX_SUPPORT_PROFILES` support profiles.

    Examples
    --------
    >>> fits(Game([np.zeros((3, 3, 3), dtype=int)] * 3)), fits(Game([np.zeros((5, 5, 5), dtype=int)] * 3))
    (True, False)
    >>> fits(Game([np.zeros((1, 64, 1), dtype=int)] * 3))
    False
    """
    return (game.n_players <= MAX_PLAYERS and math.prod(game.shape) <= MAX_PROFILES
            and _support_profiles(game) <= MAX_SUPPORT_PROFILES)


def _candidate_supports(arrays, shape) -> list:
    """The support profiles left after conditional dominance, smallest first."""
    supports = itertools.product(*(_subsets(n) for n in shape))
    return sorted((s for s in supports if not _dominated(arrays, s)),
                  key=lambda s: (sum(map(len, s)), max(map(len, s)) - min(map(len, s)), s))


def estimated_seconds(game: Game) -> float:
    """A cost estimate of this solver on `game`, in seconds of one core (measured in 2026).

    The supports left after conditional dominance are counted by their
    number of mixing players and of unknowns, each class priced by
    :data:`SUPPORT_SECONDS`: a support with at most two mixing players has
    a linear system and costs little; one with three or four mixing
    players a multilinear system whose Groebner basis grows steeply with
    its number of unknowns.  A class not in the table is priced at
    :data:`UNLISTED_SECONDS` (the next one, four mixing players with five
    unknowns, took longer than a minute).  Degenerate games cost more than estimated (each
    continuum adds systems).  ``math.inf`` when the game is beyond
    :func:`fits`.

    Examples
    --------
    Every strategy conditionally dominated but one: a single pure support is left.

    >>> dominant = np.zeros((3, 3, 3), dtype=int); dominant[0] = 1
    >>> estimated_seconds(Game([dominant, dominant.transpose(1, 0, 2), dominant.transpose(2, 1, 0)]))
    0.005
    >>> estimated_seconds(Game([np.zeros((5, 5, 5), dtype=int)] * 3))
    inf
    """
    if not fits(game):
        return math.inf
    arrays = [np.asarray(a, dtype=object) for a in game.as_exact().payoff_arrays]
    total = 0.0
    for support in _candidate_supports(arrays, game.shape):
        mixing = sum(len(s) > 1 for s in support)
        unknowns = sum(len(s) - 1 for s in support)
        total += LINEAR_SECONDS if mixing <= 2 else SUPPORT_SECONDS.get((mixing, unknowns), UNLISTED_SECONDS)
    return round(total, 3)


def fits_quickly(game: Game) -> bool:
    """True when ``method="auto"`` hands `game` to this solver: it should take seconds, not minutes.

    That is, :func:`estimated_seconds` is at most :data:`QUICK_SECONDS`:
    random 3 x 3 x 3 and 2 x 2 x 2 x 2 games and the bundled collective
    models qualify; random 2 x 3 x 3 x 3 games do not (their systems with
    four mixing players take minutes each), but ask for them with
    ``method="polynomial"``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> fits_quickly(Game([rng.integers(-9, 10, (2, 2, 2, 2)) for _ in range(4)]))
    True
    >>> fits_quickly(Game([rng.integers(-9, 10, (2, 3, 3, 3)) for _ in range(4)]))
    False
    """
    return estimated_seconds(game) <= QUICK_SECONDS


def _check_size(game: Game) -> None:
    profiles = math.prod(game.shape)
    if not fits(game):
        size = " x ".join(map(str, game.shape))
        raise SolverLimitError(f"polynomial_equilibria solves games of at most {MAX_PLAYERS} players, "
                         f"{MAX_PROFILES} pure profiles and {MAX_SUPPORT_PROFILES} support profiles; this "
                         f"game is {size} ({game.n_players} players, {profiles} profiles, "
                         f"{_support_profiles(game)} support profiles)")


def polynomial_search(game: Game, exact: bool, tol) -> tuple[EquilibriumSet, str | None]:
    """:func:`polynomial_equilibria`'s result and the warning it gives (None when complete), without warning.

    :func:`sbgames.solvers.solve` uses it to give the warning itself, or not (``warn=False``).
    """
    exact = check_exact(exact)
    if not isinstance(game, Game):
        raise InputTypeError(f"polynomial_equilibria needs a Game, got {type(game).__name__}")
    game._require_numeric("solving")
    _check_size(game)
    exact_game = game.as_exact()
    target = exact_game if exact else game.as_float()
    tol = check_tolerance(tol, target, exact=exact, allow_zero=False)   # floats of irrationals round
    search = _Search(exact_game)
    search.run()
    found = []
    for profile in search.rational.values():
        if exact:
            found.append(verified(exact_game, profile, method="polynomial", exact=True))
        else:
            found.append(verified(target, [[float(p) for p in v] for v in profile], method="polynomial",
                                  exact=False, tol=tol))
    float_game = game.as_float()
    float_tol = tol if tol is not None else default_tolerance(float_game)
    for floats, values in search.algebraic.values():
        found.append(verified(float_game, floats, method="polynomial", exact=False, tol=float_tol,
                              algebraic=values if exact else None))
    found.sort(key=lambda eq: [-round(float(v), 12) for s in eq.strategies for v in s])
    message = None
    complete = not search.curved and not search.unshaped
    if search.curved:
        message = (f"polynomial: the equations of support(s) {_describe_supports(game, search.curved)} "
                   "have a positive-dimensional solution set that is not an affine subspace; "
                   "equilibria isolated on it, or on a closed curve of it, may be missing")
    if search.unshaped:
        message = ((message + "; ") if message else "polynomial: ") + (
            f"the equations of support(s) {_describe_supports(game, search.unshaped)} could not be "
            "brought to shape position; their equilibria are missing")
    result = EquilibriumSet(found, game=target, method="polynomial", exact=exact, tol=tol,
                            complete=complete, degenerate=search.degenerate)
    return result, message


def polynomial_equilibria(game: Game, *, exact: bool = False, tol: float | None = None) -> EquilibriumSet:
    """All Nash equilibria of a small N-player game, by support enumeration with polynomial systems.

    Parameters
    ----------
    game : Game
        Numeric payoffs; at most :data:`MAX_PLAYERS` players and
        :data:`MAX_PROFILES` pure profiles.
    exact : bool
        Rational equilibria as fractions, verified exactly; irrational
        ones as floats with their exact values in ``eq.algebraic``.
    tol : float, optional
        Float tolerance of the check of float results (default
        :func:`~sbgames.game.default_tolerance`).

    Returns
    -------
    EquilibriumSet
        ``method="polynomial"``, ``degenerate`` True when some support has
        a continuum of solutions, ``complete`` as below.  Sorted by the
        probability vectors in decreasing lexicographic order.

    Notes
    -----
    *What is computed.*  Whatever `exact`, the algebra runs on the game of
    exact fractions (float payoffs through their shortest decimal form):
    every real solution of every support's indifference equations is found
    and its signs decided exactly.  ``exact`` only chooses how equilibria
    come back.

    * A **rational** equilibrium is returned as fractions and verified
      exactly (``exact=True``) or as floats verified within `tol`.
    * An **irrational** equilibrium is returned as floats (``eq.exact`` is
      False, ``eq.tol`` says how it was verified).  In exact mode
      ``eq.algebraic`` holds one tuple of sympy numbers per player (in
      terms of ``CRootOf``, or radicals for quadratics): a profile whose
      equilibrium conditions were decided exactly (it solves the
      indifference equations, its support probabilities are positive and
      no outside strategy pays more), of which the floats are the
      roundings.

    *Guarantee.*  If ``complete`` is True, every isolated equilibrium is in
    the list, and every connected component of equilibria (a continuum,
    in a degenerate game) contains at least one listed equilibrium.  It is
    True for non-degenerate games, and for degenerate ones whenever every
    positive-dimensional solution set met is an affine subspace (each
    point of it lies on a line, so its equilibria reach a smaller support
    or a new tie, which the search visits).  Otherwise ``complete`` is
    False and a warning names the supports: an isolated real point of a
    curved solution set, or a closed curve of equilibria, could be missed.
    Points on the same continuum are listed separately;
    ``components`` has one singleton per listed equilibrium.

    Raises
    ------
    SolverLimitError
        A game beyond :func:`fits`: more than :data:`MAX_PLAYERS` players,
        :data:`MAX_PROFILES` pure profiles or :data:`MAX_SUPPORT_PROFILES`
        support profiles (a ``ValueError`` too).

    Examples
    --------
    Everyone indifferent: every profile is an equilibrium; the pure ones
    represent the continuum.

    >>> import numpy as np
    >>> res = polynomial_equilibria(Game([np.zeros((2, 2, 2), dtype=int)] * 3), exact=True)
    >>> len(res), res.degenerate, res.complete
    (8, True, True)
    """
    result, message = polynomial_search(game, exact, tol)
    if message:
        warnings.warn(message, stacklevel=2)
    return result
