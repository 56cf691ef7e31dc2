"""Errors of the leaf modules belong to the sbgames error family and say where the problem is."""

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames
from sbgames.cache import condition_from_data, condition_to_data
from sbgames.equilibrium import check_exact
from sbgames.errors import ExpressionError, GameFileError, InputError, InputTypeError, SbgamesError
from sbgames.extensive.efg import parse_efg
from sbgames.interop import from_nashpy, read_gambit, to_nashpy
from sbgames.nfg import format_nfg, parse_nfg

NFG = 'NFG 1 R "" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7 8\n'


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(NFG) - 2))
def test_a_truncated_nfg_file_names_the_line_and_column_of_the_stop(cut):
    text = NFG[:cut]
    with pytest.raises(GameFileError) as info:
        parse_nfg(text, source="cut.nfg")
    exc = info.value
    assert exc.source == "cut.nfg"
    assert exc.line is not None and 1 <= exc.line <= text.count("\n") + 1
    assert f"line {exc.line}" in str(exc)
    if exc.column is not None:
        assert f"column {exc.column}" in str(exc)


def test_nfg_and_efg_parse_errors_carry_line_and_column():
    with pytest.raises(GameFileError) as nfg:
        parse_nfg(NFG.replace("5 6", "5 x"), source="bad.nfg")
    assert (nfg.value.line, nfg.value.column) == (2, 11)  # the x of "5 x"
    efg = ('EFG 2 R "x" { "A" "B" }\n""\np "" 1 1 "" { "L" "R" } 0\n'
           't "" 1 "" { 1 2 }\nt "" 2 "" { 3 }\n')
    with pytest.raises(GameFileError) as tree:
        parse_efg(efg, source="bad.efg")
    assert (tree.value.source, tree.value.line, tree.value.column) == ("bad.efg", 5, 15)
    assert str(tree.value).startswith("bad.efg line 5, column 15: ")


def test_a_game_file_error_is_still_a_value_error_and_pickles():
    import pickle
    exc = GameFileError("f.nfg line 1, column 2: bad", source="f.nfg", line=1, column=2)
    assert isinstance(exc, ValueError) and isinstance(exc, SbgamesError)
    back = pickle.loads(pickle.dumps(exc))
    assert (str(back), back.source, back.line, back.column) == (str(exc), "f.nfg", 1, 2)


def test_writing_a_symbolic_game_is_an_input_type_error():
    x = sympy.Symbol("x")
    with pytest.raises(InputTypeError, match=r"symbolic game \(parameters \['x'\]\)"):
        format_nfg(sbgames.Game([[[x]], [[0]]]))


def test_interop_refusals_are_sbgames_errors():
    three = sbgames.Game([[[[1]]]] * 3)
    with pytest.raises(InputError, match="2-player"):
        to_nashpy(three)
    with pytest.raises(InputTypeError, match="expected a nashpy.Game"):
        from_nashpy([[1, 2], [3, 4]])

    class Fake:
        payoff_matrices = (np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(InputError, match=r"one shape, got shapes \(2, 2\) and \(2, 3\)"):
        from_nashpy(Fake())
    with pytest.raises(InputError, match="Gambit reads .efg and .nfg files only"):
        read_gambit("game.txt")


def test_the_latex_payoff_table_refuses_more_than_two_players():
    from sbgames.latex import payoff_table

    class ThreePlayers:
        name, players = "trio", ("A", "B", "C")
    with pytest.raises(InputError, match="'trio' has 3"):
        payoff_table(ThreePlayers())


def test_cache_conditions_round_trip_and_refuse_what_they_cannot_store():
    x = sympy.Symbol("x")
    condition = sympy.And(x > 1, sympy.Not(x >= 3))
    assert condition_from_data(condition_to_data(condition), {"x": x}) == condition
    with pytest.raises(InputTypeError, match="cannot store the condition"):
        condition_to_data(sympy.Eq(x, 1) | sympy.Symbol("flag"))
    with pytest.raises(ExpressionError, match="not a stored condition"):
        condition_from_data([1, 2], {"x": x})


@pytest.mark.parametrize("value", ["yes", 1, None, Fraction(1)])
def test_exact_must_be_a_boolean(value):
    with pytest.raises(InputTypeError, match="exact must be True or False"):
        check_exact(value)
    with pytest.raises(TypeError):  # still a TypeError for old except clauses
        check_exact(value)
