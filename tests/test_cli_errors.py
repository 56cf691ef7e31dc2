"""The command line reports sbgames errors (and file errors) as one line; anything else is a bug and shows as one."""

import pytest

import sbgames.cli.options as options
import sbgames.cli.solve as solve_cmd
from sbgames.cli import main


def _raise(exc):
    def raiser(*args, **kwargs):
        raise exc
    return raiser


@pytest.mark.parametrize("exc", [TypeError("a bug"), ValueError("a bug"), KeyError("a bug")])
def test_a_bug_in_a_command_is_not_reported_as_a_user_error(monkeypatch, exc):
    monkeypatch.setattr(solve_cmd, "load_model", _raise(exc))
    with pytest.raises(type(exc), match="a bug"):
        main(["solve", "core"])


def test_option_checks_let_a_bug_through(monkeypatch):
    # a number check that fails with a plain ValueError is a bug in the check, not a bad --set value
    monkeypatch.setattr(options, "parse_number", _raise(ValueError("a bug")))
    with pytest.raises(ValueError, match="a bug"):
        main(["solve", "core", "--set", "l=1"])


@pytest.mark.parametrize("argv, message", [
    (["solve", "core", "--set", "nope=1"], "sbgames solve: error: --set: model 'core' has no parameter 'nope'"),
    (["solve", "core", "--set", "l=x"], "sbgames solve: error: --set l=x: 'x' is not a number"),
    (["solve", "no/such/file.toml"], "sbgames solve: error: "),
])
def test_user_errors_are_one_line(capsys, argv, message):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1, err
