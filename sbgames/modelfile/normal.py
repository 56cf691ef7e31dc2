"""Normal-form model files: players with strategies, a payoff for every strategy profile.

The format is described in ``docs/reference/model-file-format.md``;
:class:`NormalReader` reads the parsed file (a dict) into a
:class:`~sbgames.model.Model`, checking every field.  Files with a
``base`` are completed first (:mod:`~sbgames.modelfile.inherit`);
:func:`sbgames.modelfile.read_model` chooses the reader by ``kind``.

Examples
--------
>>> m = NormalReader("<dict>", None).read({
...     "players": {"A": {"strategies": ["x", "y"]}, "B": {"strategies": ["x", "y"]}},
...     "parameters": {"a": 1},
...     "payoffs": {"x,x": ["a", "a"], "x,y": [0, 0], "y,x": [0, 0], "y,y": [1, 1]}})
>>> m.strategies, m.parameters["a"].default
((('x', 'y'), ('x', 'y')), Fraction(1, 1))
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from types import MappingProxyType

from ..normal_model import Model
from ..parameters import did_you_mean
from ..solvers import METHODS
from .fields import FieldReader
from .labels import read_labels

__all__ = ["NormalReader", "TOP_FIELDS", "MAX_PROFILES"]

#: The top-level fields of a normal-form model file.
TOP_FIELDS = frozenset({"name", "title", "source", "description", "kind", "players", "parameters", "constraints",
                        "payoffs", "expected", "repeated", "case", "labels"})
#: The most strategy profiles a model may have.
MAX_PROFILES = 100_000


class NormalReader(FieldReader):
    """Reads a normal-form model file (as a dict) into a :class:`~sbgames.model.Model`."""

    #: The solver methods an ``[[expected]]`` block may name.
    METHODS = METHODS

    def read(self, data) -> Model:
        data = self.table(data, "top level")
        self.only(data, TOP_FIELDS)
        kind = data.get("kind", "normal")
        if kind != "normal":
            from .reader import READERS  # reader.py imports this module
            kinds = ", ".join(f'"{k}"' for k in READERS)
            self.fail("kind", f"{kind!r} is not a kind of model: use one of {kinds} (\"normal\" is the default)")
        default_name = self.path.stem if self.path else "model"
        name = self.text(data, "name", default_name) or default_name
        players, player_names, strategies = self.players(data.get("players"))
        parameters = self.parameters(data.get("parameters", {}))
        symbols = {n: p.symbol for n, p in parameters.items()}
        constraints = self.constraints(data.get("constraints", []), symbols)
        payoffs = self.payoffs(data.get("payoffs"), players, strategies, symbols)
        repeated = MappingProxyType(self.repeated(data.get("repeated", {}), players, strategies))
        labels = read_labels(self, data.get("labels", {}), players, strategies)
        return self.build(Model, data, self.expected, name=name, title=self.text(data, "title") or name,
                          players=players, player_names=player_names, strategies=strategies,
                          parameters=parameters, payoffs=payoffs, constraints=constraints, repeated=repeated, labels=labels,
                          source=self.text(data, "source"), description=self.text(data, "description"))

    def repeated(self, data, players, strategies) -> dict:
        """``[repeated]``: the cooperative and punishing action of each player, for trigger strategies."""
        data = self.table(data, "repeated")
        out = {}
        for key in data:
            if key not in ("cooperate", "punish"):
                self.fail(f"repeated.{key}", f"unknown field{did_you_mean(key, ('cooperate', 'punish'))} "
                                             "(allowed: cooperate, punish)")
            table = self.table(data[key], f"repeated.{key}")
            for pid, name in table.items():
                if pid not in players:
                    self.fail(f"repeated.{key}.{pid}", f"unknown player{did_you_mean(pid, players)}")
                names = strategies[players.index(pid)]
                if name not in names:
                    self.fail(f"repeated.{key}.{pid}", f"{name!r} is not a strategy of {pid}{did_you_mean(name, names)}")
            missing = [p for p in players if p not in table]
            if missing:
                self.fail(f"repeated.{key}", f"no action given for {missing}")
            out[key] = tuple(table[p] for p in players)
        return out

    def players(self, data):
        data = self.player_table(data)
        ids, names, strategies = [], [], []
        for pid, spec in data.items():
            field = f"players.{pid}"
            spec = self.table(spec, field)
            for key in spec:
                if key not in ("name", "strategies"):
                    self.fail(f"{field}.{key}", f"unknown field{did_you_mean(key, ('name', 'strategies'))} "
                                                "(allowed: name, strategies)")
            strats = spec.get("strategies")
            if not isinstance(strats, list) or not strats:
                self.fail(f"{field}.strategies", f"expected a non-empty list of names, found {strats!r}")
            for s in strats:
                if not isinstance(s, str) or not s.strip() or "," in s:
                    self.fail(f"{field}.strategies", f"strategy names must be non-empty strings without "
                                                     f"commas, found {s!r}")
            strats = [s.strip() for s in strats]
            self.distinct(strats, f"{field}.strategies", "strategy")
            ids.append(pid)
            names.append(self.text(spec, f"{field}.name") or pid)
            strategies.append(tuple(strats))
        counts = [len(s) for s in strategies]
        if math.prod(counts) > MAX_PROFILES:
            self.fail("players", f"the strategy counts {counts} make more than {MAX_PROFILES:,} strategy profiles, "
                                 "the most a model may have")
        return tuple(ids), tuple(names), tuple(strategies)

    def payoffs(self, data, players, strategies, symbols) -> dict:
        if data is None:
            self.fail("payoffs", "missing: give one entry per strategy profile")
        data = self.table(data, "payoffs")
        out = {}
        for key, entry in data.items():
            field = f"payoffs.{key!r}"
            names = self.profile_key(key, field, players, strategies, out)
            if not isinstance(entry, list) or len(entry) != len(players):
                self.fail(field, f"expected a list of {len(players)} expressions (one per player), found {entry!r}")
            out[names] = tuple(self.expression(e, f"{field}[{i}]", symbols) for i, e in enumerate(entry))
        missing = [p for p in itertools.product(*strategies) if p not in out]
        if missing:
            shown = ", ".join(repr(",".join(p)) for p in missing[:5])
            self.fail("payoffs", f"{len(missing)} profile(s) have no payoffs: {shown}")
        return out

    def profile_key(self, key, field: str, players, strategies, given, where: str = "") -> tuple:
        """The strategy profile a table key names (``"Revise, Soft"``), checked against each player's
        strategies (`where` says where they apply, e.g. ``" here"`` for one state) and the profiles
        already `given`."""
        names = tuple(part.strip() for part in str(key).split(","))
        if len(names) != len(players):
            self.fail(field, f"a profile names one strategy per player ({len(players)}), found {len(names)}")
        for pid, strats, name in zip(players, strategies, names):
            if name not in strats:
                self.fail(field, f"{name!r} is not a strategy of {pid}{where}{did_you_mean(name, strats)} "
                                 f"(strategies: {', '.join(strats)})")
        if names in given:
            self.fail(field, "this profile is given twice")
        return names

    def expected(self, data, model: Model) -> tuple:
        def equilibria(eqs, field):
            if not isinstance(eqs, list):
                self.fail(field, f"expected an array of tables, found {eqs!r}")
            return tuple(self.profile(eq, f"{field}[{k}]", model) for k, eq in enumerate(eqs))

        def method(value, field):
            value = "auto" if value is None else value
            if value not in self.METHODS:
                self.fail(field, f"{value!r} is not a method (use one of: {', '.join(self.METHODS)})")
            return value
        return self.expected_blocks(data, model, "equilibria", equilibria, extra={"method": method})

    def profile(self, data, field: str, model: Model) -> tuple:
        data = self.table(data, field)
        for pid in data:
            if pid not in model.players:
                self.fail(f"{field}.{pid}", f"unknown player{did_you_mean(pid, model.players)}")
        vectors = []
        for pid, strats in zip(model.players, model.strategies):
            if pid not in data:
                self.fail(field, f"no strategy given for player {pid}")
            spec = data[pid]
            if isinstance(spec, str):
                spec = {spec: 1}
            spec = self.table(spec, f"{field}.{pid}")
            vec = [Fraction(0)] * len(strats)
            for sname, prob in spec.items():
                if sname not in strats:
                    self.fail(f"{field}.{pid}", f"{sname!r} is not a strategy of {pid}{did_you_mean(sname, strats)}")
                vec[strats.index(sname)] = self.number(prob, f"{field}.{pid}.{sname}")
            if sum(vec) != 1 or min(vec) < 0:
                self.fail(f"{field}.{pid}", f"probabilities must be non-negative and sum to 1, found {spec!r}")
            vectors.append(tuple(vec))
        return tuple(vectors)
