"""Models shared by several test modules."""

import itertools

from sbgames import Model


def threshold_soft_balancing(**sections) -> Model:
    """Three states; restraint happens when at least two soft balance (value v), each pays c to do so.

    `sections` are further model-file sections (a ``case``, say); ``parameters`` fields are merged in.
    """
    profiles = itertools.product(["Soft", "Free-ride"], repeat=3)
    parameters = {"v": {"default": 3, "above": 0, "description": "value of restraint"},
                  "c": {"default": 1, "above": 0, "description": "cost of soft balancing"}}
    for name, fields in sections.pop("parameters", {}).items():
        parameters[name] = {**parameters[name], **fields}
    return Model.from_dict({
        "players": {name: {"strategies": ["Soft", "Free-ride"]} for name in ("A", "B", "C")},
        "parameters": parameters,
        "payoffs": {",".join(p): [f"v*{int(sum(x == 'Soft' for x in p) >= 2)} - c*{int(p[i] == 'Soft')}"
                                  for i in range(3)] for p in profiles},
        **sections,
    })
