"""Repeated-game strategies as finite automata.

An :class:`Automaton` is one player's strategy: a finite set of states, the
stage strategy it plays in each, and a transition from each state on the
publicly observed profile of the period.  A transition may look at the
*context* of the period: which profile the automata prescribed (so a
deviation is ``observed != prescribed``) and each player's cooperative
action (so "the others cooperated" can be asked of any strategy).

Examples
--------
>>> grim = grim_trigger("Cooperate", "Defect")
>>> grim.states, grim.initial, grim.actions["punish"]
(('cooperate', 'punish'), 'cooperate', 'Defect')
>>> ctx = Context(player=0, prescribed=("Cooperate", "Cooperate"), cooperative=("Cooperate", "Cooperate"))
>>> grim.next("cooperate", ("Cooperate", "Defect"), ctx)
'punish'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..errors import InputError, InputTypeError, SolverLimitError

__all__ = ["Automaton", "Context", "grim_trigger", "tit_for_tat", "k_period_punishment",
           "win_stay_lose_shift", "always", "MAX_PUNISHMENT_PERIODS"]

#: The longest punishment :func:`k_period_punishment` builds: its automaton has k + 1 states, and
#: checking subgame perfection derives a closed-form value for each; the time grows faster than
#: k**2 (the core model in its own parameters: about 15 s of CPU for k = 6).
MAX_PUNISHMENT_PERIODS = 10


class Context(NamedTuple):
    """What a transition may look at besides its state and the observed profile.

    Attributes
    ----------
    player : int
        The index of the automaton's player.
    prescribed : tuple of str
        The profile every player's automaton prescribed this period.
    cooperative : tuple of str or None
        Each player's cooperative action (``None`` for automata without one).
    """

    player: int
    prescribed: tuple
    cooperative: tuple


class Automaton:
    """One player's repeated-game strategy as a finite automaton.

    Parameters
    ----------
    states : sequence of str
    initial : str
    actions : mapping
        State -> the stage strategy (a name) played there.
    transitions : mapping or callable
        Either a callable ``(state, observed_profile, context) -> next state``,
        or a mapping ``state -> {profile: next_state}`` where a profile is a
        tuple of strategy names (one per player) and the key ``"*"`` covers
        every profile not listed.
    name : str
        A short description (``"grim trigger"``).
    cooperate, defect : str, optional
        The cooperative and punishing actions, for automata built by the
        factories below.

    Examples
    --------
    A strategy that soft balances for one period after each revision:

    >>> tit = Automaton(states=["calm", "answer"], initial="calm",
    ...                 actions={"calm": "Bandwagon", "answer": "Soft"},
    ...                 transitions={"calm": {("Revise", "Bandwagon"): "answer", "*": "calm"},
    ...                              "answer": {"*": "calm"}})
    >>> tit.next("calm", ("Revise", "Bandwagon"), None)
    'answer'
    """

    def __init__(self, states, initial, actions: Mapping, transitions, name: str = "automaton",
                 cooperate: str | None = None, defect: str | None = None):
        if isinstance(states, str) or not states:
            raise InputError(f"an automaton needs a non-empty list of states, got {states!r}")
        self.states = tuple(states)
        if len(set(self.states)) != len(self.states):
            raise InputError(f"automaton states must be distinct, got {list(self.states)}")
        if initial not in self.states:
            raise InputError(f"initial state {initial!r} is not one of the states {list(self.states)}")
        missing = [s for s in self.states if s not in actions]
        if missing:
            raise InputError(f"no action given for state(s) {missing}")
        self.initial = initial
        self.actions = dict(actions)
        if not callable(transitions):
            if not isinstance(transitions, Mapping):
                raise InputTypeError("transitions must be a mapping state -> {profile: state} or a callable")
            for state, table in transitions.items():
                if state not in self.states or not isinstance(table, Mapping):
                    raise InputError(f"transitions: {state!r} is not a state with a table of profiles")
                bad = [t for t in table.values() if t not in self.states]
                if bad:
                    raise InputError(f"transitions from {state!r} lead to unknown state(s) {bad}")
        self._transitions = transitions
        self.name = name
        self.cooperate = cooperate
        self.defect = defect

    def next(self, state: str, observed: tuple, context: Context) -> str:
        """The state after `observed` was played in `state`."""
        if callable(self._transitions):
            result = self._transitions(state, tuple(observed), context)
        else:
            table = self._transitions.get(state, {})
            key = tuple(observed)
            if key in table:
                result = table[key]
            elif "*" in table:
                result = table["*"]
            else:
                raise InputError(f"automaton {self.name!r}: no transition from state {state!r} "
                                 f"on profile {key} (add it, or a '*' default)")
        if result not in self.states:
            raise InputError(f"automaton {self.name!r}: transition from {state!r} led to unknown state {result!r}")
        return result

    def check_actions(self, strategies) -> None:
        """Raise a clear error if an action is not one of the player's strategies."""
        bad = sorted({a for a in self.actions.values() if a not in strategies})
        if bad:
            raise InputError(f"automaton {self.name!r} plays {bad}, not strategies of its player "
                             f"(strategies: {list(strategies)})")

    def __repr__(self) -> str:
        return f"Automaton({self.name}: states {list(self.states)}, starts in {self.initial!r})"


def _everyone_followed(observed, context) -> bool:
    return tuple(observed) == tuple(context.prescribed)


def _others_cooperated(observed, context) -> bool:
    return all(a == c for j, (a, c) in enumerate(zip(observed, context.cooperative))
               if j != context.player and c is not None)


def grim_trigger(cooperate: str, defect: str) -> Automaton:
    """Play `cooperate` until any player deviates from the prescribed profile, then `defect` forever."""
    def step(state, observed, context):
        return "cooperate" if state == "cooperate" and _everyone_followed(observed, context) else "punish"
    return Automaton(["cooperate", "punish"], "cooperate", {"cooperate": cooperate, "punish": defect}, step,
                     name="grim trigger", cooperate=cooperate, defect=defect)


def tit_for_tat(cooperate: str, defect: str) -> Automaton:
    """Start with `cooperate`; then cooperate exactly when all the others cooperated last period."""
    def step(state, observed, context):
        return "cooperate" if _others_cooperated(observed, context) else "defect"
    return Automaton(["cooperate", "defect"], "cooperate", {"cooperate": cooperate, "defect": defect}, step,
                     name="tit-for-tat", cooperate=cooperate, defect=defect)


def k_period_punishment(cooperate: str, defect: str, k: int) -> Automaton:
    """Cooperate; after a deviation from the prescribed profile, `defect` for `k` periods, then cooperate.

    A deviation during the punishment restarts it.

    Raises
    ------
    InputError
        If `k` is not a positive integer.
    SolverLimitError
        If `k` is over :data:`MAX_PUNISHMENT_PERIODS`.

    Examples
    --------
    >>> k_period_punishment("Cooperate", "Defect", 2).states
    ('cooperate', 'punish 1', 'punish 2')
    >>> k_period_punishment("Cooperate", "Defect", 10**9)
    Traceback (most recent call last):
    ...
    sbgames.errors.SolverLimitError: a punishment of k = 1000000000 periods is over the limit of 10 periods
    """
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise InputError(f"k must be a positive integer, got {k!r}")
    if k > MAX_PUNISHMENT_PERIODS:
        raise SolverLimitError(f"a punishment of k = {k} periods is over the limit of "
                               f"{MAX_PUNISHMENT_PERIODS} periods")
    punish = [f"punish {j}" for j in range(1, k + 1)]

    def step(state, observed, context):
        if not _everyone_followed(observed, context):
            return punish[0]
        if state == "cooperate":
            return "cooperate"
        j = punish.index(state)
        return punish[j + 1] if j + 1 < k else "cooperate"
    return Automaton(["cooperate", *punish], "cooperate", {"cooperate": cooperate, **{p: defect for p in punish}},
                     step, name=f"{k}-period punishment", cooperate=cooperate, defect=defect)


def win_stay_lose_shift(cooperate: str, defect: str) -> Automaton:
    """Pavlov: cooperate after a period in which all players did the same (all cooperated or all defected)."""
    def step(state, observed, context):
        moves = {a == c for a, c in zip(observed, context.cooperative) if c is not None}
        return "cooperate" if len(moves) <= 1 else "defect"
    return Automaton(["cooperate", "defect"], "cooperate", {"cooperate": cooperate, "defect": defect}, step,
                     name="win-stay lose-shift", cooperate=cooperate, defect=defect)


def always(action: str) -> Automaton:
    """Play `action` in every period, whatever happens."""
    return Automaton(["always"], "always", {"always": action}, lambda state, observed, context: "always",
                     name=f"always {action}", cooperate=action, defect=action)
