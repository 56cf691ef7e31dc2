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
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .errors import GameFileError, InputTypeError
from .files import atomic_write
from .game import MAX_PLAYERS, Game
from .gambit_text import Token, TokenStream, distinct_labels, is_count, is_number, number_text, quote, read_text

__all__ = ["read_nfg", "write_nfg", "parse_nfg", "format_nfg", "MAX_PROFILES"]

#: Most strategy profiles (the product of the strategy counts) a ``.nfg`` file may declare.
MAX_PROFILES = 1_000_000

def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# -- prologue -----------------------------------------------------------------

@dataclass
class _Prologue:
    title: str
    players: list[str]
    strategies: list[list[str]] | None  # None: only counts were given
    shape: list[int]


def _read_prologue(tokens: TokenStream) -> _Prologue:
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


def _read_players(tokens: TokenStream) -> list[str]:
    tokens.expect("{", "'{' to start the list of player names")
    players = []
    while tokens.peek().kind == "text":
        if len(players) == MAX_PLAYERS:
            raise tokens.error(tokens.peek(), f"more than {MAX_PLAYERS} players, the limit of a game "
                                              f"(one payoff-table dimension each); refused")
        players.append(tokens.take().value)
    close = tokens.expect("}", "a player name (a quoted string) or '}'")
    if not players:
        raise tokens.error(close, "the game has no players: the player list is empty")
    return players


def _check_profiles(tokens: TokenStream, token: Token, shape: list[int]) -> None:
    """Refuse (at `token`) strategy counts whose product is over :data:`MAX_PROFILES`."""
    if math.prod(shape) > MAX_PROFILES:
        raise tokens.error(token, f"the strategy counts {shape} make {math.prod(shape):,} strategy profiles, more "
                                  f"than the limit of {MAX_PROFILES:,}; refused")


def _read_strategy_names(tokens: TokenStream, players: list[str]) -> list[list[str]]:
    """Read ``{ "a" "b" } { "x" "y" } }`` (the opening '{' is already read)."""
    strategies = []
    for player in players:
        tokens.expect("{", f"'{{' to start the strategy names of player {player!r}")
        names = []
        while tokens.peek().kind == "text":
            names.append(tokens.take().value)
        close = tokens.expect("}", f"a strategy name of player {player!r} (a quoted string) or '}}'")
        if not names:
            raise tokens.error(close, f"player {player!r} has no strategies")
        strategies.append(names)
        _check_profiles(tokens, close, [len(n) for n in strategies])
    tokens.expect("}", f"'}}' after the strategy names of {_plural(len(players), 'player')}")
    return strategies


def _read_strategy_counts(tokens: TokenStream, players: list[str]) -> list[int]:
    """Read ``3 2 }`` (the opening '{' is already read)."""
    shape = []
    for player in players:
        token = tokens.take()
        count = tokens.count_of(token, f"the number of strategies of player {player!r}", MAX_PROFILES)
        if count == 0:
            raise tokens.error(token, f"player {player!r} has no strategies (count 0)")
        shape.append(count)
        _check_profiles(tokens, token, shape)
    tokens.expect("}", f"'}}' after the strategy counts of {_plural(len(players), 'player')}")
    return shape


# -- bodies -------------------------------------------------------------------

def _read_entries(tokens: TokenStream, expected: int, what: str, read_one, is_entry) -> list:
    """Read exactly `expected` entries (``read_one(token)`` each), which must end the file.

    Too few: report the count at the last entry.  Too many: report the
    first surplus token that is not an entry at all, or else the count at
    the first surplus entry.  Tokens are read one by one, never all at once.
    """
    values, last = [], None
    while len(values) < expected:
        token = tokens.take()
        if token.kind == "eof":
            raise tokens.error(last or token, f"expected {expected} {what}, found {len(values)}")
        values.append(read_one(token))
        last = token
    surplus = tokens.take()
    if surplus.kind == "eof":
        return values
    found, stray, token = expected + 1, None if is_entry(surplus) else surplus, surplus
    while stray is None and (token := tokens.take()).kind != "eof":
        found += 1
        stray = None if is_entry(token) else token
    if stray is not None:
        raise tokens.error(stray, f"expected the end of the file after {expected} {what}, found {stray.describe()}")
    raise tokens.error(surplus, f"expected {expected} {what}, found {found}")


def _read_payoff_body(tokens: TokenStream, n_profiles: int, n_players: int) -> list:
    """The flat payoff list: ``n_players`` payoffs per profile, profile by profile."""
    what = f"payoffs ({_plural(n_profiles, 'profile')} x {_plural(n_players, 'player')})"
    return _read_entries(tokens, n_profiles * n_players, what,
                         lambda token: tokens.value_of(token, "a payoff"), is_number)


def _read_outcomes(tokens: TokenStream, players: list[str]) -> list[tuple]:
    """Read the outcome list ``{ { "name" 1, 2 } ... }``."""
    tokens.expect("{", "'{' to start the list of outcomes")
    outcomes = []
    while tokens.peek().kind == "{":
        start = tokens.take()
        name = tokens.expect("text", "the outcome name (a quoted string)").value
        payoffs = []
        while tokens.peek().kind != "}":
            payoffs.append(tokens.value_of(tokens.take(), "a payoff"))
            if tokens.peek().kind == ",":
                tokens.take()
        tokens.take()
        if len(payoffs) != len(players):
            raise tokens.error(start, f"outcome {len(outcomes) + 1} ({name!r}) needs "
                                           f"{len(players)} payoffs, one per player, found {len(payoffs)}")
        outcomes.append(tuple(payoffs))
    tokens.expect("}", "'{' to start an outcome or '}' to end the list of outcomes")
    return outcomes


def _read_outcome_body(tokens: TokenStream, n_profiles: int, players: list[str]) -> list:
    """The outcome list and one outcome index per profile; the payoffs, profile by profile."""
    outcomes = [tuple(Fraction(0) for _ in players)] + _read_outcomes(tokens, players)  # 0: the null outcome

    def payoffs_of(token):
        index = tokens.count_of(token, f"an outcome index (0 to {len(outcomes) - 1})")
        if index >= len(outcomes):
            raise tokens.error(token, f"unknown outcome {token.value}: the file defines "
                                      f"{len(outcomes) - 1} outcomes (0 is the null outcome)")
        return outcomes[index]

    profiles = _read_entries(tokens, n_profiles, "outcome indices (one per profile)", payoffs_of, is_count)
    return [payoff for payoffs in profiles for payoff in payoffs]


# -- the game -----------------------------------------------------------------

def _build_game(prologue: _Prologue, payoffs: list, source: str) -> Game:
    """Turn the payoffs (profile by profile, first player's strategy fastest) into a Game."""
    shape = tuple(prologue.shape)
    table = np.empty(len(payoffs), dtype=object)
    table[:] = payoffs
    table = table.reshape(-1, len(prologue.players))
    arrays = [table[:, i].reshape(shape, order="F") for i in range(len(prologue.players))]
    strategies = prologue.strategies or [[str(j + 1) for j in range(n)] for n in shape]
    try:
        return Game(arrays, distinct_labels(prologue.players),
                    [distinct_labels(names) for names in strategies], title=prologue.title)
    except (TypeError, ValueError) as exc:
        raise GameFileError(f"{source}: {exc}") from None


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
    GameFileError
        If the text is not a valid ``.nfg`` file, or declares more than
        :data:`~sbgames.game.MAX_PLAYERS` players or :data:`MAX_PROFILES`
        strategy profiles, or is longer than
        :data:`~sbgames.gambit_text.MAX_FILE_BYTES` characters; the message
        names `source`, the line and column, and what was expected and found.
        (:class:`~sbgames.errors.GameFileError` is a ``ValueError``.)

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
    sbgames.errors.GameFileError: tiny.nfg line 1, column 32: expected 2 payoffs (1 profile x 2 players), found 1
    """
    tokens = TokenStream(text, source)
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
    (ASCII is UTF-8; a byte-order mark is skipped), a regular file (not a
    FIFO, a device or a directory, also behind a symbolic link) of at most
    :data:`~sbgames.gambit_text.MAX_FILE_BYTES` bytes; anything else is
    refused before it is read.

    Raises
    ------
    FileNotFoundError
        If there is no file at `path` (the message names the path).
    GameFileError
        If the file is not a regular file, too large, not UTF-8, or not a
        valid ``.nfg`` file; the message names the path and, for the
        contents, the line and column, and what was expected and found.

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
    return parse_nfg(read_text(path), source=os.fspath(path))


# -- writing ------------------------------------------------------------------

def format_nfg(game: Game) -> str:
    """The text of a Gambit ``.nfg`` file (payoff version, ``NFG 1 R``) for `game`.

    Player names, strategy names and the title are written; exact payoffs as
    integers or ``p/q``, float payoffs as their shortest decimal (``repr``),
    which reads back as the same decimal, exactly.

    Raises
    ------
    InputTypeError
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
        raise InputTypeError(f"cannot write a symbolic game (parameters {free}) to .nfg; "
                             f"substitute values first (game.subs or model.game)")
    players = " ".join(quote(p) for p in game.players)
    strategy_lists = "\n".join("{ " + " ".join(quote(s) for s in names) + " }" for names in game.strategies)
    columns = [a.reshape(-1, order="F") for a in game.payoff_arrays]  # first player fastest
    rows = [" ".join(number_text(c[k]) for c in columns) for k in range(columns[0].size)]
    return "\n".join([f"NFG 1 R {quote(game.title)} {{ {players} }}", "",
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
    atomic_write(path, text)
