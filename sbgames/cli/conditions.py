"""``sbgames conditions``: closed-form equilibria with their conditions, or when one strategy is played.

Examples
--------
>>> print(closed_form_scope(load_model("core").symbolic_equilibria()))
complete
"""

from __future__ import annotations

import itertools
import sys

from ..errors import InputError
from ..modelfile import load_model
from . import jsonout, options, output

#: The scope of a game tree's closed forms: every pure behaviour profile, mixing at ties left out.
TREE_SCOPE = ("pure behaviour profiles only; where a mover is indifferent, mixing the tied actions is subgame "
              "perfect too and is not listed")


def warn_if_slow(model, command: str) -> None:
    """Say on standard error, before deriving, when the closed forms are expected to take long."""
    from ..analysis.regions import slow_derivation
    slow = slow_derivation(model, advice=False)
    if slow:
        print(f"sbgames {command}: note: {slow} (Ctrl-C stops it)", file=sys.stderr)


def _conditions_tree(model, args) -> int:
    if args.player is not None:
        raise InputError(f"--player and --strategy ask about normal-form models; {model.name!r} is {model.kind_name}: "
                         f"sbgames conditions {model.name} lists its subgame-perfect profiles with their conditions")
    if args.latex:
        output.emit(latex_output(model, args), args)
        return 0
    result = model.symbolic_equilibria()
    if args.json:
        output.emit(jsonout.dump(closed_forms_json(model, result, complete=False, scope=TREE_SCOPE)), args)
        return 0
    output.emit(f"{model.title}: {len(result)} pure behaviour profiles that can be subgame perfect, each with the "
          f"conditions under which it is (every pure profile not excluded by the parameter bounds; where a mover "
          f"is indifferent, mixing the tied actions is subgame perfect too)\n\n{result.text()}", args)
    return 0


def latex_output(model, args) -> str:
    """``--latex``: a standalone document when written to a file (``-o file.tex``), the propositions otherwise."""
    from ..latex import document, propositions
    if not args.output:
        return propositions(model)
    from ..analysis import sign_table
    return document(model, None if model.payoff_table is None else sign_table(model))


def closed_forms_json(model, results, *, complete: bool, scope: str) -> dict:
    """Closed-form results in the one JSON shape: each as its ``to_dict()`` gives it, whatever its family.

    The parameters are those the results are stated in; the point is not
    fixed, so ``parameters`` is empty.

    Examples
    --------
    >>> model = load_model("prisoners_dilemma")
    >>> data = closed_forms_json(model, model.symbolic_equilibria(), complete=True, scope="complete")
    >>> data["command"], [r["label"] for r in data["results"]], data["results"][0]["payoffs"]["A"]
    ('conditions', ['Defect / Defect'], {'expression': 'punishment'})
    """
    data = jsonout.envelope("conditions", model, {}, complete=complete, scope=scope)
    data["results"] = [result.to_dict() for result in results]
    return data


def closed_form_scope(result) -> str:
    """What a model's closed forms cover, in the words every partial output uses."""
    if result.complete:
        return "complete"
    if len(result.model.players) != 2:
        return "pure equilibria only; mixed equilibria not derived"
    return "not complete: structurally degenerate supports not expanded"


def run(args) -> int:
    import sympy

    from ..analysis import equilibria_without, played_in_some_equilibrium, unique_best_reply
    from ..latex import condition, escape_text
    from ..conditions import condition_text
    output.check_files(args, ".tex" if args.latex else ".json" if args.json else ".txt")
    if (args.player is None) != (args.strategy is None):
        raise InputError("give --player and --strategy together")
    if args.json and (args.latex or args.player is not None):
        raise InputError("--json lists the closed forms as data: drop --latex, --player and --strategy")
    model = load_model(args.model)
    if model.payoff_table is None:  # a game tree: its subgame-perfect profiles with their conditions
        return _conditions_tree(model, args)
    if args.player is not None:
        if args.player not in model.players:
            raise InputError(f"--player {args.player}: unknown player; players are {', '.join(model.players)}")
        i = model.players.index(args.player)
        if args.strategy not in model.strategies[i]:
            raise InputError(f"--strategy {args.strategy}: not a strategy of {args.player}; "
                             f"strategies are {', '.join(model.strategies[i])}")
    warn_if_slow(model, "conditions")
    if args.player is None:
        if args.latex:
            output.emit(latex_output(model, args), args)
            return 0
        result = model.symbolic_equilibria()
        if args.json:
            scope = closed_form_scope(result)
            output.emit(jsonout.dump(closed_forms_json(model, result, complete=scope == "complete", scope=scope)),
                        args)
            return 0
        lines = [f"{model.title}: {len(result)} closed-form equilibria "
                 f"({closed_form_scope(result)}; exact at non-degenerate points)",
                 "", result.text()]
        lines += [f"\nnot expanded (ties for every parameter value): {' x '.join('-'.join(s) for s in supports)}"
                  for supports in result.degenerate_supports]
        output.emit("\n".join(lines), args)
        return 0
    space = model.symbolic_equilibria().space
    fmt = (lambda c: f"${condition(c, model)}$") if args.latex else (lambda c: condition_text(c, space))
    pure = not model.symbolic_equilibria().complete  # then the rows speak of pure equilibria, as they are
    kind = "pure equilibrium" if pure else "equilibrium"
    rows = [(f"played in some {kind}", played_in_some_equilibrium(model, args.player, args.strategy, pure=pure))]
    without = equilibria_without(model, args.player, args.strategy, pure=pure)
    others = [j for j in range(len(model.players)) if j != i]
    for profile in itertools.product(*(model.strategies[j] for j in others)):
        against = {model.players[j]: name for j, name in zip(others, profile)}
        shown = ", ".join(f"{p}={n}" for p, n in against.items())
        rows.append((f"unique best reply to {shown}", unique_best_reply(model, args.player, args.strategy, against)))
    name = escape_text if args.latex else (lambda text: text)
    scope = f" ({closed_form_scope(model.symbolic_equilibria())})" if pure else ""
    lines = [f"  {name(text)}: {fmt(cond)}" for text, cond in rows]
    # every equilibrium plays it unless an equilibrium without it exists: named, not expanded into conditions
    plural = "pure equilibria" if pure else "equilibria"
    unless = "; ".join(name(b.label) + ("" if where is sympy.true else
                                        f" {name('where')} {fmt(where)} ({name(args.strategy)} {name('has probability 0')})")
                       for b, where in without)
    lines.insert(1, f"  {name(f'played in every {kind}')}: "
                    + (f"{name(f'unless one of these {plural} exists:')} {unless} "
                       f"{name(f'(their conditions: sbgames conditions {model.name})')}" if without else name("always")))
    output.emit("\n".join([f"{name(args.player)} plays {name(args.strategy)}{name(scope)}:", *lines]), args)
    return 0
