"""Model files that build on another model: inheritance with the ``base`` field.

A model file may take its game from elsewhere and only restate what
differs: calibrated cases and many-state models are written this way.

``base = "core"``
    Inherit a bundled model: its players, strategies, payoffs (or game
    tree), parameters, constraints and ``[repeated]`` section.
``[base]`` with ``factory = ...``
    Build the game with one of the model factories, the remaining fields
    being its arguments: ``collective`` (:func:`~sbgames.nplayer.collective.collective_model`:
    ``n``, ``rule``, ``kappa``, ``weights``, ``costs``), ``institutional``
    and ``two_level`` (see :mod:`sbgames.nplayer`).  This is how a model
    file gets the number of states and the decision rule as parameters.

The derived file then may

* change inherited parameters (``[parameters.theta] default = 4``, with
  any other parameter field such as ``justification`` or ``plausible``;
  naming a parameter the base lacks is an error);
* add ``constraints``;
* give its own ``name``, ``title``, ``source``, ``description``,
  ``[[expected]]``, ``[repeated]`` and ``[case]``.

It may not restate the game itself (``players``, ``payoffs``, ``nodes``,
``kind``).  The base's ``name``, ``title``, ``[[expected]]`` blocks and
``[case]`` are not inherited: they describe the base, not the derived
model (a model file's name defaults to its file name).

Examples
--------
>>> from sbgames.modelfile import read_model
>>> m = read_model({"name": "low_cost", "base": "core",
...                      "parameters": {"l": {"default": "1/2"}}})
>>> m.parameters["l"].default, m.players
(Fraction(1, 2), ('T', 'S'))
>>> [eq.describe() for eq in m.equilibria(exact=True)]
['T: Revise; S: Soft']
>>> veto = read_model({"base": {"factory": "collective", "n": 2, "rule": "threshold", "kappa": 1}})
>>> veto.players
('T', 'S1', 'S2')
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping

from ..parameters import ParametrisedModel, did_you_mean
from .bundled import bundled_names

__all__ = ["resolve_base", "factories", "FACTORY_NAMES", "OWN_FIELDS"]

#: The model factories a ``[base]`` table may name.
FACTORY_NAMES = ("collective", "institutional", "two_level")


def factories() -> dict:
    """Factory name -> the function that builds the model.

    Imported when a file names a factory, not before: :mod:`sbgames.nplayer`
    loads scipy, which reading a plain model file does not need.
    """
    from ..nplayer.collective import collective_model
    from ..nplayer.institutional import institutional_model
    from ..nplayer.two_level import two_level_model
    return {"collective": collective_model, "institutional": institutional_model, "two_level": two_level_model}
#: Fields a derived model file may give itself.
OWN_FIELDS = ("base", "name", "title", "source", "description", "parameters", "constraints", "expected",
              "repeated", "case", "labels")
_NOT_INHERITED = ("name", "title", "expected", "case", "base")
_MAX_DEPTH = 8


def _base_data(base, fail, load, depth: int) -> dict:
    """The data dict of the model named or built by `base`."""
    if isinstance(base, str):
        bundled = bundled_names()
        if base not in bundled:
            fail("base", f"{base!r} is not a bundled model{did_you_mean(base, bundled)} "
                         f"(bundled: {', '.join(bundled)})")
        model = load(base)
    elif isinstance(base, Mapping):
        factory = base.get("factory")
        if not isinstance(factory, str) or factory not in FACTORY_NAMES:
            fail("base.factory", f"{factory!r} is not a model factory{did_you_mean(factory, FACTORY_NAMES)} "
                                 f"(use one of: {', '.join(FACTORY_NAMES)})")
        build = factories()[factory]
        arguments = {k: v for k, v in base.items() if k != "factory"}
        allowed = list(inspect.signature(build).parameters)
        for key in arguments:
            if key not in allowed:
                fail(f"base.{key}", f"factory {factory!r} has no argument {key!r}{did_you_mean(key, allowed)} "
                                    f"(its arguments: {', '.join(allowed)})")
        try:
            model = build(**arguments)
        except TypeError as exc:
            fail("base", f"bad arguments for factory {factory!r}: {exc}")
        except ValueError as exc:
            fail("base", f"factory {factory!r} refused {arguments!r}: {exc}")
    else:
        fail("base", f"expected a bundled model's name or a table with a factory, found {base!r}")
    if not isinstance(model, ParametrisedModel) or model.origin is None:
        fail("base", f"{base!r} did not give a model read from model data")
    _, (data, *_) = model.origin  # (read_model, (data, source, path)), set by the reader
    data = dict(data)
    if "base" in data:  # a bundled model that is itself derived: resolve it first
        data = resolve_base(data, fail, load, depth + 1)
    return data


def _merge_parameters(inherited: Mapping, changes, fail) -> dict:
    if not isinstance(changes, Mapping):
        fail("parameters", f"expected a table of parameter changes, found {changes!r}")
    merged = {name: dict(spec) if isinstance(spec, Mapping) else {"default": spec}
              for name, spec in inherited.items()}
    for name, change in changes.items():
        if name not in merged:
            fail(f"parameters.{name}", f"the base model has no parameter {name!r}{did_you_mean(name, merged)} "
                                       f"(a derived model can only change inherited parameters: "
                                       f"{', '.join(merged)})")
        merged[name].update(change if isinstance(change, Mapping) else {"default": change})
    return merged


def resolve_base(data: Mapping, fail, load, depth: int = 0) -> dict:
    """The complete model data of a file that names a ``base`` (see the module docstring).

    Parameters
    ----------
    data : mapping
        The parsed model file, with a ``base`` field.
    fail : callable
        ``fail(field, message)`` raises the reader's error naming the file.
    load : callable
        ``load(name)`` gives the bundled model of that name
        (:func:`sbgames.modelfile.load_model`).

    Returns
    -------
    dict
        Model data without ``base``, as if the file had been written in full.
    """
    if depth > _MAX_DEPTH:
        fail("base", f"models derive from each other more than {_MAX_DEPTH} levels deep (a cycle?)")
    for key in data:
        if key not in OWN_FIELDS:
            fail(key, f"a model with a base cannot set {key!r}: it inherits the game "
                      f"(allowed fields: {', '.join(OWN_FIELDS)})")
    merged = {k: v for k, v in _base_data(data["base"], fail, load, depth).items() if k not in _NOT_INHERITED}
    for key, value in data.items():
        if key == "parameters":
            merged["parameters"] = _merge_parameters(merged.get("parameters", {}), value, fail)
        elif key == "constraints":
            if not isinstance(value, list):
                fail("constraints", f"expected a list of conditions such as \"c_h > c_s\", found {value!r}")
            merged["constraints"] = list(merged.get("constraints", [])) + list(value)
        elif key != "base":
            merged[key] = value
    return merged
