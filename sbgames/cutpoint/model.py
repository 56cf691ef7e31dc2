"""Models with private types (``kind = "private_types"``): the game of a model file, types drawn uniformly.

A :class:`PrivateTypesModel` is a parametrised 2-player game in which some
symbols of the payoffs are not parameters but private types: T's (``lam``,
its legitimacy weight) and optionally S's (``c_s``, its cost of soft
balancing), each uniform on an interval whose ends may be parameters
(``[0, lam_max]``).  Its :meth:`~PrivateTypesModel.equilibria` are the
verified cut-point equilibria (:mod:`sbgames.cutpoint`); model files of this
kind are read by :mod:`sbgames.modelfile.private_types`.

Examples
--------
>>> from sbgames import load_model
>>> m = load_model("private_legitimacy")
>>> m.kind, m.type_names
('private_types', {'T': 'lam'})
>>> [eq.describe() for eq in m.equilibria(exact=True)]
['T revises iff lam < 3 (probability 1/2); S: 4/11 Soft + 7/11 Bandwagon']
>>> [eq.describe() for eq in m.equilibria(exact=True, lam_max=2)]
['T revises iff lam < 1 (probability 1/2); S: 4/5 Soft + 1/5 Bandwagon']
>>> [eq.describe() for eq in m.equilibria(exact=True, lam_max="1/2")]
['T: Revise (every type); S: Soft']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import sympy

from ..errors import InputError
from ..expr import evaluate
from ..game import Game
from ..parameters import ParametrisedModel
from .distributions import Uniform
from .one_sided import DEFAULT_TOL, CutpointResult, cutpoint_equilibria, show
from .structure import Arithmetic, type_structure
from .statics import cutpoint_statics
from .two_sided import two_sided_equilibria

__all__ = ["PrivateType", "PrivateTypesModel"]


@dataclass(frozen=True)
class PrivateType:
    """One player's private type: its name in the payoffs and its uniform distribution.

    Attributes
    ----------
    player : str
    name : str
    symbol : sympy.Symbol
    low, high : sympy.Expr
        Ends of the support, expressions in the parameters.
    description : str
    """

    player: str
    name: str
    symbol: sympy.Symbol
    low: sympy.Expr
    high: sympy.Expr
    description: str = ""

    def distribution(self, point: Mapping) -> Uniform:
        """The uniform distribution at parameter values `point` (name -> Fraction)."""
        low, high = (evaluate(e, point) for e in (self.low, self.high))
        if not low < high:
            raise InputError(f"{self.player}'s type {self.name} is uniform on [{self.low}, {self.high}] = "
                             f"[{low}, {high}], which needs low < high")
        return Uniform(low, high)


class PrivateTypesModel(ParametrisedModel):
    """A parametrised 2-player game with private types; its equilibria are cut-point equilibria.

    Attributes
    ----------
    kind : str
        ``"private_types"``.
    strategies : tuple of tuple of str
    payoffs : mapping of profile tuple to tuple of sympy.Expr
        In the parameters and the types.
    types : mapping of player id to PrivateType
        T's type, and S's in the two-sided game.
    """

    kind = "private_types"
    kind_name = "a game with private types"
    #: The closed-form families are every isolated cut-point equilibrium.
    closed_forms_cover_all = True

    def __init__(self, *, strategies, payoffs, types, **fields):
        object.__setattr__(self, "strategies", tuple(tuple(s) for s in strategies))
        object.__setattr__(self, "payoffs", MappingProxyType(dict(payoffs)))
        object.__setattr__(self, "types", MappingProxyType(dict(types)))
        super().__init__(**fields)

    @property
    def payoff_table(self) -> Mapping:
        """The payoffs: profile -> one expression per player, in the parameters and the types."""
        return self.payoffs

    @property
    def type_names(self) -> dict:
        """Player id -> the name of its private type."""
        return {player: t.name for player, t in self.types.items()}

    def symbolic_game(self) -> Game:
        """The game with sympy payoffs in the parameters and the types."""
        shape = tuple(len(s) for s in self.strategies)
        out = [np.empty(shape, dtype=object) for _ in self.players]
        for profile, exprs in self.payoffs.items():
            idx = tuple(s.index(name) for s, name in zip(self.strategies, profile))
            for i, expr in enumerate(exprs):
                out[i][idx] = expr
        return Game(out, players=self.players, strategies=self.strategies, title=self.title)

    def game(self, **values) -> Game:
        """The game at these parameter values, the types left as symbols."""
        point = self.values(**values)
        return self.symbolic_game().subs(point)

    def distributions(self, **values) -> dict:
        """Player id -> the :class:`~sbgames.cutpoint.distributions.Uniform` of its type at these values."""
        point = self.values(**values)
        return {player: t.distribution(point) for player, t in self.types.items()}

    def equilibria(self, *, exact: bool = False, method: str = "auto", tol: float | None = None,
                   **values) -> CutpointResult:
        """Every verified cut-point equilibrium at these parameter values (defaults for the others).

        See :func:`sbgames.cutpoint.cutpoint_equilibria` and, with S's type
        private too, :func:`sbgames.cutpoint.two_sided_equilibria`.  `method`
        is ``"auto"``, the one way cut-point equilibria are found (the
        signature every model kind shares).
        """
        if method != "auto":
            raise InputError(f"method {method!r} does not solve a model with private types: its cut-point "
                             f"equilibria have one method, 'auto'")
        point = self.values(**values)
        game, dists = self.game(**point), self.distributions(**point)
        tol = DEFAULT_TOL if tol is None else tol
        t_player, s_player = self.players
        if s_player in self.types:
            result = two_sided_equilibria(game, self.types[t_player].name, dists[t_player],
                                          self.types[s_player].name, dists[s_player], exact=exact, tol=tol)
        else:
            result = cutpoint_equilibria(game, self.types[t_player].name, dists[t_player], exact=exact, tol=tol)
        return result.with_parameters(point)

    def statics(self, **values) -> list:
        """Derivatives of every equilibrium's cut-points and probabilities in every parameter (exact).

        See :func:`sbgames.cutpoint.cutpoint_statics`.
        """
        point = self.values(**values)
        t_player, s_player = self.players
        t = self.types[t_player]
        extra = {}
        if s_player in self.types:
            s = self.types[s_player]
            extra = {"s_type": s.name, "s_distribution": Uniform(s.low, s.high)}
        return cutpoint_statics(self.symbolic_game(), t.name, Uniform(t.low, t.high), point, exact=True, **extra)

    def symbolic_equilibria(self):
        """Every family of cut-point equilibria in closed form, with its conditions (one-sided models).

        See :mod:`sbgames.cutpoint.closed_forms`; computed once, then reused.

        Raises
        ------
        InputError
            For a two-sided model, whose equilibria solve a quadratic equation
            piece by piece: use :meth:`equilibria` and :meth:`statics` at points.
        """
        if len(self.types) > 1:
            raise InputError(f"model {self.name!r}: closed-form families are derived for T's private type alone; "
                             f"the two-sided game is solved point by point (equilibria, statics)")

        def derive():
            from .closed_forms import cutpoint_branches
            from .statics import game_without_assumptions, without_assumptions
            t = self.types[self.players[0]]
            sym = type_structure(game_without_assumptions(self.symbolic_game()), t.name, symbolic=True)
            return cutpoint_branches(sym, without_assumptions(t.low), without_assumptions(t.high),
                                     model=self, defaults=self.values())
        return self._memoised("symbolic", derive).copy()

    def check_expected(self, *, exact: bool = False, tol: float = 1e-9) -> list[str]:
        """Compare the ``[[expected]]`` blocks with the equilibria found; one message per discrepancy."""
        problems = []
        arith = Arithmetic(exact, tol)
        for b, block in enumerate(self.expected):
            changed = {n: str(v) for n, v in block["values"].items() if v != self.parameters[n].default}
            where = f"expected[{b}] at {changed or 'the defaults'}"
            found = self.equilibria(exact=exact, tol=tol, **block["values"])

            def same(eq, want):
                pairs = [(eq.revise_probability, want["revise_probability"])]
                pairs += [(eq.s_strategy[a], want["S"].get(a, 0)) for a in self.strategies[1]]
                for key, have in (("cutpoint", eq.cutpoint), ("s_cutpoint", eq.s_cutpoint)):
                    if want.get(key) is not None:
                        pairs.append((have, want[key]))
                return all(have is not None and abs(float(have)) != float("inf") and
                           arith.zero(sympy.sympify(have) - w if exact else float(have) - float(w))
                           for have, w in pairs)
            for want in block["equilibria"]:
                if not any(same(eq, want) for eq in found):
                    problems.append(f"{where}: {_show(want)} is not found")
            if block["complete"]:
                if not found.complete:
                    problems.append(f"{where}: the block is complete, but the result is not ({found.scope})")
                for eq in found:
                    if not any(same(eq, want) for want in block["equilibria"]):
                        problems.append(f"{where}: the block is complete, but {eq.describe()} is found too")
        return problems


def _show(want) -> str:
    s = ", ".join(f"{a} {show(q)}" for a, q in want["S"].items())
    return f"revision probability {show(want['revise_probability'])}; S: {s}"
