"""Cut-point equilibria along one parameter, and the figure of them.

Examples
--------
>>> from fractions import Fraction
>>> from sbgames import load_model
>>> rows = sweep(load_model("private_legitimacy"), "lam_max", [Fraction(1, 2), 1, 6], exact=True)
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


def sweep(model, name: str, values, *, exact: bool = False, **fixed) -> list[SweepPoint]:
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


def plot_sweep(model, name: str, values, *, style: str = "paper", **fixed):
    """A figure of the cut-point (left) and of the probabilities of revision and soft balancing (right).

    Each equilibrium is a point, coloured by S's support; the figure keeps the
    points as ``fig.points`` (a list of :class:`SweepPoint`, exact) for checking.  The
    two panels take the width of a journal page in the default ``"paper"``
    style (:data:`sbgames.figstyle.STYLES`), with one key below them.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from ..figstyle import PALETTE, axis_label, style_options, style_rc, symbol
    points = sweep(model, name, values, exact=True, **fixed)
    options = style_options(style)
    width, height = options["size"]
    with plt.rc_context({**style_rc(style), "figure.dpi": options["dpi"]}):
        fig, (left, right) = plt.subplots(1, 2, figsize=(2 * width, height + 0.5), layout="constrained")
        t_type = model.types[model.players[0]].name
        labels = list(dict.fromkeys(p.label for p in points))
        size = 3 * options["font"] / 8
        for k, label in enumerate(labels):
            mine = [p for p in points if p.label == label]
            xs = [float(p.value) for p in mine]
            colour = PALETTE[k % len(PALETTE)]
            left.plot(xs, [min(float(p.cutpoint), 1e9) for p in mine], "o", color=colour, markersize=size)
            right.plot(xs, [float(p.revise_probability) for p in mine], "o", color=colour, markersize=size)
            right.plot(xs, [float(p.soft) for p in mine], "x", color=colour, markersize=size)
        left.plot([float(v) for v in values], [float(v) for v in values], ":", color="black")
        sym = symbol(model, name)
        left.set_xlabel(axis_label(model, name))
        left.set_ylabel(f"cut-point: T revises\niff {t_type} < c")
        left.set_ylim(0, max(float(v) for v in values))
        right.set_xlabel(axis_label(model, name))
        right.set_ylabel("probability")
        right.set_ylim(-0.02, 1.02)
        handles = [Line2D([], [], color=PALETTE[k % len(PALETTE)], marker="o", linestyle="None", label=label)
                   for k, label in enumerate(labels)]
        handles += [Line2D([], [], color="black", linestyle=":", label=f"cut-point {sym} (every type revises)"),
                    Line2D([], [], color="black", marker="o", linestyle="None", label="Pr(T revises) (right)"),
                    Line2D([], [], color="black", marker="x", linestyle="None", label="Pr(S soft balances) (right)")]
        fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False, columnspacing=1.0)
    fig.points = points
    return fig
