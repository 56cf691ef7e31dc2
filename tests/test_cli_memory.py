"""Every CLI command on plausible and hostile input stays under 2 GB of memory, or refuses before allocating.

Each command runs in its own process whose address space is limited to
2 GiB (``RLIMIT_AS``): a command that tried to take more would fail with
MemoryError, which the CLI reports as "out of memory ... (please report
it)".  The corpus is input a careless or hostile user would give: huge
resolutions, sample counts and punishment lengths, large random games,
device files.
"""

import os
import resource
import subprocess
import sys

import numpy as np
import pytest

from sbgames import Game, write_nfg

LIMIT = 2 * 1024 ** 3


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run_limited(args, cwd):
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "sbgames.cli", *args], capture_output=True, text=True,
                          timeout=240, preexec_fn=_limit_memory, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("memory")
    rng = np.random.default_rng(3)
    for n in (14, 15):
        write_nfg(Game([rng.standard_normal((n, n)), rng.standard_normal((n, n))]), folder / f"random{n}.nfg")
    (folder / "forty.nfg").write_text('NFG 1 R "forty players" { ' + " ".join(f'"P{k}"' for k in range(40))
                                      + " } { " + " ".join(["1"] * 40) + " }\n" + " ".join(["0"] * 40) + "\n")
    os.symlink("/dev/zero", folder / "zero.nfg")
    return folder


CORPUS = {
    "resolution": ["regions", "core", "--x", "theta:0:20", "--y", "lam:0:4", "--resolution", "10000"],
    "samples": ["case", "iraq_2003", "--samples", "100000000"],
    "k-period": ["repeated", "core", "--strategy", "k-period:1000000000"],
    "finite-range": ["regions", "core", "--x", "theta:0:1e400"],
    "random14": ["solve", "{dir}/random14.nfg"],
    "random15": ["solve", "{dir}/random15.nfg"],
    "forty-players": ["solve", "{dir}/forty.nfg"],
    "dev-zero": ["solve", "{dir}/zero.nfg"],
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_command_stays_under_two_gigabytes_or_refuses(name, files):
    args = [a.format(dir=files) for a in CORPUS[name]]
    run = run_limited(args, files)
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "out of memory" not in run.stderr, run.stderr
    if run.returncode == 1:
        assert len(run.stderr.splitlines()) == 1, run.stderr
