"""The one JSON shape of every ``--json`` output (described in ``docs/reference/json-output.md``).

Every command's data starts with the same keys, whatever the family of the
model (normal form with two or more players, game tree, repeated game,
calibrated case):

``format``
    :data:`FORMAT`, the version of the shape.
``command``
    The subcommand (``"solve"``, ``"regions"``, ...).
``model``, ``kind``, ``players``
    The model's name (or the ``.nfg`` file), its kind (``"normal"`` or
    ``"extensive"``) and its player ids.
``parameters``
    The parameter point the command worked at (for a map or sweep: the fixed
    parameters; for a case: the calibrated values), each value a number object.
``complete``, ``scope``, ``warnings``
    Whether the result is complete, the scope in words, and every warning.

A number of the game (a parameter value, a probability, a payoff, a
threshold) is a *number object* made by :func:`sbgames.results.number_json`:
``{"exact": "1/2", "float": 0.5}`` when known exactly, ``{"exact": null,
"float": 0.5}`` for a float result, rounded to the stated tolerance.  Payoffs
are keyed by player id.  The JSON Schema ``sbgames/schema/result.schema.json``
(:func:`schema`) states the shape.

Examples
--------
>>> from fractions import Fraction
>>> from sbgames import load_model
>>> data = envelope("solve", load_model("prisoners_dilemma"), {"reward": Fraction(3)}, complete=True,
...                 scope="complete")
>>> data["format"], data["kind"], data["players"], data["parameters"]
('sbgames-result/1', 'normal', ['A', 'B'], {'reward': {'exact': '3', 'float': 3.0}})
"""

from __future__ import annotations

import json
from importlib import resources

from ..results import FLOAT_DIGITS, number_json

__all__ = ["FORMAT", "envelope", "numbers", "statistic", "dump", "schema", "tolerance"]

#: The name and version of the shape; a change that breaks readers gets a new number.
FORMAT = "sbgames-result/1"


def numbers(values, tol: float | None = None) -> dict:
    """A mapping of names to numbers as a mapping of names to number objects.

    Examples
    --------
    >>> from fractions import Fraction
>>> numbers({"A": 0.4999999999999996, "B": Fraction(1, 3)}, tol=1e-9)
    {'A': {'exact': None, 'float': 0.5}, 'B': {'exact': '1/3', 'float': 0.3333333333333333}}
    """
    return {str(k): number_json(v, tol) for k, v in values.items()}


def statistic(value: float) -> float:
    """A share or interval end of a grid or sample: a plain number, :data:`~sbgames.results.FLOAT_DIGITS` significant digits.

    Examples
    --------
    >>> statistic(0.8181818181818182), statistic(1)
    (0.818181818182, 1.0)
    """
    return float(f"{float(value):.{FLOAT_DIGITS}g}")


def tolerance(tol: float | None) -> float | None:
    """A stated tolerance for JSON: three significant digits (``8.600000000000001e-09`` is ``8.6e-09``).

    Examples
    --------
    >>> tolerance(8.600000000000001e-09), tolerance(None)
    (8.6e-09, None)
    """
    return None if tol is None else float(f"{tol:.3g}")


def envelope(command: str, model, parameters, *, complete: bool, scope: str, warnings=(),
             name: str | None = None, players=None) -> dict:
    """The keys every ``--json`` output starts with.

    Parameters
    ----------
    command : str
        The subcommand.
    model : Model, ExtensiveModel or None
        None for a game read from a ``.nfg`` file (then give `name` and `players`).
    parameters : mapping
        The parameter point, exact values.
    complete : bool
    scope : str
    warnings : iterable of str
    name : str, optional
        The model's name as the user gave it, when there is no model.
    players : sequence of str, optional
        The player ids, when there is no model.
    """
    return {"format": FORMAT, "command": command,
            "model": model.name if model is not None else name,
            "kind": model.kind if model is not None else "normal",
            "players": list(model.players if model is not None else players),
            "parameters": numbers(parameters),
            "complete": bool(complete), "scope": scope, "warnings": [str(w) for w in warnings]}


def dump(data: dict) -> str:
    """The JSON text: indented, and refusing NaN or infinity (which JSON does not have).

    Examples
    --------
    >>> print(dump({"share": 0.5}))
    {
      "share": 0.5
    }
    """
    return json.dumps(data, indent=2, allow_nan=False)


def schema() -> dict:
    """The JSON Schema of the shape, as shipped in the package.

    Examples
    --------
    >>> schema()["properties"]["format"]["const"] == FORMAT
    True
    """
    text = resources.files("sbgames").joinpath("schema", "result.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
