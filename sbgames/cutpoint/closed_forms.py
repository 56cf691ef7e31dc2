"""Closed forms of the one-sided cut-point equilibria, with the conditions under which each exists.

With T's type uniform on ``[lo, hi]`` (ends that may be parameters) every
cut-point equilibrium belongs to one of these families, each a
:class:`CutpointBranch` holding exactly where its conditions do.  Write
``d_j(t) = alpha_j + beta_j t`` for T's gain from revising against S's
strategy j at type t, and ``U_j(p)`` for S's payoff from j when T revises with
probability p.

* S plays j and every type revises: ``d_j(hi) >= 0`` and j is S's best reply to ``p = 1``;
* S plays j and no type revises: ``d_j(lo) <= 0`` and j is S's best reply to ``p = 0``;
* S plays j and T revises below the cut-point ``c = -alpha_j / beta_j``: ``d_j(lo) > 0 > d_j(hi)``,
  ``p = d_j(lo) / (d_j(lo) - d_j(hi))``, and j is S's best reply to p;
* S mixes j and k: ``p = (n_k - n_j) / Delta_jk`` (S's indifference), ``0 < p < 1``, j and k are
  best replies to p, ``c = lo + p (hi - lo)``, and ``d_j(c) d_k(c) < 0``, so that the
  mixture that leaves type c indifferent, ``q_j = d_k(c) / (d_k(c) - d_j(c))``, lies in (0, 1).

The families are complete for isolated equilibria: at parameter points
where a continuum of equilibria exists (a coincidence of parameters, see
:func:`~sbgames.cutpoint.one_sided.cutpoint_equilibria`) the continuum is
not listed.  The branches offer the closed-form result interface of
:mod:`sbgames.results`, so phase diagrams (:func:`sbgames.regions`) draw them.

Examples
--------
>>> from sbgames import load_model
>>> branches = load_model("private_legitimacy").symbolic_equilibria()
>>> [b.label for b in branches if b.holds_at()]
['Revise-Restrain / Soft-Bandwagon']
>>> mixed = next(b for b in branches if b.holds_at())
>>> mixed.formulas["revise_probability"], mixed.formulas["cutpoint"]
(-c_s/(b - e_s*theta), -c_s*lam_max/(b - e_s*theta))
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import sympy

from ..conditions import condition_text
from ..errors import InputError
from ..results import INCOMPLETE, ClosedFormMixin, expression_json, merge_values, supports_label
from .structure import TypeStructure

__all__ = ["CutpointBranch", "CutpointBranches", "cutpoint_branches"]


class CutpointBranch(ClosedFormMixin):
    """One family of cut-point equilibria in closed form, with its existence conditions.

    Attributes
    ----------
    label : str
        The supports, e.g. ``"Revise-Restrain / Soft-Bandwagon"``.
    supports : tuple of tuple of str
        T's strategies taken by some type, and S's strategies played.
    conditions : sympy boolean
        Where the family exists (strict inequalities where a weak one would
        make an equilibrium coincide with a neighbouring family's).
    formulas : dict
        ``cutpoint``, ``revise_probability`` and ``S:<strategy>`` as expressions in the parameters.
    """

    #: A family states cut-points, not each player's mixed strategy (see :mod:`sbgames.results`).
    strategies = None

    def __init__(self, supports, conditions, formulas, defaults=None):
        self.supports = tuple(tuple(s) for s in supports)
        self.defaults = dict(defaults or {})
        self.conditions = conditions
        self.formulas = dict(formulas)

    @property
    def label(self) -> str:
        return " / ".join("-".join(s) for s in self.supports)

    def holds_at(self, values: Mapping | None = None, /, **more) -> bool:
        """Whether the conditions hold at a parameter point, exactly (the model's defaults for the others)."""
        point = {**self.defaults, **merge_values(values, more)}
        mapping = {s: sympy.nsimplify(point[s.name]) for s in self.conditions.free_symbols if s.name in point}
        missing = sorted(s.name for s in self.conditions.free_symbols if s.name not in point)
        if missing:
            raise InputError(f"holds_at needs a value for {', '.join(missing)}")
        relations = self.conditions.args if isinstance(self.conditions, sympy.And) else (self.conditions,)
        for relation in relations:  # a side undefined at the point (a zero denominator): the family does not exist
            lhs, rhs = (side.xreplace(mapping) for side in relation.args)
            if not (lhs.is_finite and rhs.is_finite and lhs.is_real and rhs.is_real) or not relation.func(lhs, rhs):
                return False
        return True

    def compile(self):
        """Refused: a family states cut-points, not the mixed strategies and payoffs a compiled branch gives.

        Raises
        ------
        InputError
            Always, naming the way that works: comparative statics point by
            point (``statics(..., method="numeric")``) or :func:`sbgames.cutpoint.sweep`.
        """
        raise InputError(f"the cut-point family {self.label} states cut-points, not each player's mixed strategy "
                         f"and payoffs, so it is not evaluated on a grid: sweep with method='numeric' "
                         f"(sbgames.statics) or sbgames.cutpoint.sweep, which solve point by point")

    def describe(self) -> str:
        return f"{self.label}: cut-point {self.formulas['cutpoint']}, revision probability " \
               f"{self.formulas['revise_probability']}"

    def result_data(self) -> dict:
        return {"supports": [list(s) for s in self.supports],
                "formulas": {q: expression_json(e) if e.is_finite is not False else {"expression": str(e)}
                             for q, e in self.formulas.items()}}

    def __repr__(self) -> str:
        return f"CutpointBranch({self.label} if {self.conditions})"


class CutpointBranches(list):
    """The branches of a model, with the flags phase diagrams read (``complete``, ``degenerate_supports``)."""

    def __init__(self, branches, *, model=None):
        super().__init__(branches)
        self.model = model
        self.complete = True  # every isolated equilibrium; continua at coincidences are said in the docstring
        self.degenerate_supports = ()

    @property
    def covers_all(self) -> bool:
        """Whether the families account for every isolated equilibrium at every point off the boundaries."""
        return self.complete and not self.degenerate_supports

    def region_label(self, holding) -> str:
        """The region label of a point where the families `holding` exist: their supports."""
        return supports_label([b.supports for b in holding], None if self.complete else INCOMPLETE)

    def text(self) -> str:
        """Each family with its formulas and its conditions, as plain text."""
        lines = []
        for branch in self:
            lines.append(f"{branch.label}:")
            lines += [f"    {q} = {e}" for q, e in branch.formulas.items() if e != 0 or q.startswith("rev")]
            lines.append(f"  if {condition_text(branch.conditions)}")
        return "\n".join(lines)

    def copy(self) -> "CutpointBranches":
        return CutpointBranches(self, model=self.model)


def _and(*relations):
    """The conjunction, unevaluated (sympy would try to simplify the relations)."""
    return sympy.And(*relations, evaluate=False) if len(relations) > 1 else relations[0]


def cutpoint_branches(sym: TypeStructure, low, high, model=None, defaults=None) -> CutpointBranches:
    """The closed-form families of a symbolic structure (``type_structure(..., symbolic=True)``).

    Parameters
    ----------
    sym : TypeStructure
        Coefficients as expressions in the parameters.
    low, high : sympy.Expr
        The ends of the uniform support of T's type.
    model : PrivateTypesModel, optional
    defaults : mapping, optional
        Parameter values :meth:`CutpointBranch.holds_at` uses for those it is not given.
    """
    names, (revise, restrain) = sym.s_actions, sym.t_actions

    def branch(supports, conditions, formulas):
        return CutpointBranch(supports, conditions, formulas, defaults)
    n = len(names)

    def d(j, t):
        return sym.alpha[j] + sym.beta[j] * t

    def better(j, k, p):
        return sympy.Ge(sym.s_payoff(j, p) - sym.s_payoff(k, p), 0)

    def pure(j, **more):
        return {**more, **{f"S:{a}": sympy.Integer(1 if i == j else 0) for i, a in enumerate(names)}}
    out = []
    for j, name in enumerate(names):
        others = [k for k in range(n) if k != j]
        cut = -sym.alpha[j] / sym.beta[j] if sympy.simplify(sym.beta[j]) != 0 else sympy.oo
        out.append(branch(((revise,), (name,)), _and(sympy.Ge(d(j, high), 0), *(better(j, k, 1)
                                                                                         for k in others)),
                                  pure(j, cutpoint=cut, revise_probability=sympy.Integer(1))))
        out.append(branch(((restrain,), (name,)), _and(sympy.Le(d(j, low), 0), *(better(j, k, 0)
                                                                                          for k in others)),
                                  pure(j, cutpoint=-cut if cut == sympy.oo else cut,
                                       revise_probability=sympy.Integer(0))))
        if cut != sympy.oo:
            p = d(j, low) / (d(j, low) - d(j, high))
            out.append(branch(((revise, restrain), (name,)),
                                      _and(sympy.Gt(d(j, low), 0), sympy.Lt(d(j, high), 0),
                                           *(better(j, k, p) for k in others)),
                                      pure(j, cutpoint=cut, revise_probability=sympy.simplify(p))))
    for j, k in itertools.combinations(range(n), 2):
        delta = (sym.revise_payoff[j] - sym.restrain_payoff[j]) - (sym.revise_payoff[k] - sym.restrain_payoff[k])
        if sympy.simplify(delta) == 0:
            continue  # S indifferent for all p or never: no isolated equilibrium
        p = sympy.simplify((sym.restrain_payoff[k] - sym.restrain_payoff[j]) / delta)
        c = sympy.simplify(low + p * (high - low))
        dj, dk = d(j, c), d(k, c)
        q = sympy.simplify(dk / (dk - dj))
        conditions = _and(sympy.Gt(p, 0), sympy.Lt(p, 1), sympy.Lt(dj * dk, 0),
                          *(better(j, m, p) for m in range(n) if m not in (j, k)))
        formulas = {"cutpoint": c, "revise_probability": p,
                    **{f"S:{a}": q if i == j else sympy.simplify(1 - q) if i == k else sympy.Integer(0)
                       for i, a in enumerate(names)}}
        out.append(branch(((revise, restrain), (names[j], names[k])), conditions, formulas))
    return CutpointBranches(out, model=model)
