"""The ``sbgames`` command: a thin layer over the library.

``sbgames solve MODEL [--set name=value ...] [--exact] [--json]``
    Payoff table at those values and every equilibrium.
``sbgames models``
    The bundled models with their titles.
``sbgames show MODEL``
    A model's parameters and its symbolic payoff table.
``sbgames conditions MODEL [--player P --strategy S] [--latex]``
    Closed-form equilibria with their conditions; or, for one strategy, when
    it is played in some / every equilibrium and when it is a unique best reply.
``sbgames statics MODEL --symbolic [--latex]``
    Signs of the comparative statics of every closed-form equilibrium.
``sbgames statics MODEL --param lam:0:5 [-o fig.pdf] [--csv out.csv]``
    Equilibrium quantities along a sweep, regime changes located.
``sbgames regions MODEL --x theta:0:10 [--y lam:0:5] [--set ...] [-o fig.pdf] [--csv out.csv]``
    A phase diagram of parameter space.
``sbgames repeated MODEL [--delta 0.9] [--strategy grim] [--set ...] [--payoff-set -o fig.pdf]``
    Trigger strategies in the repeated game: the discount factors that sustain them.
``sbgames case [NAME] [--samples 400] [--seed 0]``
    Without NAME, the calibrated cases; with it, the case in numbers: its
    equilibria, the conditions that drive them, the robustness share and the
    nearest regime boundaries.

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
import itertools
import json
import os
import sys
import warnings

from .model import ModelError, list_models, load_model, parse_number
from .numeric import format_number
from .solvers import METHODS

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
                cells.append(" + ".join(f"{format_number(p)} {s}" for s, p in support.items()))
        rows.append([str(k), *cells, *(format_number(v) for v in eq.payoffs)])
    lines.append(_table(rows))
    joined = [c for c in result.components if len(c) > 1]
    for c in joined:
        lines.append(f"  equilibria {', '.join(str(i + 1) for i in c)} are connected: "
                     "a continuum of equilibria joins them")
    return "\n".join(lines)


def _solve_extensive(model, settings, args) -> int:
    """``solve`` for a game tree: every subgame-perfect equilibrium, and Nash equilibria that are not."""
    point = model.values(**settings)
    tree = model.game(**point)
    spe = model.equilibria(**point)
    if args.json:
        print(json.dumps({"model": model.name, "kind": "extensive",
                          "parameters": {k: str(v) for k, v in point.items()},
                          "subgame_perfect": [{"path": list(e.actions),
                                               "strategies": {k: v for k, v in e.strategies.items()},
                                               "payoffs": [format_number(v) for v in e.payoffs]}
                                              for e in spe]}, indent=2))
        return 0
    print(model.title)
    print("Parameters: " + ", ".join(f"{k} = {v}" for k, v in point.items()))
    print()
    print(tree.text())
    print()
    print(f"Subgame-perfect equilibria ({len(spe)}, by backward induction, exact):")
    for k, e in enumerate(spe, 1):
        print(f"  {k}. path {' -> '.join(e.actions)}; payoffs "
              + ", ".join(f"{p} {format_number(v)}" for p, v in zip(model.players, e.payoffs)))
        for node, action in e.strategies.items():
            print(f"       at {node}: {action}")
    nash = model.classify_nash(**point)
    threats = [v for v in nash if v.subgame_perfect is False]
    if threats:
        print()
        print("Pure Nash equilibria of the normal form that are not subgame perfect (non-credible threats):")
        for v in threats:
            moves = ", ".join(f"{action} at {node}" for node, action in v.non_credible)
            print(f"  {v.equilibrium.describe()}  (not credible: {moves})")
    return 0


def _solve(args) -> int:
    settings = _parse_settings(args.set or [])
    if not args.model.endswith(".nfg"):
        model = load_model(args.model)
        if model.kind == "extensive":
            return _solve_extensive(model, settings, args)
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


def _case(args) -> int:
    from . import cases
    if args.name is None:
        rows = [[name, title] for name, title in cases.list_cases()]
        print(_table(rows, indent="") if rows else "no bundled cases found")
        return 0
    print(cases.story(cases.load_case(args.name), samples=args.samples, seed=args.seed))
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
    print("Players: " + "; ".join(f"{pid} ({name})" + (f": {', '.join(s)}" if s else "") for pid, name, s in
                                  zip(model.players, model.player_names, model.strategies)))
    print()
    if model.parameters:
        rows = [["parameter", "default", "bounds", "meaning"]]
        rows += [[p.name, str(p.default), p.bounds_text(), p.description] for p in model.parameters.values()]
        print(_table(rows, indent=""))
    for text, _ in model.constraints:
        print(f"constraint: {text}")
    print()
    game = model.symbolic_game()
    print(game.text() if model.kind == "extensive" else game.table())
    return 0


def _conditions(args) -> int:
    from .analysis import played_in_every_equilibrium, played_in_some_equilibrium, unique_best_reply
    from .latex import condition, propositions
    from .solvers.symbolic import condition_text
    model = load_model(args.model)
    if (args.player is None) != (args.strategy is None):
        raise ValueError("give --player and --strategy together")
    if args.player is None:
        result = model.symbolic_equilibria()
        if args.latex:
            print(propositions(model))
            return 0
        print(f"{model.title}: {len(result)} closed-form equilibria "
              f"({'complete' if result.complete else 'pure profiles only'}; exact at non-degenerate points)")
        print()
        print(result.text())
        for supports in result.degenerate_supports:
            print(f"\nnot expanded (ties for every parameter value): {' x '.join('-'.join(s) for s in supports)}")
        return 0
    if args.player not in model.players:
        raise ValueError(f"unknown player {args.player!r}; players are {list(model.players)}")
    i = model.players.index(args.player)
    if args.strategy not in model.strategies[i]:
        raise ValueError(f"{args.strategy!r} is not a strategy of {args.player}; "
                         f"strategies are {list(model.strategies[i])}")
    fmt = (lambda c: f"${condition(c, model)}$") if args.latex else condition_text
    rows = [("played in some equilibrium", played_in_some_equilibrium(model, args.player, args.strategy)),
            ("played in every equilibrium", played_in_every_equilibrium(model, args.player, args.strategy))]
    others = [j for j in range(len(model.players)) if j != i]
    for profile in itertools.product(*(model.strategies[j] for j in others)):
        against = {model.players[j]: name for j, name in zip(others, profile)}
        shown = ", ".join(f"{p}={n}" for p, n in against.items())
        rows.append((f"unique best reply to {shown}", unique_best_reply(model, args.player, args.strategy, against)))
    print(f"{args.player} plays {args.strategy}:")
    for text, cond in rows:
        print(f"  {text}: {fmt(cond)}")
    return 0


def _range(text: str, option: str):
    """``name:low:high`` -> (name, low, high)."""
    parts = text.split(":")
    if len(parts) != 3 or not parts[0]:
        raise ValueError(f"{option} expects name:low:high, got {text!r}")
    return parts[0], parse_number(parts[1]), parse_number(parts[2])


def _save(fig, path: str) -> None:
    if not path.lower().endswith((".pdf", ".svg", ".png", ".eps")):
        raise ValueError(f"-o needs a .pdf, .svg, .png or .eps file name, got {path!r}")
    fig.savefig(path, dpi=200)
    print(f"figure written to {path}")


def _regions(args) -> int:
    import matplotlib
    matplotlib.use("Agg")
    from .analysis.regions import regions
    model = load_model(args.model)
    rmap = regions(model, x=_range(args.x, "--x"), y=_range(args.y, "--y") if args.y else None,
                   resolution=args.resolution, fixed=_parse_settings(args.set or []), progress=args.progress)
    total = rmap.labels.size
    print(rmap.caption())
    print(f"method: {rmap.method}")
    rows = [["region", "share"]] + [[n, f"{(rmap.labels == n).sum() / total:.1%}"] for n in rmap.region_names]
    print(_table(rows))
    for b in rmap.boundaries:
        print(f"  boundary: {b}")
    if args.output:
        _save(rmap.plot(), args.output)
    if args.csv:
        rmap.to_csv(args.csv)
        print(f"data written to {args.csv}")
    return 0


def _statics(args) -> int:
    from .analysis import sign_table
    from .latex import sign_table as sign_table_latex
    model = load_model(args.model)
    if args.symbolic:
        table = sign_table(model)
        print(sign_table_latex(table, model) if args.latex else table.text())
        return 0
    if not args.param:
        raise ValueError("give --param name:low:high (or --symbolic for the signs in closed form)")
    import matplotlib
    matplotlib.use("Agg")
    from .analysis.statics import statics
    sweep = statics(model, param=_range(args.param, "--param"), fixed=_parse_settings(args.set or []),
                    resolution=args.resolution)
    print(sweep.caption())
    for change in sweep.boundaries:
        print(f"  regime change {change}")
    if args.output:
        _save(sweep.plot(quantities=args.quantities), args.output)
    if args.csv:
        sweep.to_csv(args.csv)
        print(f"data written to {args.csv}")
    return 0


_STRATEGIES = {"grim": "grim_trigger", "tft": "tit_for_tat", "wsls": "win_stay_lose_shift"}


def _actions(text: str | None, model, key: str) -> tuple:
    """``T=Restrain,S=Bandwagon`` (or the model's [repeated] table) -> one action per player."""
    if text is None:
        if key not in model.repeated:
            raise ValueError(f"model {model.name!r} has no [repeated] {key} actions; give --{key} "
                             f"{','.join(f'{p}=...' for p in model.players)}")
        return model.repeated[key]
    given = dict(part.split("=", 1) for part in text.split(",") if "=" in part)
    missing = [p for p in model.players if p not in given]
    if missing:
        raise ValueError(f"--{key} needs an action for {missing}, as {','.join(f'{p}=...' for p in model.players)}")
    return tuple(given[p].strip() for p in model.players)


def _automata(name: str, cooperate: tuple, punish: tuple) -> list:
    from . import repeated
    if name.startswith("k-period:"):
        k = int(name.split(":", 1)[1])
        return [repeated.k_period_punishment(c, d, k) for c, d in zip(cooperate, punish)]
    if name not in _STRATEGIES:
        raise ValueError(f"unknown --strategy {name!r}; choose grim, tft, wsls or k-period:K")
    factory = getattr(repeated, _STRATEGIES[name])
    return [factory(c, d) for c, d in zip(cooperate, punish)]


def _repeated(args) -> int:
    from .repeated import RepeatedGame
    from .solvers.symbolic import condition_text
    model = load_model(args.model)
    settings = _parse_settings(args.set or [])
    cooperate, punish = _actions(args.cooperate, model, "cooperate"), _actions(args.punish, model, "punish")
    automata = _automata(args.strategy, cooperate, punish)
    game = model.game(**settings)
    print(f"{model.title}: {automata[0].name} strategies")
    print("  on the path: " + ", ".join(f"{p} {a}" for p, a in zip(model.players, cooperate))
          + "; punishment: " + ", ".join(f"{p} {a}" for p, a in zip(model.players, punish)))
    symbolic = RepeatedGame(game)
    for kind, method in (("subgame perfect", "is_subgame_perfect"), ("Nash", "is_nash")):
        verdict = getattr(symbolic, method)(automata)
        print(f"  {kind} iff {condition_text(verdict.condition)}")
    if args.delta is not None:
        at = RepeatedGame(game, delta=parse_number(args.delta))
        for kind, method in (("subgame perfect", "is_subgame_perfect"), ("Nash", "is_nash")):
            verdict = getattr(at, method)(automata)
            answer = "yes" if verdict else f"no: {verdict.deviation}" if verdict.deviation else "no"
            print(f"  at delta = {args.delta}: {kind}? {answer}")
    if args.symbolic:
        verdict = RepeatedGame(model).is_subgame_perfect(automata)
        print(f"  in the model's parameters: subgame perfect iff {condition_text(verdict.condition)}")
    if args.payoff_set:
        if args.delta is None:
            raise ValueError("--payoff-set needs --delta")
        import matplotlib
        matplotlib.use("Agg")
        from .repeated.payoff_set import plot_payoff_set
        ps = RepeatedGame(game, delta=parse_number(args.delta)).subgame_perfect_payoffs()
        print(f"  pure subgame-perfect payoff set ({ps.kind}): "
              + "; ".join(f"({x:.4g}, {y:.4g})" for x, y in ps.vertices))
        if args.output:
            rows, cols = game.strategies
            _save(plot_payoff_set(ps, profile_labels=[f"{r}, {c}" for r in rows for c in cols]), args.output)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sbgames", description="Soft-balancing games: solve, list, show.")
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve a model (or .nfg game) at given parameter values")
    solve.add_argument("model", help="bundled model name, model file path, or .nfg file")
    solve.add_argument("--set", action="append", metavar="NAME=VALUE", help="set a parameter (repeatable)")
    solve.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    solve.add_argument("--method", default="auto", choices=METHODS,
                       help="solver (default auto: vertex enumeration for 2 players, see docs/reference/solvers.md)")
    solve.add_argument("--json", action="store_true", help="machine-readable output")
    solve.set_defaults(run=_solve)
    models = sub.add_parser("models", help="list the bundled models")
    models.set_defaults(run=_models)
    show = sub.add_parser("show", help="print a model's parameters and symbolic payoffs")
    show.add_argument("model")
    show.set_defaults(run=_show)
    conditions = sub.add_parser("conditions", help="closed-form equilibria and the conditions for each")
    conditions.add_argument("model")
    conditions.add_argument("--player", help="a player id (with --strategy)")
    conditions.add_argument("--strategy", help="when is this strategy played / a unique best reply?")
    conditions.add_argument("--latex", action="store_true", help="LaTeX output")
    conditions.set_defaults(run=_conditions)
    statics = sub.add_parser("statics", help="comparative statics of the equilibria")
    statics.add_argument("model")
    statics.add_argument("--param", metavar="NAME:LOW:HIGH", help="sweep this parameter")
    statics.add_argument("--set", action="append", metavar="NAME=VALUE", help="fix a parameter (repeatable)")
    statics.add_argument("--resolution", type=int, default=401)
    statics.add_argument("--quantities", default="probabilities", choices=["probabilities", "payoffs", "outcomes"])
    statics.add_argument("-o", "--output", help="figure file (.pdf, .svg, .png)")
    statics.add_argument("--csv", help="write the sweep as CSV")
    statics.add_argument("--symbolic", action="store_true", help="signs of derivatives, in closed form")
    statics.add_argument("--latex", action="store_true", help="LaTeX output (with --symbolic)")
    statics.set_defaults(run=_statics)
    regions = sub.add_parser("regions", help="phase diagram: which equilibria hold where")
    regions.add_argument("model")
    regions.add_argument("--x", required=True, metavar="NAME:LOW:HIGH")
    regions.add_argument("--y", metavar="NAME:LOW:HIGH", help="omit for a strip along x")
    regions.add_argument("--set", action="append", metavar="NAME=VALUE", help="fix a parameter (repeatable)")
    regions.add_argument("--resolution", type=int, default=300)
    regions.add_argument("--progress", action="store_true", help="progress bar for points solved one by one")
    regions.add_argument("-o", "--output", help="figure file (.pdf, .svg, .png)")
    regions.add_argument("--csv", help="write the grid labels as CSV")
    regions.set_defaults(run=_regions)
    rep = sub.add_parser("repeated", help="the repeated game: trigger strategies, thresholds, payoff sets")
    rep.add_argument("model")
    rep.add_argument("--delta", help="a discount factor in (0, 1)")
    rep.add_argument("--strategy", default="grim", help="grim, tft, wsls or k-period:K (default grim)")
    rep.add_argument("--cooperate", metavar="P=ACTION,...", help="actions on the path (default: the model's)")
    rep.add_argument("--punish", metavar="P=ACTION,...", help="punishing actions (default: the model's)")
    rep.add_argument("--set", action="append", metavar="NAME=VALUE", help="set a parameter (repeatable)")
    rep.add_argument("--symbolic", action="store_true", help="the condition in the model's parameters too")
    rep.add_argument("--payoff-set", action="store_true", help="the subgame-perfect payoff set (2 players)")
    rep.add_argument("-o", "--output", help="figure file for --payoff-set")
    rep.set_defaults(run=_repeated)
    case = sub.add_parser("case", help="a calibrated case in numbers (no name: list the cases)")
    case.add_argument("name", nargs="?", help="a bundled case such as iraq_2003, or a case file")
    case.add_argument("--samples", type=int, default=400, help="points drawn for the robustness share")
    case.add_argument("--seed", type=int, default=0, help="random seed of the robustness sample")
    case.set_defaults(run=_case)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stdout = open(os.devnull, "w")
        return 0
    except (ModelError, ValueError, TypeError, FileNotFoundError, OSError) as exc:
        print(f"sbgames {args.command}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
