"""Equilibrium result objects and their verification.

Every solver in sbgames builds its results through :func:`verified`, which
checks that no player gains by deviating (exactly in exact mode, within the
stated tolerance in float mode) and refuses to return a profile that fails.

Examples
--------
>>> from sbgames import Game
>>> g = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
>>> eq = verified(g, [[0, 1], [0, 1]], method="manual", exact=True)
>>> eq.payoffs, eq.regret
((Fraction(1, 1), Fraction(1, 1)), Fraction(0, 1))
>>> verified(g, [[1, 0], [1, 0]], method="manual", exact=True)
Traceback (most recent call last):
...
sbgames.errors.VerificationError: manual returned a profile that is not an equilibrium: Player 1 gains 2 by deviating
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from .errors import InputTypeError, VerificationError
from .strategic import StrategicGame, regret_and_payoff
from .tolerance import check_tolerance, payoff_scale
from .numeric import format_number
from .results import INCOMPLETE, PURE_ONLY, profile_label, supports_label

__all__ = ["Equilibrium", "EquilibriumSet", "VerificationError", "verified", "check_tolerance", "check_exact",
           "named_quantities"]


#: Float mode: a probability at or below this counts as zero when reading supports.
PROBABILITY_TOL = 1e-9




def _readonly(vec) -> np.ndarray:
    arr = np.array(vec, dtype=object if isinstance(vec[0], Fraction) else float)
    arr.flags.writeable = False
    return arr.view()  # a view of a read-only base cannot be made writeable again


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One verified Nash equilibrium.

    Attributes
    ----------
    game : Game
        The game it is an equilibrium of (in the arithmetic used).
    strategies : tuple of numpy.ndarray
        One probability vector per player; ``Fraction`` entries in exact mode.
    payoffs : tuple
        Expected payoff of each player.
    regret : Fraction or float
        The largest gain any player could get by deviating: 0 in exact mode,
        at most `tol` in float mode.
    method : str
        The algorithm that found it.
    exact : bool
        Whether the arithmetic was exact.
    tol : float or None
        The float tolerance of the check (``None`` in exact mode).
    algebraic : tuple of tuple or None
        Exact values of an irrational equilibrium found in exact mode (by
        :func:`~sbgames.solvers.polynomial.polynomial_equilibria`): one
        tuple of sympy algebraic numbers per player, of which `strategies`
        holds the float roundings.  ``None`` otherwise.
    """

    game: StrategicGame = field(repr=False)
    strategies: tuple
    payoffs: tuple
    regret: Any
    method: str
    exact: bool
    tol: float | None = None
    algebraic: tuple | None = field(default=None, repr=False)

    @property
    def supports(self) -> tuple[tuple[str, ...], ...]:
        """Names of the strategies each player plays with positive probability."""
        return tuple(tuple(name for name, p in zip(names, vec) if p > (0 if self.exact else PROBABILITY_TOL))
                     for names, vec in zip(self.game.strategies, self.strategies))

    @property
    def is_pure(self) -> bool:
        """True when every player plays a single strategy."""
        return all(len(s) == 1 for s in self.supports)

    def profile(self) -> dict:
        """``{player: {strategy: probability}}`` over the supports."""
        return {player: {name: p for name, p in zip(names, vec) if p != 0}
                for player, names, vec in zip(self.game.players, self.game.strategies, self.strategies)}

    def curve_label(self) -> str:
        """The name of the curve it lies on in comparative statics: its supports (``"Defect / Defect"``)."""
        return profile_label(self.supports)

    def quantities(self) -> dict:
        """Its quantities by name, as floats, for comparative statics (see :func:`named_quantities`).

        Examples
        --------
        >>> from sbgames import Game
        >>> eq = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]).equilibria(exact=True)[0]
        >>> eq.curve_label(), eq.quantities()["payoff Player 1"], eq.quantities()["Pr(Player 1: s2 & Player 2: s2)"]
        ('s2 / s2', 1.0, 1.0)
        """
        game = self.game
        return named_quantities(game.players, game.strategies, [[float(p) for p in vec] for vec in self.strategies],
                                [float(v) for v in self.payoffs])

    def describe(self) -> str:
        """A one-line description, e.g. ``T: Revise; S: 1/2 Soft + 1/2 Bandwagon``."""
        parts = []
        for player, support in self.profile().items():
            if len(support) == 1:
                parts.append(f"{player}: {next(iter(support))}")
            else:
                parts.append(f"{player}: " + " + ".join(f"{format_number(p)} {s}" for s, p in support.items()))
        return "; ".join(parts)

    def to_dict(self) -> dict:
        """A JSON-ready description (fractions as ``"p/q"`` strings in exact mode).

        An irrational equilibrium found in exact mode also gives its exact
        probabilities as text under ``"algebraic"`` (e.g. ``"1 - sqrt(2)/2"``).
        """
        conv = str if self.exact else float
        out = {
            "strategies": {player: {name: conv(p) for name, p in zip(names, vec)}
                           for player, names, vec in zip(self.game.players, self.game.strategies,
                                                         self.strategies)},
            "payoffs": {player: conv(v) for player, v in zip(self.game.players, self.payoffs)},
            "regret": conv(self.regret),
        }
        if self.algebraic is not None:
            out["algebraic"] = {player: {name: str(p) for name, p in zip(names, vec)}
                                for player, names, vec in zip(self.game.players, self.game.strategies,
                                                              self.algebraic)}
        return out

    def __repr__(self) -> str:
        scale = 1.0 if self.game.kind == "exact" else payoff_scale(self.game)  # exact numbers print as fractions
        return f"Equilibrium({self.describe()}; payoffs {tuple(format_number(v, scale) for v in self.payoffs)})"


def named_quantities(players, strategy_names, probs, payoffs) -> dict:
    """Strategy probabilities, expected payoffs and outcome probabilities by name (arrays or numbers).

    Examples
    --------
    >>> named_quantities(["T", "S"], [["R"], ["Soft", "Hard"]], [[1.0], [0.25, 0.75]], [2.0, -1.0])
    ... # doctest: +NORMALIZE_WHITESPACE
    {'Pr(T: R)': 1.0, 'Pr(S: Soft)': 0.25, 'Pr(S: Hard)': 0.75, 'payoff T': 2.0, 'payoff S': -1.0,
     'Pr(T: R & S: Soft)': 0.25, 'Pr(T: R & S: Hard)': 0.75}
    """
    out = {f"Pr({player}: {name})": p for player, names, vec in zip(players, strategy_names, probs)
           for name, p in zip(names, vec)}
    out.update({f"payoff {player}": value + 0.0 for player, value in zip(players, payoffs)})  # -0.0 -> 0.0
    for profile in itertools.product(*(range(len(n)) for n in strategy_names)):
        prob = 1.0
        with np.errstate(all="ignore"):  # NaN outside a branch's region
            for i, k in enumerate(profile):
                prob = prob * probs[i][k]
        name = " & ".join(f"{p}: {names[k]}" for p, names, k in zip(players, strategy_names, profile))
        out[f"Pr({name})"] = prob
    return out


class EquilibriumSet(list):
    """A list of equilibria with a record of how it was computed.

    Attributes
    ----------
    game : Game
    method : str
        The algorithm, e.g. ``"vertex"`` or ``"pure"``.
    exact : bool
    tol : float or None
    complete : bool
        True when the method guarantees that every extreme equilibrium is in
        the list (vertex enumeration); False for pure-only enumeration of
        games with several players, where mixed equilibria are not searched.
        :attr:`scope` says the same in words, and so do ``to_dict()`` and the
        ``repr`` of an incomplete result.
    degenerate : bool or None
        For 2-player games: whether the game is degenerate (some mixed
        strategy has more pure best replies than the size of its support).
    components : tuple of tuple of int
        Indices into the list, grouping extreme equilibria that are connected
        (by line segments of equilibria, in degenerate games).  A
        component with more than one member is a continuum of equilibria.
    parameters : mapping
        Parameter values the game was built from (empty for a bare game).
    """

    def __init__(self, equilibria, *, game, method, exact, tol, complete, degenerate=None,
                 components=None, parameters=None):
        super().__init__(equilibria)
        self.game = game
        self.method = method
        self.exact = exact
        self.tol = tol
        self.complete = complete
        self.degenerate = degenerate
        self.components = tuple(components) if components is not None else tuple((i,) for i in range(len(self)))
        self.parameters = MappingProxyType(dict(parameters or {}))

    def with_parameters(self, parameters) -> "EquilibriumSet":
        """A copy that records the parameter values the game came from."""
        return EquilibriumSet(self, game=self.game, method=self.method, exact=self.exact, tol=self.tol,
                              complete=self.complete, degenerate=self.degenerate,
                              components=self.components, parameters=parameters)

    @property
    def scope(self) -> str:
        """What the result covers, in words: ``"complete"``, or what was left out.

        Examples
        --------
        >>> from sbgames import Game
        >>> from sbgames.solvers import pure_equilibria
        >>> pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
        >>> pennies.equilibria(exact=True).scope
        'complete'
        >>> result = pure_equilibria(pennies, exact=True)
        >>> len(result), result.scope
        (0, 'pure equilibria only; mixed equilibria not searched')
        """
        if self.complete:
            return "complete"
        if self.method == "pure":
            return "pure equilibria only; mixed equilibria not searched"
        return "not complete: equilibria may be missing (the solver's warning says where)"

    def region_label(self) -> str:
        """The region label of these equilibria: their supports, and what the search left out.

        Examples
        --------
        >>> from sbgames import Game
        >>> Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]).equilibria(exact=True).region_label()
        's2 / s2 (unique)'
        """
        left_out = None if self.complete else PURE_ONLY if self.method == "pure" else INCOMPLETE
        return supports_label([eq.supports for eq in self], left_out)

    def text(self) -> str:
        """The equilibria as plain text: a heading with the arithmetic, method and scope, then one row each.

        This is what ``sbgames solve`` prints; every model kind's result
        offers ``text()``.  A partial result says what it left out.

        Examples
        --------
        >>> from sbgames import Game
        >>> print(Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]).equilibria(exact=True).text())
        Equilibria (exact; method vertex; complete): non-degenerate game
          #  Player 1  Player 2  payoff Player 1  payoff Player 2
          1  s2        s2        1                1
        """
        game = self.game
        mode = "exact" if self.exact else f"float, tolerance {self.tol:.2g}"
        lines = [f"Equilibria ({mode}; method {self.method}; {self.scope}):"]
        if self.degenerate is not None:
            lines[0] += " degenerate game" if self.degenerate else " non-degenerate game"
        missed = ("  mixed equilibria were not searched (--method polynomial searches them in games of 3-4 players "
                  "and at most 64 pure profiles)" if self.method == "pure" and not self.complete
                  else "  some equilibria may be missing: see the warning above")
        if not self:  # only a partial search can come back empty (Nash's theorem)
            lines += ["  no pure equilibrium" if self.method == "pure" else "  none listed", missed]
            return "\n".join(lines)
        rows = [["#", *game.players, *(f"payoff {p}" for p in game.players)]]
        scale = 1.0 if self.exact else payoff_scale(game)  # payoffs in tiny units are not printed as 0
        for k, eq in enumerate(self, 1):
            cells = []
            for support in eq.profile().values():
                if len(support) == 1:
                    cells.append(next(iter(support)))
                else:
                    cells.append(" + ".join(f"{format_number(p)} {s}" for s, p in support.items()))
            rows.append([str(k), *cells, *(format_number(v, scale) for v in eq.payoffs)])
        widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
        lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
        lines += [f"  equilibria {', '.join(str(i + 1) for i in c)} are connected: a continuum of equilibria joins them"
                  for c in self.components if len(c) > 1]
        if not self.complete:
            lines.append(missed)
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """A JSON-ready description of the whole result."""
        return {
            "method": self.method,
            "exact": self.exact,
            "tolerance": self.tol,
            "complete": self.complete,
            "scope": self.scope,
            "degenerate": self.degenerate,
            "parameters": {k: (str(v) if not isinstance(v, (int, float)) else v)
                           for k, v in self.parameters.items()},
            "equilibria": [eq.to_dict() for eq in self],
            "components": [list(c) for c in self.components],
        }

    def __repr__(self) -> str:
        mode = "exact" if self.exact else f"float, tol={self.tol:.2g}"
        scope = "" if self.complete else f", {self.scope}"
        return f"EquilibriumSet({len(self)} by {self.method}, {mode}{scope}: {list.__repr__(self)})"


def check_exact(exact) -> bool:
    """`exact` must be a boolean (``exact="no"`` is an error, not True).

    Raises
    ------
    InputTypeError
        If `exact` is not a boolean (an :class:`~sbgames.errors.InputError` and a ``TypeError``).

    Examples
    --------
    >>> check_exact(True)
    True
    >>> check_exact("no")
    Traceback (most recent call last):
    ...
    sbgames.errors.InputTypeError: exact must be True or False, got 'no'
    """
    if not isinstance(exact, (bool, np.bool_)):
        raise InputTypeError(f"exact must be True or False, got {exact!r}")
    return bool(exact)


def verified(game: StrategicGame, strategies, *, method: str, exact: bool, tol: float | None = None,
             algebraic: tuple | None = None) -> Equilibrium:
    """Check a profile is an equilibrium of `game` and wrap it as an :class:`Equilibrium`.

    In exact mode the game is converted to fractions and every regret must be
    exactly 0.  In float mode every regret must be at most `tol` (default
    :func:`~sbgames.tolerance.default_tolerance`, ``1e-9`` times the payoff scale;
    a given `tol` must be finite, >= 0 and at most ``1e-3`` times the payoff
    scale, see :func:`~sbgames.tolerance.check_tolerance`).  `algebraic`, if given, is
    stored unchecked as :attr:`Equilibrium.algebraic` (exact values of which
    float `strategies` are the roundings; the solver that passes it has
    decided their equilibrium conditions itself).

    Raises
    ------
    VerificationError
        If some player has a profitable deviation.
    InputError
        If `tol` is not a small tolerance for this game.
    """
    exact = check_exact(exact)
    game = game.as_exact() if exact else game.as_float()
    tol = check_tolerance(tol, game, exact=exact)
    sigma = game.mixed_profile(strategies)
    # one product per player (A y and x B in a 2-player game) gives both regrets and payoffs
    regrets, payoffs = zip(*(regret_and_payoff(v, s) for v, s in zip(game.payoff_vectors(sigma), sigma)))
    for player, r in zip(game.players, regrets):
        if (r != 0) if exact else (r > tol):
            raise VerificationError(f"{method} returned a profile that is not an equilibrium: "
                                    f"{player} gains {format_number(r, payoff_scale(game))} by deviating")
    return Equilibrium(game=game, strategies=tuple(_readonly(s) for s in sigma),
                       payoffs=payoffs, regret=max(regrets), method=method,
                       exact=exact, tol=None if exact else tol, algebraic=algebraic)
