"""``sbgames regions`` and ``sbgames statics``: phase diagrams and sweeps of parameter space."""

from __future__ import annotations

from ..errors import InputError
from ..modelfile import load_model
from ..results import number_json
from . import conditions, jsonout, options, output


_PARTIAL = "not complete at every point: regions marked \"complete\": false list partial results (see warnings)"


def _axis(axis: tuple, points: int) -> dict:
    name, low, high = axis
    return {"parameter": name, "low": number_json(low), "high": number_json(high), "points": points}


def _shares(entries) -> list:
    return [{**entry, "share": jsonout.statistic(entry["share"])} for entry in entries]


def _map_json(rmap, x: tuple, y: tuple | None) -> dict:
    """A phase map in the one JSON shape (its fixed parameters as the point)."""
    data = jsonout.envelope("regions", rmap.model, rmap.fixed, complete=rmap.complete,
                            scope="complete" if rmap.complete else _PARTIAL, warnings=rmap.warnings)
    data.update(method=rmap.method, x=_axis(x, len(rmap.x)), y=_axis(y, len(rmap.y)) if y else None,
                regions=_shares(rmap.to_dict()["regions"]), boundaries=[str(b) for b in rmap.boundaries],
                caption=rmap.caption())
    return data


def _sweep_json(sweep, param: tuple, method: str) -> dict:
    """A sweep in the one JSON shape: the labels along it as regions, regime changes as number objects."""
    data = jsonout.envelope("statics", sweep.model, sweep.fixed, complete=sweep.complete,
                            scope="complete" if sweep.complete else _PARTIAL, warnings=sweep.warnings)
    data.update(method=method, x=_axis(param, len(sweep.values)), regions=_shares(sweep.to_dict()["labels"]),
                regime_changes=[{"value": number_json(c.value if c.exact is None else c.exact),
                                 "before": c.before, "after": c.after} for c in sweep.boundaries],
                caption=sweep.caption())
    return data


def regions(args) -> int:
    model = load_model(args.model)
    x = options.axis(args.x, "--x", model)
    y = options.axis(args.y, "--y", model) if args.y else None
    if y is not None and y[0] == x[0]:
        raise InputError(f"--x and --y must be different parameters, both are {x[0]}")
    resolution = options.resolution(args, 2 if y else 1)
    fixed = options.fixed(args.set, model, [x[0], *([y[0]] if y else [])])
    output.check_files(args)
    import matplotlib
    matplotlib.use("Agg")
    from ..analysis.regions import regions as phase_map
    rmap = phase_map(model, x=x, y=y, resolution=resolution, fixed=fixed, progress=args.progress, method=args.method)
    if args.json:
        print(jsonout.dump(_map_json(rmap, x, y)), flush=True)
        output.save_files(rmap, args, style=args.style)
        return 0
    print(rmap.caption())
    print(f"method: {rmap.method}")
    shares = rmap.shares()
    rows = [["region", "share"]] + [[name, f"{share:.1%}"] for name, share in shares.items() if share >= 0.0005]
    print(output.table(rows))
    if len(rows) - 1 < len(shares):
        print(f"  and {len(shares) - len(rows) + 1} more under 0.05% of the grid (see --csv)")
    for b in rmap.boundaries:
        print(f"  boundary: {b}")
    output.save_files(rmap, args, style=args.style)
    return 0


def statics(args) -> int:
    model = load_model(args.model)
    if model.payoff_table is None:
        raise InputError(f"statics works on normal-form models; {model.name!r} is {model.kind_name}: "
                         f"sbgames regions {model.name} --x NAME:LOW:HIGH maps its subgame-perfect paths")
    if args.symbolic:
        if args.param or args.csv or args.json or args.method != "auto":
            raise InputError("--symbolic gives the signs in closed form: drop --param, --csv, --json and --method")
        output.check_files(args, ".tex" if args.latex else ".txt")
        from ..analysis import sign_table
        from ..latex import sign_table as sign_table_latex
        conditions.warn_if_slow(model, "statics")
        table = sign_table(model)
        scope = conditions.closed_form_scope(model.symbolic_equilibria())
        if args.latex:
            output.emit(sign_table_latex(table, model), args)
        else:
            output.emit(table.text() if scope == "complete" else f"Closed-form branches: {scope}\n\n{table.text()}", args)
        return 0
    if args.latex:
        raise InputError("--latex goes with --symbolic (the signs in closed form)")
    if not args.param:
        raise InputError("give --param name:low:high (or --symbolic for the signs in closed form)")
    param = options.axis(args.param, "--param", model)
    resolution = options.resolution(args, 1)
    fixed = options.fixed(args.set, model, [param[0]])
    output.check_files(args)
    import matplotlib
    matplotlib.use("Agg")
    from ..analysis.statics import statics as sweep_of
    sweep = sweep_of(model, param=param, fixed=fixed, resolution=resolution, method=args.method)
    if args.json:
        print(jsonout.dump(_sweep_json(sweep, param, args.method)))
    else:
        print(sweep.caption())
        print(output.table([["label", "share of the sweep"]]
                     + [[entry["label"], f"{entry['share']:.1%}"] for entry in sweep.to_dict()["labels"]
                        if entry["share"] >= 0.0005]))
        for change in sweep.boundaries:
            print(f"  regime change {change}")
    output.save_files(sweep, args, quantities=args.quantities, style=args.style)
    return 0
