"""Region labels: the name of the set of equilibria at a parameter point.

Equal labels mean the same set of equilibria.  A label never says more than
was computed: a partial search says what it left out (:data:`PURE_ONLY`,
:data:`INCOMPLETE`) and only a complete result with one equilibrium is
called ``"(unique)"``.

Examples
--------
>>> region_label([(("Revise",), ("Soft",))])
'Revise / Soft (unique)'
>>> label_is_complete(region_label([(("Revise",), ("Soft",))], left_out=PURE_ONLY))
False
"""

from __future__ import annotations

from ..results import INCOMPLETE, NO_PURE, PURE_ONLY, UNCLASSIFIED, supports_label
from ..solvers import solve

__all__ = ["PURE_ONLY", "NO_PURE", "INCOMPLETE", "UNCLASSIFIED", "OUTSIDE", "region_label", "label_is_complete",
           "label_at_point", "labels_at_points", "solve_quietly"]

#: The label of a point that breaks the model's constraints (nothing is solved there).
OUTSIDE = "outside the model's constraints"


def label_is_complete(label: str) -> bool:
    """Whether a region label stands for a complete set of equilibria (False for partial searches).

    Examples
    --------
    >>> label_is_complete("Revise / Soft (unique)"), label_is_complete(NO_PURE)
    (True, False)
    """
    return not any(part in label for part in (PURE_ONLY, NO_PURE, INCOMPLETE, UNCLASSIFIED))


def region_label(supports_list, left_out: str | None = None) -> str:
    """The label of a point with these equilibrium supports (one tuple of tuples per equilibrium).

    `left_out` is None for a complete result, else what the search left
    out (``PURE_ONLY`` for a pure-only search): the label then says so and
    never claims "unique".

    Examples
    --------
    >>> region_label([(("Revise",), ("Soft",))])
    'Revise / Soft (unique)'
    >>> region_label([(("Revise",), ("Soft",)), (("Revise",), ("Hard",))])
    'multiple: Revise / Hard; Revise / Soft'
    >>> region_label([(("Revise",), ("Soft",), ("Soft",))], left_out=PURE_ONLY)
    'Revise / Soft / Soft (pure equilibria only; mixed not searched)'
    >>> region_label([], left_out=PURE_ONLY)
    'no pure equilibrium (mixed equilibria not searched)'
    """
    return supports_label(supports_list, left_out)


def label_at_point(model, values: dict) -> str:
    """The region label at one parameter point, from the exact numeric solver.

    The result labels itself (``result.region_label()``).  A model with a
    payoff table is solved as that strategic form by :func:`sbgames.solve`
    with ``method="auto"`` and no warning (thread-safe, unlike silencing
    warnings): complete for two players and for the N-player games the
    polynomial solver finishes in seconds, elsewhere pure equilibria only,
    which the label says.  Any other model (a game tree: its subgame-perfect
    paths; payoffs in a private type: its cut-point equilibria) by its own
    ``equilibria(exact=True)``.

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> label_at_point(core, core.values(theta=8, lam="1/2"))
    'Revise / Soft (unique)'
    >>> seq = load_model("core_sequential")
    >>> label_at_point(seq, seq.values())
    'Restrain -> Bandwagon (unique)'
    """
    game = None if model.payoff_table is None else model.game(**values)
    if game is None or game.kind == "symbolic":  # a tree, or payoffs in a private type: the model's own solver
        return model.equilibria(exact=True, **values).region_label()
    return solve_quietly(game).region_label()


def solve_quietly(game):
    """``solve(game, exact=True, method="auto")`` without its warnings: the caller's labels say what was left out."""
    return solve(game, exact=True, method="auto", warn=False)


def labels_at_points(model, points) -> list:
    """:func:`label_at_point` for a batch of points (one task of a parallel sweep)."""
    return [label_at_point(model, p) for p in points]
