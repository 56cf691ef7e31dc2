"""Bayesian Nash equilibria of games whose root draws a type (the Harsanyi transformation).

Incomplete information is modelled by the Harsanyi transformation: nature
(a :class:`~sbgames.extensive.tree.Chance` node at the root) draws a
player's *type* with a commonly known prior, the player learns it, the other
players do not (their nodes after different types share an information
set).  The Bayesian Nash equilibria of such a tree are the Nash equilibria of
its (reduced) strategic form; :func:`bayesian_nash_equilibria` translates
each player's strategy back into a *type-contingent plan* (``Status-quo:
Restrain, Revisionist: Revise``).

Mixed Bayesian Nash equilibria are returned too (from the strategic form);
no refinement (intuitive criterion, D1) is applied.  Sequential rationality
in signalling games is the business of :mod:`sbgames.extensive.pbe` and
:mod:`sbgames.extensive.semi_separating`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError, InputTypeError
from ..numeric import format_number
from .normal_form import reduced_strategies, to_normal_form
from .tree import Chance, ExtensiveGame

__all__ = ["BayesianNashEquilibrium", "bayesian_nash_equilibria"]


@dataclass(frozen=True, eq=False)
class BayesianNashEquilibrium:
    """One Bayesian Nash equilibrium, as type-contingent plans.

    Attributes
    ----------
    equilibrium : Equilibrium
        The verified Nash equilibrium of the reduced strategic form.
    plans : dict
        ``{player: ((probability, {key: action}), ...)}``: the pure
        strategies in the support with their probabilities; each plan maps a
        key to an action.  The key of an information set reached after a
        single type (nature's first draw) is that type's name when the
        player has only one such set per type (``"Revisionist"``); otherwise
        it is the information set's name.  ``None`` stands for an action at
        a set the player's own earlier moves make unreachable.
    """

    equilibrium: object
    plans: dict

    @property
    def is_pure(self) -> bool:
        return self.equilibrium.is_pure

    def plan(self, player) -> dict:
        """The plan of `player` in a pure equilibrium (``{type or set: action}``)."""
        entries = self.plans[player]
        if len(entries) != 1:
            raise InputError(f"{player} mixes in this equilibrium; see .plans")
        return dict(entries[0][1])

    def describe(self) -> str:
        """``T: Status-quo -> Restrain, Revisionist -> Revise; S: ...`` (mixtures with weights)."""
        parts = []
        for player, entries in self.plans.items():
            texts = []
            for p, plan in entries:
                body = ", ".join(f"{k} -> {a if a is not None else '*'}" for k, a in plan.items()) or "-"
                texts.append(body if len(entries) == 1 else f"{format_number(p)} [{body}]")
            parts.append(f"{player}: " + " + ".join(texts))
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"BayesianNashEquilibrium({self.describe()})"


def _infoset_keys(game: ExtensiveGame) -> dict:
    """``{infoset name: key}``: the type name for a player's only set after that type, else the set's name."""
    keys = {}
    for player in game.players:
        infosets = game.infosets(player)
        by_type = {}
        for info in infosets:
            firsts = {game.history(m)[0][1] for m in info.members}
            by_type[info.name] = next(iter(firsts)) if len(firsts) == 1 else None
        counts = {}
        for t in by_type.values():
            counts[t] = counts.get(t, 0) + 1
        for info in infosets:
            t = by_type[info.name]
            keys[info.name] = t if t is not None and counts[t] == 1 else info.name
    return keys


def bayesian_nash_equilibria(game: ExtensiveGame, *, exact: bool = False) -> list:
    """The Bayesian Nash equilibria of a game whose root draws a type, as type-contingent plans.

    Parameters
    ----------
    game : ExtensiveGame
        A numeric tree whose root is a :class:`~sbgames.extensive.tree.Chance`
        node (nature draws a type; the Harsanyi transformation).
    exact : bool, default False
        Keyword only.  Exact (Fraction) arithmetic with ``True``; floats
        with ``False``.  Passed to ``Game.equilibria``.

    Returns
    -------
    list of BayesianNashEquilibrium
        One per Nash equilibrium of ``to_normal_form(game)`` found by
        ``equilibria(exact=exact)``: for two players every extreme
        equilibrium (mixed ones included), for more players the pure ones
        only.

    Raises
    ------
    InputTypeError
        If `game` is not an ExtensiveGame, or is symbolic.
    InputError
        If the root is not a chance node.

    Examples
    --------
    Entry against an incumbent who is Tough (prior 1/3) or Weak; the
    entrant does not know which.

    >>> from fractions import Fraction
    >>> from sbgames.extensive import Chance, Decision, ExtensiveGame, Terminal
    >>> game = ExtensiveGame(Chance({
    ...     "Tough": (Fraction(1, 3), Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
    ...         "Fight": Terminal((-1, 1)), "Accommodate": Terminal((1, 0))})}, infoset="E?")),
    ...     "Weak": (Fraction(2, 3), Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
    ...         "Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}, infoset="E?"))}),
    ...     players=["E", "I"])
    >>> for b in bayesian_nash_equilibria(game):
    ...     if b.is_pure:
    ...         print(b.describe())
    E: E? -> Out; I: Tough -> Fight, Weak -> Fight
    E: E? -> Out; I: Tough -> Accommodate, Weak -> Fight
    E: E? -> In; I: Tough -> Fight, Weak -> Accommodate
    >>> bayesian_nash_equilibria(game)[-1].plan("I")
    {'Tough': 'Fight', 'Weak': 'Accommodate'}

    (The other equilibria found mix.)  Bayesian Nash equilibrium does not require credible threats: the
    entrant staying out is supported by a Weak incumbent's threat to fight.
    Sequential rationality is what :func:`perfect_bayesian_equilibria` adds
    for signalling games.
    """
    if not isinstance(game, ExtensiveGame):
        raise InputTypeError(f"bayesian_nash_equilibria needs an ExtensiveGame, got {type(game).__name__}")
    if not isinstance(game.root, Chance):
        raise InputError("bayesian_nash_equilibria needs a tree whose root is a chance node drawing a type "
                         f"(the Harsanyi transformation); the root here is {type(game.root).__name__}")
    game.require_numeric("bayesian_nash_equilibria")
    if exact:
        game = game.as_exact()
    strategies = reduced_strategies(game)
    keys = _infoset_keys(game)
    normal_form = to_normal_form(game)
    out = []
    for eq in normal_form.equilibria(exact=exact):
        plans = {}
        for player, names, vec in zip(game.players, normal_form.strategies, eq.strategies):
            table = dict(strategies[player])
            entries = []
            for name, p in zip(names, vec):
                if p > 0 and (exact or p > 1e-9):
                    entries.append((p, {keys[info]: a for info, a in table[name].items()}))
            plans[player] = tuple(entries)
        out.append(BayesianNashEquilibrium(equilibrium=eq, plans=plans))
    return out
