"""Semi-separating (hybrid) perfect Bayesian equilibria of two-message, two-action signalling games.

One type mixes over both messages, the other sends one message for sure,
and the receiver mixes after the message both send.

:func:`semi_separating_equilibria`
    Every such equilibrium of a numeric game, exactly, each verified by
    :func:`verify_semi_separating`.  Kept apart from
    :func:`~sbgames.extensive.pbe.perfect_bayesian_equilibria`, which returns
    pure PBE only.

:func:`semi_separating_conditions`
    The same candidates for symbolic payoffs and prior: closed forms for the
    belief and the mixing probabilities, and the conditions under which each
    is a PBE.

Equilibria in which both types mix, or only the receiver mixes, and games
with more than two messages or actions are **not** searched.

Examples
--------
Beer-Quiche with Pr(Strong) = 1/3 has no pure PBE, but a hybrid one:

>>> from fractions import Fraction
>>> from sbgames.extensive.signalling import beer_quiche
>>> [eq.mixing_type for eq in semi_separating_equilibria(beer_quiche(Fraction(1, 3)))]
['Weak']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from ..assumptions import ParameterSpace
from ..errors import InputError, VerificationError
from ..numeric import format_number, to_fraction, to_sympy
from ..conditions import reduce_condition
from ..results import number_json
from .signalling import (SignallingCondition, SignallingConditions, SignallingEquilibria, SignallingGame,
                         mix_json, require_signalling_game)

__all__ = ["SemiSeparatingEquilibrium", "SemiSeparatingCondition", "semi_separating_equilibria",
           "semi_separating_conditions", "verify_semi_separating"]


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

    def to_dict(self) -> dict:
        """JSON-ready: mixed strategies and beliefs (exact ``"p/q"`` with a float), payoffs keyed by player name.

        Examples
        --------
        >>> from sbgames.extensive.signalling import beer_quiche
        >>> data = semi_separating_equilibria(beer_quiche(Fraction(1, 3)))[0].to_dict()
        >>> data["receiver_strategy"]["Beer"]["Duel"], data["payoffs"]["S"]
        ({'exact': '1/2', 'float': 0.5}, {'exact': '2/3', 'float': 0.6666666666666666})
        """
        sg = self.game
        return {"kind": self.kind, "description": self.describe(), "sender": sg.sender, "receiver": sg.receiver,
                "mixing_type": self.mixing_type, "pooled_message": self.pooled_message,
                "sender_strategy": mix_json(self.sender_strategy),
                "receiver_strategy": mix_json(self.receiver_strategy), "beliefs": mix_json(self.beliefs),
                "payoffs": {sg.sender: mix_json(self.sender_payoffs), sg.receiver: number_json(self.receiver_payoff)}}

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
    >>> from sbgames.extensive.signalling import beer_quiche
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
        best = max(sg.receiver_value(m, b, mu) for b in sg.actions)
        for a, q in replies[m].items():
            if q > 0 and sg.receiver_value(m, a, mu) != best:
                raise VerificationError(f"after {m} with belief {format_number(mu)}, {sg.receiver} plays {a} "
                                        f"with positive probability but it is not a best reply")
    for t in sg.types:
        values = {m: sg.sender_value(t, m, replies[m]) for m in sg.messages}
        best = max(values.values())
        for m, q in sends[t].items():
            if q > 0 and values[m] != best:
                raise VerificationError(f"type {t} sends {m} with positive probability but gains by "
                                        f"sending {max(values, key=values.get)} instead")
    for t in sg.types:
        expected = sum(q * sg.sender_value(t, m, replies[m]) for m, q in sends[t].items())
        if eq.sender_payoffs.get(t) != expected:
            raise VerificationError(f"the recorded payoff of type {t} is wrong")
    if eq.receiver_payoff != sg.expected_payoffs(sends, replies)[sg.receiver]:
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
    SignallingEquilibria
        A list of :class:`SemiSeparatingEquilibrium` (``kind`` is
        ``"semi-separating"``), each verified by
        :func:`verify_semi_separating` (``verify_pbe`` accepts them too).
        Empty if the prior is 0 or 1.

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

    >>> from sbgames.extensive.signalling import beer_quiche
    >>> for eq in semi_separating_equilibria(beer_quiche(Fraction(1, 3))):
    ...     print(eq.describe())
    semi-separating: T: Strong -> 1 Beer, Weak -> 1/2 Beer + 1/2 Quiche; S: Beer -> 1/2 Duel + 1/2 NoDuel, Quiche -> 1 Duel; Pr(Strong | Beer) = 1/2, Pr(Strong | Quiche) = 0
    """
    require_signalling_game(sg, "semi_separating_equilibria")
    if sg.symbolic:
        raise InputError("the signalling game is symbolic; semi_separating_equilibria is numeric only "
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
            best_o = max(sg.receiver_value(mo, a, mu_o) for a in sg.actions)
            for ao in sg.actions:
                if sg.receiver_value(mo, ao, mu_o) != best_o:
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
                if sg.sender_value(B, mb, reply_b) < sg.payoffs[B, mo, ao][0]:
                    continue
                sends = {t: ({mb: q, mo: 1 - q} if t == A else {mb: Fraction(1)}) for t in sg.types}
                replies = {m: (reply_b if m == mb else {a: Fraction(int(a == ao)) for a in sg.actions})
                           for m in sg.messages}
                beliefs = {mb: mu, mo: mu_o}
                payoffs = sg.expected_payoffs(sends, replies)
                eq = SemiSeparatingEquilibrium(
                    sender_strategy=sends, receiver_strategy=replies,
                    beliefs={m: beliefs[m] for m in sg.messages}, kind="semi-separating", mixing_type=A,
                    pooled_message=mb, sender_payoffs=payoffs[sg.sender], receiver_payoff=payoffs[sg.receiver],
                    game=sg)
                verify_semi_separating(eq)
                out.append(eq)
    return SignallingEquilibria(out, game=sg, kind="semi-separating")


# -- symbolic conditions for semi-separating equilibria ------------------------------------------

@dataclass(frozen=True, eq=False)
class SemiSeparatingCondition(SignallingCondition):
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
    payoffs : dict
        ``{sender: {type: payoff}, receiver: expected payoff}`` in the
        parameters (the receiver's under the prior).

    A :class:`~sbgames.results.ClosedFormResult`: ``label``, ``conditions``,
    ``holds_at``, ``describe()``, ``to_dict()``.
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
    payoffs: dict = field(default=None, repr=False)

    def profile_text(self) -> str:
        return _semi_separating_text(self, lambda p: f"({sympy.sstr(p)})", sympy.sstr)

    def result_data(self) -> dict:
        return {**super().result_data(), "beliefs": mix_json(self.beliefs), "mixing_type": self.mixing_type,
                "pooled_message": self.pooled_message, "other_action": self.other_action}

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
    SignallingConditions
        A list of :class:`SemiSeparatingCondition` (closed-form results):
        the candidates whose conditions are not provably false, in the
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
    >>> from sbgames.extensive.signalling import beer_quiche
    >>> for c in semi_separating_conditions(beer_quiche(prior=p), pars):
    ...     print(c.describe())
    semi-separating: T: Strong -> (1) Beer, Weak -> (-p/(p - 1)) Beer + ((2*p - 1)/(p - 1)) Quiche; S: Beer -> (1/2) Duel + (1/2) NoDuel, Quiche -> (1) Duel; Pr(Strong | Beer) = 1/2, Pr(Strong | Quiche) = 0: p < 1/2
    """
    require_signalling_game(sg, "semi_separating_conditions")
    if len(sg.messages) != 2 or len(sg.actions) != 2:
        raise NotImplementedError("semi_separating_conditions handles exactly two messages and two actions")
    space, in_space = sg.in_space(parameters)   # the game in the space's symbols
    p, pay = in_space.prior, in_space.payoffs
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
                payoffs = in_space.expected_payoffs(sends, replies)
                out.append(SemiSeparatingCondition(
                    sender_strategy=sends, receiver_strategy=replies, beliefs=beliefs, kind="semi-separating",
                    mixing_type=A, pooled_message=mb, other_action=ao, conditions=reduced, game=sg,
                    payoffs={sg.sender: {t: tidy(v) for t, v in payoffs[sg.sender].items()},
                             sg.receiver: tidy(payoffs[sg.receiver])}))
    return SignallingConditions(out, game=sg, space=space)
