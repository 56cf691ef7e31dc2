"""Sampling the box around the calibrated values: how much of it keeps the calibrated regime and outcome."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from ..errors import InputError
from ..normal_model import Model
from ..parameters import Parameter
from .arrays import CHUNK, Regimes
from .catalogue import case_info, case_quantities
from .outcomes import is_complete, state

__all__ = ["RELATIVE_WIDTH", "limits", "sample_box", "progress_bar", "MAX_SAMPLES", "check_samples", "check_seed", "sample_points", "wilson_interval", "Robustness", "robustness"]


#: Relative half-width of the robustness box: each calibrated value ``x`` varies over ``x (1 -+ w)``.
RELATIVE_WIDTH = Fraction(1, 4)


def limits(param: Parameter, span: Fraction) -> tuple[Fraction, Fraction]:
    low, high = param.default - span, param.default + span
    tiny = Fraction(1, 10**9)
    if param.min is not None:
        low = max(low, param.min)
    if param.above is not None:
        low = max(low, param.above + tiny)
    if param.max is not None:
        high = min(high, param.max)
    if param.below is not None:
        high = min(high, param.below - tiny)
    return low, high


def sample_box(model: Model) -> dict:
    """Name -> (low, high): each calibrated quantity (a plausible range stated, and delta in repeated play)
    over its value times ``1 -+`` :data:`RELATIVE_WIDTH`, within its bounds; the same relative width for
    every case, so that shares compare across cases."""
    return {name: limits(p, abs(p.default) * RELATIVE_WIDTH)
            for name, p in case_quantities(model).items() if p.plausible is not None}


def progress_bar(progress: bool, total: int, desc: str):
    """A tqdm bar on standard error, shown only on a terminal and only after 2 seconds; None when off."""
    if not progress:
        return None
    from tqdm.auto import tqdm
    return tqdm(total=total, desc=desc, unit="point", delay=2, disable=None, file=sys.stderr, leave=False)


#: Largest robustness sample accepted (it is checked before any work).
MAX_SAMPLES = 100_000


#: Grid of the draws: each calibrated quantity takes one of 10**6 + 1 evenly spaced values of its range.
_GRID = 10 ** 6


def check_samples(samples) -> int:
    """`samples` if it is a whole number from 1 to :data:`MAX_SAMPLES`, else an :class:`~sbgames.errors.InputError`.

    Examples
    --------
    >>> check_samples(400)
    400
    >>> check_samples(10**8)
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: samples must be a whole number from 1 to 100,000, got 100000000
    """
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"samples must be a whole number from 1 to {MAX_SAMPLES:,}, got {samples!r}")
    return int(samples)


def check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2 ** 63:
        raise InputError(f"seed must be a whole number from 0 to 2**63 - 1, got {seed!r}")
    return int(seed)


def _draws(model: Model, samples: int, seed: int):
    """``(box, steps)``: the plausible box and the grid steps drawn, one row per point, one column per quantity."""
    box = sample_box(model)
    if not box:
        raise InputError(f"case {model.name!r} states no plausible ranges, so it has no box to sample")
    rng = np.random.default_rng(seed)
    return box, rng.integers(0, _GRID, size=(samples, len(box)), endpoint=True)


def _point(box: dict, steps) -> dict:
    """The exact point of one row of grid steps."""
    return {name: lo + (hi - lo) * Fraction(int(k), _GRID) for (name, (lo, hi)), k in zip(box.items(), steps)}


def sample_points(model: Model, samples: int = 400, seed: int = 0) -> list:
    """The points :func:`robustness` draws: exact values of the calibrated quantities, one dict per point.

    Each calibrated quantity (a plausible range stated, and delta in
    repeated play) with value ``x`` is drawn uniformly from the
    ``10**6 + 1`` evenly spaced values ``low + (high - low) k / 10**6`` of
    ``[low, high] = [x (1 - w), x (1 + w)]``, ``w`` =
    :data:`RELATIVE_WIDTH`, clipped to its bounds (the others keep their
    calibrated values).

    Examples
    --------
    >>> from sbgames.cases import load_case
    >>> points = sample_points(load_case("league_1930s"), samples=2, seed=0)
    >>> len(points), sorted(points[0])[:3]
    (2, ['a', 'b', 'c_h'])
    """
    case_info(model)
    box, steps = _draws(model, check_samples(samples), check_seed(seed))
    return [_point(box, row) for row in steps]


def wilson_interval(hits: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a share `hits` / `n` (``(nan, nan)`` when ``n = 0``).

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(8, 10)]
    [0.4902, 0.9433]
    """
    if n == 0:
        return float("nan"), float("nan")
    from scipy.stats import binomtest
    ci = binomtest(hits, n).proportion_ci(confidence, method="wilson")
    return float(ci.low), float(ci.high)


@dataclass(frozen=True)
class Robustness:
    """How much of the box around the calibrated values keeps the calibrated regime, and the outcome.

    Attributes
    ----------
    share : float
        Share of the admissible sampled points where the regime (the
        equilibrium label) is the calibrated one.
    samples : int
        Points drawn.
    admissible : int
        Points that satisfy the model's constraints (the others are not
        counted): the sample size of both shares.
    box : mapping of str to (Fraction, Fraction)
        Each calibrated value times ``1 -+ width``, within its bounds.
    regime : str
        The calibrated regime.
    complete : bool
        Whether the regimes compared are complete equilibrium sets (False:
        pure equilibria only, which :meth:`__str__` says).
    outcome : str
        The calibrated outcome (:func:`outcome`).
    outcome_share : float
        Share of the admissible points where the outcome is the calibrated one.
    hits, outcome_hits : int
        Admissible points with the calibrated regime, and with the calibrated outcome.
    width : Fraction
        The relative half-width of the box (:data:`RELATIVE_WIDTH`).
    """

    share: float
    samples: int
    admissible: int
    box: MappingProxyType
    regime: str
    complete: bool
    outcome: str
    outcome_share: float
    hits: int
    outcome_hits: int
    width: Fraction = RELATIVE_WIDTH

    @property
    def interval(self) -> tuple[float, float]:
        """95% Wilson score interval of :attr:`share`."""
        return wilson_interval(self.hits, self.admissible)

    @property
    def outcome_interval(self) -> tuple[float, float]:
        """95% Wilson score interval of :attr:`outcome_share`."""
        return wilson_interval(self.outcome_hits, self.admissible)

    def __str__(self) -> str:
        scope = "" if self.complete else "; pure equilibria only, mixed not searched"

        def shown(share, interval):
            return f"{share:.0%} (95% CI {interval[0]:.0%} to {interval[1]:.0%})"
        return (f"the outcome ({self.outcome}) holds in {shown(self.outcome_share, self.outcome_interval)} of the "
                f"box of calibrated values -+{float(self.width):.0%}, the equilibrium label in "
                f"{shown(self.share, self.interval)} ({self.admissible} admissible points of {self.samples} "
                f"drawn{scope})")


def robustness(model: Model, samples: int = 400, seed: int = 0, executor=None, progress: bool = False) -> Robustness:
    """The shares of the box around the calibrated values in which the calibrated regime, and outcome, hold.

    The points are those of :func:`sample_points` (each calibrated value
    -+ :data:`RELATIVE_WIDTH`, the same relative width for every case);
    points that break a constraint between parameters are dropped.  The
    regime share counts an unchanged equilibrium label; the outcome share
    an unchanged substantive outcome (:func:`outcome`: what T and the
    states do, the states counted, not named).  Closed forms are evaluated
    on the whole sample at once where the model has them; other points are
    solved exactly, one batch per task on `executor` if given.

    Parameters
    ----------
    model : Model
        A case.
    samples : int
        Points drawn, 1 to :data:`MAX_SAMPLES` (checked before any work).
    seed : int
        Seed of the draws (the same seed gives the same share).
    executor : concurrent.futures.Executor, optional
        Runs the exact solving of points the closed forms cannot decide.
    progress : bool
        A progress bar on standard error (on a terminal, after 2 seconds).

    Raises
    ------
    InputError
        `samples` or `seed` out of range, not a case, or no plausible ranges.
    """
    samples, seed = check_samples(samples), check_seed(seed)
    case_info(model)  # refuses a model without [case]
    box, steps = _draws(model, samples, seed)
    regimes = Regimes(model, executor)
    calibrated, calibrated_outcome = state(model, {})
    lows = np.array([float(lo) for lo, _ in box.values()])
    widths = np.array([float(hi - lo) for lo, hi in box.values()])
    bar = progress_bar(progress, samples, "robustness sample")
    hits = outcome_hits = admissible = 0
    for start in range(0, samples, CHUNK):
        chunk = steps[start:start + CHUNK]
        floats = dict(zip(box, (lows + widths * chunk / _GRID).T))
        found = [s for s in regimes.of_arrays(floats, lambda k: _point(box, chunk[k]), len(chunk)) if s is not None]
        admissible += len(found)
        hits += sum(label == calibrated for label, _ in found)
        outcome_hits += sum(found_outcome == calibrated_outcome for _, found_outcome in found)
        if bar is not None:
            bar.update(len(chunk))
    if bar is not None:
        bar.close()

    def share(k):
        return k / admissible if admissible else float("nan")
    return Robustness(share(hits), samples, admissible, MappingProxyType(box), calibrated, is_complete(calibrated),
                      calibrated_outcome, share(outcome_hits), hits, outcome_hits)
