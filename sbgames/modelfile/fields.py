"""The checks every section of a model file shares: tables, names, numbers, parameters, expressions.

:class:`FieldReader` is the base of the readers for each kind of model
file (:mod:`~sbgames.modelfile.normal`, :mod:`~sbgames.modelfile.extensive`)
and is handed to :func:`~sbgames.modelfile.case.read_case`.  Every error is
a :class:`~sbgames.errors.ModelError` naming the file (or ``<dict>``), the
field and the value found.

Examples
--------
>>> reader = FieldReader("demo.toml", None)
>>> reader.parameters({"g": {"default": "1/2", "min": 0}})["g"].default
Fraction(1, 2)
>>> reader.parameters({"exact": 1})
Traceback (most recent call last):
...
sbgames.errors.ModelError: demo.toml: parameters.exact: 'exact' is reserved; choose another name
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

import sympy

from ..errors import ModelError, SbgamesError
from ..expr import FUNCTIONS, ExpressionError, parse_condition, parse_expression
from ..game import MAX_PLAYERS
from ..numeric import parse_number
from ..parameters import BASES, RESERVED_NAMES, Parameter, ParametrisedModel, did_you_mean, nfkc
from .case import read_case

__all__ = ["FieldReader", "unsafe_latex", "PARAMETER_FIELDS"]

#: The fields of a ``[parameters.<name>]`` table.
PARAMETER_FIELDS = frozenset({"default", "min", "max", "above", "below", "integer", "description", "literature",
                              "latex", "justification", "plausible", "basis", "source"})

_LATEX_COMMANDS = frozenset("""alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa
lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda
Xi Pi Sigma Upsilon Phi Psi Omega ell hbar imath jmath partial infty nabla mathrm mathit mathbf mathsf mathcal
text textrm hat bar tilde check breve dot ddot vec prime""".split())


def unsafe_latex(text: str):
    """The first thing in a LaTeX symbol name that could do more than typeset it, or None."""
    for match in re.finditer(r"\\([A-Za-z]+|.)", text):
        if match.group(1) not in _LATEX_COMMANDS:
            return repr(match.group(0))
    odd = re.search(r"[^A-Za-z0-9_^{}' ,.+\-\\]", text)
    return repr(odd.group(0)) if odd else None


class FieldReader:
    """Reads the parts of a model file, with errors that name the file, field and value.

    Parameters
    ----------
    source : str
        The file name (or ``"<dict>"``) that error messages start with.
    path : pathlib.Path or None
        The model file, if read from one.
    origin : tuple or None
        ``(function, arguments)`` that rebuild the model, stored on it for pickling.
    """

    def __init__(self, source: str, path: Path | None, origin: tuple | None = None):
        self.source = source
        self.path = path
        self.origin = origin

    def only(self, data: Mapping, allowed, prefix: str = "") -> None:
        """Refuse a field of `data` that is not in `allowed` (naming the nearest allowed one)."""
        for key in data:
            if key not in allowed:
                self.fail(f"{prefix}{key}", f"unknown field{did_you_mean(key, allowed)} "
                                            f"(allowed: {', '.join(sorted(allowed))})")

    def build(self, kind, data: Mapping, read_expected, **fields):
        """The model of class `kind` with these `fields`, its ``[[expected]]`` blocks and its ``[case]`` section.

        The blocks and the section are read against a draft of the same
        model (their values must be points of its parameter space); the
        model returned has every field set at construction.
        """
        draft = kind(**fields)
        try:
            draft.values()
        except SbgamesError as exc:
            self.fail("parameters", f"the default values break a constraint: {exc}")
        return kind(**fields, expected=read_expected(data.get("expected", []), draft),
                    case=read_case(self, data.get("case"), draft), path=self.path, origin=self.origin)

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
            key = nfkc(name)
            if key in seen:
                self.fail(field, f"the {what} {name!r} is given twice" if seen[key] == name else
                          f"the {what} names {seen[key]!r} and {name!r} look alike: Unicode folds both to "
                          f"{key!r} (NFKC, as Python reads names); rename one")
            seen[key] = name
        for name in names if python else ():
            if nfkc(name) != name:
                self.fail(f"{field}.{name}", f"the {what} {name!r} is read as {nfkc(name)!r} in expressions "
                                             f"(Python folds Unicode look-alikes, NFKC); write it as {nfkc(name)!r}")

    def text(self, data, field: str, default: str = "") -> str:
        value = data.get(field.rsplit(".", 1)[-1], default)
        if not isinstance(value, str):
            self.fail(field, f"expected a string, found {value!r}")
        return value

    def number(self, value, field: str) -> Fraction:
        try:
            return parse_number(value)
        except SbgamesError as exc:
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
            self.only(spec, PARAMETER_FIELDS, f"{field}.")
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
            bad = unsafe_latex(spec.get("latex", ""))
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
            except SbgamesError as exc:
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
            except SbgamesError as exc:
                self.fail(f"{field}[{i}]", str(exc))
        if low > high:
            self.fail(field, f"the low end {low} exceeds the high end {high}")
        return (low, high)

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

    def expected_blocks(self, data, model: ParametrisedModel, content: str, read, extra=None) -> tuple:
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
                    self.fail(f"{field}.{key}", f"unknown field{did_you_mean(key, allowed)}")
            values = self.table(block.get("values", {}), f"{field}.values")
            try:
                point = model.values(**values)
            except SbgamesError as exc:
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

    def player_table(self, data) -> Mapping:
        """The ``[players]`` table: present, not empty, distinct ids, at most as many as a payoff table has axes."""
        if data is None:
            self.fail("players", "missing: give a [players.<id>] table for each player")
        data = self.table(data, "players")
        if not data:
            self.fail("players", "a model needs at least one player")
        if len(data) > MAX_PLAYERS:
            self.fail("players", f"{len(data)} players; a model has at most {MAX_PLAYERS} (one payoff-table "
                                 "dimension each)")
        self.distinct(list(data), "players", "player")
        return data
