"""The theorist's form of closed forms (sbgames.tidy) says exactly what the original says.

Every printed expression equals the original at random rational points, and
every printed condition (solved for a parameter, sides rearranged, implied
relations dropped) holds at exactly the same points inside the parameter
bounds as the condition the solver derived.  Points are drawn from a coarse
grid of fractions so that ties, and hence the boundary cases, are frequent.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbgames import load_model
from sbgames.assumptions import ParameterSpace
from sbgames.conditions import condition_text, holds
from sbgames.expr import evaluate
from sbgames.tidy import expression_text, relation_text, tidy, tidy_condition, tidy_relation

MODELS = ["core", "core_interdependence", "retaliation", "chicken"]
GRID = [Fraction(k, 4) for k in range(0, 33)]


def _point(draw, model):
    point = {}
    for name, p in model.parameters.items():
        values = [v for v in GRID + [-v for v in GRID[1:9]] if _inside(p, v)]
        point[name] = draw(st.sampled_from(values)) if values else p.default
    return point


def _inside(p, v) -> bool:
    return ((p.min is None or v >= p.min) and (p.max is None or v <= p.max) and (p.above is None or v > p.above)
            and (p.below is None or v < p.below) and (not getattr(p, "integer", False) or v.denominator == 1))


_CACHE: dict = {}


def _setup(name):
    if name not in _CACHE:
        model = load_model(name)
        space = ParameterSpace.from_model(model)
        result = model.symbolic_equilibria()
        _CACHE[name] = model, space, result
    return _CACHE[name]


_TIDIED: dict = {}


def _tidied(name):
    """Each branch's conditions and their relations, with their tidy forms, and its strategies' expressions.

    The tidy forms do not depend on the point, so they are made once per model
    (an expression's when it is first defined at a drawn point) and checked at
    every drawn point.
    """
    if name not in _TIDIED:
        model, space, result = _setup(name)
        _TIDIED[name] = [(branch.label, (branch.conditions, tidy_condition(branch.conditions, space)),
                          [(atom, tidy_relation(atom, space))
                           for atom in branch.conditions.atoms(sympy.core.relational.Relational)],
                          [p for vec in branch.strategies for p in vec])
                         for branch in result]
    return _TIDIED[name]


_TIDY_EXPRESSIONS: dict = {}


def _tidy_once(name, p):
    if (name, p) not in _TIDY_EXPRESSIONS:
        _TIDY_EXPRESSIONS[name, p] = tidy(p, _setup(name)[1])
    return _TIDY_EXPRESSIONS[name, p]


@pytest.mark.parametrize("name", MODELS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_tidied_conditions_hold_where_the_originals_do(name, data):
    model = _setup(name)[0]
    point = _point(data.draw, model)
    if not all(holds(rel, point) for _, rel in model.constraints):
        return
    for label, (original, tidied), relations, expressions in _tidied(name):
        assert holds(tidied, point) == holds(original, point), (label, point)
        for atom, tidied_atom in relations:
            assert holds(tidied_atom, point) == holds(atom, point), (atom, point)
        for p in expressions:
            try:
                expected = evaluate(p, point)
            except Exception:  # undefined at this point: the tidy form must be too
                continue
            assert evaluate(_tidy_once(name, p), point) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=6, max_size=6), st.integers(1, 3), st.integers(1, 3))
def test_tidy_is_the_same_rational_function(coeffs, p, q):
    x, y, z = sympy.symbols("x y z")
    expr = (coeffs[0] * x + coeffs[1] * y + coeffs[2]) ** p / ((coeffs[3] * x - coeffs[4] * z + coeffs[5]) ** q + 7)
    assert sympy.simplify(tidy(expr) - expr) == 0


def test_signs_are_absorbed_and_factors_read_non_negative():
    k, q, t = sympy.symbols("k q t")
    s = sympy.Symbol("s")
    assert expression_text(tidy(-(k - q) / (t * (s - 1)))) == "(k - q)/(t*(1 - s))"
    space = ParameterSpace.from_model(load_model("core"))
    e_s, g = space.symbols["e_s"], space.symbols["g"]
    assert expression_text(tidy(e_s * g - g, space)) == "-g*(1 - e_s)"


def test_core_conditions_read_as_a_theorist_writes_them():
    model, space, result = _setup("core")
    text = result.text()
    assert "lam*(l - l_r) >= g*(1 - e_s)" in text  # both sides non-negative under the bounds
    assert "c_s = 0" in text
    assert "T plays Revise with probability c_s/(e_s*theta - b), Restrain with probability " \
           "(e_s*theta - b - c_s)/(e_s*theta - b)" in text  # one denominator per mixed strategy
    assert " + 0" not in text and "(-" not in text


def test_equalities_are_named_and_relations_solved():
    from sbgames import Parameter
    space = ParameterSpace({"s": Parameter("s", 0, min=0, max=1), "v": Parameter("v", 1, above=0),
                            "k": Parameter("k", 1, above=0), "q": Parameter("q", 1, min=0),
                            "t": Parameter("t", 1, above=0)})
    s, v, k, q, t = (space.symbols[n] for n in "svkqt")
    assert relation_text(tidy_relation(sympy.Eq(s * v, v), space)) == "s = 1"
    assert relation_text(tidy_relation(-t * (-k * s + q) >= 0, space)) == "s >= q/k"
    assert condition_text(sympy.And(s > sympy.Rational(1, 2), s >= 0, v > 0), space) == "s > 1/2"


@pytest.mark.parametrize("name, player, strategy", [("core", "S", "Soft"), ("core", "T", "Revise"),
                                                    ("core", "S", "Bandwagon"), ("chicken", None, None)])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_played_in_every_equilibrium_and_its_text_say_what_the_branches_say(name, player, strategy, data):
    from sbgames.analysis import played_in_every_equilibrium
    from sbgames.analysis.conditions import positive_probability
    model, space, result = _setup(name)
    player = player or model.players[0]
    strategy = strategy or model.strategies[0][0]
    point = _point(data.draw, model)
    if not all(holds(rel, point) for _, rel in model.constraints):
        return
    every = played_in_every_equilibrium(model, player, strategy)
    expected = all(not holds(b.conditions, point) or holds(positive_probability(b, player, strategy, space), point)
                   for b in result)
    assert holds(every, point) == expected
    assert holds(tidy_condition(every, space), point) == expected


def test_the_every_equilibrium_answer_is_short():
    from sbgames.analysis import played_in_every_equilibrium
    model, space, _ = _setup("core")
    assert len(condition_text(played_in_every_equilibrium(model, "S", "Soft"), space)) < 800
