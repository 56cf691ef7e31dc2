"""Issue 12, adversarial review: hostile and careless inputs to the command line and the library.

Each test runs one input a user could give and asserts its exact outcome: the
right answer, or one clean line on standard error with exit status 1 (CLI) /
an ``sbgames.errors`` exception (library); never a traceback, never "no
equilibrium", never Python's notation for a number.
"""

import json
from fractions import Fraction
import warnings

import pytest

from sbgames import load_model
from sbgames.analysis.regions import regions
from sbgames.analysis.statics import statics
from sbgames.cli import main


def run(capsys, *argv):
    """Run the CLI in-process: (exit status, standard output, standard error)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    spoken = (out + err).lower().replace("no pure equilibrium", "")
    assert "no equilibri" not in spoken and "none found" not in spoken
    assert "Fraction(" not in out + err
    return status, out, err


def refused(capsys, *argv) -> str:
    """The one error line of a refused command (exit status 1)."""
    status, out, err = run(capsys, *argv)
    assert status == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"sbgames {argv[0]}: error: ")
    return lines[0]


# -- a sweep that crosses a constraint between parameters ------------------------------------------
@pytest.mark.parametrize("method", ["numeric", "closed-form"])
def test_statics_sweep_across_a_constraint_marks_the_points_outside(method):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sweep = statics(load_model("stag_hunt"), param=("reward", 0, 6), resolution=13, method=method)
    outside = "outside the model's constraints"
    assert list(sweep.labels[:6]) == [outside] * 6  # reward <= temptation = 3 breaks reward > temptation
    assert outside not in sweep.labels[7:]
    assert [(str(c.exact), c.before) for c in sweep.boundaries] == [("3", outside)]
    assert sweep.warnings == [f"7 of 13 sweep values are {outside}: equilibria are not computed there"]
    for curve in sweep.curves:
        assert not curve.holds[:7].any()


def test_statics_cli_across_a_constraint_is_one_warning_and_the_answer(capsys):
    status, out, err = run(capsys, "statics", "stag_hunt", "--param", "reward:0:6", "--method", "numeric",
                           "--resolution", "13")
    assert status == 0
    assert err == ("sbgames statics: warning: 7 of 13 sweep values are outside the model's constraints: "
                   "equilibria are not computed there\n")
    assert "regime change at 3: outside the model's constraints -> multiple: " in out


def test_regime_changes_of_a_wide_sweep_are_found_where_they_are():
    """The labels either side of a root are taken close to the root, not a share of a 1e15-wide window away."""
    sweep = statics(load_model("core"), param=("theta", 0, 10 ** 15), resolution=5)
    assert [str(c) for c in sweep.boundaries] == ["at 4: Revise / Bandwagon (unique) -> "
                                                  "mixed: Revise-Restrain x Soft-Bandwagon"]


# -- --json on maps and sweeps: partial results say what they left out ----------------------------
def test_regions_json_of_a_pure_only_map_says_so(capsys):
    status, out, err = run(capsys, "regions", "collective_majority", "--x", "theta:0:20", "--y", "lam:0:4",
                           "--resolution", "4", "--json")
    assert status == 0
    summary = json.loads(out)
    assert summary["complete"] is False
    assert summary["method"].startswith("numeric (pure equilibria only at ")
    assert any("pure equilibria only" in w for w in summary["warnings"])
    for region in summary["regions"]:
        assert region["complete"] == ("pure equilibria only" not in region["label"]
                                      and "mixed equilibria not searched" not in region["label"])
        if "unique" in region["label"]:
            assert region["complete"]
    assert err.count("\n") == 1 and err.startswith("sbgames regions: warning: pure equilibria only at ")


def test_statics_json_is_the_sweep_as_data(capsys):
    status, out, err = run(capsys, "statics", "core", "--param", "lam:0:5", "--resolution", "11", "--json")
    assert (status, err) == (0, "")
    summary = json.loads(out)
    assert summary["complete"] is True
    assert summary["regime_changes"] == [{"value": {"exact": "2/3", "float": pytest.approx(2 / 3)},
                                          "before": "Revise / Soft (unique)",
                                          "after": "mixed: Revise-Restrain x Soft-Bandwagon"}]
    assert sum(entry["share"] for entry in summary["regions"]) == pytest.approx(1)


def test_statics_json_of_a_partial_sweep_says_so(capsys):
    status, out, err = run(capsys, "statics", "collective_majority", "--param", "theta:12:20", "--resolution", "3",
                           "--json")
    summary = json.loads(out)
    assert status == 0 and summary["complete"] is False
    assert any("pure equilibria only" in w for w in summary["warnings"])
    assert summary["regions"] == [{"label": "no pure equilibrium (mixed equilibria not searched)", "share": 1.0,
                                  "complete": False}]


def test_json_with_files_keeps_standard_output_json(capsys, tmp_path):
    figure, table = tmp_path / "map.png", tmp_path / "map.csv"
    status, out, err = run(capsys, "regions", "core", "--x", "lam:0:5", "--resolution", "5", "--json",
                           "-o", str(figure), "--csv", str(table))
    assert status == 0 and json.loads(out)["complete"] is True
    assert err == f"figure written to {figure}\ndata written to {table}\n"
    assert figure.stat().st_size > 0 and table.read_text().startswith("lam,label\n")


def test_statics_symbolic_refuses_json(capsys):
    assert refused(capsys, "statics", "core", "--symbolic", "--json") == (
        "sbgames statics: error: --symbolic gives the signs in closed form: drop --param, --csv, --json and --method")


# -- files are written whole ------------------------------------------------------------------------
def _failing_writer(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("make", [
    lambda: regions(load_model("core"), x=("lam", 0, 5), resolution=5),
    lambda: statics(load_model("core"), param=("lam", 0, 5), resolution=5),
])
def test_to_csv_failing_midway_leaves_the_old_file(tmp_path, monkeypatch, make):
    result = make()
    path = tmp_path / "old.csv"
    path.write_text("the old table\n")
    monkeypatch.setattr("csv.writer", _failing_writer)
    with pytest.raises(OSError, match="cannot write .*old.csv: No space left on device"):
        result.to_csv(path)
    assert path.read_text() == "the old table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]


# -- command-line options a careless user gets wrong ------------------------------------------------
@pytest.mark.parametrize("argv, line", [
    (["solve", "core", "-o", ""], "sbgames solve: error: -o : the file name must end in .txt"),
    (["regions", "core", "--x", "theta:0:1", "--csv", ""],
     "sbgames regions: error: --csv : the file name must end in .csv"),
    (["repeated", "core", "-o", ""],
     "sbgames repeated: error: -o writes the figure of --payoff-set; add --payoff-set --delta D"),
    (["solve", "core", "--set", "theta=2/3", "--set", "theta=4"],
     "sbgames solve: error: --set theta=4: theta is set twice"),
    (["repeated", "core", "--delta", "1.5"],
     "sbgames repeated: error: --delta 1.5: a discount factor must lie strictly between 0 and 1"),
    (["statics", "core", "--param", "theta:0:1e400"],
     "sbgames statics: error: --param theta:0:1e400: high = 1e400 is beyond the largest axis end allowed, "
     "1e15 in magnitude"),
    (["statics", "core", "--param", "theta:0:5", "--resolution", "1e3"],
     "sbgames statics: error: --resolution 1e3: not an integer"),
    (["repeated", "core", "--strategy", "k-period:-1"],
     "sbgames repeated: error: --strategy k-period:-1: must be at least 1"),
])
def test_careless_options_are_refused_in_one_line(capsys, argv, line):
    assert refused(capsys, *argv) == line


def test_tiny_float_payoffs_are_printed_not_rounded_to_zero(capsys, tmp_path):
    game = tmp_path / "tiny.nfg"
    game.write_text('NFG 1 R "tiny" { "A" "B" } { 2 2 }\n1e-300 1e-300 0 0 0 0 1e-300 1e-300\n')
    status, out, err = run(capsys, "solve", str(game))
    assert (status, err) == (0, "")
    table = out[out.index("Equilibria"):].splitlines()
    assert table[2].split()[-2:] == ["1e-300", "1e-300"]
    assert table[3].split()[-2:] == ["5e-301", "5e-301"]


def test_tiny_float_payoffs_of_a_game_tree_are_printed():
    from sbgames.extensive.tree import Decision, ExtensiveGame, Terminal
    tree = ExtensiveGame(Decision("P", {"a": Terminal((1e-300,)), "b": Terminal((0.0,))}), ["P"])
    assert tree.text().splitlines()[1:] == ["  a -> (1e-300)", "  b -> (0)"]


def test_a_slow_derivation_is_said_once_before_work(capsys, tmp_path):
    """A 4 x 4 game: the warning names the numeric way out; the sweep then runs numerically."""
    strategies = '["s1", "s2", "s3", "s4"]'
    lines = ['name = "big4"', 'title = "Big"', f'[players.A]\nname = "A"\nstrategies = {strategies}',
             f'[players.B]\nname = "B"\nstrategies = {strategies}', "[parameters.x]\ndefault = 1\ndescription = 'x'",
             "[payoffs]"]
    lines += [f'"s{i},s{j}" = ["x", {(i * j) % 3}]' for i in range(1, 5) for j in range(1, 5)]
    model = tmp_path / "big4.toml"
    model.write_text("\n".join(lines) + "\n")
    status, out, err = run(capsys, "statics", str(model), "--param", "x:0:1", "--resolution", "3", "--method",
                           "numeric")
    assert (status, err) == (0, "")
    with pytest.warns(UserWarning, match="solve 69 support pairs of equal size symbolically, which may take minutes; "
                                         r"method='numeric' \(CLI: --method numeric\)"):
        from sbgames.analysis.regions import slow_derivation
        warnings.warn(slow_derivation(load_model(str(model))))


def test_statics_text_names_the_labels_with_what_they_leave_out(capsys, tmp_path):
    figure = tmp_path / "sweep.png"
    status, out, err = run(capsys, "statics", "collective_majority", "--param", "theta:12:20", "--resolution", "3",
                           "-o", str(figure))
    assert status == 0
    assert out.splitlines()[1:] == ["  label                                                share of the sweep",
                                    "  no pure equilibrium (mixed equilibria not searched)  100.0%",
                                    f"figure written to {figure}"]
    assert err.startswith("sbgames statics: warning: pure equilibria only at some sweep values")
    assert err.count("\n") == 1


def test_statics_legend_says_what_a_partial_sweep_left_out():
    import matplotlib
    from sbgames.analysis.regions import NO_PURE, PURE_ONLY
    matplotlib.use("Agg")
    sweep = statics(load_model("core"), param=("theta", 0, 5), resolution=3)
    assert sweep.plot().legends[0].get_title().get_text() == ""
    sweep.labels = sweep.labels.astype(object)
    sweep.labels[0] = NO_PURE
    sweep.labels[1] = f"Revise / Soft ({PURE_ONLY})"
    assert not sweep.complete
    legend = sweep.plot().legends[0]
    assert legend.get_title().get_text() == "pure equilibria only at some values\n(mixed equilibria not searched there)"
    sweep.labels[0] = "Revise / Soft (not complete: some equilibria may be missing)"
    legend = sweep.plot().legends[0]
    assert legend.get_title().get_text() == "not complete at some values\n(some equilibria may be missing)"


# -- closed forms of N-player models cover pure equilibria only: every output says so ---------------
def test_every_equilibrium_is_not_claimed_from_pure_closed_forms():
    """In the veto game T mixes in some equilibria (the complete solver finds them), so 'T plays Revise in
    every equilibrium' must not be derived from the pure profiles alone."""
    from sbgames.analysis import played_in_every_equilibrium, played_in_some_equilibrium, unique_equilibrium_region
    from sbgames.errors import InputError
    from sbgames.solvers.symbolic import holds
    veto = load_model("collective_veto")
    mixes = [eq for eq in veto.game().equilibria(exact=True, method="polynomial") if len(eq.supports[0]) == 2]
    assert mixes  # T mixes Revise and Restrain in some equilibrium at the defaults
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for ask in (lambda: played_in_every_equilibrium(veto, "T", "Revise"),
                    lambda: played_in_some_equilibrium(veto, "T", "Restrain"),
                    lambda: unique_equilibrium_region(veto, ("Revise",), ("Soft",), ("Soft",), ("Soft",))):
            with pytest.raises(InputError, match="not complete .mixed equilibria are not derived.*pure=True"):
                ask()
        every_pure = played_in_every_equilibrium(veto, "T", "Revise", pure=True)
        assert holds(every_pure, veto.values())  # true of the pure equilibria: T revises in each


def test_conditions_cli_rows_speak_of_pure_equilibria(capsys):
    status, out, err = run(capsys, "conditions", "collective_veto", "--player", "T", "--strategy", "Revise")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "T plays Revise (pure equilibria only; mixed equilibria not derived):"
    assert lines[1].startswith("  played in some pure equilibrium: ")
    assert lines[2].startswith("  played in every pure equilibrium: ")
    # the warning comes with the first derivation in a process (the closed forms are kept on the model)
    assert err in ("", "sbgames conditions: warning: only pure equilibria are derived for 4-player models\n")


def test_conditions_cli_of_a_complete_model_says_equilibrium(capsys):
    status, out, err = run(capsys, "conditions", "core", "--player", "S", "--strategy", "Soft")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "S plays Soft:"
    assert out.splitlines()[1].startswith("  played in some equilibrium: either (c_s = 0 and ")
    assert out.splitlines()[2].startswith("  played in every equilibrium: ")


def test_pure_closed_forms_say_so_in_text_latex_and_sign_table(capsys):
    status, out, _ = run(capsys, "conditions", "collective_majority")
    assert status == 0 and "(pure equilibria only; mixed equilibria not derived; exact at non-degenerate points)" \
        in out.splitlines()[0]
    status, out, _ = run(capsys, "conditions", "collective_majority", "--latex")
    assert status == 0 and out.startswith("The propositions below cover pure equilibria only: mixed equilibria of "
                                          "this game with 4 players are not derived.\n\n\\begin{proposition}")
    status, out, _ = run(capsys, "statics", "collective_majority", "--symbolic")
    assert status == 0 and out.startswith("Closed-form branches: pure equilibria only; mixed equilibria not derived\n")
    status, out, _ = run(capsys, "conditions", "core", "--latex")
    assert status == 0 and out.startswith("\\begin{proposition}")


def test_latex_answers_escape_the_user_s_names(capsys, tmp_path):
    model = tmp_path / "specials.toml"
    model.write_text('name = "specials"\ntitle = "S"\n[players.A]\nname = "A"\nstrategies = ["x^2 & 50%", "a~b_c#d"]\n'
                     '[players.B]\nname = "B"\nstrategies = ["C", "D"]\n[parameters.x]\ndefault = 1\n'
                     'description = "x"\n[payoffs]\n"x^2 & 50%,C" = ["x", 1]\n"x^2 & 50%,D" = [0, 0]\n'
                     '"a~b_c#d,C" = [0, 0]\n"a~b_c#d,D" = [1, "x"]\n')
    status, out, err = run(capsys, "conditions", str(model), "--player", "A", "--strategy", "x^2 & 50%", "--latex")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == r"A plays x\textasciicircum{}2 \& 50\%:"
    status, out, err = run(capsys, "conditions", str(model), "--latex")
    assert r"\text{a\textasciitilde{}b\_c\#d}" in out and "^" not in out.replace(r"\textasciicircum", "")


def test_an_unknown_solver_method_is_an_input_error():
    from sbgames.errors import InputError
    with pytest.raises(InputError, match="unknown method 'fastest'; choose one of auto, vertex, polynomial, pure"):
        load_model("core").game().equilibria(method="fastest")


def test_a_game_tree_with_a_tie_is_listed_once_per_region(capsys):
    status, out, err = run(capsys, "regions", "core_sequential", "--x", "theta:0:20", "--resolution", "20")
    assert (status, err) == (0, "")
    rows = [line.split("  ")[1] for line in out.splitlines() if line.endswith("%")]
    assert len(rows) == len(set(rows))
    shares = [float(line.rsplit(" ", 1)[1].rstrip("%")) for line in out.splitlines() if line.endswith("%")]
    assert sum(shares) == pytest.approx(100, abs=0.2)


@pytest.mark.parametrize("argv", [["regions", "core", "--x", "theta:0:10", "--set", "theta=4"],
                                  ["statics", "core", "--param", "theta:0:5", "--set", "theta=3"]])
def test_a_parameter_on_an_axis_cannot_be_set_too(capsys, argv):
    assert refused(capsys, *argv).endswith("--set theta: theta varies along an axis of this command; "
                                           "drop --set theta")


# -- hostile files, as a careless or hostile user would give them -----------------------------------
_MODEL = ('name = "m"\ntitle = "M"\n[players.A]\nname = "A"\nstrategies = ["U", "V"]\n[players.B]\nname = "B"\n'
          'strategies = ["C", "D"]\n[parameters.x]\ndefault = 1\ndescription = "x"\n[payoffs]\n'
          '"U,C" = ["1e-400", 0]\n"U,D" = [0, 0]\n"V,C" = [0, 0]\n"V,D" = ["0.10000000000000000001", "x"]\n')


@pytest.mark.parametrize("name, content, says", [
    ("empty.toml", b"", "players: missing: give a [players.<id>] table for each player"),
    ("deep.toml", b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply to be a model file"),
    ("factory.toml", ('factory = ["collective"]\n' + _MODEL).encode(), "factory: unknown field"),
    ("fullwidth.toml", _MODEL.replace("[payoffs]", '[parameters."\uff58"]\ndefault = 2\ndescription = "y"\n'
                                      "[payoffs]").encode(),
     "the parameter names 'x' and '\uff58' look alike"),
    ("big.toml", b"# " + b"x" * 1_100_000 + b"\n", "file larger than 1000000 bytes refused"),
    ("empty.nfg", b"", "expected 'NFG' at the start of a Gambit .nfg file, found end of file"),
    ("latin.nfg", b'NFG 1 R "l\xe9" { "A" "B" } { 2 2 }\n1 1 0 0 0 0 1 1\n', "not UTF-8 text"),
    ("neg.nfg", b'NFG 1 R "n" { "A" "B" } { -2 2 }\n1 1 0 0 0 0 1 1\n',
     "expected the number of strategies of player 'A', found '-2'"),
    ("dims.nfg", b'NFG 1 R "b" { "A" "B" } { 100000 100000 }\n1 1\n',
     "make 10,000,000,000 strategy profiles, more than the limit of 1,000,000; refused"),
    ("huge.nfg", b'NFG 1 R "h" { "A" "B" } { 2 2 }\n1e400 1 0 0 0 0 1 1\n', "payoff '1e400' is too large"),
])
def test_hostile_files_are_refused_in_one_line(capsys, tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    assert says in refused(capsys, "solve", str(path))


def test_hostile_file_kinds_are_refused_in_one_line(capsys, tmp_path):
    import os
    (tmp_path / "zero.nfg").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.nfg")
    assert "a character device (it leads to /dev/zero), not a regular file" in refused(
        capsys, "solve", str(tmp_path / "zero.nfg"))
    assert "a FIFO (named pipe), not a regular file" in refused(capsys, "solve", str(tmp_path / "fifo.nfg"))


def test_a_bom_and_exact_decimals_in_a_model_file(capsys, tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + _MODEL.encode())
    status, out, err = run(capsys, "solve", str(path), "--exact")
    assert (status, err) == (0, "")
    rows = out[out.index("Equilibria"):].splitlines()
    assert rows[2].split() == ["1", "U", "C", "1/" + "1" + "0" * 400, "0"]  # 1e-400, not 0
    assert rows[-2].split()[-2:] == ["10000000000000000001/100000000000000000000", "1"]


def test_leading_zeros_in_an_nfg_count(capsys, tmp_path):
    path = tmp_path / "zeros.nfg"
    path.write_text('NFG 1 R "z" { "A" "B" } { 00000000000000000002 2 }\n1 1 0 0 0 0 1 1\n')
    status, out, err = run(capsys, "solve", str(path), "--exact")
    assert (status, err) == (0, "")
    assert "Equilibria (exact; method vertex; complete)" in out and "\n  3  " in out and "\n  4  " not in out


# -- found by the review in the model reader, result printing and float conversion -------------------
def test_a_latin1_model_file_is_named_not_utf8(capsys, tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(_MODEL.replace('title = "M"', 'title = "Caf\u00e9"').encode("latin-1"))
    assert "not a UTF-8 text file" in refused(capsys, "solve", str(path))


def test_an_exact_game_with_huge_payoffs_prints():
    from sbgames import Game
    result = Game([[[10 ** 400, 0], [0, 1]], [[1, 0], [0, 10 ** 400]]]).equilibria(exact=True)
    assert len(result) == 3 and "Fraction(" not in repr(result)


def test_a_payoff_that_underflows_a_float_is_not_silently_zero():
    from sbgames import Game
    from sbgames.errors import InputError
    tiny = Game([[[Fraction(1, 10 ** 400), 0], [0, 0]], [[0, 0], [0, 0]]])
    exact = tiny.equilibria(exact=True)
    try:
        floats = tiny.equilibria()
    except InputError:
        return
    assert len(floats) == len(exact)


def test_a_game_tree_with_a_tie_says_mixing_is_not_listed(capsys):
    scope = "pure behaviour profiles only; a mover is indifferent, and mixing at the tied nodes is not listed"
    status, out, err = run(capsys, "solve", "core_sequential", "--set", "theta=4")
    assert (status, err) == (0, "")
    assert f"Subgame-perfect equilibria (2, by backward induction, exact; {scope}):" in out
    status, out, err = run(capsys, "solve", "core_sequential", "--set", "theta=4", "--json")
    summary = json.loads(out)
    assert (summary["complete"], summary["scope"], len(summary["equilibria"])) == (False, scope, 2)
    status, out, err = run(capsys, "solve", "core_sequential", "--json")
    summary = json.loads(out)
    assert (summary["complete"], summary["scope"], len(summary["equilibria"])) == (True, "complete", 1)


_DUPLICATED = ('name = "dup"\ntitle = "D"\n[players.A]\nname = "A"\nstrategies = ["U", "V", "W"]\n[players.B]\n'
               'name = "B"\nstrategies = ["C", "D"]\n[parameters.x]\ndefault = 1\ndescription = "x"\n[payoffs]\n'
               '"U,C" = ["x", 1]\n"U,D" = [0, 0]\n"V,C" = ["x", 1]\n"V,D" = [0, 0]\n"W,C" = [0, 0]\n'
               '"W,D" = [1, "x"]\n')


def test_statics_of_a_model_with_a_duplicated_strategy(tmp_path):
    """Closed forms leave the duplicated strategy's supports unexpanded: auto solves numerically, as maps do."""
    from sbgames.errors import InputError
    path = tmp_path / "dup.toml"
    path.write_text(_DUPLICATED)
    model = load_model(str(path))
    sweep = statics(model, param=("x", 1, 2), resolution=3)
    assert set(sweep.labels) == {"multiple: U / C; V / C; W / D; mixed: U-W x C-D; mixed: V-W x C-D"}
    with pytest.raises(InputError, match="those of 'dup' leave structurally degenerate supports unexpanded: "
                                         "use method='numeric'"):
        statics(model, param=("x", 1, 2), resolution=3, method="closed-form")
