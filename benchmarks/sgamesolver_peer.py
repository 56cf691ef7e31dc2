"""sgamesolver as a peer: its stationary equilibria on random stochastic games, and its time against sbgames'.

    python benchmarks/sgamesolver_peer.py                         # fixture games, timing, ratios
    python benchmarks/sgamesolver_peer.py --write-fixture         # also rewrite tests/data/sgamesolver_equilibria.json
    python benchmarks/sgamesolver_peer.py --states 2-3 --actions 2-3 --games 2 --budget 120
    python benchmarks/sgamesolver_peer.py --venv /tmp/sgs-venv    # where sgamesolver's environment lives

sgamesolver 1.0.2 (Eibelshaeuser and Poensgen) follows a homotopy to one
stationary equilibrium, in floats.  It is unmaintained: it builds from source
and fails on NumPy 2, so this script creates its own virtual environment
(default ``~/.cache/sbgames-sgamesolver-venv``, never inside the repository)
with ``numpy<2``, Cython, setuptools and wheel, then
``pip install --no-build-isolation "numpy<2" sgamesolver==1.0.2`` (numpy
named again, or pip upgrades it to 2 for scipy), and runs sgamesolver there
in a subprocess.

The games: 2 players, ``S`` states, ``A`` actions for each player in every
state, integer payoffs in -9..9, transition rows of integer weights 1..4
(every state reachable, exact fractions), discount factor 9/10, drawn from
``numpy.random.default_rng([seed, S, A])``.  On each game sgamesolver runs
its QRE homotopy and its logarithmic tracing homotopy from the centroid
prior and from ``--priors`` random priors; the distinct equilibria (max
strategy difference over 1e-4) are kept.

Timing, per game, in the same run: sgamesolver's QRE homotopy (one
equilibrium; the sgamesolver environment's Python, after a warm-up game)
against sbgames' ``markov_perfect_equilibria(exact=True, method=...)`` for
``tracing`` (one mixed equilibrium, not complete) and ``polynomial`` (every
stationary equilibrium, complete when it says so).  Ratios are sbgames'
median time over sgamesolver's.  A search over ``--budget`` seconds is
stopped (SIGALRM) and counted as over budget.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stochastic import _alarm, _range, timed  # noqa: E402  (benchmarks/stochastic.py)

FIXTURE = ROOT / "tests" / "data" / "sgamesolver_equilibria.json"
DEFAULT_VENV = Path.home() / ".cache" / "sbgames-sgamesolver-venv"
VERSION = "1.0.2"
DELTA = "9/10"

# Runs inside sgamesolver's environment: reads games (JSON on stdin), writes equilibria and times.
WORKER = r'''
import json, sys, time
import numpy as np
import sgamesolver

spec = json.load(sys.stdin)
def frac(text):
    num, _, den = text.partition("/")
    return float(num) / float(den or 1)

def build(game):
    payoffs = [np.array(stage, dtype=float) for stage in game["payoffs"]]
    transitions = [np.vectorize(frac)(np.array(t, dtype=object)).astype(float) for t in game["transitions"]]
    return sgamesolver.SGame(payoffs, transitions, frac(game["delta"]))

def run(sgame, kind, prior_seed=None):
    if kind == "qre":
        homotopy = sgamesolver.homotopy.QRE(sgame)
    elif prior_seed is None:
        homotopy = sgamesolver.homotopy.LogTracing(sgame, rho="centroid")
    else:
        rho = sgame.random_strategy(seed=prior_seed)
        homotopy = sgamesolver.homotopy.LogTracing(sgame, rho=rho)
    start = time.perf_counter()
    homotopy.solver_setup()
    homotopy.solver.verbose = 0
    homotopy.solve()
    seconds = time.perf_counter() - start
    eq = homotopy.equilibrium
    if eq is None:
        return None, seconds
    sigma = np.nan_to_num(eq.strategies)
    strategies = [[[float(x) for x in sigma[s, p, :sgame.nums_actions[s, p]]] for p in range(sgame.num_players)]
                  for s in range(sgame.num_states)]
    values = sgame.get_values(eq.strategies)
    return {"strategies": strategies,
            "values": [[float(values[s, p]) for s in range(sgame.num_states)] for p in range(sgame.num_players)],
            "one_shot_gain": float(sgame.check_equilibrium(eq.strategies).max())}, seconds

build_warm = build(spec["games"][0])
run(build_warm, "qre")
out = []
for index, game in enumerate(spec["games"]):
    sgame = build(game)
    found, times = [], {}
    runs = [("qre", None), ("logtracing-centroid", None)]
    runs += [(f"logtracing-prior-{k}", 1000 * spec["seed"] + 10 * index + k) for k in range(spec["priors"])]
    for name, prior in runs:
        eq, seconds = run(sgame, "qre" if name == "qre" else "lt", prior)
        times[name] = seconds
        if eq is None:
            continue
        same = [f for f in found if max(abs(a - b) for s1, s2 in zip(f["strategies"], eq["strategies"])
                                         for v1, v2 in zip(s1, s2) for a, b in zip(v1, v2)) <= 1e-4]
        if same:
            same[0]["homotopies"].append(name)
        else:
            eq["homotopies"] = [name]
            found.append(eq)
    out.append({"equilibria": found, "seconds": times})
json.dump({"version": sgamesolver.__version__, "numpy": np.__version__, "results": out}, sys.stdout)
'''


def ensure_venv(venv: Path) -> Path:
    """The Python of sgamesolver's environment, created and filled on first use."""
    python = venv / "bin" / "python"
    check = [str(python), "-c", f"import sgamesolver, numpy; assert sgamesolver.__version__ == '{VERSION}'"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(python), "-m", "pip", "install", "-q"]
    subprocess.run(pip + ["numpy<2", "Cython", "setuptools", "wheel"], check=True)
    subprocess.run(pip + ["--no-build-isolation", "numpy<2", f"sgamesolver=={VERSION}"], check=True)
    subprocess.run(check, check=True)
    return python


def random_spec(rng, states: int, actions: int) -> dict:
    """A random game as JSON data: payoffs[state][player] (A x A) and transitions[state] (A x A x S, 'p/q')."""
    payoffs = [[rng.integers(-9, 10, (actions, actions)).tolist() for _ in range(2)] for _ in range(states)]
    transitions = []
    for _ in range(states):
        weights = rng.integers(1, 5, (actions, actions, states))
        table = [[[str(Fraction(int(w), int(row.sum()))) for w in row] for row in line] for line in weights]
        transitions.append(table)
    return {"states": states, "actions": actions, "delta": DELTA, "payoffs": payoffs, "transitions": transitions}


def to_stochastic(spec: dict):
    """The sbgames StochasticGame of a game spec (exact fractions)."""
    from sbgames import Game, StochasticGame
    stages = [Game([np.array(m, dtype=object) for m in stage]) for stage in spec["payoffs"]]
    tables = [np.vectorize(Fraction, otypes=[object])(np.array(t, dtype=object)) for t in spec["transitions"]]
    return StochasticGame(stages, tables, delta=Fraction(spec["delta"]))


def run_sgamesolver(python: Path, specs: list, seed: int, priors: int) -> dict:
    payload = json.dumps({"games": specs, "seed": seed, "priors": priors})
    done = subprocess.run([str(python), "-c", WORKER], input=payload, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _median(times):
    return statistics.median(times) if times else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--states", default="2")
    parser.add_argument("--actions", default="2")
    parser.add_argument("--games", type=int, default=4)
    parser.add_argument("--priors", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=float, default=120)
    parser.add_argument("--searches", default="tracing,polynomial")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--write-fixture", action="store_true",
                        help=f"write the games and sgamesolver's equilibria to {FIXTURE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, _alarm)
    python = ensure_venv(args.venv)
    searches = args.searches.split(",")
    fixture_games = []
    print(f"{'S':>2} {'A':>2} {'sgamesolver QRE s':>18} " + " ".join(f"{s + ' s':>13} {'ratio':>7}" for s in searches)
          + "  sgs eq / sbgames eq (complete)")
    for states in _range(args.states):
        for actions in _range(args.actions):
            rng = np.random.default_rng([args.seed, states, actions])
            specs = [random_spec(rng, states, actions) for _ in range(args.games)]
            peer = run_sgamesolver(python, specs, args.seed, args.priors)
            qre = _median([r["seconds"]["qre"] for r in peer["results"]])
            cells, counts = [], []
            for search in searches:
                times = []
                for spec, res in zip(specs, peer["results"]):
                    game = to_stochastic(spec)
                    seconds, result = timed(lambda: game.markov_perfect_equilibria(exact=True, method=search),
                                            args.budget)
                    if seconds is None:
                        continue
                    times.append(seconds)
                    if search == "polynomial":
                        counts.append(f"{len(res['equilibria'])}/{len(result)}{'' if result.complete else '?'}")
                        if result.complete:
                            fixture_games.append({**spec, "sbgames_seconds": seconds,
                                                  "sgamesolver": res["equilibria"]})
                median = _median(times)
                over = args.games - len(times)
                cells.append(f"{median:13.3f} {median / qre:7.1f}" if median is not None else f"{'-':>13} {'-':>7}")
                if over:
                    cells[-1] += f" ({over} over)"
            print(f"{states:>2} {actions:>2} {qre:18.4f} " + " ".join(cells) + "  " + " ".join(counts), flush=True)
    if args.write_fixture:
        command = "python benchmarks/sgamesolver_peer.py " + " ".join(argv if argv is not None else sys.argv[1:])
        FIXTURE.write_text(json.dumps({
            "sgamesolver": peer["version"], "numpy": peer["numpy"], "command": command.strip(),
            "seed": args.seed, "priors": args.priors, "duplicate_tol": 1e-4,
            "note": "games that sbgames' polynomial search solved completely within the budget",
            "games": fixture_games}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(fixture_games)} games to {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
