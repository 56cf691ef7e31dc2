"""From game trees to strategic (normal) form, and which Nash equilibria are subgame perfect.

A pure strategy of a player names an action at each of the player's
information sets, in the order the sets first appear in the tree.  In the
*reduced* strategic form, strategies that differ only at information sets
the player's own earlier actions make unreachable are merged: the action at
such a set is written ``*``, so that, for a player who moves twice,
``Stop/*`` stands for every strategy that stops at once.  Names join the
actions with ``/``: ``Revise``, ``Soft/Bandwagon``.  Expected payoffs over
chance moves are exact for exact games.

The *agent form* gives every information set its own player (an *agent*)
with its owner's payoffs.

:func:`classify_nash` solves the reduced strategic form and says which pure
Nash equilibria are subgame perfect.  A Nash equilibrium that is not rests
on a *non-credible threat*: an action off the path of play that its mover
would not take if the node were reached.

Examples
--------
>>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
>>> entry = ExtensiveGame(Decision("Entrant", {
...     "Out": Terminal((0, 2)),
...     "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}),
...     players=["Entrant", "Incumbent"])
>>> print(to_normal_form(entry).table())
Entrant \\ Incumbent | Fight  | Accommodate
--------------------+--------+------------
Out                 | 0, 2   | 0, 2
In                  | -1, -1 | 1, 1
>>> for verdict in classify_nash(entry):
...     print(verdict.describe())
Out / Fight: Nash equilibrium, not subgame perfect (non-credible: Fight at Entrant:In/Incumbent)
Entrant: Out; Incumbent: 1/2 Fight + 1/2 Accommodate: mixed Nash equilibrium (not classified)
In / Accommodate: Nash equilibrium, subgame perfect
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..equilibrium import Equilibrium, VerificationError
from ..errors import InputError, InputTypeError, SolverLimitError
from ..game import Game
from .backward import SubgamePerfectEquilibrium, subgame_perfect_equilibria
from .profiles import one_shot_deviations, require_perfect_information
from .tree import Decision, ExtensiveGame, Terminal

__all__ = ["to_normal_form", "to_agent_form", "reduced_strategies", "classify_nash", "NashVerdict",
           "NashClassification", "MAX_STRATEGIES", "MAX_PROFILES", "NO_MOVE"]

#: The most pure strategies (before reduction) enumerated for one player.
MAX_STRATEGIES = 100_000
#: The most strategy profiles (cells) a strategic form may have.
MAX_PROFILES = 1_000_000
#: The name of the single strategy of a player who never moves.
NO_MOVE = "-"


def _reached_infosets(game: ExtensiveGame, player: str, choice: dict) -> set:
    """Names of `player`'s information sets reachable when the player follows `choice`
    and every other player and chance may do anything."""
    reached = set()
    stack = [game.paths()[0]]
    while stack:
        path = stack.pop()
        node = game.node(path)
        if isinstance(node, Terminal):
            continue
        if isinstance(node, Decision) and node.player == player:
            info = game.infoset_of(path)
            reached.add(info.name)
            stack.append(game.child(path, choice[info.name]))
        else:
            stack.extend(game.child(path, name) for name, _ in node.children)
    return reached


def _strategy_name(actions) -> str:
    return "/".join(a if a is not None else "*" for a in actions) if actions else NO_MOVE


def reduced_strategies(game: ExtensiveGame, reduced: bool = True) -> dict:
    """Every player's pure strategies: ``{player: ((name, {infoset: action}), ...)}``.

    Parameters
    ----------
    game : ExtensiveGame
    reduced : bool
        Merge strategies that differ only at information sets the player's
        own actions make unreachable (their action is ``None``, shown
        ``*``).  ``False`` lists every combination of actions.

    Examples
    --------
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> centipede = ExtensiveGame(Decision("A", {"Stop": Terminal((1, 0)), "Go": Decision("B", {
    ...     "Stop": Terminal((0, 2)), "Go": Decision("A", {"Stop": Terminal((3, 1)), "Go": Terminal((2, 4))})})}),
    ...     ["A", "B"])
    >>> [name for name, _ in reduced_strategies(centipede)["A"]]
    ['Stop/*', 'Go/Stop', 'Go/Go']
    >>> [name for name, _ in reduced_strategies(centipede, reduced=False)["A"]]
    ['Stop/Stop', 'Stop/Go', 'Go/Stop', 'Go/Go']
    """
    out = {}
    for player in game.players:
        infosets = game.infosets(player)
        names = [info.name for info in infosets]
        count = math.prod(len(info.actions) for info in infosets)
        if count > MAX_STRATEGIES:
            raise SolverLimitError(f"{player} has {count} pure strategies (more than {MAX_STRATEGIES}); the strategic "
                             f"form of this game is too large")
        seen, strategies = set(), []
        for actions in itertools.product(*(info.actions for info in infosets)):
            choice = dict(zip(names, actions))
            if reduced:
                reached = _reached_infosets(game, player, choice)
                actions = tuple(a if n in reached else None for n, a in zip(names, actions))
            if actions in seen:
                continue
            seen.add(actions)
            strategies.append((_strategy_name(actions), MappingProxyType(dict(zip(names, actions)))))
        labels = [name for name, _ in strategies]
        if len(set(labels)) != len(labels):  # action names containing "/" can collide
            strategies = [(f"{name}#{k + 1}", choice) for k, (name, choice) in enumerate(strategies)]
        out[player] = tuple(strategies)
    return out


def _outcome(game: ExtensiveGame, choices: dict) -> tuple:
    """Expected payoffs when each information set's action is ``choices[infoset name]``."""
    totals = [0] * game.n_players
    stack = [(game.paths()[0], 1)]
    while stack:
        path, prob = stack.pop()
        node = game.node(path)
        if isinstance(node, Terminal):
            for i, v in enumerate(node.payoffs):
                totals[i] = totals[i] + prob * v
        elif isinstance(node, Decision):
            action = choices[game.infoset_of(path).name]
            if action is None:
                raise RuntimeError(f"node {path} is reached but its strategy has no action there (a bug)")
            stack.append((game.child(path, action), prob))
        else:
            for name, p, _ in node.moves:
                if p != 0:
                    stack.append((game.child(path, name), prob * p))
    return tuple(totals)


def _check_size(shape, what: str) -> None:
    cells = math.prod(shape)
    if cells > MAX_PROFILES:
        raise SolverLimitError(f"the {what} would have {cells} profiles {tuple(shape)}, more than {MAX_PROFILES}")


def to_normal_form(game: ExtensiveGame, reduced: bool = True) -> Game:
    """The strategic form of a game tree (reduced by default).

    Parameters
    ----------
    game : ExtensiveGame
        Any game tree (imperfect information allowed); exact, float or
        symbolic payoffs carry over.
    reduced : bool
        Merge strategies that differ only where the player's own actions
        make the difference unreachable (see :func:`reduced_strategies`).

    Returns
    -------
    Game
        Players as in the tree; strategy names join the actions at the
        player's information sets with ``/`` (``*``: unreachable); a player
        who never moves has the single strategy ``-``.  Payoffs are
        expected over chance moves.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from sbgames.extensive.tree import Chance, Decision, Terminal, ExtensiveGame
    >>> bet = ExtensiveGame(Chance({"Win": (Fraction(1, 3), Terminal((2,))),
    ...                             "Lose": (Fraction(2, 3), Terminal((-1,)))}), ["P"])
    >>> to_normal_form(bet).payoff(["-"])
    (Fraction(0, 1),)
    """
    if not isinstance(game, ExtensiveGame):
        raise InputTypeError(f"to_normal_form needs an ExtensiveGame, got {type(game).__name__}")
    strategies = reduced_strategies(game, reduced)
    lists = [strategies[p] for p in game.players]
    shape = tuple(len(s) for s in lists)
    _check_size(shape, "strategic form")
    arrays = [np.empty(shape, dtype=object) for _ in game.players]
    for index in itertools.product(*(range(n) for n in shape)):
        choices = {}
        for player_strategies, k in zip(lists, index):
            choices.update(player_strategies[k][1])
        for array, value in zip(arrays, _outcome(game, choices)):
            array[index] = value
    return Game(arrays, players=game.players, strategies=[[name for name, _ in s] for s in lists],
                title=game.title)


def _agent_name(info) -> str:
    return f"{info.player}[{info.name}]" if info.named else info.name


def to_agent_form(game: ExtensiveGame) -> Game:
    """The agent form: one player (agent) per information set, with its owner's payoffs.

    Agents are named by their node's path (``T``, ``T:Revise/S``) or, for
    named information sets, ``player[set name]``; their strategies are the
    set's actions.  Players who never move have no agent.

    Examples
    --------
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> entry = ExtensiveGame(Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
    ...     "Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}), ["E", "I"])
    >>> agents = to_agent_form(entry)
    >>> agents.players, agents.strategies[1]
    (('E', 'E:In/I'), ('Fight', 'Accommodate'))
    >>> agents.payoff(["In", "Accommodate"])
    (Fraction(1, 1), Fraction(1, 1))
    """
    if not isinstance(game, ExtensiveGame):
        raise InputTypeError(f"to_agent_form needs an ExtensiveGame, got {type(game).__name__}")
    infosets = game.infosets()
    if not infosets:
        raise InputError("the game has no decision nodes, so its agent form has no players")
    shape = tuple(len(info.actions) for info in infosets)
    _check_size(shape, "agent form")
    owners = [game.players.index(info.player) for info in infosets]
    arrays = [np.empty(shape, dtype=object) for _ in infosets]
    for index in itertools.product(*(range(n) for n in shape)):
        choices = {info.name: info.actions[k] for info, k in zip(infosets, index)}
        payoffs = _outcome(game, choices)
        for array, owner in zip(arrays, owners):
            array[index] = payoffs[owner]
    return Game(arrays, players=[_agent_name(info) for info in infosets],
                strategies=[list(info.actions) for info in infosets], title=game.title)


# -- classification ------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class NashVerdict:
    """One Nash equilibrium of the reduced strategic form and whether it is subgame perfect.

    Attributes
    ----------
    equilibrium : Equilibrium
        The verified Nash equilibrium of the reduced strategic form.
    profile : tuple of str or None
        The strategy of each player, for a pure equilibrium (None if mixed).
    subgame_perfect : bool or None
        Whether some subgame-perfect equilibrium plays this profile (None for
        mixed equilibria, which are not classified).
    spe : tuple of SubgamePerfectEquilibrium
        The subgame-perfect equilibria whose reduced strategies are `profile`.
    non_credible : tuple of (str, str)
        ``(node, action)``: moves of the profile that are not best replies at
        their node given the rest of the profile -- threats (or promises)
        off the path of play that the mover would not carry out if the node
        were reached.  Choices the profile leaves open (``*``) are completed
        by backward induction.  Empty for subgame-perfect profiles.
    """

    equilibrium: Equilibrium
    profile: tuple | None
    subgame_perfect: bool | None
    spe: tuple = field(default=(), repr=False)
    non_credible: tuple = ()

    def describe(self) -> str:
        """A one-line verdict."""
        if self.profile is None:
            return f"{self.equilibrium.describe()}: mixed Nash equilibrium (not classified)"
        label = " / ".join(self.profile)
        if self.subgame_perfect:
            return f"{label}: Nash equilibrium, subgame perfect"
        threats = ", ".join(f"{action} at {node}" for node, action in self.non_credible)
        return f"{label}: Nash equilibrium, not subgame perfect" + (f" (non-credible: {threats})" if threats else "")


class NashClassification(list):
    """The verdicts of :func:`classify_nash`, with the objects they came from.

    Attributes
    ----------
    normal_form : Game
        The reduced strategic form (exact).
    equilibria : EquilibriumSet
        Its Nash equilibria, from ``Game.equilibria(exact=True)``.
    subgame_perfect : SubgamePerfectSet
        The pure subgame-perfect equilibria of the tree.
    """

    def __init__(self, verdicts, *, normal_form, equilibria, subgame_perfect):
        super().__init__(verdicts)
        self.normal_form = normal_form
        self.equilibria = equilibria
        self.subgame_perfect = subgame_perfect

    def pure(self) -> list:
        """The verdicts on pure equilibria."""
        return [v for v in self if v.profile is not None]

    def text(self) -> str:
        return "\n".join(v.describe() for v in self)

    def __repr__(self) -> str:
        return f"NashClassification({[v.describe() for v in self]})"


def _reduced_profile(game: ExtensiveGame, strategies, spe: SubgamePerfectEquilibrium) -> tuple:
    """The reduced strategy of each player that a behaviour profile plays."""
    names = []
    for player in game.players:
        infosets = game.infosets(player)
        choice = {info.name: spe.strategies[info.members[0]] for info in infosets}
        reached = _reached_infosets(game, player, choice)
        actions = {info.name: (choice[info.name] if info.name in reached else None) for info in infosets}
        names.append(next(name for name, c in strategies[player] if dict(c) == actions))
    return tuple(names)


def _not_best_replies(game: ExtensiveGame, moves: dict) -> list:
    """The moves of a partial profile that are not best replies at their node.

    `moves` gives actions at some decision nodes; the others (unreachable
    under their owner's own moves) are completed by backward induction, so
    that only the given moves can fail.
    """
    values, completed = {}, {}
    for path in reversed(game.paths()):
        node = game.node(path)
        if isinstance(node, Terminal):
            values[path] = tuple(node.payoffs)
        elif isinstance(node, Decision):
            if path in moves:
                action = moves[path]
            else:
                i = game.players.index(node.player)
                action = max(node.action_names, key=lambda a: values[game.child(path, a)][i])
            completed[path] = action
            values[path] = values[game.child(path, action)]
        else:
            rows = [(p, values[game.child(path, name)]) for name, p, _ in node.moves]
            values[path] = tuple(sum(p * v[i] for p, v in rows) for i in range(game.n_players))
    failing = dict.fromkeys(node for node, _, _ in one_shot_deviations(game, completed))
    return [(node, completed[node]) for node in failing]


def classify_nash(game: ExtensiveGame) -> NashClassification:
    """The Nash equilibria of the reduced strategic form, and which pure ones are subgame perfect.

    Parameters
    ----------
    game : ExtensiveGame
        A numeric game of perfect information (float payoffs are read
        exactly, through their decimal form).

    Returns
    -------
    NashClassification
        One :class:`NashVerdict` per equilibrium found by
        ``to_normal_form(game).equilibria(exact=True)`` (every extreme
        equilibrium for two players; pure equilibria only for more).  A
        pure equilibrium is subgame perfect when some pure subgame-perfect
        equilibrium of the tree reduces to it.

    Examples
    --------
    See the module docstring (entry deterrence).
    """
    require_perfect_information(game, "classify_nash")
    game.require_numeric("classify_nash")
    game = game.as_exact()
    strategies = reduced_strategies(game)
    normal_form = to_normal_form(game)
    equilibria = normal_form.equilibria(exact=True)
    spes = subgame_perfect_equilibria(game)
    projected = [_reduced_profile(game, strategies, spe) for spe in spes]
    verdicts = []
    for eq in equilibria:
        if not eq.is_pure:
            verdicts.append(NashVerdict(equilibrium=eq, profile=None, subgame_perfect=None))
            continue
        profile = tuple(s[0] for s in eq.supports)
        matching = tuple(spe for spe, p in zip(spes, projected) if p == profile)
        threats = []
        if not matching:
            moves = {}
            for player, name in zip(game.players, profile):
                choice = dict(next(c for n, c in strategies[player] if n == name))
                for info in game.infosets(player):
                    if choice[info.name] is not None:
                        for node in info.members:
                            moves[node] = choice[info.name]
            threats = _not_best_replies(game, moves)
            if not threats:
                raise VerificationError(f"{' / '.join(profile)} has no move that fails to be a best reply, yet "
                                        f"no subgame-perfect equilibrium reduces to it (a bug)")
        verdicts.append(NashVerdict(equilibrium=eq, profile=profile, subgame_perfect=bool(matching),
                                    spe=matching, non_credible=tuple(threats)))
    return NashClassification(verdicts, normal_form=normal_form, equilibria=equilibria, subgame_perfect=spes)
