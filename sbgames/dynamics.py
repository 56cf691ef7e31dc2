"""Learning dynamics: which equilibrium does a population of states drift to?

Three tools for any numeric :class:`~sbgames.game.Game` (two players or
many, such as the games among many secondary states of :mod:`sbgames.nplayer`):

* :func:`best_response_dynamics` -- players revise their pure strategy one
  at a time, in round-robin order, to a best response.  The path ends at a
  pure Nash equilibrium or provably cycles (exact cycle detection).
* :func:`replicator_dynamics` -- multi-population replicator dynamics
  ``x_i' = x_i (u_i(s) - u_i(x))`` for each player's mixed strategy,
  integrated with :func:`scipy.integrate.solve_ivp`; the end point is
  classified (pure equilibrium, other equilibrium, or not an equilibrium),
  verified with :meth:`sbgames.game.Game.is_equilibrium`.
* :func:`basins` -- the share of random interior starting points whose
  replicator path ends at each pure equilibrium.

Examples
--------
>>> from sbgames.game import Game
>>> stag_hunt = Game([[[4, 0], [3, 3]], [[4, 3], [0, 3]]],
...                  strategies=[["Stag", "Hare"], ["Stag", "Hare"]])
>>> best_response_dynamics(stag_hunt, ["Stag", "Hare"]).path
(('Stag', 'Hare'), ('Hare', 'Hare'))
>>> replicator_dynamics(stag_hunt, [[0.9, 0.1], [0.8, 0.2]], t_max=50).pure
('Stag', 'Stag')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import solve_ivp

from .errors import InputError, InputTypeError
from .game import Game, default_tolerance, payoff_scale

__all__ = ["BasinEstimate", "BestResponsePath", "ReplicatorResult",
           "basins", "best_response_dynamics", "replicator_dynamics"]


# -- input checks -------------------------------------------------------------
def _check_game(game) -> Game:
    if not isinstance(game, Game):
        raise InputTypeError(f"game must be a sbgames Game, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise InputTypeError("dynamics need numeric payoffs, but this game is symbolic; "
                             "substitute values first (game.subs or model.game)")
    return game


def _check_int(value, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputTypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise InputError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def _check_positive(value, name: str, allow_zero: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise InputTypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not (math.isfinite(value) and (value > 0 or (allow_zero and value == 0))):
        raise InputError(f"{name} must be a finite {'non-negative' if allow_zero else 'positive'} "
                         f"number, got {value!r}")
    return float(value)


def _pure_start(game: Game, start) -> tuple[int, ...]:
    """A pure profile (names or indices, sequence or {player: strategy}) as indices."""
    if isinstance(start, Mapping):
        unknown = [p for p in start if p not in game.players]
        missing = [p for p in game.players if p not in start]
        if unknown or missing:
            raise InputError(f"start must give one strategy for each of {list(game.players)}; "
                             f"unknown {unknown}, missing {missing}")
        start = [start[p] for p in game.players]
    if isinstance(start, (str, bytes)) or not isinstance(start, (Sequence, np.ndarray)):
        raise InputTypeError(f"start must be a sequence with one strategy per player, got {start!r}")
    start = list(start)
    if len(start) != game.n_players:
        raise InputError(f"start needs one strategy per player ({game.n_players}), got {start!r}")
    return tuple(game.strategy_index(i, s) for i, s in enumerate(start))


def _names(game: Game, profile) -> tuple[str, ...]:
    return tuple(game.strategies[i][k] for i, k in enumerate(profile))


# -- best-response dynamics -------------------------------------------------------
@dataclass(frozen=True)
class BestResponsePath:
    """The result of :func:`best_response_dynamics`.

    Attributes
    ----------
    path : tuple of tuple of str
        The pure profiles visited, by strategy names: the start first, then
        one profile per revision.
    movers : tuple of str
        The player who revised at each step (``len(path) - 1`` entries).
    outcome : {"equilibrium", "cycle", "max_steps"}
        ``"equilibrium"``: the last profile is a pure Nash equilibrium.
        ``"cycle"``: the dynamics returned to a state (profile and player to
        move) seen before, so they repeat forever; the last profile of
        `path` is the repeated one.  ``"max_steps"``: stopped undecided.
    cycle : tuple of tuple of str
        The profiles of the cycle, in order (empty unless ``outcome`` is
        ``"cycle"``).
    """

    game: Game = field(repr=False)
    path: tuple
    movers: tuple
    outcome: str
    cycle: tuple = ()

    @property
    def end(self) -> tuple[str, ...]:
        """The last profile reached."""
        return self.path[-1]

    @property
    def converged(self) -> bool:
        """True when the path ended at a pure Nash equilibrium."""
        return self.outcome == "equilibrium"


def best_response_dynamics(game: Game, start, max_steps: int = 1000, tol: float | None = None
                           ) -> BestResponsePath:
    """Sequential pure best-response dynamics from a pure profile.

    Players are considered in round-robin order (player 1, 2, ..., N, 1,
    ...).  A player whose current strategy is already a best response to the
    others keeps it and the turn passes on; otherwise the player switches to
    its best response (the first one, in strategy order, when several tie).
    The state (profile, player about to revise) determines the future, so a
    repeated state is an exact cycle.

    Parameters
    ----------
    game : Game
        A numeric game with any number of players.
    start : sequence or mapping
        A pure profile: one strategy name or index per player, or
        ``{player: strategy}``.
    max_steps : int
        The largest number of revisions (default 1000).
    tol : float, optional
        Float games: payoffs within `tol` of the best count as best
        responses (default :func:`sbgames.game.default_tolerance`).  Exact
        games compare exactly.

    Returns
    -------
    BestResponsePath

    Raises
    ------
    InputTypeError
        `game` is not a numeric :class:`Game`; bad argument types.
    InputError
        Unknown strategies, wrong profile length, negative `max_steps`.

    Examples
    --------
    >>> from sbgames.game import Game
    >>> pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]],
    ...                strategies=[["H", "T"], ["H", "T"]])
    >>> run = best_response_dynamics(pennies, ["H", "H"])
    >>> run.outcome, run.cycle
    ('cycle', (('H', 'H'), ('H', 'T'), ('T', 'T'), ('T', 'H')))
    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> run = best_response_dynamics(pd, {"Player 1": "C", "Player 2": "C"})
    >>> run.outcome, run.path, run.movers
    ('equilibrium', (('C', 'C'), ('D', 'C'), ('D', 'D')), ('Player 1', 'Player 2'))
    """
    game = _check_game(game)
    max_steps = _check_int(max_steps, "max_steps", 0)
    exact = game.kind == "exact"
    if not exact:
        tol = default_tolerance(game) if tol is None else _check_positive(tol, "tol", allow_zero=True)
    profile = _pure_start(game, start)
    n = game.n_players
    arrays = game.payoff_arrays

    def best(i, prof):
        """(is the current strategy a best response, the first best response)."""
        values = arrays[i][tuple(slice(None) if j == i else s for j, s in enumerate(prof))]
        top = max(values)
        ok = [k for k, v in enumerate(values) if (v == top if exact else v >= top - tol)]
        return prof[i] in ok, ok[0]

    path, movers, seen, turn = [profile], [], {}, 0
    while True:
        mover = None
        for k in range(n):
            i = (turn + k) % n
            happy, reply = best(i, profile)
            if not happy:
                mover = i
                break
        if mover is None:
            outcome, cycle = "equilibrium", ()
            break
        state = (profile, mover)
        if state in seen:
            outcome, cycle = "cycle", tuple(_names(game, p) for p in path[seen[state]:-1])
            break
        seen[state] = len(path) - 1
        if len(movers) >= max_steps:
            outcome, cycle = "max_steps", ()
            break
        profile = profile[:mover] + (reply,) + profile[mover + 1:]
        path.append(profile)
        movers.append(game.players[mover])
        turn = (mover + 1) % n
    return BestResponsePath(game, tuple(_names(game, p) for p in path), tuple(movers), outcome, cycle)


# -- replicator dynamics ------------------------------------------------------------
def _payoff_vectors(arrays, xs) -> list[np.ndarray]:
    """Each player's payoff per pure strategy against the others' mixed strategies (floats)."""
    out = []
    for i, arr in enumerate(arrays):
        for j in reversed(range(len(xs))):  # last axis first so indices stay valid
            if j != i:
                arr = np.tensordot(arr, xs[j], axes=([j], [0]))
        out.append(arr)
    return out


def _to_simplex(z, bounds) -> list[np.ndarray]:
    """Split a stacked state into per-player strategies, clipped to >= 0 and renormalised."""
    xs = []
    for a, b in bounds:
        x = np.clip(z[a:b], 0.0, None)
        total = x.sum()
        xs.append(x / total if total > 0 else np.full(b - a, 1.0 / (b - a)))
    return xs


@dataclass(frozen=True)
class ReplicatorResult:
    """The result of :func:`replicator_dynamics`.

    Attributes
    ----------
    times : numpy.ndarray
        The times at which the state was recorded (``0`` to ``t_max``).
    trajectory : tuple of numpy.ndarray
        One array per player, of shape ``(len(times), n_i)``: the player's
        mixed strategy at each recorded time.
    end : tuple of numpy.ndarray
        The mixed profile at ``t_max``.
    regret : float
        The largest gain any player could get by deviating at `end`.
    is_equilibrium : bool
        ``game.is_equilibrium(end, tol)``.
    pure : tuple of str or None
        The pure Nash equilibrium `end` is close to (within `pure_tol`), if any.
    outcome : {"pure equilibrium", "mixed equilibrium", "not an equilibrium"}
        ``"pure equilibrium"`` when `pure` is set; ``"mixed equilibrium"``
        for any other equilibrium (within `tol`); otherwise the dynamics have
        not (yet) settled at an equilibrium -- a non-equilibrium rest point
        on the boundary, or slow convergence.
    """

    game: Game = field(repr=False)
    times: np.ndarray = field(repr=False)
    trajectory: tuple = field(repr=False)
    end: tuple
    regret: float
    is_equilibrium: bool
    pure: tuple | None
    outcome: str


def _start_profile(game: Game, start) -> list[np.ndarray]:
    if start is None:
        return [np.full(n, 1.0 / n) for n in game.shape]
    if isinstance(start, (str, bytes)) or not isinstance(start, (Sequence, np.ndarray, Mapping)):
        raise InputTypeError(f"start must be a mixed profile (one strategy per player), got {start!r}")
    return [np.asarray(x, dtype=float) for x in game.mixed_profile(start)]


def _classify(fgame: Game, end, tol: float, pure_tol: float):
    """(regret, is_equilibrium, nearest pure equilibrium or None, outcome) of an end point."""
    regret = float(max(fgame.regrets(end)))
    is_eq = regret <= tol
    pure = None
    if is_eq:
        nearest = tuple(int(np.argmax(x)) for x in end)
        distance = max(1.0 - x[k] for x, k in zip(end, nearest))
        if distance <= pure_tol and fgame.is_equilibrium(list(nearest), tol):
            pure = _names(fgame, nearest)
    outcome = "pure equilibrium" if pure else "mixed equilibrium" if is_eq else "not an equilibrium"
    return regret, is_eq, pure, outcome


def _integrate(fgame: Game, x0, t_max, t_eval, rtol, atol, method):
    sizes = fgame.shape
    ends = np.cumsum(sizes)
    bounds = list(zip(ends - np.array(sizes), ends))
    arrays = fgame.payoff_arrays

    def rhs(t, z):
        xs = _to_simplex(z, bounds)
        return np.concatenate([x * (u - u @ x) for x, u in zip(xs, _payoff_vectors(arrays, xs))])

    sol = solve_ivp(rhs, (0.0, t_max), np.concatenate(x0), method=method, t_eval=t_eval,
                    rtol=rtol, atol=atol)
    if sol.status < 0:
        raise RuntimeError(f"replicator integration failed: {sol.message}")
    states = [_to_simplex(z, bounds) for z in sol.y.T]
    return sol.t, states


def replicator_dynamics(game: Game, start=None, t_max: float = 100.0, *, n_points: int = 201,
                        tol: float | None = None, pure_tol: float = 1e-3, rtol: float = 1e-8,
                        atol: float = 1e-10, method: str = "RK45") -> ReplicatorResult:
    """Multi-population replicator dynamics of an N-player game.

    Each player ``i`` is a population whose mixed strategy ``x_i`` evolves
    by ``x_i' = x_i * (u_i(s) - u_i(x))``: a strategy grows in proportion to
    how much better than the population average it does against the other
    populations.  The state is clipped to the simplex and renormalised
    before each evaluation (and in the output), so rounding cannot leave it.

    Parameters
    ----------
    game : Game
        A numeric game (exact games are integrated in floats).
    start : mixed profile, optional
        One probability vector (or pure strategy name) per player, or
        ``{player: strategy}``; default: every player uniform.
    t_max : float
        Integration time (default 100).
    n_points : int
        How many equally spaced times to record (at least 2).
    tol : float, optional
        Regret tolerance for calling the end point an equilibrium; default
        ``1e-6`` times the largest absolute payoff (at least ``1e-6``).
    pure_tol : float
        The end point is "close to" a pure profile when every player puts
        at least ``1 - pure_tol`` on that profile's strategy.
    rtol, atol : float
        Integrator tolerances.
    method : str
        A :func:`scipy.integrate.solve_ivp` method.

    Returns
    -------
    ReplicatorResult

    Raises
    ------
    InputTypeError
        `game` is not a numeric :class:`Game`; bad argument types.
    InputError
        An invalid starting profile or non-positive `t_max`.
    RuntimeError
        The integrator failed.

    Examples
    --------
    >>> from sbgames.game import Game
    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    >>> run = replicator_dynamics(pd, [[0.99, 0.01], [0.5, 0.5]], t_max=60)
    >>> run.outcome, run.pure
    ('pure equilibrium', ('D', 'D'))
    >>> print(run.trajectory[0].shape, run.times[-1])
    (201, 2) 60.0

    A starting point at the mixed equilibrium of a coordination game stays
    there; a pure non-equilibrium profile is a rest point too, but no
    equilibrium:

    >>> stag = Game([[[4, 0], [3, 3]], [[4, 3], [0, 3]]])
    >>> replicator_dynamics(stag, [[0.75, 0.25], [0.75, 0.25]], t_max=10).outcome
    'mixed equilibrium'
    >>> replicator_dynamics(pd, ["C", "C"], t_max=10).outcome
    'not an equilibrium'
    """
    game = _check_game(game)
    fgame = game.as_float()
    t_max = _check_positive(t_max, "t_max")
    n_points = _check_int(n_points, "n_points", 2)
    tol, pure_tol, rtol, atol = _tolerances(fgame, tol, pure_tol, rtol, atol)
    if not isinstance(method, str):
        raise InputTypeError(f"method must be a string, got {method!r}")
    x0 = _start_profile(fgame, start)
    times, states = _integrate(fgame, x0, t_max, np.linspace(0.0, t_max, n_points), rtol, atol, method)
    end = tuple(states[-1])
    trajectory = tuple(np.array([s[i] for s in states]) for i in range(fgame.n_players))
    regret, is_eq, pure, outcome = _classify(fgame, end, tol, pure_tol)
    return ReplicatorResult(game, times, trajectory, end, regret, is_eq, pure, outcome)


def _tolerances(fgame, tol, pure_tol, rtol, atol):
    if tol is None:
        tol = 1e-6 * payoff_scale(fgame)
    else:
        tol = _check_positive(tol, "tol", allow_zero=True)
    pure_tol = _check_positive(pure_tol, "pure_tol")
    if pure_tol >= 0.5:
        raise InputError(f"pure_tol must be below 0.5, got {pure_tol}")
    return tol, pure_tol, _check_positive(rtol, "rtol"), _check_positive(atol, "atol")


# -- basins of attraction -------------------------------------------------------------
@dataclass(frozen=True)
class BasinEstimate:
    """The result of :func:`basins`.

    Attributes
    ----------
    shares : dict
        From each pure Nash equilibrium (a tuple of strategy names, in the
        order of :meth:`Game.pure_equilibria`) and ``"other"`` to the share
        of starting points whose replicator path ends there.
    counts : dict
        The same keys, with the number of starting points.
    samples : int
        The number of starting points.
    seed : int or None
        The random seed used.
    """

    shares: dict
    counts: dict
    samples: int
    seed: object = None

    def stderr(self, key) -> float:
        """The binomial standard error ``sqrt(p (1 - p) / samples)`` of one share."""
        p = self.shares[key]
        return math.sqrt(p * (1 - p) / self.samples)


def basins(game: Game, samples: int = 200, seed=0, *, t_max: float = 100.0, symmetric: bool = False,
           tol: float | None = None, pure_tol: float = 1e-3, rtol: float = 1e-6, atol: float = 1e-9,
           method: str = "RK45") -> BasinEstimate:
    """Estimate the basins of attraction of the pure equilibria under replicator dynamics.

    Starting points are drawn uniformly from the interior of each player's
    simplex (a flat Dirichlet distribution), the replicator dynamics are run
    for `t_max`, and each end point is assigned to the pure Nash equilibrium
    it is close to (see :func:`replicator_dynamics`) or to ``"other"``
    (mixed equilibria, unsettled paths).

    Parameters
    ----------
    game : Game
        A numeric game.
    samples : int
        The number of starting points (default 200).
    seed : int, numpy.random.Generator or None
        Seed for :func:`numpy.random.default_rng` (default 0: reproducible).
    t_max : float
        Integration time per starting point.
    symmetric : bool
        Give every player the same random starting strategy (all players
        need the same number of strategies).  In a symmetric game the
        multi-population dynamics then stay symmetric and coincide with the
        single-population replicator dynamics.
    tol, pure_tol, rtol, atol, method
        As in :func:`replicator_dynamics`.

    Returns
    -------
    BasinEstimate

    Raises
    ------
    InputTypeError, InputError
        Bad arguments (of the wrong kind, or out of range).

    Examples
    --------
    In the symmetric stag hunt the single-population basin of (Stag, Stag)
    is the set of stag shares above 3/4, a quarter of the starting points:

    >>> from sbgames.game import Game
    >>> stag = Game([[[4, 0], [3, 3]], [[4, 3], [0, 3]]],
    ...             strategies=[["Stag", "Hare"], ["Stag", "Hare"]])
    >>> est = basins(stag, samples=100, seed=1, symmetric=True)
    >>> est.shares[("Stag", "Stag")] + est.shares[("Hare", "Hare")] + est.shares["other"]
    1.0
    >>> abs(est.shares[("Stag", "Stag")] - 0.25) < 3 * est.stderr(("Stag", "Stag"))
    True
    """
    game = _check_game(game)
    fgame = game.as_float()
    samples = _check_int(samples, "samples", 1)
    t_max = _check_positive(t_max, "t_max")
    tol, pure_tol, rtol, atol = _tolerances(fgame, tol, pure_tol, rtol, atol)
    if not isinstance(symmetric, (bool, np.bool_)):
        raise InputTypeError(f"symmetric must be True or False, got {symmetric!r}")
    if symmetric and len(set(fgame.shape)) != 1:
        raise InputError(f"symmetric starts need every player to have the same number of strategies, "
                         f"got shape {fgame.shape}")
    if not isinstance(method, str):
        raise InputTypeError(f"method must be a string, got {method!r}")
    if isinstance(seed, bool) or not (seed is None or isinstance(seed, (int, np.integer, np.random.Generator))):
        raise InputTypeError(f"seed must be an integer, a numpy Generator or None, got {seed!r}")
    rng = np.random.default_rng(seed)
    keys = [eq_names for eq_names in (_names(fgame, [int(np.argmax(s)) for s in eq.strategies])
                                      for eq in fgame.pure_equilibria())]
    counts = {k: 0 for k in keys}
    counts["other"] = 0
    for _ in range(samples):
        if symmetric:
            x = rng.dirichlet(np.ones(fgame.shape[0]))
            x0 = [x.copy() for _ in fgame.shape]
        else:
            x0 = [rng.dirichlet(np.ones(n)) for n in fgame.shape]
        _, states = _integrate(fgame, x0, t_max, None, rtol, atol, method)
        _, _, pure, _ = _classify(fgame, tuple(states[-1]), tol, pure_tol)
        counts[pure if pure in counts else "other"] += 1
    shares = {k: c / samples for k, c in counts.items()}
    return BasinEstimate(shares, counts, samples, seed)
