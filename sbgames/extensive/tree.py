"""Immutable game trees: sequential (extensive-form) games.

A game tree is built from three kinds of node:

* :class:`Decision` -- a player chooses one of several named actions; nodes
  that share an information-set name (``infoset=``) cannot be told apart by
  their player;
* :class:`Chance` -- nature draws an action with given probabilities;
* :class:`Terminal` -- the game ends with one payoff per player.

:class:`ExtensiveGame` checks the tree (players known, actions present and
distinct, probabilities that sum to 1, consistent information sets, no node
object used twice), converts every number to one arithmetic -- exact
:class:`~fractions.Fraction` unless a float is given, sympy expressions when
a payoff or probability is symbolic -- and names every node by its *path*:
the moves that lead to it, then its owner.  ``"T"`` is T's node at the root,
``"T:Revise/S"`` is S's node after T revises, ``"T:Revise/S:Soft"`` is the
terminal node after S's soft balancing, ``"chance"`` a chance node at the
root and ``"chance:Strong/T"`` T's node after nature draws ``Strong``.
Errors name the path: ``node T:Revise/S: ...``.

Examples
--------
>>> game = ExtensiveGame(
...     Decision("Entrant", {
...         "Out": Terminal((0, 2)),
...         "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)),
...                                      "Accommodate": Terminal((1, 1))})}),
...     players=["Entrant", "Incumbent"], title="Entry deterrence")
>>> game.kind, game.is_perfect_information
('exact', True)
>>> game.decision_nodes()
('Entrant', 'Entrant:In/Incumbent')
>>> game.node("Entrant:In/Incumbent:Accommodate").payoffs
(Fraction(1, 1), Fraction(1, 1))
>>> print(game.text())
Entrant
  Out -> (0, 2)
  In -> Incumbent
    Fight -> (-1, -1)
    Accommodate -> (1, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import sympy

from ..errors import InputTypeError
from ..numeric import format_number, kind_of, to_float, to_fraction, to_sympy

__all__ = ["Node", "Decision", "Chance", "Terminal", "ExtensiveGame", "InfoSet", "CHANCE", "MAX_DEPTH"]

#: The name used for nature's moves in node paths (no player may use it).
CHANCE = "chance"
#: The deepest tree accepted (levels of nodes below the root); deeper trees
#: are refused so that the recursive algorithms cannot exhaust the stack.
MAX_DEPTH = 200
#: Tolerance for the probabilities of a float game to sum to 1.
_FLOAT_SUM_TOL = 1e-9


def _pairs(items, what: str) -> tuple:
    """``{name: value}`` or ``[(name, value), ...]`` as a tuple of pairs (duplicates kept)."""
    if isinstance(items, Mapping):
        return tuple(items.items())
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        raise TypeError(f"{what} must be a mapping {{name: ...}} or a sequence of (name, ...) pairs, "
                        f"got {type(items).__name__}")
    out = []
    for k, item in enumerate(items):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError(f"{what}[{k}] must be a (name, ...) pair, got {item!r}")
        out.append(tuple(item))
    return tuple(out)


class Node:
    """Base class of the immutable tree nodes (:class:`Decision`, :class:`Chance`, :class:`Terminal`)."""

    __slots__ = ()

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable; build a new node instead")

    def _set(self, **values):
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def children(self) -> tuple:
        """``((action, child), ...)`` in order (empty for a terminal node)."""
        return ()

    @property
    def is_terminal(self) -> bool:
        return False


class Decision(Node):
    """A node where `player` chooses one of `actions`.

    Parameters
    ----------
    player : str
        The player who moves.
    actions : mapping or sequence of pairs
        ``{action name: child node}``, in the order the actions are listed.
    infoset : str, optional
        The name of the information set: decision nodes with the same name
        belong to one player, offer the same actions and cannot be told
        apart by their player.  ``None`` (the default) is a singleton set.
    label : str, optional
        A free-text name for the node (written to ``.efg`` files).

    Examples
    --------
    >>> node = Decision("S", {"Soft": Terminal((1, 2)), "Hard": Terminal((0, 0))})
    >>> node.action_names
    ('Soft', 'Hard')
    """

    __slots__ = ("_player", "_actions", "_infoset", "_label")

    def __init__(self, player, actions, infoset=None, label: str = ""):
        self._set(_player=player, _actions=_pairs(actions, "actions"), _infoset=infoset, _label=label)

    @property
    def player(self) -> str:
        return self._player

    @property
    def actions(self) -> Mapping:
        """``{action: child}`` (read-only, in order)."""
        return MappingProxyType(dict(self._actions))

    @property
    def action_names(self) -> tuple:
        return tuple(name for name, _ in self._actions)

    @property
    def children(self) -> tuple:
        return self._actions

    @property
    def infoset(self):
        """The information-set name given, or None for a singleton set."""
        return self._infoset

    @property
    def label(self) -> str:
        return self._label

    def __eq__(self, other):
        if not isinstance(other, Decision):
            return NotImplemented
        return (self._player == other._player and self._infoset == other._infoset
                and self._label == other._label and self._actions == other._actions)

    def __hash__(self):
        return hash(("Decision", self._player, self.action_names))

    def __repr__(self) -> str:
        extra = f", infoset={self._infoset!r}" if self._infoset is not None else ""
        return f"Decision({self._player!r}, {list(self.action_names)!r}{extra})"


class Chance(Node):
    """A move of nature.

    Parameters
    ----------
    probabilities : mapping or sequence of pairs
        ``{action name: (probability, child node)}``.  Probabilities are
        numbers (exact unless floats are given) or sympy expressions.
    label : str, optional

    Examples
    --------
    >>> from fractions import Fraction
    >>> node = Chance({"Strong": (Fraction(1, 3), Terminal((1,))), "Weak": (Fraction(2, 3), Terminal((0,)))})
    >>> node.probabilities
    (Fraction(1, 3), Fraction(2, 3))
    """

    __slots__ = ("_moves", "_label")

    def __init__(self, probabilities, label: str = ""):
        moves = []
        for name, entry in _pairs(probabilities, "probabilities"):
            if not isinstance(entry, (tuple, list)) or len(entry) != 2:
                raise TypeError(f"chance action {name!r} must map to a (probability, child) pair, got {entry!r}")
            moves.append((name, tuple(entry)))
        self._set(_moves=tuple(moves), _label=label)

    @property
    def action_names(self) -> tuple:
        return tuple(name for name, _ in self._moves)

    @property
    def probabilities(self) -> tuple:
        """The probability of each action, in order."""
        return tuple(p for _, (p, _) in self._moves)

    @property
    def moves(self) -> tuple:
        """``((action, probability, child), ...)``."""
        return tuple((name, p, child) for name, (p, child) in self._moves)

    @property
    def children(self) -> tuple:
        return tuple((name, child) for name, (_, child) in self._moves)

    @property
    def label(self) -> str:
        return self._label

    def __eq__(self, other):
        if not isinstance(other, Chance):
            return NotImplemented
        return self._label == other._label and self._moves == other._moves

    def __hash__(self):
        return hash(("Chance", self.action_names))

    def __repr__(self) -> str:
        return "Chance({" + ", ".join(f"{n!r}: {format_number(p)}" for n, p, _ in self.moves) + "})"


class Terminal(Node):
    """The end of the game: one payoff per player.

    Parameters
    ----------
    payoffs : sequence or mapping
        One payoff per player, in the game's player order, or
        ``{player: payoff}``.  Numbers or sympy expressions.
    label : str, optional
        A name for the outcome (written to ``.efg`` files).

    Examples
    --------
    >>> Terminal({"T": 1, "S": -1}).payoffs
    {'T': 1, 'S': -1}
    """

    __slots__ = ("_payoffs", "_label")

    def __init__(self, payoffs, label: str = ""):
        if isinstance(payoffs, Mapping):
            stored = dict(payoffs)
        elif isinstance(payoffs, (str, bytes)) or not isinstance(payoffs, Sequence):
            raise TypeError(f"payoffs must be a sequence (one per player) or a mapping {{player: payoff}}, "
                            f"got {type(payoffs).__name__} {payoffs!r}")
        else:
            stored = tuple(payoffs)
        self._set(_payoffs=stored, _label=label)

    @property
    def payoffs(self):
        """The payoffs: a tuple in player order (a mapping only before the node joins a game)."""
        return dict(self._payoffs) if isinstance(self._payoffs, dict) else self._payoffs

    @property
    def label(self) -> str:
        return self._label

    @property
    def is_terminal(self) -> bool:
        return True

    def __eq__(self, other):
        if not isinstance(other, Terminal):
            return NotImplemented
        return self._label == other._label and self._payoffs == other._payoffs

    def __hash__(self):
        return hash(("Terminal", self._label))

    def __repr__(self) -> str:
        if isinstance(self._payoffs, dict):
            return f"Terminal({self._payoffs!r})"
        return "Terminal((" + ", ".join(format_number(v) for v in self._payoffs) + "))"


@dataclass(frozen=True)
class InfoSet:
    """One information set: the decision nodes a player cannot tell apart.

    Attributes
    ----------
    name : str
        The name given with ``infoset=``, or the node's path for a singleton.
    player : str
    actions : tuple of str
        The actions available (the same at every member).
    members : tuple of str
        The paths of its nodes, in tree order.
    named : bool
        Whether the name was given (False: the singleton's node path).
    """

    name: str
    player: str
    actions: tuple
    members: tuple
    named: bool


def _check_label(value, path: str, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"node {path}: {what} must be a string, got {type(value).__name__} {value!r}")
    return value


def _payoff_kind(value, path: str, what: str) -> str:
    try:
        return kind_of(value)
    except (TypeError, ValueError) as exc:
        message = str(exc) if what.startswith("payoff") else str(exc).replace("payoff must", "it must")
        raise type(exc)(f"node {path}: {what}: {message}") from None


class ExtensiveGame:
    """An immutable game in extensive form (a game tree).

    Parameters
    ----------
    root : Node
        The root of the tree.
    players : sequence of str
        The players, in the order used for payoffs.  A player need not move.
    title : str, optional

    Raises
    ------
    ValueError
        Unknown players, nodes without actions, repeated action names at a
        node, chance probabilities that are negative or do not sum to 1,
        inconsistent information sets (different players or actions), a node
        object used twice, payoff lists of the wrong length, a tree deeper
        than :data:`MAX_DEPTH`.  The message names the node's path.
    TypeError
        Something that is not a node, a name that is not a string, a payoff
        or probability that is not a number or sympy expression.

    Notes
    -----
    The stored tree is a converted copy: payoffs and probabilities are all
    Fractions (exact game), all floats (float game: some number was a
    float) or all sympy expressions (symbolic game).  Terminal payoffs are
    tuples in player order.

    Examples
    --------
    >>> ExtensiveGame(Decision("T", {"a": Terminal((1, 2)), "b": Terminal((1,))}), ["T", "S"])
    Traceback (most recent call last):
    ...
    ValueError: node T:b: the terminal needs 2 payoffs (one per player: T, S), got 1
    >>> ExtensiveGame(Decision("T", {"a": Decision("S", {})}), ["T", "S"])
    Traceback (most recent call last):
    ...
    ValueError: node T:a/S: a decision node needs at least one action
    """

    __slots__ = ("_root", "_players", "_title", "_kind", "_paths", "_nodes", "_histories", "_infosets",
                 "_infoset_of", "_parents", "_depth")

    def __init__(self, root, players, title: str = ""):
        if isinstance(players, (str, bytes)) or not isinstance(players, Sequence):
            raise TypeError(f"players must be a sequence of names, got {players!r}")
        players = tuple(players)
        if not players:
            raise ValueError("a game needs at least one player: players is empty")
        for p in players:
            if not isinstance(p, str) or not p.strip():
                raise TypeError(f"player names must be non-empty strings, got {p!r}")
        repeated = sorted({p for p in players if players.count(p) > 1})
        if repeated:
            raise ValueError(f"player names must be distinct, {repeated!r} repeated")
        if CHANCE in players:
            raise ValueError(f"{CHANCE!r} names nature's moves in node paths; choose another player name")
        if not isinstance(title, str):
            raise TypeError(f"title must be a string, got {title!r}")
        object.__setattr__(self, "_players", players)
        object.__setattr__(self, "_title", title)
        self._build(root)

    # -- construction ---------------------------------------------------------
    def _build(self, root) -> None:
        players = self._players
        # pass 1: walk the given tree, check structure, collect numbers and their kinds
        records = []       # (path, history, node, parent index) in prefix order
        seen = {}          # id(node) -> path, to refuse reuse
        kinds = set()
        stack = [(root, (), None, 0)]
        while stack:
            node, history, parent, depth = stack.pop()
            hist = "/".join(f"{m}:{a}" for m, a in history)
            if isinstance(node, Decision):
                path = f"{hist}/{node.player}" if hist else str(node.player)
            elif isinstance(node, Chance):
                path = f"{hist}/{CHANCE}" if hist else CHANCE
            elif isinstance(node, Terminal):
                path = hist or "(root)"
            else:
                where = f"node {hist or '(root)'}"
                raise TypeError(f"{where}: expected a Decision, Chance or Terminal node, "
                                f"got {type(node).__name__} {node!r}")
            if depth > MAX_DEPTH:
                raise ValueError(f"node {path}: the tree is deeper than {MAX_DEPTH} levels; refused")
            if id(node) in seen:
                raise ValueError(f"node {path}: this node object is also used at {seen[id(node)]}; "
                                 f"a tree cannot share nodes (build a separate node for each place)")
            seen[id(node)] = path
            index = len(records)
            records.append((path, history, node, parent))
            if isinstance(node, Terminal):
                self._check_payoffs(node, path, kinds)
                continue
            if isinstance(node, Decision):
                mover = node.player
                if not isinstance(mover, str) or mover not in players:
                    raise ValueError(f"node {path}: unknown player {mover!r}; players are {list(players)}")
                if node.infoset is not None and (not isinstance(node.infoset, str) or not node.infoset.strip()):
                    raise TypeError(f"node {path}: infoset must be a non-empty string or None, got {node.infoset!r}")
            else:
                mover = CHANCE
                self._check_probabilities(node, path, kinds)
            _check_label(node.label, path, "label")
            names = [name for name, _ in node.children]
            if not names:
                raise ValueError(f"node {path}: a {'decision' if mover != CHANCE else 'chance'} node needs "
                                 f"at least one action")
            for name in names:
                if not isinstance(name, str) or not name:
                    raise TypeError(f"node {path}: action names must be non-empty strings, got {name!r}")
            repeated = sorted({n for n in names if names.count(n) > 1})
            if repeated:
                raise ValueError(f"node {path}: action names must be distinct at a node, {repeated!r} repeated")
            for name, child in reversed(node.children):
                stack.append((child, history + ((mover, name),), index, depth + 1))
        kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
        # pass 2: rebuild bottom-up with converted numbers
        built = [None] * len(records)
        children_of = [[] for _ in records]
        for k, (_, history, _, parent) in enumerate(records):
            if parent is not None:
                children_of[parent].append(k)
        convert = {"exact": to_fraction, "float": to_float, "symbolic": to_sympy}[kind]
        for k in reversed(range(len(records))):
            path, history, node, _ = records[k]
            kids = [built[j] for j in children_of[k]]
            if isinstance(node, Terminal):
                values = node._payoffs
                if isinstance(values, dict):
                    values = [values[p] for p in players]
                new = Terminal(tuple(convert(v) for v in values), label=node.label)
            elif isinstance(node, Decision):
                new = Decision(node.player, tuple(zip(node.action_names, kids)), infoset=node.infoset,
                               label=node.label)
            else:
                new = Chance(tuple((name, (convert(p), child))
                                   for (name, p, _), child in zip(node.moves, kids)), label=node.label)
            built[k] = new
        paths = {}
        nodes = {}
        histories = {}
        parents = {}
        for k, (path, history, _, parent) in enumerate(records):
            if path in nodes:
                raise ValueError(f"node {path}: two nodes have this path; player or action names that "
                                 f"contain '/' or ':' make paths ambiguous")
            nodes[path] = built[k]
            paths[id(built[k])] = path
            histories[path] = history
            parents[path] = records[parent][0] if parent is not None else None
        object.__setattr__(self, "_root", built[0])
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_paths", paths)
        object.__setattr__(self, "_nodes", nodes)
        object.__setattr__(self, "_histories", histories)
        object.__setattr__(self, "_parents", parents)
        object.__setattr__(self, "_depth", max(len(h) for h in histories.values()))
        self._check_probability_sums(kind)
        self._build_infosets()

    def _check_payoffs(self, node: Terminal, path: str, kinds: set) -> None:
        players = self._players
        _check_label(node.label, path, "label")
        values = node._payoffs
        if isinstance(values, dict):
            unknown = [p for p in values if p not in players]
            if unknown:
                raise ValueError(f"node {path}: payoffs for unknown player(s) {unknown}; players are "
                                 f"{list(players)}")
            missing = [p for p in players if p not in values]
            if missing:
                raise ValueError(f"node {path}: the terminal gives no payoff for {missing}")
            values = [values[p] for p in players]
        if len(values) != len(players):
            raise ValueError(f"node {path}: the terminal needs {len(players)} payoffs (one per player: "
                             f"{', '.join(players)}), got {len(values)}")
        for p, v in zip(players, values):
            kinds.add(_payoff_kind(v, path, f"payoff of {p}"))

    @staticmethod
    def _check_probabilities(node: Chance, path: str, kinds: set) -> None:
        for name, p, _ in node.moves:
            kind = _payoff_kind(p, path, f"probability of {name!r}")
            kinds.add(kind)
            if kind != "symbolic" and not 0 <= p <= 1:
                raise ValueError(f"node {path}: the probability of {name!r} is {format_number(p)}, "
                                 f"outside [0, 1]")

    def _check_probability_sums(self, kind: str) -> None:
        for path, node in self._nodes.items():
            if not isinstance(node, Chance):
                continue
            total = sum(node.probabilities[1:], node.probabilities[0])
            if kind == "exact":
                ok = total == 1
            elif kind == "float":
                ok = abs(total - 1) <= _FLOAT_SUM_TOL
            else:
                ok = sympy.simplify(total - 1) == 0
            if not ok:
                raise ValueError(f"node {path}: chance probabilities must sum to 1, they sum to "
                                 f"{format_number(total)}")

    def _build_infosets(self) -> None:
        groups = {}   # name -> list of paths
        order = []
        for path, node in self._nodes.items():
            if not isinstance(node, Decision):
                continue
            key = ("named", node.infoset) if node.infoset is not None else ("single", path)
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(path)
        for key in order:
            if key[0] == "named" and ("single", key[1]) in groups:
                raise ValueError(f"node {groups[key][0]}: information set name {key[1]!r} is also the path of "
                                 f"another decision node; choose a name that is not a node path")
        infosets, infoset_of = [], {}
        for key in order:
            members = groups[key]
            first = self._nodes[members[0]]
            for other in members[1:]:
                node = self._nodes[other]
                if node.player != first.player:
                    raise ValueError(f"node {other}: information set {key[1]!r} belongs to {first.player!r} "
                                     f"at {members[0]} but to {node.player!r} here; an information set has "
                                     f"one player")
                if node.action_names != first.action_names:
                    raise ValueError(f"node {other}: information set {key[1]!r} offers actions "
                                     f"{list(first.action_names)} at {members[0]} but "
                                     f"{list(node.action_names)} here; every node of an information set "
                                     f"needs the same actions, in the same order")
            info = InfoSet(name=key[1], player=first.player, actions=first.action_names, members=tuple(members),
                           named=key[0] == "named")
            infosets.append(info)
            for m in members:
                infoset_of[m] = info
        object.__setattr__(self, "_infosets", tuple(infosets))
        object.__setattr__(self, "_infoset_of", MappingProxyType(infoset_of))

    # -- immutability ---------------------------------------------------------
    def __setattr__(self, name, value):
        raise AttributeError("ExtensiveGame is immutable; build a new one instead")

    # -- description ----------------------------------------------------------
    @property
    def root(self) -> Node:
        return self._root

    @property
    def players(self) -> tuple:
        return self._players

    @property
    def n_players(self) -> int:
        return len(self._players)

    @property
    def title(self) -> str:
        return self._title

    @property
    def kind(self) -> str:
        """``"exact"``, ``"float"`` or ``"symbolic"``."""
        return self._kind

    @property
    def depth(self) -> int:
        """The number of moves on the longest play."""
        return self._depth

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        return all(len(info.members) == 1 for info in self._infosets)

    @property
    def symbols(self) -> tuple:
        """Names of the free symbols in payoffs and probabilities (sorted)."""
        if self._kind != "symbolic":
            return ()
        found = set()
        for node in self._nodes.values():
            values = node.payoffs if isinstance(node, Terminal) else \
                node.probabilities if isinstance(node, Chance) else ()
            for v in values:
                found |= {s.name for s in v.free_symbols}
        return tuple(sorted(found))

    def paths(self) -> tuple:
        """Every node's path, in prefix (tree) order."""
        return tuple(self._nodes)

    def node(self, path: str) -> Node:
        """The node at `path` (see the module docstring for how paths are written)."""
        try:
            return self._nodes[path]
        except KeyError:
            import difflib
            close = difflib.get_close_matches(str(path), list(self._nodes), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise KeyError(f"no node {path!r}{hint}") from None

    def path_of(self, node: Node) -> str:
        """The path of a node of this game (one from :attr:`root`, not the tree given)."""
        try:
            return self._paths[id(node)]
        except KeyError:
            raise KeyError(f"{node!r} is not a node of this game (use the nodes of game.root)") from None

    def history(self, path: str) -> tuple:
        """The moves that lead to a node: ``((mover, action), ...)``; nature's mover is ``"chance"``."""
        self.node(path)
        return self._histories[path]

    def parent(self, path: str):
        """The path of a node's parent (None for the root)."""
        self.node(path)
        return self._parents[path]

    def child(self, path: str, action: str) -> str:
        """The path of the node reached from `path` by `action`."""
        node = self.node(path)
        names = [name for name, _ in node.children]
        if action not in names:
            raise KeyError(f"node {path} has no action {action!r}; actions are {names}")
        return self._paths[id(dict(node.children)[action])]

    def decision_nodes(self, player=None) -> tuple:
        """Paths of the decision nodes (of one player if given), in tree order."""
        if player is not None and player not in self._players:
            raise ValueError(f"unknown player {player!r}; players are {list(self._players)}")
        return tuple(p for p, n in self._nodes.items()
                     if isinstance(n, Decision) and (player is None or n.player == player))

    def chance_nodes(self) -> tuple:
        return tuple(p for p, n in self._nodes.items() if isinstance(n, Chance))

    def terminals(self) -> tuple:
        return tuple(p for p, n in self._nodes.items() if isinstance(n, Terminal))

    def infosets(self, player=None) -> tuple:
        """The information sets (of one player if given), in order of first appearance."""
        if player is not None and player not in self._players:
            raise ValueError(f"unknown player {player!r}; players are {list(self._players)}")
        return tuple(i for i in self._infosets if player is None or i.player == player)

    def infoset_of(self, path: str) -> InfoSet:
        """The information set of a decision node."""
        node = self.node(path)
        if not isinstance(node, Decision):
            raise ValueError(f"node {path} is not a decision node")
        return self._infoset_of[path]

    def __repr__(self) -> str:
        title = f"{self._title!r}, " if self._title else ""
        return (f"ExtensiveGame({title}players={self._players!r}, {len(self._nodes)} nodes, "
                f"kind={self._kind!r})")

    def __eq__(self, other) -> bool:
        if not isinstance(other, ExtensiveGame):
            return NotImplemented
        return (self._players == other._players and self._title == other._title
                and self._kind == other._kind and self._root == other._root)

    def __hash__(self) -> int:
        return hash((self._players, self._title, len(self._nodes)))

    def text(self) -> str:
        """The tree as indented text, one line per move.

        Examples
        --------
        >>> from fractions import Fraction
        >>> game = ExtensiveGame(Chance({"H": (Fraction(1, 2), Terminal((1,))),
        ...                              "T": (Fraction(1, 2), Terminal((-1,)))}), ["P"])
        >>> print(game.text())
        chance
          H (1/2) -> (1)
          T (1/2) -> (-1)
        """
        from ..game import payoff_scale
        scale = payoff_scale(self) if self._kind == "float" else 1.0  # payoffs in tiny units are not 0

        def show(node):
            if isinstance(node, Terminal):
                return "(" + ", ".join(format_number(v, scale) for v in node.payoffs) + ")"
            if isinstance(node, Decision):
                return node.player + (f" [{node.infoset}]" if node.infoset is not None else "")
            return CHANCE
        lines = []
        stack = [(show(self._root), self._root, 0)]
        while stack:
            text, node, level = stack.pop()
            lines.append("  " * level + text)
            if isinstance(node, Decision):
                entries = [(name, "", child) for name, child in node.children]
            elif isinstance(node, Chance):
                entries = [(name, f" ({format_number(p)})", child) for name, p, child in node.moves]
            else:
                entries = []
            for name, prob, child in reversed(entries):
                stack.append((f"{name}{prob} -> {show(child)}", child, level + 1))
        return "\n".join(lines)

    # -- conversion -----------------------------------------------------------
    def _map_numbers(self, convert) -> Node:
        """A copy of the tree with `convert` applied to every payoff and probability (iteratively)."""
        built = {}
        for path in reversed(self._nodes):
            node = self._nodes[path]
            if isinstance(node, Terminal):
                built[path] = Terminal(tuple(convert(v) for v in node.payoffs), label=node.label)
            elif isinstance(node, Decision):
                built[path] = Decision(node.player, tuple((name, built[self._paths[id(child)]])
                                                          for name, child in node.children),
                                       infoset=node.infoset, label=node.label)
            else:
                built[path] = Chance(tuple((name, (convert(p), built[self._paths[id(child)]]))
                                           for name, p, child in node.moves), label=node.label)
        return built[next(iter(self._nodes))]

    def subgame_perfect_equilibria(self, **options):
        """Every pure subgame-perfect equilibrium (see :func:`sbgames.extensive.backward.subgame_perfect_equilibria`).

        Examples
        --------
        >>> entry = ExtensiveGame(Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
        ...     "Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}), ["E", "I"])
        >>> [spe.actions for spe in entry.subgame_perfect_equilibria()]
        [('In', 'Accommodate')]
        """
        from .backward import subgame_perfect_equilibria
        return subgame_perfect_equilibria(self, **options)

    def subgame_perfect_conditions(self, space=None, **options):
        """The conditions under which each pure behaviour profile is subgame perfect (symbolic payoffs)."""
        from .backward import subgame_perfect_conditions
        return subgame_perfect_conditions(self, space, **options)

    def to_normal_form(self, reduced: bool = True):
        """The (reduced) normal form as a :class:`~sbgames.game.Game`.

        Examples
        --------
        >>> entry = ExtensiveGame(Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
        ...     "Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}), ["E", "I"])
        >>> entry.to_normal_form().strategies
        (('Out', 'In'), ('Fight', 'Accommodate'))
        """
        from .normal_form import to_normal_form
        return to_normal_form(self, reduced=reduced)

    def to_agent_form(self):
        """The agent form: one player per information set."""
        from .normal_form import to_agent_form
        return to_agent_form(self)

    def subs(self, values: Mapping) -> "ExtensiveGame":
        """Substitute numbers for the symbols of a symbolic game.

        Parameters
        ----------
        values : mapping
            From sympy symbols or their names to numbers (names the game does
            not use are ignored).

        Examples
        --------
        >>> g = sympy.Symbol("g")
        >>> game = ExtensiveGame(Decision("T", {"a": Terminal((g,)), "b": Terminal((1,))}), ["T"])
        >>> game.subs({"g": "1/2"}).node("T:a").payoffs
        (Fraction(1, 2),)
        """
        if self._kind != "symbolic":
            return self
        names = {}
        for node in self._nodes.values():
            values_here = node.payoffs if isinstance(node, Terminal) else \
                node.probabilities if isinstance(node, Chance) else ()
            for v in values_here:
                names.update({s.name: s for s in v.free_symbols})
        from ..numeric import parse_number
        mapping = {}
        for key, value in values.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if name in names:
                mapping[names[name]] = to_sympy(parse_number(value) if isinstance(value, str) else value)

        def convert(v):
            out = v.xreplace(mapping)
            return out if out.free_symbols else _plain_number(out)
        return ExtensiveGame(self._map_numbers(convert), self._players, self._title)

    def as_exact(self) -> "ExtensiveGame":
        """The same game with exact payoffs and probabilities (floats via their decimal form)."""
        self.require_numeric("as_exact")
        if self._kind == "exact":
            return self
        return ExtensiveGame(self._map_numbers(to_fraction), self._players, self._title)

    def as_float(self) -> "ExtensiveGame":
        """The same game with float payoffs and probabilities."""
        self.require_numeric("as_float")
        if self._kind == "float":
            return self
        return ExtensiveGame(self._map_numbers(to_float), self._players, self._title)

    def require_numeric(self, what: str) -> None:
        """Raise :class:`~sbgames.errors.InputTypeError` naming `what` if the game is symbolic."""
        if self._kind == "symbolic":
            raise InputTypeError(f"{what} needs numeric payoffs, but this game is symbolic in {list(self.symbols)}; "
                                 f"substitute values first (game.subs)")


def _plain_number(value: sympy.Expr):
    """A sympy number as a Fraction (rational) or a float."""
    return to_fraction(value) if value.is_Rational else to_float(value)
