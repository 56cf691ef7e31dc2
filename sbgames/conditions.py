"""Conditions on parameters: evaluating, simplifying and printing them.

A *condition* is a sympy boolean combination (``And``, ``Or``, ``Not``) of
relations between expressions in a model's parameters, as the closed-form
solvers return it.  This module is the toolkit every family shares:

* :func:`holds` evaluates a condition exactly at a parameter point;
* :func:`condition_text` prints it in plain words;
* :func:`reduce_condition` simplifies a conjunction of relations under the
  parameters' bounds (a :class:`~sbgames.assumptions.ParameterSpace`),
  dropping what the bounds or the other relations imply, and says when the
  conjunction is provably false;
* :func:`drop_implied`, :func:`implies` and :func:`contradict` are its steps.

Each decision is a proof under the bounds or no decision: a relation is
dropped only when another one provably implies it, and a conjunction is
called false only when two of its relations provably contradict each other.

Examples
--------
>>> from fractions import Fraction
>>> from sbgames import Parameter
>>> space = ParameterSpace({"x": Parameter("x", 1, min=0), "y": Parameter("y", 1, min=0)})
>>> x, y = space.symbols["x"], space.symbols["y"]
>>> reduce_condition([x > 1, x >= 1, y >= 0], space)
x > 1
>>> reduce_condition([x > 1, x < 1], space) is None
True
>>> holds(sympy.And(x > 1, y >= 0), {"x": Fraction(3, 2), "y": 0})
True
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import sympy
from sympy.logic.boolalg import BooleanFalse, BooleanTrue

from .assumptions import ParameterSpace
from .errors import InputError, InputTypeError
from .expr import evaluate

__all__ = ["holds", "condition_text", "reduce_condition", "drop_implied", "implies", "contradict",
           "as_difference", "disjuncts"]


def holds(condition, point: Mapping) -> bool:
    """Evaluate a boolean combination of relations exactly at a parameter point.

    A relation whose sides are undefined at the point (a zero denominator)
    does not hold there.

    Raises
    ------
    InputTypeError
        If `condition` is not a boolean combination of relations.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> from fractions import Fraction
    >>> holds(sympy.And(x > 1, sympy.Ne(x, 2)), {"x": Fraction(3, 2)})
    True
    >>> holds(1 / x > 0, {"x": 0})
    False
    """
    if isinstance(condition, (bool, BooleanTrue, BooleanFalse)):
        return bool(condition)
    if isinstance(condition, sympy.And):
        return all(holds(a, point) for a in condition.args)
    if isinstance(condition, sympy.Or):
        return any(holds(a, point) for a in condition.args)
    if isinstance(condition, sympy.Not):
        return not holds(condition.args[0], point)
    if isinstance(condition, sympy.core.relational.Relational):
        try:
            lhs, rhs = evaluate(condition.lhs, point), evaluate(condition.rhs, point)
        except InputError:  # undefined here (a zero denominator): the relation does not hold
            return False
        return bool({"==": lhs == rhs, "!=": lhs != rhs, ">=": lhs >= rhs, ">": lhs > rhs,
                     "<=": lhs <= rhs, "<": lhs < rhs}[condition.rel_op])
    raise InputTypeError(f"cannot evaluate the condition {condition!r}: it is not a relation between "
                         "expressions or a combination of relations")


def condition_text(condition, space: ParameterSpace | None = None, prefer=()) -> str:
    """A condition in plain text, as a theorist writes it: ``a >= b and c > d``, ``either (...) or (...)``.

    Each relation is rewritten by :func:`sbgames.tidy.tidy_condition`: with
    the parameter `space`, implied relations are dropped, factors of known
    sign divided out and relations solved for one parameter (those in
    `prefer` first) where the bounds allow; the text is equivalent to
    `condition` on the space.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> condition_text(sympy.Or(sympy.And(x >= 1, y > 0), sympy.Eq(x, 0)))
    'either (x = 0) or (x >= 1 and y > 0)'
    >>> condition_text(sympy.true), condition_text(sympy.false)
    ('always', 'never')
    >>> from sbgames import Parameter
    >>> space = ParameterSpace({"s": Parameter("s", 0, min=0, max=1), "v": Parameter("v", 1, above=0)})
    >>> s, v = space.symbols["s"], space.symbols["v"]
    >>> condition_text(sympy.Eq(s * v, v)), condition_text(sympy.Eq(s * v, v), space)
    ('s*v = v', 's = 1')
    """
    from .tidy import relation_text, tidy_condition
    return _text(tidy_condition(condition, space, prefer), relation_text)


def _text(condition, relation_text) -> str:
    if condition is sympy.true:
        return "always"
    if condition is sympy.false:
        return "never"
    if isinstance(condition, sympy.Or):
        return "either " + " or ".join(f"({_text(a, relation_text)})" for a in condition.args)
    if isinstance(condition, sympy.And):
        return " and ".join(f"[{_text(a, relation_text)}]" if isinstance(a, sympy.Or) else _text(a, relation_text)
                            for a in condition.args)
    if isinstance(condition, sympy.Not):
        return f"not ({_text(condition.args[0], relation_text)})"
    if isinstance(condition, sympy.core.relational.Relational):
        return relation_text(condition)
    return str(condition)


def disjuncts(condition) -> list:
    """The disjuncts of a condition in disjunctive form, each as a list of relations (``[]`` for always).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> disjuncts(sympy.Or(sympy.And(x > 1, y > 0), x < 0))
    [[x < 0], [x > 1, y > 0]]
    >>> disjuncts(sympy.true)
    [[]]
    """
    cases = condition.args if isinstance(condition, sympy.Or) else (condition,)
    return [list(d.args) if isinstance(d, sympy.And) else ([] if d is sympy.true else [d]) for d in cases]


def as_difference(atom) -> tuple:
    """``(diff, op)`` with the relation meaning ``diff op 0`` (op one of ``>=``, ``>``, ``==``, ``!=``).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> as_difference(x <= 2)
    (2 - x, '>=')
    """
    if isinstance(atom, (sympy.LessThan, sympy.StrictLessThan)):
        return atom.rhs - atom.lhs, {"<=": ">=", "<": ">"}[atom.rel_op]
    return atom.lhs - atom.rhs, atom.rel_op


def implies(a, b, space: ParameterSpace) -> bool:
    """Whether relation `a` implies relation `b` on the parameter space (a sufficient test).

    Examples
    --------
    >>> from sbgames import Parameter
    >>> space = ParameterSpace({"x": Parameter("x", 1, min=0)})
    >>> x = space.symbols["x"]
    >>> implies(x > 2, x >= 1, space), implies(x >= 1, x > 2, space)
    (True, False)
    """
    (da, oa), (db, ob) = as_difference(a), as_difference(b)
    if ob == "!=":
        return oa == ">" and (sympy.expand(da - db) == 0 or sympy.expand(da + db) == 0)
    if oa not in (">=", ">") or ob not in (">=", ">") or space.witness([(1, db), (-1, da)], "-"):
        return False
    signs = space.sign_set(db - da)
    if not signs <= {"+", "0"}:
        return False
    return ob == ">=" or oa == ">" or signs == {"+"}


def contradict(a, b, space: ParameterSpace) -> bool:
    """Whether two inequalities cannot hold together (their sides sum to something negative).

    Examples
    --------
    >>> from sbgames import Parameter
    >>> space = ParameterSpace({"x": Parameter("x", 1, min=0)})
    >>> x = space.symbols["x"]
    >>> contradict(x > 1, x < 1, space), contradict(x >= 1, x <= 1, space)
    (True, False)
    """
    (da, oa), (db, ob) = as_difference(a), as_difference(b)
    if oa not in (">=", ">") or ob not in (">=", ">") or space.witness([(1, da), (1, db)], "+"):
        return False
    signs = space.sign_set(da + db)
    return signs <= {"-"} or (signs <= {"-", "0"} and ">" in (oa, ob))


def drop_implied(atoms, space: ParameterSpace):
    """The conjunction of `atoms` without those that another atom implies on the parameter space.

    Examples
    --------
    >>> from sbgames import Parameter
    >>> space = ParameterSpace({"x": Parameter("x", 1, min=0)})
    >>> x = space.symbols["x"]
    >>> drop_implied([x >= 1, x > 2], space)
    x > 2
    """
    kept = list(dict.fromkeys(atoms))
    for atom in list(kept):
        if any(implies(other, atom, space) for other in kept if other is not atom):
            kept.remove(atom)
    return sympy.And(*kept)


def reduce_condition(atoms, space: ParameterSpace):
    """The conjunction of `atoms` simplified under the bounds, implied atoms dropped.

    Each relation is simplified under the bounds (one that always holds
    there is dropped); an equation fixing one parameter (``c_s = 0``, say)
    is substituted into the others.

    Returns
    -------
    sympy Boolean or None
        The simplified conjunction (``sympy.true`` when nothing is left), or
        None when it is provably false on the parameter space.

    Examples
    --------
    >>> from sbgames import Parameter
    >>> space = ParameterSpace({"x": Parameter("x", 0, min=0, max=1), "y": Parameter("y", 0)})
    >>> x, y = space.symbols["x"], space.symbols["y"]
    >>> reduce_condition([x >= 0, y > x, sympy.Eq(x, 1)], space)
    Eq(x, 1) & (y > 1)
    >>> reduce_condition([x > 2], space) is None
    True
    """
    simplified = []
    for atom in atoms:
        s = space.simplify(atom)
        if s is sympy.false:
            return None
        if s is not sympy.true and s not in simplified:
            simplified.append(s)
    for atom in simplified:
        # an equation fixing one parameter (c_s = 0, say) is substituted into the others
        if isinstance(atom, sympy.Eq) and atom.lhs.is_Symbol and not atom.rhs.has(atom.lhs):
            rest = [a.xreplace({atom.lhs: atom.rhs}) for a in simplified if a is not atom]
            reduced = reduce_condition(rest, space)
            return None if reduced is None else sympy.And(atom, reduced)
    for a, b in itertools.combinations(simplified, 2):
        if contradict(a, b, space):
            return None
    return drop_implied(simplified, space)
