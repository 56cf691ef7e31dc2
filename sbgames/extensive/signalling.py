"""Two-type signalling games: the game, its tree, and the computations its solvers share.

A sender of one of two types (drawn by nature with a commonly known prior)
sends a message; the receiver sees the message, not the type, and acts.
:func:`signalling_game` builds such a game (numeric or symbolic payoffs and
prior) with its tree; :func:`beer_quiche` is the textbook example.

The solvers live beside this module: pure perfect Bayesian equilibria in
:mod:`sbgames.extensive.pbe`, semi-separating (hybrid) ones in
:mod:`sbgames.extensive.semi_separating`.

Examples
--------
>>> sg = beer_quiche()
>>> sg.types, sg.prior
(('Strong', 'Weak'), Fraction(9, 10))
>>> sg.belief_interval("Quiche", "Duel")
(Fraction(0, 1), Fraction(1, 2))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import sympy
from fractions import Fraction

from ..assumptions import ParameterSpace
from ..conditions import condition_text, holds
from ..errors import InputError, InputTypeError
from ..numeric import format_number, kind_of, parse_number, to_fraction, to_sympy
from ..results import ClosedFormMixin, expression_json, merge_values
from .tree import Chance, Decision, ExtensiveGame, Terminal

__all__ = ["SignallingGame", "signalling_game", "beer_quiche", "require_signalling_game", "SignallingCondition",
           "SignallingEquilibria", "SignallingConditions", "as_mix", "mix_json"]


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

    def weights(self, sends: dict, message: str) -> tuple:
        """The prior weights of the two types that send `message` under the pure `sends` (0 for a type that does not).

        Examples
        --------
        >>> beer_quiche().weights({"Strong": "Beer", "Weak": "Quiche"}, "Beer")
        (Fraction(9, 10), 0)
        """
        t1, t2 = self.types
        return (self.prior if sends[t1] == message else 0, 1 - self.prior if sends[t2] == message else 0)

    def receiver_value(self, message: str, action: str, belief):
        """The receiver's expected payoff from `action` after `message` at the belief Pr(``types[0]``) = `belief`.

        Examples
        --------
        >>> beer_quiche().receiver_value("Beer", "Duel", Fraction(1, 4))
        Fraction(3, 4)
        """
        t1, t2 = self.types
        return belief * self.payoffs[t1, message, action][1] + (1 - belief) * self.payoffs[t2, message, action][1]

    def sender_value(self, sender_type: str, message: str, reply: dict):
        """A type's expected payoff from `message` when the receiver answers with the mix `reply` (``{action: prob}``).

        Examples
        --------
        >>> beer_quiche().sender_value("Weak", "Quiche", {"Duel": Fraction(1, 2), "NoDuel": Fraction(1, 2)})
        Fraction(2, 1)
        """
        return sum(q * self.payoffs[sender_type, message, a][0] for a, q in reply.items())

    def expected_payoffs(self, sends: dict, replies: dict) -> dict:
        """Expected payoffs keyed by player: ``{sender: {type: payoff}, receiver: payoff}``.

        `sends` is ``{type: {message: probability}}`` and `replies`
        ``{message: {action: probability}}`` (:func:`as_mix` turns a pure
        strategy into this form).  The receiver's payoff is taken under the
        prior.

        Examples
        --------
        >>> sg = beer_quiche()
        >>> sg.expected_payoffs(as_mix({"Strong": "Beer", "Weak": "Beer"}),
        ...                     as_mix({"Beer": "NoDuel", "Quiche": "Duel"}))
        {'T': {'Strong': Fraction(3, 1), 'Weak': Fraction(2, 1)}, 'S': Fraction(9, 10)}
        """
        t1, t2 = self.types
        sender = {t: sum(q * self.sender_value(t, m, replies[m]) for m, q in sends[t].items()) for t in self.types}
        receiver = sum(w * s * r * self.payoffs[t, m, a][1] for t, w in ((t1, self.prior), (t2, 1 - self.prior))
                       for m, s in sends[t].items() for a, r in replies[m].items())
        return {self.sender: sender, self.receiver: receiver}

    def belief_interval(self, message: str, action: str):
        """The beliefs Pr(``types[0]``) in [0, 1] at which `action` is a best reply after `message`, or None.

        Numeric games only.  Returns ``(low, high)``, a closed interval.
        """
        t1, t2 = self.types
        lo, hi = Fraction(0), Fraction(1)
        for b in self.actions:
            if b == action:
                continue
            # mu * d1 + (1 - mu) * d2 >= 0, i.e. d2 + mu * (d1 - d2) >= 0
            d1 = self.payoffs[t1, message, action][1] - self.payoffs[t1, message, b][1]
            d2 = self.payoffs[t2, message, action][1] - self.payoffs[t2, message, b][1]
            slope = d1 - d2
            if slope > 0:
                lo = max(lo, Fraction(-d2) / slope)
            elif slope < 0:
                hi = min(hi, Fraction(-d2) / slope)
            elif d2 < 0:
                return None
        return (lo, hi) if lo <= hi else None

    def pure_profiles(self):
        """Every pure profile: pairs ``({type: message}, {message: action})``, sender strategies outermost.

        Examples
        --------
        >>> sum(1 for _ in beer_quiche().pure_profiles())
        16
        """
        for messages in itertools.product(self.messages, repeat=2):
            sends = dict(zip(self.types, messages))
            for actions in itertools.product(self.actions, repeat=len(self.messages)):
                yield sends, dict(zip(self.messages, actions))

    def free_symbols(self) -> set:
        """The sympy symbols in the prior and the payoffs (empty for a numeric game)."""
        found = set(to_sympy(self.prior).free_symbols)
        for pair in self.payoffs.values():
            for v in pair:
                found |= to_sympy(v).free_symbols
        return found

    def in_space(self, parameters) -> tuple:
        """The parameter space, and this game rewritten in the space's symbols (matched by name).

        The symbolic solvers need the prior strictly between 0 and 1, so
        this is checked too.

        Parameters
        ----------
        parameters : mapping of str to Parameter, or ParameterSpace

        Returns
        -------
        (ParameterSpace, SignallingGame)

        Raises
        ------
        InputError
            If a symbol of the game has no parameter, or the prior is not
            provably strictly between 0 and 1 under the bounds.
        """
        space = parameters if isinstance(parameters, ParameterSpace) else ParameterSpace(parameters or {})
        symbols = self.free_symbols()
        missing = sorted({s.name for s in symbols} - set(space.symbols))
        if missing:
            raise InputError(f"no parameter (bounds) given for {', '.join(missing)}; pass a Parameter for each "
                             f"symbol of the game")
        sub = {s: space.symbols[s.name] for s in symbols}
        prior = to_sympy(self.prior).xreplace(sub)
        if space.decide(sympy.Gt(prior, 0)) is not True or space.decide(sympy.Lt(prior, 1)) is not True:
            raise InputError(f"the prior {prior} must be provably strictly between 0 and 1 under the parameter "
                             f"bounds (give its Parameter above=0, below=1)")
        payoffs = {k: tuple(to_sympy(v).xreplace(sub) for v in pair) for k, pair in self.payoffs.items()}
        return space, replace(self, prior=prior, payoffs=payoffs)

def _names(values, what: str, minimum: int) -> tuple:
    values = tuple(values)
    if len(values) < minimum or len(set(values)) != len(values) or not all(isinstance(v, str) for v in values):
        raise InputError(f"{what} must be at least {minimum} distinct strings, got {values!r}")
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
        raise InputError(f"signalling_game supports exactly two sender types, got {len(types)}")
    messages = _names(messages, "messages", 2)
    actions = _names(actions, "actions", 2)
    if sender == receiver:
        raise InputError("the sender and the receiver must be different players")
    table = {}
    for key in itertools.product(types, messages, actions):
        if callable(payoffs):
            pair = payoffs(*key)
        else:
            if key not in payoffs:
                raise InputError(f"payoffs has no entry for (type, message, action) = {key!r}")
            pair = payoffs[key]
        pair = tuple(pair)
        if len(pair) != 2:
            raise InputError(f"payoffs{key!r} must be a (sender, receiver) pair, got {pair!r}")
        table[key] = pair
    if not callable(payoffs):
        extra = set(payoffs) - set(table)
        if extra:
            raise InputError(f"payoffs has entries for unknown (type, message, action): {sorted(extra)!r}")
    if isinstance(prior, str):  # "1/3", "0.9": read as an exact number, never evaluated
        prior = parse_number(prior)
    values = [prior, *[v for pair in table.values() for v in pair]]
    symbolic = any(kind_of(v) == "symbolic" for v in values)
    convert = to_sympy if symbolic else to_fraction
    prior = convert(prior)
    if not symbolic and not 0 <= prior <= 1:
        raise InputError(f"the prior must lie in [0, 1], got {format_number(prior)}")
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


def require_signalling_game(sg, what: str) -> None:
    """Raise :class:`~sbgames.errors.InputTypeError` naming `what` unless `sg` is a :class:`SignallingGame`."""
    if not isinstance(sg, SignallingGame):
        raise InputTypeError(f"{what} needs a SignallingGame (from signalling_game), got {type(sg).__name__}")


def as_mix(strategy: dict) -> dict:
    """A pure strategy ``{key: choice}`` as the mixed ``{key: {choice: 1}}``; a mixed one is returned as it is.

    Examples
    --------
    >>> as_mix({"Strong": "Beer"})
    {'Strong': {'Beer': 1}}
    """
    return {k: (v if isinstance(v, dict) else {v: 1}) for k, v in strategy.items()}


def mix_json(value):
    """Numbers (and nested dicts of them) in a strategy or payoff table as JSON-ready data (see sbgames.results).

    Names (a pure strategy's messages and actions) stay as they are.

    Examples
    --------
    >>> mix_json({"Weak": {"Beer": Fraction(1, 2)}, "Strong": "Beer"})
    {'Weak': {'Beer': {'exact': '1/2', 'float': 0.5}}, 'Strong': 'Beer'}
    """
    if isinstance(value, dict):
        return {k: mix_json(v) for k, v in value.items()}
    return value if isinstance(value, str) else expression_json(value)


class SignallingCondition(ClosedFormMixin):
    """What the closed-form results of signalling games share (:class:`~sbgames.results.ClosedFormResult`).

    A subclass is a frozen dataclass with ``game``, ``kind``,
    ``sender_strategy``, ``receiver_strategy``, ``conditions`` and
    ``payoffs`` (keyed by player name), and defines :meth:`profile_text`.
    """

    def profile_text(self) -> str:
        """The profile in words, without the condition."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        """The profile in words (``pooling: T: Strong -> Beer, ...``)."""
        return self.profile_text()

    def describe(self) -> str:
        """The profile and its condition on one line."""
        return f"{self.profile_text()}: {condition_text(self.conditions)}"

    def holds_at(self, values=None, /, **more) -> bool:
        """Whether the conditions hold at a parameter point (exact); a mapping, keywords, or both.

        Values are numbers or exact number strings (``"1/3"``).
        """
        point = merge_values(values, more)
        return holds(self.conditions, {k: parse_number(v) for k, v in point.items()})

    def result_data(self) -> dict:
        return {"kind": self.kind, "sender": self.game.sender, "receiver": self.game.receiver,
                "sender_strategy": mix_json(self.sender_strategy),
                "receiver_strategy": mix_json(self.receiver_strategy), "payoffs": mix_json(self.payoffs)}


class SignallingEquilibria(list):
    """The verified equilibria a numeric signalling solver returns, with the game they solve.

    A list (its ``repr`` is the list's), with:

    Attributes
    ----------
    game : SignallingGame
    kind : {"pure", "semi-separating"}
        Which solver found them (the list is complete for that kind only).
    """

    def __init__(self, equilibria, *, game: SignallingGame, kind: str):
        super().__init__(equilibria)
        self.game = game
        self.kind = kind

    def to_dict(self) -> dict:
        """JSON-ready: ``{"kind": ..., "exact": true, "equilibria": [...]}``."""
        return {"kind": self.kind, "exact": True, "equilibria": [e.to_dict() for e in self]}


class SignallingConditions(list):
    """The closed-form candidates a symbolic signalling solver returns, with the parameter space.

    A list (its ``repr`` is the list's), with:

    Attributes
    ----------
    game : SignallingGame
    space : ParameterSpace
    """

    def __init__(self, results, *, game: SignallingGame, space: ParameterSpace):
        super().__init__(results)
        self.game = game
        self.space = space

    def at(self, values=None, /, **more) -> list:
        """The candidates whose conditions hold at a parameter point."""
        point = merge_values(values, more)
        return [c for c in self if c.holds_at(point)]

    def to_dict(self) -> dict:
        """JSON-ready: ``{"results": [...]}``, each as :meth:`SignallingCondition.to_dict` gives it."""
        return {"results": [c.to_dict() for c in self]}
