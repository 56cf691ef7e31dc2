"""Checking a game tree and indexing its nodes by path.

:func:`index_tree` walks the tree an :class:`~sbgames.extensive.tree.ExtensiveGame`
is built from, without recursion: it checks the structure (players known,
actions present and distinct, probabilities in [0, 1] that sum to 1,
consistent information sets, no node object used twice, one payoff per
player, depth at most :data:`MAX_DEPTH`), converts every number to one
arithmetic -- exact :class:`~fractions.Fraction` unless a float is given,
sympy expressions when a payoff or probability is symbolic -- and names
every node by its *path* (the moves that lead to it, then its owner).
Errors name the path: ``node T:Revise/S: ...``.

Examples
--------
>>> from sbgames.extensive.nodes import Decision, Terminal
>>> index = index_tree(Decision("A", {"x": Terminal((1,)), "y": Terminal((0.5,))}), ("A",))
>>> index.kind, tuple(index.nodes), index.depth
('float', ('A', 'A:x', 'A:y'), 1)
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

import sympy

from ..errors import InputError, InputTypeError
from ..numeric import format_number, kind_of, to_float, to_fraction, to_sympy
from .nodes import CHANCE, Chance, Decision, InfoSet, Node, Terminal

__all__ = ["index_tree", "TreeIndex", "MAX_DEPTH"]

#: The deepest tree accepted (levels of nodes below the root); deeper trees
#: are refused so that the recursive algorithms cannot exhaust the stack.
MAX_DEPTH = 200
#: Tolerance for the probabilities of a float game to sum to 1.
_FLOAT_SUM_TOL = 1e-9


class TreeIndex(NamedTuple):
    """A checked tree: the converted root, its arithmetic, and its nodes indexed by path (all in tree order)."""

    root: Node
    kind: str
    paths: dict
    nodes: dict
    histories: dict
    parents: dict
    depth: int
    infosets: tuple
    infoset_of: MappingProxyType


def _check_label(value, path: str, what: str) -> str:
    if not isinstance(value, str):
        raise InputTypeError(f"node {path}: {what} must be a string, got {type(value).__name__} {value!r}")
    return value


def _payoff_kind(value, path: str, what: str) -> str:
    try:
        return kind_of(value)
    except (TypeError, ValueError) as exc:
        message = str(exc) if what.startswith("payoff") else str(exc).replace("payoff must", "it must")
        raise type(exc)(f"node {path}: {what}: {message}") from None


def index_tree(root, players: tuple) -> TreeIndex:
    """Check a tree given by its root and index its nodes by path (see the module docstring).

    Raises
    ------
    InputError
        A structural fault (unknown player, no or repeated actions,
        probabilities outside [0, 1] or not summing to 1, inconsistent
        information sets, a shared node, wrong payoff count, too deep).
    InputTypeError
        Something that is not a node, a name that is not a string, a
        payoff or probability that is not a number or expression.
    """
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
            raise InputTypeError(f"{where}: expected a Decision, Chance or Terminal node, "
                                 f"got {type(node).__name__} {node!r}")
        if depth > MAX_DEPTH:
            raise InputError(f"node {path}: the tree is deeper than {MAX_DEPTH} levels; refused")
        if id(node) in seen:
            raise InputError(f"node {path}: this node object is also used at {seen[id(node)]}; "
                             f"a tree cannot share nodes (build a separate node for each place)")
        seen[id(node)] = path
        index = len(records)
        records.append((path, history, node, parent))
        if isinstance(node, Terminal):
            _check_payoffs(node, path, players, kinds)
            continue
        if isinstance(node, Decision):
            mover = node.player
            if not isinstance(mover, str) or mover not in players:
                raise InputError(f"node {path}: unknown player {mover!r}; players are {list(players)}")
            if node.infoset is not None and (not isinstance(node.infoset, str) or not node.infoset.strip()):
                raise InputTypeError(f"node {path}: infoset must be a non-empty string or None, got {node.infoset!r}")
        else:
            mover = CHANCE
            _check_probabilities(node, path, kinds)
        _check_label(node.label, path, "label")
        names = [name for name, _ in node.children]
        if not names:
            raise InputError(f"node {path}: a {'decision' if mover != CHANCE else 'chance'} node needs "
                             f"at least one action")
        for name in names:
            if not isinstance(name, str) or not name:
                raise InputTypeError(f"node {path}: action names must be non-empty strings, got {name!r}")
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise InputError(f"node {path}: action names must be distinct at a node, {repeated!r} repeated")
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
            values = node.payoffs
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
            raise InputError(f"node {path}: two nodes have this path; player or action names that "
                             f"contain '/' or ':' make paths ambiguous")
        nodes[path] = built[k]
        paths[id(built[k])] = path
        histories[path] = history
        parents[path] = records[parent][0] if parent is not None else None
    _check_probability_sums(nodes, kind)
    infosets, infoset_of = _infosets(nodes)
    return TreeIndex(root=built[0], kind=kind, paths=paths, nodes=nodes, histories=histories, parents=parents,
                     depth=max(len(h) for h in histories.values()), infosets=infosets, infoset_of=infoset_of)


def _check_payoffs(node: Terminal, path: str, players: tuple, kinds: set) -> None:
    _check_label(node.label, path, "label")
    values = node.payoffs
    if isinstance(values, dict):
        unknown = [p for p in values if p not in players]
        if unknown:
            raise InputError(f"node {path}: payoffs for unknown player(s) {unknown}; players are "
                             f"{list(players)}")
        missing = [p for p in players if p not in values]
        if missing:
            raise InputError(f"node {path}: the terminal gives no payoff for {missing}")
        values = [values[p] for p in players]
    if len(values) != len(players):
        raise InputError(f"node {path}: the terminal needs {len(players)} payoffs (one per player: "
                         f"{', '.join(players)}), got {len(values)}")
    for p, v in zip(players, values):
        kinds.add(_payoff_kind(v, path, f"payoff of {p}"))


def _check_probabilities(node: Chance, path: str, kinds: set) -> None:
    for name, p, _ in node.moves:
        kind = _payoff_kind(p, path, f"probability of {name!r}")
        kinds.add(kind)
        if kind != "symbolic" and not 0 <= p <= 1:
            raise InputError(f"node {path}: the probability of {name!r} is {format_number(p)}, "
                             f"outside [0, 1]")


def _check_probability_sums(nodes: dict, kind: str) -> None:
    for path, node in nodes.items():
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
            raise InputError(f"node {path}: chance probabilities must sum to 1, they sum to "
                             f"{format_number(total)}")


def _infosets(nodes: dict) -> tuple:
    """The information sets in tree order, and ``{decision node path: its InfoSet}``."""
    groups = {}   # name -> list of paths
    order = []
    for path, node in nodes.items():
        if not isinstance(node, Decision):
            continue
        key = ("named", node.infoset) if node.infoset is not None else ("single", path)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(path)
    for key in order:
        if key[0] == "named" and ("single", key[1]) in groups:
            raise InputError(f"node {groups[key][0]}: information set name {key[1]!r} is also the path of "
                             f"another decision node; choose a name that is not a node path")
    infosets, infoset_of = [], {}
    for key in order:
        members = groups[key]
        first = nodes[members[0]]
        for other in members[1:]:
            node = nodes[other]
            if node.player != first.player:
                raise InputError(f"node {other}: information set {key[1]!r} belongs to {first.player!r} "
                                 f"at {members[0]} but to {node.player!r} here; an information set has "
                                 f"one player")
            if node.action_names != first.action_names:
                raise InputError(f"node {other}: information set {key[1]!r} offers actions "
                                 f"{list(first.action_names)} at {members[0]} but "
                                 f"{list(node.action_names)} here; every node of an information set "
                                 f"needs the same actions, in the same order")
        info = InfoSet(name=key[1], player=first.player, actions=first.action_names, members=tuple(members),
                       named=key[0] == "named")
        infosets.append(info)
        for m in members:
            infoset_of[m] = info
    return tuple(infosets), MappingProxyType(infoset_of)
