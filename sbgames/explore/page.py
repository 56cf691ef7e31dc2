"""The data an explorer page carries, and the page itself.

:func:`page_data` describes a model for the page: its parameters and their
ranges, and either its closed forms compiled to JavaScript (the page then
computes every equilibrium itself, exactly) or, for a model without a
complete closed form, the equilibria solved in Python on a grid over the two
mapped parameters (the page then shows the nearest grid point and says so).
:func:`page_html` inlines that data, the script and the style sheet into one
self-contained HTML file: no server, no network, no external script or font.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from fractions import Fraction
from importlib import resources

from ..errors import InputError, SbgamesError
from ..numeric import format_number
from . import jscode

__all__ = ["page_data", "page_html", "MAX_GRID", "DEFAULT_GRID"]

#: Grid points per axis for a model solved in Python (the page's resolution then).
DEFAULT_GRID = 11
#: Refused above this many points per axis: each point is one solve in Python.
MAX_GRID = 81
#: Slider steps between a parameter's ends (the text field takes any exact value).
SLIDER_STEPS = 240
_SLOT = re.compile(r"\{\{(TITLE|STYLE|DATA|CLOSED|SCRIPT)\}\}")


def parameter_range(param) -> tuple[Fraction, Fraction]:
    """The slider's ends: the parameter's bounds, or a range around its default.

    Examples
    --------
    >>> from sbgames import load_model
    >>> [str(v) for v in parameter_range(load_model("core").parameters["e_s"])]
    ['0', '1']
    """
    default = Fraction(param.default)
    low = param.min if param.min is not None else param.above
    high = param.max if param.max is not None else param.below
    if low is None:
        low = min(Fraction(0), 2 * default) if high is None else min(Fraction(0), 2 * default, Fraction(high) - 1)
    if high is None:
        high = max(2 * default - low, low + 1)
    return Fraction(low), Fraction(high)


def _text(value) -> str:
    """Exact numbers as ``"p/q"``; a float (an irrational equilibrium's value) to 6 digits."""
    return format_number(value if isinstance(value, float) else Fraction(value))


def _parameters(model) -> list:
    out = []
    for name, param in model.parameters.items():
        low, high = parameter_range(param)
        out.append({"name": name, "description": param.description, "latex": param.latex or name,
                    "default": _text(param.default), "low": _text(low), "high": _text(high),
                    "integer": bool(param.integer), "steps": SLIDER_STEPS,
                    **{bound: None if getattr(param, bound) is None else _text(getattr(param, bound))
                       for bound in ("min", "max", "above", "below")}})
    return out


def _axis(model, spec, fallback: int) -> list:
    names = list(model.parameters)
    if spec is None:
        if len(names) <= fallback:
            raise InputError(f"model {model.name!r} has fewer than two parameters to map")
        name = names[fallback]
        low, high = parameter_range(model.parameters[name])
        return [name, _text(low), _text(high)]
    name, low, high = spec
    if name not in model.parameters:
        raise InputError(f"model {model.name!r} has no parameter {name!r}; it has {', '.join(names)}")
    low, high = Fraction(low), Fraction(high)
    if not low < high:
        raise InputError(f"axis {name!r}: the low end {low} is not below the high end {high}")
    return [name, _text(low), _text(high)]


def closed_form_script(model, branches) -> str:
    """JavaScript defining ``CLOSED``: payoff table, branches and constraints as functions of ``(K, P)``.

    Raises :class:`~sbgames.explore.jscode.NotCompilable` for closed forms
    the exact arithmetic cannot evaluate.
    """
    def fn(body: str) -> str:
        return f"(K, P) => {body}"

    payoffs = [f"[{json.dumps(list(profile))}, {fn('[' + ', '.join(map(jscode.expression, values)) + ']')}]"
               for profile, values in model.payoffs.items()]
    rows = []
    for branch in branches:
        strategies = "[" + ", ".join("[" + ", ".join(jscode.expression(p) for p in vec) + "]"
                                     for vec in branch.strategies) + "]"
        rows.append("{" + f"label: {json.dumps(branch.label)}, holds: {fn(jscode.condition(branch.conditions))}, "
                    f"strategies: {fn(strategies)}, "
                    f"payoffs: {fn('[' + ', '.join(map(jscode.expression, branch.payoffs)) + ']')}" + "}")
    constraints = [f"[{json.dumps(text)}, {fn(jscode.condition(cond))}]" for text, cond in model.constraints]
    return ("const CLOSED = {\n  payoffs: [\n    " + ",\n    ".join(payoffs) + "],\n  branches: [\n    "
            + ",\n    ".join(rows) + "],\n  constraints: [\n    " + ",\n    ".join(constraints) + "]\n};\n")


def _closed_forms(model):
    """``(script, None)``: the complete rational closed forms compiled (:func:`closed_form_script`),
    else ``(None, reason)``."""
    if model.payoff_table is None:
        return None, "the model has no payoff table in closed form"
    try:
        result = model.symbolic_equilibria()
    except SbgamesError as error:
        return None, f"its closed forms were not derived ({error})"
    if not getattr(result, "complete", False):
        return None, "its closed forms are not complete"
    if any(branch.strategies is None for branch in result):
        return None, "its closed forms do not give mixed strategies"
    try:
        return closed_form_script(model, result), None
    except jscode.NotCompilable as error:
        return None, f"a closed form is not rational ({error})"


def _table_script(model) -> str:
    """The payoff table and constraints alone, for a model solved on a grid ("" if not rational)."""
    if model.payoff_table is None:
        return ""
    try:
        return closed_form_script(model, [])
    except jscode.NotCompilable:
        return ""


def _grid(model, x, y, resolution: int) -> dict:
    """Every equilibrium at the centre of each cell of a resolution x resolution grid, solved in Python.

    Centres, not ends, so that a bound such as ``g > 0`` at an axis end is never solved at.
    """
    def points(axis):
        low, high = Fraction(axis[1]), Fraction(axis[2])
        return [low + (high - low) * (2 * k + 1) / (2 * resolution) for k in range(resolution)]  # cell centres

    xs, ys = points(x), points(y)
    cells, scope = [], None
    for yv in ys:
        row = []
        for xv in xs:
            result = model.equilibria(exact=True, **{x[0]: xv, y[0]: yv})
            scope = scope or (None if result.complete else result.scope)
            row.append([_equilibrium(eq) for eq in result])
        cells.append(row)
    return {"xs": [_text(v) for v in xs], "ys": [_text(v) for v in ys], "cells": cells, "scope": scope}


def _equilibrium(eq) -> dict:
    """What the page shows of one equilibrium; a game tree's profile (a plan per node) is its own map label."""
    out = {"describe": eq.describe(), "payoffs": [_text(v) for v in eq.payoffs]}
    if isinstance(eq.strategies, Mapping):
        out["label"] = out["describe"]
    else:
        out["strategies"] = [[_text(p) for p in vec] for vec in eq.strategies]
    return out


def page_data(model, x=None, y=None, grid: int = DEFAULT_GRID) -> tuple[dict, str]:
    """The page's data (JSON-ready) and its closed-form script ("" in grid mode).

    Parameters
    ----------
    model : a loaded model
    x, y : (name, low, high), optional
        The phase diagram's axes (the model's first two parameters by default).
    grid : int
        Points per axis when the equilibria must be solved in Python, 2 to
        :data:`MAX_GRID`.
    """
    if isinstance(grid, bool) or not isinstance(grid, int) or not 2 <= grid <= MAX_GRID:
        raise InputError(f"grid must be an integer from 2 to {MAX_GRID} points per axis; got {grid!r}")
    x, y = _axis(model, x, 0), _axis(model, y, 1)
    if x[0] == y[0]:
        raise InputError(f"the two axes must be different parameters; both are {x[0]!r}")
    script, reason = _closed_forms(model)
    data = {"model": model.name, "title": model.title or model.name, "players": list(model.players),
            "strategies": [list(s) for s in getattr(model, "strategies", ()) or ()],
            "parameters": _parameters(model), "x": x, "y": y,
            "mode": "closed-form" if script is not None else "grid"}
    if script is not None:
        data["scope"] = "complete: every equilibrium, from the closed forms, in exact arithmetic"
        return data, script
    data["reason"] = reason
    data["grid"] = _grid(model, x, y, grid)
    data["scope"] = data["grid"]["scope"] or "complete at each grid point"
    return data, _table_script(model)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def page_html(data: dict, script: str) -> str:
    """One self-contained HTML document for the explorer."""
    payload = json.dumps(data).replace("</", "<\\/")
    title = html.escape(f"{data['title']} - sbgames explorer")
    parts = {"TITLE": title, "STYLE": _asset("explorer.css"), "DATA": payload,
             "CLOSED": script.replace("</", "<\\/") or "const CLOSED = null;\n", "SCRIPT": _asset("explorer.js")}
    return _SLOT.sub(lambda match: parts[match.group(1)], _asset("explorer.html"))
