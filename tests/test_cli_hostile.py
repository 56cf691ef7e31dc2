"""Hostile and careless command lines (issue 12): each gives the right answer or one clean error line.

Every refusal is checked the same way: exit status 1, nothing on standard output, exactly one
line on standard error that starts with ``sbgames COMMAND: error:``, no traceback, the user's
own notation (``3/2``, never ``Fraction(3, 2)``), and, for limits, the limit itself.
"""

import os
import shutil
import stat
import subprocess
import sys

import pytest

from sbgames import files, latex, load_model
from sbgames.cli import main
from sbgames.model import models_dir


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def refused(capsys, *args, says=(), before_output=True):
    """Run a command that must be refused (`before_output`: before printing anything); return its one error line."""
    status, out, err = run(capsys, *args)
    lines = err.splitlines()
    assert status == 1, (status, err)
    assert out == "" or not before_output, out
    assert len(lines) == 1, err
    assert lines[0].startswith(f"sbgames {args[0] if not args[0].startswith('--') else args[1]}: error: ")
    assert "Traceback" not in err and "Fraction(" not in err
    for fragment in says:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- crashes and tracebacks --------------------------------------------------------------------------
def test_conditions_of_a_game_tree(capsys):
    status, out, err = run(capsys, "conditions", "core_sequential")
    assert status == 0 and err == ""
    assert "pure behaviour profiles that can be subgame perfect" in out
    assert "(T: Restrain; S: Soft after T:Revise, Bandwagon after T:Restrain) is subgame perfect if and only if" in out


def test_game_tree_latex_and_questions_that_need_a_normal_form(capsys):
    status, out, _ = run(capsys, "conditions", "core_sequential", "--latex")
    assert status == 0 and out.count(r"\begin{proposition}") == out.count("is subgame perfect") >= 1
    refused(capsys, "conditions", "core_sequential", "--player", "T", "--strategy", "Revise", says=["game tree"])
    refused(capsys, "statics", "core_sequential", "--param", "theta:0:5", says=["game tree"])
    refused(capsys, "statics", "core_sequential", "--symbolic", says=["game tree"])
    refused(capsys, "repeated", "core_sequential", says=["game tree"])


@pytest.mark.parametrize("command", [["regions", "core", "--x"], ["statics", "core", "--param"]])
def test_axis_ends_beyond_floats(capsys, command):
    refused(capsys, *command, "theta:0:1e400", says=["1e400", "1e15"])


@pytest.mark.parametrize("delta", ["1.5", "3/2", "0", "1", "-1/2", "abc"])
def test_discount_factor_checked_before_any_output(capsys, delta):
    line = refused(capsys, "repeated", "core", f"--delta={delta}", says=[f"--delta {delta}"])
    assert "between 0 and 1" in line or "not a number" in line


def test_settings_speak_the_users_notation(capsys):
    refused(capsys, "solve", "core", "--set", "theta=-3/2", says=["-3/2", "outside its bounds"])
    refused(capsys, "solve", "core", "--set", "theta=1/0", says=["1/0"])
    refused(capsys, "solve", "core", "--set", "thetta=1", says=["did you mean 'theta'"])
    refused(capsys, "regions", "core", "--x", "theta:0:5", "--y", "theta:0:3", says=["different parameters"])
    refused(capsys, "regions", "core", "--x", "nosuch:0:5", says=["no parameter 'nosuch'"])
    refused(capsys, "case", "core", says=["not a calibrated case"])


def test_a_solver_for_another_kind_of_game(capsys):
    refused(capsys, "solve", "collective_veto", "--method", "vertex", says=["2-player games", "4 players"])


def test_strategy_names_on_the_command_line_are_checked(capsys):
    refused(capsys, "repeated", "core", "--cooperate", "T=Foo,S=Soft", says=["'Foo' is not a strategy of T"])
    refused(capsys, "repeated", "core", "--cooperate", "T=Restrain", says=["no action for S"])
    refused(capsys, "repeated", "core", "--cooperate", "T=Restrain,S=Soft,T=Revise", says=["T is given two actions"])
    refused(capsys, "conditions", "core", "--player", "Z", "--strategy", "x", says=["unknown player"])
    refused(capsys, "repeated", "core", "--strategy", "nosuch", says=["grim, tft, wsls or k-period:K"])


def test_model_files_with_wrong_fields_or_too_many_players(capsys, tmp_path):
    refused(capsys, "solve", write(tmp_path / "f.toml", 'factory = ["collective"]\n'), says=["f.toml"])
    players = "".join(f'[players.P{i}]\nstrategies = ["x"]\n' for i in range(40))
    profile, zeros = ",".join(["x"] * 40), ", ".join(['"0"'] * 40)
    text = players + f'[payoffs]\n"{profile}" = [{zeros}]\n'
    refused(capsys, "solve", write(tmp_path / "wide.toml", text), says=["32"])


def test_payoffs_at_the_edge_of_floats(capsys, tmp_path):
    big, small = "1.7e308", "-1.7e308"
    text = ('[players.A]\nstrategies = ["x", "y"]\n[players.B]\nstrategies = ["u", "v"]\n[payoffs]\n'
            f'"x,u" = ["{big}", "{small}"]\n"x,v" = ["{small}", "{big}"]\n'
            f'"y,u" = ["{small}", "{big}"]\n"y,v" = ["{big}", "{small}"]\n')
    status, out, err = run(capsys, "solve", write(tmp_path / "big.toml", text))
    assert "Traceback" not in err
    if status == 0:  # solved after scaling: matching pennies
        assert "1/2 x + 1/2 y" in out or "0.5 x + 0.5 y" in out
    else:
        assert len(err.splitlines()) == 1 and err.startswith("sbgames solve: error: ")


def test_warnings_reach_the_user_as_one_clean_line_each(capsys):
    status, out, err = run(capsys, "regions", "collective_majority", "--x", "theta:0:20", "--resolution", "2")
    assert status == 0 and out
    assert err and all(line.startswith("sbgames regions: warning: ") for line in err.splitlines())
    assert "UserWarning" not in err and "cli.py" not in err and "pure equilibria only" in err
    assert "no equilibrium found" not in out  # a pure-only search names what it left out


# -- unbounded work ----------------------------------------------------------------------------------
@pytest.mark.parametrize("args, limit", [
    (["regions", "core", "--x", "theta:0:20", "--resolution", "10000"], "1,000"),
    (["statics", "core", "--param", "lam:0:5", "--resolution", "10000"], "1,000"),
    (["regions", "core", "--x", "theta:0:20", "--y", "lam:0:4", "--resolution", "600", "--method", "numeric"],
     "250,000"),
    (["repeated", "core", "--strategy", "k-period:1000000000"], "10 punishment periods"),
    (["case", "iraq_2003", "--samples", "100000000"], "100,000"),
])
def test_work_limits_are_stated_and_checked_first(capsys, monkeypatch, args, limit):
    import sbgames.analysis.regions
    import sbgames.analysis.statics
    import sbgames.cases

    def no_work(*args, **kwargs):
        raise AssertionError("the work started before the limit was checked")
    for module, name in [(sbgames.analysis.regions, "regions"), (sbgames.analysis.statics, "statics"),
                         (sbgames.cases, "story")]:
        monkeypatch.setattr(module, name, no_work)
    refused(capsys, *args, says=[limit])


@pytest.mark.parametrize("args", [["regions", "core", "--x", "theta:0:20", "--resolution", "1e4"],
                                  ["case", "iraq_2003", "--samples", "-5"], ["case", "iraq_2003", "--seed", "-1"],
                                  ["repeated", "core", "--strategy", "k-period:0"]])
def test_counts_that_are_not_counts(capsys, args):
    refused(capsys, *args)


def test_nash_check_over_its_limit_is_skipped_and_said(capsys):
    # 3 x 3 stage game, 8 punishment periods: 3**9 stationary policies for the Nash check
    status, out, err = run(capsys, "repeated", "core", "--strategy", "k-period:8")
    assert status == 0 and err == ""
    assert "subgame perfect iff" in out
    assert "Nash: not checked (19,683 stationary policies of one player to compare, over the limit of 5,000" in out


def test_slow_derivation_is_announced_and_ctrl_c_is_one_line(capsys, monkeypatch, tmp_path):
    names = ["a", "b", "c", "d"]
    lines = ['[players.A]\nstrategies = ["a", "b", "c", "d"]\n[players.B]\nstrategies = ["a", "b", "c", "d"]\n',
             "[parameters]\n"]
    lines += [f"p{r}{c} = {{ default = {k} }}\nq{r}{c} = {{ default = {k % 5} }}\n"
              for k, (r, c) in enumerate((r, c) for r in names for c in names)]
    lines += ["[payoffs]\n"] + [f'"{r},{c}" = ["p{r}{c}", "q{r}{c}"]\n' for r in names for c in names]
    path = write(tmp_path / "four.toml", "".join(lines))
    from sbgames.model import Model

    def interrupted(self):
        raise KeyboardInterrupt
    monkeypatch.setattr(Model, "symbolic_equilibria", interrupted)
    status, out, err = run(capsys, "conditions", path)
    assert status == 130 and out == ""
    note, stop = err.splitlines()
    assert note.startswith("sbgames conditions: note: ") and "69 support pairs of equal size" in note
    assert stop == "sbgames conditions: interrupted"
    status, out, err = run(capsys, "regions", path, "--x", "paa:0:1", "--resolution", "3", "--method", "numeric")
    assert status == 0 and err == "" and "method: numeric" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_game_files_that_are_devices_or_pipes(capsys, tmp_path):
    os.mkfifo(tmp_path / "pipe.nfg")
    refused(capsys, "solve", str(tmp_path / "pipe.nfg"), says=["not a regular file"])
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", tmp_path / "zero.nfg")
        refused(capsys, "solve", str(tmp_path / "zero.nfg"), says=["not a regular file"])
    refused(capsys, "solve", str(tmp_path / "absent.nfg"), says=["absent.nfg"])


# -- files -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args, says", [
    (["statics", "core", "--param", "lam:0:5", "-o", "out.jpgx"], ["-o out.jpgx", ".pdf"]),
    (["regions", "core", "--x", "theta:0:5", "--csv", "out.txt"], ["--csv out.txt", ".csv"]),
    (["solve", "core", "--json", "-o", "out.txt"], [".json"]),
    (["conditions", "core", "--latex", "-o", "out.txt"], [".tex"]),
])
def test_output_names_checked_before_computing(capsys, monkeypatch, tmp_path, args, says):
    import sbgames.analysis.regions
    import sbgames.analysis.statics
    from sbgames.model import Model

    def no_work(*args, **kwargs):
        raise AssertionError("computed before checking the output file")
    monkeypatch.setattr(sbgames.analysis.regions, "regions", no_work)
    monkeypatch.setattr(sbgames.analysis.statics, "statics", no_work)
    monkeypatch.setattr(Model, "symbolic_equilibria", no_work)
    monkeypatch.setattr(Model, "game", no_work)
    monkeypatch.chdir(tmp_path)
    refused(capsys, *args, says=says)
    name = {"statics": "out.pdf", "regions": "out.csv", "solve": "out.json", "conditions": "out.tex"}[args[0]]
    refused(capsys, *args[:-1], str(tmp_path / "no" / "such" / name), says=["does not exist"])
    (tmp_path / name).mkdir()
    refused(capsys, *args[:-1], str(tmp_path / name), says=["is a folder"])


def test_a_failed_write_keeps_the_old_file(capsys, monkeypatch, tmp_path):
    old_csv, old_fig = tmp_path / "map.csv", tmp_path / "map.png"
    old_csv.write_text("the old table\n")
    old_fig.write_bytes(b"the old figure")
    from sbgames.analysis.regions import RegionMap

    def disk_full(self, path):
        with open(path, "w") as f:
            f.write("x,la")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(RegionMap, "to_csv", disk_full)
    refused(capsys, "regions", "core", "--x", "theta:0:5", "--resolution", "3", "--csv", str(old_csv),
            says=["No space left on device"], before_output=False)
    assert old_csv.read_text() == "the old table\n"
    import matplotlib.figure
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", lambda self, path, **kw: disk_full(self, path))
    refused(capsys, "regions", "core", "--x", "theta:0:5", "--resolution", "3", "-o", str(old_fig), before_output=False)
    assert old_fig.read_bytes() == b"the old figure"
    assert sorted(os.listdir(tmp_path)) == ["map.csv", "map.png"]  # no temporary file left behind


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs a folder where no file can be created (/proc)")
def test_output_folder_probed_for_writing_before_work(capsys):
    refused(capsys, "regions", "core", "--x", "theta:0:5", "-o", "/proc/map.png", says=["/proc cannot be written"])


def test_atomic_write_replaces_whole_files_and_keeps_permissions(tmp_path):
    path = tmp_path / "out.tex"
    path.write_text("old")
    os.chmod(path, 0o640)
    files.atomic_write(path, "new")
    assert path.read_text() == "new" and stat.S_IMODE(os.stat(path).st_mode) == 0o640
    files.atomic_write(path, b"bytes")
    assert path.read_bytes() == b"bytes"

    def fails(tmp):
        raise RuntimeError("the writer failed")
    with pytest.raises(RuntimeError):
        files.atomic_write(path, fails)
    assert path.read_bytes() == b"bytes" and os.listdir(tmp_path) == ["out.tex"]

    def disk_full(tmp):
        raise OSError(28, "No space left on device", tmp)
    with pytest.raises(OSError, match="cannot write .*out.tex: No space left on device"):
        files.atomic_write(path, disk_full)  # the message names the file asked for, not the temporary one
    assert path.read_bytes() == b"bytes" and os.listdir(tmp_path) == ["out.tex"]


def test_text_output_written_whole(capsys, tmp_path):
    target = tmp_path / "pd.json"
    status, out, err = run(capsys, "solve", "prisoners_dilemma", "--exact", "--json", "-o", str(target))
    assert status == 0 and err == "" and out == f"written to {target}\n"
    assert '"complete": true' in target.read_text()


def test_a_model_file_with_a_byte_order_mark(capsys, tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'[players.A]\nstrategies = ["x", "y"]\n[payoffs]\nx = ["1"]\ny = ["2"]\n')
    status, out, err = run(capsys, "solve", str(path), "--exact")
    assert status == 0 and err == "" and "1  y  2" in out


# -- LaTeX -------------------------------------------------------------------------------------------
HOSTILE_NAMES = ["a^b", "c~d e", r"p&q%r$s#t_u{v}w\z"]


def hostile_model(tmp_path):
    cells = {(HOSTILE_NAMES[0], "u"): ("g", "1"), (HOSTILE_NAMES[1], "v"): ("1", "g")}
    toml_names = ", ".join('"' + n.replace("\\", "\\\\") + '"' for n in HOSTILE_NAMES)
    rows = "".join(f'"{r.replace(chr(92), chr(92) * 2)},{c}" = ["{cells.get((r, c), ("0", "0"))[0]}", '
                   f'"{cells.get((r, c), ("0", "0"))[1]}"]\n' for r in HOSTILE_NAMES for c in "uv")
    return write(tmp_path / "hostile.toml", f'[players.A]\nstrategies = [{toml_names}]\n[players.B]\n'
                 f'strategies = ["u", "v"]\n[parameters.g]\ndefault = 1\n[payoffs]\n{rows}')


def test_latex_escapes_every_special_character(capsys, tmp_path):
    model = load_model(hostile_model(tmp_path))
    table = latex.payoff_table(model)
    assert r"a\textasciicircum{}b" in table and r"c\textasciitilde{}d e" in table
    assert r"p\&q\%r\$s\#t\_u\{v\}w\textbackslash{}z" in table
    status, out, _ = run(capsys, "conditions", str(tmp_path / "hostile.toml"), "--latex")
    assert status == 0 and r"\textit{a\textasciicircum{}b}" in out
    assert "\n\n" not in latex._text("line one\n\nline two") and "\t" not in latex._text("a\tb")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed, so the LaTeX "
                    "output cannot be compiled here (the escaping itself is tested above)")
def test_latex_output_compiles(capsys, tmp_path):
    model = load_model(hostile_model(tmp_path))
    body = "\n\n".join([latex.propositions(model), latex.payoff_table(model),
                        latex.propositions(load_model("core_sequential")),
                        rf"$\text{{{latex._text('blank' + chr(10) * 2 + 'line ^ ~')}}}$"])
    has_booktabs = subprocess.run(["kpsewhich", "booktabs.sty"], capture_output=True, text=True).stdout.strip()
    rules = (r"\usepackage{booktabs}" if has_booktabs  # a minimal TeX installation lacks it: plain rules
             else r"\newcommand{\toprule}{\hline}\newcommand{\midrule}{\hline}\newcommand{\bottomrule}{\hline}")
    document = (r"\documentclass{article}\usepackage{amsmath,amsthm}" + rules + r"\newtheorem{proposition}{Proposition}"
                "\n\\begin{document}\n" + body + "\n\\end{document}\n")
    (tmp_path / "doc.tex").write_text(document, encoding="utf-8")
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert (tmp_path / "doc.pdf").exists()


def test_no_cache_flag_turns_the_cache_off_for_the_command(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("SBGAMES_NO_CACHE", raising=False)
    monkeypatch.setenv("SBGAMES_CACHE_DIR", str(tmp_path))
    for args in (["conditions", "prisoners_dilemma", "--no-cache"], ["--no-cache", "conditions", "stag_hunt"]):
        status, out, _ = run(capsys, *args)
        assert status == 0 and not list(tmp_path.glob("*.json"))
    fresh = tmp_path / "model" / "stag.toml"  # a model this process has not derived yet
    fresh.parent.mkdir()
    fresh.write_text((models_dir() / "stag_hunt.toml").read_text(encoding="utf-8"))
    status, out, _ = run(capsys, "conditions", str(fresh))
    assert status == 0 and list(tmp_path.glob("*.json"))  # without the flag the derivation is kept


def test_refusals_in_a_real_process_have_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "sbgames.cli", "repeated", "core", "--delta", "3/2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.splitlines() == ["sbgames repeated: error: --delta 3/2: a discount factor must lie "
                                        "strictly between 0 and 1"]
