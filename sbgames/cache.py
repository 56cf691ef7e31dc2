"""A disk cache of derived closed forms, stored as data and read back through the safe parser.

Deriving a model's closed-form equilibria takes seconds; the result depends
only on the model's content (players, strategies, parameters with their
bounds, constraints, payoffs) and on the sbgames version.  The cache keeps
each derivation as a JSON file named by a SHA-256 hash of those, in

* the folder named by the environment variable ``SBGAMES_CACHE_DIR``, or else
* the platform's user cache folder: ``$XDG_CACHE_HOME/sbgames`` (by default
  ``~/.cache/sbgames``) on Linux, ``~/Library/Caches/sbgames`` on macOS,
  ``%LOCALAPPDATA%\\sbgames\\Cache`` on Windows.

Setting ``SBGAMES_NO_CACHE=1`` (the command line's ``--no-cache``) skips the
cache: nothing is read or written.

The files are data, never code: expressions are stored as strings in the
syntax of model files and read back with :func:`sbgames.expr.parse_expression`,
the same whitelist parser that reads model files, with the model's own
symbols; conditions are stored as a small JSON tree of ``and``/``or``/``not``
and relations between such strings.  A value is written only when it reads
back equal to what was derived, and a file that does not parse, or names a
symbol the model does not have, is ignored (and the value derived anew).
Writes go to a temporary file in the same folder and are then renamed, so
two processes writing the same entry at once leave one whole file.

Examples
--------
>>> import sympy
>>> x, y = sympy.symbols("x y", positive=True)
>>> cond = sympy.And(x >= 2 * y, sympy.Or(sympy.Eq(x, 1), y < sympy.Rational(1, 3)))
>>> data = condition_to_data(cond)
>>> condition_from_data(data, {"x": x, "y": y}) == cond
True
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import sympy
from sympy.printing.str import StrPrinter

from .errors import ExpressionError, InputTypeError
from .expr import parse_expression
from .files import atomic_write

__all__ = ["cache_dir", "enabled", "load", "store", "cached", "model_key", "expression_text", "condition_to_data",
           "condition_from_data"]

#: Files larger than this are not read back (a cache entry is a few kilobytes).
MAX_ENTRY_BYTES = 5_000_000


def enabled() -> bool:
    """False when ``SBGAMES_NO_CACHE`` is set to a non-empty value other than ``0``."""
    return os.environ.get("SBGAMES_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """The folder of the cache (see the module docstring); it is created when first written."""
    if os.environ.get("SBGAMES_CACHE_DIR"):
        return Path(os.environ["SBGAMES_CACHE_DIR"])
    if sys.platform == "win32":  # pragma: no cover - platform specific
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "sbgames" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover - platform specific
        return Path.home() / "Library" / "Caches" / "sbgames"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sbgames"


class _FileSyntax(StrPrinter):
    """Expressions in the syntax of model files (``min``/``max``/``abs``; ``**`` for powers)."""

    def _print_Min(self, expr):
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Max(self, expr):
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Exp1(self, expr):
        return "exp(1)"


def expression_text(expr) -> str:
    """An expression as text that :func:`sbgames.expr.parse_expression` reads back.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> expression_text(sympy.Max(a, b) / 2 + sympy.Abs(a) ** 2)
    'abs(a)**2 + max(a, b)/2'
    >>> expression_text(sympy.E * a)
    'exp(1)*a'
    """
    return _FileSyntax().doprint(sympy.sympify(expr))


_RELATIONS = {">=": sympy.GreaterThan, ">": sympy.StrictGreaterThan, "<=": sympy.LessThan,
              "<": sympy.StrictLessThan, "==": sympy.Eq, "!=": sympy.Ne}


def condition_to_data(condition):
    """A sympy condition as a JSON-ready tree of ``and``/``or``/``not`` and relations."""
    if condition is sympy.true or condition is sympy.false:
        return bool(condition)
    for key, kind in (("and", sympy.And), ("or", sympy.Or)):
        if isinstance(condition, kind):
            return {key: [condition_to_data(a) for a in condition.args]}
    if isinstance(condition, sympy.Not):
        return {"not": condition_to_data(condition.args[0])}
    if isinstance(condition, sympy.core.relational.Relational) and condition.rel_op in _RELATIONS:
        return {"rel": condition.rel_op, "lhs": expression_text(condition.lhs), "rhs": expression_text(condition.rhs)}
    raise InputTypeError(f"cannot store the condition {condition!r}")


def condition_from_data(data, symbols: dict):
    """Read back what :func:`condition_to_data` wrote, through the whitelist parser."""
    if isinstance(data, bool):
        return sympy.true if data else sympy.false
    if not isinstance(data, dict) or len(data) not in (1, 3):
        raise ExpressionError(f"not a stored condition: {data!r}")
    if "and" in data or "or" in data:
        kind, args = (sympy.And, data["and"]) if "and" in data else (sympy.Or, data["or"])
        return kind(*[condition_from_data(a, symbols) for a in args])
    if "not" in data:
        return sympy.Not(condition_from_data(data["not"], symbols))
    relation = _RELATIONS[data["rel"]]
    return relation(parse_expression(data["lhs"], symbols), parse_expression(data["rhs"], symbols),
                    evaluate=False)


def model_key(model, purpose: str) -> str:
    """A SHA-256 key of a model's content, the sbgames version and what is cached.

    Two models with the same players, strategies, parameters (bounds and
    integrality), constraints and payoffs share a key whatever their names
    or descriptions.
    """
    from . import __version__
    content = {
        "sbgames": __version__,
        "purpose": purpose,
        "players": list(model.players),
        "strategies": [list(s) for s in model.strategies],
        "parameters": {n: [sympy.srepr(p.symbol), *(str(getattr(p, k, None)) for k in
                                                   ("min", "max", "above", "below", "integer"))]
                       for n, p in model.parameters.items()},
        "constraints": [sympy.srepr(rel) for _, rel in model.constraints],
        "payoffs": {",".join(profile): [sympy.srepr(u) for u in exprs] for profile, exprs in model.payoffs.items()},
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()


def load(key: str):
    """The stored JSON value for `key`, or None (cache off, absent or unreadable)."""
    if not enabled():
        return None
    path = cache_dir() / f"{key}.json"
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            return None
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def store(key: str, value) -> None:
    """Write `value` (JSON-ready) for `key` atomically; a cache that cannot be written is skipped."""
    if not enabled():
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / f"{key}.json", json.dumps(value))
    except OSError:
        return


def read_back(value, reader):
    """``reader(value)``, or None when the stored value does not parse (a stale or damaged entry)."""
    try:
        return reader(value)
    except (ExpressionError, ValueError, KeyError, TypeError):
        return None


def cached(key: str, compute, to_data, from_data, same=lambda a, b: a == b):
    """The value for `key`: read back from the cache, or computed and stored.

    Parameters
    ----------
    key : str
        From :func:`model_key`.
    compute : callable
        ``compute()`` derives the value when the cache has no readable entry.
    to_data, from_data : callable
        Turn the value into JSON-ready data and back (``from_data`` goes
        through the whitelist parser; a failure counts as no entry).
    same : callable
        ``same(read_back, derived)``: a value is stored only when what it reads
        back as is the same as what was derived.

    Examples
    --------
    >>> import tempfile
    >>> saved = {k: os.environ.pop(k, None) for k in ("SBGAMES_CACHE_DIR", "SBGAMES_NO_CACHE")}
    >>> os.environ["SBGAMES_CACHE_DIR"] = tempfile.mkdtemp()
    >>> calls = []
    >>> def derive():
    ...     calls.append(1)
    ...     return 42
    >>> [cached("answer", derive, str, int) for _ in range(2)], len(calls)  # derived once, then read back
    ([42, 42], 1)
    >>> del os.environ["SBGAMES_CACHE_DIR"]
    >>> os.environ.update({k: v for k, v in saved.items() if v is not None})
    """
    stored = load(key)
    if stored is not None:
        value = read_back(stored, from_data)
        if value is not None:
            return value
    value = compute()
    data = to_data(value)
    back = read_back(data, from_data)
    if back is not None and same(back, value):
        store(key, data)
    return value
