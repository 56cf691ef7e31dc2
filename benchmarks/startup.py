"""Start-up cost: fresh processes of sbgames against ``import nashpy``, timed in the same run.

Run ``python benchmarks/startup.py [--runs 15]``.  Each command runs in a new
Python process ``--runs`` times, interleaved with the baseline, so machine
load hits all alike; the table gives the median wall time and CPU time of
each and their ratio to the median of ``python -c "import nashpy"``.

The goals (issue 13): ``import sbgames`` at most 1.1 times ``import nashpy``;
``sbgames solve core --exact`` (the whole process) at most 1.5 times; a
second ``sbgames conditions core`` at least 5 times faster than the first
(the closed forms come from the disk cache).  The summary says by how much a
goal is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

PY = sys.executable
COMMANDS = {
    "import nashpy": [PY, "-c", "import nashpy"],
    "import sbgames": [PY, "-c", "import sbgames"],
    "sbgames solve core --exact": [PY, "-m", "sbgames.cli", "solve", "core", "--exact"],
}
GOALS = {"import sbgames": 1.1, "sbgames solve core --exact": 1.5}


def timed(command, env=None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command` (CPU of the child, user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = parser.parse_args()
    if not 1 <= args.runs <= 1000:
        parser.error("--runs must be between 1 and 1000")
    times = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            times[name].append(timed(command))
    base_wall = statistics.median(w for w, _ in times["import nashpy"])
    base_cpu = statistics.median(c for _, c in times["import nashpy"])
    print(f"{'command':32} {'wall (s)':>9} {'cpu (s)':>8} {'wall ratio':>10} {'cpu ratio':>9}  goal")
    missed = []
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        goal = GOALS.get(name)
        ratio = cpu / base_cpu
        print(f"{name:32} {wall:9.3f} {cpu:8.3f} {wall / base_wall:10.2f} {ratio:9.2f}  "
              f"{'<= ' + str(goal) if goal else 'baseline'}")
        if goal and ratio > goal:
            missed.append(f"{name}: CPU ratio {ratio:.2f}, goal {goal} (missed by {ratio / goal - 1:.0%})")
    with tempfile.TemporaryDirectory() as folder:  # a cold cache, then a warm one
        env = {**os.environ, "SBGAMES_CACHE_DIR": folder}
        command = [PY, "-m", "sbgames.cli", "conditions", "core"]
        first = timed(command, env)[1]
        second = statistics.median(timed(command, env)[1] for _ in range(3))
    speedup = first / second
    print(f"\nsbgames conditions core: first call {first:.2f} s CPU, second {second:.2f} s CPU "
          f"(cached closed forms): {speedup:.1f}x faster; goal >= 5x")
    if speedup < 5:
        missed.append(f"conditions core: second call {speedup:.1f}x faster, goal 5x")
    print("\nsummary: " + ("every goal met" if not missed else "; ".join(missed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
