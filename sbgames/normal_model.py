"""Parametrised games: parameters with meanings and bounds, payoffs as expressions.

A :class:`Model` is a normal-form game whose payoffs are sympy expressions
in named parameters.  Each :class:`~sbgames.parameters.Parameter` has a
default value, optional bounds and a one-line meaning.  ``model.game(**values)``
evaluates the payoffs at a point of parameter space (defaults for the values
not given) and returns a :class:`~sbgames.game.Game`, exact whenever the
payoffs are rational there.

A model is plain immutable data (every field is set when it is built) and
knows nothing of files.  Models are read from TOML model files (see
``docs/reference/model-file-format.md``) by :func:`sbgames.load_model`, and
from dicts of the same structure by :func:`sbgames.modelfile.read_model`;
both live in :mod:`sbgames.modelfile`, a layer above the model kinds.
:meth:`Model.from_dict`, kept for scripts written before that package, hands
over to the reader that :mod:`sbgames.modelfile` registers with
:func:`register_reader` when it is imported (``sbgames.Model`` and
``sbgames.model``, the names scripts use, import it), so this module imports
nothing above it.

Examples
--------
>>> from sbgames.model import Model
>>> m = Model.from_dict({
...     "name": "entry",
...     "players": {"T": {"strategies": ["Revise", "Restrain"]},
...                 "S": {"strategies": ["Soft", "Bandwagon"]}},
...     "parameters": {"g": {"default": 2, "min": 0, "description": "gain"},
...                    "l": {"default": 3, "min": 0, "description": "legitimacy loss"}},
...     "payoffs": {"Revise,Soft": ["g - l", "-1"], "Revise,Bandwagon": ["g", "1"],
...                 "Restrain,Soft": ["0", "-1"], "Restrain,Bandwagon": ["0", "0"]}})
>>> m.game().payoff(("Revise", "Soft"))
(Fraction(-1, 1), Fraction(-1, 1))
>>> m.game(l=1).payoff(("Revise", "Soft"))
(Fraction(1, 1), Fraction(-1, 1))
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

import numpy as np

from .errors import InputError, ModelError
from .expr import evaluate
from .game import Game
from .numeric import parse_number
from .parameters import BASES, RESERVED_NAMES, Parameter, ParametrisedModel

__all__ = ["Model", "Parameter", "ModelError", "register_reader", "parse_number", "RESERVED_NAMES", "BASES"]

#: The model-file reader :meth:`Model.from_dict` hands over to (set by :func:`register_reader`).
_reader = None


def register_reader(read_model) -> None:
    """Make ``read_model(data, source, path)`` the reader behind :meth:`Model.from_dict`.

    :mod:`sbgames.modelfile` calls this when it is imported; the model layer
    below it so knows the reader without importing upward.
    """
    global _reader
    _reader = read_model


class Model(ParametrisedModel):
    """A parametrised normal-form game (plain immutable data).

    Build one with :func:`sbgames.load_model` (model files) or
    :meth:`Model.from_dict`.

    Attributes
    ----------
    strategies : tuple of tuple of str
        Each player's strategies, in order.
    payoffs : mapping of profile tuple to tuple of sympy.Expr
    repeated : mapping
        From ``[repeated]``: ``{"cooperate": (...), "punish": (...)}``, one
        action per player, used to build trigger strategies.
    labels : mapping of str to str
        From ``[labels]``: a readable name for an equilibrium or a region,
        which figures print instead of the name derived from the outcome.
    name, title, players, player_names, parameters, constraints, expected, case, path
        As for every model kind (:class:`~sbgames.parameters.ParametrisedModel`);
        each ``expected`` block is read by :meth:`expected_equilibria`.
    """

    kind = "normal"
    kind_name = "a normal-form game"

    def __init__(self, *, name: str, title: str, players, player_names, strategies, parameters: Mapping,
                 payoffs: Mapping, constraints=(), source: str = "", description: str = "", expected=(),
                 repeated: Mapping | None = None, case=None, path: Path | None = None, origin: tuple | None = None,
                 labels: Mapping | None = None):
        self.strategies = tuple(tuple(s) for s in strategies)
        self.labels = MappingProxyType(dict(labels or {}))
        self.payoffs = MappingProxyType(dict(payoffs))
        self.repeated = MappingProxyType(dict(repeated or {}))
        super().__init__(name=name, title=title, players=players, player_names=player_names,
                         parameters=parameters, constraints=constraints, source=source, description=description,
                         expected=expected, case=case, path=path, origin=origin)

    @classmethod
    def from_dict(cls, data: Mapping, source: str = "<dict>", path: Path | None = None) -> ParametrisedModel:
        """Build a model from the structure of a model file (see the format reference).

        The same as :func:`sbgames.modelfile.read_model`: a ``kind =
        "extensive"`` dict gives an :class:`~sbgames.extensive.model.ExtensiveModel`.
        Payoff entries may be expression strings (parsed safely) or numbers;
        in Python they may also be sympy expressions in symbols named like
        the declared parameters.
        """
        if _reader is None:
            raise InputError("Model.from_dict needs the model-file reader: import sbgames.modelfile "
                             "(or use sbgames.Model, which does)")
        return _reader(data, source, path)

    @property
    def payoff_table(self) -> Mapping:
        """The payoffs: profile -> one expression per player (:attr:`payoffs`)."""
        return self.payoffs

    @property
    def closed_forms_cover_all(self) -> bool:
        """Whether the closed forms aim at every equilibrium: two players (every support); else pure profiles."""
        return len(self.players) == 2

    def why_partial(self, closed_form: bool) -> str:
        """Why a result at some parameter point may not be complete, in words.

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("brics").why_partial(closed_form=True)
        'the closed forms of 5-player models cover pure profiles only'
        """
        if closed_form:
            return f"the closed forms of {len(self.players)}-player models cover pure profiles only"
        shape = " x ".join(str(len(s)) for s in self.strategies)
        return (f"the complete solver does not finish quickly for this {len(self.players)}-player {shape} game, "
                "so mixed equilibria were not searched")

    def game(self, **values) -> Game:
        """The game at these parameter values (defaults for the others).

        The game is exact when every payoff is rational at these values,
        and float otherwise.
        """
        point = self.values(**values)
        known = {}  # many profiles share a payoff expression (games with many states): evaluate each once

        def value(profile, i, expr):
            if expr in known:
                return known[expr]
            try:
                known[expr] = evaluate(expr, point)
                return known[expr]
            except ValueError as exc:
                raise InputError(f"model {self.name!r}: payoff of {self.players[i]} at {','.join(profile)} "
                                 f"({expr}) is undefined at these values: {exc}") from None
        return self._build_game(value)

    def symbolic_game(self) -> Game:
        """The game with sympy payoffs in the parameters' symbols."""
        return self._build_game(lambda profile, i, expr: expr)

    def _build_game(self, entry) -> Game:
        """A Game whose payoff for player i at a profile is ``entry(profile, i, expression)``."""
        shape = tuple(len(s) for s in self.strategies)
        out = [np.empty(shape, dtype=object) for _ in self.players]
        for profile, exprs in self.payoffs.items():
            idx = tuple(s.index(name) for s, name in zip(self.strategies, profile))
            for i, expr in enumerate(exprs):
                out[i][idx] = entry(profile, i, expr)
        return Game(out, players=self.players, strategies=self.strategies, title=self.title)

    def equilibria(self, *, exact: bool = False, method: str = "auto", tol: float | None = None, **values):
        """Equilibria of :meth:`game` at these values; the result records the values used.

        Examples
        --------
        >>> from sbgames import load_model
        >>> pd = load_model("prisoners_dilemma")
        >>> [eq.describe() for eq in pd.equilibria(exact=True)]
        ['A: Defect; B: Defect']
        """
        point = self.values(**values)
        return self.game(**point).equilibria(exact=exact, method=method, tol=tol).with_parameters(point)

    def symbolic_equilibria(self):
        """Every equilibrium in closed form with its conditions (computed once, then reused).

        See :func:`sbgames.solvers.symbolic.symbolic_equilibria`.

        Examples
        --------
        >>> from sbgames import load_model
        >>> [b.label for b in load_model("prisoners_dilemma").symbolic_equilibria()]
        ['Defect / Defect']
        """
        from .solvers.symbolic import symbolic_equilibria
        return self._memoised("symbolic", lambda: symbolic_equilibria(self)).copy()  # callers get their own list

    def check_expected(self, *, exact: bool = False, tol: float = 1e-9) -> list[str]:
        """Compare the model file's ``[[expected]]`` blocks with what the solver finds.

        For each block, every expected equilibrium must be found (and, when
        the block says ``complete = true``, nothing else), exactly in exact
        mode or within `tol` in float mode, by the block's ``method``
        (default ``"auto"``; ``method = "pure"`` states the pure equilibria).

        Returns
        -------
        list of str
            One message per discrepancy; empty when everything matches.

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("chicken").check_expected(exact=True), load_model("chicken").check_expected()
        ([], [])
        """
        problems = []
        for k, block in enumerate(self.expected):
            values, expected = block["values"], block["equilibria"]
            changed = {n: str(v) for n, v in values.items() if v != self.parameters[n].default}
            where = f"expected[{k}] at {changed or 'the defaults'}"
            found = [tuple(tuple(vec) for vec in eq.strategies)
                     for eq in self.equilibria(exact=exact, method=block["method"], **values)]

            def same(f, e):
                return f == e if exact else all(abs(float(a) - float(b)) <= tol
                                                for fv, ev in zip(f, e) for a, b in zip(fv, ev))
            for e in expected:
                if not any(same(f, e) for f in found):
                    problems.append(f"{where}: {_show_profile(e)} is not found")
            if block["complete"]:
                for f in found:
                    if not any(same(f, e) for e in expected):
                        problems.append(f"{where}: the block is complete, but {_show_profile(f)} is found too")
        return problems

    def expected_equilibria(self) -> list[tuple[dict, bool, list]]:
        """The model file's expected results as ``(values, complete, profiles)`` triples.

        Each profile is a tuple of probability vectors (Fractions), one per
        player, in the model's strategy order.
        """
        return [(block["values"], block["complete"], block["equilibria"]) for block in self.expected]


def _show_profile(profile) -> str:
    return "(" + "; ".join(", ".join(str(p) if isinstance(p, Fraction) else f"{float(p):.6g}" for p in vec)
                           for vec in profile) + ")"
