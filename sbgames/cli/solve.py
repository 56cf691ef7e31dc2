"""``sbgames solve``: the payoff table at a parameter point and every equilibrium.

Examples
--------
>>> import argparse
>>> run(argparse.Namespace(model="stag_hunt", set=None, exact=True, method="auto", json=False,
...                        output=None))  # doctest: +ELLIPSIS
Stag Hunt...
Equilibria (exact; method vertex; complete): non-degenerate game
  #  A                           B                           payoff A  payoff B
  1  Cooperate                   Cooperate                   4         4
  2  1/2 Cooperate + 1/2 Defect  1/2 Cooperate + 1/2 Defect  5/2       5/2
  3  Defect                      Defect                      2         2
0
"""

from __future__ import annotations

import warnings

from ..errors import InputError
from ..game import payoff_scale
from ..modelfile import load_model
from ..results import number_json
from . import jsonout, options, output


def _result_json(result, model, name: str) -> dict:
    """An equilibrium set in the one JSON shape; float numbers rounded to the tolerance they were verified to."""
    game = result.game
    data = jsonout.envelope("solve", model, result.parameters, complete=result.complete, scope=result.scope,
                            name=name, players=game.players)
    payoff_tol = None if result.exact else result.tol
    probability_tol = None if result.exact else result.tol / payoff_scale(game)  # regret is in payoff units
    equilibria = []
    for eq in result:
        entry = {"strategies": {player: jsonout.numbers(dict(zip(names, vector)), probability_tol)
                                for player, names, vector in zip(game.players, game.strategies, eq.strategies)},
                 "payoffs": jsonout.numbers(dict(zip(game.players, eq.payoffs)), payoff_tol),
                 "regret": number_json(eq.regret, payoff_tol)}
        if eq.algebraic is not None:
            entry["algebraic"] = {player: {s: str(p) for s, p in zip(names, vector)}
                                  for player, names, vector in zip(game.players, game.strategies, eq.algebraic)}
        equilibria.append(entry)
    data.update(exact=result.exact, tolerance=jsonout.tolerance(result.tol), method=result.method,
                degenerate=result.degenerate, equilibria=equilibria,
                components=[list(c) for c in result.components])
    return data


def _solve_without_table(model, settings, args) -> int:
    """``solve`` for a model without a payoff table (a game tree, a stochastic game): its own equilibria, exact.

    The model prints its game and the result (``model.solution_text``); the
    JSON lists the result's equilibria as it gives them (``json_equilibria``).
    """
    point = model.values(**settings)
    result = model.equilibria(exact=True, **point)
    if args.json:
        data = jsonout.envelope("solve", model, point, complete=result.complete, scope=result.scope)
        data.update(exact=True, tolerance=None, method=result.method, degenerate=None,
                    equilibria=result.json_equilibria())
        output.emit(jsonout.dump(data), args)
        return 0
    lines = [model.title, "Parameters: " + ", ".join(f"{k} = {v}" for k, v in point.items()), "",
             model.solution_text(result, **point)]
    output.emit("\n".join(lines), args)
    return 0


def run(args) -> int:
    output.check_files(args, ".json" if args.json else ".txt")
    if args.model.endswith(".nfg"):
        options.settings(args.set, None)
        from ..nfg import read_nfg
        game, model, settings = read_nfg(args.model), None, {}
    else:
        model = load_model(args.model)
        settings = options.settings(args.set, model)
        if model.payoff_table is None:  # no payoff table to print: the model prints its game and equilibria
            return _solve_without_table(model, settings, args)
        game = model.game(**settings)
        if args.json and game.kind == "symbolic":  # payoffs in a private type: the model's own (cut-point) equilibria
            result = model.equilibria(exact=args.exact, method=args.method, **settings)
            data = jsonout.envelope("solve", model, result.parameters, complete=result.complete, scope=result.scope)
            data.update(exact=result.exact, tolerance=None if result.exact else jsonout.tolerance(result.tol),
                        method=result.method, degenerate=None, equilibria=result.json_equilibria())
            output.emit(jsonout.dump(data), args)
            return 0
    if args.method == "vertex" and game.n_players != 2:
        raise InputError(f"--method vertex solves 2-player games; this game has {game.n_players} players "
                         f"(--method polynomial or auto)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the result's `complete` flag says it in the output
        if model is None or args.json:  # the JSON shape is that of the payoff table's Nash equilibria
            result = game.equilibria(exact=args.exact, method=args.method)
            if model is not None:
                result = result.with_parameters(model.values(**settings))
        else:  # every model kind's own equilibria (cut-point equilibria for private types), which print themselves
            result = model.equilibria(exact=args.exact, method=args.method, **settings)
    if args.json:
        output.emit(jsonout.dump(_result_json(result, model, args.model)), args)
        return 0
    lines = [model.title if model else (game.title or args.model)]
    if model is not None:
        lines.append("Parameters: " + ", ".join(f"{k} = {v}" for k, v in result.parameters.items()))
    output.emit("\n".join([*lines, "", game.table(), "", result.text()]), args)
    return 0
