"""What subgame perfection returns: verified equilibria of numeric trees, and closed-form branches of symbolic ones.

* :class:`SubgamePerfectEquilibrium` and the list :class:`SubgamePerfectSet`
  come from :func:`~sbgames.extensive.backward.subgame_perfect_equilibria`;
* :class:`SubgamePerfectBranch` (a :class:`~sbgames.results.ClosedFormResult`)
  and the list :class:`SubgamePerfectConditions` come from
  :func:`~sbgames.extensive.backward.subgame_perfect_conditions`.

Examples
--------
>>> from sbgames.extensive.backward import subgame_perfect_conditions
>>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
>>> x = sympy.Symbol("x")
>>> game = ExtensiveGame(Decision("A", {"a": Terminal((x, 0)), "b": Terminal((1, 2))}), ["A", "B"])
>>> branch = subgame_perfect_conditions(game).branch({"A": "b"})
>>> branch.label, branch.holds_at({"x": 0}), branch.holds_at(x=2)
('A: b', True, False)
>>> branch.to_dict()["payoffs"]
{'A': {'exact': '1', 'float': 1.0}, 'B': {'exact': '2', 'float': 2.0}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy
from sympy.logic.boolalg import Boolean

from ..conditions import condition_text, holds
from ..errors import InputError, InputTypeError
from ..expr import evaluate
from ..numeric import format_number, parse_number
from ..tolerance import payoff_scale
from ..results import PURE_ONLY, ClosedFormMixin, expression_json, merge_values, number_json, set_label
from .profiles import describe_profile
from .tree import ExtensiveGame

__all__ = ["SubgamePerfectEquilibrium", "SubgamePerfectSet", "SubgamePerfectBranch", "SubgamePerfectConditions",
           "tree_label"]


@dataclass(frozen=True, eq=False)
class SubgamePerfectEquilibrium:
    """One verified pure subgame-perfect equilibrium.

    Attributes
    ----------
    game : ExtensiveGame
    strategies : mapping
        The behaviour profile: ``{decision node path: action}`` for every
        decision node, reached or not, in tree order.
    path : tuple of (str, str)
        ``(node, action)`` for the decisions on the path of play (after
        every chance move of non-zero probability), in tree order.
    payoffs : tuple
        Expected payoff of each player.
    outcomes : mapping
        ``{terminal path: probability}`` of the terminals play reaches.
    exact : bool
    tol : float or None
        The float tolerance used for ties and the check (None when exact).
    """

    game: ExtensiveGame = field(repr=False)
    strategies: Mapping
    path: tuple
    payoffs: tuple
    outcomes: Mapping
    exact: bool
    tol: float | None = None

    @property
    def actions(self) -> tuple:
        """The actions on the path of play, in order."""
        return tuple(action for _, action in self.path)

    def strategy(self, player) -> dict:
        """One player's part of the profile: ``{node path: action}``."""
        if player not in self.game.players:
            raise InputError(f"unknown player {player!r}; players are {list(self.game.players)}")
        return {p: self.strategies[p] for p in self.game.decision_nodes(player)}

    def describe(self) -> str:
        """``Entrant: In; Incumbent: Accommodate after Entrant:In``."""
        return describe_profile(self.game, self.strategies)

    def to_dict(self) -> dict:
        """A JSON-ready description: numbers as :func:`~sbgames.results.number_json` gives them, keyed by player.

        Exact numbers keep their ``"p/q"`` text beside the float; floats are
        rounded to the tolerance used.
        """
        def conv(v):
            return number_json(v, self.tol)
        return {"description": self.describe(), "strategies": dict(self.strategies),
                "path": [list(step) for step in self.path],
                "payoffs": {p: conv(v) for p, v in zip(self.game.players, self.payoffs)},
                "outcomes": {t: conv(p) for t, p in self.outcomes.items()}}

    def __repr__(self) -> str:
        return (f"SubgamePerfectEquilibrium({self.describe()}; payoffs "
                f"({', '.join(format_number(v) for v in self.payoffs)}))")


def tree_label(paths) -> str:
    """The region label of a game-tree point from the paths of play of its pure subgame-perfect equilibria.

    One path is the unique subgame-perfect equilibrium (no mover is
    indifferent anywhere); several mean ties, where mixing at the tied nodes
    gives subgame-perfect equilibria in behaviour strategies not listed.

    Examples
    --------
    >>> tree_label([("Restrain", "Bandwagon")])
    'Restrain -> Bandwagon (unique)'
    """
    names = [" -> ".join(actions) for actions in paths]
    return set_label(names, None if len(names) == 1 else PURE_ONLY)


#: What a tree's list of pure subgame-perfect equilibria leaves out when a mover is indifferent.
TIED = "pure behaviour profiles only; a mover is indifferent, and mixing at the tied nodes is not listed"


class SubgamePerfectSet(list):
    """The pure subgame-perfect equilibria of a game, with how they were computed.

    Attributes
    ----------
    game : ExtensiveGame
    exact : bool
    tol : float or None
    """

    def __init__(self, equilibria, *, game, exact, tol):
        super().__init__(equilibria)
        self.game = game
        self.exact = exact
        self.tol = tol

    @property
    def complete(self) -> bool:
        """True when these are all subgame-perfect equilibria, mixed ones included.

        A mover's indifference is the only source of further (mixed)
        equilibria, and every indifference gives at least two pure ones; so
        a single pure equilibrium is the unique subgame-perfect equilibrium.
        """
        return len(self) == 1

    @property
    def scope(self) -> str:
        """``"complete"``, or what the result leaves out."""
        return "complete" if self.complete else TIED

    def region_label(self) -> str:
        """The region label of these equilibria: their paths of play (``'Restrain -> Bandwagon (unique)'``).

        Several paths mean a mover is indifferent, and the label says that
        mixing there is not searched.
        """
        return tree_label(e.actions for e in self)

    def text(self) -> str:
        """The equilibria as plain text: each path of play with its payoffs, then the moves at every node.

        This is what ``sbgames solve`` prints for a game tree.

        Examples
        --------
        >>> from sbgames import load_model
        >>> print(load_model("core_sequential").equilibria(exact=True, l="1/2").text().splitlines()[0])
        Subgame-perfect equilibria (1, by backward induction, exact):
        """
        mode = "exact" if self.exact else f"float, tolerance {self.tol:.2g}"
        lines = [f"Subgame-perfect equilibria ({len(self)}, by backward induction, {mode}"
                 + ("):" if self.complete else f"; {TIED}):")]
        scale = payoff_scale(self.game) if self.game.kind == "float" else 1.0
        for k, e in enumerate(self, 1):
            lines.append(f"  {k}. path {' -> '.join(e.actions)}; payoffs "
                         + ", ".join(f"{p} {format_number(v, scale)}" for p, v in zip(self.game.players, e.payoffs)))
            lines += [f"       at {node}: {action}" for node, action in e.strategies.items()]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """JSON-ready: ``{"exact": ..., "tolerance": ..., "equilibria": [...]}``."""
        return {"exact": self.exact, "tolerance": self.tol, "equilibria": [e.to_dict() for e in self]}

    #: How the equilibria were found (``sbgames solve --json`` reports it).
    method = "backward induction"

    def json_equilibria(self) -> list[dict]:
        """The equilibria as ``solve --json`` lists them (``tree_equilibrium`` in the schema)."""
        return [{"path": list(e.actions), "moves": dict(e.strategies),
                 "payoffs": {p: number_json(v) for p, v in zip(self.game.players, e.payoffs)}} for e in self]

    def __repr__(self) -> str:
        mode = "exact" if self.exact else f"float, tol={self.tol:.2g}"
        return f"SubgamePerfectSet({len(self)}, {mode}: {list.__repr__(self)})"


@dataclass(frozen=True, eq=False)
class SubgamePerfectBranch(ClosedFormMixin):
    """One pure behaviour profile and the conditions under which it is subgame perfect.

    A :class:`~sbgames.results.ClosedFormResult`: ``label``, ``conditions``,
    ``holds_at``, ``describe()``, ``to_dict()``.

    Attributes
    ----------
    players : tuple of str
    strategies : mapping
        ``{decision node path: action}`` for every decision node.
    path : tuple of (str, str)
        The decisions on the path of play (chance branches whose probability
        is not identically 0 are followed).
    payoffs : tuple of sympy.Expr
        Expected payoff of each player along the path of play.
    conditions : sympy Boolean
        When the profile is subgame perfect: at every node the mover's
        action is a weak best reply given the continuation, simplified
        under the parameter bounds (``sympy.true``: always).
    parameters : tuple of str
        The symbols a parameter point must give values for.
    """

    players: tuple
    strategies: Mapping
    path: tuple
    payoffs: tuple
    conditions: Boolean
    parameters: tuple = ()
    description: str = field(default="", repr=False)

    @property
    def actions(self) -> tuple:
        """The actions on the path of play."""
        return tuple(a for _, a in self.path)

    @property
    def label(self) -> str:
        """The profile in words (the same as :meth:`describe`)."""
        return self.description

    def describe(self) -> str:
        """``T: Restrain; S: Soft after T:Revise, Bandwagon after T:Restrain``."""
        return self.description

    def _point(self, values, more) -> dict:
        values = merge_values(values, more)
        missing = [p for p in self.parameters if p not in values]
        if missing:
            raise InputError(f"a value is needed for every parameter; missing {', '.join(missing)}")
        return {k: parse_number(v) for k, v in values.items()}

    def holds_at(self, values=None, /, **more) -> bool:
        """Whether the profile is subgame perfect at a parameter point (exact); a mapping, keywords, or both."""
        return holds(self.conditions, self._point(values, more))

    def payoffs_at(self, values=None, /, **more) -> tuple:
        """The payoffs at a parameter point."""
        point = self._point(values, more)
        return tuple(evaluate(u, point) for u in self.payoffs)

    def result_data(self) -> dict:
        """Strategies, path of play, payoffs keyed by player name and the parameters (for :meth:`to_dict`)."""
        return {"strategies": dict(self.strategies), "path": [list(step) for step in self.path],
                "payoffs": {p: expression_json(u) for p, u in zip(self.players, self.payoffs)},
                "parameters": list(self.parameters)}

    def statement(self) -> str:
        """The branch as a sentence.

        Examples
        --------
        >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
        >>> x = sympy.Symbol("x")
        >>> game = ExtensiveGame(Decision("A", {"a": Terminal((x,)), "b": Terminal((1,))}), ["A"])
        >>> from sbgames.extensive.backward import subgame_perfect_conditions
        >>> print(subgame_perfect_conditions(game).branch({"A": "a"}).statement())
        (A: a) is subgame perfect if and only if x >= 1. Path of play: a.
        """
        when = "always" if self.conditions is sympy.true else f"if and only if {condition_text(self.conditions)}"
        return f"({self.describe()}) is subgame perfect {when}. Path of play: {', '.join(self.actions)}."

    def __repr__(self) -> str:
        return f"SubgamePerfectBranch({self.describe()}; conditions: {self.conditions})"


class SubgamePerfectConditions(list):
    """The branches of :func:`subgame_perfect_conditions`.

    Attributes
    ----------
    game : ExtensiveGame
    space : ParameterSpace
    """

    def __init__(self, branches, *, game, space):
        super().__init__(branches)
        self.game = game
        self.space = space

    def find(self, choices: Mapping) -> list:
        """The branches whose profile makes all of `choices` (``{node path: action}``)."""
        nodes = self.game.decision_nodes()
        unknown = [p for p in choices if p not in nodes]
        if unknown:
            raise KeyError(f"no decision node {unknown[0]!r}; decision nodes are {list(nodes)}")
        return [b for b in self if all(b.strategies[p] == a for p, a in choices.items())]

    def branch(self, choices: Mapping) -> SubgamePerfectBranch:
        """The one branch matching `choices` (KeyError if none or several)."""
        found = self.find(choices)
        if len(found) != 1:
            raise KeyError(f"{len(found)} branches match {dict(choices)}; branches: "
                           f"{[b.describe() for b in self]}")
        return found[0]

    def at(self, values=None, /, **more) -> list:
        """The branches whose conditions hold at a parameter point (a mapping, keywords, or both)."""
        point = merge_values(values, more)
        return [b for b in self if b.holds_at(point)]

    #: Every pure behaviour profile has a branch; where several hold, the region label says a mover is indifferent.
    covers_all = True

    def region_label(self, holding) -> str:
        """The region label of a point where the branches `holding` hold: their paths of play.

        Examples
        --------
        >>> from sbgames import load_model
        >>> seq = load_model("core_sequential")
        >>> forms = seq.symbolic_equilibria()
        >>> forms.region_label(forms.at(seq.values()))
        'Restrain -> Bandwagon (unique)'
        """
        return tree_label(b.actions for b in holding)

    def to_dict(self) -> dict:
        """JSON-ready: ``{"results": [...]}``, each branch as :meth:`SubgamePerfectBranch.to_dict` gives it."""
        return {"results": [b.to_dict() for b in self]}

    def text(self) -> str:
        """Every branch as a sentence."""
        return "\n".join(b.statement() for b in self)

    def __repr__(self) -> str:
        return f"SubgamePerfectConditions({len(self)} branches: {[b.describe() for b in self]})"
