"""Reading and writing Gambit's strategic-game files (``.nfg``).

Gambit's ``.nfg`` format comes in two versions that share one prologue::

    NFG 1 R "title" { "Player 1" "Player 2" } <strategies> ["comment"]

``<strategies>`` is either a list of strategy counts, ``{ 3 2 }``, or a
nested list of strategy names, ``{ { "T" "M" "B" } { "L" "R" } }``.  In the
*payoff version* the body is a flat list of payoffs, profile by profile, one
payoff per player; in the *outcome version* the body is a list of outcomes,
``{ { "name" 1, 2 } ... }``, then one outcome index per profile, where ``0``
is the null outcome (all payoffs 0) and ``k`` the ``k``-th outcome.  In both
the first player's strategy changes fastest.  Numbers are integers,
decimals (``1.5``, ``-.25``, ``1e3``) or rationals (``3/2``) and are read
exactly, so ``0.1`` is ``1/10`` and every game read is an exact game.  The
data-type letter (``R`` or ``D``) does not change how numbers are read.

Labels follow Gambit's reader: strategy counts give the strategies the names
``"1"``, ``"2"``, ...; empty or repeated names are made distinct by adding
``"_1"``, ``"_2"``, ... .  The optional comment is read and dropped (a
:class:`~sbgames.game.Game` has no place for it).  Inside quoted strings
``\\"`` stands for ``"`` and ``\\\\`` for a backslash; any other backslash is
kept as it is.

Examples
--------
>>> game = parse_nfg('NFG 1 R "Matching pennies" { "Even" "Odd" } { 2 2 } '
...                  '1 -1  -1 1  -1 1  1 -1')
>>> game.payoff(("1", "2"))
(Fraction(-1, 1), Fraction(1, 1))
>>> parse_nfg(format_nfg(game)) == game
True
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .game import Game

__all__ = ["read_nfg", "write_nfg", "parse_nfg", "format_nfg"]

#: Largest exponent accepted in a number such as ``1e300``; bigger ones would
#: make exact arithmetic hang on enormous integers.
_MAX_EXPONENT = 400
#: Longest number token accepted, in characters.
_MAX_NUMBER_LENGTH = 1000
#: Payoffs must stay convertible to floats (the float solvers need them).
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


# -- tokens -----------------------------------------------------------------

@dataclass(frozen=True)
class _Token:
    kind: str   # "{", "}", ",", "text" (a quoted string), "word" or "eof"
    value: str  # the unquoted text of a string, the characters of a word
    line: int

    def describe(self) -> str:
        if self.kind == "eof":
            return "end of file"
        if self.kind == "text":
            return _quote(self.value) if len(self.value) <= 40 else _quote(self.value[:37] + "...")
        if self.kind == "word":
            return repr(self.value) if len(self.value) <= 40 else repr(self.value[:37] + "...")
        return repr(self.kind)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _error(source: str, line: int, message: str) -> ValueError:
    return ValueError(f"{source} line {line}: {message}")


def _tokenize(text: str, source: str) -> list[_Token]:
    """Split `text` into tokens, each with the line it starts on."""
    tokens = []
    line = 1
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "quote":
            raise _error(source, line, "unterminated string: no closing '\"' before the end of file")
        if kind == "text":
            tokens.append(_Token("text", _ESCAPE.sub(r"\1", value[1:-1]), line))
        elif kind in ("brace", "comma"):
            tokens.append(_Token(value, value, line))
        elif kind == "word":
            tokens.append(_Token("word", value, line))
        line += value.count("\n")
    last_line = tokens[-1].line if tokens else line
    tokens.append(_Token("eof", "", last_line))
    return tokens


class _TokenStream:
    """A cursor over the tokens of one file, reporting errors with file and line."""

    def __init__(self, text: str, source: str):
        self.source = source
        self._tokens = _tokenize(text, source)
        self._position = 0

    def peek(self) -> _Token:
        return self._tokens[self._position]

    def take(self) -> _Token:
        token = self._tokens[self._position]
        if token.kind != "eof":
            self._position += 1
        return token

    def expect(self, kind: str, what: str) -> _Token:
        token = self.take()
        if token.kind != kind:
            raise self.unexpected(token, what)
        return token

    def error(self, line: int, message: str) -> ValueError:
        return _error(self.source, line, message)

    def unexpected(self, token: _Token, what: str) -> ValueError:
        return self.error(token.line, f"expected {what}, found {token.describe()}")


# -- numbers ----------------------------------------------------------------

def _payoff(tokens: _TokenStream, token: _Token) -> Fraction:
    """The exact value of a payoff token (integer, decimal or rational)."""
    if token.kind != "word":
        raise tokens.unexpected(token, "a payoff (a number)")
    text = token.value
    decimal = _DECIMAL.fullmatch(text)
    if not decimal and not _RATIONAL.fullmatch(text):
        raise tokens.unexpected(token, "a payoff (a number such as 3, -1.5, 2e3 or 3/4)")
    if len(text) > _MAX_NUMBER_LENGTH:
        raise tokens.error(token.line, f"payoff {token.describe()} is too long "
                                       f"(more than {_MAX_NUMBER_LENGTH} characters)")
    if decimal and decimal.group("exponent"):
        digits = decimal.group("exponent").lstrip("+-").lstrip("0")
        if len(digits) > 4 or (digits and int(digits) > _MAX_EXPONENT):
            raise tokens.error(token.line, f"payoff {text!r} has an exponent out of range "
                                           f"(at most {_MAX_EXPONENT} in absolute value)")
    try:
        value = Fraction(text)
    except ZeroDivisionError:
        raise tokens.error(token.line, f"payoff {text!r} has a zero denominator") from None
    if abs(value) > _FLOAT_MAX:
        raise tokens.error(token.line, f"payoff {text!r} is too large "
                                       f"(payoffs must stay below the largest float, about 1.8e308)")
    return value


def _count(tokens: _TokenStream, token: _Token, what: str) -> int:
    """A non-negative integer in digits, optionally with a "+" (a strategy count or outcome index)."""
    if token.kind != "word" or not _COUNT.fullmatch(token.value):
        raise tokens.unexpected(token, what)
    return int(token.value) if len(token.value) <= 18 else sys.maxsize  # too big for any file


# -- prologue -----------------------------------------------------------------

@dataclass
class _Prologue:
    title: str
    players: list[str]
    strategies: list[list[str]] | None  # None: only counts were given
    shape: list[int]


def _read_prologue(tokens: _TokenStream) -> _Prologue:
    first = tokens.take()
    if first.kind != "word" or first.value != "NFG":
        hint = " (an extensive game; only strategic games are read)" if first.value == "EFG" else ""
        raise tokens.unexpected(first, f"'NFG' at the start of a Gambit .nfg file{hint}")
    version = tokens.take()
    if version.kind != "word" or version.value != "1":
        raise tokens.unexpected(version, "the version number 1 after 'NFG'")
    data_type = tokens.take()
    if data_type.kind != "word" or data_type.value not in ("R", "D"):
        raise tokens.unexpected(data_type, "the data type 'R' or 'D' after 'NFG 1'")
    title = tokens.expect("text", "the game title (a quoted string)").value
    players = _read_players(tokens)
    tokens.expect("{", "'{' to start the strategies (counts or names)")
    if tokens.peek().kind == "{":
        strategies = _read_strategy_names(tokens, players)
        shape = [len(names) for names in strategies]
    else:
        strategies = None
        shape = _read_strategy_counts(tokens, players)
    if tokens.peek().kind == "text":
        tokens.take()  # the optional comment
    return _Prologue(title, players, strategies, shape)


def _read_players(tokens: _TokenStream) -> list[str]:
    tokens.expect("{", "'{' to start the list of player names")
    players = []
    while tokens.peek().kind == "text":
        players.append(tokens.take().value)
    close = tokens.expect("}", "a player name (a quoted string) or '}'")
    if not players:
        raise tokens.error(close.line, "the game has no players: the player list is empty")
    return players


def _read_strategy_names(tokens: _TokenStream, players: list[str]) -> list[list[str]]:
    """Read ``{ "a" "b" } { "x" "y" } }`` (the opening '{' is already read)."""
    strategies = []
    for player in players:
        tokens.expect("{", f"'{{' to start the strategy names of player {player!r}")
        names = []
        while tokens.peek().kind == "text":
            names.append(tokens.take().value)
        close = tokens.expect("}", f"a strategy name of player {player!r} (a quoted string) or '}}'")
        if not names:
            raise tokens.error(close.line, f"player {player!r} has no strategies")
        strategies.append(names)
    tokens.expect("}", f"'}}' after the strategy names of {_plural(len(players), 'player')}")
    return strategies


def _read_strategy_counts(tokens: _TokenStream, players: list[str]) -> list[int]:
    """Read ``3 2 }`` (the opening '{' is already read)."""
    shape = []
    for player in players:
        token = tokens.take()
        count = _count(tokens, token, f"the number of strategies of player {player!r}")
        if count == 0:
            raise tokens.error(token.line, f"player {player!r} has no strategies (count 0)")
        shape.append(count)
    tokens.expect("}", f"'}}' after the strategy counts of {_plural(len(players), 'player')}")
    return shape


# -- bodies -------------------------------------------------------------------

def _is_number(token: _Token) -> bool:
    return token.kind == "word" and bool(_DECIMAL.fullmatch(token.value) or _RATIONAL.fullmatch(token.value))


def _rest_of_file(tokens: _TokenStream) -> list[_Token]:
    rest = []
    while tokens.peek().kind != "eof":
        rest.append(tokens.take())
    return rest


def _check_length(tokens: _TokenStream, entries: list[_Token], expected: int, what: str, is_entry) -> None:
    """Check that `entries` (the rest of the file) holds exactly `expected` entries.

    Too few: report the count at the last line.  Too many: report the count
    at the first surplus entry, or the first surplus token that is not an
    entry at all.
    """
    if len(entries) < expected:
        line = entries[-1].line if entries else tokens.peek().line
        raise tokens.error(line, f"expected {expected} {what}, found {len(entries)}")
    surplus = entries[expected:]
    if surplus:
        stray = next((t for t in surplus if not is_entry(t)), None)
        if stray is not None:
            raise tokens.error(stray.line, f"expected the end of the file after {expected} {what}, "
                                           f"found {stray.describe()}")
        raise tokens.error(surplus[0].line, f"expected {expected} {what}, found {len(entries)}")


def _read_payoff_body(tokens: _TokenStream, n_profiles: int, n_players: int) -> list[tuple]:
    """The flat payoff list, grouped into one tuple of payoffs per profile."""
    expected = n_profiles * n_players
    entries = _rest_of_file(tokens)
    values = [_payoff(tokens, token) for token in entries[:expected]]
    what = f"payoffs ({_plural(n_profiles, 'profile')} x {_plural(n_players, 'player')})"
    _check_length(tokens, entries, expected, what, _is_number)
    return [tuple(values[k:k + n_players]) for k in range(0, expected, n_players)]


def _read_outcomes(tokens: _TokenStream, players: list[str]) -> list[tuple]:
    """Read the outcome list ``{ { "name" 1, 2 } ... }``."""
    tokens.expect("{", "'{' to start the list of outcomes")
    outcomes = []
    while tokens.peek().kind == "{":
        start = tokens.take()
        name = tokens.expect("text", "the outcome name (a quoted string)").value
        payoffs = []
        while tokens.peek().kind != "}":
            payoffs.append(_payoff(tokens, tokens.take()))
            if tokens.peek().kind == ",":
                tokens.take()
        tokens.take()
        if len(payoffs) != len(players):
            raise tokens.error(start.line, f"outcome {len(outcomes) + 1} ({name!r}) needs "
                                           f"{len(players)} payoffs, one per player, found {len(payoffs)}")
        outcomes.append(tuple(payoffs))
    tokens.expect("}", "'{' to start an outcome or '}' to end the list of outcomes")
    return outcomes


def _read_outcome_body(tokens: _TokenStream, n_profiles: int, players: list[str]) -> list[tuple]:
    """The outcome list and one outcome index per profile; the payoffs of each profile."""
    outcomes = _read_outcomes(tokens, players)
    null = tuple(Fraction(0) for _ in players)
    entries = _rest_of_file(tokens)
    profiles = []
    for token in entries[:n_profiles]:
        index = _count(tokens, token, f"an outcome index (0 to {len(outcomes)})")
        if index > len(outcomes):
            raise tokens.error(token.line, f"unknown outcome {token.value}: the file defines "
                                           f"{len(outcomes)} outcomes (0 is the null outcome)")
        profiles.append(outcomes[index - 1] if index else null)
    _check_length(tokens, entries, n_profiles, "outcome indices (one per profile)",
                  lambda token: token.kind == "word" and bool(_COUNT.fullmatch(token.value)))
    return profiles


# -- the game -----------------------------------------------------------------

def _distinct_labels(labels: list[str]) -> list[str]:
    """Make labels non-empty and distinct the way Gambit does: ``"x"`` twice becomes ``"x_1"``, ``"x_2"``."""
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


def _build_game(prologue: _Prologue, profiles: list[tuple], source: str) -> Game:
    """Turn per-profile payoffs (first player fastest) into a Game."""
    shape = tuple(prologue.shape)
    table = np.empty((len(profiles), len(prologue.players)), dtype=object)
    for k, payoffs in enumerate(profiles):
        table[k, :] = payoffs
    arrays = [table[:, i].reshape(shape, order="F") for i in range(len(prologue.players))]
    strategies = prologue.strategies or [[str(j + 1) for j in range(n)] for n in shape]
    try:
        return Game(arrays, _distinct_labels(prologue.players),
                    [_distinct_labels(names) for names in strategies], title=prologue.title)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{source}: {exc}") from None


def parse_nfg(text: str, source: str = "<string>") -> Game:
    """Read a game from the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    text : str
        The contents of the file.
    source : str, optional
        The name used in error messages (a path, say).

    Returns
    -------
    Game
        An exact game: integers, decimals and rationals become fractions.

    Raises
    ------
    ValueError
        If the text is not a valid ``.nfg`` file; the message names `source`,
        the line, and what was expected and found.

    Examples
    --------
    The outcome version: outcome 0 is the null outcome (all payoffs 0).

    >>> game = parse_nfg('''NFG 1 R "Chicken" { "Ann" "Bob" }
    ... { { "Swerve" "Straight" } { "Swerve" "Straight" } }
    ... { { "tie" 0, 0 } { "Bob wins" -1, 1 } { "Ann wins" 1, -1 }
    ...   { "crash" -5/2, -5/2 } }
    ... 1 3 2 4''')
    >>> game.payoff(("Straight", "Swerve"))
    (Fraction(1, 1), Fraction(-1, 1))
    >>> game.payoff(("Straight", "Straight"))
    (Fraction(-5, 2), Fraction(-5, 2))
    >>> parse_nfg('NFG 1 D "" { "A" "B" } { 1 1 } 0.1 2', source="tiny.nfg").payoff((0, 0))
    (Fraction(1, 10), Fraction(2, 1))
    >>> parse_nfg('NFG 1 R "" { "A" "B" } { 1 1 } 0.1', source="tiny.nfg")
    Traceback (most recent call last):
    ...
    ValueError: tiny.nfg line 1: expected 2 payoffs (1 profile x 2 players), found 1
    """
    tokens = _TokenStream(text.removeprefix("\ufeff"), source)
    prologue = _read_prologue(tokens)
    n_profiles = math.prod(prologue.shape)
    body = tokens.peek()
    if body.kind == "{":
        profiles = _read_outcome_body(tokens, n_profiles, prologue.players)
    elif body.kind == "word":
        profiles = _read_payoff_body(tokens, n_profiles, len(prologue.players))
    else:
        raise tokens.unexpected(body, "the payoffs (numbers) or the list of outcomes ('{')")
    return _build_game(prologue, profiles, source)


def read_nfg(path: str | os.PathLike) -> Game:
    """Read a game from a Gambit ``.nfg`` file (payoff or outcome version).

    See :func:`parse_nfg` for what is read.  The file must be UTF-8 text
    (ASCII is UTF-8).

    Raises
    ------
    FileNotFoundError
        If there is no file at `path` (the message names the path).
    ValueError
        If the file is not a valid ``.nfg`` file; the message names the
        path, the line, and what was expected and found.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "e02.nfg"
    >>> _ = path.write_text('NFG 1 R "Selten (IJGT, 75), Figure 2" { "Player 1" "Player 2" }\\n'
    ...                     '{ 3 2 }\\n\\n1 1 0 2 0 2 1 1 0 3 2 0\\n')
    >>> game = read_nfg(path)
    >>> game.shape, game.strategies[0]
    ((3, 2), ('1', '2', '3'))
    >>> game.payoff(("3", "2"))
    (Fraction(2, 1), Fraction(0, 1))
    """
    with open(path, "rb") as file:  # FileNotFoundError names the path
        data = file.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise _error(os.fspath(path), line, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse_nfg(text, source=os.fspath(path))


# -- writing ------------------------------------------------------------------

def _quote(label: str) -> str:
    """A label as a quoted .nfg string (``"`` and ``\\`` escaped with a backslash)."""
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value) -> str:
    """Exact text Gambit reads: fractions as p/q, floats as their shortest decimal, never with an exponent."""
    if isinstance(value, Fraction):
        return str(value)
    text = repr(float(value))
    if "e" in text or "E" in text:  # Gambit refuses 1e+16: write the same number as a fraction
        return str(Fraction(text))
    return text


def format_nfg(game: Game) -> str:
    """The text of a Gambit ``.nfg`` file (payoff version, ``NFG 1 R``) for `game`.

    Player names, strategy names and the title are written; exact payoffs as
    integers or ``p/q``, float payoffs as their shortest decimal (``repr``),
    which reads back as the same decimal, exactly.

    Raises
    ------
    TypeError
        If the game is symbolic: substitute values first (``game.subs``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, Fraction(1, 2)]]], players=["Row", "Col"],
    ...           strategies=[["C", "D"], ["C", "D"]], title="A \\"prisoners'\\" dilemma")
    >>> print(format_nfg(pd))
    NFG 1 R "A \\"prisoners'\\" dilemma" { "Row" "Col" }
    <BLANKLINE>
    { { "C" "D" }
    { "C" "D" }
    }
    ""
    <BLANKLINE>
    3 3
    5 0
    0 5
    1 1/2
    <BLANKLINE>
    """
    if game.kind == "symbolic":
        free = sorted({s.name for a in game.payoff_arrays for v in a.flat for s in v.free_symbols})
        raise TypeError(f"cannot write a symbolic game (parameters {free}) to .nfg; "
                        f"substitute values first (game.subs or model.game)")
    players = " ".join(_quote(p) for p in game.players)
    strategy_lists = "\n".join("{ " + " ".join(_quote(s) for s in names) + " }" for names in game.strategies)
    columns = [a.reshape(-1, order="F") for a in game.payoff_arrays]  # first player fastest
    rows = [" ".join(_number(c[k]) for c in columns) for k in range(columns[0].size)]
    return "\n".join([f"NFG 1 R {_quote(game.title)} {{ {players} }}", "",
                      "{ " + strategy_lists, "}", '""', "", *rows, ""])


def write_nfg(game: Game, path: str | os.PathLike) -> None:
    """Write `game` to a Gambit ``.nfg`` file (payoff version, UTF-8).

    See :func:`format_nfg` for the contents.  :func:`read_nfg` gives back an
    equal game (for a float game: ``game.as_exact()``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pennies.nfg"
    >>> pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], players=["Even", "Odd"])
    >>> write_nfg(pennies, path)
    >>> read_nfg(path) == pennies
    True
    """
    text = format_nfg(game)
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(text)
