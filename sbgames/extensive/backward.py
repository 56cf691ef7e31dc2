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
from fractions import Fraction
from types import MappingProxyType

import sympy

from ..assumptions import ParameterSpace
from ..conditions import reduce_condition
from ..errors import InputError, InputTypeError, SolverLimitError, VerificationError
from ..numeric import format_number, to_sympy
from ..parameters import Parameter
from ..tolerance import check_tolerance
from .profiles import continuation_values, describe_profile, one_shot_deviations, play_out, require_perfect_information
from .spe_results import SubgamePerfectBranch, SubgamePerfectConditions, SubgamePerfectEquilibrium, SubgamePerfectSet
from .tree import Chance, ExtensiveGame, Terminal

__all__ = ["subgame_perfect_equilibria", "subgame_perfect_conditions", "SubgamePerfectEquilibrium", "SubgamePerfectSet",
           "SubgamePerfectBranch", "SubgamePerfectConditions", "DEFAULT_LIMIT"]

#: Default cap on the number of equilibria (or branches) enumerated.
DEFAULT_LIMIT = 10_000


def _too_many(limit: int, path: str, count) -> SolverLimitError:
    return SolverLimitError(f"more than {limit} pure subgame-perfect profiles (at node {path}: {count}); ties "
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
        The most equilibria enumerated; more raise ``SolverLimitError``.  The
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
    InputError
        Imperfect information.
    SolverLimitError
        More than `limit` equilibria.
    InputTypeError
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
    require_perfect_information(game, "subgame_perfect_equilibria")
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
        check = continuation_values(game, ordered)[root]
        if exact and check != values:
            raise VerificationError(f"backward induction payoffs {values} differ from the profile's {check}")
        moves, outcomes = play_out(game, ordered)
        results.append(SubgamePerfectEquilibrium(
            game=game, strategies=MappingProxyType(ordered), path=moves, payoffs=check,
            outcomes=MappingProxyType(outcomes), exact=exact, tol=None if exact else tol))
    return SubgamePerfectSet(results, game=game, exact=exact, tol=None if exact else tol)


# -- symbolic conditions -------------------------------------------------------------

def _space_for(game: ExtensiveGame, space) -> ParameterSpace:
    """The parameter space: given, from a model, or from the symbols' own assumptions."""
    if space is None:
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
    raise InputTypeError(f"space must be a ParameterSpace, a Model or None, got {type(space).__name__}")


def _numbers(node) -> tuple:
    if isinstance(node, Terminal):
        return tuple(node.payoffs)
    if isinstance(node, Chance):
        return node.probabilities
    return ()


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
    require_perfect_information(game, "subgame_perfect_conditions")
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
        raise InputError(f"the game uses symbols {sorted(unknown)} that the parameter space does not declare "
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
            raise SolverLimitError(f"more than {limit} partial profiles at node {path} ({count}); raise limit=")
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
                    raise SolverLimitError(f"more than {limit} partial profiles at node {path}; raise limit=")
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
        moves, _ = play_out(game, ordered)
        branches.append(SubgamePerfectBranch(
            players=game.players, strategies=MappingProxyType(ordered), path=moves, payoffs=values,
            conditions=conditions, parameters=parameters, description=describe_profile(game, ordered)))
    return SubgamePerfectConditions(branches, game=game, space=space)
