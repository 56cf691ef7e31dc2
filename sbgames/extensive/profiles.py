"""Pure behaviour profiles of perfect-information trees: checking, playing out, one-shot deviations.

A pure behaviour profile gives an action at every decision node, reached
or not (``{node path: action}``).  This module checks such a profile, plays
it out (the path of play and the outcome distribution), computes the
continuation payoffs from every node, and lists the profitable one-node
deviations: a profile is subgame perfect exactly when there are none (the
one-shot deviation principle for finite games).  Backward induction
(:mod:`sbgames.extensive.backward`) and the Nash classification
(:mod:`sbgames.extensive.normal_form`) build on these.

Examples
--------
>>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
>>> entry = ExtensiveGame(Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
...     "Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}), ["E", "I"])
>>> profile = {"E": "In", "E:In/I": "Accommodate"}
>>> play_out(entry, profile)
((('E', 'In'), ('E:In/I', 'Accommodate')), {'E:In/I:Accommodate': 1})
>>> describe_profile(entry, profile)
'E: In; I: Accommodate after E:In'
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import InputError, InputTypeError
from ..tolerance import check_tolerance
from .tree import Decision, ExtensiveGame, Terminal

__all__ = ["require_perfect_information", "describe_profile", "check_profile", "continuation_values", "play_out",
           "one_shot_deviations", "is_subgame_perfect"]


def require_perfect_information(game: ExtensiveGame, what: str) -> None:
    """Raise unless `game` is an ExtensiveGame whose every information set is a single node (`what` names the caller).

    Raises
    ------
    InputTypeError
        If `game` is not an ExtensiveGame.
    InputError
        If an information set has several nodes.
    """
    if not isinstance(game, ExtensiveGame):
        raise InputTypeError(f"{what} needs an ExtensiveGame, got {type(game).__name__}")
    for info in game.infosets():
        if len(info.members) > 1:
            raise InputError(f"{what} needs a game of perfect information, but information set {info.name!r} "
                             f"of {info.player} has {len(info.members)} nodes ({', '.join(info.members)}); "
                             f"solve its normal form instead (to_normal_form(game).equilibria())")


def _describe_step(history) -> str:
    return "/".join(f"{m}:{a}" for m, a in history)


def describe_profile(game: ExtensiveGame, strategies: Mapping) -> str:
    """A profile in words: ``T: Restrain; S: Soft after T:Revise, Bandwagon after T:Restrain``."""
    parts = []
    for player in game.players:
        moves = []
        for path in game.decision_nodes(player):
            history = game.history(path)
            moves.append(strategies[path] + (f" after {_describe_step(history)}" if history else ""))
        if moves:
            parts.append(f"{player}: " + ", ".join(moves))
    return "; ".join(parts)


def check_profile(game: ExtensiveGame, strategies) -> dict:
    """The profile in tree order, after checking it gives a known action at every decision node and nothing else.

    Raises
    ------
    InputTypeError
        If `strategies` is not a mapping.
    InputError
        An unknown node or action, or a node without an action.
    """
    if not isinstance(strategies, Mapping):
        raise InputTypeError(f"strategies must be a mapping {{node path: action}}, got {type(strategies).__name__}")
    nodes = game.decision_nodes()
    unknown = [p for p in strategies if p not in nodes]
    if unknown:
        raise InputError(f"no decision node {unknown[0]!r}; decision nodes are {list(nodes)}")
    missing = [p for p in nodes if p not in strategies]
    if missing:
        raise InputError(f"the profile gives no action at {missing}; a behaviour profile needs an action at "
                         f"every decision node, reached or not")
    for path in nodes:
        names = game.node(path).action_names
        if strategies[path] not in names:
            raise InputError(f"node {path}: unknown action {strategies[path]!r}; actions are {list(names)}")
    return {p: strategies[p] for p in nodes}


def continuation_values(game: ExtensiveGame, strategies: Mapping) -> dict:
    """The expected payoffs from every node when play follows `strategies` (bottom-up, no recursion)."""
    values = {}
    for path in reversed(game.paths()):
        node = game.node(path)
        if isinstance(node, Terminal):
            values[path] = tuple(node.payoffs)
        elif isinstance(node, Decision):
            values[path] = values[game.child(path, strategies[path])]
        else:
            rows = [(p, values[game.child(path, name)]) for name, p, _ in node.moves]
            values[path] = tuple(sum((p * v[i] for p, v in rows[1:]), rows[0][0] * rows[0][1][i])
                                 for i in range(game.n_players))
    return values


def play_out(game: ExtensiveGame, strategies: Mapping) -> tuple[tuple, dict]:
    """The moves on the path of play (every chance branch of non-zero probability) and the outcome distribution."""
    moves, outcomes = [], {}
    stack = [(game.paths()[0], 1)]
    while stack:
        path, prob = stack.pop()
        node = game.node(path)
        if isinstance(node, Terminal):
            outcomes[path] = outcomes.get(path, 0) + prob
        elif isinstance(node, Decision):
            action = strategies[path]
            moves.append((path, action))
            stack.append((game.child(path, action), prob))
        else:
            for name, p, _ in reversed(node.moves):
                if p != 0:
                    stack.append((game.child(path, name), prob * p))
    return tuple(moves), outcomes


def one_shot_deviations(game: ExtensiveGame, strategies: Mapping, tol: float | None = None) -> list:
    """The profitable one-node deviations from a pure behaviour profile.

    Parameters
    ----------
    game : ExtensiveGame
        A numeric game of perfect information.
    strategies : mapping
        ``{decision node path: action}`` for every decision node.
    tol : float, optional
        Float games: gains up to `tol` are not profitable (default
        ``1e-9`` times the payoff scale).  Exact games compare exactly.

    Returns
    -------
    list of (node, action, gain)
        Empty exactly when the profile is subgame perfect.

    Examples
    --------
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> entry = ExtensiveGame(Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
    ...     "Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}), ["E", "I"])
    >>> one_shot_deviations(entry, {"E": "Out", "E:In/I": "Fight"})
    [('E:In/I', 'Accommodate', Fraction(2, 1))]
    """
    require_perfect_information(game, "one_shot_deviations")
    game.require_numeric("one_shot_deviations")
    strategies = check_profile(game, strategies)
    tol = check_tolerance(tol, game, exact=game.kind != "float")
    values = continuation_values(game, strategies)
    found = []
    for path in game.decision_nodes():
        node = game.node(path)
        i = game.players.index(node.player)
        current = values[path][i]
        for name in node.action_names:
            gain = values[game.child(path, name)][i] - current
            if (gain > 0) if game.kind == "exact" else (gain > tol):
                found.append((path, name, gain))
    return found


def is_subgame_perfect(game: ExtensiveGame, strategies: Mapping, tol: float | None = None) -> bool:
    """Whether a pure behaviour profile is a subgame-perfect equilibrium (see :func:`one_shot_deviations`).

    Examples
    --------
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> entry = ExtensiveGame(Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
    ...     "Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}), ["E", "I"])
    >>> is_subgame_perfect(entry, {"E": "In", "E:In/I": "Accommodate"})
    True
    """
    return not one_shot_deviations(game, strategies, tol)
