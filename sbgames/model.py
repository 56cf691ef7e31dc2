"""Parametrised games: parameters with meanings and bounds, payoffs as expressions.

A :class:`Model` is a normal-form game whose payoffs are sympy expressions
in named parameters.  Each :class:`Parameter` has a default value, optional
bounds and a one-line meaning.  ``model.game(**values)`` evaluates the
payoffs at a point of parameter space (defaults for the values not given)
and returns a :class:`~sbgames.game.Game`, exact whenever the payoffs are
rational there.

Models are usually read from TOML model files (see
``docs/reference/model-file-format.md``) with :func:`load_model`; the same
structure can be given as a Python dict to :meth:`Model.from_dict`.

Examples
--------
>>> m = Model.from_dict({
...     "name": "entry",
...     "players": {"T": {"strategies": ["Revise", "Restrain"]},
...                 "S": {"strategies": ["Soft", "Bandwagon"]}},
...     "parameters": {"g": {"default": 2, "min": 0, "description": "gain"},
...                    "l": {"default": 3, "min": 0, "description": "legitimacy loss"}},
...     "payoffs": {"Revise,Soft": ["g - l", "-1"], "Revise,Bandwagon": ["g", "1"],
...                 "Restrain,Soft": ["0", "-1"], "Restrain,Bandwagon": ["0", "0"]}})
>>> m.game().payoff(("Revise", "Soft"))
(Fraction(-1, 1), Fraction(-1, 1))
>>> m.game(l=1).payoff(("Revise", "Soft"))
(Fraction(1, 1), Fraction(-1, 1))
"""

from __future__ import annotations

import copy
import difflib
import functools
import itertools
import keyword
import math
import re
import sys
import tomllib
import unicodedata
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

import numpy as np
import sympy

from .errors import InputError, ModelError
from .expr import (FUNCTIONS, MAX_DIGITS, ExpressionError, check_size, evaluate, exact_decimal, parse_condition,
                   parse_expression)
from .game import MAX_PLAYERS, Game
from .numeric import to_fraction

__all__ = ["Model", "Parameter", "ModelError", "load_model", "list_models", "models_dir",
           "parse_number", "RESERVED_NAMES", "BASES"]

#: Parameter names that would collide with keyword arguments of Model methods.
RESERVED_NAMES = frozenset({"exact", "method", "tol", "values", "self"})
_TOP_KEYS = {"name", "title", "source", "description", "kind", "players", "parameters", "constraints",
             "payoffs", "expected", "repeated", "case"}
_PARAM_KEYS = {"default", "min", "max", "above", "below", "integer", "description", "literature",
               "latex", "justification", "plausible", "basis", "source"}
#: How a calibrated value was set: from a source, or fitted so the model reproduces the outcome.
BASES = ("sourced", "fitted")
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*/\s*\d+)?\s*")
_MAX_FILE_BYTES = 1_000_000
_MAX_PROFILES = 100_000


class _FileNumber(Decimal):
    """A TOML float, kept as the decimal written in the file (shown as written in messages)."""

    __repr__ = Decimal.__str__


def _nfkc(name) -> str:
    """The form in which Python reads a name: Unicode look-alikes (``ｇ``, ``ℓ``) folded (NFKC)."""
    return unicodedata.normalize("NFKC", str(name))


def _close(name, known) -> str:
    known = [str(k) for k in known]
    match = [_nfkc(name)] if _nfkc(name) in known else difflib.get_close_matches(str(name), known, n=1)
    return f"; did you mean {match[0]!r}?" if match else ""


def parse_number(value) -> Fraction:
    """Read a parameter value: a number, or a string such as ``"2/3"`` or ``"0.25"``.

    Strings are matched against a strict numeric pattern, never evaluated.
    Decimals (strings and :class:`~decimal.Decimal`) are read exactly, digit
    for digit; a number whose numerator or denominator would have more than
    :data:`sbgames.expr.MAX_DIGITS` digits is refused.

    Examples
    --------
    >>> parse_number("2/3"), parse_number(0.5), parse_number("1e-2")
    (Fraction(2, 3), Fraction(1, 2), Fraction(1, 100))
    >>> parse_number("0.10000000000000000001") == Fraction(10**19 + 1, 10**20)
    True
    >>> parse_number("2**10")
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: '2**10' is not a number (write an integer, a decimal or a fraction p/q)
    """
    if isinstance(value, str):
        if not _NUMBER.fullmatch(value):
            raise InputError(f"{value!r} is not a number (write an integer, a decimal or a fraction p/q)")
        num, _, den = value.replace(" ", "").partition("/")
        divisor = exact_decimal(den or "1")
        if divisor == 0:
            raise InputError(f"{value!r} divides by zero")
        return check_size(exact_decimal(num) / divisor, value)
    if isinstance(value, Decimal):
        return exact_decimal(value)
    if isinstance(value, sympy.Basic) and not value.is_number:
        raise TypeError(f"a parameter value must be a number, got the expression {value}")
    if isinstance(value, float) and len(repr(value).lstrip("-").replace(".", "").lstrip("0")) >= 16:
        warnings.warn(f"the float {value!r} is used exactly as {to_fraction(value)}; if you meant a "
                      f"fraction such as 2/3, pass Fraction(2, 3) or the string '2/3'", stacklevel=3)
    try:
        return check_size(to_fraction(value), value)
    except TypeError:
        raise TypeError(f"a parameter value must be a number, got {type(value).__name__} {value!r}") from None


@dataclass(frozen=True)
class Parameter:
    """One parameter of a model.

    Attributes
    ----------
    name : str
    default : Fraction
    description : str
        Its meaning, in one line.
    min, max : Fraction or None
        Inclusive bounds.
    above, below : Fraction or None
        Strict bounds.
    integer : bool
    literature : str
        How the parameter ties to the literature (optional).
    latex : str
        LaTeX name for output (optional).
    justification : str
        Why the default has its value (calibrated cases: the evidence and
        the literature's condition behind it).
    plausible : tuple of two Fractions or None
        A plausible range ``(low, high)`` of values, within the bounds; the
        box over which a case's robustness is measured.
    basis : str
        Calibrated cases: ``"sourced"`` (the value rests on the cited
        source) or ``"fitted"`` (set so that the model reproduces the
        historical outcome); ``""`` where not stated.
    source : str
        For a sourced value, the source (author, work, page or section);
        for a fitted value, what it was fitted to.
    """

    name: str
    default: Fraction
    description: str = ""
    min: Fraction | None = None
    max: Fraction | None = None
    above: Fraction | None = None
    below: Fraction | None = None
    integer: bool = False
    literature: str = ""
    latex: str = ""
    justification: str = ""
    plausible: tuple[Fraction, Fraction] | None = None
    basis: str = ""
    source: str = ""

    @property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol, carrying the assumptions the bounds imply."""
        lower = [b for b in (self.min, self.above) if b is not None]
        upper = [b for b in (self.max, self.below) if b is not None]
        assumptions = {"real": True}
        if self.integer:
            assumptions["integer"] = True
        if (self.above is not None and self.above >= 0) or (self.min is not None and self.min > 0):
            assumptions["positive"] = True
        elif lower and max(lower) >= 0:
            assumptions["nonnegative"] = True
        if (self.below is not None and self.below <= 0) or (self.max is not None and self.max < 0):
            assumptions["negative"] = True
        elif upper and min(upper) <= 0:
            assumptions["nonpositive"] = True
        return sympy.Symbol(self.name, **assumptions)

    def bounds_text(self) -> str:
        """The bounds as text, e.g. ``0 <= lam`` or ``0 < g <= 10``."""
        left = f"{self.min} <= " if self.min is not None else f"{self.above} < " if self.above is not None else ""
        right = f" <= {self.max}" if self.max is not None else f" < {self.below}" if self.below is not None else ""
        return f"{left}{self.name}{right}" if left or right else "any real"

    def check(self, value) -> Fraction:
        """Convert `value` to a Fraction and check it lies within the bounds.

        Raises
        ------
        ValueError
            Outside the bounds, or not finite.
        TypeError
            Not a number.
        """
        try:
            frac = parse_number(value)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"parameter {self.name!r}: {exc}") from None
        ok = ((self.min is None or frac >= self.min) and (self.max is None or frac <= self.max)
              and (self.above is None or frac > self.above) and (self.below is None or frac < self.below)
              and (not self.integer or frac.denominator == 1))
        if not ok:
            shown = str(value) if isinstance(value, Fraction) else repr(value)
            if self.integer and frac.denominator != 1:
                raise InputError(f"parameter {self.name!r} = {shown} must be an integer")
            raise InputError(f"parameter {self.name!r} = {shown} is outside its bounds {self.bounds_text()}")
        return frac


class Model:
    """A parametrised normal-form game.

    Build one with :func:`load_model` (model files) or :meth:`Model.from_dict`.

    Attributes
    ----------
    name, title, source, description : str
    players : tuple of str
        Player ids, in order.
    player_names : tuple of str
        Long names of the players.
    strategies : tuple of tuple of str
    parameters : mapping of str to Parameter
    constraints : tuple of (str, sympy relational)
        Conditions joining several parameters (``"c_h > c_s"``), checked by
        :meth:`values` together with each parameter's own bounds.
    payoffs : mapping of profile tuple to tuple of sympy.Expr
    expected : tuple of dict
        The ``[expected]`` blocks of a model file (parsed, see
        :meth:`expected_equilibria`).
    repeated : dict
        From ``[repeated]``: ``{"cooperate": (...), "punish": (...)}``, one
        action per player, used to build trigger strategies.
    path : pathlib.Path or None
    """

    def __init__(self, *, name, title, players, player_names, strategies, parameters, payoffs,
                 constraints=(), source="", description="", expected=(), path=None):
        self.name = name
        self.title = title
        self.source = source
        self.description = description
        self.players = tuple(players)
        self.player_names = tuple(player_names)
        self.strategies = tuple(tuple(s) for s in strategies)
        self.parameters = MappingProxyType(dict(parameters))
        self.constraints = tuple(constraints)
        self.payoffs = MappingProxyType(dict(payoffs))
        self.expected = tuple(expected)
        self.path = path
        self._symbolic = None
        self.repeated = {}
        self._frozen = True

    def __setattr__(self, name, value):
        if getattr(self, "_frozen", False) and not name.startswith("_"):
            raise AttributeError(f"Model is immutable; {name!r} cannot be set")
        object.__setattr__(self, name, value)

    def __reduce__(self):
        """Models pickle as the data they were read from (for process pools)."""
        data = getattr(self, "_data", None)
        if data is None:
            raise TypeError("only models built by load_model or Model.from_dict can be pickled")
        return (Model.from_dict, (data, self._source, self.path))

    kind = "normal"
    #: The ``[case]`` section of a calibrated case (:class:`sbgames.cases.CaseInfo`), else None.
    case = None

    def __repr__(self) -> str:
        return f"Model({self.name!r}: {self.title})"

    # -- construction -------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping, source: str = "<dict>", path: Path | None = None) -> "Model":
        """Build a model from the structure of a model file (see the format reference).

        Payoff entries may be expression strings (parsed safely) or numbers;
        in Python they may also be sympy expressions in symbols named like
        the declared parameters.
        """
        data = copy.deepcopy(data)  # the model must not change when the caller's dict does
        if isinstance(data, Mapping) and "base" in data:
            from .derive import resolve_base
            data = resolve_base(data, _ModelReader(source, path).fail)
            if path is not None and "name" not in data:
                data["name"] = path.stem
        if isinstance(data, Mapping) and data.get("kind") == "extensive":
            from .extensive.model import read_extensive_model
            model = read_extensive_model(data, source, path)
        else:
            model = _ModelReader(source, path).read(data)
        object.__setattr__(model, "_data", data)
        object.__setattr__(model, "_source", source)
        return model

    @property
    def symbols(self) -> dict:
        """Parameter name -> sympy symbol."""
        return {name: p.symbol for name, p in self.parameters.items()}

    # -- evaluation ---------------------------------------------------------
    def values(self, **values) -> dict:
        """Validated parameter values: the given ones, defaults for the rest.

        Raises
        ------
        ValueError
            Unknown parameter name (with a suggestion) or a value outside
            the parameter's bounds.
        """
        unknown = [k for k in values if k not in self.parameters]
        if unknown:
            name = unknown[0]
            raise InputError(f"model {self.name!r} has no parameter {name!r}"
                             f"{_close(name, self.parameters)} (parameters: {', '.join(self.parameters)})")
        point = {name: p.check(values.get(name, p.default)) for name, p in self.parameters.items()}
        for text, relation in self.constraints:
            lhs, rhs = (evaluate(side, point) for side in relation.args)
            if not relation.func(lhs, rhs):
                shown = ", ".join(f"{s.name} = {point[s.name]}" for s in sorted(relation.free_symbols, key=str))
                raise InputError(f"model {self.name!r} requires {text}, which fails at {shown}")
        return point

    def game(self, **values) -> Game:
        """The game at these parameter values (defaults for the others).

        The game is exact when every payoff is rational at these values,
        and float otherwise.
        """
        point = self.values(**values)
        known = {}  # many profiles share a payoff expression (games with many states): evaluate each once

        def value(profile, i, expr):
            if expr in known:
                return known[expr]
            try:
                known[expr] = evaluate(expr, point)
                return known[expr]
            except ValueError as exc:
                raise InputError(f"model {self.name!r}: payoff of {self.players[i]} at {','.join(profile)} "
                                 f"({expr}) is undefined at these values: {exc}") from None
        return self._build_game(value)

    def symbolic_game(self) -> Game:
        """The game with sympy payoffs in the parameters' symbols."""
        return self._build_game(lambda profile, i, expr: expr)

    def _build_game(self, entry) -> Game:
        """A Game whose payoff for player i at a profile is ``entry(profile, i, expression)``."""
        shape = tuple(len(s) for s in self.strategies)
        out = [np.empty(shape, dtype=object) for _ in self.players]
        for profile, exprs in self.payoffs.items():
            idx = tuple(s.index(name) for s, name in zip(self.strategies, profile))
            for i, expr in enumerate(exprs):
                out[i][idx] = entry(profile, i, expr)
        return Game(out, players=self.players, strategies=self.strategies, title=self.title)

    def equilibria(self, *, exact: bool = False, method: str = "auto", tol: float | None = None, **values):
        """Equilibria of :meth:`game` at these values; the result records the values used.

        Examples
        --------
        >>> from sbgames import load_model
        >>> pd = load_model("prisoners_dilemma")
        >>> [eq.describe() for eq in pd.equilibria(exact=True)]
        ['A: Defect; B: Defect']
        """
        point = self.values(**values)
        return self.game(**point).equilibria(exact=exact, method=method, tol=tol).with_parameters(point)

    def symbolic_equilibria(self):
        """Every equilibrium in closed form with its conditions (computed once, then reused).

        See :func:`sbgames.solvers.symbolic.symbolic_equilibria`.

        Examples
        --------
        >>> from sbgames import load_model
        >>> [b.label for b in load_model("prisoners_dilemma").symbolic_equilibria()]
        ['Defect / Defect']
        """
        if self._symbolic is None:
            from .solvers.symbolic import symbolic_equilibria
            self._symbolic = symbolic_equilibria(self)
        return self._symbolic.copy()  # the cache is shared: callers get their own list

    def check_expected(self, exact: bool = True, tol: float = 1e-9) -> list[str]:
        """Compare the model file's ``[[expected]]`` blocks with what the solver finds.

        For each block, every expected equilibrium must be found (and, when
        the block says ``complete = true``, nothing else), exactly in exact
        mode or within `tol` in float mode, by the block's ``method``
        (default ``"auto"``; ``method = "pure"`` states the pure equilibria).

        Returns
        -------
        list of str
            One message per discrepancy; empty when everything matches.

        Examples
        --------
        >>> load_model("chicken").check_expected(), load_model("chicken").check_expected(exact=False)
        ([], [])
        """
        problems = []
        for k, block in enumerate(self.expected):
            values, expected = block["values"], block["equilibria"]
            changed = {n: str(v) for n, v in values.items() if v != self.parameters[n].default}
            where = f"expected[{k}] at {changed or 'the defaults'}"
            found = [tuple(tuple(vec) for vec in eq.strategies)
                     for eq in self.equilibria(exact=exact, method=block["method"], **values)]

            def same(f, e):
                return f == e if exact else all(abs(float(a) - float(b)) <= tol
                                                for fv, ev in zip(f, e) for a, b in zip(fv, ev))
            for e in expected:
                if not any(same(f, e) for f in found):
                    problems.append(f"{where}: {_show_profile(e)} is not found")
            if block["complete"]:
                for f in found:
                    if not any(same(f, e) for e in expected):
                        problems.append(f"{where}: the block is complete, but {_show_profile(f)} is found too")
        return problems

    def expected_equilibria(self) -> list[tuple[dict, bool, list]]:
        """The model file's expected results as ``(values, complete, profiles)`` triples.

        Each profile is a tuple of probability vectors (Fractions), one per
        player, in the model's strategy order.
        """
        return [(block["values"], block["complete"], block["equilibria"]) for block in self.expected]


_LATEX_COMMANDS = frozenset("""alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa
lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda
Xi Pi Sigma Upsilon Phi Psi Omega ell hbar imath jmath partial infty nabla mathrm mathit mathbf mathsf mathcal
text textrm hat bar tilde check breve dot ddot vec prime""".split())


def _unsafe_latex(text: str):
    """The first thing in a LaTeX symbol name that could do more than typeset it, or None."""
    for match in re.finditer(r"\\([A-Za-z]+|.)", text):
        if match.group(1) not in _LATEX_COMMANDS:
            return repr(match.group(0))
    odd = re.search(r"[^A-Za-z0-9_^{}' ,.+\-\\]", text)
    return repr(odd.group(0)) if odd else None


def _show_profile(profile) -> str:
    return "(" + "; ".join(", ".join(str(p) if isinstance(p, Fraction) else f"{float(p):.6g}" for p in vec)
                           for vec in profile) + ")"


class _ModelReader:
    """Reads the model structure, with errors that name the file, field and value."""

    def __init__(self, source: str, path: Path | None):
        self.source = source
        self.path = path

    def fail(self, field: str, message: str):
        raise ModelError(f"{self.source}: {field}: {message}")

    def table(self, data, field: str) -> Mapping:
        if not isinstance(data, Mapping):
            self.fail(field, f"expected a table, found {type(data).__name__} {data!r}")
        return data

    def distinct(self, names, field: str, what: str, python: bool = False) -> None:
        """Refuse repeated names, look-alikes (the same once Unicode folds them, NFKC) and invisible characters.

        With `python`, also refuse a name that expressions would read as another
        spelling (Python folds the names it reads to NFKC: ``ｇ`` is ``g``).
        """
        names = [str(name) for name in names]
        seen = {}
        for name in names:
            hidden = [c for c in name if unicodedata.category(c) in ("Cc", "Cf")]
            if hidden:
                self.fail(field, f"the {what} {name!r} contains the invisible character U+{ord(hidden[0]):04X}; "
                                 "remove it")
            key = _nfkc(name)
            if key in seen:
                self.fail(field, f"the {what} {name!r} is given twice" if seen[key] == name else
                          f"the {what} names {seen[key]!r} and {name!r} look alike: Unicode folds both to "
                          f"{key!r} (NFKC, as Python reads names); rename one")
            seen[key] = name
        for name in names if python else ():
            if _nfkc(name) != name:
                self.fail(f"{field}.{name}", f"the {what} {name!r} is read as {_nfkc(name)!r} in expressions "
                                             f"(Python folds Unicode look-alikes, NFKC); write it as {_nfkc(name)!r}")

    def text(self, data, field: str, default: str = "") -> str:
        value = data.get(field.rsplit(".", 1)[-1], default)
        if not isinstance(value, str):
            self.fail(field, f"expected a string, found {value!r}")
        return value

    def read(self, data) -> Model:
        data = self.table(data, "top level")
        for key in data:
            if key not in _TOP_KEYS:
                self.fail(key, f"unknown field{_close(key, _TOP_KEYS)} (allowed: {', '.join(sorted(_TOP_KEYS))})")
        kind = data.get("kind", "normal")
        if kind != "normal":
            self.fail("kind", f"{kind!r} is not a kind of model: use \"normal\" (the default) or \"extensive\"")
        default_name = self.path.stem if self.path else "model"
        name = self.text(data, "name", default_name) or default_name
        players, player_names, strategies = self.players(data.get("players"))
        parameters = self.parameters(data.get("parameters", {}))
        symbols = {n: p.symbol for n, p in parameters.items()}
        constraints = self.constraints(data.get("constraints", []), symbols)
        payoffs = self.payoffs(data.get("payoffs"), players, strategies, symbols)
        model = Model(name=name, title=self.text(data, "title") or name, players=players,
                      player_names=player_names, strategies=strategies, parameters=parameters,
                      payoffs=payoffs, constraints=constraints, source=self.text(data, "source"),
                      description=self.text(data, "description"), path=self.path)
        try:
            model.values()
        except ValueError as exc:
            self.fail("parameters", f"the default values break a constraint: {exc}")
        object.__setattr__(model, "repeated",
                           MappingProxyType(self.repeated(data.get("repeated", {}), players, strategies)))
        object.__setattr__(model, "expected", self.expected(data.get("expected", []), model))
        self.case(data, model)
        return model

    def case(self, data, model) -> None:
        """Attach the ``[case]`` section, if any (see :mod:`sbgames.cases`)."""
        from .modelfile.case import read_case
        object.__setattr__(model, "case", read_case(self, data.get("case"), model))

    def repeated(self, data, players, strategies) -> dict:
        """``[repeated]``: the cooperative and punishing action of each player, for trigger strategies."""
        data = self.table(data, "repeated")
        out = {}
        for key in data:
            if key not in ("cooperate", "punish"):
                self.fail(f"repeated.{key}", f"unknown field{_close(key, ('cooperate', 'punish'))} "
                                             "(allowed: cooperate, punish)")
            table = self.table(data[key], f"repeated.{key}")
            for pid, name in table.items():
                if pid not in players:
                    self.fail(f"repeated.{key}.{pid}", f"unknown player{_close(pid, players)}")
                names = strategies[players.index(pid)]
                if name not in names:
                    self.fail(f"repeated.{key}.{pid}", f"{name!r} is not a strategy of {pid}{_close(name, names)}")
            missing = [p for p in players if p not in table]
            if missing:
                self.fail(f"repeated.{key}", f"no action given for {missing}")
            out[key] = tuple(table[p] for p in players)
        return out

    def constraints(self, data, symbols) -> tuple:
        if not isinstance(data, list):
            self.fail("constraints", f"expected a list of conditions such as \"c_h > c_s\", found {data!r}")
        out = []
        for k, text in enumerate(data):
            try:
                out.append((text, parse_condition(text, symbols)))
            except ExpressionError as exc:
                self.fail(f"constraints[{k}]", str(exc))
        return tuple(out)

    def players(self, data):
        if data is None:
            self.fail("players", "missing: give a [players.<id>] table for each player")
        data = self.table(data, "players")
        if not data:
            self.fail("players", "a model needs at least one player")
        self.player_count(data)
        ids, names, strategies = [], [], []
        for pid, spec in data.items():
            field = f"players.{pid}"
            spec = self.table(spec, field)
            for key in spec:
                if key not in ("name", "strategies"):
                    self.fail(f"{field}.{key}", f"unknown field{_close(key, ('name', 'strategies'))} "
                                                "(allowed: name, strategies)")
            strats = spec.get("strategies")
            if not isinstance(strats, list) or not strats:
                self.fail(f"{field}.strategies", f"expected a non-empty list of names, found {strats!r}")
            for s in strats:
                if not isinstance(s, str) or not s.strip() or "," in s:
                    self.fail(f"{field}.strategies", f"strategy names must be non-empty strings without "
                                                     f"commas, found {s!r}")
            strats = [s.strip() for s in strats]
            self.distinct(strats, f"{field}.strategies", "strategy")
            ids.append(pid)
            names.append(self.text(spec, f"{field}.name") or pid)
            strategies.append(tuple(strats))
        counts = [len(s) for s in strategies]
        if math.prod(counts) > _MAX_PROFILES:
            self.fail("players", f"the strategy counts {counts} make more than {_MAX_PROFILES:,} strategy profiles, "
                                 "the most a model may have")
        return tuple(ids), tuple(names), tuple(strategies)

    def player_count(self, players) -> None:
        """Check the player ids: distinct, and at most as many as a payoff table can have axes."""
        if len(players) > MAX_PLAYERS:
            self.fail("players", f"{len(players)} players; a model has at most {MAX_PLAYERS} (one payoff-table "
                                 "dimension each)")
        self.distinct(list(players), "players", "player")

    def number(self, value, field: str) -> Fraction:
        try:
            return parse_number(value)
        except (TypeError, ValueError) as exc:
            self.fail(field, str(exc))

    def parameters(self, data) -> dict:
        data = self.table(data, "parameters")
        self.distinct(list(data), "parameters", "parameter", python=True)
        out = {}
        for name, spec in data.items():
            field = f"parameters.{name}"
            if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
                self.fail(field, f"{name!r} is not a valid parameter name (letters, digits, underscores)")
            if name in FUNCTIONS or name in RESERVED_NAMES:
                self.fail(field, f"{name!r} is reserved; choose another name")
            if not isinstance(spec, Mapping):  # shorthand: lam = 2
                spec = {"default": spec}
            for key in spec:
                if key not in _PARAM_KEYS:
                    self.fail(f"{field}.{key}", f"unknown field{_close(key, _PARAM_KEYS)} "
                                                f"(allowed: {', '.join(sorted(_PARAM_KEYS))})")
            if "default" not in spec:
                self.fail(field, "missing its default value")
            bounds = {k: self.number(spec[k], f"{field}.{k}") if spec.get(k) is not None else None
                      for k in ("min", "max", "above", "below")}
            if bounds["min"] is not None and bounds["above"] is not None:
                self.fail(field, "give either min or above, not both")
            if bounds["max"] is not None and bounds["below"] is not None:
                self.fail(field, "give either max or below, not both")
            integer = spec.get("integer", False)
            if not isinstance(integer, bool):
                self.fail(f"{field}.integer", f"expected true or false, found {integer!r}")
            for key in ("description", "literature", "latex", "justification", "basis", "source"):
                if not isinstance(spec.get(key, ""), str):
                    self.fail(f"{field}.{key}", f"expected a string, found {spec[key]!r}")
            bad = _unsafe_latex(spec.get("latex", ""))
            if bad:
                self.fail(f"{field}.latex", f"{bad} is not allowed in a symbol's LaTeX (only letters, digits, "
                                            "_ ^ { } ' and math commands such as \\lambda or \\mathrm)")
            if spec.get("basis", BASES[0]) not in BASES:
                self.fail(f"{field}.basis", f"expected \"sourced\" or \"fitted\", found {spec['basis']!r}")
            param = Parameter(name=name, default=Fraction(0), description=spec.get("description", ""),
                              integer=integer, literature=spec.get("literature", ""),
                              latex=spec.get("latex", ""), justification=spec.get("justification", ""),
                              basis=spec.get("basis", ""), source=spec.get("source", ""), **bounds)
            default_value = self.number(spec["default"], f"{field}.default")
            try:
                default = param.check(default_value)
            except (TypeError, ValueError) as exc:
                self.fail(f"{field}.default", str(exc))
            plausible = self.plausible(spec.get("plausible"), f"{field}.plausible", param)
            out[name] = Parameter(**{**param.__dict__, "default": default, "plausible": plausible})
        return out

    def plausible(self, value, field: str, param: Parameter):
        """``plausible = [low, high]``: two numbers within the parameter's bounds, low <= high."""
        if value is None:
            return None
        if not isinstance(value, list) or len(value) != 2:
            self.fail(field, f"expected a range [low, high], found {value!r}")
        low, high = (self.number(v, f"{field}[{i}]") for i, v in enumerate(value))
        for i, v in enumerate((low, high)):
            try:
                param.check(v)
            except (TypeError, ValueError) as exc:
                self.fail(f"{field}[{i}]", str(exc))
        if low > high:
            self.fail(field, f"the low end {low} exceeds the high end {high}")
        return (low, high)

    def payoffs(self, data, players, strategies, symbols) -> dict:
        if data is None:
            self.fail("payoffs", "missing: give one entry per strategy profile")
        data = self.table(data, "payoffs")
        out = {}
        for key, entry in data.items():
            field = f"payoffs.{key!r}"
            names = tuple(part.strip() for part in str(key).split(","))
            if len(names) != len(players):
                self.fail(field, f"a profile names one strategy per player ({len(players)}), found {len(names)}")
            for pid, strats, name in zip(players, strategies, names):
                if name not in strats:
                    self.fail(field, f"{name!r} is not a strategy of {pid}{_close(name, strats)} "
                                     f"(strategies: {', '.join(strats)})")
            if names in out:
                self.fail(field, "this profile is given twice")
            if not isinstance(entry, list) or len(entry) != len(players):
                self.fail(field, f"expected a list of {len(players)} expressions (one per player), found {entry!r}")
            out[names] = tuple(self.expression(e, f"{field}[{i}]", symbols) for i, e in enumerate(entry))
        missing = [p for p in itertools.product(*strategies) if p not in out]
        if missing:
            shown = ", ".join(repr(",".join(p)) for p in missing[:5])
            self.fail("payoffs", f"{len(missing)} profile(s) have no payoffs: {shown}")
        return out

    def expression(self, value, field: str, symbols: dict) -> sympy.Expr:
        if isinstance(value, sympy.Basic):  # Python users may pass sympy expressions
            unknown = sorted(s.name for s in value.free_symbols if s.name not in symbols)
            if unknown:
                self.fail(field, f"unknown parameter(s) {unknown}")
            return value.xreplace({s: symbols[s.name] for s in value.free_symbols})
        try:
            return parse_expression(value, symbols)
        except ExpressionError as exc:
            self.fail(field, f"{exc} (in {value!r})" if isinstance(value, str) and len(value) < 80 else str(exc))

    def expected(self, data, model: Model) -> tuple:
        from .solvers import METHODS

        def equilibria(eqs, field):
            if not isinstance(eqs, list):
                self.fail(field, f"expected an array of tables, found {eqs!r}")
            return tuple(self.profile(eq, f"{field}[{k}]", model) for k, eq in enumerate(eqs))

        def method(value, field):
            value = "auto" if value is None else value
            if value not in METHODS:
                self.fail(field, f"{value!r} is not a method (use one of: {', '.join(METHODS)})")
            return value
        return self.expected_blocks(data, model, "equilibria", equilibria, extra={"method": method})

    def expected_blocks(self, data, model: Model, content: str, read, extra=None) -> tuple:
        """``[[expected]]`` blocks: ``values``, ``complete``, ``note``, the `content` field,
        which ``read(value, field)`` turns into data, and the `extra` fields, each read by
        ``extra[name](value or None, field)``."""
        extra = extra or {}
        blocks = [data] if isinstance(data, Mapping) else data
        if not isinstance(blocks, list):
            self.fail("expected", f"expected a table or an array of tables, found {data!r}")
        allowed = ("values", "complete", content, "note", *extra)
        out = []
        for b, block in enumerate(blocks):
            field = f"expected[{b}]"
            block = self.table(block, field)
            for key in block:
                if key not in allowed:
                    self.fail(f"{field}.{key}", f"unknown field{_close(key, allowed)}")
            values = self.table(block.get("values", {}), f"{field}.values")
            try:
                point = model.values(**values)
            except (TypeError, ValueError) as exc:
                self.fail(f"{field}.values", str(exc))
            complete = block.get("complete", True)
            if not isinstance(complete, bool):
                self.fail(f"{field}.complete", f"expected true or false, found {complete!r}")
            note = block.get("note", "")
            if not isinstance(note, str):
                self.fail(f"{field}.note", f"expected a string, found {note!r}")
            out.append(MappingProxyType({"values": MappingProxyType(point), "complete": complete,
                                         content: read(block.get(content, []), f"{field}.{content}"),
                                         "note": note,
                                         **{name: read_extra(block.get(name), f"{field}.{name}")
                                            for name, read_extra in extra.items()}}))
        return tuple(out)

    def profile(self, data, field: str, model: Model) -> tuple:
        data = self.table(data, field)
        for pid in data:
            if pid not in model.players:
                self.fail(f"{field}.{pid}", f"unknown player{_close(pid, model.players)}")
        vectors = []
        for pid, strats in zip(model.players, model.strategies):
            if pid not in data:
                self.fail(field, f"no strategy given for player {pid}")
            spec = data[pid]
            if isinstance(spec, str):
                spec = {spec: 1}
            spec = self.table(spec, f"{field}.{pid}")
            vec = [Fraction(0)] * len(strats)
            for sname, prob in spec.items():
                if sname not in strats:
                    self.fail(f"{field}.{pid}", f"{sname!r} is not a strategy of {pid}{_close(sname, strats)}")
                vec[strats.index(sname)] = self.number(prob, f"{field}.{pid}.{sname}")
            if sum(vec) != 1 or min(vec) < 0:
                self.fail(f"{field}.{pid}", f"probabilities must be non-negative and sum to 1, found {spec!r}")
            vectors.append(tuple(vec))
        return tuple(vectors)


def models_dir() -> Path:
    """The folder of the bundled model files, wherever sbgames is installed.

    In a source checkout (or an editable install) this is the repository's
    ``models/`` folder; in a regular install it is the copy shipped inside the
    package as ``sbgames.model_files``.
    """
    package = Path(__file__).resolve().parent
    checkout = package.parent / "models"
    if (checkout / "core.toml").is_file():
        return checkout
    return package / "model_files"


def list_models() -> list[tuple[str, str]]:
    """``(name, title)`` of every bundled model, sorted by name."""
    out = []
    for path in sorted(models_dir().glob("*.toml")):
        out.append((path.stem, load_model(path).title))
    return out


def load_model(name_or_path) -> Model:
    """Load a model: a bundled one by name (``"core"``) or any model file by path.

    Raises
    ------
    FileNotFoundError
        No bundled model of that name and no such file (the message lists
        the bundled models and the nearest name).
    ModelError
        The file is not a valid model (the message names the file, the field
        and the value).

    Examples
    --------
    >>> core = load_model("core")
    >>> core.players, core.strategies[1]
    (('T', 'S'), ('Hard', 'Soft', 'Bandwagon'))
    """
    if not isinstance(name_or_path, (str, Path)):
        raise TypeError(f"load_model needs a model name or a path, got {type(name_or_path).__name__}")
    path = Path(name_or_path)
    if not path.is_file():
        bundled = models_dir() / f"{path.name}.toml"
        if path.suffix or len(path.parts) > 1 or not bundled.is_file():
            names = [p.stem for p in models_dir().glob("*.toml")]
            raise FileNotFoundError(f"no model file {str(name_or_path)!r} and no bundled model of that name"
                                    f"{_close(path.stem, names)} (bundled: {', '.join(sorted(names))})")
        path = bundled
    stat = path.stat()
    return _load_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _load_file(path: str, mtime_ns: int, size: int) -> Model:
    """Read and check one model file (cached until the file changes; models are immutable)."""
    path = Path(path)
    if size > _MAX_FILE_BYTES:
        raise ModelError(f"{path}: file larger than {_MAX_FILE_BYTES} bytes refused")
    try:  # utf-8-sig: a byte-order mark, which some editors write, is not part of the text
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=_FileNumber)
    except tomllib.TOMLDecodeError as exc:
        raise ModelError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # before ValueError, its base class
        raise ModelError(f"{path}: not a UTF-8 text file ({exc.reason})") from None
    except ValueError:  # Python refuses to read integers of more than 4300 digits
        raise ModelError(f"{path}: an integer in the file has more than {sys.get_int_max_str_digits()} "
                         f"digits (numbers in a model file have at most {MAX_DIGITS})") from None
    except RecursionError:
        raise ModelError(f"{path}: nested too deeply to be a model file") from None
    return Model.from_dict(data, source=str(path), path=path)
