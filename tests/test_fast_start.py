"""A fast start: heavy libraries are imported only by the parts that use them.

Checked on the modules a fresh process imports (``python -X importtime``), not
on wall-clock time; ``benchmarks/startup.py`` measures the times.
"""

import subprocess
import sys

import pytest

HEAVY = ("sympy", "scipy", "matplotlib", "dask", "nashpy", "pandas")


def imported_modules(*args) -> set:
    """The top-level names of the modules a fresh ``python -X importtime ARGS`` imports."""
    run = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    names = set()
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            names.add(name)
    assert names, "python -X importtime printed nothing"
    return names


def test_import_sbgames_imports_no_heavy_library():
    names = imported_modules("-c", "import sbgames")
    loaded = {n for n in names if n.split(".")[0] in HEAVY + ("numpy",)}
    assert not loaded, loaded
    assert "sbgames" in names


def test_the_public_names_are_all_reachable():
    code = "import sbgames; [getattr(sbgames, n) for n in sbgames.__all__]; print(len(sbgames.__all__))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]


@pytest.mark.parametrize("command", [["solve", "core", "--exact"], ["solve", "core", "--json"]])
def test_solving_a_model_needs_no_scipy_matplotlib_or_analysis(command):
    names = imported_modules("-m", "sbgames.cli", *command)
    loaded = {n for n in names if n.split(".")[0] in ("scipy", "matplotlib", "dask", "nashpy", "pandas")}
    loaded |= {n for n in names if n.startswith(("sbgames.analysis", "sbgames.plot", "sbgames.repeated"))}
    assert not loaded, loaded
    assert "sbgames.solvers.bimatrix" in names  # it did solve
