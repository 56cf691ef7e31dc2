"""Output of the command line: text to standard output or to ``-o`` whole, figures, CSV tables.

Examples
--------
>>> print(table([["name", "share"], ["Revise / Soft", "40.0%"]]))
  name           share
  Revise / Soft  40.0%
"""

from __future__ import annotations

import contextlib
import os
import sys

from ..files import atomic_write, check_output


def _figure_extensions() -> list[str]:
    from matplotlib.backend_bases import FigureCanvasBase
    return [f".{ext}" for ext in FigureCanvasBase.get_supported_filetypes() if ext != "pgf"]


def check_files(args, text_extension: str | None = None) -> None:
    """Refuse, before any work, ``-o`` and ``--csv`` files that could not be written.

    ``-o`` is a figure unless `text_extension` (``.tex``, ``.json``, ``.txt``) says
    the command writes text there.
    """
    if getattr(args, "output", None) is not None:  # an empty name is refused too
        check_output(args.output, [text_extension] if text_extension else _figure_extensions(), "-o")
    if getattr(args, "csv", None) is not None:
        check_output(args.csv, [".csv"], "--csv")


def emit(text: str, args) -> None:
    """Print `text`, or write it to ``-o`` whole."""
    if getattr(args, "output", None):
        atomic_write(args.output, text + "\n")
        print(f"written to {args.output}")
    else:
        print(text)


def save_figure(fig, path: str) -> None:
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    atomic_write(path, lambda tmp: fig.savefig(tmp, format=ext))  # at the figure's dpi: its style's
    print(f"figure written to {path}")


def save_csv(result, path: str) -> None:
    atomic_write(path, result.to_csv)
    print(f"data written to {path}")


def save_files(result, args, **plot_options) -> None:
    """Write the ``-o`` figure and the ``--csv`` table of a map or sweep (messages to standard error with --json)."""
    with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
        if args.output:
            save_figure(result.plot(**plot_options), args.output)
        if args.csv:
            save_csv(result, args.csv)


def table(rows: list[list[str]], indent: str = "  ") -> str:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    return "\n".join(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)
