"""Closed-form equilibria of normal-form models: the branch and the list of branches.

A :class:`Branch` is one equilibrium stated in the model's parameters (the
strategies and expected payoffs as expressions) with the condition under
which it is an equilibrium; :class:`SymbolicEquilibria` is the list of
branches :func:`~sbgames.solvers.symbolic.symbolic_equilibria` derives,
with how it was derived.  A branch offers the closed-form result interface
of :mod:`sbgames.results`.

Examples
--------
>>> from sbgames import load_model
>>> core = load_model("core")
>>> branch = core.symbolic_equilibria().branch(("Revise",), ("Soft",))
>>> branch.label, branch.holds_at(core.values(theta=8, lam="1/2")), branch.holds_at(core.values(lam=3))
('Revise / Soft', True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from ..conditions import condition_text, holds
from ..errors import InputError
from ..expr import compile_expression, evaluate
from ..numeric import parse_number
from ..tidy import expression_text, tidy_mixed
from ..results import (INCOMPLETE, PURE_ONLY, ClosedFormMixin, expression_json, merge_values, number_json,
                       profile_label, supports_label)

__all__ = ["Branch", "SymbolicEquilibria", "profile_label", "parameter_point", "tidy_mixed"]


@dataclass(frozen=True, eq=False)
class Branch(ClosedFormMixin):
    """One closed-form equilibrium and the conditions under which it exists.

    Attributes
    ----------
    players : tuple of str
    strategy_names : tuple of tuple of str
    supports : tuple of tuple of str
        The strategies each player may play with positive probability.
    strategies : tuple of tuple of sympy.Expr
        Probability of each strategy, per player.
    payoffs : tuple of sympy.Expr
        Expected payoff of each player.
    conditions : sympy Boolean
        When the profile is an equilibrium, simplified under the bounds
        (``sympy.true`` where it always is).
    witness : dict or None
        A parameter point where the conditions hold (found by sampling).
    """

    players: tuple
    strategy_names: tuple
    supports: tuple
    strategies: tuple
    payoffs: tuple
    conditions: Boolean
    parameters: tuple = field(repr=False)
    witness: dict | None = None

    @property
    def label(self) -> str:
        """``"Revise / Soft"`` for a pure branch, ``"mixed: ..."`` otherwise."""
        return profile_label(self.supports)

    @property
    def is_pure(self) -> bool:
        return all(len(s) == 1 for s in self.supports)

    def played(self) -> list:
        """``[(player, [(strategy, probability), ...]), ...]`` over the strategies not played with probability 0."""
        return [(player, [(n, p) for n, p in zip(names, vec) if p != 0])
                for player, names, vec in zip(self.players, self.strategy_names, self.strategies)]

    def probability(self, player, strategy) -> sympy.Expr:
        """The probability that `player` plays `strategy` on this branch."""
        i = self.players.index(player) if player in self.players else int(player)
        return self.strategies[i][self.strategy_names[i].index(strategy)]

    # -- evaluation ---------------------------------------------------------
    def holds_at(self, values=None, /, **more) -> bool:
        """Whether the conditions hold at a parameter point (exact arithmetic).

        The point is a mapping of every parameter to its value, or keywords, or both.
        """
        return holds(self.conditions, parameter_point(merge_values(values, more), self.parameters))

    def strategies_at(self, **values) -> tuple:
        """The equilibrium strategies at a parameter point, as Fraction vectors."""
        point = parameter_point(values, self.parameters)
        return tuple(tuple(evaluate(p, point) for p in vec) for vec in self.strategies)

    def payoffs_at(self, **values) -> tuple:
        """The expected payoffs at a parameter point."""
        point = parameter_point(values, self.parameters)
        return tuple(evaluate(u, point) for u in self.payoffs)

    def compile(self):
        """Numpy functions of the parameters (keyword arrays, broadcast together).

        Returns
        -------
        conditions : callable
            ``conditions(**arrays) -> bool array``.
        strategies : callable
            ``strategies(**arrays) -> list`` (per player) of lists of arrays.

        Examples
        --------
        >>> from sbgames import load_model
        >>> core = load_model("core")
        >>> b = core.symbolic_equilibria().branch(("Revise",), ("Soft",))
        >>> cond, _ = b.compile()
        >>> values = {k: float(v) for k, v in core.values().items()}
        >>> values["l"] = np.array([0.5, 3.0])
        >>> cond(**values)
        array([ True, False])
        """
        cond = compile_expression(self.conditions, self.parameters)
        strat = compile_expression([list(vec) for vec in self.strategies], self.parameters)

        def broadcast(arrays):
            args = np.broadcast_arrays(*[np.asarray(arrays[n], dtype=float) for n in self.parameters])
            return args, (args[0].shape if args else ())

        def conditions(**arrays):
            args, shape = broadcast(arrays)
            with np.errstate(all="ignore"):
                return np.broadcast_to(np.asarray(cond(*args), dtype=bool), shape)

        def strategies(**arrays):
            args, shape = broadcast(arrays)
            with np.errstate(all="ignore"):
                return [[np.broadcast_to(np.asarray(p, dtype=float), shape) for p in vec]
                        for vec in strat(*args)]
        return conditions, strategies

    # -- text ---------------------------------------------------------------
    def statement(self, space=None, prefer=()) -> str:
        """A proposition-style sentence for this branch.

        With the model's parameter `space`
        (:class:`~sbgames.assumptions.ParameterSpace`), the conditions are
        written under its bounds, solved for the parameters in `prefer` first
        where they can be (:func:`~sbgames.conditions.condition_text`).

        Examples
        --------
        >>> from sbgames import load_model
        >>> print(load_model("core").symbolic_equilibria().branch(("Revise",), ("Bandwagon",)).statement())
        (Revise / Bandwagon) is an equilibrium if and only if b + c_s >= e_s*theta and b + c_h + w >= e_h*theta. T plays Revise; S plays Bandwagon.
        """
        when = ("always" if self.conditions is sympy.true
                else f"if and only if {condition_text(self.conditions, space, prefer)}")
        return f"({self.label}) is an equilibrium {when}. " + self.describe(space) + "."

    def describe(self, space=None) -> str:
        """What each player plays, in one line, probabilities with their signs absorbed (:func:`~sbgames.tidy.tidy`).

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("core").symbolic_equilibria().branch(("Revise",), ("Bandwagon",)).describe()
        'T plays Revise; S plays Bandwagon'
        """
        return "; ".join(f"{player} plays {played[0][0]}" if len(played) == 1 else
                         f"{player} plays " + ", ".join(f"{n} with probability {expression_text(p)}"
                                                        for n, p in tidy_mixed(played, space))
                         for player, played in self.played())

    def result_data(self) -> dict:
        """The branch's fields for :meth:`to_dict`: strategies and payoffs keyed by player, and the witness.

        Examples
        --------
        >>> from sbgames import load_model
        >>> data = load_model("core").symbolic_equilibria().branch(("Revise",), ("Bandwagon",)).to_dict()
        >>> data["label"], data["strategies"]["S"]["Bandwagon"], data["payoffs"]["T"]
        ('Revise / Bandwagon', {'exact': '1', 'float': 1.0}, {'expression': 'g'})
        """
        return {"kind": "support branch",
                "supports": {p: list(s) for p, s in zip(self.players, self.supports)},
                "strategies": {p: {n: expression_json(x) for n, x in zip(names, vec)}
                               for p, names, vec in zip(self.players, self.strategy_names, self.strategies)},
                "payoffs": {p: expression_json(u) for p, u in zip(self.players, self.payoffs)},
                "witness": None if self.witness is None else {k: number_json(v) for k, v in self.witness.items()}}

    def __repr__(self) -> str:
        return f"Branch({self.label}; conditions: {self.conditions})"

    def _repr_latex_(self) -> str:
        label = ", ".join(r"\text{" + "-".join(s) + "}" for s in self.supports)
        return f"$({label}):\\quad {sympy.latex(self.conditions)}$"


def parameter_point(values: dict, parameters=()) -> dict:
    """`values` read as exact numbers, refusing a point that misses one of `parameters`.

    Examples
    --------
    >>> parameter_point({"a": "1/2", "b": 0.25}, ("a", "b"))
    {'a': Fraction(1, 2), 'b': Fraction(1, 4)}
    """
    missing = [p for p in parameters if p not in values]
    if missing:
        raise InputError(f"a value is needed for every parameter; missing {', '.join(missing)} "
                         f"(model.values(...) fills in the defaults)")
    return {k: parse_number(v) for k, v in values.items()}


class SymbolicEquilibria(list):
    """The branches of a model's symbolic equilibria, with how they were derived.

    Attributes
    ----------
    model : Model
    space : ParameterSpace
    complete : bool
        True when the branches cover every extreme equilibrium at every
        non-degenerate parameter point: False for pure-profile derivations
        (N-player models, :func:`symbolic_pure_equilibria`) and when some
        supports are structurally degenerate.
    degenerate_supports : list of tuple
        Support pairs whose indifference equations are consistent for both
        players but have a non-unique solution for at least one (structural
        ties, such as duplicated strategies); they are not expanded into
        branches, and ``complete`` is False when there are any.
    """

    def __init__(self, branches, *, model, space, complete, degenerate_supports=()):
        super().__init__(branches)
        self.model = model
        self.space = space
        self.complete = complete
        self.degenerate_supports = list(degenerate_supports)

    def copy(self) -> "SymbolicEquilibria":
        """A new list of the same (immutable) branches, with the same record."""
        return SymbolicEquilibria(self, model=self.model, space=self.space, complete=self.complete,
                                  degenerate_supports=self.degenerate_supports)

    @property
    def covers_all(self) -> bool:
        """Whether the branches account for every equilibrium at every parameter point off the boundaries.

        True for a complete derivation without structurally degenerate
        supports; then a phase diagram needs no point-by-point solving.
        """
        return self.complete and not self.degenerate_supports

    def region_label(self, holding) -> str:
        """The region label of a point where the branches `holding` hold: their supports.

        A derivation that is not complete says what it leaves out (pure
        profiles of N-player models, degenerate supports) and never claims
        "unique".

        Examples
        --------
        >>> from sbgames import load_model
        >>> core = load_model("core")
        >>> forms = core.symbolic_equilibria()
        >>> forms.region_label(forms.at(theta=8, lam="1/2"))
        'Revise / Soft (unique)'
        """
        left_out = None if self.complete else PURE_ONLY if len(self.model.players) > 2 else INCOMPLETE
        return supports_label([b.supports for b in holding], left_out)

    def branch(self, *supports) -> Branch:
        """The branch with these supports (one tuple of strategy names per player)."""
        key = tuple(tuple(s) for s in supports)
        for b in self:
            if b.supports == key:
                return b
        raise KeyError(f"no branch with supports {key}; branches: {[b.label for b in self]}")

    def at(self, **values) -> list:
        """The branches whose conditions hold at a parameter point."""
        point = self.model.values(**values)
        return [b for b in self if holds(b.conditions, point)]

    def __repr__(self) -> str:
        return f"SymbolicEquilibria({len(self)} branches: {[b.label for b in self]})"

    def text(self, prefer=()) -> str:
        """Every branch as a plain-text proposition, conditions written under the bounds (see :meth:`Branch.statement`)."""
        return "\n\n".join(b.statement(self.space, prefer) for b in self)

    def _repr_latex_(self) -> str:
        from ..latex import condition, expression
        rows = []
        for b in self:
            label = ", ".join(r"\text{" + "-".join(s) + "}" for s in b.supports)
            probs = "; ".join(", ".join(expression(p, self.model) for p in vec) for vec in b.strategies)
            rows.append(f"({label}) & {probs} & \\text{{${condition(b.conditions, self.model)}$}}")
        return "$$\\begin{array}{lll}" + r" \\ ".join(rows) + r"\end{array}$$"
