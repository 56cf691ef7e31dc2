"""Inputs a careless or hostile user would write (found by review): each must give the right answer
or a clear error, never a silent wrong answer, a hang or exhausted memory."""

import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
import sympy

from sbgames import Game, Model, ModelError, load_model, regions, statics, verified
from sbgames.assumptions import ParameterSpace
from sbgames.model import Parameter

EULER = {"name": "euler", "players": {"T": {"strategies": ["Revise", "Restrain"]}, "S": {"strategies": ["Soft"]}},
         "parameters": {"e": {"default": 1, "min": 0, "max": 5}, "greater_equal": {"default": 1}},
         "payoffs": {"Revise,Soft": ["exp(1) - e + 0*greater_equal", "0"], "Restrain,Soft": ["0", "0"]}}


def test_parameter_names_that_are_also_names_in_generated_code():
    model = Model.from_dict(EULER)
    expected = ["Revise / Soft (unique)"] * 3 + ["Restrain / Soft (unique)"] * 3  # e below / above 2.718
    assert list(regions(model, x=("e", 0, 5), resolution=6).labels[0]) == expected
    assert list(statics(model, param=("e", 0, 5), resolution=6).labels) == expected


@pytest.mark.parametrize("tol", [float("nan"), float("inf"), -1.0])
def test_tolerances_that_would_switch_verification_off(tol):
    pd = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    with pytest.raises(ValueError, match="tol must be"):
        pd.equilibria(tol=tol)
    with pytest.raises(ValueError, match="tol must be"):
        verified(pd, [[1, 0], [1, 0]], method="x", exact=False, tol=tol)
    with pytest.raises(TypeError):
        pd.equilibria(tol="small")
    with pytest.raises(TypeError, match="exact must be True or False"):
        pd.equilibria(exact="no")


def test_zero_tolerance_refused_where_arithmetic_rounds():
    with pytest.raises(ValueError, match="positive"):
        Game([[[1.0, 0], [0, 1]], [[1, 0], [0, 1]]]).equilibria(tol=0)


def test_best_responses_read_a_mapping_by_player():
    g = load_model("chicken").game()
    assert g.best_responses({"B": "Concede", "A": "Stand firm"}, "A") == g.best_responses(["Stand firm", "Concede"], "A")
    assert g.best_responses({"B": "Stand firm"}, "A") == ("Concede",)
    with pytest.raises(ValueError, match="unknown player"):
        g.best_responses({"B": "Concede", "Z": "x"}, "A")
    with pytest.raises(ValueError, match="one strategy per player"):
        g.best_responses(["Concede"], "A")


def test_models_copy_their_input_dict():
    spec = {"players": {"A": {"strategies": ["x", "y"]}, "B": {"strategies": ["u"]}},
            "parameters": {"g": {"default": 1}},
            "payoffs": {"x,u": ["g", "0"], "y,u": ["0", "0"]}}
    model = Model.from_dict(spec)
    spec["payoffs"]["y,u"] = ["5", "0"]
    with ProcessPoolExecutor(1) as pool:  # the model travels as its data: the original, not the edit
        rmap = regions(model, x=("g", 1, 2), resolution=2, method="numeric", executor=pool)
    assert rmap.label_at(g=2) == "x / u (unique)"


def test_wide_games_do_not_exhaust_memory():
    start = time.perf_counter()
    result = Game([[[0] * 300], [[0] * 300]]).equilibria()
    assert len(result) == 300 and result.degenerate
    assert time.perf_counter() - start < 60  # a guard against the quadratic blow-up, not a benchmark


def test_closed_forms_refuse_huge_powers_and_maps_fall_back():
    model = Model.from_dict({
        "players": {"A": {"strategies": ["x", "y"]}, "B": {"strategies": ["u", "v"]}},
        "parameters": {"g": {"default": 1}},
        "payoffs": {"x,u": ["(g+1)**1000", "1"], "x,v": ["0", "0"], "y,u": ["0", "0"], "y,v": ["1", "1"]}})
    with pytest.raises(ValueError, match="too complex for closed forms"):
        model.symbolic_equilibria()
    assert regions(model, x=("g", 0, 1), resolution=3).method == "numeric"


def test_witness_search_respects_integer_and_narrow_bounds():
    model = Model.from_dict({
        "players": {"A": {"strategies": ["x", "y"]}, "B": {"strategies": ["u", "v"]}},
        "parameters": {"n": {"default": 2, "min": 0, "integer": True},
                       "p": {"default": "1/50", "min": "1/100", "max": "1/20"}},
        "payoffs": {"x,u": ["n*p", "1"], "x,v": ["0", "0"], "y,u": ["0", "0"], "y,v": ["p", "n"]}})
    for branch in model.symbolic_equilibria():
        if branch.witness is not None:
            assert branch.witness["n"].denominator == 1
            assert sympy.Rational(1, 100) <= branch.witness["p"] <= sympy.Rational(1, 20)


def test_supports_do_not_depend_on_the_payoff_scale():
    big = Game([[[1e9, 0.0], [0.0, 1e9]], [[0.0, 1e9], [1e9, 0.0]]])  # matching pennies, scaled
    (eq,) = big.equilibria()
    assert eq.supports == (("s1", "s2"), ("s1", "s2")) and not eq.is_pure


def test_bounds_with_an_included_lower_end_are_not_claimed_positive():
    space = ParameterSpace({"p": Parameter("p", 0, min=0, below=1)})
    p = space.symbols["p"]
    assert space.sign(p) == "nonnegative"
    assert space.decide(sympy.Gt(p, 0)) is None


def test_many_closed_intervals_keep_proofs_sound():
    params = {f"x{k}": Parameter(f"x{k}", 0, min=0, max=1) for k in range(8)}
    space = ParameterSpace(params)
    last = space.symbols["x7"]
    assert space.decide(sympy.Lt(last, 1)) is None  # x7 = 1 is allowed


def test_deeply_nested_toml_is_a_model_error(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ModelError, match="deep.toml"):
        load_model(path)


@pytest.mark.parametrize("latex, ok", [("\\lambda", True), ("\\ell_r", True), ("\\mathrm{w}^{2}", True),
                                      ("\\input{/etc/passwd}", False), ("\\immediate\\write18{ls}", False),
                                      ("a$b", False)])
def test_latex_names_cannot_inject_commands(tmp_path, latex, ok):
    text = ('[players.A]\nstrategies = ["x"]\n[parameters.g]\ndefault = 1\nlatex = ' + repr(latex).replace("'", '"')
            + '\n[payoffs]\nx = ["g"]\n')
    path = tmp_path / "m.toml"
    path.write_text(text.replace("\\\\", "\\\\"))
    if ok:
        assert load_model(path).parameters["g"].latex == latex
    else:
        with pytest.raises(ModelError, match="not allowed in a symbol's LaTeX"):
            load_model(path)


def test_large_name_lists_are_checked_in_linear_time():
    start = time.perf_counter()
    names = [f"s{k}" for k in range(40_000)]
    Game([np.zeros(40_000), ], players=["A"], strategies=[names])
    assert time.perf_counter() - start < 30
