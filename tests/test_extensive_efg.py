"""Gambit .efg files (sbgames.extensive.efg), and comparisons with pygambit as an independent oracle.

The pygambit tests are skipped when pygambit is not installed; everything
else runs without it.
"""

import glob
import itertools
import os
import random
from fractions import Fraction as F

import pytest

from sbgames import load_model
from sbgames.extensive import (Chance, Decision, ExtensiveGame, Terminal, format_efg, parse_efg, read_efg,
                               reduced_strategies, subgame_perfect_equilibria, to_normal_form, write_efg)
from sbgames import gambit_text
from sbgames.errors import GameFileError
from sbgames.extensive import efg as efg_module
from sbgames.interop import (gambit_behaviour, gambit_equilibria, gambit_payoffs, gambit_players,
                             gambit_strategies, gambit_tree, read_gambit)

try:
    from tests.test_extensive import REPLIES, core_payoffs, entry_game, random_tree
except ImportError:  # tests/ itself is on sys.path
    from test_extensive import REPLIES, core_payoffs, entry_game, random_tree

CORE = load_model("core")

ENTRY_EFG = """\
EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" }
""

p "" 1 1 "" { "Out" "In" } 0
t "" 1 "" { 0, 2 }
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 2 "" { -1, -1 }
t "" 3 "" { 1, 1 }
"""

# The sample file of Gambit's format documentation (doc/formats.efg.rst): two
# chance moves pick the players' types; each player's information set
# knows only the player's own type.
BAYES_EFG = """\
EFG 2 R "General Bayes game, one stage" { "Player 1" "Player 2" }
c "ROOT" 1 "(0,1)" { "1G" 0.500000 "1B" 0.500000 } 0
c "" 2 "(0,2)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 1 "Outcome 1" { 10.000000 2.000000 }
t "" 2 "Outcome 2" { 0.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 3 "Outcome 3" { 2.000000 4.000000 }
t "" 4 "Outcome 4" { 4.000000 0.000000 }
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 5 "Outcome 5" { 10.000000 2.000000 }
t "" 6 "Outcome 6" { 0.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 7 "Outcome 7" { 2.000000 4.000000 }
t "" 8 "Outcome 8" { 4.000000 0.000000 }
c "" 3 "(0,3)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 9 "Outcome 9" { 4.000000 2.000000 }
t "" 10 "Outcome 10" { 2.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 11 "Outcome 11" { 0.000000 4.000000 }
t "" 12 "Outcome 12" { 10.000000 2.000000 }
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 13 "Outcome 13" { 4.000000 2.000000 }
t "" 14 "Outcome 14" { 2.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 15 "Outcome 15" { 0.000000 4.000000 }
t "" 16 "Outcome 16" { 10.000000 0.000000 }
"""

STAGES_EFG = """\
EFG 2 R "Two stages" { "A" "B" } "a comment"
p "first" 1 1 "start" { "go" "stop" } 1 "stage fee" { -1, 0 }
p "" 2 1 "" { "x" "y" } 2 "bonus" { 0 1/2 }
t "" 3 "end x" { 2, 2 }
t "" 4 "end y" { 1, 3 }
t "" 5 "stopped" { 0, 0 }
"""


def sequential_core_at(**values):
    pay = core_payoffs(CORE.symbols)
    tree = Decision("T", {t: Decision("S", {r: Terminal(pay[t, r]) for r in REPLIES}) for t in ("Revise", "Restrain")})
    return ExtensiveGame(tree, ["T", "S"], title="Sequential core").subs(CORE.values(**values))


def chance_game():
    return ExtensiveGame(Chance({
        "Strong": (F(1, 3), Decision("T", {"Revise": Terminal((3, -3)), "Restrain": Terminal((0, 0), label="peace")},
                                    label="strong T")),
        "Weak": (F(2, 3), Decision("T", {"Revise": Terminal((F(-1, 2), 1)), "Restrain": Terminal((0, 0))})),
    }, label="nature"), ["T", "S"], title='A "quoted" title \\ with a backslash')


def pennies():
    return ExtensiveGame(Decision("Even", {
        "H": Decision("Odd", {"H": Terminal((1, -1)), "T": Terminal((-1, 1))}, infoset="guess"),
        "T": Decision("Odd", {"H": Terminal((-1, 1)), "T": Terminal((1, -1))}, infoset="guess")}),
        ["Even", "Odd"], title="Matching pennies")


# -- reading ----------------------------------------------------------------------------

def test_read_entry_game():
    game = parse_efg(ENTRY_EFG)
    assert game == ExtensiveGame(entry_game().root, entry_game().players, title="Entry deterrence")
    assert game.title == "Entry deterrence"
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.actions == ("In", "Accommodate")


def test_read_gambit_documentation_example_with_shared_infosets():
    game = parse_efg(BAYES_EFG, source="bayes.efg")
    assert game.kind == "exact" and not game.is_perfect_information
    assert [(i.player, i.name, len(i.members)) for i in game.infosets()] == [
        ("Player 1", "(1,1)", 2), ("Player 2", "(2,1)", 4), ("Player 2", "(2,2)", 4), ("Player 1", "(1,2)", 2)]
    assert game.node("chance").probabilities == (F(1, 2), F(1, 2))
    assert game.node("chance").label == "ROOT"
    assert game.node("chance:1G/chance:2g/Player 1:H/Player 2:l").label == "Outcome 2"
    nf = to_normal_form(game)
    assert nf.shape == (4, 4)
    # H at both of Player 1's sets, h at both of Player 2's: outcomes 1, 5, 9, 13, each with probability 1/4
    assert nf.payoff(("H/H", "h/h")) == (F(10 + 10 + 4 + 4, 4), F(2 + 2 + 2 + 2, 4))
    # later nodes of an information set may leave out its description
    lines = BAYES_EFG.splitlines()
    short = [lines[0], *(line.replace(' "(2,1)" { "h" "l" }', "") if k > 4 and "(2,1)" in line else line
                         for k, line in enumerate(lines[1:], start=1))]
    assert sum('p "" 2 1 0' in line for line in short) == 3
    assert parse_efg("\n".join(short)) == game


def test_outcomes_at_non_terminal_nodes_accumulate():
    game = parse_efg(STAGES_EFG)
    assert game.node("A:go/B:x").payoffs == (F(1), F(5, 2))
    assert game.node("A:go/B:y").payoffs == (F(0), F(7, 2))
    assert game.node("A:stop").payoffs == (F(-1), F(0))
    assert game.infosets("A")[0].name == "start" and game.node("A").label == "first"
    assert game.node("A:go/B:x").label == "end x"
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.actions == ("go", "y")


def test_empty_and_repeated_action_names_become_distinct():
    game = parse_efg('EFG 2 R "" { "P" "" "P" }\np "" 1 1 "" { "" "a" "a" } 0\n'
                     't "" 1 "" { 1 2 3 } t "" 2 "" { 0 0 0 } t "" 3 "" { 0 0 0 }')
    assert game.players == ("P_1", "_1", "P_2")
    assert game.node("P_1").action_names == ("_1", "a_1", "a_2")


def test_comment_commas_numbers_and_escapes():
    game = parse_efg('EFG 2 D "say \\"hi\\" \\\\ there" { "A" } "comment"\n'
                     'c "" 1 "" { "x" .25 "y" 3/4 } 0\nt "" 1 "" { 1e2 } t "" 2 "" { -2.5, }')
    assert game.title == 'say "hi" \\ there'
    assert [game.node(t).payoffs for t in game.terminals()] == [(F(100),), (F(-5, 2),)]


# -- writing and round trips -----------------------------------------------------------------

@pytest.mark.parametrize("build", [entry_game, chance_game, pennies, lambda: sequential_core_at(),
                                   lambda: parse_efg(STAGES_EFG)])
def test_round_trip(build, tmp_path):
    game = build()
    assert parse_efg(format_efg(game)) == game
    path = tmp_path / "game.efg"
    write_efg(game, path)
    assert read_efg(path) == game
    assert format_efg(read_efg(path)) == format_efg(game)


def test_round_trip_of_random_trees():
    rng = random.Random(3)
    for _ in range(40):
        game = ExtensiveGame(random_tree(rng, ["A", "B"], 4), ["A", "B"])
        assert parse_efg(format_efg(game)) == game


def test_float_games_round_trip_as_their_decimals():
    game = ExtensiveGame(Decision("A", {"x": Terminal((0.1, 2.5)), "y": Terminal((1e-3, -7.0))}), ["A", "B"])
    back = parse_efg(format_efg(game))
    assert back.kind == "exact" and back == game.as_exact()
    assert back.node("A:x").payoffs == (F(1, 10), F(5, 2))


def test_format_is_gambit_style():
    assert format_efg(entry_game()).replace('"Entry deterrence"', '"x"') == \
        ENTRY_EFG.replace('"Entry deterrence"', '"x"')
    text = format_efg(pennies())
    assert 'p "" 2 1 "guess" { "H" "T" } 0' in text and text.count('"guess"') == 2
    assert 'c "nature" 1 "" { "Strong" 1/3 "Weak" 2/3 } 0' in format_efg(chance_game())


def test_symbolic_games_are_not_written():
    pay = core_payoffs(CORE.symbols)
    game = ExtensiveGame(Decision("T", {"Revise": Terminal(pay["Revise", "Soft"])}), ["T", "S"])
    with pytest.raises(TypeError, match="substitute values first"):
        format_efg(game)


# -- errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ('NFG 1 R "" { "A" } { 1 } 0', r"bad.efg line 1, column [0-9]+: expected 'EFG' .*\(a strategic game: use sbgames.read_nfg\)"),
    ('EFG 3 R "" { "A" }', "line 1, column [0-9]+: expected the version number 2 after 'EFG', found '3'"),
    ('EFG 2 Q "" { "A" }', "expected the data type 'R' or 'D'"),
    ('EFG 2 R { "A" }', r"expected the game title \(a quoted string\), found '\{'"),
    ('EFG 2 R "" { }', "the game has no players"),
    ('EFG 2 R "" { "A" }\n', "line 1, column [0-9]+: the file has no nodes"),
    ('EFG 2 R "" { "A" }\nx "" 0',
     r"line 2, column [0-9]+: expected a node: 'p' \(player\), 'c' \(chance\) or 't' \(terminal\), found 'x'"),
    ('EFG 2 R "" { "A" }\np "" 2 1 "" { "a" } 0\nt "" 0',
     r"line 2, column [0-9]+: player 2 does not exist; the file declares 1 player"),
    ('EFG 2 R "" { "A" }\np "" 1 1 0\nt "" 0',
     "line 2, column [0-9]+: information set 1 of player 1 .* is used before it is described"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { } 0', r"line 2, column [0-9]+: information set 1 of player 1 \('A'\) has no actions"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" "b" } 0\nt "" 0\np "" 1 1 "" { "a" "c" } 0\nt "" 0\nt "" 0',
     "line 4, column [0-9]+: information set 1 of player 1 .* is described differently from its first description at line 2"),
    ('EFG 2 R "" { "A" }\nt "" 3', "line 2, column [0-9]+: outcome 3 is used before it is defined"),
    ('EFG 2 R "" { "A" }\nt "" 0 "x" { 1 }', "line 2, column [0-9]+: outcome 0 is the null outcome"),
    ('EFG 2 R "" { "A" "B" }\nt "" 1 "x" { 1 }', r"line 2, column [0-9]+: expected the payoff of player 2 in outcome 1 .*found '\}'"),
    ('EFG 2 R "" { "A" }\nt "" 1 "x" { one }', "expected the payoff of player 1 in outcome 1 .*found 'one'"),
    ('EFG 2 R "" { "A" }\nt "" 1 "x" { 1e999 }', "has an exponent out of range"),
    ('EFG 2 R "" { "A" }\nt "" 1 "x" { 1/0 }', "has a zero denominator"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" 1/2 "t" 1/3 } 0\nt "" 0\nt "" 0',
     "line 2, column [0-9]+: chance event 1: the probabilities sum to 5/6, not 1"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" 3/2 "t" -1/2 } 0\nt "" 0\nt "" 0', r"outside \[0, 1\]"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" "t" } 0', "expected the probability of action 'h'"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" "b" } 0\nt "" 0\n',
     "line 3, column [0-9]+: the file ends inside the tree: the node at line 2 still needs 1 more child node"),
    ('EFG 2 R "" { "A" }\nt "" 0\nt "" 0', "line 3, column [0-9]+: expected the end of the file after the last node of the tree"),
    ('EFG 2 R "" { "A }\nt "" 0', r"line 2, column 4: unterminated string"),
    ('EFG 2 R "" { "A" }\np "" 1 x', "expected an information set number, found 'x'"),
    ('EFG 2 R "" { "chance" }\nt "" 0', "bad.efg: 'chance' names nature's moves"),
])
def test_bad_files_give_clear_errors(text, message):
    with pytest.raises(GameFileError, match=message):
        parse_efg(text, source="bad.efg")


def test_absurd_sizes_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(efg_module, "MAX_NODES", 3)
    with pytest.raises(ValueError, match="more than 3 nodes; refused"):
        parse_efg(format_efg(entry_game()))
    monkeypatch.setattr(efg_module, "MAX_NODES", 100_000)
    monkeypatch.setattr(efg_module, "MAX_DEPTH", 2)
    deep = 'EFG 2 R "" { "A" }\n' + 'p "" 1 1 "" { "a" } 0\n' * 4 + 't "" 0\n'
    with pytest.raises(GameFileError, match="line 4, column 1: the tree is deeper than 2 levels"):
        parse_efg(deep)
    monkeypatch.setattr(gambit_text, "MAX_FILE_BYTES", 50)    # one limit for .efg and .nfg
    path = tmp_path / "big.efg"
    path.write_text(format_efg(entry_game()))
    with pytest.raises(GameFileError, match=r"big.efg: the file is larger than 50 bytes \([0-9]+ bytes\)"):
        read_efg(path)
    with pytest.raises(GameFileError, match="the text is longer than 50 characters"):
        parse_efg(format_efg(entry_game()))


def test_read_errors_name_the_file(tmp_path):
    path = tmp_path / "latin1.efg"
    path.write_bytes(b'EFG 2 R "caf\xe9" { "A" }\nt "" 0\n')
    with pytest.raises(GameFileError, match=r"latin1.efg line 1, column 13: not UTF-8"):
        read_efg(path)
    with pytest.raises(FileNotFoundError, match="missing.efg"):
        read_efg(tmp_path / "missing.efg")
    path = tmp_path / "broken.efg"
    path.write_text('EFG 2 R "" { "A" }\n\n\np "" 1 1 "" { "a" } zero\n')
    with pytest.raises(GameFileError, match=r"broken.efg line 4, column 21: expected an outcome number \(0 for none\), found 'zero'"):
        read_efg(path)


# -- pygambit as an oracle (through sbgames.interop, for pygambit 16 and 17) -----------------------

def _our_history(game, path):
    steps = []
    while game.parent(path) is not None:
        parent = game.parent(path)
        steps.append([game.child(parent, a) for a in game.node(parent).action_names].index(path))
        path = parent
    return tuple(reversed(steps))


def _gambit_infosets(nodes):
    """Gambit's information sets of each player: first member -> the set of member histories."""
    infosets = {}
    for node in nodes:
        if node.player is not None:
            infosets.setdefault(node.player, {}).setdefault(node.infoset, set()).add(node.history)
    return {player: {first: frozenset(members) for first, members in sets.items()}
            for player, sets in infosets.items()}


def _compare_reduced_normal_forms(ours, theirs):
    """Our reduced strategic form equals Gambit's, strategy by strategy (matched by the actions they take)."""
    gambit_sets = _gambit_infosets(gambit_tree(theirs))
    our_sets = {info.name: frozenset(_our_history(ours, m) for m in info.members) for info in ours.infosets()}
    nf = to_normal_form(ours)
    strategies = reduced_strategies(ours)
    matched = []
    for index, (player, glabel, glabels) in enumerate(zip(ours.players, gambit_players(theirs),
                                                          gambit_strategies(theirs))):
        mine = {}
        for name, choice in strategies[player]:
            key = frozenset((our_sets[i.name], None if choice[i.name] is None else i.actions.index(choice[i.name]))
                            for i in ours.infosets(player))
            mine[key] = name
        gambit = {}
        for k, label in enumerate(glabels):
            taken = gambit_behaviour(theirs, index, k)
            key = frozenset((members, taken.get(first)) for first, members in gambit_sets.get(glabel, {}).items())
            gambit[key] = (k, label)
        assert set(mine) == set(gambit), player
        matched.append([(mine[k], gambit[k]) for k in mine])
    for combo in itertools.product(*matched):
        mine = nf.payoff([name for name, _ in combo])
        assert mine == gambit_payoffs(theirs, [k for _, (k, _) in combo]), [name for name, _ in combo]
    return nf, matched


def _catalog_files():
    pygambit = pytest.importorskip("pygambit")
    folder = os.path.join(os.path.dirname(pygambit.__file__), "catalog_data")
    files = sorted(glob.glob(os.path.join(folder, "**", "*.efg"), recursive=True))
    if not files:
        pytest.skip("pygambit ships no catalog .efg files")
    return files


def test_gambit_catalog_games_read_and_match_gambits_reduced_normal_form(tmp_path):
    for path in _catalog_files():
        ours = read_efg(path)
        _compare_reduced_normal_forms(ours, read_gambit(path))
        # our own writing of it reads back equal, and Gambit reads it to the same strategic form
        copy = tmp_path / "copy.efg"
        write_efg(ours, copy)
        assert read_efg(copy) == ours
        _compare_reduced_normal_forms(ours, read_gambit(copy))


@pytest.mark.parametrize("build", [entry_game, chance_game, pennies, lambda: sequential_core_at(),
                                   lambda: sequential_core_at(lam="1/4"), lambda: parse_efg(STAGES_EFG)])
def test_pure_nash_equilibria_agree_with_gambit_enumpure(build, tmp_path):
    pytest.importorskip("pygambit")
    game = build()
    path = tmp_path / "game.efg"
    write_efg(game, path)
    theirs = read_gambit(path)
    nf, matched = _compare_reduced_normal_forms(game, theirs)
    by_gambit = [{k: name for name, (k, _) in pairs} for pairs in matched]
    found = set()
    for profile in gambit_equilibria(theirs, "enumpure"):
        assert all(sorted(p) == [0] * (len(p) - 1) + [1] for p in profile.strategies)
        found.add(tuple(by_gambit[i][list(p).index(1)] for i, p in enumerate(profile.strategies)))
    assert found == {tuple(s[0] for s in eq.supports) for eq in nf.pure_equilibria(exact=True)}


def _gambit_spe(theirs):
    """Every pure SPE of a Gambit perfect-information tree, by brute force over the tree Gambit read.

    A node's value adds the outcomes Gambit attaches along the way; a profile
    is subgame perfect when no mover gains by taking another action at any
    decision node, the rest of the profile fixed.
    """
    nodes = gambit_tree(theirs)
    at = {node.history: node for node in nodes}
    decision = [n for n in nodes if n.player is not None]
    players = {p: i for i, p in enumerate(gambit_players(theirs))}
    size = len(next(n.payoffs for n in nodes if n.payoffs is not None))
    found = []
    for actions in itertools.product(*(range(len(n.actions)) for n in decision)):
        chosen = {n.history: a for n, a in zip(decision, actions)}

        def value(history):
            node = at[history]
            own = node.payoffs or (F(0),) * size
            if node.is_chance:
                later = [tuple(p * v for v in value(history + (k,))) for k, p in enumerate(node.probabilities)]
            elif node.actions:
                later = [value(history + (chosen[history],))]
            else:
                later = []
            return tuple(sum(column, start=o) for o, column in zip(own, zip(*later))) if later else own

        if all(value(n.history + (k,))[players[n.player]] <= value(n.history)[players[n.player]]
               for n in decision for k in range(len(n.actions))):
            found.append(chosen)
    return found


@pytest.mark.parametrize("build", [entry_game, chance_game, lambda: sequential_core_at(),
                                   lambda: sequential_core_at(lam="2/3"), lambda: parse_efg(STAGES_EFG)])
def test_subgame_perfect_equilibria_agree_with_gambits_tree(build, tmp_path):
    pytest.importorskip("pygambit")
    game = build()
    path = tmp_path / "game.efg"
    write_efg(game, path)
    ours = [{_our_history(game, node): game.node(node).action_names.index(a) for node, a in s.strategies.items()}
            for s in subgame_perfect_equilibria(game)]
    assert sorted(map(sorted, (d.items() for d in ours))) == \
        sorted(map(sorted, (d.items() for d in _gambit_spe(read_gambit(path)))))


def test_gambit_catalog_perfect_information_games_spe(tmp_path):
    checked = 0
    for path in _catalog_files():
        ours = read_efg(path)
        if not ours.is_perfect_information:
            continue
        mine = [{_our_history(ours, node): ours.node(node).action_names.index(a) for node, a in s.strategies.items()}
                for s in subgame_perfect_equilibria(ours)]
        assert sorted(map(sorted, (d.items() for d in mine))) == \
            sorted(map(sorted, (d.items() for d in _gambit_spe(read_gambit(path))))), path
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("build", [chance_game, pennies, lambda: parse_efg(BAYES_EFG), lambda: parse_efg(STAGES_EFG)])
def test_we_read_what_gambit_writes(build, tmp_path):
    pytest.importorskip("pygambit")
    game = build()
    path = tmp_path / "game.efg"
    write_efg(game, path)
    again = parse_efg(read_gambit(path).to_efg(), source="gambit output")
    assert to_normal_form(again) == to_normal_form(game)
    assert [again.node(t).payoffs for t in again.terminals()] == [game.node(t).payoffs for t in game.terminals()]
