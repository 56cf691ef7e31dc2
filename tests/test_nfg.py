"""Tests for reading and writing Gambit .nfg files (sbgames.nfg)."""

import math
import re
import time
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames.errors import GameFileError
from sbgames.game import Game
from sbgames.nfg import format_nfg, parse_nfg, read_nfg, write_nfg

F = Fraction

# Selten (IJGT 1975), Figure 2: the example of Gambit's format documentation,
# in the payoff version (strategy counts) ...
E02_PAYOFF = """\
NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# ... and the same game in the outcome version.
E02_OUTCOME = """\
NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""

# A 3-player outcome-version file: a comment, outcomes used twice, the null
# outcome 0, payoffs separated by commas, spaces or both, and all number forms.
THREE_PLAYER_OUTCOME = """\
NFG 1 D "Three-way coordination" { "Ann" "Bob" "Cy" }
{ { "Left" "Right" } { "Left" "Right" } { "Up" "Down" } }
"Everyone wants to match; Cy cares about the pair."

{
{ "all match" 1, 1, 3/2 }
{ "odd one"   -.25 0.5 1e1 }
{ "half"      0.1 , 2 , -3 }
}
1 0 2 0
2 3 0 1
"""


def payoff_version(players, counts, body):
    names = " ".join(f'"{p}"' for p in players)
    return f'NFG 1 R "test" {{ {names} }} {{ {" ".join(map(str, counts))} }}\n{body}'


# -- reading the two versions ----------------------------------------------------

def test_payoff_version_first_player_fastest():
    game = parse_nfg(E02_PAYOFF)
    assert game.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("1", "2", "3"), ("1", "2"))
    assert game.kind == "exact"
    # profiles in file order: (1,1) (2,1) (3,1) (1,2) (2,2) (3,2)
    assert game.payoff(("1", "1")) == (1, 1)
    assert game.payoff(("2", "1")) == (0, 2)
    assert game.payoff(("3", "1")) == (0, 2)
    assert game.payoff(("1", "2")) == (1, 1)
    assert game.payoff(("2", "2")) == (0, 3)
    assert game.payoff(("3", "2")) == (2, 0)


def test_outcome_version_gives_the_same_game():
    assert parse_nfg(E02_OUTCOME) == parse_nfg(E02_PAYOFF)


def test_three_player_outcome_version_with_null_outcome_and_comment():
    game = parse_nfg(THREE_PLAYER_OUTCOME)
    assert game.players == ("Ann", "Bob", "Cy")
    assert game.strategies == (("Left", "Right"), ("Left", "Right"), ("Up", "Down"))
    all_match, odd_one, half, null = (1, 1, F(3, 2)), (F(-1, 4), F(1, 2), 10), (F(1, 10), 2, -3), (0, 0, 0)
    # indices 1 0 2 0 2 3 0 1, first player fastest
    expected = {
        ("Left", "Left", "Up"): all_match, ("Right", "Left", "Up"): null,
        ("Left", "Right", "Up"): odd_one, ("Right", "Right", "Up"): null,
        ("Left", "Left", "Down"): odd_one, ("Right", "Left", "Down"): half,
        ("Left", "Right", "Down"): null, ("Right", "Right", "Down"): all_match,
    }
    for profile, payoffs in expected.items():
        assert game.payoff(profile) == tuple(F(p) for p in payoffs), profile
    assert all(isinstance(v, Fraction) for a in game.payoff_arrays for v in a.flat)


def test_three_player_payoff_version_order():
    # payoff of player i in profile (a, b, c) is 100a + 10b + c + i/10: easy to read back
    values = []
    for c in range(2):
        for b in range(3):
            for a in range(2):
                values += [f"{100 * a + 10 * b + c}.{i}" for i in range(3)]
    game = parse_nfg(payoff_version(["A", "B", "C"], [2, 3, 2], " ".join(values)))
    assert game.shape == (2, 3, 2)
    for (a, b, c), value in np.ndenumerate(game.payoff_arrays[2]):
        assert value == 100 * a + 10 * b + c + F(2, 10)


def test_payoff_version_with_strategy_names():
    text = 'NFG 1 R "" { "Row" "Col" } { { "T" "B" } { "L" "R" } } "a comment" 1 2 3 4 5 6 7 8'
    game = parse_nfg(text)
    assert game.strategies == (("T", "B"), ("L", "R"))
    assert game.payoff(("B", "L")) == (3, 4)
    assert game.payoff(("T", "R")) == (5, 6)


@pytest.mark.parametrize("text, value", [
    ("7", F(7)), ("+7", F(7)), ("-3", F(-3)), ("1.5", F(3, 2)), ("-.25", F(-1, 4)), (".5", F(1, 2)),
    ("5.", F(5)), ("0.1", F(1, 10)), ("1e3", F(1000)), ("1.e2", F(100)), ("2.5E-1", F(1, 4)),
    ("-1.5e+2", F(-150)), ("3/2", F(3, 2)), ("-6/4", F(-3, 2)), ("1e-400", F(1, 10 ** 400)),
])
def test_numbers_are_read_exactly(text, value):
    game = parse_nfg(payoff_version(["A"], [1], text))
    assert game.kind == "exact"
    assert game.payoff_arrays[0][0] == value


def test_decimal_data_type_reads_exactly():
    game = parse_nfg('NFG 1 D "" { "A" "B" } { 1 1 } 0.1 0.2')
    assert game.payoff((0, 0)) == (F(1, 10), F(1, 5))


def test_whitespace_is_not_significant():
    squeezed = 'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"{"Player 1""Player 2"}{3 2}' \
               '\t1 1\r\n0 2 0 2 1 1 0 3 2 0'
    assert parse_nfg(squeezed) == parse_nfg(E02_PAYOFF)


def test_escapes_in_strings():
    game = parse_nfg(r'NFG 1 R "say \"hi\" \\ C:\temp" { "a\"b" "c" } { 1 1 } 1 2')
    assert game.title == 'say "hi" \\ C:\\temp'  # other backslashes are kept, as Gambit does
    assert game.players == ('a"b', "c")


def test_empty_and_repeated_labels_are_made_distinct_as_gambit_does():
    game = parse_nfg('NFG 1 R "" { "" "" } { { "x" "x" "x_1" } { "" } } 1 1 2 2 3 3')
    assert game.players == ("_1", "_2")
    assert game.strategies == (("x_2", "x_3", "x_1"), ("_1",))


def test_byte_order_mark_is_ignored(tmp_path):
    path = tmp_path / "bom.nfg"
    path.write_bytes(b"\xef\xbb\xbf" + E02_PAYOFF.encode())
    assert read_nfg(path) == parse_nfg(E02_PAYOFF)
    assert parse_nfg("\ufeff" + E02_PAYOFF) == parse_nfg(E02_PAYOFF)


# -- writing and round trips ---------------------------------------------------------

def test_written_layout_is_gambits_payoff_version():
    game = Game([[[1, F(-1, 2)]], [[0, 3]]], players=["P1", "P2"], strategies=[["a"], ["x", "y"]], title="t")
    assert format_nfg(game) == ('NFG 1 R "t" { "P1" "P2" }\n\n'
                                '{ { "a" }\n{ "x" "y" }\n}\n""\n\n'
                                '1 0\n-1/2 3\n')


def test_round_trip_two_players(tmp_path):
    game = Game([[[F(1, 3), -2], [F(7, 2), 0]], [[F(-5, 9), 4], [1, F(10 ** 20, 3)]]],
                players=["Row \"R\"", "Col\\umn"], strategies=[["Up", "Down"], ["Left", "Right"]],
                title="Round trip: \"quotes\", \\backslashes\\ and\nnewlines")
    path = tmp_path / "two.nfg"
    write_nfg(game, path)
    back = read_nfg(path)
    assert back == game
    assert back.title == game.title
    assert back.payoff_arrays[1][1, 1] == F(10 ** 20, 3)


def test_round_trip_three_players(tmp_path):
    rng = np.random.default_rng(7)
    shape = (2, 3, 2)
    payoffs = [[[[F(int(n), int(d)) for n, d in zip(rng.integers(-50, 50, 2), rng.integers(1, 9, 2))]
                 for _ in range(shape[1])] for _ in range(shape[0])] for _ in range(3)]
    game = Game(payoffs, players=["Ann", "Bob", "Cy"],
                strategies=[["a1", "a2"], ["b1", "b2", "b3"], ["c1", "c2"]], title="Three")
    path = tmp_path / "three.nfg"
    write_nfg(game, path)
    assert read_nfg(path) == game


def test_round_trip_unicode_and_carriage_returns(tmp_path):
    game = Game([[[1]], [[2]]], players=["Jörg ✓", "line\r\nbreak"], title="ü")
    path = tmp_path / "u.nfg"
    write_nfg(game, path)
    back = read_nfg(path)
    assert back == game and back.title == "ü"


def test_float_game_reads_back_as_its_exact_decimals():
    game = Game([[[0.1, -2.5e-7], [1e16, 3.0]], [[0.0, 1 / 3], [2.0, -0.5]]])
    back = parse_nfg(format_nfg(game))
    assert back.kind == "exact"
    assert back == game.as_exact()
    assert back.payoff_arrays[0][0, 0] == F(1, 10)


def test_gambit_files_round_trip_through_our_writer():
    for text in (E02_PAYOFF, E02_OUTCOME, THREE_PLAYER_OUTCOME):
        game = parse_nfg(text)
        assert parse_nfg(format_nfg(game)) == game


def test_symbolic_game_cannot_be_written(tmp_path):
    x = sympy.Symbol("x")
    game = Game([[[x, 1]], [[0, 2 * x]]])
    with pytest.raises(TypeError, match=r"symbolic.*\['x'\].*subs"):
        format_nfg(game)
    with pytest.raises(TypeError, match="symbolic"):
        write_nfg(game, tmp_path / "x.nfg")
    assert not (tmp_path / "x.nfg").exists()


names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=6).filter(str.strip)
payoff_values = st.one_of(
    st.fractions(min_value=-1000, max_value=1000, max_denominator=60),
    st.integers(-10 ** 30, 10 ** 30),
)


@st.composite
def exact_games(draw):
    n_players = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n_players, max_size=n_players)))
    payoffs = [np.array(draw(st.lists(payoff_values, min_size=math.prod(shape), max_size=math.prod(shape))),
                        dtype=object).reshape(shape) for _ in range(n_players)]
    players = draw(st.lists(names, min_size=n_players, max_size=n_players, unique=True))
    strategies = [draw(st.lists(names, min_size=n, max_size=n, unique=True)) for n in shape]
    title = draw(st.text(st.characters(codec="utf-8"), max_size=10))
    return Game(payoffs, players, strategies, title=title)


@settings(max_examples=150, deadline=None)
@given(exact_games())
def test_random_exact_games_round_trip(game):
    back = parse_nfg(format_nfg(game))
    assert back == game
    assert back.title == game.title


# -- errors -------------------------------------------------------------------------------

def check_error(text, pattern, source="bad.nfg", column=r"\d+"):
    """`pattern` is ``"<line>: <message>"``; the error names the line, the column, then the message."""
    line, message = pattern.split(": ", 1)
    with pytest.raises(GameFileError, match=re.escape(f"{source} line ") + f"{line}, column {column}: {message}"):
        parse_nfg(text, source=source)


def test_too_few_payoffs_names_the_line_and_count():
    text = 'NFG 1 R "" { "A" "B" } { 3 1 }\n\n1 1 2 2\n3\n'
    check_error(text, r"4: expected 6 payoffs \(3 profiles x 2 players\), found 5", column=1)


def test_too_many_payoffs_names_the_first_surplus():
    text = 'NFG 1 R "" { "A" "B" } { 1 1 }\n1 2\n3\n'
    check_error(text, r"3: expected 2 payoffs .*, found 3")


def test_non_numeric_payoff():
    check_error('NFG 1 R "" { "A" "B" } { 2 1 }\n1 2\n3 four\n', r"3: expected a payoff .*found 'four'", column=3)
    check_error('NFG 1 R "" { "A" } { 2 }\n1 "2"\n', r"2: expected a payoff .*found \"2\"")
    check_error('NFG 1 R "" { "A" } { 2 }\n1,2\n', r"2: expected a payoff .*found ','")
    check_error('NFG 1 R "" { "A" } { 2 }\n1 2.5.1\n', r"2: expected a payoff .*found '2.5.1'")


def test_stray_token_after_the_payoffs():
    check_error('NFG 1 R "" { "A" } { 2 }\n1 2\n}\n', r"3: expected the end of the file after 2 payoffs.*found '}'")


def test_missing_header():
    check_error("1 1 0 2\n", r"1: expected 'NFG' at the start of a Gambit .nfg file, found '1'")
    check_error("\n\n", r"\d+: expected 'NFG'.*found end of file")
    check_error('EFG 2 R "tree" { "A" }', r"1: expected 'NFG'.*extensive game.*found 'EFG'")
    check_error('NFG 2 R "" { "A" } { 1 } 0', r"1: expected the version number 1 after 'NFG', found '2'")
    check_error('NFG 1 X "" { "A" } { 1 } 0', r"1: expected the data type 'R' or 'D'.*found 'X'")
    check_error('NFG 1 R { "A" } { 1 } 0', r"1: expected the game title \(a quoted string\), found '\{'")


def test_unterminated_string_names_the_line_it_starts_on():
    check_error('NFG 1 R "title" { "A" "B }\n{ 1 1 }\n1 2\n', r"1: unterminated string", column=23)
    check_error('NFG 1 R "" { "A" "B" }\n\n{ { "x" } { "y\\" } }', r"3: unterminated string")


def test_line_numbers_count_newlines_inside_strings():
    check_error('NFG 1 R "two\nlines" { "A" } { 2 }\n1 x', r"3: expected a payoff .*found 'x'")


def test_unknown_outcome_index():
    text = E02_OUTCOME.replace("1 2 3 4 5 6", "1 2 3\n4 7 6")
    check_error(text, r"17: unknown outcome 7: the file defines 6 outcomes", column=3)


def test_bad_outcome_indices():
    check_error(E02_OUTCOME.replace("1 2 3 4 5 6", "1 2 3 4 5"), r"16: expected 6 outcome indices.*found 5")
    check_error(E02_OUTCOME.replace("1 2 3 4 5 6", "1 2 3 4 5 6 1"), r"16: expected 6 outcome indices.*found 7")
    check_error(E02_OUTCOME.replace("1 2 3 4 5 6", "1 2 3 4 5.0 6"), r"16: expected an outcome index \(0 to 6\), found '5.0'")
    check_error(E02_OUTCOME.replace("1 2 3 4 5 6", "1 2 3 4 -5 6"), r"16: expected an outcome index .*found '-5'")


def test_bad_outcomes():
    check_error(E02_OUTCOME.replace('{ "" 0, 3 }', '{ "" 0, 3, 4 }'), r"13: outcome 5 \(''\) needs 2 payoffs, one per player, found 3")
    check_error(E02_OUTCOME.replace('{ "" 0, 3 }', '{ 0, 3 }'), r"13: expected the outcome name \(a quoted string\), found '0'")
    check_error(E02_OUTCOME.replace('{ "" 0, 3 }', '{ "" 0, x }'), r"13: expected a payoff .*found 'x'")
    check_error(E02_OUTCOME.replace('{ "" 0, 3 }', '{ "" 0,, 3 }'), r"13: expected a payoff .*found ','")


def test_bad_strategies():
    check_error('NFG 1 R "" { "A" "B" } { 2 0 } 1 2', r"1: player 'B' has no strategies \(count 0\)", column=28)
    check_error('NFG 1 R "" { "A" "B" } { 2 1.5 } 1 2', r"1: expected the number of strategies of player 'B', found '1.5'")
    check_error('NFG 1 R "" { "A" "B" } { 2 } 1 2', r"1: expected the number of strategies of player 'B', found '\}'")
    check_error('NFG 1 R "" { "A" } { 2 2 } 1 2', r"1: expected '\}' after the strategy counts of 1 player, found '2'")
    check_error('NFG 1 R "" { "A" "B" } { { "a" } } 1', r"1: expected '\{' to start the strategy names of player 'B', found '\}'")
    check_error('NFG 1 R "" { "A" } { { "a" } { "b" } } 1', r"1: expected '\}' after the strategy names.*found '\{'")
    check_error('NFG 1 R "" { "A" } { { } } 1', r"1: player 'A' has no strategies")
    check_error('NFG 1 R "" { } { } 1', r"1: the game has no players")


def test_huge_exponents_are_refused_quickly():
    for text in ("1e999999", "-1e999999999999", "1e-999999", "2.5E+401"):
        start = time.perf_counter()
        check_error(payoff_version(["A"], [1], text), r"2: payoff '.*' has an exponent out of range")
        assert time.perf_counter() - start < 1.0


def test_payoffs_beyond_float_range_are_refused():
    check_error(payoff_version(["A"], [1], "1e309"), r"2: payoff '1e309' is too large")
    check_error(payoff_version(["A"], [1], "-" + "9" * 400), r"2: payoff '-999.*' is too large")
    check_error(payoff_version(["A"], [1], "1" * 5000), r"2: payoff '111.*' is too long")


def test_zero_denominator():
    check_error(payoff_version(["A"], [1], "3/0"), r"2: payoff '3/0' has a zero denominator")


@pytest.mark.parametrize("text", [E02_PAYOFF, E02_OUTCOME, THREE_PLAYER_OUTCOME])
def test_every_truncation_is_refused_with_a_value_error(text):
    text = text.rstrip()
    for end in range(len(text)):
        with pytest.raises(GameFileError, match=r"^cut\.nfg line \d+, column \d+: "):
            parse_nfg(text[:end], source="cut.nfg")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='NFG1RD "{},.-+/eE0123456789\\\nab ', max_size=60))
def test_garbage_after_a_header_gives_a_game_or_a_value_error(tail):
    try:
        parse_nfg('NFG 1 R "" { "A" "B" } ' + tail)
    except ValueError:
        pass


def test_read_names_the_file_in_errors(tmp_path):
    path = tmp_path / "game.nfg"
    path.write_text('NFG 1 R "" { "A" "B" } { 3 1 }\n1 1 2 2\n3\n')
    with pytest.raises(GameFileError, match=re.escape(f"{path} line 3, column 1: expected 6 payoffs") + r".*found 5"):
        read_nfg(path)
    with pytest.raises(ValueError, match=re.escape(f"{path} line 3, column 1: expected 6 payoffs")):
        read_nfg(str(path))


def test_read_missing_file_names_the_path(tmp_path):
    path = tmp_path / "missing.nfg"
    with pytest.raises(FileNotFoundError, match=re.escape(str(path))):
        read_nfg(path)


def test_read_refuses_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.nfg"
    path.write_bytes(b'NFG 1 R ""\n{ "J\xf6rg" } { 1 } 0\n')
    with pytest.raises(GameFileError, match=re.escape(f"{path} line 2, column 5: not UTF-8 text")):
        read_nfg(path)
