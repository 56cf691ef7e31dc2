"""The ``sbgames`` command: a thin layer over the library.

``sbgames solve MODEL [--set name=value ...] [--exact] [--json] [-o out.json]``
    Payoff table at those values and every equilibrium.
``sbgames models``
    The bundled models with their titles.
``sbgames show MODEL``
    A model's parameters and its symbolic payoff table.
``sbgames conditions MODEL [--player P --strategy S] [--latex] [-o out.tex]``
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
``sbgames repeated MODEL [--delta 9/10] [--strategy grim] [--set ...] [--payoff-set -o fig.pdf]``
    Trigger strategies in the repeated game: the discount factors that sustain them.
``sbgames case [NAME] [--samples 400] [--seed 0]``
    Without NAME, the calibrated cases; with it, the case in numbers: its
    equilibria, the conditions that drive them, the robustness share and the
    nearest regime boundaries.

``sbgames --no-cache COMMAND ...`` (or ``COMMAND ... --no-cache``) derives
closed forms afresh instead of reading them from the disk cache (it sets
``SBGAMES_NO_CACHE=1``).

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

import argparse
import contextlib
import itertools
import json
import os
import sys
import warnings

from . import cases
from .errors import InputError, SbgamesError
from .files import atomic_write, check_output
from .game import payoff_scale
from .model import list_models, load_model, parse_number
from .numeric import format_number
from .solvers import METHODS

__all__ = ["main", "MAX_SAMPLES"]

#: The most points ``sbgames case`` draws for the robustness share (each point is one solve).
MAX_SAMPLES = cases.MAX_SAMPLES
#: The largest random seed ``sbgames case`` takes.
MAX_SEED = 2 ** 32 - 1


# -- reading arguments: every refusal is an InputError naming the option ---------------------------
def _refused(where: str, call, /, *args, **kwargs):
    """Run a check of user input; report a refused value as an InputError naming `where`."""
    try:
        return call(*args, **kwargs)
    except (InputError, ValueError) as exc:
        if isinstance(exc, SbgamesError) and not isinstance(exc, InputError):
            raise
        raise InputError(f"{where}: {exc}") from None


def _number(text: str, where: str):
    """A number as the user wrote it (integer, decimal or p/q), read exactly; `where` names the option."""
    return _refused(where, parse_number, text.strip())


def _integer(text: str, where: str, low: int, high: int, unit: str = "") -> int:
    """An integer from `low` to `high`; a refusal names `where` and states the limit (in `unit`)."""
    try:
        value = int(text.strip(), 10)
    except ValueError:
        raise InputError(f"{where}: not an integer") from None
    if value < low:
        raise InputError(f"{where}: must be at least {low}")
    if value > high:
        raise InputError(f"{where}: over the limit of {high:,}{unit}")
    return value


def _settings(items, model) -> dict:
    """``--set name=value`` options read exactly and checked against the model's parameters and bounds."""
    values = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--set expects name=value, got {item!r}")
        if name.strip() in values:
            raise InputError(f"--set {item}: {name.strip()} is set twice")
        values[name.strip()] = _number(value, f"--set {item}")
    if values and model is None:
        raise InputError(".nfg games have no parameters; drop --set")
    if model is not None:
        _refused("--set", model.values, **values)
    return values


def _fixed(items, model, axes: list) -> dict:
    """``--set`` values of a map or sweep: a parameter on an axis varies, so it cannot be set too."""
    fixed = _settings(items, model)
    for name in axes:
        if name in fixed:
            raise InputError(f"--set {name}: {name} varies along an axis of this command; drop --set {name}")
    return fixed


def _range(text: str, option: str, model) -> tuple:
    """``name:low:high`` read exactly; the name and the parameter's bounds checked (a range may cross a
    constraint between parameters: the map shows where it fails)."""
    from .analysis.regions import parse_range
    name, low, high = parse_range(text, option)
    if name not in model.parameters:
        _refused(f"{option} {text}", model.values, **{name: low})  # says which names there are
    for end in (low, high):
        _refused(f"{option} {text}", model.parameters[name].check, end)
    return name, low, high


def _resolution(args, axes: int) -> int:
    from .analysis.regions import MAX_POINTS, MAX_RESOLUTION
    resolution = _integer(args.resolution, f"--resolution {args.resolution}", 2, MAX_RESOLUTION, " points per axis")
    if getattr(args, "method", None) == "numeric" and resolution ** axes > MAX_POINTS:
        raise InputError(f"--resolution {args.resolution}: {resolution ** axes:,} points to solve one by one, "
                         f"over the limit of {MAX_POINTS:,} points per map")
    return resolution


def _tree(model) -> bool:
    return getattr(model, "kind", "normal") == "extensive"


# -- output files ---------------------------------------------------------------------------------
def _figure_extensions() -> list[str]:
    from matplotlib.backend_bases import FigureCanvasBase
    return [f".{ext}" for ext in FigureCanvasBase.get_supported_filetypes() if ext != "pgf"]


def _check_files(args, text_extension: str | None = None) -> None:
    """Refuse, before any work, ``-o`` and ``--csv`` files that could not be written.

    ``-o`` is a figure unless `text_extension` (``.tex``, ``.json``, ``.txt``) says
    the command writes text there.
    """
    if getattr(args, "output", None) is not None:  # an empty name is refused too
        check_output(args.output, [text_extension] if text_extension else _figure_extensions(), "-o")
    if getattr(args, "csv", None) is not None:
        check_output(args.csv, [".csv"], "--csv")


def _emit(text: str, args) -> None:
    """Print `text`, or write it to ``-o`` whole."""
    if getattr(args, "output", None):
        atomic_write(args.output, text + "\n")
        print(f"written to {args.output}")
    else:
        print(text)


def _save_figure(fig, path: str) -> None:
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=200, format=ext))
    print(f"figure written to {path}")


def _save_csv(result, path: str) -> None:
    atomic_write(path, result.to_csv)
    print(f"data written to {path}")


def _save_files(result, args, **plot_options) -> None:
    """Write the ``-o`` figure and the ``--csv`` table of a map or sweep (messages to standard error with --json)."""
    with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
        if args.output:
            _save_figure(result.plot(**plot_options), args.output)
        if args.csv:
            _save_csv(result, args.csv)


def _table(rows: list[list[str]], indent: str = "  ") -> str:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    return "\n".join(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


# -- solve ----------------------------------------------------------------------------------------
def _equilibria_text(result) -> str:
    game = result.game
    mode = "exact" if result.exact else f"float, tolerance {result.tol:.2g}"
    lines = [f"Equilibria ({mode}; method {result.method}; {result.scope}):"]
    if result.degenerate is not None:
        lines[0] += " degenerate game" if result.degenerate else " non-degenerate game"
    missed = ("  mixed equilibria were not searched (--method polynomial searches them in games of 3-4 players "
              "and at most 64 pure profiles)" if result.method == "pure" and not result.complete
              else "  some equilibria may be missing: see the warning above")
    if not result:  # only a partial search can come back empty (Nash's theorem)
        lines += ["  no pure equilibrium" if result.method == "pure" else "  none listed", missed]
        return "\n".join(lines)
    rows = [["#", *game.players, *(f"payoff {p}" for p in game.players)]]
    scale = 1.0 if result.exact else payoff_scale(game)  # payoffs in tiny units are not printed as 0
    for k, eq in enumerate(result, 1):
        cells = []
        for player, support in eq.profile().items():
            if len(support) == 1:
                cells.append(next(iter(support)))
            else:
                cells.append(" + ".join(f"{format_number(p)} {s}" for s, p in support.items()))
        rows.append([str(k), *cells, *(format_number(v, scale) for v in eq.payoffs)])
    lines.append(_table(rows))
    joined = [c for c in result.components if len(c) > 1]
    for c in joined:
        lines.append(f"  equilibria {', '.join(str(i + 1) for i in c)} are connected: "
                     "a continuum of equilibria joins them")
    if not result.complete:
        lines.append(missed)
    return "\n".join(lines)


def _solve_extensive(model, settings, args) -> int:
    """``solve`` for a game tree: every subgame-perfect equilibrium, and Nash equilibria that are not."""
    point = model.values(**settings)
    tree = model.game(**point)
    spe = model.equilibria(**point)
    scale = payoff_scale(tree) if tree.kind == "float" else 1.0
    # several pure profiles mean a mover is indifferent somewhere: mixing there is subgame perfect too
    scope = ("complete" if len(spe) == 1 else
             "pure behaviour profiles only; a mover is indifferent, and mixing at the tied nodes is not listed")
    if args.json:
        _emit(json.dumps({"model": model.name, "kind": "extensive",
                          "parameters": {k: str(v) for k, v in point.items()},
                          "complete": len(spe) == 1, "scope": scope,
                          "subgame_perfect": [{"path": list(e.actions),
                                               "strategies": {k: v for k, v in e.strategies.items()},
                                               "payoffs": [format_number(v, scale) for v in e.payoffs]}
                                              for e in spe]}, indent=2), args)
        return 0
    lines = [model.title, "Parameters: " + ", ".join(f"{k} = {v}" for k, v in point.items()), "", tree.text(), "",
             f"Subgame-perfect equilibria ({len(spe)}, by backward induction, exact"
             + ("):" if len(spe) == 1 else f"; {scope}):")]
    for k, e in enumerate(spe, 1):
        lines.append(f"  {k}. path {' -> '.join(e.actions)}; payoffs "
                     + ", ".join(f"{p} {format_number(v, scale)}" for p, v in zip(model.players, e.payoffs)))
        lines += [f"       at {node}: {action}" for node, action in e.strategies.items()]
    threats = [v for v in model.classify_nash(**point) if v.subgame_perfect is False]
    if threats:
        lines += ["", "Pure Nash equilibria of the normal form that are not subgame perfect (non-credible threats):"]
        for v in threats:
            moves = ", ".join(f"{action} at {node}" for node, action in v.non_credible)
            lines.append(f"  {v.equilibrium.describe()}  (not credible: {moves})")
    _emit("\n".join(lines), args)
    return 0


def _solve(args) -> int:
    _check_files(args, ".json" if args.json else ".txt")
    if args.model.endswith(".nfg"):
        _settings(args.set, None)
        from .nfg import read_nfg
        game, model, settings = read_nfg(args.model), None, {}
    else:
        model = load_model(args.model)
        settings = _settings(args.set, model)
        if _tree(model):
            return _solve_extensive(model, settings, args)
        game = model.game(**settings)
    if args.method == "vertex" and game.n_players != 2:
        raise InputError(f"--method vertex solves 2-player games; this game has {game.n_players} players "
                         f"(--method polynomial or auto)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the result's `complete` flag says it in the output
        result = game.equilibria(exact=args.exact, method=args.method)
    if model is not None:
        result = result.with_parameters(model.values(**settings))
    if args.json:
        out = result.to_dict()
        out["model"] = model.name if model else args.model
        out["players"] = list(game.players)
        _emit(json.dumps(out, indent=2), args)
        return 0
    lines = [model.title if model else (game.title or args.model)]
    if model is not None:
        lines.append("Parameters: " + ", ".join(f"{k} = {v}" for k, v in result.parameters.items()))
    _emit("\n".join([*lines, "", game.table(), "", _equilibria_text(result)]), args)
    return 0


# -- case, models, show ---------------------------------------------------------------------------
def _case(args) -> int:
    if args.name is None:
        rows = [[name, title] for name, title in cases.list_cases()]
        print(_table(rows, indent="") if rows else "no bundled cases found")
        return 0
    samples = _integer(args.samples, f"--samples {args.samples}", 1, MAX_SAMPLES, " points")
    seed = _integer(args.seed, f"--seed {args.seed}", 0, MAX_SEED)
    model = _refused(f"case {args.name}", cases.load_case, args.name)
    if args.json:
        print(json.dumps(cases.report(model, samples=samples, seed=seed), indent=2))
    else:
        print(cases.story(model, samples=samples, seed=seed))
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
    print(game.text() if _tree(model) else game.table())
    return 0


# -- conditions -----------------------------------------------------------------------------------
def _warn_if_slow(model, command: str) -> None:
    """Say on standard error, before deriving, when the closed forms are expected to take long."""
    from .analysis.regions import slow_derivation
    slow = slow_derivation(model, advice=False)
    if slow:
        print(f"sbgames {command}: note: {slow} (Ctrl-C stops it)", file=sys.stderr)


def _conditions_tree(model, args) -> int:
    from .latex import propositions
    if args.player is not None:
        raise InputError(f"--player and --strategy ask about normal-form models; {model.name!r} is a game tree: "
                         f"sbgames conditions {model.name} lists its subgame-perfect profiles with their conditions")
    if args.latex:
        _emit(propositions(model), args)
        return 0
    result = model.symbolic_equilibria()
    _emit(f"{model.title}: {len(result)} pure behaviour profiles that can be subgame perfect, each with the "
          f"conditions under which it is (every pure profile not excluded by the parameter bounds; where a mover "
          f"is indifferent, mixing the tied actions is subgame perfect too)\n\n{result.text()}", args)
    return 0


def _closed_form_scope(result) -> str:
    """What a model's closed forms cover, in the words every partial output uses."""
    if result.complete:
        return "complete"
    if len(result.model.players) != 2:
        return "pure equilibria only; mixed equilibria not derived"
    return "not complete: structurally degenerate supports not expanded"


def _conditions(args) -> int:
    from .analysis import played_in_every_equilibrium, played_in_some_equilibrium, unique_best_reply
    from .latex import condition, escape_text, propositions
    from .solvers.symbolic import condition_text
    _check_files(args, ".tex" if args.latex else ".txt")
    if (args.player is None) != (args.strategy is None):
        raise InputError("give --player and --strategy together")
    model = load_model(args.model)
    if _tree(model):
        return _conditions_tree(model, args)
    if args.player is not None:
        if args.player not in model.players:
            raise InputError(f"--player {args.player}: unknown player; players are {', '.join(model.players)}")
        i = model.players.index(args.player)
        if args.strategy not in model.strategies[i]:
            raise InputError(f"--strategy {args.strategy}: not a strategy of {args.player}; "
                             f"strategies are {', '.join(model.strategies[i])}")
    _warn_if_slow(model, "conditions")
    if args.player is None:
        if args.latex:
            _emit(propositions(model), args)
            return 0
        result = model.symbolic_equilibria()
        lines = [f"{model.title}: {len(result)} closed-form equilibria "
                 f"({_closed_form_scope(result)}; exact at non-degenerate points)",
                 "", result.text()]
        lines += [f"\nnot expanded (ties for every parameter value): {' x '.join('-'.join(s) for s in supports)}"
                  for supports in result.degenerate_supports]
        _emit("\n".join(lines), args)
        return 0
    fmt = (lambda c: f"${condition(c, model)}$") if args.latex else condition_text
    pure = not model.symbolic_equilibria().complete  # then the rows speak of pure equilibria, as they are
    kind = "pure equilibrium" if pure else "equilibrium"
    rows = [(f"played in some {kind}", played_in_some_equilibrium(model, args.player, args.strategy, pure=pure)),
            (f"played in every {kind}", played_in_every_equilibrium(model, args.player, args.strategy, pure=pure))]
    others = [j for j in range(len(model.players)) if j != i]
    for profile in itertools.product(*(model.strategies[j] for j in others)):
        against = {model.players[j]: name for j, name in zip(others, profile)}
        shown = ", ".join(f"{p}={n}" for p, n in against.items())
        rows.append((f"unique best reply to {shown}", unique_best_reply(model, args.player, args.strategy, against)))
    name = escape_text if args.latex else (lambda text: text)
    scope = f" ({_closed_form_scope(model.symbolic_equilibria())})" if pure else ""
    _emit("\n".join([f"{name(args.player)} plays {name(args.strategy)}{name(scope)}:",
                     *(f"  {name(text)}: {fmt(cond)}" for text, cond in rows)]), args)
    return 0


# -- maps and sweeps ------------------------------------------------------------------------------
def _regions(args) -> int:
    model = load_model(args.model)
    x = _range(args.x, "--x", model)
    y = _range(args.y, "--y", model) if args.y else None
    if y is not None and y[0] == x[0]:
        raise InputError(f"--x and --y must be different parameters, both are {x[0]}")
    resolution = _resolution(args, 2 if y else 1)
    fixed = _fixed(args.set, model, [x[0], *([y[0]] if y else [])])
    _check_files(args)
    import matplotlib
    matplotlib.use("Agg")
    from .analysis.regions import regions
    rmap = regions(model, x=x, y=y, resolution=resolution, fixed=fixed, progress=args.progress, method=args.method)
    if args.json:
        print(json.dumps({**rmap.to_dict(), "caption": rmap.caption()}, indent=2), flush=True)
        _save_files(rmap, args)
        return 0
    print(rmap.caption())
    print(f"method: {rmap.method}")
    rows = [["region", "share"]] + [[name, f"{share:.1%}"] for name, share in rmap.shares().items()]
    print(_table(rows))
    for b in rmap.boundaries:
        print(f"  boundary: {b}")
    _save_files(rmap, args)
    return 0


def _statics(args) -> int:
    model = load_model(args.model)
    if _tree(model):
        raise InputError(f"statics works on normal-form models; {model.name!r} is a game tree: "
                         f"sbgames regions {model.name} --x NAME:LOW:HIGH maps its subgame-perfect paths")
    if args.symbolic:
        if args.param or args.csv or args.json or args.method != "auto":
            raise InputError("--symbolic gives the signs in closed form: drop --param, --csv, --json and --method")
        _check_files(args, ".tex" if args.latex else ".txt")
        from .analysis import sign_table
        from .latex import sign_table as sign_table_latex
        _warn_if_slow(model, "statics")
        table = sign_table(model)
        scope = _closed_form_scope(model.symbolic_equilibria())
        if args.latex:
            _emit(sign_table_latex(table, model), args)
        else:
            _emit(table.text() if scope == "complete" else f"Closed-form branches: {scope}\n\n{table.text()}", args)
        return 0
    if args.latex:
        raise InputError("--latex goes with --symbolic (the signs in closed form)")
    if not args.param:
        raise InputError("give --param name:low:high (or --symbolic for the signs in closed form)")
    param = _range(args.param, "--param", model)
    resolution = _resolution(args, 1)
    fixed = _fixed(args.set, model, [param[0]])
    _check_files(args)
    import matplotlib
    matplotlib.use("Agg")
    from .analysis.statics import statics
    sweep = statics(model, param=param, fixed=fixed, resolution=resolution, method=args.method)
    if args.json:
        print(json.dumps({**sweep.to_dict(), "caption": sweep.caption()}, indent=2))
    else:
        print(sweep.caption())
        print(_table([["label", "share of the sweep"]]
                     + [[entry["label"], f"{entry['share']:.1%}"] for entry in sweep.to_dict()["labels"]]))
        for change in sweep.boundaries:
            print(f"  regime change {change}")
    _save_files(sweep, args, quantities=args.quantities)
    return 0


# -- repeated -------------------------------------------------------------------------------------
_STRATEGIES = {"grim": "grim_trigger", "tft": "tit_for_tat", "wsls": "win_stay_lose_shift"}


def _actions(text: str | None, model, key: str) -> tuple:
    """``T=Restrain,S=Bandwagon`` (or the model's [repeated] table) -> one action per player, each checked."""
    pattern = ",".join(f"{p}=..." for p in model.players)
    if text is None:
        if key not in model.repeated:
            raise InputError(f"model {model.name!r} has no [repeated] {key} actions; give --{key} {pattern}")
        return model.repeated[key]
    given = {}
    for part in text.split(","):
        player, sep, action = part.partition("=")
        if not sep or player.strip() not in model.players:
            raise InputError(f"--{key} {text}: write {pattern} with players {', '.join(model.players)}")
        if player.strip() in given:
            raise InputError(f"--{key} {text}: {player.strip()} is given two actions")
        given[player.strip()] = action.strip()
    missing = [p for p in model.players if p not in given]
    if missing:
        raise InputError(f"--{key} {text}: no action for {', '.join(missing)}; write {pattern}")
    for player, names in zip(model.players, model.strategies):
        if given[player] not in names:
            raise InputError(f"--{key} {text}: {given[player]!r} is not a strategy of {player}; "
                             f"strategies are {', '.join(names)}")
    return tuple(given[p] for p in model.players)


def _automata(name: str, cooperate: tuple, punish: tuple) -> list:
    from . import repeated
    from .repeated.automaton import MAX_PUNISHMENT_PERIODS
    if name.startswith("k-period:"):
        k = _integer(name.split(":", 1)[1], f"--strategy {name}", 1, MAX_PUNISHMENT_PERIODS, " punishment periods")
        return [repeated.k_period_punishment(c, d, k) for c, d in zip(cooperate, punish)]
    if name not in _STRATEGIES:
        raise InputError(f"--strategy {name}: unknown; choose grim, tft, wsls or k-period:K "
                         f"(K from 1 to {MAX_PUNISHMENT_PERIODS})")
    factory = getattr(repeated, _STRATEGIES[name])
    return [factory(c, d) for c, d in zip(cooperate, punish)]


def _discount(text: str):
    delta = _number(text, f"--delta {text}")
    if not 0 < delta < 1:
        raise InputError(f"--delta {text}: a discount factor must lie strictly between 0 and 1")
    return delta


def _repeated(args) -> int:
    from .repeated import RepeatedGame
    from .repeated.infinite import MAX_POLICIES
    from .solvers.symbolic import condition_text
    model = load_model(args.model)
    if _tree(model):
        raise InputError(f"{model.name!r} is a game tree; a repeated game needs a normal-form stage game")
    settings = _settings(args.set, model)
    delta = None if args.delta is None else _discount(args.delta)
    if args.payoff_set:
        if delta is None:
            raise InputError("--payoff-set needs --delta")
        if len(model.players) != 2:
            raise InputError(f"--payoff-set needs a 2-player stage game; {model.name!r} has {len(model.players)}")
        _check_files(args)
    elif args.output is not None:
        raise InputError("-o writes the figure of --payoff-set; add --payoff-set --delta D")
    cooperate, punish = _actions(args.cooperate, model, "cooperate"), _actions(args.punish, model, "punish")
    automata = _automata(args.strategy, cooperate, punish)
    game = model.game(**settings)
    symbolic = RepeatedGame(game)
    policies = symbolic.nash_policies(automata)  # known before any derivation
    print(f"{model.title}: {automata[0].name} strategies")
    print("  on the path: " + ", ".join(f"{p} {a}" for p, a in zip(model.players, cooperate))
          + "; punishment: " + ", ".join(f"{p} {a}" for p, a in zip(model.players, punish)))
    checks = [("subgame perfect", "is_subgame_perfect"), ("Nash", "is_nash")]
    nash_skipped = (f"  Nash: not checked ({policies:,} stationary policies of one player to compare, over the "
                    f"limit of {MAX_POLICIES:,}; subgame perfection above implies it)")
    for kind, method in checks:
        if method == "is_nash" and policies > MAX_POLICIES:
            print(nash_skipped)
            continue
        print(f"  {kind} iff {condition_text(getattr(symbolic, method)(automata).condition)}")
    if delta is not None:
        at = RepeatedGame(game, delta=delta)
        for kind, method in checks:
            if method == "is_nash" and policies > MAX_POLICIES:
                continue
            verdict = getattr(at, method)(automata)
            answer = "yes" if verdict else f"no: {verdict.deviation}" if verdict.deviation else "no"
            print(f"  at delta = {args.delta}: {kind}? {answer}")
    if args.symbolic:
        verdict = RepeatedGame(model).is_subgame_perfect(automata)
        print(f"  in the model's parameters: subgame perfect iff {condition_text(verdict.condition)}")
    if args.payoff_set:
        import matplotlib
        matplotlib.use("Agg")
        from .repeated.payoff_set import plot_payoff_set
        ps = RepeatedGame(game, delta=delta).subgame_perfect_payoffs()
        print(f"  pure subgame-perfect payoff set ({ps.kind}): "
              + "; ".join(f"({x:.4g}, {y:.4g})" for x, y in ps.vertices))
        if args.output:
            rows, cols = game.strategies
            _save_figure(plot_payoff_set(ps, profile_labels=[f"{r}, {c}" for r in rows for c in cols]), args.output)
    return 0


# -- the parser and the top-level handler ---------------------------------------------------------
_NO_CACHE_HELP = ("derive closed forms afresh, neither reading nor writing the disk cache "
                  "(sets SBGAMES_NO_CACHE=1; SBGAMES_CACHE_DIR moves the cache)")
_FIGURE_HELP = "figure file (.pdf, .svg, .png, .eps, .jpg, ...: any format matplotlib writes)"


def _parser() -> argparse.ArgumentParser:
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

    solve = command("solve", _solve, "solve a model (or .nfg game) at given parameter values")
    solve.add_argument("model", help="bundled model name, model file path, or .nfg file")
    settings(solve)
    solve.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    solve.add_argument("--method", default="auto", choices=METHODS,
                       help="solver (default auto: vertex enumeration for 2 players, see docs/reference/solvers.md)")
    solve.add_argument("--json", action="store_true", help="machine-readable output")
    solve.add_argument("-o", "--output", help="write the output to this file (.json with --json, else .txt)")
    command("models", _models, "list the bundled models")
    show = command("show", _show, "print a model's parameters and symbolic payoffs")
    show.add_argument("model")
    conditions = command("conditions", _conditions, "closed-form equilibria and the conditions for each")
    conditions.add_argument("model")
    conditions.add_argument("--player", help="a player id (with --strategy)")
    conditions.add_argument("--strategy", help="when is this strategy played / a unique best reply?")
    conditions.add_argument("--latex", action="store_true", help="LaTeX output")
    conditions.add_argument("-o", "--output", help="write the output to this file (.tex with --latex, else .txt)")
    statics = command("statics", _statics, "comparative statics of the equilibria")
    statics.add_argument("model")
    statics.add_argument("--param", metavar="NAME:LOW:HIGH", help="sweep this parameter")
    settings(statics, "fix")
    statics.add_argument("--resolution", default="401", help="sweep values (default 401, at most 1000)")
    statics.add_argument("--method", default="auto", choices=["auto", "closed-form", "numeric"],
                         help="closed forms, or numeric solves at every sweep value (no symbolic derivation)")
    statics.add_argument("--quantities", default="probabilities", choices=["probabilities", "payoffs", "outcomes"])
    statics.add_argument("-o", "--output", help=_FIGURE_HELP + "; with --symbolic, .tex (--latex) or .txt")
    statics.add_argument("--csv", help="write the sweep as CSV")
    statics.add_argument("--json", action="store_true",
                         help="machine-readable summary of the sweep (labels, regime changes, warnings)")
    statics.add_argument("--symbolic", action="store_true", help="signs of derivatives, in closed form")
    statics.add_argument("--latex", action="store_true", help="LaTeX output (with --symbolic)")
    regions = command("regions", _regions, "phase diagram: which equilibria hold where")
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
    regions.add_argument("--csv", help="write the grid labels as CSV")
    regions.add_argument("--json", action="store_true", help="machine-readable summary (regions, shares, warnings)")
    rep = command("repeated", _repeated, "the repeated game: trigger strategies, thresholds, payoff sets")
    rep.add_argument("model")
    rep.add_argument("--delta", help="a discount factor strictly between 0 and 1 (such as 9/10 or 0.9)")
    rep.add_argument("--strategy", default="grim", help="grim, tft, wsls or k-period:K, K at most 10 (default grim)")
    rep.add_argument("--cooperate", metavar="P=ACTION,...", help="actions on the path (default: the model's)")
    rep.add_argument("--punish", metavar="P=ACTION,...", help="punishing actions (default: the model's)")
    settings(rep)
    rep.add_argument("--symbolic", action="store_true", help="the condition in the model's parameters too")
    rep.add_argument("--payoff-set", action="store_true", help="the subgame-perfect payoff set (2 players)")
    rep.add_argument("-o", "--output", help="figure file for --payoff-set")
    case = command("case", _case, "a calibrated case in numbers (no name: list the cases)")
    case.add_argument("name", nargs="?", help="a bundled case such as iraq_2003, or a case file")
    case.add_argument("--samples", default="400",
                      help=f"points drawn for the robustness share (default 400, at most {MAX_SAMPLES:,})")
    case.add_argument("--seed", default="0", help="random seed of the robustness sample (default 0)")
    case.add_argument("--json", action="store_true", help="machine-readable output (no progress bar)")
    return parser


def _one_line(text) -> str:
    return " ".join(str(text).split())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
