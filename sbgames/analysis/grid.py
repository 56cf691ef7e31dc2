"""Grids of parameter values for phase maps and sweeps: axes, their ranges and the model's constraints.

Examples
--------
>>> parse_range("lam:0:5", "--y")
('lam', Fraction(0, 1), Fraction(5, 1))
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError, SolverLimitError
from ..expr import compile_expression
from ..numeric import parse_number

__all__ = ["parse_range", "axis_grid", "inside_constraints", "MAX_RESOLUTION", "MAX_POINTS", "MAX_MAGNITUDE"]

#: Largest number of grid points per axis, and of points in a whole map (checked before any work).
MAX_RESOLUTION, MAX_POINTS = 1000, 250_000
#: Largest magnitude of an axis end: beyond it grid values lose the precision of a float.
MAX_MAGNITUDE = 10 ** 15


def parse_range(text: str, option: str = "range") -> tuple:
    """Read ``name:low:high`` (as given on the command line) into ``(name, low, high)``.

    The ends are read exactly (as :func:`~sbgames.numeric.parse_number` does) and
    must be finite, at most 1e15 in magnitude, with ``low < high``.

    Raises
    ------
    InputError
        Naming `option` and the value that is wrong.

    Examples
    --------
    >>> parse_range("theta:0:1/2", "--x")
    ('theta', Fraction(0, 1), Fraction(1, 2))
    >>> parse_range("theta:0:1e400", "--x")
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: --x theta:0:1e400: high = 1e400 is beyond the largest axis end allowed, 1e15 in magnitude
    """
    parts = str(text).split(":")
    if len(parts) != 3 or not parts[0].strip():
        raise InputError(f"{option} expects name:low:high, got {text!r}")
    name, low, high = (part.strip() for part in parts)
    ends = []
    for which, value in (("low", low), ("high", high)):
        try:
            ends.append(parse_number(value))
        except InputError as exc:
            raise InputError(f"{option} {text}: {which}: {exc}") from None
    _check_ends(name, *ends, where=f"{option} {text}", shown=(low, high))
    return (name, *ends)


def _check_ends(name, lo, hi, where, shown=None) -> None:
    """Refuse axis ends that are too large, not increasing, or too close for a grid of floats."""
    shown = shown or tuple(str(v) if len(str(v)) <= 40 else f"{str(v)[:12]}... ({len(str(v))} characters)"
                           for v in (lo, hi))
    for which, value, text in (("low", lo, shown[0]), ("high", hi, shown[1])):
        if abs(value) > MAX_MAGNITUDE:
            raise InputError(f"{where}: {which} = {text} is beyond the largest axis end allowed, "
                             f"1e15 in magnitude")
    if not lo < hi:
        raise InputError(f"{where}: low ({shown[0]}) must be below high ({shown[1]})")
    if not float(hi) - float(lo) > 1e-9 * max(abs(float(lo)), abs(float(hi))):
        raise InputError(f"{where}: the range {shown[0]} to {shown[1]} is too narrow for a grid of floats "
                         f"(high - low must exceed 1e-9 of the larger end's magnitude)")


def axis_grid(model, spec, resolution: int) -> tuple:
    """``(name, grid, (low, high))`` for an axis ``(name, low, high)`` of `model`, checked against its bounds.

    Examples
    --------
    >>> from sbgames import load_model
    >>> name, grid, _ = axis_grid(load_model("core"), ("lam", 0, 1), 3)
    >>> name, grid.tolist()
    ('lam', [0.0, 0.5, 1.0])
    """
    if not (isinstance(spec, (tuple, list)) and len(spec) == 3):
        raise InputError(f"an axis is (name, low, high), got {spec!r}")
    name, lo, hi = spec
    if name not in model.parameters:
        model.values(**{name: 0})  # raises the helpful unknown-parameter error
    param = model.parameters[name]
    lo, hi = param.check(lo), param.check(hi)
    _check_ends(name, lo, hi, where=f"axis {name}")
    if not (isinstance(resolution, int) and not isinstance(resolution, bool) and 2 <= resolution):
        raise InputError(f"resolution must be an integer of at least 2, got {resolution!r}")
    if resolution > MAX_RESOLUTION:
        raise SolverLimitError(f"resolution {resolution} is over the limit of {MAX_RESOLUTION} grid points "
                               f"per axis (and {MAX_POINTS:,} points per map); choose a smaller resolution")
    return name, np.linspace(float(lo), float(hi), resolution), (lo, hi)


def inside_constraints(model, arrays: dict, shape) -> np.ndarray:
    """Where the model's constraints hold on a grid (`arrays`: every parameter, as arrays or scalars)."""
    ok = np.ones(shape, dtype=bool)
    names = list(model.parameters)
    for _, relation in model.constraints:
        f = compile_expression(relation, names)
        ok &= np.broadcast_to(np.asarray(f(*[arrays[n] for n in names]), dtype=bool), shape)
    return ok
