"""``sbgames models``, ``sbgames show`` and ``sbgames case``: what is bundled, one model, one case.

Examples
--------
>>> import argparse
>>> show(argparse.Namespace(model="prisoners_dilemma"))  # doctest: +ELLIPSIS
prisoners_dilemma: Prisoner's Dilemma: cooperate or defect
...
0
"""

from __future__ import annotations

from .. import cases
from ..modelfile import list_models, load_model
from . import jsonout, options, output

#: The most points ``sbgames case`` draws for the robustness share (each point is one solve).
MAX_SAMPLES = cases.MAX_SAMPLES
#: The largest random seed ``sbgames case`` takes.
MAX_SEED = 2 ** 32 - 1


def case(args) -> int:
    if args.name is None:
        rows = [[name, title] for name, title in cases.list_cases()]
        print(output.table(rows, indent="") if rows else "no bundled cases found")
        return 0
    samples = options.integer(args.samples, f"--samples {args.samples}", 1, MAX_SAMPLES, " points")
    seed = options.integer(args.seed, f"--seed {args.seed}", 0, MAX_SEED)
    model = options.refused(f"case {args.name}", cases.load_case, args.name)
    if args.json:
        data = cases.report(model, samples=samples, seed=seed)
        scope = data["regime"]["equilibria"]
        print(jsonout.dump({**jsonout.envelope("case", model, model.values(), complete=scope == "complete",
                                               scope=scope), **data}))
    else:
        print(cases.story(model, samples=samples, seed=seed))
    return 0


def models(args) -> int:
    rows = [[name, title] for name, title in list_models()]
    print(output.table(rows, indent="") if rows else "no bundled models found")
    return 0


def show(args) -> int:
    model = load_model(args.model)
    print(f"{model.name}: {model.title}")
    if model.source:
        print(f"Source: {model.source}")
    print()
    print("Players: " + "; ".join(f"{pid} ({name})" + (f": {', '.join(s)}" if s else "") for pid, name, s in
                                  zip(model.players, model.player_names,
                                      getattr(model, "strategies", [()] * len(model.players)))))
    print()
    if model.parameters:
        rows = [["parameter", "default", "bounds", "meaning"]]
        rows += [[p.name, str(p.default), p.bounds_text(), p.description] for p in model.parameters.values()]
        print(output.table(rows, indent=""))
    for text, _ in model.constraints:
        print(f"constraint: {text}")
    print()
    game = model.symbolic_game()
    print(game.table() if model.payoff_table is not None else game.text())  # a game tree prints as a tree
    return 0
