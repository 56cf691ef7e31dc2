"""Output files that are whole or absent: written beside the target, then renamed over it.

A failed or interrupted write leaves the previous file as it was (and no
half-written one): :func:`atomic_write` writes to a temporary file in the
target's folder and moves it into place with :func:`os.replace`, which is
atomic on POSIX and Windows.  :func:`check_output` tells before any work
whether a file could be written at all.

Examples
--------
>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "table.csv")
>>> atomic_write(path, "x,label\\n0,a\\n")
>>> open(path).read()
'x,label\\n0,a\\n'
>>> atomic_write(path, lambda tmp: open(tmp, "w").write("x,label\\n1,b\\n"))
>>> open(path).read(), sorted(os.listdir(folder))
('x,label\\n1,b\\n', ['table.csv'])
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable

from .errors import InputError

__all__ = ["atomic_write", "check_output"]


def _mode_for(path: str) -> int:
    """The permissions the file would get from a plain ``open(path, "w")``: its own, or 0o666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path, data: str | bytes | Callable[[str], object]) -> None:
    """Write `data` to `path` so that `path` is either the old file or the whole new one.

    Parameters
    ----------
    path : str or os.PathLike
    data : str, bytes or callable
        Text (written as UTF-8), bytes, or a function given the temporary
        file's path that writes the file itself (``fig.savefig``,
        ``to_csv``).  The temporary file keeps `path`'s extension, so
        writers that choose a format by extension choose the right one.

    Raises
    ------
    OSError
        When the folder cannot be written or the write fails; the old file,
        if any, is untouched and the temporary file is removed.
    """
    path = os.fspath(path)
    folder, name = os.path.split(os.path.abspath(path))
    stem, ext = os.path.splitext(name)
    mode = _mode_for(path)
    try:
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=f".tmp{ext}")
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write {path}: {exc.strerror}") from exc
    try:
        if callable(data):
            os.close(handle)
            data(tmp)
        else:
            with os.fdopen(handle, "wb") as file:
                file.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.remove(tmp)
        if isinstance(exc, OSError) and exc.errno is not None:  # name the file asked for, not the temporary one
            raise OSError(exc.errno, f"cannot write {path}: {exc.strerror}") from exc
        raise


def check_output(path, extensions: Iterable[str], option: str = "-o") -> str:
    """Refuse, before any work, an output file that could not be written: returns its lower-case extension.

    Checks that the extension is one of `extensions` (with the dot, lower
    case), that `path` is not a folder, and that its folder exists and a
    file can be created in it (by creating and removing a temporary one).

    Raises
    ------
    InputError
        Naming `option`, the file and what is wrong.

    Examples
    --------
    >>> check_output("map.PDF", [".pdf", ".png"])
    '.pdf'
    >>> check_output("map.jpg", [".pdf", ".png"])
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: -o map.jpg: the file name must end in .pdf or .png
    """
    path = os.fspath(path)
    allowed = sorted(set(extensions))
    ext = os.path.splitext(path)[1].lower()
    if ext not in allowed:
        names = ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 else allowed[0]
        raise InputError(f"{option} {path}: the file name must end in {names}")
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise InputError(f"{option} {path}: is a folder, not a file name")
    if not os.path.isdir(folder):
        raise InputError(f"{option} {path}: the folder {folder} does not exist")
    try:  # a real probe: permissions, read-only and special file systems all show here
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise InputError(f"{option} {path}: the folder {folder} cannot be written ({exc.strerror})") from None
    return ext
