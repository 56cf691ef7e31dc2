"""The immutable nodes of a game tree, and the information sets that group them.

* :class:`Decision` -- a player chooses one of several named actions; nodes
  that share an information-set name (``infoset=``) cannot be told apart by
  their player;
* :class:`Chance` -- nature draws an action with given probabilities;
* :class:`Terminal` -- the game ends with one payoff per player.

A node checks only its own shape (named actions, pairs); the whole tree --
players, numbers, probabilities, information sets -- is checked by
:class:`~sbgames.extensive.tree.ExtensiveGame`, which also describes an
information set as an :class:`InfoSet`.

Examples
--------
>>> from fractions import Fraction
>>> coin = Chance({"H": (Fraction(1, 2), Terminal((1,))), "T": (Fraction(1, 2), Terminal((-1,)))})
>>> coin.action_names, coin.probabilities
(('H', 'T'), (Fraction(1, 2), Fraction(1, 2)))
>>> Decision("P", {"a": Terminal((0,))}).player
'P'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import InputTypeError
from ..numeric import format_number

__all__ = ["Node", "Decision", "Chance", "Terminal", "InfoSet", "CHANCE"]

#: The name used for nature's moves in node paths (no player may use it).
CHANCE = "chance"


def _pairs(items, what: str) -> tuple:
    """``{name: value}`` or ``[(name, value), ...]`` as a tuple of pairs (duplicates kept)."""
    if isinstance(items, Mapping):
        return tuple(items.items())
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        raise InputTypeError(f"{what} must be a mapping {{name: ...}} or a sequence of (name, ...) pairs, "
                             f"got {type(items).__name__}")
    out = []
    for k, item in enumerate(items):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise InputTypeError(f"{what}[{k}] must be a (name, ...) pair, got {item!r}")
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
                raise InputTypeError(f"chance action {name!r} must map to a (probability, child) pair, "
                                     f"got {entry!r}")
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
            raise InputTypeError(f"payoffs must be a sequence (one per player) or a mapping {{player: payoff}}, "
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
