"""Immutable game trees: sequential (extensive-form) games.

A game tree is built from three kinds of node (:mod:`sbgames.extensive.nodes`):
:class:`Decision` (a player chooses; nodes sharing an ``infoset=`` name
cannot be told apart by their player), :class:`Chance` (nature draws) and
:class:`Terminal` (one payoff per player).

:class:`ExtensiveGame` checks the tree (players known, actions present and
distinct, probabilities that sum to 1, consistent information sets, no node
object used twice), converts every number to one arithmetic -- exact
:class:`~fractions.Fraction` unless a float is given, sympy expressions when
a payoff or probability is symbolic -- and names every node by its *path*:
the moves that lead to it, then its owner.  ``"T"`` is T's node at the root,
``"T:Revise/S"`` is S's node after T revises, ``"T:Revise/S:Soft"`` is the
terminal node after S's soft balancing, ``"chance"`` a chance node at the
root and ``"chance:Strong/T"`` T's node after nature draws ``Strong``.
Errors name the path: ``node T:Revise/S: ...`` (the checks are in
:mod:`sbgames.extensive.index`).

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

import sympy

from ..errors import InputError, InputTypeError
from ..numeric import format_number, parse_number, to_float, to_fraction, to_sympy
from ..tolerance import payoff_scale
from .index import MAX_DEPTH, index_tree
from .nodes import CHANCE, Chance, Decision, InfoSet, Node, Terminal

__all__ = ["Node", "Decision", "Chance", "Terminal", "ExtensiveGame", "InfoSet", "CHANCE", "MAX_DEPTH"]


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
    InputError
        Unknown players, nodes without actions, repeated action names at a
        node, chance probabilities that are negative or do not sum to 1,
        inconsistent information sets (different players or actions), a node
        object used twice, payoff lists of the wrong length, a tree deeper
        than :data:`MAX_DEPTH`.  The message names the node's path.
    InputTypeError
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
    sbgames.errors.InputError: node T:b: the terminal needs 2 payoffs (one per player: T, S), got 1
    >>> ExtensiveGame(Decision("T", {"a": Decision("S", {})}), ["T", "S"])
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: node T:a/S: a decision node needs at least one action
    """

    __slots__ = ("_root", "_players", "_title", "_kind", "_paths", "_nodes", "_histories", "_infosets",
                 "_infoset_of", "_parents", "_depth")

    def __init__(self, root, players, title: str = ""):
        if isinstance(players, (str, bytes)) or not isinstance(players, Sequence):
            raise InputTypeError(f"players must be a sequence of names, got {players!r}")
        players = tuple(players)
        if not players:
            raise InputError("a game needs at least one player: players is empty")
        for p in players:
            if not isinstance(p, str) or not p.strip():
                raise InputTypeError(f"player names must be non-empty strings, got {p!r}")
        repeated = sorted({p for p in players if players.count(p) > 1})
        if repeated:
            raise InputError(f"player names must be distinct, {repeated!r} repeated")
        if CHANCE in players:
            raise InputError(f"{CHANCE!r} names nature's moves in node paths; choose another player name")
        if not isinstance(title, str):
            raise InputTypeError(f"title must be a string, got {title!r}")
        index = index_tree(root, players)
        for name, value in (("_players", players), ("_title", title), ("_root", index.root), ("_kind", index.kind),
                            ("_paths", index.paths), ("_nodes", index.nodes), ("_histories", index.histories),
                            ("_parents", index.parents), ("_depth", index.depth), ("_infosets", index.infosets),
                            ("_infoset_of", index.infoset_of)):
            object.__setattr__(self, name, value)

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
            raise InputError(f"unknown player {player!r}; players are {list(self._players)}")
        return tuple(p for p, n in self._nodes.items()
                     if isinstance(n, Decision) and (player is None or n.player == player))

    def chance_nodes(self) -> tuple:
        return tuple(p for p, n in self._nodes.items() if isinstance(n, Chance))

    def terminals(self) -> tuple:
        return tuple(p for p, n in self._nodes.items() if isinstance(n, Terminal))

    def infosets(self, player=None) -> tuple:
        """The information sets (of one player if given), in order of first appearance."""
        if player is not None and player not in self._players:
            raise InputError(f"unknown player {player!r}; players are {list(self._players)}")
        return tuple(i for i in self._infosets if player is None or i.player == player)

    def infoset_of(self, path: str) -> InfoSet:
        """The information set of a decision node."""
        node = self.node(path)
        if not isinstance(node, Decision):
            raise InputError(f"node {path} is not a decision node")
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
            raise InputTypeError(f"{what} needs numeric payoffs, but this game is symbolic in "
                                 f"{list(self.symbols)}; substitute values first (game.subs)")


def _plain_number(value: sympy.Expr):
    """A sympy number as a Fraction (rational) or a float."""
    return to_fraction(value) if value.is_Rational else to_float(value)
