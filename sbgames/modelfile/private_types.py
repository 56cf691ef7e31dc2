"""Model files with private types (``kind = "private_types"``).

The format is the normal-form one (players with strategies, parameters,
constraints, one payoff entry per strategy profile) plus a ``[types]``
table that declares which symbols of the payoffs are private types:

.. code-block:: toml

    [types.T]
    name = "lam"                 # the symbol in the payoffs
    description = "T's legitimacy weight, known only to T"
    distribution = "uniform"
    low = 0                      # expressions in the parameters
    high = "lam_max"

``[types.T]`` (the first player, with two strategies) is required;
``[types.S]`` (the second player) makes the game two-sided.  A type is not
a parameter: it may not appear in ``constraints``, and it gets no value.
``[[expected]]`` blocks list cut-point equilibria::

    [[expected.equilibria]]
    cutpoint = "3"               # T revises iff lam < 3 (optional)
    T = { Revise = "1/2" }       # the probability that T revises
    S = { Soft = "4/11", Bandwagon = "7/11" }
    s_cutpoint = "..."           # two-sided: S soft balances iff c_s < s_cutpoint

Numbers there are expressions without names (``"(sqrt(73) - 1)/18"``),
parsed by :mod:`sbgames.expr`.  The reader builds a
:class:`~sbgames.cutpoint.model.PrivateTypesModel`.

Examples
--------
>>> from sbgames.modelfile.reader import read_model
>>> m = read_model({"kind": "private_types",
...     "players": {"T": {"strategies": ["Revise", "Restrain"]}, "S": {"strategies": ["Soft", "Bandwagon"]}},
...     "parameters": {"top": {"default": 6, "above": 0, "description": "highest legitimacy weight"}},
...     "types": {"T": {"name": "lam", "low": 0, "high": "top"}},
...     "payoffs": {"Revise,Soft": ["2 - 3*lam", "-4"], "Revise,Bandwagon": ["4", "-5"],
...                 "Restrain,Soft": ["0", "-1"], "Restrain,Bandwagon": ["0", "0"]}})
>>> [eq.describe() for eq in m.equilibria(exact=True)]
['T revises iff lam < 3 (probability 1/2); S: 4/11 Soft + 7/11 Bandwagon']
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from ..cutpoint.model import PrivateType, PrivateTypesModel
from ..expr import evaluate
from ..parameters import RESERVED_NAMES, did_you_mean
from .normal import NormalReader

__all__ = ["PrivateTypesReader", "TOP_FIELDS", "TYPE_FIELDS"]

#: The top-level fields of a private-types model file.
TOP_FIELDS = frozenset({"name", "title", "source", "description", "kind", "players", "parameters", "constraints",
                        "types", "payoffs", "expected"})
#: The fields of a ``[types.<player>]`` table.
TYPE_FIELDS = ("name", "description", "distribution", "low", "high")
_EQUILIBRIUM_FIELDS = ("cutpoint", "s_cutpoint", "T", "S")


class PrivateTypesReader(NormalReader):
    """Reads a ``kind = "private_types"`` model file (as a dict) into a PrivateTypesModel."""

    def read(self, data) -> PrivateTypesModel:
        data = self.table(data, "top level")
        for key in data:
            if key not in TOP_FIELDS:
                self.fail(key, f"unknown field{did_you_mean(key, TOP_FIELDS)} "
                               f"(allowed: {', '.join(sorted(TOP_FIELDS))})")
        default_name = self.path.stem if self.path else "model"
        name = self.text(data, "name", default_name) or default_name
        players, player_names, strategies = self.players(data.get("players"))
        if len(players) != 2 or len(strategies[0]) != 2:
            self.fail("players", "a private-types model has two players, the first (T) with two strategies "
                                 f"(found {len(players)} players, T with {len(strategies[0])} strategies)")
        parameters = self.parameters(data.get("parameters", {}))
        symbols = {n: p.symbol for n, p in parameters.items()}
        constraints = self.constraints(data.get("constraints", []), symbols)
        types = self.types(data.get("types"), players, symbols, {n: p.default for n, p in parameters.items()})
        with_types = {**symbols, **{t.name: t.symbol for t in types.values()}}
        payoffs = self.payoffs(data.get("payoffs"), players, strategies, with_types)
        return self.build(PrivateTypesModel, data, self.cutpoint_expected, name=name,
                          title=self.text(data, "title") or name, players=players, player_names=player_names,
                          strategies=strategies, payoffs=payoffs, types=types, parameters=parameters,
                          constraints=constraints, source=self.text(data, "source"),
                          description=self.text(data, "description"))

    def types(self, data, players, symbols, defaults) -> dict:
        """``[types.<player>]``: each private type's name and uniform distribution."""
        if data is None:
            self.fail("types", "missing: declare T's private type in a [types.T] table")
        data = self.table(data, "types")
        if players[0] not in data:
            self.fail("types", f"the first player {players[0]!r} needs a private type ([types.{players[0]}])")
        out = {}
        for pid, spec in data.items():
            field = f"types.{pid}"
            if pid not in players:
                self.fail(field, f"unknown player{did_you_mean(pid, players)}")
            spec = self.table(spec, field)
            for key in spec:
                if key not in TYPE_FIELDS:
                    self.fail(f"{field}.{key}", f"unknown field{did_you_mean(key, TYPE_FIELDS)} "
                                                f"(allowed: {', '.join(TYPE_FIELDS)})")
            name = spec.get("name")
            if not isinstance(name, str) or not name.isidentifier():
                self.fail(f"{field}.name", f"expected the type's name in the payoffs (an identifier), found {name!r}")
            if name in symbols or name in RESERVED_NAMES:
                self.fail(f"{field}.name", f"{name!r} is already a parameter or a reserved name; a type needs "
                                           f"its own name")
            if spec.get("distribution", "uniform") != "uniform":
                self.fail(f"{field}.distribution", f"model files give uniform types only (other scipy "
                                                   f"distributions through sbgames.cutpoint), found "
                                                   f"{spec['distribution']!r}")
            for key in ("low", "high"):
                if key not in spec:
                    self.fail(field, f"missing {key}, an end of the type's support")
            low, high = (self.expression(spec[k], f"{field}.{k}", symbols) for k in ("low", "high"))
            try:
                ok = evaluate(low, defaults) < evaluate(high, defaults)
            except (TypeError, ValueError) as exc:
                self.fail(field, f"the support cannot be evaluated at the defaults: {exc}")
            if not ok:
                self.fail(field, f"the support [{low}, {high}] is empty at the defaults (needs low < high)")
            out[pid] = PrivateType(player=pid, name=name, symbol=sympy.Symbol(name, real=True), low=low, high=high,
                                   description=self.text(spec, f"{field}.description"))
        names = [t.name for t in out.values()]
        self.distinct(names, "types", "type", python=True)
        return out

    def cutpoint_expected(self, data, model: PrivateTypesModel) -> tuple:
        def equilibria(eqs, field):
            if not isinstance(eqs, list):
                self.fail(field, f"expected an array of tables, found {eqs!r}")
            return tuple(self.cutpoint_profile(eq, f"{field}[{k}]", model) for k, eq in enumerate(eqs))
        return self.expected_blocks(data, model, "equilibria", equilibria)

    def cutpoint_profile(self, data, field: str, model: PrivateTypesModel) -> Mapping:
        data = self.table(data, field)
        for key in data:
            if key not in _EQUILIBRIUM_FIELDS:
                self.fail(f"{field}.{key}", f"unknown field{did_you_mean(key, _EQUILIBRIUM_FIELDS)} "
                                            f"(allowed: {', '.join(_EQUILIBRIUM_FIELDS)})")
        t_player, s_player = model.players
        revise = model.strategies[0][0]

        def number(value, where):
            return self.expression(value, where, {})
        t_spec = self.table(data.get(t_player, {}), f"{field}.{t_player}")
        if set(t_spec) != {revise}:
            self.fail(f"{field}.{t_player}", f"give the probability that T plays {revise!r}, found {dict(t_spec)!r}")
        s_spec = self.table(data.get(s_player, {}), f"{field}.{s_player}")
        for name in s_spec:
            if name not in model.strategies[1]:
                self.fail(f"{field}.{s_player}.{name}", f"not a strategy of {s_player}"
                                                        f"{did_you_mean(name, model.strategies[1])}")
        s_probs = {name: number(q, f"{field}.{s_player}.{name}") for name, q in s_spec.items()}
        total = sum(s_probs.values())
        if abs(float(total) - 1) > 1e-12 or any(float(q) < 0 for q in s_probs.values()):
            self.fail(f"{field}.{s_player}", f"probabilities must be non-negative and sum to 1, found {dict(s_spec)!r}")
        return {"revise_probability": number(t_spec[revise], f"{field}.{t_player}.{revise}"), "S": s_probs,
                **{key: number(data[key], f"{field}.{key}") if key in data else None
                   for key in ("cutpoint", "s_cutpoint")}}
