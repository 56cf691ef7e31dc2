"""The sbgames error family: every error a user can cause is an :class:`SbgamesError`.

The command line catches :class:`SbgamesError` (and operating-system errors on files)
and prints its one-line message; anything else is a bug and shows as one.

The classes also derive from the built-in class that fits (``ValueError`` for bad
input, ``RuntimeError`` for a failed verification), so code written against the
built-in classes keeps working.

Examples
--------
>>> from sbgames.errors import InputTypeError, SbgamesError, SolverLimitError
>>> issubclass(SolverLimitError, SbgamesError), issubclass(SolverLimitError, ValueError)
(True, True)
>>> issubclass(InputTypeError, InputError), issubclass(InputTypeError, TypeError)
(True, True)
"""


class SbgamesError(Exception):
    """The base of every error sbgames raises on purpose."""


class ModelError(SbgamesError, ValueError):
    """A model file or model dict that cannot be read: names the file, field and value."""


class ExpressionError(SbgamesError, ValueError):
    """A payoff or parameter expression that is not allowed or not well formed."""


class GameFileError(SbgamesError, ValueError):
    """A Gambit ``.nfg`` or ``.efg`` file that cannot be read (names the line and column).

    The message names the file, line and column; they are also kept as
    attributes (None where the problem is not at one place, such as a file
    that is too large).

    Examples
    --------
    >>> from sbgames import parse_nfg
    >>> try:
    ...     parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 }\\n1 2 3', source="bad.nfg")
    ... except GameFileError as exc:
    ...     print(exc.source, exc.line, exc.column)
    bad.nfg 2 5
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 column: int | None = None):
        super().__init__(message)
        self.source, self.line, self.column = source, line, column


class SolverLimitError(SbgamesError, ValueError):
    """A request whose size is over a stated limit, refused before any work starts."""


class InputError(SbgamesError, ValueError):
    """A value given to a function or to the command line that is out of its stated range."""


class InputTypeError(InputError, TypeError):
    """A value given to a function of the wrong kind (a string where a number is needed, a boolean payoff)."""


class VerificationError(SbgamesError, RuntimeError):
    """A solver produced a profile that fails the equilibrium check (a bug, never silent)."""
