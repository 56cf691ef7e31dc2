"""Conversion between :class:`~sbgames.game.Game` and other game libraries.

`nashpy <https://nashpy.readthedocs.io>`_: a ``nashpy.Game`` is a bimatrix
game given by its two payoff matrices (``payoff_matrices``, a tuple
``(A, B)``).  nashpy keeps references to the arrays it is given, so both
directions copy: neither side can change the other afterwards.

`Gambit <https://www.gambit-project.org>`_ (its Python package pygambit):
:func:`to_gambit` builds a Gambit strategic game with the exact payoffs, and
the ``gambit_*`` functions read games, solver results and game trees out of
pygambit as plain Python values (labels, :class:`~fractions.Fraction`
numbers, tuples of action indices).  pygambit changed its interface between
16.x and 17.0 (``Game.from_arrays`` became ``StrategicGame.from_arrays``,
players and strategies became labels, a tree is read through histories);
these functions work with both, choosing by the features the installed
pygambit has.  pygambit is imported only when one of them is called.

Examples
--------
>>> import nashpy
>>> pennies = from_nashpy(nashpy.Game([[1, -1], [-1, 1]]), players=["Even", "Odd"])
>>> pennies.kind, pennies.payoff((0, 1))
('exact', (Fraction(-1, 1), Fraction(1, 1)))
>>> to_nashpy(pennies).payoff_matrices[1].tolist()
[[-1.0, 1.0], [1.0, -1.0]]
"""

from __future__ import annotations

import inspect
from fractions import Fraction
from typing import NamedTuple

import numpy as np

from .errors import InputError, InputTypeError, SbgamesError
from .game import Game

__all__ = ["to_nashpy", "from_nashpy", "to_gambit", "read_gambit", "gambit_players",
           "gambit_strategies", "gambit_payoffs", "gambit_equilibria", "gambit_tree",
           "gambit_behaviour", "GambitProfile", "GambitNode", "PygambitMissingError",
           "GAMBIT_SOLVERS"]

#: The pygambit solvers :func:`gambit_equilibria` runs (``pygambit.nash.<name>_solve``).
GAMBIT_SOLVERS = ("enumpure", "enummixed", "enumpoly", "lcp", "lp")

_INSTALL = "pip install --pre --only-binary pygambit pygambit"


def to_nashpy(game: Game):
    """A ``nashpy.Game`` with the float payoff matrices of a 2-player `game`.

    The matrices are fresh float arrays: changing them does not change `game`.
    Player and strategy names are not carried over (nashpy has none).

    Raises
    ------
    InputError
        If `game` does not have exactly two players.
    InputTypeError
        If `game` is symbolic (substitute values first with ``game.subs``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> game = Game([[[3, 0], [5, 1]], [[3, 5], [0, Fraction(1, 2)]]])
    >>> A, B = to_nashpy(game).payoff_matrices
    >>> A.dtype, B.tolist()
    (dtype('float64'), [[3.0, 5.0], [0.0, 0.5]])
    """
    if game.n_players != 2:
        raise InputError(f"nashpy handles 2-player (bimatrix) games only; this game has "
                         f"{game.n_players} players {list(game.players)}")
    import nashpy  # optional dependency: needed only here

    row, column = (np.array(a, dtype=float) for a in game.as_float().payoff_arrays)
    return nashpy.Game(row, column)


def from_nashpy(nashpy_game, players=None, strategies=None) -> Game:
    """A :class:`~sbgames.game.Game` from a ``nashpy.Game`` (its payoff matrices are copied).

    Integer matrices give an exact game and float matrices a float game.

    Parameters
    ----------
    nashpy_game : nashpy.Game
        Anything with a ``payoff_matrices`` pair ``(A, B)`` of equal-shape
        2-D arrays: ``A`` for the row player, ``B`` for the column player.
    players : sequence of str, optional
        The two player names (default ``"Player 1"``, ``"Player 2"``).
    strategies : sequence of sequence of str, optional
        Strategy names of each player (default ``"s1"``, ``"s2"``, ...).

    Raises
    ------
    InputTypeError
        If `nashpy_game` has no ``payoff_matrices``.
    InputError
        If the matrices are not two 2-D arrays of one shape.

    Examples
    --------
    >>> import nashpy
    >>> game = from_nashpy(nashpy.Game([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]),
    ...                    strategies=[["Ballet", "Boxing"], ["Ballet", "Boxing"]])
    >>> game.kind, game.payoff_arrays[1].tolist()
    ('float', [[1.0, 0.0], [0.0, 2.0]])
    """
    try:
        matrices = tuple(nashpy_game.payoff_matrices)
    except (AttributeError, TypeError):
        raise InputTypeError(f"expected a nashpy.Game (with payoff_matrices), got "
                             f"{type(nashpy_game).__name__}") from None
    if len(matrices) != 2:
        raise InputError(f"a nashpy game has two payoff matrices, got {len(matrices)}")
    row, column = (np.array(m, copy=True) for m in matrices)
    if row.ndim != 2 or row.shape != column.shape:
        raise InputError(f"the payoff matrices must be 2-D and of one shape, got shapes "
                         f"{row.shape} and {column.shape}")
    return Game([row, column], players, strategies)


# -- Gambit (pygambit 16.x and 17.x) ---------------------------------------------------------------

class PygambitMissingError(SbgamesError, ImportError):
    """pygambit is needed for a Gambit function and is not installed."""


def _pygambit():
    try:
        import pygambit  # optional dependency: needed only by the Gambit functions
    except ImportError as exc:
        raise PygambitMissingError(f"this needs Gambit's Python package pygambit, which is not "
                                   f"installed ({exc}); install it with `{_INSTALL}`") from None
    return pygambit


def _labelled(gambit_game) -> bool:
    """True for pygambit 17's interface, where players and strategies are labels (str)."""
    return hasattr(gambit_game, "get_strategies")


def _is_tree(gambit_game) -> bool:
    return hasattr(gambit_game, "get_infosets") or bool(getattr(gambit_game, "is_tree", False))


def _exact(value) -> Fraction:
    """A Gambit number (Rational, Decimal, int) as a Fraction, exactly."""
    return Fraction(str(value))


def to_gambit(game: Game, title: str = "sbgames game"):
    """A pygambit strategic game with the payoffs of `game`, exact payoffs kept exact.

    Player and strategy names become Gambit labels.  Works with pygambit 16.x
    (``Game.from_arrays``) and 17.x (``StrategicGame.from_arrays``).

    Raises
    ------
    InputTypeError
        If `game` is symbolic (substitute values first with ``game.subs``).
    PygambitMissingError
        If pygambit is not installed.

    Examples
    --------
    With pygambit installed (the lines marked +SKIP need it):

    >>> from fractions import Fraction
    >>> game = Game([[[1, 0], [0, Fraction(1, 3)]], [[0, 1], [1, 0]]], ["Row", "Column"])
    >>> import sympy
    >>> to_gambit(Game([[[sympy.Symbol("x")]], [[0]]]))
    Traceback (most recent call last):
    sbgames.errors.InputTypeError: Gambit needs numbers: substitute the parameters first with game.subs(...)
    >>> gambit = to_gambit(game)                       # doctest: +SKIP
    >>> gambit_payoffs(gambit, (1, 1))                 # doctest: +SKIP
    (Fraction(1, 3), Fraction(0, 1))
    >>> [p.strategies for p in gambit_equilibria(gambit, "enummixed")]  # doctest: +SKIP
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 4), Fraction(3, 4)))]
    """
    if game.kind == "symbolic":
        raise InputTypeError("Gambit needs numbers: substitute the parameters first with game.subs(...)")
    gbt = _pygambit()
    arrays = [np.array(a, dtype=object if game.kind == "exact" else float) for a in game.payoff_arrays]
    strategic = getattr(gbt, "StrategicGame", None)
    if strategic is not None and hasattr(strategic, "from_arrays"):        # pygambit 17
        gambit = strategic.from_arrays(*arrays, title=title)
        gambit.relabel_players(dict(zip(list(gambit.players), game.players)))
        for player, names in zip(game.players, game.strategies):
            gambit.relabel_strategies(player, dict(zip(gambit.get_strategies(player), names)))
        return gambit
    gambit = gbt.Game.from_arrays(*arrays, title=title)                    # pygambit 16
    for player, name, names in zip(gambit.players, game.players, game.strategies):
        player.label = name
        for strategy, label in zip(player.strategies, names):
            strategy.label = label
    return gambit


def read_gambit(path):
    """A pygambit game read by Gambit itself from an ``.efg`` or ``.nfg`` file.

    Raises
    ------
    InputError
        If the file name does not end in ``.efg`` or ``.nfg``.
    """
    name = str(path)
    readers = {".efg": "read_efg", ".nfg": "read_nfg"}
    suffix = name[-4:].lower()
    if suffix not in readers:
        raise InputError(f"{name}: Gambit reads .efg and .nfg files only")
    return getattr(_pygambit(), readers[suffix])(name)


def gambit_players(gambit_game) -> list[str]:
    """The player labels of a pygambit game, in Gambit's order."""
    if _labelled(gambit_game):
        return list(gambit_game.players)
    return [player.label for player in gambit_game.players]


def gambit_strategies(gambit_game) -> list[list[str]]:
    """The strategy labels of each player of a pygambit game (of its reduced strategic form)."""
    if _labelled(gambit_game):
        return [list(gambit_game.get_strategies(p)) for p in gambit_game.players]
    return [[s.label for s in player.strategies] for player in gambit_game.players]


def gambit_payoffs(gambit_game, profile) -> tuple[Fraction, ...]:
    """Each player's payoff, exactly, when each plays the pure strategy of index ``profile[i]``."""
    if _labelled(gambit_game):
        players = list(gambit_game.players)
        chosen = {p: gambit_game.get_strategies(p)[k] for p, k in zip(players, profile)}
        payoffs = gambit_game.get_payoffs(chosen)
        return tuple(_exact(payoffs[p]) for p in players)
    players = list(gambit_game.players)
    contingency = gambit_game[[p.strategies[k] for p, k in zip(players, profile)]]
    return tuple(_exact(contingency[p]) for p in players)


class GambitProfile(NamedTuple):
    """One equilibrium found by a Gambit solver, as plain numbers.

    ``strategies[i][k]`` is the probability player ``i`` gives to strategy
    ``k`` (Gambit's order); ``payoffs[i]`` is player ``i``'s expected payoff.
    The numbers are Fractions when Gambit computed in rationals, floats
    otherwise.
    """
    strategies: tuple[tuple, ...]
    payoffs: tuple


def _number(value):
    return value if isinstance(value, float) else _exact(value)


def gambit_equilibria(gambit_game, solver: str, **options) -> list[GambitProfile]:
    """The equilibria a Gambit solver finds, as :class:`GambitProfile` s of mixed strategies.

    Parameters
    ----------
    gambit_game : pygambit game
        From :func:`to_gambit` or :func:`read_gambit`.
    solver : str
        One of :data:`GAMBIT_SOLVERS`: runs ``pygambit.nash.<solver>_solve``.
    **options
        Passed to the solver (for example ``rational=True``).  On a game tree,
        ``use_strategic=True`` is the default where the solver takes it, so
        the profiles are always over (reduced) strategies.

    Raises
    ------
    InputError
        If `solver` is not one of :data:`GAMBIT_SOLVERS`.
    """
    if solver not in GAMBIT_SOLVERS:
        raise InputError(f"unknown Gambit solver {solver!r}; choose one of {', '.join(GAMBIT_SOLVERS)}")
    solve = getattr(_pygambit().nash, f"{solver}_solve")
    if _is_tree(gambit_game) and "use_strategic" in inspect.signature(solve).parameters:
        options.setdefault("use_strategic", True)
    result = solve(gambit_game, **options)
    labelled = _labelled(gambit_game)
    found = []
    for eq in result.equilibria:
        if labelled:
            strategies = tuple(tuple(_number(eq[p][s]) for s in gambit_game.get_strategies(p))
                               for p in gambit_game.players)
            payoffs = tuple(_number(eq.payoffs[p]) for p in gambit_game.players)
        else:
            strategies = tuple(tuple(_number(eq[s]) for s in p.strategies) for p in gambit_game.players)
            payoffs = tuple(_number(eq.payoff(p)) for p in gambit_game.players)
        found.append(GambitProfile(strategies, payoffs))
    return found


class GambitNode(NamedTuple):
    """One node of a Gambit game tree, as plain values.

    A node is named by its ``history``: the indices of the actions taken from
    the root.  ``infoset`` is the history of the first member of the node's
    information set (None at a terminal node); ``player`` the label of the
    player who moves (None at chance and terminal nodes); ``probabilities``
    the chance probabilities (empty unless ``is_chance``); ``payoffs`` the
    payoffs of the outcome attached to the node (None if none is), which
    Gambit adds up along the path of play.
    """
    history: tuple[int, ...]
    player: str | None
    is_chance: bool
    infoset: tuple[int, ...] | None
    actions: tuple[str, ...]
    probabilities: tuple[Fraction, ...]
    payoffs: tuple[Fraction, ...] | None


def _history_16(node) -> tuple[int, ...]:
    steps = []
    while node.parent is not None:
        action = node.prior_action
        steps.append(list(action.infoset.actions).index(action))
        node = node.parent
    return tuple(reversed(steps))


class _Tree17:
    """Reads a pygambit 17 tree through its public history interface (action labels)."""

    def __init__(self, gambit_game):
        self.game = gambit_game
        self.H = _pygambit().H
        self._actions: dict[tuple[str, ...], list[str]] = {}

    def actions(self, labels: tuple[str, ...]) -> list[str]:
        if labels not in self._actions:
            self._actions[labels] = list(self.game.get_actions(self.H.path(*labels)))
        return self._actions[labels]

    def indices(self, labels: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(self.actions(labels[:k]).index(a) for k, a in enumerate(labels))


def _tree_17(gambit_game) -> list[GambitNode]:
    tree = _Tree17(gambit_game)
    players = list(gambit_game.players)
    nodes = []

    def visit(labels):
        where = tree.H.path(*labels)
        actions = tree.actions(labels)
        chance = gambit_game.get_action_probs(where) if actions else {}
        outcome = gambit_game.get_outcome(where)
        payoffs = None
        if outcome is not None:
            vector = gambit_game.get_outcome_payoffs(outcome)
            payoffs = tuple(_exact(vector[p]) for p in players)
        members = gambit_game.get_members(where)
        nodes.append(GambitNode(
            tree.indices(labels), None if chance or not actions else gambit_game.get_player(where),
            bool(chance), tree.indices(tuple(members[0].actions)) if members else None,
            tuple(actions), tuple(_exact(chance[a]) for a in actions) if chance else (), payoffs))
        for action in actions:
            visit(labels + (action,))

    visit(())
    return nodes


def _tree_16(gambit_game) -> list[GambitNode]:
    players = list(gambit_game.players)
    nodes = []

    def visit(node, history):
        infoset = None if node.is_terminal else node.infoset
        chance = infoset is not None and infoset.is_chance
        actions = () if infoset is None else tuple(infoset.actions)
        outcome = node.outcome
        nodes.append(GambitNode(
            history, None if infoset is None or chance else node.player.label, chance,
            None if infoset is None else _history_16(infoset.members[0]),
            tuple(a.label for a in actions), tuple(_exact(a.prob) for a in actions) if chance else (),
            None if outcome is None else tuple(_exact(outcome[p]) for p in players)))
        for k, child in enumerate(node.children):
            visit(child, history + (k,))

    visit(gambit_game.root, ())
    return nodes


def gambit_tree(gambit_game) -> list[GambitNode]:
    """Every node of a pygambit game tree, root first, depth first (Gambit's own order).

    Each node is a :class:`GambitNode`; the test suite compares them with the
    tree sbgames reads from the same ``.efg`` file.
    """
    return _tree_17(gambit_game) if _labelled(gambit_game) else _tree_16(gambit_game)


def gambit_behaviour(gambit_game, player: int, strategy: int) -> dict[tuple[int, ...], int]:
    """The actions a (reduced) strategy of a Gambit game tree takes.

    Maps the information sets of player number `player` at which its strategy
    number `strategy` prescribes an action (each named by the history of its
    first member, as in :class:`GambitNode`) to the index of that action.
    Information sets the strategy itself makes unreachable are left out.
    """
    if _labelled(gambit_game):
        label = list(gambit_game.players)[player]
        behaviour = gambit_game.get_behavior(label, gambit_game.get_strategies(label)[strategy])
        tree = _Tree17(gambit_game)
        return {tree.indices(tuple(infoset.actions)): tree.actions(tuple(infoset.actions)).index(action)
                for infoset, action in behaviour.items()}
    gplayer = list(gambit_game.players)[player]
    chosen = gplayer.strategies[strategy]
    taken = {}
    for infoset in gplayer.infosets:
        action = chosen.action(infoset)
        if action is not None:
            taken[_history_16(infoset.members[0])] = list(infoset.actions).index(action)
    return taken
