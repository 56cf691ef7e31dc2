"""``sbgames repeated``: trigger strategies in the repeated game, the discount factors that sustain them."""

from __future__ import annotations

import contextlib
import math
import sys

from ..errors import InputError
from ..modelfile import load_model
from ..results import number_json
from . import jsonout, options, output


#: The payoff set's vertices are within about ``1e-9 delta / (1 - delta)`` of the true set (the iteration's
#: stated accuracy, see :func:`sbgames.repeated.payoff_set.payoff_set`); JSON rounds them to the power of ten
#: at or above ten times that.
_PAYOFF_SET_ACCURACY = 1e-8
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
    from .. import repeated
    from ..repeated.automaton import MAX_PUNISHMENT_PERIODS
    if name.startswith("k-period:"):
        k = options.integer(name.split(":", 1)[1], f"--strategy {name}", 1, MAX_PUNISHMENT_PERIODS, " punishment periods")
        return [repeated.k_period_punishment(c, d, k) for c, d in zip(cooperate, punish)]
    if name not in _STRATEGIES:
        raise InputError(f"--strategy {name}: unknown; choose grim, tft, wsls or k-period:K "
                         f"(K from 1 to {MAX_PUNISHMENT_PERIODS})")
    factory = getattr(repeated, _STRATEGIES[name])
    return [factory(c, d) for c, d in zip(cooperate, punish)]


def _discount(text: str):
    delta = options.number(text, f"--delta {text}")
    if not 0 < delta < 1:
        raise InputError(f"--delta {text}: a discount factor must lie strictly between 0 and 1")
    return delta


def run(args) -> int:
    from ..repeated import RepeatedGame
    from ..repeated.infinite import MAX_POLICIES
    from ..conditions import condition_text
    model = load_model(args.model)
    if model.payoff_table is None:
        raise InputError(f"{model.name!r} is {model.kind_name}; a repeated game needs a normal-form stage game")
    settings = options.settings(args.set, model)
    delta = None if args.delta is None else _discount(args.delta)
    if args.payoff_set:
        if delta is None:
            raise InputError("--payoff-set needs --delta")
        if len(model.players) != 2:
            raise InputError(f"--payoff-set needs a 2-player stage game; {model.name!r} has {len(model.players)}")
        output.check_files(args)
    elif args.output is not None:
        raise InputError("-o writes the figure of --payoff-set; add --payoff-set --delta D")
    cooperate, punish = _actions(args.cooperate, model, "cooperate"), _actions(args.punish, model, "punish")
    automata = _automata(args.strategy, cooperate, punish)
    game = model.game(**settings)
    symbolic = RepeatedGame(game)
    policies = symbolic.nash_policies(automata)  # known before any derivation
    lines = [f"{model.title}: {automata[0].name} strategies",
             "  on the path: " + ", ".join(f"{p} {a}" for p, a in zip(model.players, cooperate))
             + "; punishment: " + ", ".join(f"{p} {a}" for p, a in zip(model.players, punish))]
    data = {"strategy": automata[0].name, "cooperate": dict(zip(model.players, cooperate)),
            "punish": dict(zip(model.players, punish)), "conditions": {}, "at_delta": None,
            "in_parameters": None, "payoff_set": None}
    checks = [("subgame perfect", "subgame_perfect", "is_subgame_perfect"), ("Nash", "nash", "is_nash")]
    nash_skipped = (f"Nash: not checked ({policies:,} stationary policies of one player to compare, over the "
                    f"limit of {MAX_POLICIES:,}; subgame perfection above implies it)")
    skipped = policies > MAX_POLICIES
    for kind, key, method in checks:
        if method == "is_nash" and skipped:
            lines.append(f"  {nash_skipped}")
            data["conditions"][key] = None
            continue
        data["conditions"][key] = condition_text(getattr(symbolic, method)(automata).condition)
        lines.append(f"  {kind} iff {data['conditions'][key]}")
    if delta is not None:
        at = RepeatedGame(game, delta=delta)
        data["at_delta"] = {"delta": number_json(delta)}
        for kind, key, method in checks:
            if method == "is_nash" and skipped:
                data["at_delta"][key] = None
                continue
            verdict = getattr(at, method)(automata)
            data["at_delta"][key] = {"holds": bool(verdict),
                                     "deviation": None if verdict or not verdict.deviation else str(verdict.deviation)}
            answer = "yes" if verdict else f"no: {verdict.deviation}" if verdict.deviation else "no"
            lines.append(f"  at delta = {args.delta}: {kind}? {answer}")
    if args.symbolic:
        verdict = RepeatedGame(model).is_subgame_perfect(automata)
        data["in_parameters"] = {"subgame_perfect": condition_text(verdict.condition)}
        lines.append(f"  in the model's parameters: subgame perfect iff {data['in_parameters']['subgame_perfect']}")
    ps = None
    if args.payoff_set:
        ps = RepeatedGame(game, delta=delta).subgame_perfect_payoffs()
        accuracy = 10.0 ** math.ceil(math.log10(_PAYOFF_SET_ACCURACY * float(delta) / (1 - float(delta))))
        data["payoff_set"] = {"kind": ps.kind, "accuracy": accuracy,
                              "vertices": [[number_json(x, accuracy), number_json(y, accuracy)] for x, y in ps.vertices]}
        lines.append(f"  pure subgame-perfect payoff set ({ps.kind}): "
                     + "; ".join(f"({x:.4g}, {y:.4g})" for x, y in ps.vertices))
    if args.json:
        envelope = jsonout.envelope("repeated", model, model.values(**settings), complete=not skipped,
                                    scope=f"not complete: {nash_skipped}" if skipped else "complete")
        print(jsonout.dump({**envelope, **data}))
    else:
        print("\n".join(lines))
    if ps is not None and args.output:
        import matplotlib
        matplotlib.use("Agg")
        from ..repeated.payoff_set import plot_payoff_set
        rows, cols = game.strategies
        with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
            output.save_figure(plot_payoff_set(ps, profile_labels=[f"{r}, {c}" for r in rows for c in cols],
                                               style=args.style), args.output)
    return 0
