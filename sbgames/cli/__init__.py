"""The ``sbgames`` command: a thin layer over the library.

``sbgames solve MODEL [--set name=value ...] [--exact] [--json] [-o out.json]``
    Payoff table at those values and every equilibrium.
``sbgames models``
    The bundled models with their titles.
``sbgames show MODEL``
    A model's parameters and its symbolic payoff table.
``sbgames conditions MODEL [--player P --strategy S] [--latex] [--json] [-o out.tex]``
    Closed-form equilibria with their conditions (for a game tree: every
    subgame-perfect profile with its conditions); or, for one strategy, when
    it is played in some / every equilibrium and when it is a unique best reply.
``sbgames statics MODEL --symbolic [--latex] [-o out.tex]``
    Signs of the comparative statics of every closed-form equilibrium.
``sbgames statics MODEL --param lam:0:5 [--method numeric] [--json] [-o fig.pdf] [--csv out.csv]``
    Equilibrium quantities along a sweep, regime changes located.
``sbgames regions MODEL --x theta:0:10 [--y lam:0:5] [--method numeric] [--set ...] [--json] [-o F.pdf] [--csv F.csv]``
    A phase diagram of parameter space (``--json``: its regions, shares,
    completeness and warnings as data).
``sbgames repeated MODEL [--delta 9/10] [--strategy grim] [--set ...] [--payoff-set -o fig.pdf] [--json]``
    Trigger strategies in the repeated game: the discount factors that sustain them.
``sbgames case [NAME] [--samples 400] [--seed 0] [--json]``
    Without NAME, the calibrated cases; with it, the case in numbers: its
    equilibria, the conditions that drive them, the robustness share and the
    nearest regime boundaries.

``sbgames --no-cache COMMAND ...`` (or ``COMMAND ... --no-cache``) derives
closed forms afresh instead of reading them from the disk cache (it sets
``SBGAMES_NO_CACHE=1``).

Every ``--json`` output has one shape, whatever the command and the family of
the model (:mod:`sbgames.cli.jsonout`, ``docs/reference/json-output.md``).

MODEL is a bundled model's name, a model file path, or a Gambit ``.nfg``
file (for ``solve``).  Every number that drives work is checked against a
stated limit before the work starts, and output files are written whole or
not at all (:func:`sbgames.files.atomic_write`).  Errors a user can cause go
to standard error as one line with exit status 1 (2 for bad usage), warnings
as one line each; no traceback.

Examples
--------
>>> main(["solve", "prisoners_dilemma", "--exact"])  # doctest: +ELLIPSIS
Prisoner's Dilemma...
Equilibria (exact; method vertex; complete): non-degenerate game
  #  A       B       payoff A  payoff B
  1  Defect  Defect  2         2
0
"""

from __future__ import annotations

import os
import sys
import warnings

from ..errors import SbgamesError
from .catalogue import MAX_SAMPLES
from .parser import parser

__all__ = ["main", "MAX_SAMPLES"]


def _one_line(text) -> str:
    return " ".join(str(text).split())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    before = os.environ.get("SBGAMES_NO_CACHE")
    if args.no_cache:
        os.environ["SBGAMES_NO_CACHE"] = "1"
    try:
        return _run(args)
    finally:  # main() called from Python leaves the caller's environment as it was
        if before is None:
            os.environ.pop("SBGAMES_NO_CACHE", None)
        else:
            os.environ["SBGAMES_NO_CACHE"] = before


def _run(args) -> int:
    """Run one parsed command, with warnings and errors as one line each."""
    def show_warning(message, category, filename, lineno, file=None, line=None):
        print(f"sbgames {args.command}: warning: {_one_line(message)}", file=sys.stderr)
    with warnings.catch_warnings():
        warnings.showwarning = show_warning
        try:
            return args.run(args)
        except BrokenPipeError:  # output piped into `head` and the like: not an error
            sys.stdout = open(os.devnull, "w")
            return 0
        except KeyboardInterrupt:
            print(f"sbgames {args.command}: interrupted", file=sys.stderr)
            return 130
        except MemoryError:  # a limit should have refused this input before allocating: say so plainly
            print(f"sbgames {args.command}: error: out of memory; this input is over a limit sbgames does not "
                  f"state yet (please report it)", file=sys.stderr)
            return 1
        except (SbgamesError, OSError) as exc:
            print(f"sbgames {args.command}: error: {_one_line(exc)}", file=sys.stderr)
            return 1

