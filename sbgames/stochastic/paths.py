"""Equilibrium paths: where a stochastic game goes over time when the players follow a Markov equilibrium.

Under a stationary profile the state follows a Markov chain with matrix
``P`` (:func:`~sbgames.stochastic.markov.chain`), so the distribution over
states after ``t`` periods is ``initial P^t``: :func:`state_paths` computes it
exactly (fractions) for an exact equilibrium, and in floats otherwise.
:func:`simulate` draws sample paths from the same chain, for what a single
history may look like.  :meth:`StatePaths.plot` draws the fan chart: the
probability of each state, stacked, period by period.

Examples
--------
>>> from sbgames import load_model
>>> m = load_model("legitimacy_stock")
>>> eq = m.equilibria(exact=True, delta="1/2")[0]
>>> paths = state_paths(eq, periods=3)
>>> [[str(p) for p in row] for row in paths.probabilities]
[['1', '0', '0', '0'], ['1/2', '1/2', '0', '0'], ['1/4', '1/2', '1/4', '0'], ['1/8', '3/8', '1/4', '1/4']]
>>> [str(p) for p in paths.at(3).values()]
['1/8', '3/8', '1/4', '1/4']
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import InputError, InputTypeError
from ..figstyle import PALETTE, HATCHES, new_axes, style_options, style_rc
from .markov import chain
from .result import initial_distribution

__all__ = ["StatePaths", "state_paths", "simulate", "MAX_PERIODS", "MAX_RUNS"]

#: The most periods a path is computed or drawn for.
MAX_PERIODS = 10_000
#: The most sample paths :func:`simulate` draws.
MAX_RUNS = 100_000


def _count(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputTypeError(f"{name} must be an integer, got {value!r}")
    if not low <= value <= high:
        raise InputError(f"{name} must be from {low} to {high:,}, got {value}")
    return int(value)


@dataclass(frozen=True)
class StatePaths:
    """The distribution over states, period by period, under a stationary equilibrium.

    Attributes
    ----------
    equilibrium : MarkovEquilibrium
    states : tuple of str
    probabilities : tuple of tuple
        ``probabilities[t][s]``: the probability of state ``s`` in period
        ``t`` (period 0 is the initial distribution); Fractions when exact.
    exact : bool
    """

    equilibrium: object
    states: tuple
    probabilities: tuple
    exact: bool

    @property
    def periods(self) -> int:
        """The last period computed."""
        return len(self.probabilities) - 1

    def at(self, period: int) -> dict:
        """``{state: probability}`` in `period`."""
        period = _count(period, "period", 0, self.periods)
        return dict(zip(self.states, self.probabilities[period]))

    def first_period_above(self, state, probability) -> int | None:
        """The first period in which `state` has at least `probability` (None if none computed does).

        Examples
        --------
        >>> from sbgames import load_model
        >>> eq = load_model("legitimacy_stock").equilibria(exact=True, delta="1/2")[0]
        >>> state_paths(eq, periods=20).first_period_above("Balanced", "1/2")  # the median time to Balanced
        4
        """
        k = self.equilibrium.game.state_index(state)
        level = Fraction(probability) if self.exact else float(Fraction(probability))
        return next((t for t, row in enumerate(self.probabilities) if row[k] >= level), None)

    def plot(self, ax=None, style: str = "paper"):
        """The fan chart: each state's probability, stacked in state order, period by period; returns the Figure.

        States that are never reached within the periods drawn are left out
        of the chart and its legend.
        """
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch
        options = style_options(style)
        shown = [k for k in range(len(self.states)) if any(row[k] > 0 for row in self.probabilities)]
        t = np.arange(len(self.probabilities))
        table = np.array([[float(row[k]) for k in shown] for row in self.probabilities])
        with plt.rc_context(style_rc(style)):
            fig, ax = new_axes(ax, style, extra_height=0.3)
            bottom = np.zeros(len(t))
            handles = []
            for j, k in enumerate(shown):
                colour, hatch = PALETTE[j % len(PALETTE)], HATCHES[j % len(HATCHES)] if options["hatch"] else ""
                ax.fill_between(t, bottom, bottom + table[:, j], step="post", facecolor=colour, hatch=hatch,
                                edgecolor="black", linewidth=0.3)
                handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="black", linewidth=0.3,
                                     label=self.states[k]))
                bottom = bottom + table[:, j]
            ax.set_xlim(0, t[-1])
            ax.set_ylim(0, 1)
            ax.set_xlabel("period (t)")
            ax.set_ylabel("probability of each state (P)")
            fig.legend(handles=handles, loc="outside lower center", frameon=False, ncols=min(4, len(handles)),
                       handlelength=1.2, columnspacing=1.0)
        return fig


def _matrix(eq) -> list:
    _, matrix = chain(eq.game, eq.strategies)
    if eq.exact:
        return [[Fraction(p) for p in row] for row in matrix]
    return [[float(p) for p in row] for row in matrix]


def state_paths(eq, periods: int = 50, initial=None) -> StatePaths:
    """The distribution over states in periods ``0..periods`` under a stationary equilibrium.

    Parameters
    ----------
    eq : MarkovEquilibrium
    periods : int
        The last period (at most :data:`MAX_PERIODS`).
    initial : str, int or mapping, optional
        The state (or distribution) of period 0; default the first state
        (:meth:`StochasticModel.paths <sbgames.stochastic.model.StochasticModel.paths>`
        starts from the model's ``initial`` state).

    Returns
    -------
    StatePaths
        Exact (fractions) when the equilibrium is.
    """
    periods = _count(periods, "periods", 0, MAX_PERIODS)
    game, exact = eq.game, eq.exact
    start = initial_distribution(game, initial, exact)
    matrix = _matrix(eq)
    n = game.n_states
    rows = [tuple(start)]
    for _ in range(periods):
        last = rows[-1]
        rows.append(tuple(sum((last[s] * matrix[s][u] for s in range(n)), 0 * last[0]) for u in range(n)))
    return StatePaths(equilibrium=eq, states=game.states, probabilities=tuple(rows), exact=exact)


def simulate(eq, periods: int = 50, runs: int = 1000, seed: int = 0, initial=None) -> np.ndarray:
    """Sample paths of the state under a stationary equilibrium: ``runs x (periods + 1)`` state indices.

    Drawn with :func:`numpy.random.default_rng` from `seed`, so a seed gives
    the same paths every time; the share of runs in each state approaches
    :func:`state_paths` as `runs` grows.

    Examples
    --------
    >>> from sbgames import load_model
    >>> eq = load_model("legitimacy_stock").equilibria(exact=True, delta="1/2")[0]
    >>> runs = simulate(eq, periods=5, runs=4, seed=1)
    >>> runs.shape, set(runs[:, 0].tolist())
    ((4, 6), {0})
    """
    periods = _count(periods, "periods", 0, MAX_PERIODS)
    runs = _count(runs, "runs", 1, MAX_RUNS)
    start = np.array([float(p) for p in state_paths(eq, 0, initial).probabilities[0]])
    matrix = np.array(_matrix(eq), dtype=float)
    cumulative = np.cumsum(matrix, axis=1)
    rng = np.random.default_rng(seed)
    out = np.empty((runs, periods + 1), dtype=np.intp)
    out[:, 0] = rng.choice(len(start), size=runs, p=start / start.sum())
    for t in range(periods):
        draws = rng.random(runs)
        rows = cumulative[out[:, t]]
        out[:, t + 1] = np.minimum((draws[:, None] >= rows).sum(axis=1), matrix.shape[0] - 1)
    return out
