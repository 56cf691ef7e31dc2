"""The ``[labels]`` table of a normal-form model file: readable names for outcomes in figures.

Each key is an equilibrium as region labels write it (``"Revise / Soft"``,
``"mixed: Revise-Restrain x Soft-Bandwagon"``) or a whole region label
(``"multiple: Revise / Hard; Revise / Soft"``); each value is the name a
figure prints instead of the name derived from the outcome
(:func:`sbgames.plot.outcome_label`).  The table is data: strings only, each
key checked against the players' strategies.

Examples
--------
>>> from sbgames.modelfile.fields import FieldReader
>>> strategies = (("Revise", "Restrain"), ("Hard", "Soft", "Bandwagon"))
>>> read_labels(FieldReader("m.toml", None), {"mixed: Revise-Restrain x Soft-Bandwagon": "soft balancing restrains T"},
...             ("T", "S"), strategies)
{'mixed: Revise-Restrain x Soft-Bandwagon': 'soft balancing restrains T'}
>>> read_labels(FieldReader("m.toml", None), {"Revise / Sfot": "soft balancing fails"}, ("T", "S"), strategies)
Traceback (most recent call last):
...
sbgames.errors.ModelError: m.toml: labels."Revise / Sfot": 'Sfot' is not a strategy of S; did you mean 'Soft'?
"""

from __future__ import annotations

import unicodedata

from ..figstyle import parse_profile
from ..parameters import did_you_mean

__all__ = ["read_labels", "MAX_LABEL"]

#: The longest name a ``[labels]`` entry may give (a figure has to hold it).
MAX_LABEL = 80


def read_labels(reader, data, players, strategies) -> dict:
    """``[labels]``: checked names, keyed by equilibrium or region label (see the module docstring).

    Parameters
    ----------
    reader : FieldReader
        Names the file in error messages.
    data : mapping
        The table as read from the file.
    players : sequence of str
        The players' ids, in order.
    strategies : sequence of sequence of str
        Each player's strategies.

    Raises
    ------
    ModelError
        Naming the file, the field ``labels."<key>"`` and what is wrong.
    """
    table = reader.table(data, "labels")
    out = {}
    for key, name in table.items():
        field = f'labels."{key}"'
        if not isinstance(name, str) or not name.strip():
            reader.fail(field, f"expected a non-empty string, found {name!r}")
        if len(name) > MAX_LABEL or any(unicodedata.category(ch).startswith("C") for ch in name):
            reader.fail(field, f"a name of at most {MAX_LABEL} printable characters, found {name!r}")
        body = key[len("multiple: "):] if key.startswith("multiple: ") else key
        for part in body.split("; "):
            _check_profile(reader, field, part, players, strategies)
        out[key] = name.strip()
    return out


def _check_profile(reader, field: str, text: str, players, strategies) -> None:
    """Refuse a key that is not an equilibrium of these players' strategies."""
    profile = parse_profile(text, strategies)
    if profile is None or len(profile) != len(strategies):
        reader.fail(field, f"{text!r} is not an equilibrium label: write one strategy per player joined by ' / ' "
                           f"({' / '.join(s[0] for s in strategies)}), or 'mixed: ' and each player's support "
                           f"joined by ' x '")
    for player, support, names in zip(players, profile, strategies):
        for strategy in support:
            if strategy not in names:
                reader.fail(field, f"{strategy!r} is not a strategy of {player}{did_you_mean(strategy, names)}")
