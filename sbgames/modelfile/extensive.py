"""Game trees as model files (``kind = "extensive"``).

The file format extends the normal-form one (see
``docs/reference/model-file-format.md``): the same ``name``, ``title``,
``source``, ``description``, ``[players.<id>]`` (a ``name``; no strategies),
``[parameters]`` and ``constraints``, and

* ``[nodes]``: one entry per decision or chance node, keyed by the path of
  actions that leads to it (``"root"`` for the first node, then
  ``"Revise"``, ``"Revise/Soft"``, ...).  A decision node is
  ``{ player = "S", actions = ["Hard", "Soft"] }`` (optionally
  ``infoset = "name"`` to join nodes in an information set); a chance node is
  ``{ chance = { Strong = "p", Weak = "1 - p" } }``.
* ``[payoffs]``: one entry per terminal path, one expression per player.
* ``[[expected]]`` blocks give ``paths``, the action sequences of the
  subgame-perfect equilibria.

Expressions are parsed by the same safe parser as normal-form payoffs.

Examples
--------
>>> m = ExtensiveReader("<dict>", None).read({
...     "kind": "extensive", "players": {"A": {}, "B": {}}, "parameters": {"g": 2},
...     "nodes": {"root": {"player": "A", "actions": ["In", "Out"]},
...               "In": {"player": "B", "actions": ["Fight", "Yield"]}},
...     "payoffs": {"Out": [0, 2], "In/Fight": [-1, -1], "In/Yield": ["g", 1]}})
>>> m.kind, m.tree.depth
('extensive', 2)
"""

from __future__ import annotations

from ..extensive.model import ExtensiveModel
from ..extensive.tree import MAX_DEPTH, Chance, Decision, ExtensiveGame, Terminal
from ..parameters import did_you_mean
from .fields import FieldReader

__all__ = ["ExtensiveReader", "TOP_FIELDS", "ROOT"]

#: The top-level fields of an extensive model file.
TOP_FIELDS = frozenset({"name", "title", "source", "description", "kind", "players", "parameters", "constraints",
                        "nodes", "payoffs", "expected", "case"})
#: The key of the first node.
ROOT = "root"


class ExtensiveReader(FieldReader):
    """Reads a ``kind = \"extensive\"`` model file (as a dict) into an :class:`~sbgames.extensive.model.ExtensiveModel`."""

    def read(self, data) -> ExtensiveModel:
        data = self.table(data, "top level")
        self.only(data, TOP_FIELDS)
        default_name = self.path.stem if self.path else "model"
        name = self.text(data, "name", default_name) or default_name
        players, names = self.tree_players(data.get("players"))
        parameters = self.parameters(data.get("parameters", {}))
        symbols = {n: p.symbol for n, p in parameters.items()}
        constraints = self.constraints(data.get("constraints", []), symbols)
        nodes = self.table(data.get("nodes", {}), "nodes")
        payoffs = self.table(data.get("payoffs", {}), "payoffs")
        used: set = set()
        root = self.node(ROOT, "", nodes, payoffs, players, symbols, used)
        unused = sorted(set(nodes) - used - {ROOT}) + sorted(set(payoffs) - used)
        if unused:
            self.fail("nodes", f"no path leads to {unused[:5]} (paths are actions joined by '/')")
        try:
            tree = ExtensiveGame(root, players, title=self.text(data, "title") or name)
        except (TypeError, ValueError) as exc:
            self.fail("nodes", str(exc))
        return self.build(ExtensiveModel, data, self.expected_paths, tree=tree, name=name,
                          title=self.text(data, "title") or name, players=players, player_names=names,
                          parameters=parameters, constraints=constraints, source=self.text(data, "source"),
                          description=self.text(data, "description"))

    def expected_paths(self, data, model: ExtensiveModel) -> tuple:
        def paths(value, field):
            if not isinstance(value, list) or not all(isinstance(p, list) and all(isinstance(a, str) for a in p)
                                                      for p in value):
                self.fail(field, f"expected a list of action lists, found {value!r}")
            return tuple(tuple(p) for p in value)
        return self.expected_blocks(data, model, "paths", paths)

    def tree_players(self, data):
        data = self.player_table(data)
        ids, names = [], []
        for pid, spec in data.items():
            spec = self.table(spec, f"players.{pid}")
            for key in spec:
                if key != "name":
                    self.fail(f"players.{pid}.{key}", "unknown field (an extensive model's players have a name only)")
            ids.append(pid)
            names.append(self.text(spec, f"players.{pid}.name") or pid)
        return tuple(ids), tuple(names)

    def node(self, key, path, nodes, payoffs, players, symbols, used, depth=0):
        if depth > MAX_DEPTH:
            self.fail("nodes", f"the path {key[:40]!r}... is more than {MAX_DEPTH} actions long "
                               f"(a tree has at most {MAX_DEPTH} levels)")
        if key in nodes:
            used.add(key)
            spec = self.table(nodes[key], f"nodes.{key!r}")
            children = {}
            if "chance" in spec:
                table = self.table(spec["chance"], f"nodes.{key!r}.chance")
                self.distinct(list(table), f"nodes.{key!r}.chance", "outcome")
                for action, prob in table.items():
                    child = self.node(self.child_key(path, action), self.child_key(path, action), nodes, payoffs,
                                      players, symbols, used, depth + 1)
                    children[action] = (self.expression(prob, f"nodes.{key!r}.chance.{action}", symbols), child)
                return Chance(children)
            player = spec.get("player")
            if player not in players:
                self.fail(f"nodes.{key!r}.player", f"{player!r} is not a player{did_you_mean(player, players)}")
            actions = spec.get("actions")
            if not isinstance(actions, list) or not actions or not all(isinstance(a, str) and a for a in actions):
                self.fail(f"nodes.{key!r}.actions", f"expected a non-empty list of action names, found {actions!r}")
            self.distinct(actions, f"nodes.{key!r}.actions", "action")
            for action in actions:
                if "/" in action:
                    self.fail(f"nodes.{key!r}.actions", f"action names cannot contain '/', found {action!r}")
                children[action] = self.node(self.child_key(path, action), self.child_key(path, action), nodes,
                                             payoffs, players, symbols, used, depth + 1)
            return Decision(player, children, infoset=spec.get("infoset"))
        if key in payoffs:
            used.add(key)
            entry = payoffs[key]
            if not isinstance(entry, list) or len(entry) != len(players):
                self.fail(f"payoffs.{key!r}", f"expected {len(players)} expressions (one per player), found {entry!r}")
            return Terminal(tuple(self.expression(e, f"payoffs.{key!r}[{i}]", symbols) for i, e in enumerate(entry)))
        where = "the first node" if key == ROOT else f"the path {key!r}"
        self.fail("nodes", f"nothing describes {where}: add it to [nodes] (a decision or chance node) "
                           f"or to [payoffs] (a terminal)")

    @staticmethod
    def child_key(path: str, action: str) -> str:
        return f"{path}/{action}" if path else action
