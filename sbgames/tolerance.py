"""The float tolerance policy: one payoff scale, one default tolerance, one check.

Float solvers treat two payoffs as equal when they differ by at most a
tolerance.  sbgames measures that tolerance relative to the game's *payoff
scale* (its largest absolute payoff), so multiplying every payoff by a
positive factor leaves every equilibrium decision unchanged.  Exact
(``Fraction``) arithmetic needs no tolerance.

The functions accept any game that has ``payoff_arrays`` (a normal-form
:class:`~sbgames.game.Game`) or ``terminals()`` and ``node()`` (a game tree,
:class:`~sbgames.extensive.tree.ExtensiveGame`); this module imports neither.

Examples
--------
>>> from sbgames import Game
>>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> payoff_scale(pd), default_tolerance(pd)
(5.0, 5e-09)
"""

from __future__ import annotations

import numpy as np

from .errors import InputError, InputTypeError
from .numeric import to_float

__all__ = ["payoff_scale", "default_tolerance", "check_tolerance", "RELATIVE_TOLERANCE", "MAX_RELATIVE_TOLERANCE"]

#: The default float tolerance, as a fraction of the payoff scale.
RELATIVE_TOLERANCE = 1e-9
#: The largest tolerance accepted, as a fraction of the payoff scale.
MAX_RELATIVE_TOLERANCE = 1e-3


def payoff_scale(game) -> float:
    """The payoff scale of a numeric game: its largest absolute payoff.

    `game` is a :class:`~sbgames.game.Game` or an
    :class:`~sbgames.extensive.tree.ExtensiveGame` (whose payoffs are those of
    its terminal nodes).  Multiplying every payoff by ``c > 0`` multiplies the
    scale by ``c``.  A game whose payoffs are all 0 has no scale of its own
    (every profile is an equilibrium, whatever the tolerance); its scale is
    taken as 1.

    Examples
    --------
    >>> from sbgames import Game
    >>> payoff_scale(Game([[[0, -200]], [[1, 1]]])), payoff_scale(Game([[[0, 0]], [[0, 0]]]))
    (200.0, 1.0)
    """
    arrays = getattr(game, "payoff_arrays", None)
    if arrays is not None:
        largest = max(np.abs(a).max() for a in arrays)
    else:
        largest = max((abs(v) for t in game.terminals() for v in game.node(t).payoffs), default=0)
    return to_float(largest) or 1.0


def default_tolerance(game) -> float:
    """The float tolerance used when none is given: ``1e-9`` times :func:`payoff_scale`.

    There is no absolute floor, so multiplying every payoff by any positive
    factor multiplies the tolerance by the same factor and leaves every
    equilibrium decision unchanged.

    Examples
    --------
    >>> from sbgames import Game
    >>> print(f"{default_tolerance(Game([[[0, 200]], [[1, 1]]])):.1e}")
    2.0e-07
    >>> print(f"{default_tolerance(Game([[[0, 2e-10]], [[1e-10, 1e-10]]])):.1e}")
    2.0e-19
    """
    return RELATIVE_TOLERANCE * payoff_scale(game)


def check_tolerance(tol, game, *, exact: bool = False, allow_zero: bool = True):
    """The float tolerance to use: :func:`default_tolerance` when `tol` is None, else `tol` checked.

    Exact mode needs none (returns None).  A given `tol` must be a finite
    number, at least 0 (above 0 where `allow_zero` is False: methods whose
    float arithmetic rounds), and at most :data:`MAX_RELATIVE_TOLERANCE`
    (``1e-3``) times the payoff scale: a larger one would count real gains
    from deviating as ties.

    Raises
    ------
    InputTypeError
        If `tol` is not a number (an :class:`~sbgames.errors.InputError` and a ``TypeError``).
    InputError
        If `tol` is NaN, infinite, negative (or 0 where refused) or too large.

    Examples
    --------
    >>> from sbgames import Game
    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> check_tolerance(1e-6, pd)
    1e-06
    >>> check_tolerance(1e300, pd)
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: tol=1e+300 is too large: at most 0.001 times the payoff scale (the largest absolute payoff, 5) is accepted, here 0.005
    """
    if exact:
        return None
    if tol is None:
        return default_tolerance(game)
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)):
        raise InputTypeError(f"tol must be a number, got {type(tol).__name__} {tol!r}")
    if not (np.isfinite(tol) and (tol > 0 or (allow_zero and tol == 0))):
        need = "a finite number >= 0" if allow_zero else "a finite positive number"
        raise InputError(f"tol must be {need}, got {tol!r} (for checks without tolerance use exact=True)")
    scale = payoff_scale(game)
    limit = MAX_RELATIVE_TOLERANCE * scale
    if tol > limit:
        raise InputError(f"tol={float(tol)!r} is too large: at most {MAX_RELATIVE_TOLERANCE:g} times the payoff "
                         f"scale (the largest absolute payoff, {scale:g}) is accepted, here {limit:g}")
    return float(tol)
