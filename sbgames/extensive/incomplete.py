"""Games of incomplete information: Bayesian Nash equilibria and signalling games.

Incomplete information is modelled by the Harsanyi transformation: nature
(a :class:`~sbgames.extensive.tree.Chance` node at the root) draws a
player's *type* with a commonly known prior, the player learns it, the other
players do not (their nodes after different types share an information
set).

:func:`bayesian_nash_equilibria`
    The Bayesian Nash equilibria of such a tree are the Nash equilibria of
    its (reduced) strategic form; each player's strategy is translated back
    into a *type-contingent plan* (``Status-quo: Restrain, Revisionist:
    Revise``).

:func:`signalling_game` and :func:`perfect_bayesian_equilibria`
    Two-stage signalling games: a sender of one of two types sends a
    message, the receiver sees the message (not the type) and acts.  Every
    *pure* perfect Bayesian equilibrium (PBE) is enumerated exactly, with the
    receiver's belief after each message: Bayes' rule on the path of play,
    and, off the path, the whole interval of beliefs that supports the
    receiver's action.  Each is classified as separating or pooling and
    verified before it is returned.

:func:`perfect_bayesian_conditions`
    The same enumeration for symbolic payoffs and prior: for every pure
    candidate, the conditions on the parameters under which it is a PBE.


:func:`semi_separating_equilibria`
    Hybrid PBE of games with two messages and two actions (numeric only):
    one type mixes over both messages, the other sends one for sure, and
    the receiver mixes after the message both send.  Kept separate from
    :func:`perfect_bayesian_equilibria`, which returns pure PBE only.

:func:`semi_separating_conditions`
    The same hybrid candidates for symbolic payoffs and prior: closed forms
    for the belief and the mixing probabilities, and the conditions under
    which each is a PBE.

Not implemented: other mixed PBE (both types mixing, the receiver alone
mixing, more than two messages or actions) are **not** searched for.  Mixed Bayesian Nash
equilibria *are* returned by :func:`bayesian_nash_equilibria` (from the
strategic form), but none of the refinements (intuitive criterion, D1) are
applied anywhere.

Examples
--------
The Beer-Quiche game (Cho and Kreps 1987): two pooling equilibria, no
separating one.

>>> from fractions import Fraction
>>> bq = beer_quiche()
>>> for pbe in perfect_bayesian_equilibria(bq):
...     print(pbe.describe())
pooling: T: Strong -> Beer, Weak -> Beer; S: Beer -> NoDuel, Quiche -> Duel; Pr(Strong | Beer) = 9/10, Pr(Strong | Quiche) in [0, 1/2] (off path)
pooling: T: Strong -> Quiche, Weak -> Quiche; S: Beer -> Duel, Quiche -> NoDuel; Pr(Strong | Beer) in [0, 1/2] (off path), Pr(Strong | Quiche) = 9/10
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from ..assumptions import ParameterSpace
from ..equilibrium import VerificationError
from ..numeric import format_number, kind_of, to_fraction, to_sympy
from ..conditions import condition_text, holds, reduce_condition
from .normal_form import reduced_strategies, to_normal_form
from .tree import Chance, Decision, ExtensiveGame, Terminal

__all__ = ["BayesianNashEquilibrium", "PBECondition", "PerfectBayesianEquilibrium", "SemiSeparatingCondition",
           "SemiSeparatingEquilibrium", "SignallingGame", "bayesian_nash_equilibria", "beer_quiche", "perfect_bayesian_conditions",
           "perfect_bayesian_equilibria", "semi_separating_conditions", "semi_separating_equilibria", "signalling_game", "verify_pbe",
           "verify_semi_separating"]


# -- Bayesian Nash equilibria ---------------------------------------------------------

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
            raise ValueError(f"{player} mixes in this equilibrium; see .plans")
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


def bayesian_nash_equilibria(game: ExtensiveGame, exact: bool = True) -> list:
    """The Bayesian Nash equilibria of a game whose root draws a type, as type-contingent plans.

    Parameters
    ----------
    game : ExtensiveGame
        A numeric tree whose root is a :class:`~sbgames.extensive.tree.Chance`
        node (nature draws a type; the Harsanyi transformation).
    exact : bool
        Exact (Fraction) arithmetic, passed to ``Game.equilibria``.

    Returns
    -------
    list of BayesianNashEquilibrium
        One per Nash equilibrium of ``to_normal_form(game)`` found by
        ``equilibria(exact=exact)``: for two players every extreme
        equilibrium (mixed ones included), for more players the pure ones
        only.

    Raises
    ------
    ValueError
        If the root is not a chance node, or the game is symbolic.

    Examples
    --------
    Entry against an incumbent who is Tough (prior 1/3) or Weak; the
    entrant does not know which.

    >>> from fractions import Fraction
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
        raise TypeError(f"bayesian_nash_equilibria needs an ExtensiveGame, got {type(game).__name__}")
    if not isinstance(game.root, Chance):
        raise ValueError("bayesian_nash_equilibria needs a tree whose root is a chance node drawing a type "
                         f"(the Harsanyi transformation); the root here is {type(game.root).__name__}")
    game._require_numeric("bayesian_nash_equilibria")
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


# -- signalling games -----------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class SignallingGame:
    """A two-type signalling game (see :func:`signalling_game`).

    Attributes
    ----------
    types : tuple of str
        The sender's two types; beliefs are stated as Pr(``types[0]``).
    prior : Fraction or sympy.Expr
        Pr(``types[0]``).
    messages, actions : tuple of str
    payoffs : dict
        ``{(type, message, action): (sender payoff, receiver payoff)}``,
        Fractions (numeric game) or sympy expressions (symbolic game).
    sender, receiver : str
    game : ExtensiveGame
        The tree: chance -> sender's node per type -> message -> receiver's
        information set per message (named ``"<receiver>|<message>"``) ->
        terminal.
    symbolic : bool
    """

    types: tuple
    prior: object
    messages: tuple
    actions: tuple
    payoffs: dict = field(repr=False)
    sender: str
    receiver: str
    game: ExtensiveGame = field(repr=False)
    symbolic: bool

    def infoset(self, message: str) -> str:
        """The name of the receiver's information set after `message`."""
        return f"{self.receiver}|{message}"


def _names(values, what: str, minimum: int) -> tuple:
    values = tuple(values)
    if len(values) < minimum or len(set(values)) != len(values) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{what} must be at least {minimum} distinct strings, got {values!r}")
    return values


def signalling_game(types, prior, messages, actions, payoffs, sender: str = "T", receiver: str = "S",
                    title: str = "") -> SignallingGame:
    """Build a two-stage signalling game with two sender types.

    Parameters
    ----------
    types : pair of str
        The sender's types; `prior` is the probability of the first.
    prior : number or sympy expression
        Pr(``types[0]``); a number in [0, 1] or a symbolic parameter.
    messages : sequence of str
        The sender's messages (at least 2).
    actions : sequence of str
        The receiver's actions after every message (at least 2).
    payoffs : mapping or callable
        ``{(type, message, action): (sender payoff, receiver payoff)}`` for
        every combination, or a function ``payoffs(type, message, action)``
        returning the pair.
    sender, receiver : str
        The player names (defaults ``"T"`` and ``"S"``).
    title : str, optional

    Returns
    -------
    SignallingGame
        With the tree in ``.game``.

    Examples
    --------
    >>> sg = beer_quiche()
    >>> sg.game.infosets("S")[0].members
    ('chance:Strong/T:Beer/S', 'chance:Weak/T:Beer/S')
    """
    types = _names(types, "types", 2)
    if len(types) != 2:
        raise ValueError(f"signalling_game supports exactly two sender types, got {len(types)}")
    messages = _names(messages, "messages", 2)
    actions = _names(actions, "actions", 2)
    if sender == receiver:
        raise ValueError("the sender and the receiver must be different players")
    table = {}
    for key in itertools.product(types, messages, actions):
        if callable(payoffs):
            pair = payoffs(*key)
        else:
            if key not in payoffs:
                raise ValueError(f"payoffs has no entry for (type, message, action) = {key!r}")
            pair = payoffs[key]
        pair = tuple(pair)
        if len(pair) != 2:
            raise ValueError(f"payoffs{key!r} must be a (sender, receiver) pair, got {pair!r}")
        table[key] = pair
    if not callable(payoffs):
        extra = set(payoffs) - set(table)
        if extra:
            raise ValueError(f"payoffs has entries for unknown (type, message, action): {sorted(extra)!r}")
    if isinstance(prior, str):  # "1/3", "0.9": read as an exact number, never evaluated
        from ..model import parse_number
        prior = parse_number(prior)
    values = [prior, *[v for pair in table.values() for v in pair]]
    symbolic = any(kind_of(v) == "symbolic" for v in values)
    convert = to_sympy if symbolic else to_fraction
    prior = convert(prior)
    if not symbolic and not 0 <= prior <= 1:
        raise ValueError(f"the prior must lie in [0, 1], got {format_number(prior)}")
    table = {k: tuple(convert(v) for v in pair) for k, pair in table.items()}

    def sender_node(t):
        return Decision(sender, {m: Decision(receiver, {a: Terminal(table[t, m, a]) for a in actions},
                                             infoset=f"{receiver}|{m}") for m in messages})

    root = Chance({types[0]: (prior, sender_node(types[0])), types[1]: (1 - prior, sender_node(types[1]))})
    game = ExtensiveGame(root, players=[sender, receiver], title=title)
    return SignallingGame(types=types, prior=prior, messages=messages, actions=actions, payoffs=table,
                          sender=sender, receiver=receiver, game=game, symbolic=symbolic)


def beer_quiche(prior=Fraction(9, 10)) -> SignallingGame:
    """The Beer-Quiche game of Cho and Kreps (1987).

    The sender (``T``) is Strong with probability `prior`, else Weak; he
    has Beer or Quiche for breakfast.  Strong prefers Beer, Weak Quiche
    (worth 1); avoiding a duel is worth 2 to both.  The receiver (``S``)
    gains 1 by dueling a Weak sender or by not dueling a Strong one, else 0.

    Examples
    --------
    >>> beer_quiche().payoffs["Weak", "Quiche", "NoDuel"]
    (Fraction(3, 1), Fraction(0, 1))
    """
    def pay(t, m, a):
        preferred = (t == "Strong") == (m == "Beer")
        sender = (1 if preferred else 0) + (2 if a == "NoDuel" else 0)
        receiver = 1 if (a == "Duel") == (t == "Weak") else 0
        return sender, receiver
    return signalling_game(("Strong", "Weak"), prior, ("Beer", "Quiche"), ("Duel", "NoDuel"), pay,
                           title="Beer-Quiche")


@dataclass(frozen=True, eq=False)
class PerfectBayesianEquilibrium:
    """One pure perfect Bayesian equilibrium of a signalling game.

    Attributes
    ----------
    sender_strategy : dict
        ``{type: message}``.
    receiver_strategy : dict
        ``{message: action}``.
    beliefs : dict
        ``{message: Pr(types[0] | message)}`` for the messages sent on the
        path of play (Bayes' rule).
    off_path_beliefs : dict
        ``{message: (low, high)}`` for messages no type sends: every belief
        Pr(``types[0]``) in the closed interval ``[low, high]`` makes the
        receiver's action a best reply there (any such belief completes the
        equilibrium).
    kind : {"separating", "pooling"}
    sender_payoffs : dict
        ``{type: payoff}``.
    receiver_payoff : Fraction
        The receiver's expected payoff (under the prior).
    """

    sender_strategy: dict
    receiver_strategy: dict
    beliefs: dict
    off_path_beliefs: dict
    kind: str
    sender_payoffs: dict
    receiver_payoff: object
    game: SignallingGame = field(repr=False)

    def describe(self) -> str:
        sg = self.game
        t1 = sg.types[0]
        sends = ", ".join(f"{t} -> {m}" for t, m in self.sender_strategy.items())
        replies = ", ".join(f"{m} -> {a}" for m, a in self.receiver_strategy.items())
        beliefs = []
        for m in sg.messages:
            if m in self.beliefs:
                beliefs.append(f"Pr({t1} | {m}) = {format_number(self.beliefs[m])}")
            else:
                lo, hi = self.off_path_beliefs[m]
                beliefs.append(f"Pr({t1} | {m}) in [{format_number(lo)}, {format_number(hi)}] (off path)")
        return f"{self.kind}: {sg.sender}: {sends}; {sg.receiver}: {replies}; " + ", ".join(beliefs)

    def __repr__(self) -> str:
        return f"PerfectBayesianEquilibrium({self.describe()})"


def _require(sg, what: str) -> None:
    if not isinstance(sg, SignallingGame):
        raise TypeError(f"{what} needs a SignallingGame (from signalling_game), got {type(sg).__name__}")


def _weights(sg: SignallingGame, sends: dict, message: str) -> tuple:
    """The prior weights of the two types that send `message` (0 for a type that does not)."""
    t1, t2 = sg.types
    return (sg.prior if sends[t1] == message else 0, 1 - sg.prior if sends[t2] == message else 0)


def _belief_interval(sg: SignallingGame, message: str, action: str):
    """The beliefs Pr(types[0]) in [0, 1] at which `action` is a best reply after `message`, or None."""
    t1, t2 = sg.types
    lo, hi = Fraction(0), Fraction(1)
    a = action
    for b in sg.actions:
        if b == a:
            continue
        # mu * d1 + (1 - mu) * d2 >= 0, i.e. d2 + mu * (d1 - d2) >= 0
        d1 = sg.payoffs[t1, message, a][1] - sg.payoffs[t1, message, b][1]
        d2 = sg.payoffs[t2, message, a][1] - sg.payoffs[t2, message, b][1]
        slope = d1 - d2
        if slope > 0:
            lo = max(lo, Fraction(-d2) / slope)
        elif slope < 0:
            hi = min(hi, Fraction(-d2) / slope)
        elif d2 < 0:
            return None
    return (lo, hi) if lo <= hi else None


def _receiver_value(sg: SignallingGame, message: str, action: str, mu):
    t1, t2 = sg.types
    return mu * sg.payoffs[t1, message, action][1] + (1 - mu) * sg.payoffs[t2, message, action][1]


def verify_pbe(pbe: PerfectBayesianEquilibrium) -> None:
    """Check a pure PBE exactly; raise :class:`~sbgames.errors.VerificationError` if it fails.

    Checked: Bayes' rule for the beliefs on the path; that no message the
    sender strategy sends is listed off path and vice versa; the receiver's
    action is a best reply to the belief at every on-path information set
    and to both ends of every off-path interval (hence to every belief in
    it); every type's message is a best reply to the receiver's strategy.

    A :class:`SemiSeparatingEquilibrium` is passed on to
    :func:`verify_semi_separating`.

    Examples
    --------
    >>> for pbe in perfect_bayesian_equilibria(beer_quiche()):
    ...     verify_pbe(pbe)
    """
    if isinstance(pbe, SemiSeparatingEquilibrium):
        verify_semi_separating(pbe)
        return
    sg = pbe.game
    sends, replies = pbe.sender_strategy, pbe.receiver_strategy
    for m in sg.messages:
        w1, w2 = _weights(sg, sends, m)
        if w1 + w2 > 0:
            if m not in pbe.beliefs or m in pbe.off_path_beliefs:
                raise VerificationError(f"{m} is on the path of play but has no Bayesian belief")
            if pbe.beliefs[m] != Fraction(w1) / (w1 + w2):
                raise VerificationError(f"the belief after {m} is not given by Bayes' rule")
            points = [pbe.beliefs[m]]
        else:
            if m not in pbe.off_path_beliefs or m in pbe.beliefs:
                raise VerificationError(f"{m} is off the path of play but has no belief interval")
            lo, hi = pbe.off_path_beliefs[m]
            if not 0 <= lo <= hi <= 1:
                raise VerificationError(f"the belief interval after {m} is not within [0, 1]")
            points = [lo, hi]
        for mu in points:
            value = _receiver_value(sg, m, replies[m], mu)
            for b in sg.actions:
                if _receiver_value(sg, m, b, mu) > value:
                    raise VerificationError(f"after {m} with belief {format_number(mu)}, {sg.receiver} gains "
                                            f"by {b} instead of {replies[m]}")
    for t in sg.types:
        value = sg.payoffs[t, sends[t], replies[sends[t]]][0]
        for m in sg.messages:
            if sg.payoffs[t, m, replies[m]][0] > value:
                raise VerificationError(f"type {t} gains by sending {m} instead of {sends[t]}")


def _strategy_profiles(sg: SignallingGame):
    for messages in itertools.product(sg.messages, repeat=2):
        sends = dict(zip(sg.types, messages))
        for actions in itertools.product(sg.actions, repeat=len(sg.messages)):
            yield sends, dict(zip(sg.messages, actions))


def perfect_bayesian_equilibria(sg: SignallingGame) -> list:
    """Every pure-strategy perfect Bayesian equilibrium of a numeric signalling game, exactly.

    Every sender strategy (type -> message) is combined with every receiver
    strategy (message -> action).  A combination is a PBE when (i) after each
    message sent with positive probability the receiver's action is a best
    reply to the Bayesian belief, (ii) after each message no type sends,
    some belief in [0, 1] makes the action a best reply (the whole interval
    of such beliefs is returned), and (iii) each type's message is a best
    reply to the receiver's strategy.  Weak best replies count (ties are
    equilibria).

    Parameters
    ----------
    sg : SignallingGame
        A numeric game (float inputs were read exactly, via their decimal
        form).

    Returns
    -------
    list of PerfectBayesianEquilibrium
        In enumeration order, each verified by :func:`verify_pbe`.

    Notes
    -----
    Only pure strategies: semi-separating (hybrid) equilibria, in which a
    type mixes between messages, are returned by
    :func:`semi_separating_equilibria` (two messages and two actions), not
    here; other equilibria in which the receiver mixes are not found.  A type with prior probability 0 is still
    required to best-reply (its node is in the tree).

    Examples
    --------
    >>> [p.kind for p in perfect_bayesian_equilibria(beer_quiche())]
    ['pooling', 'pooling']
    """
    _require(sg, "perfect_bayesian_equilibria")
    if sg.symbolic:
        raise ValueError("the signalling game is symbolic; use perfect_bayesian_conditions, or substitute "
                         "values first")
    t1, t2 = sg.types
    out = []
    for sends, replies in _strategy_profiles(sg):
        ok, beliefs, off = True, {}, {}
        for m in sg.messages:
            w1, w2 = _weights(sg, sends, m)
            interval = _belief_interval(sg, m, replies[m])
            if interval is None:
                ok = False
                break
            if w1 + w2 > 0:
                mu = Fraction(w1) / (w1 + w2)
                if not interval[0] <= mu <= interval[1]:
                    ok = False
                    break
                beliefs[m] = mu
            else:
                off[m] = interval
        if not ok:
            continue
        sender_payoffs = {t: sg.payoffs[t, sends[t], replies[sends[t]]][0] for t in sg.types}
        if any(sg.payoffs[t, m, replies[m]][0] > sender_payoffs[t] for t in sg.types for m in sg.messages):
            continue
        receiver = sg.prior * sg.payoffs[t1, sends[t1], replies[sends[t1]]][1] + \
            (1 - sg.prior) * sg.payoffs[t2, sends[t2], replies[sends[t2]]][1]
        pbe = PerfectBayesianEquilibrium(
            sender_strategy=sends, receiver_strategy=replies, beliefs=beliefs, off_path_beliefs=off,
            kind="separating" if sends[t1] != sends[t2] else "pooling", sender_payoffs=sender_payoffs,
            receiver_payoff=receiver, game=sg)
        verify_pbe(pbe)
        out.append(pbe)
    return out


# -- symbolic conditions ----------------------------------------------------------------

class _Conditional:
    """What the symbolic results share: a ``conditions`` boolean evaluated exactly at a point."""

    def holds_at(self, **values) -> bool:
        """Whether the conditions hold at a parameter point (exact)."""
        return holds(self.conditions, {k: to_fraction(v) for k, v in values.items()})


@dataclass(frozen=True, eq=False)
class PBECondition(_Conditional):
    """A pure strategy profile of a symbolic signalling game and when it is a PBE.

    Attributes
    ----------
    sender_strategy, receiver_strategy : dict
    kind : {"separating", "pooling"}
    conditions : sympy Boolean
        When the profile (with suitable off-path beliefs) is a PBE,
        simplified under the parameter space.
    off_path : tuple of str
        Messages no type sends; the condition for each is "some belief in
        [0, 1] makes the action a best reply", which for two actions is
        "a best reply at belief 0 or at belief 1".
    """

    sender_strategy: dict
    receiver_strategy: dict
    kind: str
    conditions: object
    off_path: tuple
    game: SignallingGame = field(repr=False)

    def describe(self) -> str:
        sg = self.game
        sends = ", ".join(f"{t} -> {m}" for t, m in self.sender_strategy.items())
        replies = ", ".join(f"{m} -> {a}" for m, a in self.receiver_strategy.items())
        return f"{self.kind}: {sg.sender}: {sends}; {sg.receiver}: {replies}: {condition_text(self.conditions)}"

    def __repr__(self) -> str:
        return f"PBECondition({self.describe()})"


def _space(sg: SignallingGame, parameters) -> tuple:
    """A ParameterSpace and the substitution of the game's symbols by the space's (matched by name)."""
    if isinstance(parameters, ParameterSpace):
        space = parameters
    else:
        space = ParameterSpace(parameters or {})
    names = {s.name for s in _free_symbols(sg)}
    missing = sorted(names - set(space.symbols))
    if missing:
        raise ValueError(f"no parameter (bounds) given for {', '.join(missing)}; pass a Parameter for each "
                         f"symbol of the game")
    return space, {s: space.symbols[s.name] for s in _free_symbols(sg)}


def _free_symbols(sg: SignallingGame) -> set:
    found = set(to_sympy(sg.prior).free_symbols)
    for pair in sg.payoffs.values():
        for v in pair:
            found |= to_sympy(v).free_symbols
    return found


def perfect_bayesian_conditions(sg: SignallingGame, parameters=None) -> list:
    """For every pure strategy profile, the conditions under which it is a PBE (symbolic game).

    Parameters
    ----------
    sg : SignallingGame
        Symbolic (or numeric) payoffs and prior, exactly two receiver actions.
    parameters : mapping of str to Parameter, or ParameterSpace
        Bounds for every symbol (matched by name).  The prior must be
        bounded strictly inside (0, 1) for the on-path conditions to be
        correct: Bayes' rule is applied with the weights of the types that
        send the message, which must not both be 0.

    Returns
    -------
    list of PBECondition
        The profiles whose conditions are not provably false.  The
        conditions: on-path best replies (Bayes' rule, written with
        unnormalised weights ``p * x + (1 - p) * y >= 0``); off-path
        messages: best reply at belief 0 or at belief 1 (for two actions
        this is exactly "for some belief in [0, 1]"); every type's message a
        best reply.

    Raises
    ------
    NotImplementedError
        With more than two receiver actions.

    Examples
    --------
    >>> from sbgames.model import Parameter
    >>> p = sympy.Symbol("p", positive=True)
    >>> pars = {"p": Parameter("p", Fraction(9, 10), above=Fraction(0), below=Fraction(1))}
    >>> sg = beer_quiche(prior=p)
    >>> for c in perfect_bayesian_conditions(sg, pars):
    ...     print(c.describe())
    pooling: T: Strong -> Beer, Weak -> Beer; S: Beer -> NoDuel, Quiche -> Duel: 2*p >= 1
    pooling: T: Strong -> Quiche, Weak -> Quiche; S: Beer -> Duel, Quiche -> NoDuel: 2*p >= 1
    """
    _require(sg, "perfect_bayesian_conditions")
    if len(sg.actions) != 2:
        raise NotImplementedError("perfect_bayesian_conditions handles exactly two receiver actions")
    space, sub = _space(sg, parameters)
    prior = to_sympy(sg.prior).xreplace(sub)
    if space.decide(sympy.Gt(prior, 0)) is not True or space.decide(sympy.Lt(prior, 1)) is not True:
        raise ValueError(f"the prior {prior} must be provably strictly between 0 and 1 under the parameter "
                         f"bounds (give its Parameter above=0, below=1)")
    pay = {k: tuple(to_sympy(v).xreplace(sub) for v in pair) for k, pair in sg.payoffs.items()}
    t1, t2 = sg.types
    out = []
    for sends, replies in _strategy_profiles(sg):
        atoms, off = [], []
        for m in sg.messages:
            a = replies[m]
            (b,) = [x for x in sg.actions if x != a]
            d1 = pay[t1, m, a][1] - pay[t1, m, b][1]
            d2 = pay[t2, m, a][1] - pay[t2, m, b][1]
            w1 = prior if sends[t1] == m else 0
            w2 = 1 - prior if sends[t2] == m else 0
            if sends[t1] == m or sends[t2] == m:
                atoms.append(sympy.Ge(sympy.expand(w1 * d1 + w2 * d2), 0))
            else:
                off.append(m)
                at0, at1 = space.simplify(sympy.Ge(d2, 0)), space.simplify(sympy.Ge(d1, 0))
                either = sympy.Or(at0, at1)
                if either is sympy.false:
                    atoms = None
                    break
                if either is not sympy.true:
                    atoms.append(either)
        if atoms is None:
            continue
        for t in sg.types:
            value = pay[t, sends[t], replies[sends[t]]][0]
            for m in sg.messages:
                if m != sends[t]:
                    atoms.append(sympy.Ge(sympy.expand(value - pay[t, m, replies[m]][0]), 0))
        reduced = reduce_condition(atoms, space)
        if reduced is None:
            continue
        out.append(PBECondition(sender_strategy=sends, receiver_strategy=replies,
                                kind="separating" if sends[t1] != sends[t2] else "pooling",
                                conditions=reduced, off_path=tuple(off), game=sg))
    return out


# -- semi-separating (hybrid) equilibria ------------------------------------------------------

@dataclass(frozen=True, eq=False)
class SemiSeparatingEquilibrium:
    """One semi-separating (hybrid) perfect Bayesian equilibrium of a two-message, two-action game.

    Attributes
    ----------
    sender_strategy : dict
        ``{type: {message: probability}}``; the mixing type has two positive
        entries, the other type one entry of 1.
    receiver_strategy : dict
        ``{message: {action: probability}}`` (both actions listed after every
        message; the receiver mixes after the message both types send).
    beliefs : dict
        ``{message: Pr(types[0] | message)}`` by Bayes' rule; both messages
        are on the path of play.
    kind : str
        Always ``"semi-separating"``.
    mixing_type, pooled_message : str
        The type that mixes, and the message both types send.
    sender_payoffs : dict
        ``{type: expected payoff}``.
    receiver_payoff : Fraction
        The receiver's expected payoff (under the prior).
    """

    sender_strategy: dict
    receiver_strategy: dict
    beliefs: dict
    kind: str
    mixing_type: str
    pooled_message: str
    sender_payoffs: dict
    receiver_payoff: object
    game: SignallingGame = field(repr=False)

    def describe(self) -> str:
        return _semi_separating_text(self, format_number, format_number)

    def __repr__(self) -> str:
        return f"SemiSeparatingEquilibrium({self.describe()})"


def _semi_separating_text(eq, weight, number) -> str:
    """``kind: sender: t -> mix, ...; receiver: m -> mix, ...; beliefs`` of a semi-separating profile.

    `weight` formats a probability in a mix, `number` a belief.
    """
    sg = eq.game

    def mix(d):
        return " + ".join(f"{weight(p)} {k}" for k, p in d.items() if p != 0)
    sends = ", ".join(f"{t} -> {mix(d)}" for t, d in eq.sender_strategy.items())
    replies = ", ".join(f"{m} -> {mix(d)}" for m, d in eq.receiver_strategy.items())
    beliefs = ", ".join(f"Pr({sg.types[0]} | {m}) = {number(mu)}" for m, mu in eq.beliefs.items())
    return f"{eq.kind}: {sg.sender}: {sends}; {sg.receiver}: {replies}; {beliefs}"


def _mixed_sender_value(sg: SignallingGame, t: str, m: str, reply: dict):
    return sum(q * sg.payoffs[t, m, a][0] for a, q in reply.items())


def _mixed_receiver_total(sg: SignallingGame, sends: dict, replies: dict):
    t1, t2 = sg.types
    total = Fraction(0)
    for t, w in ((t1, sg.prior), (t2, 1 - sg.prior)):
        for m, s in sends[t].items():
            for a, r in replies[m].items():
                total += w * s * r * sg.payoffs[t, m, a][1]
    return total


def verify_semi_separating(eq: SemiSeparatingEquilibrium) -> None:
    """Check a semi-separating PBE exactly; raise :class:`~sbgames.errors.VerificationError` if it fails.

    Checked: the strategies are probability distributions over the game's
    messages and actions, and one type really mixes; Bayes' rule after every
    message sent with positive probability (every message must be, and must
    carry a belief); every action the receiver plays with positive
    probability is a best reply to the belief (so a receiver who mixes is
    indifferent); every message a type sends with positive probability
    attains that type's best expected payoff against the receiver's mixed
    strategy (so a mixing type is indifferent, and no type gains by
    deviating); the recorded payoffs.

    Examples
    --------
    >>> for eq in semi_separating_equilibria(beer_quiche(Fraction(1, 3))):
    ...     verify_semi_separating(eq)
    """
    sg = eq.game
    t1, t2 = sg.types
    sends, replies = eq.sender_strategy, eq.receiver_strategy
    for owner, table, keys in (("type", sends, sg.messages), ("message", replies, sg.actions)):
        for k, dist in table.items():
            if set(dist) - set(keys) or any(q < 0 for q in dist.values()) or sum(dist.values()) != 1:
                raise VerificationError(f"the strategy at {owner} {k} is not a probability distribution")
    if set(sends) != set(sg.types) or set(replies) != set(sg.messages):
        raise VerificationError("the strategies do not cover every type and every message")
    if not any(sum(1 for q in sends[t].values() if q > 0) == 2 for t in sg.types):
        raise VerificationError("no sender type mixes; this is not a semi-separating equilibrium")
    for m in sg.messages:
        w1 = sg.prior * sends[t1].get(m, 0)
        w2 = (1 - sg.prior) * sends[t2].get(m, 0)
        if w1 + w2 == 0 or m not in eq.beliefs:
            raise VerificationError(f"{m} is not on the path of play with a Bayesian belief")
        mu = eq.beliefs[m]
        if mu != Fraction(w1) / (w1 + w2):
            raise VerificationError(f"the belief after {m} is not given by Bayes' rule")
        best = max(_receiver_value(sg, m, b, mu) for b in sg.actions)
        for a, q in replies[m].items():
            if q > 0 and _receiver_value(sg, m, a, mu) != best:
                raise VerificationError(f"after {m} with belief {format_number(mu)}, {sg.receiver} plays {a} "
                                        f"with positive probability but it is not a best reply")
    for t in sg.types:
        values = {m: _mixed_sender_value(sg, t, m, replies[m]) for m in sg.messages}
        best = max(values.values())
        for m, q in sends[t].items():
            if q > 0 and values[m] != best:
                raise VerificationError(f"type {t} sends {m} with positive probability but gains by "
                                        f"sending {max(values, key=values.get)} instead")
    for t in sg.types:
        expected = sum(q * _mixed_sender_value(sg, t, m, replies[m]) for m, q in sends[t].items())
        if eq.sender_payoffs.get(t) != expected:
            raise VerificationError(f"the recorded payoff of type {t} is wrong")
    if eq.receiver_payoff != _mixed_receiver_total(sg, sends, replies):
        raise VerificationError("the recorded receiver payoff is wrong")


def semi_separating_equilibria(sg: SignallingGame) -> list:
    """The semi-separating (hybrid) PBE of a numeric signalling game with two messages and two actions.

    One type ``A`` mixes over both messages, the other type ``B`` sends
    ``m_b`` for sure.  After ``m_b`` the receiver's belief must be the
    indifference belief ``mu*`` (its two actions give it the same expected
    payoff; without such a belief in (0, 1) there is no semi-separating one), which fixes by Bayes'
    rule the probability with which ``A`` sends ``m_b`` (kept if strictly
    between 0 and 1).  After the other message ``m_o``, sent by ``A`` only,
    the belief is degenerate on ``A`` and the receiver plays a best reply
    ``a_o`` (each one in turn if tied).  The receiver's mixing probability
    after ``m_b`` makes ``A`` indifferent between ``m_b`` and ``m_o`` (kept if
    in [0, 1]); ``B`` must weakly prefer ``m_b``.  Every ``A``, ``m_b`` and
    ``a_o`` is tried.

    These are **not** included in :func:`perfect_bayesian_equilibria`, which
    stays pure; call both for the pure and the semi-separating PBE.

    Parameters
    ----------
    sg : SignallingGame
        Numeric, exactly two messages and two receiver actions.

    Returns
    -------
    list of SemiSeparatingEquilibrium
        Each verified by :func:`verify_semi_separating` (``verify_pbe``
        accepts them too).  Empty if the prior is 0 or 1.

    Raises
    ------
    NotImplementedError
        With more than two messages or actions, and in the degenerate cases
        that give a continuum of hybrid equilibria: the receiver indifferent
        after ``m_b`` at every belief, or the mixing type's payoff after
        ``m_b`` independent of the receiver's action while equal to its
        payoff after ``m_o``.

    Notes
    -----
    Only the equilibria in which the belief after ``m_b`` is ``mu*`` are
    returned.  When the computed receiver probability is 0 or 1 (the
    receiver is then in fact pure after ``m_b``), other mixing probabilities
    of ``A`` whose beliefs keep that pure action a best reply are
    equilibria too; they are not listed.  Equilibria in which both types
    mix, or in which only the receiver mixes, are not searched for.  No
    symbolic counterpart: :func:`semi_separating_conditions`.

    Examples
    --------
    Beer-Quiche with Pr(Strong) = 1/3 has no pure PBE, but a hybrid one:

    >>> for eq in semi_separating_equilibria(beer_quiche(Fraction(1, 3))):
    ...     print(eq.describe())
    semi-separating: T: Strong -> 1 Beer, Weak -> 1/2 Beer + 1/2 Quiche; S: Beer -> 1/2 Duel + 1/2 NoDuel, Quiche -> 1 Duel; Pr(Strong | Beer) = 1/2, Pr(Strong | Quiche) = 0
    """
    _require(sg, "semi_separating_equilibria")
    if sg.symbolic:
        raise ValueError("the signalling game is symbolic; semi_separating_equilibria is numeric only "
                         "(substitute values first)")
    if len(sg.messages) != 2 or len(sg.actions) != 2:
        raise NotImplementedError("semi_separating_equilibria handles exactly two messages and two actions")
    p = sg.prior
    if not 0 < p < 1:
        return []
    t1, t2 = sg.types
    a0, a1 = sg.actions
    out = []
    for A in sg.types:
        (B,) = [t for t in sg.types if t != A]
        for mb in sg.messages:
            (mo,) = [m for m in sg.messages if m != mb]
            # receiver indifferent after mb: mu * d1 + (1 - mu) * d2 = 0
            d1 = sg.payoffs[t1, mb, a0][1] - sg.payoffs[t1, mb, a1][1]
            d2 = sg.payoffs[t2, mb, a0][1] - sg.payoffs[t2, mb, a1][1]
            if d1 == d2:
                if d1 == 0:
                    raise NotImplementedError(f"{sg.receiver} is indifferent after {mb} at every belief: a "
                                              f"continuum of hybrid equilibria, not enumerated")
                continue
            mu = Fraction(-d2) / (d1 - d2)
            if not 0 < mu < 1:
                continue
            # Pr(A sends mb) = q by Bayes' rule: Pr(t1 | mb) = mu
            if A == t1:   # mu = p q / (p q + 1 - p)
                q = mu * (1 - p) / (p * (1 - mu))
            else:         # mu = p / (p + (1 - p) q)
                q = p * (1 - mu) / (mu * (1 - p))
            if not 0 < q < 1:
                continue
            mu_o = Fraction(1) if A == t1 else Fraction(0)
            best_o = max(_receiver_value(sg, mo, a, mu_o) for a in sg.actions)
            for ao in sg.actions:
                if _receiver_value(sg, mo, ao, mu_o) != best_o:
                    continue
                # A indifferent: r * uA(mb, a0) + (1 - r) * uA(mb, a1) = uA(mo, ao)
                slope = sg.payoffs[A, mb, a0][0] - sg.payoffs[A, mb, a1][0]
                gap = sg.payoffs[A, mo, ao][0] - sg.payoffs[A, mb, a1][0]
                if slope == 0:
                    if gap == 0:
                        raise NotImplementedError(f"type {A}'s payoff after {mb} does not depend on "
                                                  f"{sg.receiver}'s action: a continuum of hybrid equilibria, "
                                                  f"not enumerated")
                    continue
                r = Fraction(gap) / slope
                if not 0 <= r <= 1:
                    continue
                reply_b = {a0: r, a1: 1 - r}
                if _mixed_sender_value(sg, B, mb, reply_b) < sg.payoffs[B, mo, ao][0]:
                    continue
                sends = {t: ({mb: q, mo: 1 - q} if t == A else {mb: Fraction(1)}) for t in sg.types}
                replies = {m: (reply_b if m == mb else {a: Fraction(int(a == ao)) for a in sg.actions})
                           for m in sg.messages}
                beliefs = {mb: mu, mo: mu_o}
                sender_payoffs = {t: sum(s * _mixed_sender_value(sg, t, m, replies[m])
                                         for m, s in sends[t].items()) for t in sg.types}
                eq = SemiSeparatingEquilibrium(
                    sender_strategy=sends, receiver_strategy=replies,
                    beliefs={m: beliefs[m] for m in sg.messages}, kind="semi-separating", mixing_type=A,
                    pooled_message=mb, sender_payoffs=sender_payoffs,
                    receiver_payoff=_mixed_receiver_total(sg, sends, replies), game=sg)
                verify_semi_separating(eq)
                out.append(eq)
    return out


# -- symbolic conditions for semi-separating equilibria ------------------------------------------

@dataclass(frozen=True, eq=False)
class SemiSeparatingCondition(_Conditional):
    """A semi-separating candidate of a symbolic signalling game and when it is a PBE.

    Attributes
    ----------
    sender_strategy : dict
        ``{type: {message: probability}}`` with sympy expressions (the mixing
        type's probabilities are ``sigma`` and ``1 - sigma``).
    receiver_strategy : dict
        ``{message: {action: probability}}``: ``r`` and ``1 - r`` after the
        pooled message, 1 and 0 after the other.
    beliefs : dict
        ``{message: Pr(types[0] | message)}``: ``mu*`` after the pooled
        message, 1 or 0 after the other.
    kind : str
        Always ``"semi-separating"``.
    mixing_type, pooled_message, other_action : str
        The type that mixes, the message both types send, and the receiver's
        action after the other message.
    conditions : sympy Boolean
        When the candidate is a PBE, simplified under the parameter space.
    """

    sender_strategy: dict
    receiver_strategy: dict
    beliefs: dict
    kind: str
    mixing_type: str
    pooled_message: str
    other_action: str
    conditions: object
    game: SignallingGame = field(repr=False)

    def describe(self) -> str:
        text = _semi_separating_text(self, lambda p: f"({sympy.sstr(p)})", sympy.sstr)
        return f"{text}: {condition_text(self.conditions)}"

    def __repr__(self) -> str:
        return f"SemiSeparatingCondition({self.describe()})"


def _ratio_atoms(num, den, rel, space: ParameterSpace) -> list:
    """Atoms equivalent to ``rel(num / den, 0)`` (``rel`` is sympy.Gt or sympy.Ge), denominator non-zero.

    Factors of the denominator with a known sign on the space are divided out.
    """
    coeff, factors = sympy.factor_list(sympy.expand(den))
    if coeff == 0:
        return [sympy.false]
    sign = 1 if coeff > 0 else -1
    kept, atoms = sympy.Integer(1), []
    for f, e in factors:
        signs = space.sign_set(f)
        if signs == {"+"}:
            continue
        if signs == {"-"}:
            sign *= (-1) ** e
            continue
        atoms.append(sympy.Ne(f, 0))
        if e % 2:
            kept *= f
    atoms.append(rel(sympy.expand(sign * num * kept), 0))
    return atoms


def semi_separating_conditions(sg: SignallingGame, parameters=None) -> list:
    """The symbolic counterpart of :func:`semi_separating_equilibria`: closed forms and conditions.

    For every candidate (mixing type ``A``, pooled message ``m_b``, receiver
    action ``a_o`` after the other message ``m_o``): the receiver's
    indifference belief ``mu*`` after ``m_b``, ``A``'s probability ``sigma``
    of sending ``m_b`` (Bayes' rule), the receiver's probability ``r`` of its
    first action after ``m_b`` (``A`` indifferent), and the conditions under
    which the candidate is a PBE: ``0 < sigma < 1``, ``0 <= r <= 1``,
    ``a_o`` a best reply after ``m_o`` to the belief "type ``A``", type ``B``
    weakly prefers ``m_b``, and the denominators non-zero (the receiver is
    not indifferent after ``m_b`` at every belief, and ``A``'s payoff after
    ``m_b`` depends on the receiver's action).  Ratio conditions are stated
    multiplied through by the denominators (after dividing out factors of
    known sign), so they are polynomial in the parameters.

    Parameters
    ----------
    sg : SignallingGame
        Symbolic (or numeric) payoffs and prior, two messages, two actions.
    parameters : mapping of str to Parameter, or ParameterSpace
        Bounds for every symbol (matched by name); the prior must be
        provably strictly between 0 and 1.

    Returns
    -------
    list of SemiSeparatingCondition
        The candidates whose conditions are not provably false, in the
        enumeration order of :func:`semi_separating_equilibria`.

    Raises
    ------
    NotImplementedError
        With more than two messages or actions.

    Examples
    --------
    >>> from sbgames.model import Parameter
    >>> p = sympy.Symbol("p")
    >>> pars = {"p": Parameter("p", Fraction(1, 3), above=Fraction(0), below=Fraction(1))}
    >>> for c in semi_separating_conditions(beer_quiche(prior=p), pars):
    ...     print(c.describe())
    semi-separating: T: Strong -> (1) Beer, Weak -> (-p/(p - 1)) Beer + ((2*p - 1)/(p - 1)) Quiche; S: Beer -> (1/2) Duel + (1/2) NoDuel, Quiche -> (1) Duel; Pr(Strong | Beer) = 1/2, Pr(Strong | Quiche) = 0: 1 > 2*p
    """
    _require(sg, "semi_separating_conditions")
    if len(sg.messages) != 2 or len(sg.actions) != 2:
        raise NotImplementedError("semi_separating_conditions handles exactly two messages and two actions")
    space, sub = _space(sg, parameters)
    p = to_sympy(sg.prior).xreplace(sub)
    if space.decide(sympy.Gt(p, 0)) is not True or space.decide(sympy.Lt(p, 1)) is not True:
        raise ValueError(f"the prior {p} must be provably strictly between 0 and 1 under the parameter "
                         f"bounds (give its Parameter above=0, below=1)")
    pay = {k: tuple(to_sympy(v).xreplace(sub) for v in pair) for k, pair in sg.payoffs.items()}
    t1, t2 = sg.types
    a0, a1 = sg.actions

    def tidy(expr):
        return sympy.factor(sympy.cancel(expr))

    out = []
    for A in sg.types:
        (B,) = [t for t in sg.types if t != A]
        for mb in sg.messages:
            (mo,) = [m for m in sg.messages if m != mb]
            d1 = pay[t1, mb, a0][1] - pay[t1, mb, a1][1]
            d2 = pay[t2, mb, a0][1] - pay[t2, mb, a1][1]
            # indifference after mb: mu * d1 + (1 - mu) * d2 = 0, mu* = d2 / (d2 - d1)
            base = [sympy.Ne(sympy.expand(d2 - d1), 0)]
            if A == t1:   # sigma = mu (1 - p) / (p (1 - mu))
                s_num, s_den = d2 * (1 - p), -d1 * p
            else:         # sigma = p (1 - mu) / (mu (1 - p))
                s_num, s_den = -d1 * p, d2 * (1 - p)
            base += _ratio_atoms(s_num, s_den, sympy.Gt, space)              # sigma > 0
            base += _ratio_atoms(s_den - s_num, s_den, sympy.Gt, space)      # sigma < 1
            mu = tidy(d2 / (d2 - d1)) if sympy.expand(d2 - d1) != 0 else sympy.nan
            sigma = tidy(s_num / s_den) if sympy.expand(s_den) != 0 else sympy.nan
            slope = pay[A, mb, a0][0] - pay[A, mb, a1][0]
            mu_o = sympy.Integer(1) if A == t1 else sympy.Integer(0)
            for ao in sg.actions:
                (bo,) = [a for a in sg.actions if a != ao]
                gap = pay[A, mo, ao][0] - pay[A, mb, a1][0]
                atoms = list(base)
                atoms.append(sympy.Ge(sympy.expand(pay[A, mo, ao][1] - pay[A, mo, bo][1]), 0))
                atoms.append(sympy.Ne(sympy.expand(slope), 0))
                atoms += _ratio_atoms(gap, slope, sympy.Ge, space)            # r >= 0
                atoms += _ratio_atoms(slope - gap, slope, sympy.Ge, space)    # r <= 1
                # B: r uB(mb, a0) + (1 - r) uB(mb, a1) >= uB(mo, ao), times slope
                b_num = slope * (pay[B, mb, a1][0] - pay[B, mo, ao][0]) + gap * (pay[B, mb, a0][0] - pay[B, mb, a1][0])
                atoms += _ratio_atoms(b_num, slope, sympy.Ge, space)
                if any(a is sympy.false for a in atoms):
                    continue
                reduced = reduce_condition(atoms, space)
                if reduced is None:
                    continue
                r = tidy(gap / slope) if sympy.expand(slope) != 0 else sympy.nan
                sends = {t: ({mb: sigma, mo: tidy(1 - sigma)} if t == A else {mb: sympy.Integer(1)})
                         for t in sg.types}
                replies = {m: ({a0: r, a1: tidy(1 - r)} if m == mb
                               else {a: sympy.Integer(int(a == ao)) for a in sg.actions}) for m in sg.messages}
                beliefs = {m: (mu if m == mb else mu_o) for m in sg.messages}
                out.append(SemiSeparatingCondition(
                    sender_strategy=sends, receiver_strategy=replies, beliefs=beliefs, kind="semi-separating",
                    mixing_type=A, pooled_message=mb, other_action=ao, conditions=reduced, game=sg))
    return out
