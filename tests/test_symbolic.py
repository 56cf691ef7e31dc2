"""Closed-form equilibria, conditions and comparative statics (issue: closed forms).

THEORY.md's facts are re-derived by sbgames from models/core.toml and compared
with the hand derivations: expressions by ``sympy.simplify(got - want) == 0``,
conditions by checking each relation against the expected one and by
agreement at many exact random points.
"""

import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sbgames import Model, load_model
from sbgames.analysis import (played_in_every_equilibrium, played_in_some_equilibrium, sign_table,
                              unique_best_reply, unique_equilibrium_region)
from sbgames.solvers.symbolic import holds, symbolic_equilibria, symbolic_pure_equilibria

try:
    from tests.cases import threshold_soft_balancing
except ImportError:  # tests/ on sys.path instead of the repository root
    from cases import threshold_soft_balancing

CORE = load_model("core")
SYM = CORE.symbols
g, theta, e_h, e_s, lam, l, l_r, w, c_h, c_s, b, a = (SYM[k] for k in (
    "g", "theta", "e_h", "e_s", "lam", "l", "l_r", "w", "c_h", "c_s", "b", "a"))


def random_points(count, seed=1):
    """Exact random points of the core model's parameter space."""
    rng = random.Random(seed)
    points = []
    while len(points) < count:
        p = {k: F(rng.randint(0, 120), 12) for k in ("theta", "lam", "l_r", "w", "c_s", "b", "a")}
        p.update(g=F(rng.randint(1, 120), 12), e_h=F(rng.randint(0, 12), 12), e_s=F(rng.randint(0, 12), 12))
        p["c_h"] = p["c_s"] + F(rng.randint(1, 48), 12)
        p["l"] = p["l_r"] + F(rng.randint(0, 60), 12)
        points.append(CORE.values(**p))
    return points


POINTS = random_points(300)


def same_region(condition, predicate, points=POINTS):
    for p in points:
        assert holds(condition, p) == predicate(p), p


def diffs(condition):
    """Each relation of a conjunction as 'lhs - rhs' (oriented so the relation says >= or > 0)."""
    atoms = condition.args if isinstance(condition, sympy.And) else (condition,)
    out = []
    for atom in atoms:
        d = atom.lhs - atom.rhs
        out.append(d if atom.rel_op in (">", ">=") else -d)
    return out


def test_soft_is_unique_best_reply_in_the_threat_band():
    cond = unique_best_reply(CORE, "S", "Soft", {"T": "Revise"})
    want = [c_h + w - c_s - (e_h - e_s) * theta, e_s * theta - c_s - b]
    got = diffs(cond)
    assert len(got) == 2
    assert all(any(sympy.simplify(x - y) == 0 for y in got) for x in want)
    same_region(cond, lambda p: (p["e_h"] - p["e_s"]) * p["theta"] < p["c_h"] + p["w"] - p["c_s"]
                and p["e_s"] * p["theta"] > p["c_s"] + p["b"])


def test_revise_soft_pure_condition():
    branch = CORE.symbolic_equilibria().branch(("Revise",), ("Soft",))
    want = [c_h + w - c_s - (e_h - e_s) * theta, e_s * theta - c_s - b, (1 - e_s) * g - lam * l + lam * l_r]
    got = diffs(branch.conditions)
    assert all(any(sympy.simplify(x - y) == 0 for y in got) for x in want) and len(got) == 3
    same_region(branch.conditions, lambda p: (p["e_h"] - p["e_s"]) * p["theta"] <= p["c_h"] + p["w"] - p["c_s"]
                and p["e_s"] * p["theta"] >= p["c_s"] + p["b"]
                and (1 - p["e_s"]) * p["g"] - p["lam"] * p["l"] >= -p["lam"] * p["l_r"])


def test_inspection_game_mixed_equilibrium():
    branch = CORE.symbolic_equilibria().branch(("Revise", "Restrain"), ("Soft", "Bandwagon"))
    assert sympy.simplify(branch.probability("T", "Revise") - c_s / (e_s * theta - b)) == 0
    assert sympy.simplify(branch.probability("S", "Soft") - g / (e_s * g + lam * (l - l_r))) == 0
    assert branch.probability("S", "Hard") == 0
    # S's payoff equals its payoff from bandwagoning against the mix: -Pr(Revise) (theta - b)
    assert sympy.simplify(branch.payoffs[1] + c_s / (e_s * theta - b) * (theta - b)) == 0
    assert branch.witness is not None and branch.holds_at(**branch.witness)


def test_inspection_game_paradox_signs():
    table = sign_table(CORE)
    label = "mixed: Revise-Restrain x Soft-Bandwagon"
    assert table.row(label, "Pr(T: Revise)")["lam"] == "zero"
    assert table.row(label, "Pr(S: Soft)")["lam"] == "negative"
    assert table.row(label, "Pr(S: Soft)")["g"] in ("positive", "nonnegative")
    assert table.row(label, "Pr(T: Revise)")["c_s"] == "positive"
    derivative = next(d for d in table if d.branch == label and d.quantity == "Pr(S: Soft)" and d.parameter == "lam")
    assert sympy.simplify(derivative.expression + g * (l - l_r) / (e_s * g + lam * (l - l_r)) ** 2) == 0


def test_every_sign_is_confirmed_numerically():
    """A reported sign must match finite differences at points inside the branch."""
    table = sign_table(CORE)
    branches = {b.label: b for b in CORE.symbolic_equilibria()}
    checked = 0
    for d in table:
        if d.sign not in ("positive", "negative", "zero"):
            continue
        branch = branches[d.branch]
        for p in POINTS[:120]:
            if not branch.holds_at(**p):
                continue
            value = float(d.expression.subs({SYM[k]: sympy.Rational(v.numerator, v.denominator)
                                             for k, v in p.items()}))
            if d.sign == "positive":
                assert value >= 0, (d, p)
            elif d.sign == "negative":
                assert value <= 0, (d, p)
            else:
                assert value == 0, (d, p)
            checked += 1
    assert checked > 50


def test_branches_agree_with_the_numeric_solver_on_core():
    result = CORE.symbolic_equilibria()
    compared = 0
    for p in POINTS[:80]:
        numeric = CORE.equilibria(exact=True, **p)
        if numeric.degenerate:
            continue
        predicted = {b.strategies_at(**p) for b in result if b.holds_at(**p)}
        found = {tuple(tuple(x) for x in eq.strategies) for eq in numeric}
        assert predicted == found, p
        compared += 1
    assert compared > 40


def test_played_in_some_and_every_equilibrium():
    some = played_in_some_equilibrium(CORE, "S", "Soft")
    every = played_in_every_equilibrium(CORE, "S", "Soft")
    for p in POINTS[:80]:
        numeric = CORE.equilibria(exact=True, **p)
        if numeric.degenerate:
            continue
        plays = [eq.strategies[1][1] > 0 for eq in numeric]
        assert holds(some, p) == any(plays), p
        assert holds(every, p) == all(plays), p


def test_unique_equilibrium_region():
    cond = unique_equilibrium_region(CORE, ("Revise",), ("Soft",))
    for p in POINTS[:80]:
        numeric = CORE.equilibria(exact=True, **p)
        if numeric.degenerate:
            continue
        unique = len(numeric) == 1 and numeric[0].supports == (("Revise",), ("Soft",))
        assert holds(cond, p) == unique, p


def test_pure_n_player_conditions():
    model = threshold_soft_balancing()
    result = symbolic_pure_equilibria(model)
    labels = {b.label: b.conditions for b in result}
    assert labels["Free-ride / Free-ride / Free-ride"] is sympy.true
    assert str(labels["Soft / Soft / Free-ride"]) == "v >= c"
    assert "Soft / Soft / Soft" not in labels  # each could save c by free-riding: c > 0 refutes it
    for v, c in [(3, 1), (1, 3)]:
        numeric = {eq.describe() for eq in model.equilibria(exact=True, v=v, c=c, method="pure")}
        predicted = {b for b in result if b.holds_at(v=v, c=c)}
        assert len(numeric) == len(predicted)


def test_compile_matches_exact_evaluation():
    branch = CORE.symbolic_equilibria().branch(("Revise", "Restrain"), ("Soft", "Bandwagon"))
    conditions, strategies = branch.compile()
    arrays = {k: np.array([float(p[k]) for p in POINTS]) for k in CORE.parameters}
    mask = conditions(**arrays)
    for k, p in enumerate(POINTS):
        assert mask[k] == branch.holds_at(**p)
        if mask[k]:
            exact = branch.strategies_at(**p)
            probs = strategies(**arrays)
            assert probs[0][0][k] == pytest.approx(float(exact[0][0]))


def test_degenerate_supports_are_reported():
    model = Model.from_dict({
        "players": {"A": {"strategies": ["x", "y"]}, "B": {"strategies": ["u", "v"]}},
        "parameters": {"k": {"default": 1, "min": 0, "description": "k"}},
        # A is indifferent everywhere: structurally degenerate
        "payoffs": {"x,u": ["k", "1"], "x,v": ["k", "0"], "y,u": ["k", "0"], "y,v": ["k", "1"]},
    })
    result = symbolic_equilibria(model)
    assert result.degenerate_supports
    # still sound: every branch that holds is an equilibrium
    for branch in result:
        if branch.holds_at(k=2):
            assert model.game(k=2).is_equilibrium(branch.strategies_at(k=2))


# -- property test: random parametrised games -----------------------------------
@st.composite
def affine_models(draw):
    rows = draw(st.integers(2, 3))
    cols = draw(st.integers(2, 3))
    coeff = st.integers(-3, 3)
    payoffs = {}
    for r in range(rows):
        for c in range(cols):
            payoffs[f"r{r},c{c}"] = [f"{draw(coeff)} + {draw(coeff)}*p + {draw(coeff)}*q" for _ in range(2)]
    return Model.from_dict({
        "players": {"R": {"strategies": [f"r{k}" for k in range(rows)]},
                    "C": {"strategies": [f"c{k}" for k in range(cols)]}},
        "parameters": {"p": {"default": 1, "min": 0, "max": 4, "description": "p"},
                       "q": {"default": 1, "min": 0, "description": "q"}},
        "payoffs": payoffs,
    })


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(affine_models(), st.lists(st.tuples(st.fractions(0, 4, max_denominator=7),
                                           st.fractions(0, 6, max_denominator=7)), min_size=4, max_size=4))
def test_branches_predict_the_numeric_equilibria(model, points):
    result = symbolic_equilibria(model, witnesses=False)
    compared = 0
    for p, q in points:
        numeric = model.equilibria(exact=True, p=p, q=q)
        if numeric.degenerate:
            continue  # ties: a boundary of measure zero, outside the branches' guarantee
        predicted = {b.strategies_at(p=p, q=q) for b in result if b.holds_at(p=p, q=q)}
        found = {tuple(tuple(x) for x in eq.strategies) for eq in numeric}
        assert predicted == found, (p, q)
        compared += 1
    assume(compared > 0)


def test_closed_forms_of_a_large_game_are_refused_before_work():
    from sbgames.errors import SolverLimitError
    from sbgames.solvers.symbolic import MAX_CONDITION_WORK
    names = [f"s{k}" for k in range(6)]
    model = Model.from_dict({
        "players": {"R": {"strategies": names}, "C": {"strategies": names}},
        "parameters": {"p": {"default": 1, "description": "p"}},
        "payoffs": {f"{a},{b}": [f"{i}*p", f"{j}"] for i, a in enumerate(names) for j, b in enumerate(names)},
    })
    with pytest.raises(SolverLimitError,
                       match=f"923 support pairs of equal size.*= 132,912, over the limit of {MAX_CONDITION_WORK:,}"):
        symbolic_equilibria(model)
    assert len(model.equilibria(exact=True)) >= 1  # the numeric solver still takes it
