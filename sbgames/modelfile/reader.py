"""Reading model files: :func:`load_model` for files and bundled names, :func:`read_model` for dicts.

A model file is TOML data (``docs/reference/model-file-format.md``).
:func:`read_model` completes a file that names a ``base``
(:mod:`~sbgames.modelfile.inherit`), then reads it by its ``kind``: a
normal-form :class:`~sbgames.model.Model` (:mod:`~sbgames.modelfile.normal`)
or a game tree :class:`~sbgames.extensive.model.ExtensiveModel`
(:mod:`~sbgames.modelfile.extensive`), each with its ``[case]`` section
(:mod:`~sbgames.modelfile.case`).  :func:`load_model` reads the file itself:
at most :data:`MAX_FILE_BYTES`, UTF-8 (a byte-order mark is ignored), valid
TOML, decimals kept exactly as written; every refusal is a
:class:`~sbgames.errors.ModelError` naming the file.

Examples
--------
>>> read_model({"base": "core", "parameters": {"l": "1/2"}}).parameters["l"].default
Fraction(1, 2)
"""

from __future__ import annotations

import copy
import functools
import sys
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from ..errors import InputTypeError, ModelError
from ..expr import MAX_DIGITS
from ..parameters import ParametrisedModel, did_you_mean
from .bundled import bundled_names, models_dir
from .extensive import ExtensiveReader
from .fields import FieldReader
from .inherit import resolve_base
from .normal import NormalReader
from .private_types import PrivateTypesReader
from .stochastic import StochasticReader

__all__ = ["read_model", "load_model", "list_models", "models_dir", "MAX_FILE_BYTES", "READERS"]

#: The reader of each ``kind`` of model file.
READERS = {"normal": NormalReader, "extensive": ExtensiveReader, "private_types": PrivateTypesReader,
           "stochastic": StochasticReader}
#: The largest model file read, in bytes.
MAX_FILE_BYTES = 1_000_000


class _FileNumber(Decimal):
    """A TOML float, kept as the decimal written in the file (shown as written in messages)."""

    __repr__ = Decimal.__str__


def read_model(data: Mapping, source: str = "<dict>", path: Path | None = None) -> ParametrisedModel:
    """The model described by `data`, the structure of a model file (see the format reference).

    Parameters
    ----------
    data : mapping
        The parsed model file.  Payoff entries may be expression strings
        (parsed safely) or numbers; in Python they may also be sympy
        expressions in symbols named like the declared parameters.
    source : str
        Named at the start of every error message (the file name).
    path : pathlib.Path, optional
        The model file; its stem is the default ``name``.

    Returns
    -------
    Model or ExtensiveModel
        By the ``kind`` field; it pickles as `data` (read again on loading).

    Raises
    ------
    ModelError
        The data is not a valid model (the message names the source, the
        field and the value).
    """
    data = copy.deepcopy(data)  # the model must not change when the caller's dict does
    if isinstance(data, Mapping) and "base" in data:
        data = resolve_base(data, FieldReader(source, path).fail, load_model)
        if path is not None and "name" not in data:
            data["name"] = path.stem
    kind = data.get("kind", "normal") if isinstance(data, Mapping) else "normal"
    reader = READERS.get(kind, NormalReader) if isinstance(kind, str) else NormalReader  # it refuses other kinds
    return reader(source, path, (read_model, (data, source, path))).read(data)


def list_models() -> list[tuple[str, str]]:
    """``(name, title)`` of every bundled model, sorted by name."""
    out = []
    for path in sorted(models_dir().glob("*.toml")):
        out.append((path.stem, load_model(path).title))
    return out


def load_model(name_or_path) -> ParametrisedModel:
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
        raise InputTypeError(f"load_model needs a model name or a path, got {type(name_or_path).__name__}")
    path = Path(name_or_path)
    if not path.is_file():
        bundled = models_dir() / f"{path.name}.toml"
        if path.suffix or len(path.parts) > 1 or not bundled.is_file():
            names = bundled_names()
            raise FileNotFoundError(f"no model file {str(name_or_path)!r} and no bundled model of that name"
                                    f"{did_you_mean(path.stem, names)} (bundled: {', '.join(sorted(names))})")
        path = bundled
    stat = path.stat()
    return _load_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _load_file(path: str, mtime_ns: int, size: int) -> ParametrisedModel:
    """Read and check one model file (cached until the file changes; models are immutable)."""
    path = Path(path)
    if size > MAX_FILE_BYTES:
        raise ModelError(f"{path}: file larger than {MAX_FILE_BYTES} bytes refused")
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
    return read_model(data, source=str(path), path=path)
