"""Tests of Game: construction, validation, immutability, lookup and conversions."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction as Fr

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbgames import Game, InputError, SolverLimitError, verified
from sbgames.game import MAX_PLAYERS, check_tolerance, default_tolerance, payoff_scale

try:
    from tests import oracles
    from tests.strategies import nplayer_payoffs
except ImportError:  # tests/ itself is on sys.path
    import oracles
    from strategies import nplayer_payoffs

PD = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]


def pd(**kw):
    return Game(PD, players=["Row", "Col"], strategies=[["C", "D"], ["C", "D"]], **kw)


# ----------------------------------------------------------------------------
# construction errors
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("payoffs", [
    [[[1, 2], [3]], [[1, 2], [3, 4]]],                  # ragged first array
    [[[1, 2], [3, 4]], [[1, 2], [3, 4, 5]]],            # ragged second array
    [[[[1], [2]], [[1], [2, 3]]]] * 3,                  # ragged at depth 3
    [[[1, 2], [3, 4]], [[1, 2, 3], [3, 4, 5]]],         # mismatched shapes
    [[[1, 2], [3, 4]], [[1, 2]]],                        # mismatched dimensions
    [[[1, 2], [3, 4]]],                                  # one array, two dimensions
    [[[1, 2], [3, 4]]] * 3,                              # three arrays, two dimensions
    [[1, 2], [3, 4]],                                    # two 1-D arrays for two players
    [],                                                  # no players
    [np.zeros((0, 2)), np.zeros((0, 2))],                # a player without strategies
    [[[1, float("nan")], [3, 4]], [[1, 2], [3, 4]]],
    [[[1, math.inf], [3, 4]], [[1, 2], [3, 4]]],
    [[[1, -np.inf], [3, 4]], [[1, 2], [3, 4]]],
    [[[1, sympy.oo], [3, 4]], [[1, 2], [3, 4]]],
    [[[1, Decimal("NaN")], [3, 4]], [[1, 2], [3, 4]]],
    [[[1, sympy.Symbol("x") / 0], [3, 4]], [[1, 2], [3, 4]]],
])
def test_malformed_payoffs_raise_value_error(payoffs):
    with pytest.raises(ValueError):
        Game(payoffs)


@pytest.mark.parametrize("payoffs", [
    "abc",
    None,
    {"Row": [[1]]},
    5,
    [None, None],
    ["ab", "cd"],
    [[["a", 2], [3, 4]], [[1, 2], [3, 4]]],
    [[[None, 2], [3, 4]], [[1, 2], [3, 4]]],
    [[[True, 2], [3, 4]], [[1, 2], [3, 4]]],
    [np.array([[True, False], [True, True]]), [[1, 2], [3, 4]]],
    [[[1j, 2], [3, 4]], [[1, 2], [3, 4]]],
    [np.array([[1, 2], [3, 4]], dtype=complex), [[1, 2], [3, 4]]],
    [[[object(), 2], [3, 4]], [[1, 2], [3, 4]]],
])
def test_non_numeric_payoffs_raise_type_error(payoffs):
    with pytest.raises(TypeError):
        Game(payoffs)


@pytest.mark.parametrize("value", [sympy.I, 2 + 3 * sympy.I])
def test_sympy_complex_payoffs_raise_type_error_like_python_complex(value):
    # sbgames.numeric promises TypeError for complex numbers; Python's 1j gets
    # one, sympy's I gets a ValueError ("must be a finite real number").
    with pytest.raises(TypeError):
        Game([[[value, 2], [3, 4]], [[1, 2], [3, 4]]])


def test_error_messages_locate_the_bad_entry():
    with pytest.raises(ValueError, match=r"payoffs\[1\]\[0, 1\]"):
        Game([[[1, 2], [3, 4]], [[1, float("nan")], [3, 4]]])
    with pytest.raises(TypeError, match=r"payoffs\[0\]\[1, 0\]"):
        Game([[[1, 2], ["x", 4]], [[1, 2], [3, 4]]])
    with pytest.raises(ValueError, match="ragged"):
        Game([[[1, 2], [3]], [[1, 2], [3, 4]]])


@pytest.mark.parametrize("kwargs,error", [
    ({"strategies": [["a", "a"], ["b", "c"]]}, ValueError),       # duplicate strategy names
    ({"players": ["x", "x"]}, ValueError),                          # duplicate player names
    ({"strategies": [["a", "b", "c"], ["b", "c"]]}, ValueError),   # too many names
    ({"strategies": [["a"], ["b", "c"]]}, ValueError),             # too few names
    ({"strategies": [["a", "b"]]}, ValueError),                     # names for one player only
    ({"strategies": "ab"}, ValueError),
    ({"players": ["x"]}, ValueError),                               # wrong number of players
    ({"players": ["x", "y", "z"]}, ValueError),
    ({"players": ["x", 3]}, TypeError),                             # not a string
    ({"players": ["x", " "]}, TypeError),                           # blank
    ({"players": "xy"}, TypeError),
    ({"strategies": [["a", None], ["b", "c"]]}, TypeError),
])
def test_bad_names(kwargs, error):
    with pytest.raises(error):
        Game(PD, **kwargs)


def test_default_and_given_names():
    g = Game(PD)
    assert g.players == ("Player 1", "Player 2")
    assert g.strategies == (("s1", "s2"), ("s1", "s2"))
    g = Game(PD, strategies=[["C", "D"], None])
    assert g.strategies == (("C", "D"), ("s1", "s2"))
    assert pd().players == ("Row", "Col") and pd().shape == (2, 2) and pd().n_players == 2


# ----------------------------------------------------------------------------
# immutability
# ----------------------------------------------------------------------------
def test_payoff_arrays_are_read_only():
    g = pd()
    for arr in g.payoff_arrays:
        with pytest.raises(ValueError):
            arr[0, 0] = 99
    gf = Game([[[1.5, 0], [0, 1]], [[1, 0], [0, 1]]])
    with pytest.raises(ValueError):
        gf.payoff_arrays[0][0, 0] = 99.0
    assert g.payoff(("C", "C")) == (3, 3) and gf.payoff((0, 0)) == (1.5, 1)


def test_payoff_arrays_cannot_be_made_writeable_again():
    # numpy lets the owner of a buffer flip `writeable` back to True; the
    # arrays handed out must not own their data (e.g. be read-only views),
    # or the "immutable" game can be changed in place.
    g = pd()
    arr = g.payoff_arrays[0]
    try:
        arr.flags.writeable = True
        arr[0, 0] = 99
    except ValueError:
        pass
    assert g.payoff(("C", "C")) == (3, 3)


def test_attributes_cannot_be_assigned():
    g = pd()
    for name, value in [("_kind", "float"), ("_payoffs", ()), ("players", ("a", "b")),
                        ("kind", "float"), ("new_attribute", 1)]:
        with pytest.raises(AttributeError):
            setattr(g, name, value)
    assert g.kind == "exact" and g.players == ("Row", "Col")


def test_input_mutation_does_not_reach_the_game():
    A = [[3, 0], [5, 1]]
    B = np.array([[3, 5], [0, 1]])
    players = ["Row", "Col"]
    names = [["C", "D"], ["C", "D"]]
    g = Game([A, B], players=players, strategies=names)
    A[0][0] = 100
    B[1, 1] = 100
    players[0] = "X"
    names[0][0] = "Z"
    assert g.payoff((0, 0)) == (3, 3) and g.payoff((1, 1)) == (1, 1)
    assert g.players == ("Row", "Col") and g.strategies[0] == ("C", "D")


def test_equality_and_hash():
    assert pd() == pd() and hash(pd()) == hash(pd())
    assert pd() != Game(PD)                                   # names differ
    assert pd() != pd().as_float()                            # kind differs
    other = Game([[[3, 0], [5, 2]], [[3, 5], [0, 1]]], players=["Row", "Col"],
                 strategies=[["C", "D"], ["C", "D"]])
    assert pd() != other
    assert len({pd(), pd(), other}) == 2


# ----------------------------------------------------------------------------
# lookup
# ----------------------------------------------------------------------------
def test_payoff_lookup_by_names_indices_and_mapping():
    g = pd()
    assert g.payoff(("D", "C")) == (5, 0)
    assert g.payoff((1, 0)) == (5, 0)
    assert g.payoff(["D", 0]) == (5, 0)
    assert g.payoff((np.int64(1), np.int64(0))) == (5, 0)
    assert g.payoff({"Col": "C", "Row": "D"}) == (5, 0)
    assert g["D", "C"] == (5, 0)
    assert all(isinstance(v, Fr) for v in g.payoff((1, 0)))
    assert g.player_index("Col") == 1 and g.player_index(0) == 0
    assert g.strategy_index("Row", "D") == 1 and g.strategy_index(1, 1) == 1


@pytest.mark.parametrize("profile", [
    ("X", "C"), (2, 0), (-1, 0), ("D",), ("D", "C", "C"), (True, 0),
    {"Row": "D"}, {"Row": "D", "Col": "C", "Other": "C"},
])
def test_bad_profiles(profile):
    with pytest.raises(ValueError):
        pd().payoff(profile)


def test_bad_player_lookup():
    with pytest.raises(ValueError):
        pd().player_index("Nobody")
    with pytest.raises(ValueError):
        pd().player_index(2)


def test_one_player_game():
    g = Game([[4, 7, 1]])
    assert g.shape == (3,) and g.n_players == 1
    assert g.payoff("s2") == (7,) and g.payoff((2,)) == (1,)


# ----------------------------------------------------------------------------
# mixed profiles: expected payoffs and best responses
# ----------------------------------------------------------------------------
def test_expected_payoffs_exact():
    g = Game([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    half = [Fr(1, 2), Fr(1, 2)]
    assert g.expected_payoffs([half, half]) == (Fr(3, 4), Fr(3, 4))
    assert g.expected_payoffs([[Fr(2, 3), Fr(1, 3)], [Fr(1, 3), Fr(2, 3)]]) == (Fr(2, 3), Fr(2, 3))
    assert g.expected_payoffs(["s1", 1]) == (0, 0)
    assert g.expected_payoffs([[0.5, 0.5], "s1"]) == (Fr(1), Fr(1, 2))  # floats read as decimals
    assert g.expected_payoffs({"Player 2": "s2", "Player 1": "s2"}) == (1, 2)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(nplayer_payoffs(n_players=3, max_size=3), st.data())
def test_expected_and_strategy_payoffs_match_brute_force(payoffs, data):
    g = Game(payoffs)
    profile = []
    for n in g.shape:
        w = data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
        profile.append([Fr(v, sum(w)) for v in w])
    regrets = oracles.regrets(payoffs, profile)
    for i in range(3):
        values = g.strategy_payoffs(profile, i)
        brute = oracles._deviation_values(payoffs, profile, i)
        assert list(values) == brute
        expected = sum(v * p for v, p in zip(brute, profile[i]))
        assert g.expected_payoffs(profile)[i] == expected
        assert g.regrets(profile)[i] == regrets[i]
    assert g.is_equilibrium(profile) == all(r == 0 for r in regrets)


@pytest.mark.parametrize("strategy", [[0.5, 0.6], [1.5, -0.5], [1, 0, 0], [1], [[1, 0]], "nope", [math.nan, 1]])
def test_invalid_mixed_strategies(strategy):
    for g in (pd(), pd().as_float()):
        with pytest.raises(ValueError):
            g.expected_payoffs([strategy, "C"])


def test_best_responses():
    g = pd()
    assert g.best_responses(["C", "C"], "Row") == ("D",)
    assert g.best_responses([None, [Fr(1, 2), Fr(1, 2)]], "Row") == ("D",)  # own entry ignored
    bos = Game([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    third = [Fr(1, 3), Fr(2, 3)]
    assert bos.best_responses([None, third], 0) == ("s1", "s2")
    assert bos.best_responses([[Fr(2, 3), Fr(1, 3)], None], 1) == ("s1", "s2")
    assert bos.best_responses([None, [Fr(1, 2), Fr(1, 2)]], 0) == ("s1",)
    near = Game([[[1.0, 0.0], [1.0 + 1e-12, 0.0]], [[0.0, 0.0], [0.0, 0.0]]])
    assert near.best_responses([None, "s1"], 0) == ("s1", "s2")
    assert near.best_responses([None, "s1"], 0, tol=0.0) == ("s2",)


def test_is_equilibrium():
    g = pd()
    assert g.is_equilibrium(["D", "D"]) and not g.is_equilibrium(["C", "C"])
    gf = g.as_float()
    assert gf.is_equilibrium(["D", "D"]) and not gf.is_equilibrium(["C", "D"])


# ----------------------------------------------------------------------------
# kinds and conversions
# ----------------------------------------------------------------------------
x = sympy.Symbol("x")


@pytest.mark.parametrize("values,kind", [
    ([1, 2], "exact"),
    ([Fr(1, 3), 2], "exact"),
    ([np.int8(1), np.int64(2)], "exact"),
    ([sympy.Rational(1, 3), sympy.Integer(2)], "exact"),
    ([Decimal("0.1"), 1], "exact"),
    ([1, 2.0], "float"),
    ([np.float32(1.5), 2], "float"),
    ([sympy.sqrt(2), 1], "float"),
    ([x, 2], "symbolic"),
    ([x + 1.5, 2.0], "symbolic"),
])
def test_kinds(values, kind):
    g = Game([values])
    assert g.kind == kind
    stored = g.payoff_arrays[0]
    if kind == "exact":
        assert all(isinstance(v, Fr) for v in stored)
    elif kind == "float":
        assert stored.dtype == float
    else:
        assert all(isinstance(v, sympy.Expr) for v in stored)


def test_as_exact_and_as_float():
    g = Game([[0.1, 0.25, 2.0]])
    exact = g.as_exact()
    assert exact.kind == "exact"
    assert exact.payoff_arrays[0].tolist() == [Fr(1, 10), Fr(1, 4), Fr(2)]
    assert exact.as_exact() is exact and g.as_float() is g
    back = Game([[Fr(1, 3), 1]]).as_float()
    assert back.kind == "float" and back.payoff_arrays[0].tolist() == [1 / 3, 1.0]
    assert exact.as_float() == g
    named = pd().as_float()
    assert named.players == ("Row", "Col") and named.strategies == pd().strategies
    with pytest.raises(ValueError):
        Game([[10**400, 1]]).as_float()
    with pytest.raises(TypeError, match="symbolic"):
        Game([[x, 1]]).as_exact()
    with pytest.raises(TypeError, match="symbolic"):
        Game([[x, 1]]).as_float()


def test_subs():
    y = sympy.Symbol("y")
    g = Game([[[x, 2 * x], [y, 0]], [[1, 0], [0, x * y]]], players=["A", "B"])
    full = g.subs({x: 3, "y": Fr(1, 2)})
    assert full.kind == "exact" and full.players == ("A", "B")
    assert full.payoff_arrays[0].tolist() == [[3, 6], [Fr(1, 2), 0]]
    assert full.payoff_arrays[1][1, 1] == Fr(3, 2)
    partial = g.subs({"x": 3})
    assert partial.kind == "symbolic" and partial.payoff_arrays[0][1, 0] == y
    assert g.subs({"unrelated": 1}) == g
    assert g.kind == "symbolic"  # the original is unchanged
    numeric = pd()
    assert numeric.subs({x: 1}) is numeric
    assert Game([[x, 1]]).subs({x: 0.5}).payoff_arrays[0][0] == Fr(1, 2)


# ----------------------------------------------------------------------------
# display
# ----------------------------------------------------------------------------
def test_table_two_players():
    assert pd().table().splitlines() == [
        "Row \\ Col | C    | D",
        "----------+------+-----",
        "C         | 3, 3 | 0, 5",
        "D         | 5, 0 | 1, 1",
    ]


def test_table_fractions_floats_and_three_players():
    t = Game([[[Fr(1, 2), 0]], [[1, Fr(-2, 3)]]]).table()
    assert "1/2, 1" in t and "0, -2/3" in t
    tf = Game([[[1 / 3, 0]], [[1, 2]]]).table()
    assert "0.333333, 1" in tf
    # three players: one row per profile, one payoff column per player
    t3 = Game([np.arange(8).reshape(2, 2, 2), -np.arange(8).reshape(2, 2, 2), np.zeros((2, 2, 2))]).table()
    t3 = [[cell.strip() for cell in line.split(" | ")] for line in t3.splitlines()]
    assert t3[0] == ["Player 1 / Player 2 / Player 3", "Player 1", "Player 2", "Player 3"]
    assert t3[2] == ["s1 / s1 / s1", "0", "0", "0"]
    assert t3[5] == ["s1 / s2 / s2", "3", "-3", "0"] and t3[9] == ["s2 / s2 / s2", "7", "-7", "0"]
    assert len(t3) == 10


# ----------------------------------------------------------------------------
# tolerances relative to the payoff scale; limits on size and magnitude
# ----------------------------------------------------------------------------
def test_tolerance_scales_with_the_payoffs():
    tiny = Game((np.array(PD, dtype=float) * 1e-10).tolist(), strategies=[["C", "D"], ["C", "D"]])
    assert not tiny.is_equilibrium(["C", "C"]) and tiny.is_equilibrium(["D", "D"])
    assert tiny.best_responses(["C", "C"], 0) == ("D",)
    assert default_tolerance(tiny) == pytest.approx(5e-19)
    assert [eq.supports for eq in tiny.equilibria()] == [(("D",), ("D",))]
    huge = Game((np.array(PD, dtype=float) * 1e12).tolist())
    assert default_tolerance(huge) == pytest.approx(5e3) and not huge.is_equilibrium([0, 0])


def test_zero_game_has_a_unit_scale_and_every_profile_is_an_equilibrium():
    zero = Game([np.zeros((2, 2)), np.zeros((2, 2))])
    assert payoff_scale(zero) == 1.0 and default_tolerance(zero) == 1e-9
    assert zero.is_equilibrium([[0.5, 0.5], [0.25, 0.75]])
    assert len(zero.equilibria()) == 4 and len(zero.equilibria(method="pure")) == 4
    assert len(Game([np.zeros((2, 2, 2))] * 3).equilibria()) == 8


@pytest.mark.parametrize("tol", [1e300, 1.0, 0.006])
def test_tolerances_large_against_the_payoff_scale_are_refused(tol):
    g = pd().as_float()   # largest payoff 5: the limit is 1e-3 * 5 = 0.005
    for call in (lambda: g.equilibria(tol=tol), lambda: g.equilibria(method="pure", tol=tol),
                 lambda: g.is_equilibrium(["C", "C"], tol=tol), lambda: g.best_responses(["C", "C"], 0, tol=tol),
                 lambda: verified(g, [[1, 0], [1, 0]], method="x", exact=False, tol=tol)):
        with pytest.raises(InputError, match=r"tol=.* is too large: at most 0.001 times the payoff scale.* 0.005"):
            call()
    assert check_tolerance(0.005, g) == 0.005 and not g.is_equilibrium(["C", "C"], tol=0.005)
    three = Game([np.ones((2, 2, 2)) * 1e-10] * 3)
    with pytest.raises(InputError, match="too large"):
        three.equilibria(method="polynomial", tol=1e-9)


def test_payoffs_near_the_float_limit_are_refused_with_the_limit_named():
    with pytest.raises(InputError, match=r"payoffs\[0\]\[0, 1\] = -1.7e\+308 is beyond the limit of \+-1e\+300"):
        Game([[[1.0, -1.7e308], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.7e308]]])
    big = Game([[[10**308, 0], [0, 1]], [[1, 0], [0, 10**308]]])   # exact integers are fine exactly
    assert len(big.equilibria(exact=True)) == 3
    with pytest.raises(InputError, match="beyond the limit"):
        big.equilibria()            # float mode converts the game to floats first
    scaled = Game([[[1e299, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1e299]]])   # within the limit
    assert len(scaled.equilibria()) == 3


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_non_finite_payoffs_are_refused(bad):
    with pytest.raises(InputError, match=r"payoffs\[1\]\[0, 1\]: payoff must be finite"):
        Game([[[1.0, 2.0]], [[0.0, bad]]])


@pytest.mark.parametrize("n", [MAX_PLAYERS + 1, 40, 64, 65, 100])
def test_too_many_players_are_refused_in_sbgames_words(n):
    one_profile = 0.0
    for _ in range(n):
        one_profile = [one_profile]   # n nested lists: one strategy per player
    with pytest.raises(SolverLimitError, match=f"at most {MAX_PLAYERS} players .* got {n} payoff arrays"):
        Game([one_profile] * n)


def test_as_many_players_as_the_limit_allows():
    game = Game([np.zeros((1,) * MAX_PLAYERS)] * MAX_PLAYERS)
    assert len(game.equilibria(method="pure")) == 1


def test_payoffs_in_tiny_units_are_printed_not_rounded_to_zero():
    tiny = Game((np.array(PD, dtype=float) * 1e-13).tolist())
    assert "5e-13, 0" in tiny.table() and "1e-13, 1e-13" in tiny.table()
    assert "payoffs ('1e-13', '1e-13')" in repr(tiny.equilibria()[0])
