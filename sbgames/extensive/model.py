"""Parametrised game trees as model files (``kind = "extensive"``).

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

Expressions are parsed by the same safe parser as normal-form payoffs.

Examples
--------
>>> from sbgames import load_model
>>> seq = load_model("core_sequential")
>>> seq.kind, seq.players
('extensive', ('T', 'S'))
>>> [spe.actions for spe in seq.equilibria()]
[('Restrain', 'Bandwagon')]
>>> [spe.actions for spe in seq.equilibria(l="1/2")]
[('Revise', 'Soft')]
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Model, _close, _ModelReader
from .backward import subgame_perfect_conditions, subgame_perfect_equilibria
from .normal_form import classify_nash, to_normal_form
from .tree import MAX_DEPTH, Chance, Decision, ExtensiveGame, Terminal

__all__ = ["ExtensiveModel", "read_extensive_model"]

_TOP_KEYS = {"name", "title", "source", "description", "kind", "players", "parameters", "constraints",
             "nodes", "payoffs", "expected", "case"}
_ROOT = "root"


class ExtensiveModel(Model):
    """A parametrised game tree: parameters with bounds and meanings, payoffs as expressions.

    Attributes
    ----------
    kind : str
        ``"extensive"``.
    tree : ExtensiveGame
        The tree with sympy payoffs (and chance probabilities).
    """

    kind = "extensive"

    def __init__(self, *, tree: ExtensiveGame, **fields):
        super().__init__(strategies=[() for _ in fields["players"]], payoffs={}, **fields)
        object.__setattr__(self, "tree", tree)

    def game(self, **values) -> ExtensiveGame:
        """The tree at these parameter values (defaults for the others), exact where rational."""
        point = self.values(**values)
        try:
            return self.tree.subs({k: v for k, v in point.items()})
        except (TypeError, ValueError) as exc:
            raise ValueError(f"model {self.name!r}: {exc}") from None

    def symbolic_game(self) -> ExtensiveGame:
        return self.tree

    def equilibria(self, **values):
        """Every pure subgame-perfect equilibrium at these values (perfect-information trees)."""
        point = self.values(**values)
        return subgame_perfect_equilibria(self.game(**point))

    def symbolic_equilibria(self):
        """For every pure behaviour profile, the parameter conditions under which it is subgame perfect."""
        if self._symbolic is None:
            self._symbolic = subgame_perfect_conditions(self.tree, self)
        return self._symbolic

    def normal_form(self, **values):
        """The reduced normal form at these values."""
        return to_normal_form(self.game(**values))

    def classify_nash(self, **values):
        """Nash equilibria of the reduced normal form, each marked subgame perfect or not."""
        return classify_nash(self.game(**values))

    def check_expected(self, exact: bool = True, tol: float = 1e-9) -> list[str]:
        """Compare the ``[[expected]]`` blocks (subgame-perfect paths of play) with backward induction.

        Each block gives ``values`` (optional) and ``paths``, the action
        sequences of the subgame-perfect equilibria; with ``complete = true``
        (the default) no other path may be found.  (`exact` and `tol` are
        accepted for symmetry with normal-form models; backward induction here
        is exact.)
        """
        problems = []
        for k, block in enumerate(self.expected):
            found = {spe.actions for spe in self.equilibria(**block["values"])}
            where = f"expected[{k}]"
            for path in block["paths"]:
                if path not in found:
                    problems.append(f"{where}: the path {' -> '.join(path)} is not subgame perfect")
            if block["complete"]:
                for path in sorted(found - set(block["paths"])):
                    problems.append(f"{where}: the block is complete, but {' -> '.join(path)} is found too")
        return problems


class _ExtensiveReader(_ModelReader):
    def read(self, data) -> ExtensiveModel:
        data = self.table(data, "top level")
        for key in data:
            if key not in _TOP_KEYS:
                self.fail(key, f"unknown field{_close(key, _TOP_KEYS)} (allowed: {', '.join(sorted(_TOP_KEYS))})")
        default_name = self.path.stem if self.path else "model"
        name = self.text(data, "name", default_name) or default_name
        players, names = self.tree_players(data.get("players"))
        parameters = self.parameters(data.get("parameters", {}))
        symbols = {n: p.symbol for n, p in parameters.items()}
        constraints = self.constraints(data.get("constraints", []), symbols)
        nodes = self.table(data.get("nodes", {}), "nodes")
        payoffs = self.table(data.get("payoffs", {}), "payoffs")
        used: set = set()
        root = self.node(_ROOT, "", nodes, payoffs, players, symbols, used)
        unused = sorted(set(nodes) - used - {_ROOT}) + sorted(set(payoffs) - used)
        if unused:
            self.fail("nodes", f"no path leads to {unused[:5]} (paths are actions joined by '/')")
        try:
            tree = ExtensiveGame(root, players, title=self.text(data, "title") or name)
        except (TypeError, ValueError) as exc:
            self.fail("nodes", str(exc))
        model = ExtensiveModel(tree=tree, name=name, title=self.text(data, "title") or name, players=players,
                               player_names=names, parameters=parameters, constraints=constraints,
                               source=self.text(data, "source"), description=self.text(data, "description"),
                               path=self.path)
        try:
            model.values()
        except ValueError as exc:
            self.fail("parameters", f"the default values break a constraint: {exc}")
        object.__setattr__(model, "expected", self.expected_paths(data.get("expected", []), model))
        self.case(data, model)
        return model

    def expected_paths(self, data, model) -> tuple:
        def paths(value, field):
            if not isinstance(value, list) or not all(isinstance(p, list) and all(isinstance(a, str) for a in p)
                                                      for p in value):
                self.fail(field, f"expected a list of action lists, found {value!r}")
            return tuple(tuple(p) for p in value)
        return self.expected_blocks(data, model, "paths", paths)

    def tree_players(self, data):
        if data is None:
            self.fail("players", "missing: give a [players.<id>] table for each player")
        data = self.table(data, "players")
        if not data:
            self.fail("players", "a model needs at least one player")
        self.player_count(data)
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
                self.fail(f"nodes.{key!r}.player", f"{player!r} is not a player{_close(player, players)}")
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
        where = "the first node" if key == _ROOT else f"the path {key!r}"
        self.fail("nodes", f"nothing describes {where}: add it to [nodes] (a decision or chance node) "
                           f"or to [payoffs] (a terminal)")

    @staticmethod
    def child_key(path: str, action: str) -> str:
        return f"{path}/{action}" if path else action


def read_extensive_model(data: Mapping, source: str, path=None) -> ExtensiveModel:
    """Build an :class:`ExtensiveModel` from the parsed contents of a model file."""
    return _ExtensiveReader(source, path).read(data)
