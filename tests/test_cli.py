"""The sbgames command line."""

import json
import subprocess
import sys
from fractions import Fraction as F

import pytest

from sbgames import Game, write_nfg
from sbgames.cli import main


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_solve_prints_table_and_equilibria(capsys):
    status, out, err = run(capsys, "solve", "core", "--exact")
    assert status == 0 and not err
    assert "Revise   | -13/5, -33/5 | -4, -4 | 4, -5" in out
    assert "1/2 Revise + 1/2 Restrain  1/2 Soft + 1/2 Bandwagon  0         -5/2" in out
    assert "complete" in out


def test_solve_with_settings_and_multiple_equilibria(capsys):
    status, out, _ = run(capsys, "solve", "core", "--set", "theta=20", "--set", "w=0", "--exact")
    assert status == 0
    assert "theta = 20" in out and "w = 0" in out
    assert "20/27 Hard + 7/27 Soft" in out
    assert out.count("\n  ") >= 4  # header and three equilibria


def test_solve_json(capsys):
    status, out, _ = run(capsys, "solve", "core", "--exact", "--json", "--set", "l=1/2")
    data = json.loads(out)
    assert status == 0
    assert data["exact"] is True and data["method"] == "vertex" and data["complete"] is True
    assert data["parameters"]["l"] == {"exact": "1/2", "float": 0.5}
    (eq,) = data["equilibria"]
    assert eq["strategies"]["T"] == {"Revise": {"exact": "1", "float": 1.0}, "Restrain": {"exact": "0", "float": 0.0}}
    assert eq["strategies"]["S"]["Soft"]["exact"] == "1"
    assert F(eq["payoffs"]["T"]["exact"]) == 2 - F(2, 2)  # (1 - e_s) g - lam l = 2 - 1


def test_solve_float_json(capsys):
    status, out, _ = run(capsys, "solve", "core", "--json")
    data = json.loads(out)
    assert data["exact"] is False and data["tolerance"] > 0
    assert data["equilibria"][0]["strategies"]["T"]["Revise"] == {"exact": None, "float": 0.5}


def test_solve_degenerate_reports_components(capsys, tmp_path):
    path = tmp_path / "tie.nfg"
    write_nfg(Game([[[1, 1], [1, 1]], [[1, 0], [0, 1]]]), path)
    status, out, _ = run(capsys, "solve", str(path), "--exact")
    assert status == 0
    assert "degenerate game" in out and "connected" in out


def test_models_and_show(capsys):
    status, out, _ = run(capsys, "models")
    assert status == 0 and out.startswith("bully") or "core" in out
    status, out, _ = run(capsys, "show", "core")
    assert status == 0
    assert "theta      6        0 <= theta" in out
    assert "constraint: c_h > c_s" in out
    assert "g*(1 - e_s) - l*lam" in out


@pytest.mark.parametrize("args, fragment", [
    (["solve", "core", "--set", "thetta=3"], "did you mean 'theta'"),
    (["solve", "core", "--set", "theta=-1"], "outside its bounds"),
    (["solve", "core", "--set", "theta"], "expects name=value"),
    (["solve", "core", "--set", "theta=abc"], "not a number"),
    (["solve", "nosuchmodel"], "no bundled model"),
    (["show", "nosuchmodel"], "no bundled model"),
])
def test_errors_go_to_stderr(capsys, args, fragment):
    status, out, err = run(capsys, *args)
    assert status == 1
    assert fragment in err and not out
    assert "Traceback" not in err


def test_error_exit_without_traceback_in_a_real_process(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[players.A]\nstrategies = ["x"]\n[payoffs]\nx = ["__import__(\'os\')"]\n')
    proc = subprocess.run([sys.executable, "-m", "sbgames.cli", "solve", str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "bad.toml" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "sbgames.cli", "solve"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2 and "usage" in proc.stderr


@pytest.mark.parametrize("command", [["regions", "core", "--x", "lam:0:5"], ["statics", "core", "--param", "lam:0:5"]])
def test_method_numeric_agrees_with_the_closed_forms(capsys, command):
    status, closed, _ = run(capsys, *command, "--resolution", "11")
    assert status == 0 and "method: numeric" not in closed
    status, numeric, err = run(capsys, *command, "--resolution", "11", "--method", "numeric")
    assert status == 0 and not err
    assert "Revise / Soft (unique)" in numeric and "mixed: Revise-Restrain x Soft-Bandwagon" in numeric
    if command[0] == "statics":  # the regime change is located exactly both ways
        assert "at 2/3: Revise / Soft (unique) -> mixed: Revise-Restrain x Soft-Bandwagon" in closed
        assert "at 2/3: Revise / Soft (unique) -> mixed: Revise-Restrain x Soft-Bandwagon" in numeric
    else:
        assert "method: numeric" in numeric
        shares = [line.split()[-1] for line in numeric.splitlines() if "%" in line]
        assert shares == [line.split()[-1] for line in closed.splitlines() if "%" in line]


def test_pure_only_results_say_what_they_left_out(capsys, tmp_path):
    # matching pennies has no pure equilibrium: the pure search says so and points to the complete solvers
    path = tmp_path / "pennies.nfg"
    write_nfg(Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]), path)
    status, out, _ = run(capsys, "solve", str(path), "--exact", "--method", "pure")
    assert status == 0 and "none found" not in out
    assert "pure equilibria only; mixed equilibria not searched" in out and "  no pure equilibrium" in out
    assert "mixed equilibria were not searched (--method polynomial" in out
    status, out, _ = run(capsys, "solve", str(path), "--exact")
    assert "complete" in out and "not searched" not in out and "1/2 s1 + 1/2 s2" in out


def test_a_map_may_cross_a_constraint(capsys):
    status, out, err = run(capsys, "regions", "stag_hunt", "--x", "reward:0:6", "--resolution", "13")
    assert status == 0 and not err
    shares = {line.rsplit(None, 1)[0].strip(): line.rsplit(None, 1)[1] for line in out.splitlines() if "%" in line}
    assert shares["outside the model's constraints"] == "53.8%"  # reward <= temptation = 3: 7 of 13 points


def test_case_json_says_how_complete_the_regime_is(capsys):
    import json
    status, out, err = run(capsys, "case", "iraq_2003", "--json", "--samples", "30")
    assert status == 0, err
    data = json.loads(out)
    assert data["case"] == "iraq_2003"
    assert data["regime"]["equilibria"] == "pure equilibria only; mixed not searched"
    assert "pure equilibria only" in data["regime"]["label"]
    assert "no equilibrium" not in out


def test_no_cache_does_not_outlive_the_command(capsys, monkeypatch):
    import os
    monkeypatch.delenv("SBGAMES_NO_CACHE", raising=False)
    status, out, err = run(capsys, "--no-cache", "solve", "prisoners_dilemma")
    assert status == 0, err
    assert "SBGAMES_NO_CACHE" not in os.environ
