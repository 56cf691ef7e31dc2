"""Subgame-perfect equilibria of perfect-information games, numerically and symbolically.

In a game of perfect information (every information set a single node;
chance nodes allowed) a pure behaviour profile -- one action at every
decision node, reached or not -- is subgame perfect exactly when no player
gains by changing the action at a single node and keeping the rest of the
profile (the one-shot deviation principle for finite games).  Backward
induction builds these profiles from the leaves up.

*All* pure subgame-perfect equilibria
    When a mover is indifferent, every best action gives a different
    equilibrium, and so does every combination of the equilibria of the
    subgames below a node: the equilibria of a subtree are the union, over
    every combination of its children's equilibria, of one profile per best
    action.  The count therefore multiplies along the tree: ``n`` nodes with
    a two-way tie give up to ``2**n`` equilibria even when no tie lies on
    the path of play.  :func:`subgame_perfect_equilibria` enumerates them all
    and refuses (``limit``) when there would be too many.

Conditions
    For a symbolic game, :func:`subgame_perfect_conditions` derives, for
    every pure behaviour profile, the conditions under which it is subgame
    perfect: at every node the mover's action is a (weak) best reply given
    the continuation.  Profiles whose conditions are provably false under
    the parameter bounds are dropped while the tree is built.

Examples
--------
The sequential core (THEORY fact 4): S soft balances against revision and
bandwagons with restraint; T restrains iff ``lam*l > (1 - e_s)*g``.

>>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
>>> g, e_s, lam, l = sympy.symbols("g e_s lam l", positive=True)
>>> game = ExtensiveGame(Decision("T", {
...     "Revise": Decision("S", {"Soft": Terminal(((1 - e_s) * g - lam * l, 1)),
...                              "Bandwagon": Terminal((g, 0))}),
...     "Restrain": Decision("S", {"Soft": Terminal((0, -1)), "Bandwagon": Terminal((0, 0))})}),
...     players=["T", "S"])
>>> result = subgame_perfect_conditions(game)
>>> result.branch({"T": "Restrain"}).conditions
e_s*g + l*lam >= g
>>> [b.describe() for b in result.at(g=4, e_s="1/2", lam=2, l=3)]
['T: Restrain; S: Soft after T:Revise, Bandwagon after T:Restrain']
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import sympy
from sympy.logic.boolalg import Boolean

from ..assumptions import ParameterSpace
from ..equilibrium import VerificationError
from ..game import check_tolerance
from ..numeric import format_number, to_sympy
from ..conditions import condition_text, holds, reduce_condition
from .tree import Chance, Decision, ExtensiveGame, Terminal

__all__ = ["subgame_perfect_equilibria", "subgame_perfect_conditions", "one_shot_deviations",
           "is_subgame_perfect", "SubgamePerfectEquilibrium", "SubgamePerfectSet", "SubgamePerfectBranch",
           "SubgamePerfectConditions", "DEFAULT_LIMIT"]

#: Default cap on the number of equilibria (or branches) enumerated.
DEFAULT_LIMIT = 10_000


# -- helpers ----------------------------------------------------------------------

def _require_perfect_information(game: ExtensiveGame, what: str) -> None:
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"{what} needs an ExtensiveGame, got {type(game).__name__}")
    for info in game.infosets():
        if len(info.members) > 1:
            raise ValueError(f"{what} needs a game of perfect information, but information set {info.name!r} "
                             f"of {info.player} has {len(info.members)} nodes ({', '.join(info.members)}); "
                             f"solve its normal form instead (to_normal_form(game).equilibria())")


def _describe_step(history) -> str:
    return "/".join(f"{m}:{a}" for m, a in history)


def _describe_profile(game: ExtensiveGame, strategies: Mapping) -> str:
    """``T: Restrain; S: Soft after T:Revise, Bandwagon after T:Restrain``."""
    parts = []
    for player in game.players:
        moves = []
        for path in game.decision_nodes(player):
            history = game.history(path)
            moves.append(strategies[path] + (f" after {_describe_step(history)}" if history else ""))
        if moves:
            parts.append(f"{player}: " + ", ".join(moves))
    return "; ".join(parts)


def _check_profile(game: ExtensiveGame, strategies) -> dict:
    if not isinstance(strategies, Mapping):
        raise TypeError(f"strategies must be a mapping {{node path: action}}, got {type(strategies).__name__}")
    nodes = game.decision_nodes()
    unknown = [p for p in strategies if p not in nodes]
    if unknown:
        raise ValueError(f"no decision node {unknown[0]!r}; decision nodes are {list(nodes)}")
    missing = [p for p in nodes if p not in strategies]
    if missing:
        raise ValueError(f"the profile gives no action at {missing}; a behaviour profile needs an action at "
                         f"every decision node, reached or not")
    for path in nodes:
        names = game.node(path).action_names
        if strategies[path] not in names:
            raise ValueError(f"node {path}: unknown action {strategies[path]!r}; actions are {list(names)}")
    return {p: strategies[p] for p in nodes}


def _continuation_values(game: ExtensiveGame, strategies: Mapping) -> dict:
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


def _play(game: ExtensiveGame, strategies: Mapping) -> tuple[tuple, dict]:
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


# -- verification ------------------------------------------------------------------

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
    _require_perfect_information(game, "one_shot_deviations")
    game.require_numeric("one_shot_deviations")
    strategies = _check_profile(game, strategies)
    tol = check_tolerance(tol, game, exact=game.kind != "float")
    values = _continuation_values(game, strategies)
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


# -- numeric results ---------------------------------------------------------------

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
            raise ValueError(f"unknown player {player!r}; players are {list(self.game.players)}")
        return {p: self.strategies[p] for p in self.game.decision_nodes(player)}

    def describe(self) -> str:
        """``Entrant: In; Incumbent: Accommodate after Entrant:In``."""
        return _describe_profile(self.game, self.strategies)

    def to_dict(self) -> dict:
        """A JSON-ready description (exact numbers as ``"p/q"`` strings)."""
        conv = str if self.exact else float
        return {"strategies": dict(self.strategies), "path": [list(step) for step in self.path],
                "payoffs": {p: conv(v) for p, v in zip(self.game.players, self.payoffs)},
                "outcomes": {t: conv(p) for t, p in self.outcomes.items()}}

    def __repr__(self) -> str:
        return (f"SubgamePerfectEquilibrium({self.describe()}; payoffs "
                f"({', '.join(format_number(v) for v in self.payoffs)}))")


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

    def to_dict(self) -> dict:
        return {"exact": self.exact, "tolerance": self.tol, "equilibria": [e.to_dict() for e in self]}

    def __repr__(self) -> str:
        mode = "exact" if self.exact else f"float, tol={self.tol:.2g}"
        return f"SubgamePerfectSet({len(self)}, {mode}: {list.__repr__(self)})"


def _too_many(limit: int, path: str, count) -> ValueError:
    return ValueError(f"more than {limit} pure subgame-perfect profiles (at node {path}: {count}); ties "
                      f"multiply them (each indifferent mover and each combination of the subgames' "
                      f"equilibria gives another), so raise limit= or break the ties")


def subgame_perfect_equilibria(game: ExtensiveGame, *, tol: float | None = None,
                               limit: int = DEFAULT_LIMIT) -> SubgamePerfectSet:
    """Every pure subgame-perfect equilibrium of a perfect-information game.

    Parameters
    ----------
    game : ExtensiveGame
        A numeric game of perfect information (chance nodes allowed).
        Substitute values into a symbolic game first (``game.subs``), or
        use :func:`subgame_perfect_conditions`.
    tol : float, optional
        Float games: actions within `tol` of the best count as ties
        (default ``1e-9`` times the payoff scale).  Exact games compare
        exactly.
    limit : int
        The most equilibria enumerated; more raise ``ValueError``.  The
        count is a product over the tree (see the module docstring): ``n``
        independent two-way ties give ``2**n`` equilibria.

    Returns
    -------
    SubgamePerfectSet
        A list of :class:`SubgamePerfectEquilibrium`, in tree order of the
        choices (first-listed actions first).  Each is checked before it is
        returned: no player gains by changing the action at any single node
        (exactly, or within `tol`).

    Raises
    ------
    ValueError
        Imperfect information, or more than `limit` equilibria.
    TypeError
        A symbolic game.
    VerificationError
        A profile failed the check (a bug, never silent).

    Examples
    --------
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> tie = ExtensiveGame(Decision("A", {
    ...     "L": Decision("B", {"x": Terminal((1, 0)), "y": Terminal((3, 0))}),
    ...     "R": Terminal((2, 5))}), ["A", "B"])
    >>> for spe in subgame_perfect_equilibria(tie):
    ...     print(spe.describe(), "->", spe.actions)
    A: R; B: x after A:L -> ('R',)
    A: L; B: y after A:L -> ('L', 'y')
    """
    _require_perfect_information(game, "subgame_perfect_equilibria")
    game.require_numeric("subgame_perfect_equilibria")
    exact = game.kind == "exact"
    tol = check_tolerance(tol, game, exact=exact)
    n = game.n_players
    solutions = {}   # path -> [(assignment tuple, values tuple)]
    for path in reversed(game.paths()):
        node = game.node(path)
        if isinstance(node, Terminal):
            solutions[path] = [((), tuple(node.payoffs))]
            continue
        kids = [game.child(path, name) for name, _ in node.children]
        lists = [solutions.pop(k) for k in kids]
        count = math.prod(len(x) for x in lists)
        if count > limit:
            raise _too_many(limit, path, count)
        out = []
        if isinstance(node, Chance):
            probs = node.probabilities
            for combo in itertools.product(*lists):
                assign = sum((a for a, _ in combo), ())
                values = tuple(sum((p * v[i] for p, (_, v) in zip(probs[1:], combo[1:])),
                                   probs[0] * combo[0][1][i]) for i in range(n))
                out.append((assign, values))
        else:
            i = game.players.index(node.player)
            for combo in itertools.product(*lists):
                best = max(v[i] for _, v in combo)
                rest = sum((a for a, _ in combo), ())
                for name, (_, v) in zip(node.action_names, combo):
                    if (v[i] == best) if exact else (v[i] >= best - tol):
                        out.append((((path, name),) + rest, v))
                        if len(out) > limit:
                            raise _too_many(limit, path, f"{len(out)} so far")
        solutions[path] = out
    (root,) = solutions
    results = []
    for assign, values in solutions[root]:
        strategies = dict(assign)
        ordered = {p: strategies[p] for p in game.decision_nodes()}
        deviations = one_shot_deviations(game, ordered, tol)
        if deviations:
            node, action, gain = deviations[0]
            raise VerificationError(f"backward induction returned a profile that is not subgame perfect: "
                                    f"at {node}, {action!r} gains {format_number(gain)}")
        check = _continuation_values(game, ordered)[root]
        if exact and check != values:
            raise VerificationError(f"backward induction payoffs {values} differ from the profile's {check}")
        moves, outcomes = _play(game, ordered)
        results.append(SubgamePerfectEquilibrium(
            game=game, strategies=MappingProxyType(ordered), path=moves, payoffs=check,
            outcomes=MappingProxyType(outcomes), exact=exact, tol=None if exact else tol))
    return SubgamePerfectSet(results, game=game, exact=exact, tol=None if exact else tol)


# -- symbolic conditions -------------------------------------------------------------

def _space_for(game: ExtensiveGame, space) -> ParameterSpace:
    """The parameter space: given, from a model, or from the symbols' own assumptions."""
    if space is None:
        from ..model import Parameter
        symbols = {}
        for path in game.paths():
            for v in _numbers(game.node(path)):
                if isinstance(v, sympy.Basic):
                    symbols.update({s.name: s for s in v.free_symbols})
        params = {}
        for name, s in sorted(symbols.items()):
            if s.is_positive:
                params[name] = Parameter(name=name, default=Fraction(1), above=Fraction(0))
            elif s.is_nonnegative:
                params[name] = Parameter(name=name, default=Fraction(1), min=Fraction(0))
            else:
                params[name] = Parameter(name=name, default=Fraction(0))
        return ParameterSpace(params)
    if isinstance(space, ParameterSpace):
        return space
    if hasattr(space, "parameters") and hasattr(space, "constraints"):
        return ParameterSpace.from_model(space)
    raise TypeError(f"space must be a ParameterSpace, a Model or None, got {type(space).__name__}")


def _numbers(node) -> tuple:
    if isinstance(node, Terminal):
        return tuple(node.payoffs)
    if isinstance(node, Chance):
        return node.probabilities
    return ()


@dataclass(frozen=True, eq=False)
class SubgamePerfectBranch:
    """One pure behaviour profile and the conditions under which it is subgame perfect.

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

    def describe(self) -> str:
        """``T: Restrain; S: Soft after T:Revise, Bandwagon after T:Restrain``."""
        return self.description

    def _point(self, values: dict) -> dict:
        from ..model import parse_number
        missing = [p for p in self.parameters if p not in values]
        if missing:
            raise ValueError(f"a value is needed for every parameter; missing {', '.join(missing)}")
        return {k: parse_number(v) for k, v in values.items()}

    def holds_at(self, **values) -> bool:
        """Whether the profile is subgame perfect at a parameter point (exact arithmetic)."""
        return holds(self.conditions, self._point(values))

    def payoffs_at(self, **values) -> tuple:
        """The payoffs at a parameter point."""
        from ..expr import evaluate
        point = self._point(values)
        return tuple(evaluate(u, point) for u in self.payoffs)

    def statement(self) -> str:
        """The branch as a sentence.

        Examples
        --------
        >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
        >>> x = sympy.Symbol("x")
        >>> game = ExtensiveGame(Decision("A", {"a": Terminal((x,)), "b": Terminal((1,))}), ["A"])
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

    def at(self, **values) -> list:
        """The branches whose conditions hold at a parameter point."""
        return [b for b in self if b.holds_at(**values)]

    def text(self) -> str:
        """Every branch as a sentence."""
        return "\n".join(b.statement() for b in self)

    def __repr__(self) -> str:
        return f"SubgamePerfectConditions({len(self)} branches: {[b.describe() for b in self]})"


def subgame_perfect_conditions(game: ExtensiveGame, space=None, *,
                               limit: int = DEFAULT_LIMIT) -> SubgamePerfectConditions:
    """For every pure behaviour profile, the conditions under which it is subgame perfect.

    Parameters
    ----------
    game : ExtensiveGame
        A game of perfect information with sympy payoffs (and possibly
        symbolic chance probabilities).  Numeric games work too (their
        conditions are ``True``).
    space : ParameterSpace, Model or None
        The parameter bounds used to simplify the conditions and to drop
        profiles that can never be subgame perfect.  A model gives its
        parameters' bounds and constraints; ``None`` uses the symbols' own
        assumptions (``positive=True`` and so on).  Symbols are matched to
        the space's parameters by name; the results use the game's own
        symbols.
    limit : int
        The most partial profiles kept at any node.

    Returns
    -------
    SubgamePerfectConditions
        A list of :class:`SubgamePerfectBranch`.  The conditions are exactly
        the subgame-perfection conditions (weak inequalities: on a boundary,
        where the mover is indifferent, several branches hold at once);
        profiles whose conditions are provably false are left out.

    Examples
    --------
    >>> from sbgames.extensive.tree import Decision, Terminal, ExtensiveGame
    >>> x = sympy.Symbol("x")
    >>> game = ExtensiveGame(Decision("A", {"a": Terminal((x,)), "b": Terminal((1,))}), ["A"])
    >>> [(b.actions, b.conditions) for b in subgame_perfect_conditions(game)]
    [(('a',), x >= 1), (('b',), 1 >= x)]
    """
    _require_perfect_information(game, "subgame_perfect_conditions")
    space = _space_for(game, space)
    rename = {}
    unknown = set()
    for path in game.paths():
        for v in _numbers(game.node(path)):
            if isinstance(v, sympy.Basic):
                for s in v.free_symbols:
                    if s.name in space.symbols:
                        rename[s] = space.symbols[s.name]
                    else:
                        unknown.add(s.name)
    if unknown:
        raise ValueError(f"the game uses symbols {sorted(unknown)} that the parameter space does not declare "
                         f"(parameters: {sorted(space.symbols)})")

    def sym(v):
        return to_sympy(v).xreplace(rename)

    n = game.n_players
    solutions = {}   # path -> [(assignment, values, atoms)]
    for path in reversed(game.paths()):
        node = game.node(path)
        if isinstance(node, Terminal):
            solutions[path] = [((), tuple(sym(v) for v in node.payoffs), ())]
            continue
        kids = [game.child(path, name) for name, _ in node.children]
        lists = [solutions.pop(k) for k in kids]
        count = math.prod(len(x) for x in lists)
        if count > limit:
            raise ValueError(f"more than {limit} partial profiles at node {path} ({count}); raise limit=")
        out = []
        for combo in itertools.product(*lists):
            rest = sum((a for a, _, _ in combo), ())
            atoms = tuple(dict.fromkeys(x for _, _, c in combo for x in c))
            if isinstance(node, Chance):
                probs = [sym(p) for p in node.probabilities]
                values = tuple(sympy.Add(*(p * v[i] for p, (_, v, _) in zip(probs, combo))) for i in range(n))
                if len(lists) > 1 and atoms and reduce_condition(list(atoms), space) is None:
                    continue
                out.append((rest, values, atoms))
                continue
            i = game.players.index(node.player)
            for k, (name, (_, v, _)) in enumerate(zip(node.action_names, combo)):
                new = tuple(sympy.Ge(v[i], w[i]) for j, (_, w, _) in enumerate(combo) if j != k)
                every = tuple(dict.fromkeys(atoms + new))
                if reduce_condition(list(every), space) is None:
                    continue
                out.append((((path, name),) + rest, v, every))
                if len(out) > limit:
                    raise ValueError(f"more than {limit} partial profiles at node {path}; raise limit=")
        solutions[path] = out
    (root,) = solutions
    parameters = tuple(sorted({s.name for s in rename.values()}))
    back = {}
    for own, theirs in rename.items():   # report in the game's own symbols
        back.setdefault(theirs, own)
    branches = []
    for assign, values, atoms in solutions[root]:
        conditions = reduce_condition(list(atoms), space)
        if conditions is None:
            continue
        conditions = conditions.xreplace(back)
        values = tuple(v.xreplace(back) for v in values)
        strategies = dict(assign)
        ordered = {p: strategies[p] for p in game.decision_nodes()}
        moves, _ = _play(game, ordered)
        branches.append(SubgamePerfectBranch(
            players=game.players, strategies=MappingProxyType(ordered), path=moves, payoffs=values,
            conditions=conditions, parameters=parameters, description=_describe_profile(game, ordered)))
    return SubgamePerfectConditions(branches, game=game, space=space)
