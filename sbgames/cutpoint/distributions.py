"""Distributions of a player's private type: exact uniform, or any continuous scipy distribution.

A cut-point equilibrium needs three things from the distribution of a type:
its cumulative distribution function ``F`` (the share of types below a
cut-point), its quantile function (the cut-point that leaves a given share
below it) and its support.  :class:`Uniform` gives them exactly (sympy
numbers, or expressions in a model's parameters); :class:`ScipyTypes` wraps
any frozen continuous distribution of :mod:`scipy.stats` and gives them in
floating point.

Examples
--------
>>> u = Uniform(0, 6)
>>> u.cdf(3), u.ppf(sympy.Rational(4, 11)), u.exact
(1/2, 24/11, True)
>>> from scipy import stats
>>> n = ScipyTypes(stats.norm(2, 1))
>>> round(n.cdf(2.0), 12), n.exact, n.low
(0.5, False, -inf)
"""

from __future__ import annotations

import math

import sympy

from ..errors import InputError, InputTypeError
from ..numeric import to_sympy

__all__ = ["Uniform", "ScipyTypes", "type_distribution"]


class Uniform:
    """Types uniform on ``[low, high]``, with exact arithmetic.

    Parameters
    ----------
    low, high : number or sympy expression
        The ends of the support.  Numbers are read exactly (a float is
        read as the exact value of its binary fraction); expressions in
        parameters are allowed for closed forms, and :meth:`at` substitutes
        values for them.

    Raises
    ------
    InputError
        When both ends are numbers and ``low >= high``.
    """

    exact = True

    def __init__(self, low, high):
        self.low, self.high = to_sympy(low), to_sympy(high)
        if self.low.is_number and self.high.is_number and not bool(self.low < self.high):
            raise InputError(f"a uniform distribution needs low < high, got [{self.low}, {self.high}]")

    def __repr__(self) -> str:
        return f"Uniform({self.low}, {self.high})"

    @property
    def symbols(self) -> set:
        """The parameter symbols the ends depend on."""
        return self.low.free_symbols | self.high.free_symbols

    def at(self, values) -> "Uniform":
        """The distribution with parameter values (name -> number) substituted into its ends."""
        mapping = {s: to_sympy(values[s.name]) for s in self.symbols if s.name in values}
        return Uniform(self.low.xreplace(mapping), self.high.xreplace(mapping))

    def cdf(self, x):
        """The share of types below `x` (exact)."""
        if x == sympy.oo or x == math.inf:
            return sympy.Integer(1)
        if x == -sympy.oo or x == -math.inf:
            return sympy.Integer(0)
        return sympy.Min(1, sympy.Max(0, (x - self.low) / (self.high - self.low)))

    def ppf(self, p):
        """The type below which a share `p` in [0, 1] of types lies (exact)."""
        return self.low + p * (self.high - self.low)

    def pdf(self, x):
        """The density at `x` (exact)."""
        inside = bool(self.low <= x) and bool(x <= self.high)
        return 1 / (self.high - self.low) if inside else sympy.Integer(0)

    def numeric(self) -> "ScipyTypes":
        """The same distribution as a float :class:`ScipyTypes` (for numeric solving)."""
        from scipy import stats
        low, high = float(self.low), float(self.high)
        return ScipyTypes(stats.uniform(loc=low, scale=high - low))


class ScipyTypes:
    """Types drawn from a frozen continuous :mod:`scipy.stats` distribution (float arithmetic).

    Parameters
    ----------
    dist : scipy.stats frozen continuous distribution
        For example ``scipy.stats.beta(2, 5, scale=6)``.

    Raises
    ------
    InputTypeError
        When `dist` is not a frozen continuous scipy distribution.
    """

    exact = False

    def __init__(self, dist):
        from scipy import stats
        if not isinstance(getattr(dist, "dist", None), stats.rv_continuous):
            raise InputTypeError(f"a type distribution must be a frozen continuous scipy.stats distribution "
                                 f"(such as scipy.stats.uniform(0, 6)) or sbgames Uniform, got {dist!r}")
        self.dist = dist
        self.low, self.high = (float(v) for v in dist.support())

    def __repr__(self) -> str:
        return f"ScipyTypes({self.dist.dist.name}{self.dist.args or ''}{self.dist.kwds or ''})"

    @property
    def symbols(self) -> set:
        return set()

    def at(self, values) -> "ScipyTypes":
        return self

    def cdf(self, x) -> float:
        return float(self.dist.cdf(float(x)))

    def ppf(self, p) -> float:
        return float(self.dist.ppf(float(p)))

    def pdf(self, x) -> float:
        return float(self.dist.pdf(float(x)))

    def numeric(self) -> "ScipyTypes":
        return self


def type_distribution(dist):
    """`dist` as a type distribution: a :class:`Uniform` or :class:`ScipyTypes` stays, a scipy one is wrapped.

    Examples
    --------
    >>> from scipy import stats
    >>> type_distribution(stats.expon())
    ScipyTypes(expon)
    """
    if isinstance(dist, (Uniform, ScipyTypes)):
        return dist
    return ScipyTypes(dist)
