"""Pure perfect Bayesian equilibria of two-type signalling games, numeric and symbolic.

:func:`perfect_bayesian_equilibria`
    Every *pure* perfect Bayesian equilibrium (PBE) of a numeric signalling
    game, exactly, with the receiver's belief after each message: Bayes'
    rule on the path of play, and, off the path, the whole interval of
    beliefs that supports the receiver's action.  Each is classified as
    separating or pooling and verified (:func:`verify_pbe`) before it is
    returned.

:func:`perfect_bayesian_conditions`
    The same enumeration for symbolic payoffs and prior: for every pure
    profile, the conditions on the parameters under which it is a PBE.

Semi-separating (hybrid) equilibria are in
:mod:`sbgames.extensive.semi_separating`; other mixed PBE (both types
mixing, the receiver alone mixing, more than two messages or actions) are
**not** searched for, and no refinement (intuitive criterion, D1) is applied.

Examples
--------
The Beer-Quiche game (Cho and Kreps 1987): two pooling equilibria, no
separating one.

>>> from sbgames.extensive.signalling import beer_quiche
>>> for pbe in perfect_bayesian_equilibria(beer_quiche()):
...     print(pbe.describe())
pooling: T: Strong -> Beer, Weak -> Beer; S: Beer -> NoDuel, Quiche -> Duel; Pr(Strong | Beer) = 9/10, Pr(Strong | Quiche) in [0, 1/2] (off path)
pooling: T: Strong -> Quiche, Weak -> Quiche; S: Beer -> Duel, Quiche -> NoDuel; Pr(Strong | Beer) in [0, 1/2] (off path), Pr(Strong | Quiche) = 9/10
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from ..errors import InputError, VerificationError
from ..numeric import format_number, to_sympy
from ..conditions import condition_text, holds, reduce_condition
from .semi_separating import SemiSeparatingEquilibrium, verify_semi_separating
from ..results import number_json
from .signalling import (SignallingCondition, SignallingConditions, SignallingEquilibria, SignallingGame, as_mix,
                         mix_json, require_signalling_game)

__all__ = ["PerfectBayesianEquilibrium", "PBECondition", "perfect_bayesian_equilibria", "perfect_bayesian_conditions",
           "verify_pbe"]


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

    def to_dict(self) -> dict:
        """JSON-ready: strategies, beliefs (exact ``"p/q"`` with a float), payoffs keyed by player name.

        Examples
        --------
        >>> from sbgames.extensive.signalling import beer_quiche
        >>> data = perfect_bayesian_equilibria(beer_quiche())[0].to_dict()
        >>> data["payoffs"]["T"]["Weak"], data["off_path_beliefs"]["Quiche"]
        ({'exact': '2', 'float': 2.0}, [{'exact': '0', 'float': 0.0}, {'exact': '1/2', 'float': 0.5}])
        """
        sg = self.game
        return {"kind": self.kind, "description": self.describe(), "sender": sg.sender, "receiver": sg.receiver,
                "sender_strategy": dict(self.sender_strategy), "receiver_strategy": dict(self.receiver_strategy),
                "beliefs": mix_json(self.beliefs),
                "off_path_beliefs": {m: [number_json(lo), number_json(hi)]
                                     for m, (lo, hi) in self.off_path_beliefs.items()},
                "payoffs": {sg.sender: mix_json(self.sender_payoffs), sg.receiver: number_json(self.receiver_payoff)}}

    def __repr__(self) -> str:
        return f"PerfectBayesianEquilibrium({self.describe()})"


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
    >>> from sbgames.extensive.signalling import beer_quiche
    >>> for pbe in perfect_bayesian_equilibria(beer_quiche()):
    ...     verify_pbe(pbe)
    """
    if isinstance(pbe, SemiSeparatingEquilibrium):
        verify_semi_separating(pbe)
        return
    sg = pbe.game
    sends, replies = pbe.sender_strategy, pbe.receiver_strategy
    for m in sg.messages:
        w1, w2 = sg.weights(sends, m)
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
            value = sg.receiver_value(m, replies[m], mu)
            for b in sg.actions:
                if sg.receiver_value(m, b, mu) > value:
                    raise VerificationError(f"after {m} with belief {format_number(mu)}, {sg.receiver} gains "
                                            f"by {b} instead of {replies[m]}")
    for t in sg.types:
        value = sg.payoffs[t, sends[t], replies[sends[t]]][0]
        for m in sg.messages:
            if sg.payoffs[t, m, replies[m]][0] > value:
                raise VerificationError(f"type {t} gains by sending {m} instead of {sends[t]}")


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
    SignallingEquilibria
        A list of :class:`PerfectBayesianEquilibrium` in enumeration order,
        each verified by :func:`verify_pbe`; ``kind`` is ``"pure"``.

    Notes
    -----
    Only pure strategies: semi-separating (hybrid) equilibria, in which a
    type mixes between messages, are returned by
    :func:`semi_separating_equilibria` (two messages and two actions), not
    here; other equilibria in which the receiver mixes are not found.  A type with prior probability 0 is still
    required to best-reply (its node is in the tree).

    Examples
    --------
    >>> from sbgames.extensive.signalling import beer_quiche
    >>> [p.kind for p in perfect_bayesian_equilibria(beer_quiche())]
    ['pooling', 'pooling']
    """
    require_signalling_game(sg, "perfect_bayesian_equilibria")
    if sg.symbolic:
        raise InputError("the signalling game is symbolic; use perfect_bayesian_conditions, or substitute "
                         "values first")
    t1, t2 = sg.types
    out = []
    for sends, replies in sg.pure_profiles():
        ok, beliefs, off = True, {}, {}
        for m in sg.messages:
            w1, w2 = sg.weights(sends, m)
            interval = sg.belief_interval(m, replies[m])
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
        receiver = sg.expected_payoffs(as_mix(sends), as_mix(replies))[sg.receiver]
        pbe = PerfectBayesianEquilibrium(
            sender_strategy=sends, receiver_strategy=replies, beliefs=beliefs, off_path_beliefs=off,
            kind="separating" if sends[t1] != sends[t2] else "pooling", sender_payoffs=sender_payoffs,
            receiver_payoff=receiver, game=sg)
        verify_pbe(pbe)
        out.append(pbe)
    return SignallingEquilibria(out, game=sg, kind="pure")


# -- symbolic conditions ----------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class PBECondition(SignallingCondition):
    """A pure strategy profile of a symbolic signalling game and when it is a PBE.

    A :class:`~sbgames.results.ClosedFormResult`: ``label``, ``conditions``,
    ``holds_at``, ``describe()``, ``to_dict()``.

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
    payoffs : dict
        ``{sender: {type: payoff}, receiver: expected payoff}`` in the
        parameters (the receiver's under the prior).
    """

    sender_strategy: dict
    receiver_strategy: dict
    kind: str
    conditions: object
    off_path: tuple
    game: SignallingGame = field(repr=False)
    payoffs: dict = field(default=None, repr=False)

    def profile_text(self) -> str:
        sg = self.game
        sends = ", ".join(f"{t} -> {m}" for t, m in self.sender_strategy.items())
        replies = ", ".join(f"{m} -> {a}" for m, a in self.receiver_strategy.items())
        return f"{self.kind}: {sg.sender}: {sends}; {sg.receiver}: {replies}"

    def result_data(self) -> dict:
        return {**super().result_data(), "off_path": list(self.off_path)}

    def __repr__(self) -> str:
        return f"PBECondition({self.describe()})"


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
    SignallingConditions
        A list of :class:`PBECondition` (closed-form results): the profiles
        whose conditions are not provably false.  The conditions: on-path
        best replies (Bayes' rule, written with unnormalised weights
        ``p * x + (1 - p) * y >= 0``); off-path messages: best reply at
        belief 0 or at belief 1 (for two actions this is exactly "for some
        belief in [0, 1]"); every type's message a best reply.

    Raises
    ------
    NotImplementedError
        With more than two receiver actions.

    Examples
    --------
    >>> from sbgames.model import Parameter
    >>> p = sympy.Symbol("p", positive=True)
    >>> pars = {"p": Parameter("p", Fraction(9, 10), above=Fraction(0), below=Fraction(1))}
    >>> from sbgames.extensive.signalling import beer_quiche
    >>> sg = beer_quiche(prior=p)
    >>> for c in perfect_bayesian_conditions(sg, pars):
    ...     print(c.describe())
    pooling: T: Strong -> Beer, Weak -> Beer; S: Beer -> NoDuel, Quiche -> Duel: p >= 1/2
    pooling: T: Strong -> Quiche, Weak -> Quiche; S: Beer -> Duel, Quiche -> NoDuel: p >= 1/2
    """
    require_signalling_game(sg, "perfect_bayesian_conditions")
    if len(sg.actions) != 2:
        raise NotImplementedError("perfect_bayesian_conditions handles exactly two receiver actions")
    space, in_space = sg.in_space(parameters)   # the game in the space's symbols
    prior, pay = in_space.prior, in_space.payoffs
    t1, t2 = sg.types
    out = []
    for sends, replies in sg.pure_profiles():
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
        payoffs = in_space.expected_payoffs(as_mix(sends), as_mix(replies))
        out.append(PBECondition(sender_strategy=sends, receiver_strategy=replies,
                                kind="separating" if sends[t1] != sends[t2] else "pooling",
                                conditions=reduced, off_path=tuple(off), game=sg,
                                payoffs={sg.sender: {t: sympy.expand(v) for t, v in payoffs[sg.sender].items()},
                                         sg.receiver: sympy.expand(payoffs[sg.receiver])}))
    return SignallingConditions(out, game=sg, space=space)
