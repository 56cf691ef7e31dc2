"""Hostile Gambit files: the .nfg and .efg readers refuse them quickly, with one clear error.

Every case asserts the outcome: a game read correctly, or a GameFileError (a
ValueError) naming the file and, for the contents, the line and column; on
the command line, one line on stderr and exit status 1, never a traceback.
Cases that could hang if the reader regressed (a FIFO) run in a child
process with a time-out.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames import gambit_text
from sbgames.cli import main
from sbgames.errors import GameFileError
from sbgames.extensive import parse_efg, read_efg
from sbgames.game import MAX_PLAYERS
from sbgames.nfg import MAX_PROFILES, parse_nfg, read_nfg

ROOT = Path(__file__).resolve().parent.parent
PENNIES = 'NFG 1 R "Pennies" { "Even" "Odd" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n'
ENTRY = 'EFG 2 R "Entry" { "E" "I" }\np "" 1 1 "" { "Out" "In" } 0\nt "" 1 "" { 0, 2 }\nt "" 2 "" { 1, 1 }\n'
READERS = [(read_nfg, ".nfg"), (read_efg, ".efg")]


def run_child(code: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run `code` in a fresh Python; a hang fails the test instead of stopping the suite."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def cli_error(capsys, *argv) -> str:
    """The one line `sbgames` prints on stderr for a refused input (exit status 1, nothing on stdout)."""
    assert main(list(argv)) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith(f"sbgames {argv[0]}: error: ")
    return err


# -- things that are not regular files ------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("reader, suffix", READERS)
def test_a_fifo_is_refused_without_hanging(tmp_path, reader, suffix):
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    child = run_child(f"from sbgames.nfg import read_nfg\nfrom sbgames.extensive import read_efg\n"
                      f"try:\n    {reader.__name__}({str(fifo)!r})\n"
                      f"except Exception as exc:\n    print(type(exc).__name__, exc)\n")
    assert child.returncode == 0, child.stderr
    assert child.stdout == f"GameFileError {fifo}: a FIFO (named pipe), not a regular file; only regular files " \
                           f"are read\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_the_cli_refuses_a_fifo_in_one_line(tmp_path):
    fifo = tmp_path / "game.nfg"
    os.mkfifo(fifo)
    child = run_child(f"import sys\nfrom sbgames.cli import main\nsys.exit(main(['solve', {str(fifo)!r}]))")
    assert child.returncode == 1 and child.stdout == ""
    assert child.stderr == f"sbgames solve: error: {fifo}: a FIFO (named pipe), not a regular file; only regular " \
                           f"files are read\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("reader, suffix", READERS)
def test_a_symbolic_link_to_a_device_is_refused_before_reading(tmp_path, device, reader, suffix):
    if not os.path.exists(device):
        pytest.skip(f"no {device} on this system")
    link = tmp_path / f"game{suffix}"
    link.symlink_to(device)
    with pytest.raises(GameFileError, match=f"game{suffix}: a character device \\(it leads to {device}\\), "
                                            f"not a regular file"):
        reader(link)


@pytest.mark.parametrize("reader, suffix", READERS)
def test_a_directory_is_refused(tmp_path, reader, suffix):
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    with pytest.raises(GameFileError, match=f"folder{suffix}: a directory, not a regular file"):
        reader(folder)


def test_the_cli_refuses_devices_directories_and_missing_files_in_one_line(tmp_path, capsys):
    link = tmp_path / "zero.nfg"
    link.symlink_to("/dev/zero")
    assert "a character device (it leads to /dev/zero)" in cli_error(capsys, "solve", str(link))
    (tmp_path / "dir.nfg").mkdir()
    assert "a directory, not a regular file" in cli_error(capsys, "solve", str(tmp_path / "dir.nfg"))
    assert "No such file" in cli_error(capsys, "solve", str(tmp_path / "missing.nfg"))


# -- size ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reader, suffix", READERS)
def test_an_oversized_file_is_refused_by_its_size_alone(tmp_path, reader, suffix):
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as file:        # sparse: nothing is written, nothing needs reading
        file.truncate(gambit_text.MAX_FILE_BYTES + 1)
    with pytest.raises(GameFileError, match=f"huge{suffix}: the file is larger than {gambit_text.MAX_FILE_BYTES} "
                                            f"bytes \\({gambit_text.MAX_FILE_BYTES + 1} bytes\\); refused"):
        reader(path)


def test_the_limit_is_one_for_both_readers_and_counts_what_is_read(monkeypatch, tmp_path):
    monkeypatch.setattr(gambit_text, "MAX_FILE_BYTES", len(PENNIES))
    path = tmp_path / "pennies.nfg"
    path.write_text(PENNIES)
    assert read_nfg(path).shape == (2, 2)                      # exactly at the limit: read
    path.write_text(PENNIES + " ")
    with pytest.raises(GameFileError, match=f"larger than {len(PENNIES)} bytes"):
        read_nfg(path)
    with pytest.raises(GameFileError, match=f"longer than {len(PENNIES)} characters"):
        parse_efg(ENTRY + " " * len(PENNIES))
    # a file whose stated size is 0 but which has more to read (as /proc files do) is cut off at the limit
    status = Path("/proc/self/status")
    if status.exists() and os.stat(status).st_size == 0:
        monkeypatch.setattr(gambit_text, "MAX_FILE_BYTES", 10)
        with pytest.raises(GameFileError, match="/proc/self/status: the file is larger than 10 bytes; refused"):
            read_nfg(status)


def test_the_cli_refuses_an_oversized_file_in_one_line(tmp_path, capsys):
    path = tmp_path / "huge.nfg"
    with open(path, "wb") as file:
        file.truncate(gambit_text.MAX_FILE_BYTES + 1)
    assert "the file is larger than" in cli_error(capsys, "solve", str(path))


# -- counts ------------------------------------------------------------------------------------------

def test_counts_with_leading_zeros_are_read_exactly():
    game = parse_nfg('NFG 1 R "" { "A" "B" } { 00000000000000000002 0002 }\n1 2 3 4 5 6 7 8\n')
    assert game.shape == (2, 2)
    assert game.payoff((1, 1)) == (7, 8)
    outcome = parse_nfg('NFG 1 R "" { "A" } { 2 } { { "" 5 } } 00000000000000000001 0')
    assert outcome.payoff((0,)) == (5,) and outcome.payoff((1,)) == (0,)
    tree = parse_efg(ENTRY.replace('t "" 2 ""', 't "" 00000000000000000002 ""').replace(' 1 1 ""', ' 001 0001 ""'))
    assert tree == parse_efg(ENTRY)


@pytest.mark.parametrize("counts, message", [
    ("99999999999999999999 1", r"line 1, column 26: the number of strategies of player 'A' is "
                               r"'99999999999999999999', more than the limit of 1,000,000"),
    ("0000000000000000000001000001 1", r"line 1, column 26: the number of strategies of player 'A' is "
                                       r"'0000000000000000000001000001', more than the limit of 1,000,000"),
    ("1000 1001", r"line 1, column 31: the strategy counts \[1000, 1001\] make 1,001,000 strategy profiles, "
                  r"more than the limit of 1,000,000; refused"),
])
def test_counts_over_the_limits_are_refused_before_anything_is_allocated(counts, message):
    assert MAX_PROFILES == 1_000_000
    with pytest.raises(GameFileError, match="big.nfg " + message):
        parse_nfg('NFG 1 R "" { "A" "B" } { ' + counts + " } 0", source="big.nfg")


def test_strategy_names_over_the_profile_limit_are_refused(monkeypatch):
    monkeypatch.setattr("sbgames.nfg.MAX_PROFILES", 5)
    with pytest.raises(GameFileError, match=r"line 2, column 29: the strategy counts \[2, 3\] make 6 strategy "
                                            r"profiles, more than the limit of 5"):
        parse_nfg('NFG 1 R "" { "A" "B" }\n{ { "a" "b" } { "x" "y" "z" } } 0')


def test_more_players_than_a_game_holds_are_refused():
    players = " ".join(f'"P{k}"' for k in range(MAX_PLAYERS + 1))
    with pytest.raises(GameFileError, match=f"more than {MAX_PLAYERS} players, the limit of a game"):
        parse_nfg(f'NFG 1 R "" {{ {players} }} {{ {"1 " * (MAX_PLAYERS + 1)}}}')


@pytest.mark.parametrize("old, new, message", [
    ('t "" 1 ""', 't "" 100000000000000000000 ""',
     r"an outcome number \(0 for none\) is '100000000000000000000', more than the limit of 100,000"),
    (' 1 1 ""', ' 1 99999999999999999999 ""', "an information set number is '99999999999999999999', more than"),
    (' 1 1 ""', ' 18446744073709551617 1 ""', "player 18446744073709551617 does not exist; the file declares 2"),
])
def test_efg_numbers_over_the_limits_are_refused(old, new, message):
    with pytest.raises(GameFileError, match="big.efg line [23], column [0-9]+: " + message):
        parse_efg(ENTRY.replace(old, new), source="big.efg")


# -- byte-order mark, bad tokens -------------------------------------------------------------------

@pytest.mark.parametrize("reader, text", [(read_nfg, PENNIES), (read_efg, ENTRY)])
def test_a_utf8_byte_order_mark_is_accepted(tmp_path, reader, text):
    plain, marked = tmp_path / "plain", tmp_path / "marked"
    plain.write_text(text, encoding="utf-8")
    marked.write_text(text, encoding="utf-8-sig")
    assert marked.read_bytes().startswith(b"\xef\xbb\xbf")
    assert reader(marked) == reader(plain)


@pytest.mark.parametrize("text, where", [
    ('NFG 1 R "" { "A" "B" } { 2 2 }\n1 -1 -1 1\n-1 1 1 #\n', "line 3, column 8: expected a payoff"),
    ('\ufeffNFG 1 R "" { "A" } { 1 }\n  x\n', "line 2, column 3: expected a payoff"),   # the mark is no column
    ('NFG 1 R "" { "Ä" "B" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1 }', "line 2, column 21: expected the end of the file"),
])
def test_a_bad_nfg_token_is_named_by_line_and_column(tmp_path, text, where):
    path = tmp_path / "bad.nfg"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GameFileError, match=f"^{path} {where}"):
        read_nfg(path)


def test_a_bad_efg_token_is_named_by_line_and_column(tmp_path, capsys):
    path = tmp_path / "bad.efg"
    path.write_text(ENTRY.replace('{ 1, 1 }', '{ 1, one }'))
    with pytest.raises(GameFileError, match=f"^{path} line 4, column 16: expected the payoff of player 2 in "
                                            f"outcome 2 .*found 'one'"):
        read_efg(path)
    nfg = tmp_path / "bad.nfg"
    nfg.write_text(PENNIES.replace("1 -1 -1 1 -1", "1 -1 -1 1 /"))
    assert f"{nfg} line 2, column 11: expected a payoff" in cli_error(capsys, "solve", str(nfg))


# -- any text: a game or a GameFileError, nothing else -------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.text(alphabet='NFGE12RD "{},.-+/eE0123456789\\\nabcpt \ufeff', max_size=80))
def test_any_text_gives_a_game_or_a_game_file_error(tail):
    for parse, head in [(parse_nfg, 'NFG 1 R "" { "A" "B" } '), (parse_efg, 'EFG 2 R "" { "A" } ')]:
        for text in (tail, head + tail):
            try:
                parse(text, source="fuzz")
            except GameFileError as exc:
                assert str(exc).startswith("fuzz")
