"""Exact region boundaries of phase maps, from the closed-form conditions.

Boundaries are taken from the conditions, not from the pixel grid: each
relation of a closed-form condition, with the fixed parameters substituted,
is solved for the y parameter (or the x parameter) and kept where the
classification really changes across it.  :func:`boundary_points` samples a
boundary in the window and says where the regions on its two sides differ
(what a figure draws).

Examples
--------
>>> from sbgames import load_model, regions
>>> rmap = regions(load_model("core"), x=("theta", 0, 12), y=("lam", 0, 4), resolution=40)
>>> [str(b) for b in rmap.boundaries]
['lam = 2/3', 'theta = 4']
>>> xs, ys, differs = boundary_points(rmap, rmap.boundaries[0], count=50)
>>> bool(differs.any()), float(ys[0])
(True, 0.6666666666666666)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from ..conditions import holds
from ..expr import compile_expression

__all__ = ["Boundary", "find_boundaries", "boundary_points", "relations"]


@dataclass(frozen=True)
class Boundary:
    """One exact boundary curve in the plotted slice.

    Attributes
    ----------
    equation : sympy.Eq
        The relation, in the x (and y) parameter symbols, that holds with
        equality on the boundary.
    variable : str
        The parameter the equation is solved for.
    solution : sympy.Expr
        The solved form: ``variable = solution`` (a function of the other
        plotted parameter, or a constant).
    """

    equation: sympy.Eq
    variable: str
    solution: sympy.Expr

    def __str__(self) -> str:
        return f"{self.variable} = {self.solution}"


def relations(condition):
    """Every relation in a boolean combination of relations (``And``, ``Or``, ``Not``).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> sorted(map(str, relations(sympy.Or(x > 1, sympy.And(x < 3, x >= 0)))))
    ['x < 3', 'x > 1', 'x >= 0']
    """
    if isinstance(condition, sympy.core.relational.Relational):
        yield condition
    elif isinstance(condition, (sympy.And, sympy.Or, sympy.Not)):
        for arg in condition.args:
            yield from relations(arg)


def find_boundaries(model, result, rmap) -> list:
    """The exact boundaries of a :class:`~sbgames.analysis.regions.RegionMap` from closed-form results.

    Each relation of each result's conditions, with the fixed parameters
    substituted, is solved for the plotted parameters; a solution is kept
    where the classification really changes across it (checked exactly).
    """
    symbols = model.symbols
    subs = {symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in rmap.fixed.items()}
    xs, ys = symbols[rmap.x_name], (symbols[rmap.y_name] if rmap.y_name else None)
    seen, out = set(), []
    for branch in result:
        for relation in relations(branch.conditions):
            expr = sympy.expand((relation.lhs - relation.rhs).xreplace(subs))
            if not expr.free_symbols or expr.free_symbols - {xs, ys}:
                continue
            for variable, sol in _zero_sets(expr, xs, ys):
                if not sol.is_real and sol.is_real is not None:
                    continue
                key = (variable, sympy.simplify(sol))
                if key in seen:
                    continue
                seen.add(key)
                boundary = Boundary(sympy.Eq(variable, sol), variable.name, sol)
                if _separates(boundary, rmap, model):
                    out.append(boundary)
    return sorted(out, key=_boundary_order)


def _zero_sets(expr, xs, ys) -> list:
    """``(variable, solution)`` pairs where `expr` vanishes: each factor solved for y if it has y, else for x.

    Factoring first keeps a boundary such as ``theta = 4`` in ``(1 + k)*(theta - 4)``,
    which solving the whole product for ``k`` alone would lose.
    """
    _, factors = sympy.factor_list(expr)
    out = []
    for factor, _ in factors:
        if not factor.free_symbols & {xs, ys}:
            continue
        variable = ys if ys is not None and ys in factor.free_symbols else xs
        try:
            out += [(variable, sol) for sol in sympy.solve(factor, variable)]
        except NotImplementedError:
            continue
    return out


def _boundary_order(boundary: Boundary):
    value = boundary.solution
    return (boundary.variable, 0, float(value), "") if value.is_number else (boundary.variable, 1, 0.0, str(value))


def _separates(boundary: Boundary, rmap, model) -> bool:
    """Whether the classification changes across the boundary somewhere in the window.

    Points where the grid labels differ on the two sides of the curve (see
    :func:`boundary_points`) are candidates; a few of them, and a
    few points spread along the curve for regions thinner than the grid, are
    confirmed by exact evaluation just off the curve in x and in y.
    """
    if rmap.y is None or (boundary.variable == rmap.x_name and not boundary.solution.free_symbols):
        try:
            c = float(boundary.solution)
        except TypeError:
            return False
        if not rmap.x[0] < c < rmap.x[-1]:
            return False
    xs, ys, differs = boundary_points(rmap, boundary)
    inside = np.isfinite(ys) & (xs > rmap.x[0]) & (xs < rmap.x[-1])
    if rmap.y is not None:
        inside &= (ys > rmap.y[0]) & (ys < rmap.y[-1])
    candidates = np.nonzero(differs & inside)[0]
    spread = np.nonzero(inside)[0]
    probes = [*candidates[np.linspace(0, len(candidates) - 1, min(6, len(candidates))).astype(int)],
              *spread[np.linspace(0, len(spread) - 1, min(8, len(spread))).astype(int)]] if len(spread) else []
    # across the curve: in x for a line x = c (or a strip), in y for a curve y = f(x), which
    # always separates (x, f(x) - e) from (x, f(x) + e)
    vertical = rmap.y is None or boundary.variable == rmap.x_name
    e = ((rmap.x[-1] - rmap.x[0]) if vertical else (rmap.y[-1] - rmap.y[0])) * 1e-7
    def differ_at(k):
        x, y = xs[k], (ys[k] if rmap.y is not None else None)
        below = (x - e, y) if vertical else (x, y - e)
        above = (x + e, y) if vertical else (x, y + e)
        return _label(rmap, model, *below) != _label(rmap, model, *above)
    # a difference must also hold one sample further along the curve: where two boundaries cross,
    # a probe can straddle the other one, but not at two neighbouring samples
    for k in probes:
        neighbour = k + 1 if k + 1 < len(xs) and inside[k + 1] else k - 1
        if rmap.y is None or vertical and rmap.y is None:
            if differ_at(k):
                return True
        elif neighbour >= 0 and inside[neighbour] and differ_at(k) and differ_at(neighbour):
            return True
    return False


def _label(rmap, model, xv, yv) -> str:
    """The closed-form label at an off-grid point (exact evaluation of every branch)."""
    point = {**rmap.fixed, rmap.x_name: Fraction(float(xv))}
    if yv is not None:
        point[rmap.y_name] = Fraction(float(yv))
    closed_forms = model.symbolic_equilibria()
    return closed_forms.region_label([b for b in closed_forms if holds(b.conditions, point)])


def _nearest(grid: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Indices of the grid points nearest to `values` (a uniform grid)."""
    step = (grid[-1] - grid[0]) / (len(grid) - 1)
    return np.clip(np.rint((values - grid[0]) / step).astype(int), 0, len(grid) - 1)


def boundary_points(rmap, boundary, count: int = 1000):
    """Points along an exact boundary in the window, and whether the regions on its two sides differ.

    The two sides are probed along the curve's normal, 1.5 grid cells away,
    on the map's grid; returns ``(xs, ys, differs)``.
    """
    if rmap.y is None or (boundary.variable == rmap.x_name and not boundary.solution.free_symbols):
        c = float(boundary.solution)
        ys = np.linspace(rmap.y[0], rmap.y[-1], count) if rmap.y is not None else np.zeros(1)
        xs = np.full_like(ys, c)
    else:
        f = compile_expression(boundary.solution, [rmap.x_name])
        # sample densely in x, and also by y where the curve is steep
        # dense in x, and denser still near a vertical asymptote: sample x uniformly and by arc length
        xs = np.linspace(rmap.x[0], rmap.x[-1], count)
        with np.errstate(all="ignore"):
            ys = np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape).copy()
            steep = np.abs(np.gradient(ys, xs)) * (rmap.x[-1] - rmap.x[0]) / (rmap.y[-1] - rmap.y[0])
        if np.nanmax(np.where(np.isfinite(steep), steep, 0)) > 5:
            finer = np.linspace(rmap.x[0], rmap.x[-1], 20 * count)
            with np.errstate(all="ignore"):
                fy = np.broadcast_to(np.asarray(f(finer), dtype=float), finer.shape).copy()
            xs, ys = finer, fy
    inside = np.isfinite(ys) & (xs >= rmap.x[0]) & (xs <= rmap.x[-1])
    if rmap.y is not None:
        inside &= (ys >= rmap.y[0]) & (ys <= rmap.y[-1])
    # the normal in grid units
    sx = (rmap.x[-1] - rmap.x[0]) / (len(rmap.x) - 1)
    if rmap.y is None:
        left, right = _nearest(rmap.x, xs - 1.5 * sx), _nearest(rmap.x, xs + 1.5 * sx)
        differs = inside & (rmap.codes[0, left] != rmap.codes[0, right])
        return xs, ys, differs
    sy = (rmap.y[-1] - rmap.y[0]) / (len(rmap.y) - 1)
    differs = np.zeros_like(inside)
    k = np.nonzero(inside)[0]
    if len(k) < 2:
        return xs, ys, differs
    px, py = xs[k] / sx, ys[k] / sy  # the curve in grid units, where the normal is taken
    tx, ty = np.gradient(px), np.gradient(py)
    norm = np.hypot(tx, ty)
    norm[norm == 0] = 1
    nx, ny = -ty / norm, tx / norm
    a = rmap.codes[_nearest(rmap.y, ys[k] + 1.5 * sy * ny), _nearest(rmap.x, xs[k] + 1.5 * sx * nx)]
    b = rmap.codes[_nearest(rmap.y, ys[k] - 1.5 * sy * ny), _nearest(rmap.x, xs[k] - 1.5 * sx * nx)]
    differs[k] = a != b
    return xs, ys, differs
