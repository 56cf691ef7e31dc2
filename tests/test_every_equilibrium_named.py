"""'Played in every equilibrium' stated by naming the equilibria without the strategy, exactly."""

from fractions import Fraction
import random

import pytest

from sbgames import load_model
from sbgames.analysis import equilibria_without, played_in_every_equilibrium
from sbgames.conditions import holds
from sbgames.errors import InputError


def random_point(model, rng):
    while True:
        point = {}
        for name, param in model.parameters.items():
            low = param.min if param.min is not None else param.above if param.above is not None else Fraction(-5)
            high = param.max if param.max is not None else param.below if param.below is not None else low + 20
            point[name] = Fraction(low) + (Fraction(high) - Fraction(low)) * Fraction(rng.randrange(1, 60), 60)
            if param.integer:
                point[name] = round(point[name])
        try:
            return model.values(**point)
        except InputError:
            continue


def boundary_point(model, rng, where):
    """A point on the zero set `where` (solved for one of its parameters), or None."""
    import sympy
    for _ in range(40):
        values = random_point(model, rng)
        equation = where.lhs - where.rhs
        for symbol in sorted(equation.free_symbols, key=str):
            solutions = sympy.solve(equation.subs({s: values[s.name] for s in equation.free_symbols if s != symbol}), symbol)
            if solutions and solutions[0].is_Rational:
                try:
                    return model.values(**{**values, symbol.name: Fraction(str(solutions[0]))})
                except InputError:
                    continue
    return None


@pytest.mark.parametrize("name, player, strategy", [
    ("core", "S", "Soft"), ("core", "T", "Restrain"), ("core", "S", "Hard"), ("chicken", None, None),
    ("core_interdependence", "S", "Soft")])
def test_named_form_equals_the_condition(name, player, strategy):
    model = load_model(name)
    player = player or model.players[0]
    strategy = strategy or model.strategies[0][0]
    every = played_in_every_equilibrium(model, player, strategy)
    without = equilibria_without(model, player, strategy)
    rng = random.Random(f"{name}{player}{strategy}")
    points = [random_point(model, rng) for _ in range(150)]
    # and points on each zero set, where a mixture drops the strategy (the degenerate points that matter)
    points += [p for _, where in without if where is not True and where.is_Relational
               for p in [boundary_point(model, rng, where)] if p is not None]
    for point in points:
        named = not any(holds(b.conditions, point) and holds(where, point) for b, where in without)
        assert named == holds(every, point), point


def test_the_named_form_lists_only_equilibria_without_the_strategy():
    core = load_model("core")
    for branch, where in equilibria_without(core, "S", "Soft"):
        if where is True or where == True:  # noqa: E712 - sympy.true
            assert branch.probability("S", "Soft") == 0
        else:
            assert branch.probability("S", "Soft") != 0
