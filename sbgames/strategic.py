"""The strategic (normal) form as data: payoffs, names and payoff evaluation.

:class:`StrategicGame` holds one payoff array per player, named players and
named strategies.  Payoffs are all of one *kind*: exact fractions, floats, or
sympy expressions in the model's parameters (see :mod:`sbgames.numeric`).  The
game copies its input and never changes afterwards.  It evaluates profiles
(payoffs, regrets, best responses, the equilibrium check) but does not solve:
the public :class:`sbgames.game.Game` adds ``equilibria()`` and
``pure_equilibria()``, which call :mod:`sbgames.solvers`.  The solvers and
:mod:`sbgames.equilibrium` work with this class, so they sit below
:mod:`sbgames.game` (see docs/reference/architecture.md).

Examples
--------
>>> pennies = StrategicGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], players=["Even", "Odd"])
>>> half = [Fraction(1, 2), Fraction(1, 2)]
>>> pennies.expected_payoffs([half, half]), pennies.regrets([[1, 0], half])
((Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
"""

from __future__ import annotations

import math
from fractions import Fraction  # noqa: F401  (the doctests use it)
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import sympy

from .errors import InputError, InputTypeError, SolverLimitError
from .numeric import format_number, kind_of, to_float, to_fraction, to_sympy
from .tolerance import check_tolerance, payoff_scale

__all__ = ["StrategicGame", "regret_and_payoff", "MAX_FLOAT_PAYOFF", "MAX_PLAYERS"]

#: Float payoffs larger in size are refused, so that the solvers' sums and differences of
#: payoffs cannot overflow (the largest float is about 1.8e308).
MAX_FLOAT_PAYOFF = 1e300
#: One array dimension per player; numpy operations the solvers use stop at 32.
MAX_PLAYERS = 32


def regret_and_payoff(values: np.ndarray, strategy: np.ndarray) -> tuple:
    """A player's regret and expected payoff from their pure-strategy payoffs `values`.

    The regret is the best pure payoff minus the expected payoff of
    `strategy` (0 when `strategy` is a best reply).

    Examples
    --------
    >>> [float(v) for v in regret_and_payoff(np.array([1.0, 3.0]), np.array([0.5, 0.5]))]
    [1.0, 2.0]
    """
    payoff = values @ strategy
    return max(values) - payoff, payoff


def _read_array(raw, index: int) -> np.ndarray:
    """Turn one player's payoff input into an object array, with clear errors."""
    if isinstance(raw, (str, bytes)) or raw is None:
        raise InputTypeError(f"payoffs[{index}] must be an array of numbers, got {raw!r}")
    try:
        arr = np.array(raw, dtype=object)
    except ValueError as exc:  # numpy refuses inhomogeneous nesting
        raise InputError(f"payoffs[{index}] is ragged: its rows have different lengths ({exc})") from None
    if arr.dtype == object:
        for item in arr.flat:
            if isinstance(item, (list, tuple, np.ndarray)):
                raise InputError(f"payoffs[{index}] is ragged: its rows have different lengths")
    return arr


def _restore(cls, payoffs, players, strategies, kind, title):
    """Rebuild a pickled game from its stored parts, its arrays read-only again."""
    game = object.__new__(cls)
    arrays = []
    for arr in payoffs:
        arr = np.array(arr, dtype=arr.dtype)
        arr.flags.writeable = False
        arrays.append(arr.view())
    for name, value in (("_payoffs", tuple(arrays)), ("_players", players), ("_kind", kind), ("_title", title),
                        ("_strategies", strategies)):  # _strategies last: it marks the game complete
        object.__setattr__(game, name, value)
    return game


def _names(given, count: int, default, what: str) -> tuple[str, ...]:
    if given is None:
        return tuple(default(i) for i in range(count))
    if isinstance(given, (str, bytes)) or not isinstance(given, (Sequence, np.ndarray)):
        raise InputTypeError(f"{what} must be a sequence of names, got {given!r}")
    names = tuple(given)
    if len(names) != count:
        raise InputError(f"{what} has {len(names)} names but {count} are needed: {list(names)!r}")
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise InputTypeError(f"{what} must be non-empty strings, got {name!r}")
    duplicates = sorted(n for n, k in Counter(names).items() if k > 1)
    if duplicates:
        raise InputError(f"{what} must be distinct, {duplicates!r} repeated")
    return names


class StrategicGame:
    """An immutable N-player game in strategic (normal) form, without the solving methods.

    The parameters, their checks and the errors raised are those of the public
    :class:`sbgames.game.Game`, which adds ``equilibria()`` and
    ``pure_equilibria()``; build a ``Game`` unless you are writing a solver.

    Examples
    --------
    >>> g = StrategicGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    >>> g.kind, g.shape, g.players, g.strategies[1]
    ('exact', (2, 2), ('Player 1', 'Player 2'), ('s1', 's2'))
    >>> g.is_equilibrium([[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)]])
    True
    """

    __slots__ = ("_payoffs", "_players", "_strategies", "_kind", "_title")

    def __init__(self, payoffs, players=None, strategies=None, *, title: str = ""):
        if isinstance(payoffs, (str, bytes, Mapping)) or not isinstance(payoffs, (Sequence, np.ndarray)):
            raise InputTypeError(f"payoffs must be a sequence of arrays, one per player, got {type(payoffs).__name__}")
        if len(payoffs) > MAX_PLAYERS:
            raise SolverLimitError(f"a game has at most {MAX_PLAYERS} players (one array dimension each, "
                                   f"numpy's limit), got {len(payoffs)} payoff arrays")
        arrays = [_read_array(raw, i) for i, raw in enumerate(payoffs)]
        if not arrays:
            raise InputError("a game needs at least one player: payoffs is empty")
        shape = arrays[0].shape
        n_players = len(arrays)
        for i, arr in enumerate(arrays):
            if arr.shape != shape:
                raise InputError(f"payoff arrays must share one shape: payoffs[0] has shape {shape}, "
                                 f"payoffs[{i}] has shape {arr.shape}")
        if len(shape) != n_players:
            raise InputError(f"{n_players} payoff arrays need {n_players} dimensions each "
                             f"(one per player), got shape {shape}")
        if any(n == 0 for n in shape):
            raise InputError(f"every player needs at least one strategy, got shape {shape}")
        kinds = set()
        for i, arr in enumerate(arrays):
            for idx, value in np.ndenumerate(arr):
                try:
                    kinds.add(kind_of(value))
                except (TypeError, ValueError) as exc:
                    raise type(exc)(f"payoffs[{i}][{', '.join(map(str, idx))}]: {exc}") from None
        kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
        convert = {"exact": to_fraction, "float": to_float, "symbolic": to_sympy}[kind]
        stored = []
        for arr in arrays:
            out = np.empty(shape, dtype=float if kind == "float" else object)
            for idx, value in np.ndenumerate(arr):
                out[idx] = convert(value)
            if kind == "float" and np.abs(out).max() > MAX_FLOAT_PAYOFF:
                i, idx = len(stored), np.unravel_index(np.abs(out).argmax(), shape)
                raise InputError(f"payoffs[{i}][{', '.join(map(str, idx))}] = {out[idx]:g} is beyond the limit "
                                 f"of +-{MAX_FLOAT_PAYOFF:g} for float payoffs (the solvers add and subtract "
                                 f"payoffs); divide every payoff by a common factor, or give exact numbers "
                                 f"(integers, fractions) and solve exactly (exact=True, or --exact)")
            out.flags.writeable = False
            stored.append(out.view())  # a view of a read-only base cannot be made writeable again
        self._payoffs = tuple(stored)
        self._kind = kind
        self._title = str(title)
        self._players = _names(players, n_players, lambda i: f"Player {i + 1}", "players")
        if strategies is None:
            strategies = [None] * n_players
        elif (isinstance(strategies, str) or not isinstance(strategies, (Sequence, np.ndarray))
              or len(strategies) != n_players):
            raise InputError(f"strategies must give one list of names per player ({n_players}), got {strategies!r}")
        self._strategies = tuple(
            _names(s, shape[i], lambda j: f"s{j + 1}", f"strategies of {self._players[i]!r}")
            for i, s in enumerate(strategies))

    # -- immutability -----------------------------------------------------
    def __setattr__(self, name, value):
        if hasattr(self, "_strategies"):
            raise AttributeError(f"{type(self).__name__} is immutable; build a new one instead")
        object.__setattr__(self, name, value)

    def __reduce__(self):
        """Pickle and copy as the stored arrays, names and kind (no second validation)."""
        return (_restore, (type(self), self._payoffs, self._players, self._strategies, self._kind, self._title))

    # -- basic description --------------------------------------------------
    @property
    def payoff_arrays(self) -> tuple[np.ndarray, ...]:
        """The read-only payoff arrays, one per player."""
        return self._payoffs

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy names of each player."""
        return self._strategies

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return self._payoffs[0].shape

    @property
    def kind(self) -> str:
        """``"exact"``, ``"float"`` or ``"symbolic"``."""
        return self._kind

    @property
    def title(self) -> str:
        """A free-text title (empty by default)."""
        return self._title

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self._players)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(players={self._players!r}, shape={self.shape}, kind={self._kind!r})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, StrategicGame):
            return NotImplemented
        return (self._players == other._players and self._strategies == other._strategies
                and self._kind == other._kind
                and all(np.array_equal(a, b) for a, b in zip(self._payoffs, other._payoffs)))

    def __hash__(self) -> int:
        return hash((self._players, self._strategies, self._kind))

    # -- conversion ---------------------------------------------------------
    def _with_payoffs(self, arrays) -> "StrategicGame":
        return type(self)(arrays, self._players, self._strategies, title=self._title)

    def as_exact(self) -> "StrategicGame":
        """The same game with exact fraction payoffs (floats via their decimal form).

        Examples
        --------
        >>> StrategicGame([[0.5, 0.25]]).as_exact().payoff_arrays[0].tolist()
        [Fraction(1, 2), Fraction(1, 4)]
        """
        self._require_numeric("as_exact")
        if self._kind == "exact":
            return self
        return self._with_payoffs([np.vectorize(to_fraction, otypes=[object])(a) for a in self._payoffs])

    def as_float(self) -> "StrategicGame":
        """The same game with float payoffs."""
        self._require_numeric("as_float")
        if self._kind == "float":
            return self
        return self._with_payoffs([np.vectorize(to_float, otypes=[float])(a) for a in self._payoffs])

    def subs(self, values: Mapping) -> "StrategicGame":
        """Substitute values for the symbols of a symbolic game.

        Parameters
        ----------
        values : mapping
            From sympy symbols (or their names) to numbers.

        Examples
        --------
        >>> x = sympy.Symbol("x")
        >>> StrategicGame([[x, 2 * x]]).subs({"x": 3}).payoff_arrays[0].tolist()
        [Fraction(3, 1), Fraction(6, 1)]
        """
        if self._kind != "symbolic":
            return self
        symbols = {s.name: s for a in self._payoffs for v in a.flat for s in v.free_symbols}
        mapping = {}
        for key, value in values.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if name in symbols:
                mapping[symbols[name]] = to_sympy(value)
        return self._with_payoffs([np.vectorize(lambda e: e.xreplace(mapping), otypes=[object])(a)
                                   for a in self._payoffs])

    def _require_numeric(self, what: str) -> None:
        if self._kind == "symbolic":
            free = sorted({s.name for a in self._payoffs for v in a.flat for s in v.free_symbols})
            raise InputTypeError(f"{what} needs numeric payoffs, but this game is symbolic in {free}; "
                            f"substitute values first (game.subs or model.game)")

    # -- lookup -------------------------------------------------------------
    def player_index(self, player) -> int:
        """The index of a player given by name or index.

        Examples
        --------
        >>> StrategicGame([[[1]], [[2]]], players=["T", "S"]).player_index("S")
        1
        """
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return int(player)
            raise InputError(f"player index {player} out of range 0..{self.n_players - 1}")
        if player in self._players:
            return self._players.index(player)
        raise InputError(f"unknown player {player!r}; players are {list(self._players)}")

    def strategy_index(self, player, strategy) -> int:
        """The index of one of `player`'s strategies, given by name or index."""
        i = self.player_index(player)
        names = self._strategies[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if 0 <= strategy < len(names):
                return int(strategy)
            raise InputError(f"strategy index {strategy} out of range for {self._players[i]!r} "
                             f"(0..{len(names) - 1})")
        if strategy in names:
            return names.index(strategy)
        raise InputError(f"unknown strategy {strategy!r} of {self._players[i]!r}; "
                         f"strategies are {list(names)}")

    def _by_player(self, profile: Mapping, optional: str | None = None) -> list:
        """A {player: strategy} mapping as a list in player order (`optional` may be absent: 0)."""
        unknown = [p for p in profile if p not in self._players]
        if unknown:
            raise InputError(f"unknown player(s) {unknown}; players are {list(self._players)}")
        missing = [p for p in self._players if p not in profile and p != optional]
        if missing:
            raise InputError(f"profile gives no strategy for {missing}")
        return [profile.get(p, 0) for p in self._players]

    def _pure_profile(self, profile) -> tuple[int, ...]:
        if isinstance(profile, Mapping):
            profile = self._by_player(profile)
        if isinstance(profile, str):
            profile = [profile]
        profile = tuple(profile)
        if len(profile) != self.n_players:
            raise InputError(f"a profile needs one strategy per player ({self.n_players}), got {profile!r}")
        return tuple(self.strategy_index(i, s) for i, s in enumerate(profile))

    def payoff(self, profile) -> tuple:
        """Payoffs of a pure profile, given by strategy names or indices.

        `profile` is a sequence with one strategy per player, or a mapping
        from player name to strategy.

        Examples
        --------
        >>> g = StrategicGame([[[1, 2]], [[3, 4]]], players=["T", "S"],
        ...          strategies=[["Revise"], ["Hard", "Soft"]])
        >>> g.payoff({"T": "Revise", "S": "Soft"})
        (Fraction(2, 1), Fraction(4, 1))
        """
        idx = self._pure_profile(profile)
        return tuple(a[idx].item() if isinstance(a[idx], np.generic) else a[idx] for a in self._payoffs)

    __getitem__ = payoff

    # -- mixed profiles -----------------------------------------------------
    def mixed_strategy(self, player, strategy) -> np.ndarray:
        """Validate one mixed strategy of `player`; return it as an array.

        A strategy name or index stands for the pure strategy.  Exact games
        keep fractions (floats are converted); float games use floats.
        """
        self._require_numeric("mixed_strategy")
        i = self.player_index(player)
        n = self.shape[i]
        if isinstance(strategy, (str, int, np.integer)) and not isinstance(strategy, bool):
            vec = [0] * n
            vec[self.strategy_index(i, strategy)] = 1
            strategy = vec
        if isinstance(strategy, np.ndarray) and strategy.dtype == float and self._kind == "float":
            probs = strategy.copy()  # fast path for solver output; checked below like any other
        else:
            try:
                values = np.asarray(strategy, dtype=object)
            except ValueError:
                values = None
            if values is None or values.ndim != 1 or len(values) != n:
                raise InputError(f"a mixed strategy of {self._players[i]!r} needs {n} probabilities, "
                                 f"got {strategy!r}")
            convert = to_fraction if self._kind == "exact" else to_float
            probs = np.array([convert(v) for v in values], dtype=object if self._kind == "exact" else float)
        if probs.shape != (n,):
            raise InputError(f"a mixed strategy of {self._players[i]!r} needs {n} probabilities, got {strategy!r}")
        if self._kind == "exact":
            total, ok_sum, ok_sign = sum(probs), sum(probs) == 1, all(p >= 0 for p in probs)
        else:
            if not np.isfinite(probs).all():
                raise InputError(f"probabilities must be finite, got {strategy!r} for {self._players[i]!r}")
            total = math.fsum(probs)
            ok_sum, ok_sign = abs(total - 1) <= 1e-9, probs.min() >= -1e-12
        if not ok_sign:
            raise InputError(f"probabilities must be non-negative, got {strategy!r} for {self._players[i]!r}")
        if not ok_sum:
            raise InputError(f"probabilities must sum to 1, got {total} for {self._players[i]!r}")
        return probs

    def mixed_profile(self, profile) -> tuple[np.ndarray, ...]:
        """Validate a mixed profile (one mixed strategy, name or index per player)."""
        if isinstance(profile, Mapping):
            profile = self._by_player(profile)
        profile = list(profile)
        if len(profile) != self.n_players:
            raise InputError(f"a profile needs one strategy per player ({self.n_players}), got {len(profile)}")
        return tuple(self.mixed_strategy(i, s) for i, s in enumerate(profile))

    def strategy_payoffs(self, profile, player) -> np.ndarray:
        """Payoff to each pure strategy of `player` against the others' mixed strategies.

        Examples
        --------
        >>> g = StrategicGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
        >>> g.strategy_payoffs([[1, 0], [Fraction(1, 3), Fraction(2, 3)]], 0).tolist()
        [Fraction(2, 3), Fraction(2, 3)]
        """
        return self._against(self.mixed_profile(profile), self.player_index(player))

    def payoff_vectors(self, profile) -> tuple[np.ndarray, ...]:
        """:meth:`strategy_payoffs` of every player, the profile validated once.

        In a 2-player game with payoffs ``A`` and ``B`` and profile ``(x, y)``
        these are the products ``A y`` and ``x B``.

        Examples
        --------
        >>> g = StrategicGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
        >>> [v.tolist() for v in g.payoff_vectors([[1, 0], [Fraction(1, 3), Fraction(2, 3)]])]
        [[Fraction(2, 3), Fraction(2, 3)], [Fraction(1, 1), Fraction(0, 1)]]
        """
        sigma = self.mixed_profile(profile)
        return tuple(self._against(sigma, i) for i in range(self.n_players))

    def _against(self, sigma, i: int) -> np.ndarray:
        """Player i's payoff to each pure strategy against a validated profile `sigma`."""
        arr = self._payoffs[i]
        # contract the other players' axes, last axis first so indices stay valid; a pure
        # strategy (a single 1) is a slice, which is exact and much faster than a product
        for j in reversed(range(self.n_players)):
            if j == i:
                continue
            support = np.flatnonzero(sigma[j])
            if len(support) == 1 and sigma[j][support[0]] == 1:
                arr = np.take(arr, support[0], axis=j)
            elif j == arr.ndim - 1:
                arr = arr @ sigma[j]
            elif arr.ndim == 2:
                arr = sigma[j] @ arr
            else:
                arr = np.tensordot(arr, sigma[j], axes=([j], [0]))
        return arr

    def expected_payoffs(self, profile) -> tuple:
        """Expected payoff of each player under a mixed profile.

        Examples
        --------
        >>> g = StrategicGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
        >>> g.expected_payoffs([[Fraction(2, 3), Fraction(1, 3)], [Fraction(1, 3), Fraction(2, 3)]])
        (Fraction(2, 3), Fraction(2, 3))
        """
        sigma = self.mixed_profile(profile)
        return tuple(self._against(sigma, i) @ sigma[i] for i in range(self.n_players))

    def regrets(self, profile) -> tuple:
        """Each player's gain from the best pure deviation (0 at an equilibrium)."""
        sigma = self.mixed_profile(profile)
        return tuple(regret_and_payoff(self._against(sigma, i), sigma[i])[0] for i in range(self.n_players))

    def best_responses(self, profile, player, tol: float | None = None) -> tuple[str, ...]:
        """Names of `player`'s pure best responses to the others' strategies in `profile`.

        The player's own entry in `profile` is ignored.  Exact games compare
        exactly; float games treat payoffs within `tol` of the best as ties
        (checked and defaulted by :func:`check_tolerance`).
        """
        i = self.player_index(player)
        if isinstance(profile, Mapping):
            profile = self._by_player(profile, optional=self._players[i])
        profile = list(profile)
        if len(profile) != self.n_players:
            raise InputError(f"a profile needs one strategy per player ({self.n_players}), got {len(profile)}")
        profile[i] = 0  # any valid strategy: it does not enter the computation
        values = self.strategy_payoffs(profile, i)
        best = max(values)
        if self._kind == "exact":
            chosen = [k for k, v in enumerate(values) if v == best]
        else:
            tol = check_tolerance(tol, self)
            chosen = [k for k, v in enumerate(values) if v >= best - tol]
        return tuple(self._strategies[i][k] for k in chosen)

    def is_equilibrium(self, profile, tol: float | None = None) -> bool:
        """True if no player gains by a unilateral deviation (exactly, or within `tol`).

        Float games: `tol` defaults to :func:`default_tolerance` and must be at
        most ``1e-3`` times the payoff scale (see :func:`check_tolerance`), so
        the answer does not change when every payoff is multiplied by a
        positive factor.

        Examples
        --------
        >>> g = StrategicGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> g.is_equilibrium(["s2", "s2"]), g.is_equilibrium(["s1", "s1"])
        (True, False)
        >>> tiny = StrategicGame([[[3e-10, 0.0], [5e-10, 1e-10]], [[3e-10, 5e-10], [0.0, 1e-10]]])
        >>> tiny.is_equilibrium(["s1", "s1"])
        False
        """
        regrets = self.regrets(profile)
        if self._kind == "exact":
            return all(r == 0 for r in regrets)
        tol = check_tolerance(tol, self)
        return all(r <= tol for r in regrets)


    # -- display ------------------------------------------------------------
    def table(self) -> str:
        """A plain-text payoff table.

        Two players: rows are the first player's strategies, columns the
        second's.  Three or more: one row per strategy profile, one payoff
        column per player (a matrix of all the others' profiles would be
        too wide to read).

        Examples
        --------
        >>> print(StrategicGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
        ...            strategies=[["C", "D"], ["C", "D"]]).table())
        Player 1 \\ Player 2 | C    | D
        --------------------+------+-----
        C                   | 3, 3 | 0, 5
        D                   | 5, 0 | 1, 1
        >>> print(StrategicGame([[[[1, 0], [0, 0]], [[0, 0], [0, 2]]]] * 3).table().splitlines()[2])
        s1 / s1 / s1                   | 1        | 1        | 1
        """
        from itertools import product
        scale = payoff_scale(self) if self._kind == "float" else 1.0
        if self.n_players >= 3:
            head = [" / ".join(self._players), *self._players]
            rows = [[" / ".join(self._strategies[j][k] for j, k in enumerate(profile)),
                     *(format_number(a[profile], scale) for a in self._payoffs)]
                    for profile in product(*(range(n) for n in self.shape))]
        else:
            others = range(1, self.n_players)
            cols = list(product(*(range(self.shape[j]) for j in others)))
            header = " / ".join(self._players[1:]) or "-"
            col_names = [" / ".join(self._strategies[j][k] for j, k in zip(others, c)) or "payoff" for c in cols]
            rows = [[self._strategies[0][r], *(", ".join(format_number(a[(r, *c)], scale) for a in self._payoffs)
                                              for c in cols)]
                    for r in range(self.shape[0])]
            head = [f"{self._players[0]} \\ {header}", *col_names]
        widths = [max(len(x[k]) for x in [head, *rows]) for k in range(len(head))]

        def line(cells):
            return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
        sep = "-+-".join("-" * w for w in widths)
        return "\n".join([line(head), sep, *(line(r) for r in rows)])
