"""Stationary Markov perfect equilibria of a stochastic game: the entry point.

``method`` chooses the search:

``"pure"``
    Every pure stationary equilibrium (:mod:`sbgames.stochastic.pure`);
    mixed ones are not searched.
``"polynomial"``
    The pure ones and every mixed one, by support enumeration with
    polynomial systems (:mod:`sbgames.stochastic.mixed`), however many
    supports are left after pruning; in 2-player games one system per
    player (:mod:`sbgames.stochastic.twoplayer`).
``"tracing"``
    The pure ones, and when there are none, one mixed equilibrium from a
    smoothed best-reply path polished exactly (:mod:`sbgames.stochastic.tracing`).
``"auto"``
    ``"polynomial"`` for 2-player games with at most
    :data:`~sbgames.stochastic.mixed.MAX_SUPPORT_PROFILES` (117,649) support
    profiles left after pruning: every game with up to 3 states and 3
    strategies per player (the largest took about a minute on random
    games), and larger ones that pruning makes as small (more states mean
    more unknowns per system: they may take longer).  Larger games get
    ``"tracing"``, and the scope says why it is not complete.  The search
    also stops where the value screen cannot settle a player system and
    sympy would have to solve it, once
    :data:`~sbgames.stochastic.mixed.MAX_GROEBNER_SYSTEMS` (200) have been,
    or when it has more than
    :data:`~sbgames.stochastic.mixed.MAX_GROEBNER_UNKNOWNS` (6) unknowns
    (games full of ties, or with many states); it lists what it found,
    traces when that is nothing, and the scope says it is not complete.

Every equilibrium returned passed :func:`~sbgames.stochastic.result.verified_markov`.
"""

from __future__ import annotations

import itertools

from ..equilibrium import check_exact
from ..errors import InputError, InputTypeError, SolverLimitError
from .mixed import (MAX_GROEBNER_SYSTEMS, MAX_GROEBNER_UNKNOWNS, MAX_SUPPORT_PROFILES, count_support_profiles, plausible, solve_support,
                    support_profiles)
from .pure import Pruner
from .pure import pure_markov_profiles
from .result import MarkovEquilibriumSet, initial_distribution, stochastic_tolerance, verified_markov
from .tracing import traced_equilibria
from .twoplayer import two_player_search

__all__ = ["markov_perfect_equilibria", "METHODS"]

METHODS = ("auto", "pure", "polynomial", "tracing")


def _key(eq):
    return tuple(round(float(p), 9) for state in eq.strategies for vec in state for p in vec)


def markov_perfect_equilibria(game, *, exact: bool = False, method: str = "auto", tol=None,
                              initial=None) -> MarkovEquilibriumSet:
    """The stationary Markov perfect equilibria of a numeric stochastic game, each verified.

    Parameters
    ----------
    game : StochasticGame
        Numeric (substitute parameters first with ``game.subs``).
    exact : bool
        Fractions throughout (pure equilibria and rational mixed ones are
        exact; irrational mixed ones come as floats verified within the
        float tolerance, with their exact values in ``eq.algebraic``).
    method : {"auto", "pure", "polynomial", "tracing"}
        See the module docstring.
    tol : float, optional
        Float mode: the largest one-shot deviation gain accepted (default
        ``1e-9`` times the value scale, the largest absolute stage payoff
        over ``1 - max(delta)``).
    initial : str, int or mapping, optional
        The initial state or distribution for the long-run distribution
        and the absorption times (default the first state).

    Returns
    -------
    MarkovEquilibriumSet
        ``complete`` True only when every support profile was solved and
        every continuum of solutions met was an affine set (then every
        isolated equilibrium is listed and every connected set of them has a
        listed point); ``scope`` says what is left out otherwise.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from sbgames import Game
    >>> from sbgames.stochastic import StochasticGame
    >>> pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], strategies=[["H", "T"], ["H", "T"]])
    >>> game = StochasticGame({"only": pennies}, {"only": "only"}, delta=Fraction(1, 2))
    >>> result = game.markov_perfect_equilibria(exact=True)
    >>> [eq.describe() for eq in result], result.complete
    (['only: Player 1: 1/2 H + 1/2 T, Player 2: 1/2 H + 1/2 T'], True)
    >>> game.markov_perfect_equilibria(exact=True, method="pure").scope
    'pure stationary equilibria only; mixed equilibria not searched'
    """
    from .game import StochasticGame
    if not isinstance(game, StochasticGame):
        raise InputTypeError(f"markov_perfect_equilibria needs a StochasticGame, got {type(game).__name__}")
    exact = check_exact(exact)
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    game._require_numeric("markov_perfect_equilibria")
    work = game.as_exact() if exact else game.as_float()
    tol = stochastic_tolerance(tol, work, exact)
    start = initial_distribution(work, initial, exact)
    found = {}

    def keep(strategies, label, algebraic=None):
        if algebraic is None:
            eq = verified_markov(work, strategies, method=label, exact=exact, tol=tol, initial=initial)
        else:
            target = work.as_float()
            eq = verified_markov(target, strategies, method=label, exact=False,
                                 tol=tol if tol is not None else stochastic_tolerance(None, target, False),
                                 initial=initial, algebraic=algebraic if exact else None)
        found.setdefault(_key(eq), eq)

    try:
        profiles, _ = pure_markov_profiles(work, exact, tol)
        pure_note = ""
    except SolverLimitError as exc:
        if method == "pure":
            raise
        profiles, pure_note = [], f"; pure equilibria not enumerated ({exc})"
    for profile in profiles:
        keep([[_unit(k, n) for k, n in zip(choice, stage.shape)] for choice, stage in zip(profile, work.stages)],
             "pure")
    complete, scope, label = False, "pure stationary equilibria only; mixed equilibria not searched", "pure"
    reason = "method='tracing' asked for"
    if method in ("auto", "polynomial"):
        exact_game = game.as_exact()
        per_state = support_profiles(exact_game, tol)
        count = count_support_profiles(per_state)
        if method == "polynomial" or (game.n_players == 2 and count <= MAX_SUPPORT_PROFILES):
            label = "polynomial"
            if game.n_players == 2:
                limits = (None, None) if method == "polynomial" else (MAX_GROEBNER_SYSTEMS, MAX_GROEBNER_UNKNOWNS)
                search = two_player_search(exact_game, per_state, *limits)
                points, continua = search.points, search.continua
            else:
                points, continua = _joint_search(exact_game, per_state, work, exact, tol)
            for strategies, algebraic in points:
                keep(_converted(strategies, exact, algebraic), label, algebraic)
            complete = not continua and not pure_note
            scope = (f"not complete: {len(continua)} support profile(s) have a continuum of solutions that is not "
                     f"an affine set, e.g. {_describe(game, continua[0])}; equilibria isolated on it may be missing"
                     if continua else "complete")
            if pure_note:
                scope = ("not complete: mixed equilibria searched by support enumeration" if not continua
                         else scope) + pure_note
            if game.n_players == 2 and search.stopped:
                complete = False
                scope = ("not complete: the support enumeration stopped where the value screen left a player system "
                         f"to a Groebner basis after {MAX_GROEBNER_SYSTEMS:,} of them, or one with more than "
                         f"{MAX_GROEBNER_UNKNOWNS} unknowns (ties, continua or many states); the equilibria found "
                         f"until then are listed, and method='polynomial' searches every support profile{pure_note}")
            if not complete and not found:
                for strategies, algebraic in traced_equilibria(game.as_exact()):
                    keep(_converted(strategies, exact, algebraic), "tracing", algebraic)
                scope += ("; smoothed best-reply tracing found the one listed" if found else
                          "; tracing found none either, although every finite discounted stochastic game has a "
                          "stationary equilibrium (Fink 1964)")
        else:
            method = "tracing"
            reason = (f"{count:,} support profiles left after pruning; auto searches them all only in 2-player "
                      f"games with at most {MAX_SUPPORT_PROFILES:,}, and method='polynomial' whatever the count")
    if method == "tracing":
        label = "tracing"
        if not found:
            for strategies, algebraic in traced_equilibria(game.as_exact()):
                keep(_converted(strategies, exact, algebraic), label, algebraic)
        scope = (("not complete: " if pure_note else "not complete: every pure stationary equilibrium is listed; ")
                 + f"mixed ones were searched only by smoothed best-reply tracing ({reason}){pure_note}"
                 + ("" if found else "; tracing found none either, although every finite discounted stochastic "
                    "game has a stationary equilibrium (Fink 1964)"))
    ordered = sorted(found.values(), key=lambda eq: (not eq.is_pure, [-v for v in _key(eq)]))
    return MarkovEquilibriumSet(ordered, game=work, method=label, exact=exact, tol=tol, complete=complete,
                                scope=scope, initial=start)


def _joint_search(exact_game, per_state, work, exact, tol):
    """Every support profile's joint system (games with more than 2 players): ``(points, continua)``."""
    points, continua = [], []
    pruner = Pruner(work.as_float() if exact else work, tol)
    for supports in itertools.product(*per_state):
        if all(len(own) == 1 for support in supports for own in support):
            continue
        if not plausible(exact_game, supports, pruner=pruner):
            continue
        found, continuum = solve_support(exact_game, supports)
        if continuum:
            continua.append(supports)
        points += found
    return points, continua


def _unit(k, n):
    return [1 if a == k else 0 for a in range(n)]


def _converted(strategies, exact, algebraic):
    if algebraic is None and not exact:
        return [[[float(p) for p in vec] for vec in state] for state in strategies]
    return strategies


def _describe(game, supports) -> str:
    return "; ".join(f"{state}: " + ", ".join("{" + ", ".join(stage.strategies[i][a] for a in own) + "}"
                                               for i, own in enumerate(support))
                     for state, stage, support in zip(game.states, game.stages, supports))
