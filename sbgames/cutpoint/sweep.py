"""Cut-point equilibria along one parameter, and the figure of them.

Examples
--------
>>> from fractions import Fraction
>>> from sbgames import load_model
>>> rows = sweep(load_model("private_legitimacy"), "lam_max", [Fraction(1, 2), 1, 6])
>>> [(str(r.value), str(r.cutpoint), str(r.revise_probability), str(r.soft)) for r in rows]
[('1/2', '2/3', '1', '1'), ('1', '2/3', '2/3', '1'), ('6', '3', '1/2', '4/11')]
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from .one_sided import CutpointEquilibrium

__all__ = ["SweepPoint", "sweep", "plot_sweep", "MAX_POINTS"]

#: The most parameter values a sweep solves.
MAX_POINTS = 2000


@dataclass(frozen=True)
class SweepPoint:
    """One equilibrium at one value of the swept parameter."""

    value: object
    equilibrium: CutpointEquilibrium
    label: str

    @property
    def cutpoint(self):
        return self.equilibrium.cutpoint

    @property
    def revise_probability(self):
        return self.equilibrium.revise_probability

    @property
    def soft(self):
        """S's probability of its costly (two-sided) or second strategy: ``Soft`` in the core model."""
        return self.equilibrium.s_strategy.get("Soft", 0)


def sweep(model, name: str, values, *, exact: bool = True, **fixed) -> list[SweepPoint]:
    """Every cut-point equilibrium of `model` at each value of parameter `name` (others fixed or default).

    Raises
    ------
    SolverLimitError
        More than :data:`MAX_POINTS` values.
    """
    values = list(values)
    if len(values) > MAX_POINTS:
        from ..errors import SolverLimitError
        raise SolverLimitError(f"a sweep solves at most {MAX_POINTS} values, got {len(values)}")
    if name not in model.parameters:
        raise InputError(f"model {model.name!r} has no parameter {name!r}")
    out = []
    for value in values:
        for eq in model.equilibria(exact=exact, **{**fixed, name: value}):
            support = "-".join(a for a, q in eq.s_strategy.items() if q != 0)
            out.append(SweepPoint(value, eq, f"S: {support}"))
    return out


def plot_sweep(model, name: str, values, **fixed):
    """A figure of the cut-point (left) and of the probabilities of revision and soft balancing (right).

    Each equilibrium is a point, coloured by S's support; the figure keeps the
    points as ``fig.points`` (a list of :class:`SweepPoint`) for checking.
    """
    import matplotlib.pyplot as plt
    points = sweep(model, name, values, **fixed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), constrained_layout=True)
    t_type = model.types[model.players[0]].name
    labels = list(dict.fromkeys(p.label for p in points))
    for k, label in enumerate(labels):
        mine = [p for p in points if p.label == label]
        xs = [float(p.value) for p in mine]
        colour = f"C{k}"
        left.plot(xs, [min(float(p.cutpoint), 1e9) for p in mine], ".", color=colour, label=label)
        right.plot(xs, [float(p.revise_probability) for p in mine], ".", color=colour,
                   label=f"Pr(T revises), {label}")
        right.plot(xs, [float(p.soft) for p in mine], "x", color=colour, markersize=3,
                   label=f"Pr(S soft balances), {label}")
    left.plot([float(v) for v in values], [float(v) for v in values], ":", color="grey", label=f"{name} (every type)")
    left.set_xlabel(name)
    left.set_ylabel(f"cut-point: T revises iff {t_type} < c")
    left.set_ylim(0, max(float(v) for v in values))
    right.set_xlabel(name)
    right.set_ylabel("probability")
    right.set_ylim(-0.02, 1.02)
    left.legend(fontsize=7)
    right.legend(fontsize=7)
    fig.suptitle(f"{model.name}: cut-point equilibria against {name}", fontsize=10)
    fig.points = points
    return fig
