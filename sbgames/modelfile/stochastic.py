"""Stochastic model files (``kind = "stochastic"``): states, each with a stage game and transitions.

.. code-block:: toml

    kind = "stochastic"
    initial = "High"            # the state play starts in (default: the first state)
    delta = "delta"             # one discount factor, or { T = "d_T", S = "d_S" }

    [players.T]
    name = "Threatening power"
    [players.S]
    name = "Secondary state"

    [states.High]
    description = "T's legitimacy is intact"
    strategies = { T = ["Revise", "Restrain"], S = ["Soft", "Bandwagon"] }
    payoffs = { "Revise,Soft" = ["g - lam*l", "-c_s"], ... }
    transitions = { "Revise,Soft" = { Eroded = "p", High = "1 - p" }, "Restrain,Soft" = "High", ... }

A state's ``transitions`` give, for every pure profile, the next state (a
name) or a table ``{state = probability}`` (states left out have probability
0); a single name for the whole state means every profile leads there.
Every probability is an expression in the parameters, and the reader proves,
symbolically, that at every parameter point the bounds and constraints allow
it lies in ``[0, 1]`` and the probabilities of each profile sum to exactly 1
(:class:`~sbgames.assumptions.ParameterSpace`); what it cannot prove is
refused, naming the file, the state and the profile.  Discount factors must
lie in ``[0, 1)`` in the same sense.  ``[[expected]]`` blocks list
stationary equilibria state by state::

    [[expected.equilibria]]
    High = { T = "Restrain", S = "Soft" }
    Lost = { T = "Revise", S = { Soft = "1/2", Bandwagon = "1/2" } }

Examples
--------
>>> from sbgames.modelfile.reader import read_model
>>> m = read_model({"kind": "stochastic", "players": {"A": {}, "B": {}},
...     "parameters": {"p": {"default": "1/2", "min": 0, "max": 1, "description": "chance of moving on"}},
...     "delta": "1/2",
...     "states": {"one": {"strategies": {"A": ["x"], "B": ["y"]}, "payoffs": {"x,y": [1, 0]},
...                        "transitions": {"x,y": {"one": "1 - p", "two": "p"}}},
...                "two": {"strategies": {"A": ["x"], "B": ["y"]}, "payoffs": {"x,y": [0, 1]},
...                        "transitions": "two"}}})
>>> eq = m.equilibria(exact=True)[0]
>>> eq.values, eq.absorption
(((Fraction(4, 3), Fraction(0, 1)), (Fraction(2, 3), Fraction(2, 1))), {1: (Fraction(1, 1), Fraction(2, 1))})
>>> read_model({**m.origin[1][0], "parameters": {"p": {"default": "1/2", "min": 0, "description": "chance"}}})
Traceback (most recent call last):
...
sbgames.errors.ModelError: <dict>: states.one.transitions.'x,y': the probability of 'one' is 1 - p, which is not in [0, 1] at every parameter point the bounds and constraints allow (it can be negative)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import sympy

from ..assumptions import ParameterSpace
from ..parameters import did_you_mean
from ..stochastic.model import StochasticModel, frozen_state
from ..stochastic.solve import METHODS
from .normal import NormalReader

__all__ = ["StochasticReader", "TOP_FIELDS", "STATE_FIELDS", "MAX_STATES"]

#: The top-level fields of a stochastic model file.
TOP_FIELDS = frozenset({"name", "title", "source", "description", "kind", "players", "parameters", "constraints",
                        "delta", "initial", "states", "expected"})
#: The fields of a ``[states.<name>]`` table.
STATE_FIELDS = ("description", "strategies", "payoffs", "transitions")
#: The most states a stochastic model file may have.
MAX_STATES = 50
#: The most pure profiles one state's stage game may have.
MAX_STAGE_PROFILES = 10_000


class StochasticReader(NormalReader):
    """Reads a ``kind = "stochastic"`` model file (as a dict) into a StochasticModel.

    The ``[[expected]]`` blocks are read as the normal-form ones are, with a
    stationary profile per equilibrium (:meth:`profile`) and the stochastic
    solver's methods.
    """

    METHODS = METHODS

    def read(self, data) -> StochasticModel:
        data = self.table(data, "top level")
        self.only(data, TOP_FIELDS)
        default_name = self.path.stem if self.path else "model"
        name = self.text(data, "name", default_name) or default_name
        players = self.player_table(data.get("players"))
        player_names = []
        for pid, spec in players.items():
            spec = self.table(spec, f"players.{pid}")
            self.only(spec, ("name",), f"players.{pid}.")
            player_names.append(self.text(spec, f"players.{pid}.name") or pid)
        players = tuple(players)
        parameters = self.parameters(data.get("parameters", {}))
        symbols = {n: p.symbol for n, p in parameters.items()}
        constraints = self.constraints(data.get("constraints", []), symbols)
        space = ParameterSpace(parameters, constraints)
        delta = self.delta(data.get("delta"), players, symbols, space)
        states = self.states(data.get("states"), players, symbols, space)
        names = [s.name for s in states]
        initial = data.get("initial", names[0])
        if initial not in names:
            self.fail("initial", f"{initial!r} is not a state{did_you_mean(initial, names)} "
                                 f"(states: {', '.join(names)})")
        return self.build(StochasticModel, data, self.expected, name=name, title=self.text(data, "title") or name,
                          players=players, player_names=tuple(player_names), parameters=parameters,
                          constraints=constraints, states=states, delta=delta, initial=initial,
                          source=self.text(data, "source"), description=self.text(data, "description"))

    def delta(self, data, players, symbols, space) -> tuple:
        """``delta``: one discount factor for all, or a table with one per player; each in [0, 1)."""
        if data is None:
            self.fail("delta", "missing: give the discount factor (one expression, or one per player)")
        if isinstance(data, Mapping):
            self.only(data, players, "delta.")
            missing = [p for p in players if p not in data]
            if missing:
                self.fail("delta", f"no discount factor given for {missing}")
            fields = [(f"delta.{p}", data[p]) for p in players]
        else:
            fields = [("delta", data)] * len(players)
        out = []
        for where, value in fields:
            expr = self.expression(value, where, symbols)
            for relation, words in ((expr >= 0, "negative"), (expr < 1, "1 or more")):
                if space.decide(relation) is not True:
                    self.fail(where, f"the discount factor {expr} is not in [0, 1) at every parameter point the "
                                     f"bounds and constraints allow (it can be {words})")
            out.append(expr)
        return tuple(out)

    def states(self, data, players, symbols, space) -> tuple:
        if data is None:
            self.fail("states", "missing: give a [states.<name>] table for each state")
        data = self.table(data, "states")
        if not data:
            self.fail("states", "a stochastic model needs at least one state")
        if len(data) > MAX_STATES:
            self.fail("states", f"{len(data)} states; a model file has at most {MAX_STATES}")
        self.distinct(list(data), "states", "state")
        names = list(data)
        return tuple(self.state(name, self.table(spec, f"states.{name}"), players, names, symbols, space)
                     for name, spec in data.items())

    def state(self, name, spec, players, names, symbols, space):
        field = f"states.{name}"
        self.only(spec, STATE_FIELDS, f"{field}.")
        strategies = self.table(spec.get("strategies"), f"{field}.strategies") if "strategies" in spec else \
            self.fail(f"{field}.strategies", "missing: give each player's strategies in this state")
        self.only(strategies, players, f"{field}.strategies.")
        own = []
        for pid in players:
            where = f"{field}.strategies.{pid}"
            strats = strategies.get(pid)
            if not isinstance(strats, list) or not strats:
                self.fail(where, f"expected a non-empty list of names, found {strats!r}")
            if any(not isinstance(s, str) or not s.strip() or "," in s for s in strats):
                self.fail(where, f"strategy names must be non-empty strings without commas, found {strats!r}")
            strats = [s.strip() for s in strats]
            self.distinct(strats, where, "strategy")
            own.append(tuple(strats))
        profiles = list(itertools.product(*own))
        if len(profiles) > MAX_STAGE_PROFILES:
            self.fail(f"{field}.strategies", f"{len(profiles):,} strategy profiles; a state has at most "
                                             f"{MAX_STAGE_PROFILES:,}")
        payoffs = self.by_profile(spec.get("payoffs"), f"{field}.payoffs", players, own, profiles)
        payoffs = {profile: self.payoff_entry(entry, f"{field}.payoffs.{','.join(profile)!r}", players, symbols)
                   for profile, entry in payoffs.items()}
        raw = spec.get("transitions")
        if isinstance(raw, str):
            raw = {",".join(profile): raw for profile in profiles}
        raw = self.by_profile(raw, f"{field}.transitions", players, own, profiles)
        transitions = {profile: self.distribution(entry, f"{field}.transitions.{','.join(profile)!r}", names,
                                                  symbols, space)
                       for profile, entry in raw.items()}
        return frozen_state(name, own, payoffs, transitions, self.text(spec, f"{field}.description"))

    def by_profile(self, data, field, players, strategies, profiles) -> dict:
        """A table keyed by ``"a,b"`` profiles: every profile once, nothing else."""
        if data is None:
            self.fail(field, "missing: give one entry per strategy profile")
        data = self.table(data, field)
        out = {}
        for key, entry in data.items():
            names = self.profile_key(key, f"{field}.{key!r}", players, strategies, out, where=" here")
            out[names] = entry
        missing = [p for p in profiles if p not in out]
        if missing:
            self.fail(field, f"{len(missing)} profile(s) have no entry: "
                             + ", ".join(repr(",".join(p)) for p in missing[:5]))
        return out

    def payoff_entry(self, entry, field, players, symbols) -> tuple:
        if not isinstance(entry, list) or len(entry) != len(players):
            self.fail(field, f"expected a list of {len(players)} expressions (one per player), found {entry!r}")
        return tuple(self.expression(e, f"{field}[{i}]", symbols) for i, e in enumerate(entry))

    def distribution(self, entry, field, names, symbols, space) -> dict:
        """The next state's distribution: a state name, or ``{state = probability}``; proved in [0, 1], sum 1."""
        if isinstance(entry, str):
            entry = {entry: 1}
        entry = self.table(entry, field)
        out = {}
        for state, value in entry.items():
            if state not in names:
                self.fail(field, f"{state!r} is not a state{did_you_mean(state, names)} (states: {', '.join(names)})")
            p = self.expression(value, f"{field}.{state}", symbols)
            for relation, words in ((p >= 0, "negative"), (p <= 1, "more than 1")):
                if space.decide(relation) is not True:
                    self.fail(field, f"the probability of {state!r} is {p}, which is not in [0, 1] at every "
                                     f"parameter point the bounds and constraints allow (it can be {words})")
            out[state] = p
        total = sympy.simplify(sum(out.values()))
        if total != 1:
            self.fail(field, f"the probabilities sum to {total}, not to 1 at every parameter point")
        return out

    def profile(self, data, field: str, model: StochasticModel) -> tuple:
        """One stationary profile: per state, each player's strategy or ``{strategy = probability}``."""
        data = self.table(data, field)
        self.only(data, model.states, f"{field}.")
        out = []
        for spec in model.state_specs:
            where = f"{field}.{spec.name}"
            if spec.name not in data:
                self.fail(field, f"no play given in state {spec.name!r}")
            play = self.table(data[spec.name], where)
            self.only(play, model.players, f"{where}.")
            state = []
            for pid, strats in zip(model.players, spec.strategies):
                if pid not in play:
                    self.fail(where, f"no strategy given for player {pid}")
                mix = {play[pid]: 1} if isinstance(play[pid], str) else self.table(play[pid], f"{where}.{pid}")
                vec = [sympy.Integer(0)] * len(strats)
                for s, q in mix.items():
                    if s not in strats:
                        self.fail(f"{where}.{pid}", f"{s!r} is not a strategy of {pid} in {spec.name}"
                                                    f"{did_you_mean(s, strats)}")
                    vec[strats.index(s)] = self.expression(q, f"{where}.{pid}.{s}", {})
                if any(not (0 <= q <= 1) for q in vec) or abs(float(sum(vec)) - 1) > 1e-12:
                    self.fail(f"{where}.{pid}", f"probabilities must be in [0, 1] and sum to 1, found {mix!r}")
                state.append(tuple(vec))
            out.append(tuple(state))
        return tuple(out)
