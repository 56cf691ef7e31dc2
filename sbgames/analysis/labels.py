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

from ..solvers import solve
from ..solvers.symbolic import profile_label

__all__ = ["PURE_ONLY", "NO_PURE", "INCOMPLETE", "UNCLASSIFIED", "OUTSIDE", "region_label", "label_is_complete",
           "left_out_by", "describe_branches", "label_at_point", "labels_at_points", "solve_quietly"]

#: The label of a point that breaks the model's constraints (nothing is solved there).
OUTSIDE = "outside the model's constraints"
#: What a pure-only search leaves out, as every label of such a point says.
PURE_ONLY = "pure equilibria only; mixed not searched"
#: The label of a point where a pure-only search found nothing (mixed equilibria exist: Nash's theorem).
NO_PURE = "no pure equilibrium (mixed equilibria not searched)"
#: What a search that is not complete leaves out (an N-player closed-form result, say).
INCOMPLETE = "not complete: some equilibria may be missing"
#: The label of a grid point no closed-form branch covers (before it is solved numerically).
UNCLASSIFIED = "not classified (no closed-form branch holds here)"


def _set_label(names, left_out: str | None = None) -> str:
    """The label of a point from the names of its equilibria (one entry per equilibrium).

    `left_out` says what the search did not cover (None: the result is
    complete); only a complete result with one equilibrium is "unique".
    """
    distinct = sorted(set(names))
    if not distinct:
        return NO_PURE if left_out == PURE_ONLY else f"none listed ({left_out})" if left_out else UNCLASSIFIED
    body = distinct[0] if len(distinct) == 1 else "multiple: " + "; ".join(distinct)
    if left_out:
        return f"{body} ({left_out})"
    return f"{body} (unique)" if len(names) == 1 and not body.startswith("mixed") else body


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
    return _set_label([profile_label(s) for s in sorted(set(supports_list))], left_out)


def _tree_label(paths) -> str:
    """The label of a game-tree point from the paths of its pure subgame-perfect equilibria (one each).

    One equilibrium is the unique subgame-perfect equilibrium (no mover is
    indifferent anywhere); several mean ties, where mixing at the tied nodes
    gives subgame-perfect equilibria in behaviour strategies not listed.
    """
    return _set_label(paths, None if len(paths) == 1 else PURE_ONLY)


def left_out_by(result) -> str | None:
    """What a solver result does not cover (None when complete)."""
    if result.complete:
        return None
    return PURE_ONLY if result.method == "pure" else INCOMPLETE


def describe_branches(branches, left_out: str | None = None) -> str:
    """The region label of the branches that hold at a point.

    Normal-form branches are named by their supports (:func:`region_label`,
    with `left_out` when the closed forms are not complete); subgame-perfect
    branches of a game tree by their paths of play.

    Examples
    --------
    >>> from sbgames import load_model
    >>> seq = load_model("core_sequential")
    >>> describe_branches([b for b in seq.symbolic_equilibria() if b.holds_at(**seq.values())])
    'Restrain -> Bandwagon (unique)'
    """
    branches = list(branches)
    if branches and not hasattr(branches[0], "supports"):
        return _tree_label([" -> ".join(b.actions) for b in branches])
    return region_label([b.supports for b in branches], left_out)


def label_at_point(model, values: dict) -> str:
    """The region label at one parameter point, from the exact numeric solver.

    Normal forms are solved by :func:`sbgames.solve` with ``method="auto"``:
    complete for two players and for the N-player games the polynomial
    solver finishes in seconds; elsewhere pure equilibria only, which the
    label says.  For game trees, the subgame-perfect paths.

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> label_at_point(core, core.values(theta=8, lam="1/2"))
    'Revise / Soft (unique)'
    """
    if model.kind == "extensive":
        return _tree_label([" -> ".join(e.actions) for e in model.equilibria(exact=True, **values)])
    result = solve_quietly(model.game(**values))
    return region_label([eq.supports for eq in result], left_out_by(result))


def solve_quietly(game):
    """``solve(game, exact=True, method="auto")`` without its warnings: the caller's labels say what was left out."""
    return solve(game, exact=True, method="auto", warn=False)


def labels_at_points(model, points) -> list:
    """:func:`label_at_point` for a batch of points (one task of a parallel sweep)."""
    return [label_at_point(model, p) for p in points]
