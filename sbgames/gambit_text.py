"""The text layer shared by Gambit's ``.nfg`` and ``.efg`` files: tokens, exact numbers, labels.

Both formats are whitespace-separated tokens: braces, commas, double-quoted
strings (``\\"`` and ``\\\\`` escaped) and bare words (numbers, keywords).
:class:`TokenStream` walks them with line numbers, so that every error names
the file, the line, what was expected and what was found.  Numbers are read
exactly (integers, decimals, ``p/q``) with bounds that keep a hostile file
from hanging the reader.

Examples
--------
>>> tokens = TokenStream('{ "a \\\\"b\\\\"" 3/4 }', "example.nfg")
>>> tokens.expect("{", "'{'").kind, tokens.take().value, tokens.number("a payoff")[0]
('{', 'a "b"', Fraction(3, 4))
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Token", "TokenStream", "error", "read_text", "is_number", "is_count", "distinct_labels", "quote", "number_text", "MAX_EXPONENT",
           "MAX_NUMBER_LENGTH"]

#: Largest decimal exponent accepted in a number (``1e999999`` is refused, not computed).
MAX_EXPONENT = 400
#: Longest number token accepted, in characters.
MAX_NUMBER_LENGTH = 1000
#: Numbers must stay convertible to floats (the float solvers need them).
_FLOAT_MAX = Fraction(sys.float_info.max)

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE](?P<exponent>[+-]?\d+))?")
_RATIONAL = re.compile(r"[+-]?\d+/\d+")
_COUNT = re.compile(r"\+?\d+")
_TOKEN = re.compile(r"""
      (?P<space>\s+)
    | (?P<brace>[{}])
    | (?P<comma>,)
    | (?P<text>"(?:[^"\\]|\\.)*")
    | (?P<quote>")
    | (?P<word>[^\s{},"]+)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r'\\(["\\])')


def error(source: str, line: int, message: str) -> ValueError:
    """The error for a problem at a line of a file."""
    return ValueError(f"{source} line {line}: {message}")


@dataclass(frozen=True)
class Token:
    """One token: kind ``"{"``, ``"}"``, ``","``, ``"text"`` (a quoted string), ``"word"`` or ``"eof"``."""

    kind: str
    value: str  # the unquoted text of a string, the characters of a word
    line: int

    def describe(self) -> str:
        """The token as an error message shows it."""
        if self.kind == "eof":
            return "end of file"
        shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
        if self.kind == "text":
            return quote(shown)
        if self.kind == "word":
            return repr(shown)
        return repr(self.kind)


class TokenStream:
    """A cursor over the tokens of one file, reporting errors with file and line."""

    def __init__(self, text: str, source: str):
        self.source = source
        tokens, line = [], 1
        for match in _TOKEN.finditer(text):
            kind, value = match.lastgroup, match.group()
            if kind == "quote":
                raise error(source, line, "unterminated string: no closing '\"' before the end of file")
            if kind == "text":
                tokens.append(Token("text", _ESCAPE.sub(r"\1", value[1:-1]), line))
            elif kind in ("brace", "comma"):
                tokens.append(Token(value, value, line))
            elif kind == "word":
                tokens.append(Token("word", value, line))
            line += value.count("\n")
        tokens.append(Token("eof", "", tokens[-1].line if tokens else line))
        self._tokens = tokens
        self._position = 0

    def peek(self) -> Token:
        return self._tokens[self._position]

    def take(self) -> Token:
        token = self._tokens[self._position]
        if token.kind != "eof":
            self._position += 1
        return token

    def expect(self, kind: str, what: str) -> Token:
        token = self.take()
        if token.kind != kind:
            raise self.unexpected(token, what)
        return token

    def error(self, line: int, message: str) -> ValueError:
        return error(self.source, line, message)

    def unexpected(self, token: Token, what: str) -> ValueError:
        return self.error(token.line, f"expected {what}, found {token.describe()}")

    def value_of(self, token: Token, what: str) -> Fraction:
        """The exact value of a number token (integer, decimal or p/q); `what` names it in errors."""
        text = token.value
        noun = what.removeprefix("a ").removeprefix("an ")  # "expected a payoff", but "payoff '3/0' has..."
        decimal = _DECIMAL.fullmatch(text) if token.kind == "word" else None
        if token.kind != "word" or not (decimal or _RATIONAL.fullmatch(text)):
            raise self.unexpected(token, f"{what} (a number such as 3, -1.5, 2e3 or 3/4)")
        if len(text) > MAX_NUMBER_LENGTH:
            raise self.error(token.line, f"{noun} {token.describe()} is too long "
                                         f"(more than {MAX_NUMBER_LENGTH} characters)")
        if decimal and decimal.group("exponent"):
            digits = decimal.group("exponent").lstrip("+-").lstrip("0")
            if len(digits) > 4 or (digits and int(digits) > MAX_EXPONENT):
                raise self.error(token.line, f"{noun} {text!r} has an exponent out of range "
                                             f"(at most {MAX_EXPONENT} in absolute value)")
        try:
            value = Fraction(text)
        except ZeroDivisionError:
            raise self.error(token.line, f"{noun} {text!r} has a zero denominator") from None
        if abs(value) > _FLOAT_MAX:
            raise self.error(token.line, f"{noun} {text!r} is too large (numbers must stay below the "
                                         f"largest float, about 1.8e308)")
        return value

    def number(self, what: str) -> tuple[Fraction, Token]:
        """Take a number token: its exact value and the token."""
        token = self.take()
        return self.value_of(token, what), token

    def count_of(self, token: Token, what: str) -> int:
        """A non-negative integer written in digits (a count or an index)."""
        if token.kind != "word" or not _COUNT.fullmatch(token.value):
            raise self.unexpected(token, what)
        return int(token.value) if len(token.value) <= 18 else sys.maxsize  # too big for any file

    def count(self, what: str) -> tuple[int, Token]:
        """Take a count token: its value and the token."""
        token = self.take()
        return self.count_of(token, what), token


def read_text(path, max_bytes: int | None = None) -> str:
    """The text of a Gambit file: UTF-8 (a byte-order mark is skipped), at most `max_bytes` bytes.

    Raises
    ------
    FileNotFoundError
        No such file (the message names the path).
    ValueError
        The file is too large, or not UTF-8 (the message names the file and line).
    """
    source = os.fspath(path)
    with open(path, "rb") as file:
        data = file.read() if max_bytes is None else file.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise ValueError(f"{source}: the file is larger than {max_bytes} bytes; refused")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise error(source, line, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def is_number(token: Token) -> bool:
    """Whether a token is written as a number (integer, decimal or p/q)."""
    return token.kind == "word" and bool(_DECIMAL.fullmatch(token.value) or _RATIONAL.fullmatch(token.value))


def is_count(token: Token) -> bool:
    """Whether a token is written as a non-negative integer."""
    return token.kind == "word" and bool(_COUNT.fullmatch(token.value))


def distinct_labels(labels: list) -> list:
    """Non-empty, distinct labels, as Gambit makes them: ``"x"`` twice becomes ``"x_1"``, ``"x_2"``.

    Examples
    --------
    >>> distinct_labels(["a", "a", "", "b"])
    ['a_1', 'a_2', '_1', 'b']
    """
    counts, used, suffixes = Counter(labels), set(labels), Counter()
    result = []
    for label in labels:
        if counts[label] == 1 and label.strip():
            result.append(label)
            continue
        while True:
            suffixes[label] += 1
            candidate = f"{label}_{suffixes[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        result.append(candidate)
    return result


def quote(label: str) -> str:
    """A label as a quoted string (``"`` and ``\\`` escaped with a backslash)."""
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number_text(value) -> str:
    """Exact text Gambit reads: fractions as p/q, floats as their shortest decimal, never with an exponent.

    Examples
    --------
    >>> number_text(Fraction(3, 4)), number_text(0.5), number_text(1e16)
    ('3/4', '0.5', '10000000000000000')
    """
    if isinstance(value, Fraction):
        return str(value)
    text = repr(float(value))
    if "e" in text or "E" in text:  # Gambit refuses 1e+16: write the same number as a fraction
        return str(Fraction(text))
    return text
