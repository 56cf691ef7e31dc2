"""Reading command-line arguments: every refusal is an :class:`~sbgames.errors.InputError` naming the option.

Examples
--------
>>> integer("12", "--samples 12", 1, 100)
12
>>> integer("0", "--samples 0", 1, 100)
Traceback (most recent call last):
...
sbgames.errors.InputError: --samples 0: must be at least 1
"""

from __future__ import annotations

from ..errors import InputError
from ..numeric import parse_number


def refused(where: str, call, /, *args, **kwargs):
    """Run a check of user input; report a refused value as an InputError naming `where`."""
    try:
        return call(*args, **kwargs)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def number(text: str, where: str):
    """A number as the user wrote it (integer, decimal or p/q), read exactly; `where` names the option."""
    return refused(where, parse_number, text.strip())


def integer(text: str, where: str, low: int, high: int, unit: str = "") -> int:
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


def settings(items, model) -> dict:
    """``--set name=value`` options read exactly and checked against the model's parameters and bounds."""
    values = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--set expects name=value, got {item!r}")
        if name.strip() in values:
            raise InputError(f"--set {item}: {name.strip()} is set twice")
        values[name.strip()] = number(value, f"--set {item}")
    if values and model is None:
        raise InputError(".nfg games have no parameters; drop --set")
    if model is not None:
        refused("--set", model.values, **values)
    return values


def fixed(items, model, axes: list) -> dict:
    """``--set`` values of a map or sweep: a parameter on an axis varies, so it cannot be set too."""
    fixed = settings(items, model)
    for name in axes:
        if name in fixed:
            raise InputError(f"--set {name}: {name} varies along an axis of this command; drop --set {name}")
    return fixed


def axis(text: str, option: str, model) -> tuple:
    """``name:low:high`` read exactly; the name and the parameter's bounds checked (a range may cross a
    constraint between parameters: the map shows where it fails)."""
    from ..analysis.regions import parse_range
    name, low, high = parse_range(text, option)
    if name not in model.parameters:
        refused(f"{option} {text}", model.values, **{name: low})  # says which names there are
    for end in (low, high):
        refused(f"{option} {text}", model.parameters[name].check, end)
    return name, low, high


def resolution(args, axes: int) -> int:
    from ..analysis.regions import MAX_POINTS, MAX_RESOLUTION
    resolution = integer(args.resolution, f"--resolution {args.resolution}", 2, MAX_RESOLUTION, " points per axis")
    if getattr(args, "method", None) == "numeric" and resolution ** axes > MAX_POINTS:
        raise InputError(f"--resolution {args.resolution}: {resolution ** axes:,} points to solve one by one, "
                         f"over the limit of {MAX_POINTS:,} points per map")
    return resolution
