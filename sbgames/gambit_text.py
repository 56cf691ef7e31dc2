"""The text layer shared by Gambit's ``.nfg`` and ``.efg`` files: reading, tokens, exact numbers, labels.

Both formats are whitespace-separated tokens: braces, commas, double-quoted
strings (``\\"`` and ``\\\\`` escaped) and bare words (numbers, keywords).
:func:`read_text` reads a file for both readers, within one size limit, and
refuses anything that is not a regular file (a FIFO, a device such as
``/dev/zero``, a directory) before reading.  :class:`TokenStream` walks the
tokens one at a time with their line and column, so that every error is a
:class:`~sbgames.errors.GameFileError` naming the file, the line, the
column, what was expected and what was found.  Numbers are read exactly
(integers, decimals, ``p/q``) with bounds that keep a hostile file from
hanging the reader; counts are read exactly (``007`` is 7) and checked
against the limit the caller states before anything is allocated.

Examples
--------
>>> tokens = TokenStream('{ "a \\\\"b\\\\"" 3/4 }', "example.nfg")
>>> tokens.expect("{", "'{'").kind, tokens.take().value, tokens.number("a payoff")[0]
('{', 'a "b"', Fraction(3, 4))
>>> tokens.count("a count")
Traceback (most recent call last):
...
sbgames.errors.GameFileError: example.nfg line 1, column 17: expected a count, found '}'
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections import Counter
from fractions import Fraction
from typing import NamedTuple

from .errors import GameFileError

__all__ = ["Token", "TokenStream", "error", "read_text", "is_number", "is_count", "distinct_labels", "quote",
           "number_text", "MAX_EXPONENT", "MAX_NUMBER_LENGTH", "MAX_FILE_BYTES"]

#: Largest ``.nfg`` or ``.efg`` file (or text) read, in bytes (characters for a text).
MAX_FILE_BYTES = 20_000_000

#: Largest decimal exponent accepted in a number (``1e999999`` is refused, not computed).
MAX_EXPONENT = 400
#: Longest number token accepted, in characters.
MAX_NUMBER_LENGTH = 1000
#: Numbers must stay convertible to floats (the float solvers need them).
_FLOAT_MAX = Fraction(sys.float_info.max)

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE](?P<exponent>[+-]?\d+))?")
_RATIONAL = re.compile(r"[+-]?\d+/\d+")
_COUNT = re.compile(r"\+?\d+")
_INTEGER = re.compile(r"[+-]?\d{1,300}")  # below 1e300: no range check needed
_TOKEN = re.compile(r"""
      (?P<space>\s+)
    | (?P<brace>[{}])
    | (?P<comma>,)
    | (?P<text>"(?:[^"\\]|\\.)*")
    | (?P<quote>")
    | (?P<word>[^\s{},"]+)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r'\\(["\\])')


def error(source: str, line: int, message: str, column: int | None = None) -> GameFileError:
    """The error for a problem at a line (and column, counted from 1) of a file."""
    where = f"line {line}" if column is None else f"line {line}, column {column}"
    return GameFileError(f"{source} {where}: {message}", source=source, line=line, column=column)


class Token(NamedTuple):
    """One token: kind ``"{"``, ``"}"``, ``","``, ``"text"`` (a quoted string), ``"word"`` or ``"eof"``."""

    kind: str
    value: str  # the unquoted text of a string, the characters of a word
    line: int
    column: int = 1  # of the token's first character, counted from 1

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
    """A cursor over the tokens of one text, reporting errors with file, line and column.

    Tokens are read lazily, one ahead, so a long file is never held as a
    list of tokens.  A leading UTF-8 byte-order mark is skipped.
    """

    def __init__(self, text: str, source: str):
        if len(text) > MAX_FILE_BYTES:
            raise GameFileError(f"{source}: the text is longer than {MAX_FILE_BYTES} characters; refused")
        self.source = source
        self._tokens = self._scan(text.removeprefix("\ufeff"))
        self._next = next(self._tokens)

    def _scan(self, text: str):
        line, line_start = 1, 0
        for match in _TOKEN.finditer(text):
            kind, value, start = match.lastgroup, match.group(), match.start()
            column = start - line_start + 1
            if kind == "quote":
                raise error(self.source, line, "unterminated string: no closing '\"' before the end of file", column)
            if kind == "text":
                yield Token("text", _ESCAPE.sub(r"\1", value[1:-1]), line, column)
            elif kind in ("brace", "comma"):
                yield Token(value, value, line, column)
            elif kind == "word":
                yield Token("word", value, line, column)
            if "\n" in value:
                line += value.count("\n")
                line_start = start + value.rindex("\n") + 1
        end = text.rstrip()  # the end of the file is right after its last visible character
        eof = Token("eof", "", end.count("\n") + 1, len(end) - end.rfind("\n"))
        while True:
            yield eof

    def peek(self) -> Token:
        return self._next

    def take(self) -> Token:
        token = self._next
        if token.kind != "eof":
            self._next = next(self._tokens)
        return token

    def expect(self, kind: str, what: str) -> Token:
        token = self.take()
        if token.kind != kind:
            raise self.unexpected(token, what)
        return token

    def error(self, token: Token, message: str) -> GameFileError:
        """The error for a problem at `token` (its line and column)."""
        return error(self.source, token.line, message, token.column)

    def unexpected(self, token: Token, what: str) -> GameFileError:
        return self.error(token, f"expected {what}, found {token.describe()}")

    def value_of(self, token: Token, what: str) -> Fraction:
        """The exact value of a number token (integer, decimal or p/q); `what` names it in errors."""
        text = token.value
        if token.kind == "word" and _INTEGER.fullmatch(text):  # the common case, fast
            return Fraction(int(text))
        noun = what.removeprefix("a ").removeprefix("an ")  # "expected a payoff", but "payoff '3/0' has..."
        decimal = _DECIMAL.fullmatch(text) if token.kind == "word" else None
        if token.kind != "word" or not (decimal or _RATIONAL.fullmatch(text)):
            raise self.unexpected(token, f"{what} (a number such as 3, -1.5, 2e3 or 3/4)")
        if len(text) > MAX_NUMBER_LENGTH:
            raise self.error(token, f"{noun} {token.describe()} is too long "
                                         f"(more than {MAX_NUMBER_LENGTH} characters)")
        if decimal and decimal.group("exponent"):
            digits = decimal.group("exponent").lstrip("+-").lstrip("0")
            if len(digits) > 4 or (digits and int(digits) > MAX_EXPONENT):
                raise self.error(token, f"{noun} {text!r} has an exponent out of range "
                                             f"(at most {MAX_EXPONENT} in absolute value)")
        try:
            value = Fraction(text)
        except ZeroDivisionError:
            raise self.error(token, f"{noun} {text!r} has a zero denominator") from None
        if abs(value) > _FLOAT_MAX:
            raise self.error(token, f"{noun} {text!r} is too large (numbers must stay below the "
                                         f"largest float, about 1.8e308)")
        return value

    def number(self, what: str) -> tuple[Fraction, Token]:
        """Take a number token: its exact value and the token."""
        token = self.take()
        return self.value_of(token, what), token

    def count_of(self, token: Token, what: str, limit: int | None = None) -> int:
        """A non-negative integer written in digits (a count or an index), read exactly.

        Leading zeros are allowed (``007`` is 7).  With a `limit`, a larger
        value is refused with a message naming `what` and the limit.
        """
        if token.kind != "word" or not _COUNT.fullmatch(token.value):
            raise self.unexpected(token, what)
        digits = token.value.lstrip("+").lstrip("0") or "0"
        if len(digits) > MAX_NUMBER_LENGTH:
            raise self.error(token, f"{what} {token.describe()} is too long (more than {MAX_NUMBER_LENGTH} digits)")
        value = int(digits)
        if limit is not None and value > limit:
            raise self.error(token, f"{what} is {token.describe()}, more than the limit of {limit:,}")
        return value

    def count(self, what: str, limit: int | None = None) -> tuple[int, Token]:
        """Take a count token: its exact value and the token (see :meth:`count_of`)."""
        token = self.take()
        return self.count_of(token, what, limit), token


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _regular_file_size(source: str, status: os.stat_result, resolved: str) -> int:
    """The size of a regular file within :data:`MAX_FILE_BYTES`; anything else is refused."""
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
        target = "" if resolved == os.path.abspath(source) else f" (it leads to {resolved})"
        raise GameFileError(f"{source}: {kind}{target}, not a regular file; only regular files are read")
    if status.st_size > MAX_FILE_BYTES:
        raise GameFileError(f"{source}: the file is larger than {MAX_FILE_BYTES} bytes ({status.st_size} bytes); "
                            f"refused")
    return status.st_size


def read_text(path) -> str:
    """The text of a Gambit file: UTF-8 (a byte-order mark is kept for the tokenizer to skip).

    Only a regular file of at most :data:`MAX_FILE_BYTES` bytes is read: the
    path (after following symbolic links) is checked before it is opened,
    opened without blocking (a FIFO swapped in meanwhile cannot hang the
    reader) and checked again, and at most one byte more than the limit is
    read, so a file that grows while it is read is refused too.

    Raises
    ------
    FileNotFoundError
        No such file (the message names the path).
    GameFileError
        Not a regular file, too large, or not UTF-8 (the message names the
        file, and the line and column of a bad byte).

    Examples
    --------
    >>> read_text("/dev/null")
    Traceback (most recent call last):
    ...
    sbgames.errors.GameFileError: /dev/null: a character device, not a regular file; only regular files are read
    """
    source = os.fspath(path)
    resolved = os.path.realpath(source)
    _regular_file_size(source, os.stat(resolved), resolved)
    descriptor = os.open(resolved, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(descriptor, "rb") as file:
        _regular_file_size(source, os.fstat(descriptor), resolved)   # the same file, still regular
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise GameFileError(f"{source}: the file is larger than {MAX_FILE_BYTES} bytes; refused")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise error(source, data[:exc.start].count(b"\n") + 1,
                    f"not UTF-8 text ({exc.reason} at byte {exc.start})", column) from None


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
