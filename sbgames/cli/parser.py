"""The argument parser of the ``sbgames`` command: one subcommand per job, each run by a function of a sibling module.

Examples
--------
>>> args = parser().parse_args(["solve", "core", "--exact"])
>>> args.command, args.exact, args.run.__module__
('solve', True, 'sbgames.cli.solve')
"""

from __future__ import annotations

import argparse

from ..solvers import METHODS
from . import catalogue, maps
from . import explore as explore_cmd
from . import conditions as conditions_cmd
from . import repeated as repeated_cmd
from . import solve as solve_cmd


_NO_CACHE_HELP = ("derive closed forms afresh, neither reading nor writing the disk cache "
                  "(sets SBGAMES_NO_CACHE=1; SBGAMES_CACHE_DIR moves the cache)")
_FIGURE_HELP = "figure file (.pdf, .svg, .png, .eps, .jpg, ...: any format matplotlib writes)"
_STYLE_HELP = ("figure style: paper (one journal column, 3.5 x 2.6 in, 300 dpi; the default), print (paper with "
               "hatched regions for grayscale) or slides (8 x 4.5 in, larger type)")


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=_NO_CACHE_HELP)
    parser = argparse.ArgumentParser(
        prog="sbgames", description="Soft-balancing games: solve, list, show, map.",
        epilog="Errors go to standard error as one line (exit status 1); output files are written whole "
               "or not at all.")
    parser.add_argument("--no-cache", action="store_true", default=False, help=_NO_CACHE_HELP)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name, run, help):
        p = sub.add_parser(name, help=help, parents=[common])
        p.set_defaults(run=run)
        return p

    def settings(p, verb="set"):
        p.add_argument("--set", action="append", metavar="NAME=VALUE", help=f"{verb} a parameter (repeatable)")

    solve = command("solve", solve_cmd.run, "solve a model (or .nfg game) at given parameter values")
    solve.add_argument("model", help="bundled model name, model file path, or .nfg file")
    settings(solve)
    solve.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    solve.add_argument("--method", default="auto", choices=METHODS,
                       help="solver (default auto: vertex enumeration for 2 players, see docs/reference/solvers.md)")
    solve.add_argument("--json", action="store_true", help="machine-readable output")
    solve.add_argument("-o", "--output", help="write the output to this file (.json with --json, else .txt)")
    command("models", catalogue.models, "list the bundled models")
    show = command("show", catalogue.show, "print a model's parameters and symbolic payoffs")
    show.add_argument("model")
    conditions = command("conditions", conditions_cmd.run, "closed-form equilibria and the conditions for each")
    conditions.add_argument("model")
    conditions.add_argument("--player", help="a player id (with --strategy)")
    conditions.add_argument("--strategy", help="when is this strategy played / a unique best reply?")
    conditions.add_argument("--latex", action="store_true", help="LaTeX output")
    conditions.add_argument("--json", action="store_true", help="the closed forms as data (every family, one shape)")
    conditions.add_argument("-o", "--output",
                            help="write the output to this file (.tex with --latex, .json with --json, else .txt)")
    statics = command("statics", maps.statics, "comparative statics of the equilibria")
    statics.add_argument("model")
    statics.add_argument("--param", metavar="NAME:LOW:HIGH", help="sweep this parameter")
    settings(statics, "fix")
    statics.add_argument("--resolution", default="401", help="sweep values (default 401, at most 1000)")
    statics.add_argument("--method", default="auto", choices=["auto", "closed-form", "numeric"],
                         help="closed forms, or numeric solves at every sweep value (no symbolic derivation)")
    statics.add_argument("--quantities", default="probabilities", choices=["probabilities", "payoffs", "outcomes"])
    statics.add_argument("-o", "--output", help=_FIGURE_HELP + "; with --symbolic, .tex (--latex) or .txt")
    statics.add_argument("--style", default="paper", choices=["paper", "print", "slides"], help=_STYLE_HELP)
    statics.add_argument("--csv", help="write the sweep as CSV")
    statics.add_argument("--json", action="store_true",
                         help="machine-readable summary of the sweep (labels, regime changes, warnings)")
    statics.add_argument("--symbolic", action="store_true", help="signs of derivatives, in closed form")
    statics.add_argument("--latex", action="store_true", help="LaTeX output (with --symbolic)")
    regions = command("regions", maps.regions, "phase diagram: which equilibria hold where")
    regions.add_argument("model")
    regions.add_argument("--x", required=True, metavar="NAME:LOW:HIGH")
    regions.add_argument("--y", metavar="NAME:LOW:HIGH", help="omit for a strip along x")
    settings(regions, "fix")
    regions.add_argument("--resolution", default="300",
                         help="grid points per axis (default 300, at most 1000; 250,000 points solved numerically)")
    regions.add_argument("--method", default="auto", choices=["auto", "closed-form", "numeric"],
                         help="closed forms, or numeric solves at every grid point (no symbolic derivation)")
    regions.add_argument("--progress", action="store_true", help="progress bar for points solved one by one")
    regions.add_argument("-o", "--output", help=_FIGURE_HELP)
    regions.add_argument("--style", default="paper", choices=["paper", "print", "slides"], help=_STYLE_HELP)
    regions.add_argument("--csv", help="write the grid labels as CSV")
    regions.add_argument("--json", action="store_true", help="machine-readable summary (regions, shares, warnings)")
    rep = command("repeated", repeated_cmd.run, "the repeated game: trigger strategies, thresholds, payoff sets")
    rep.add_argument("model")
    rep.add_argument("--delta", help="a discount factor strictly between 0 and 1 (such as 9/10 or 0.9)")
    rep.add_argument("--strategy", default="grim", help="grim, tft, wsls or k-period:K, K at most 10 (default grim)")
    rep.add_argument("--cooperate", metavar="P=ACTION,...", help="actions on the path (default: the model's)")
    rep.add_argument("--punish", metavar="P=ACTION,...", help="punishing actions (default: the model's)")
    settings(rep)
    rep.add_argument("--symbolic", action="store_true", help="the condition in the model's parameters too")
    rep.add_argument("--payoff-set", action="store_true", help="the subgame-perfect payoff set (2 players)")
    rep.add_argument("-o", "--output", help="figure file for --payoff-set")
    rep.add_argument("--style", default="paper", choices=["paper", "print", "slides"], help=_STYLE_HELP)
    rep.add_argument("--json", action="store_true", help="machine-readable output (the figure message on standard error)")
    case = command("case", catalogue.case, "a calibrated case in numbers (no name: list the cases)")
    case.add_argument("name", nargs="?", help="a bundled case such as iraq_2003, or a case file")
    case.add_argument("--samples", default="400",
                      help=f"points drawn for the robustness share (default 400, at most {catalogue.MAX_SAMPLES:,})")
    case.add_argument("--seed", default="0", help="random seed of the robustness sample (default 0)")
    case.add_argument("--json", action="store_true", help="machine-readable output (no progress bar)")
    explore = command("explore", explore_cmd.run, "write an explorer page: sliders, equilibria and phase diagram in one HTML file")
    explore.add_argument("model")
    explore.add_argument("-o", "--output", required=True, help="the page to write (.html)")
    explore.add_argument("--x", metavar="NAME:LOW:HIGH", help="the phase diagram's x axis (default: the first parameter)")
    explore.add_argument("--y", metavar="NAME:LOW:HIGH", help="its y axis (default: the second parameter)")
    explore.add_argument("--grid", default="11",
                         help="grid points per axis where equilibria are solved in Python (default 11, at most 81)")
    return parser
