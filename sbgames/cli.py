"""The ``sbgames`` command: a thin layer over the library.

``sbgames solve MODEL [--set name=value ...] [--exact] [--json]``
    Payoff table at those values and every equilibrium.
``sbgames models``
    The bundled models with their titles.
``sbgames show MODEL``
    A model's parameters and its symbolic payoff table.

MODEL is a bundled model's name, a model file path, or a Gambit ``.nfg``
file (for ``solve``).  Errors go to standard error with exit status 1 (2
for bad usage) and no traceback.

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

import argparse
import json
import sys
import warnings

from .model import ModelError, list_models, load_model, parse_number

__all__ = ["main"]


def _table(rows: list[list[str]], indent: str = "  ") -> str:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    return "\n".join(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def _parse_settings(items: list[str]) -> dict:
    values = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--set expects name=value, got {item!r}")
        values[name.strip()] = parse_number(value.strip())
    return values


def _load_game(source: str, settings: dict):
    """The game to solve and the model it came from (None for .nfg files)."""
    if source.endswith(".nfg"):
        if settings:
            raise ValueError(".nfg games have no parameters; drop --set")
        from .nfg import read_nfg
        return read_nfg(source), None
    model = load_model(source)
    return model.game(**settings), model


def _equilibria_text(result) -> str:
    game = result.game
    mode = "exact" if result.exact else f"float, tolerance {result.tol:.2g}"
    status = "complete" if result.complete else "pure equilibria only, NOT complete"
    lines = [f"Equilibria ({mode}; method {result.method}; {status}):"]
    if result.degenerate is not None:
        lines[0] += " degenerate game" if result.degenerate else " non-degenerate game"
    if not result:
        lines.append("  none found")
        return "\n".join(lines)
    rows = [["#", *game.players, *(f"payoff {p}" for p in game.players)]]
    for k, eq in enumerate(result, 1):
        cells = []
        for player, support in eq.profile().items():
            if len(support) == 1:
                cells.append(next(iter(support)))
            else:
                cells.append(" + ".join(f"{_num(p)} {s}" for s, p in support.items()))
        rows.append([str(k), *cells, *(_num(v) for v in eq.payoffs)])
    lines.append(_table(rows))
    joined = [c for c in result.components if len(c) > 1]
    for c in joined:
        lines.append(f"  equilibria {', '.join(str(i + 1) for i in c)} are connected: "
                     "a continuum of equilibria joins them")
    return "\n".join(lines)


def _num(value) -> str:
    from fractions import Fraction
    return str(value) if isinstance(value, Fraction) else f"{float(value):.6g}"


def _solve(args) -> int:
    settings = _parse_settings(args.set or [])
    game, model = _load_game(args.model, settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the result's `complete` flag says it in the output
        result = game.equilibria(exact=args.exact, method=args.method)
    if model is not None:
        result = result.with_parameters(model.values(**settings))
    if args.json:
        out = result.to_dict()
        out["model"] = model.name if model else args.model
        out["players"] = list(game.players)
        print(json.dumps(out, indent=2))
        return 0
    title = model.title if model else (game.title or args.model)
    print(title)
    if model is not None:
        values = result.parameters
        print("Parameters: " + ", ".join(f"{k} = {v}" for k, v in values.items()))
    print()
    print(game.table())
    print()
    print(_equilibria_text(result))
    return 0


def _models(args) -> int:
    rows = [[name, title] for name, title in list_models()]
    print(_table(rows, indent="") if rows else "no bundled models found")
    return 0


def _show(args) -> int:
    model = load_model(args.model)
    print(f"{model.name}: {model.title}")
    if model.source:
        print(f"Source: {model.source}")
    print()
    print("Players: " + "; ".join(f"{pid} ({name}): {', '.join(s)}" for pid, name, s in
                                  zip(model.players, model.player_names, model.strategies)))
    print()
    if model.parameters:
        rows = [["parameter", "default", "bounds", "meaning"]]
        rows += [[p.name, str(p.default), p.bounds_text(), p.description] for p in model.parameters.values()]
        print(_table(rows, indent=""))
    for text, _ in model.constraints:
        print(f"constraint: {text}")
    print()
    print(model.symbolic_game().table())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sbgames", description="Soft-balancing games: solve, list, show.")
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve a model (or .nfg game) at given parameter values")
    solve.add_argument("model", help="bundled model name, model file path, or .nfg file")
    solve.add_argument("--set", action="append", metavar="NAME=VALUE", help="set a parameter (repeatable)")
    solve.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    solve.add_argument("--method", default="auto", choices=["auto", "vertex", "pure"])
    solve.add_argument("--json", action="store_true", help="machine-readable output")
    solve.set_defaults(run=_solve)
    models = sub.add_parser("models", help="list the bundled models")
    models.set_defaults(run=_models)
    show = sub.add_parser("show", help="print a model's parameters and symbolic payoffs")
    show.add_argument("model")
    show.set_defaults(run=_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (ModelError, ValueError, TypeError, FileNotFoundError, OSError) as exc:
        print(f"sbgames {args.command}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
