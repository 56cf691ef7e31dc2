#!/usr/bin/env python
"""Benchmark: pure-strategy SPE payoff sets of repeated 2-player games, sbgames vs QuantEcon.

One run times, on the same stage games and discount factors,

``sbgames-AS``
    ``sbgames.repeated.payoff_set.payoff_set(A, B, delta)`` (Abreu-Sannikov, the reference
    for the time ratios),
``sbgames-outer``
    ``payoff_set(A, B, delta, method="outer")`` (Judd-Yeltekin-Conklin outer approximation,
    64 directions, one ``scipy.optimize.linprog`` call per action profile and iteration),
``quantecon``
    ``quantecon.game_theory.RepeatedGame(NormalFormGame(...), delta).equilibrium_payoffs(
    method="abreu_sannikov")`` (numba-compiled; its one-off compilation is timed separately
    and left out of its times),

and reports, for every case, each method's best time over ``--repeat`` runs (the outer
method runs once: it is slow), the ratios to sbgames-AS, the number of iterations, and
the Hausdorff distances of QuantEcon's and the outer set to sbgames-AS' set.  QuantEcon
cannot represent a point or a segment (its ConvexHull fails) nor an empty set (it raises
ValueError): such cases show ``n/a`` and the error.  Nothing here asserts a time: the
numbers are a measurement, ratios taken in one run on one machine.

Usage::

    python benchmarks/payoff_set.py              # all cases, ~1 min on 2 cores
    python benchmarks/payoff_set.py --quick      # a few cases, a few seconds (plus compilation)
    python benchmarks/payoff_set.py --repeat 10 --no-outer --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path

if __name__ == "__main__":
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

# benchmark the working tree this file lives in, whatever is installed
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sbgames.repeated.payoff_set import payoff_set  # noqa: E402


def _random_game(seed: int, m: int, n: int):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((m, n)).round(3), rng.standard_normal((m, n)).round(3)


GAMES = {
    "prisoners_dilemma": ([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
    "chicken": ([[3, 1], [4, 0]], [[3, 4], [1, 0]]),
    "battle_of_sexes": ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
    "stag_hunt": ([[4, 0], [3, 3]], [[4, 3], [0, 3]]),
    "abreu_sannikov": ([[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 13, 3], [1, 4, 0], [0, -4, -15]]),
    "random_4x4": _random_game(4, 4, 4),
    "random_6x6": _random_game(6, 6, 6),
    "random_10x10": _random_game(10, 10, 10),
}

CASES = [("prisoners_dilemma", 0.3), ("prisoners_dilemma", 0.5), ("prisoners_dilemma", 0.9),
         ("chicken", 0.9), ("battle_of_sexes", 0.3), ("battle_of_sexes", 0.9), ("stag_hunt", 0.9),
         ("abreu_sannikov", 0.3), ("abreu_sannikov", 0.9), ("random_4x4", 0.8), ("random_6x6", 0.8),
         ("random_10x10", 0.8)]
QUICK = [("prisoners_dilemma", 0.75), ("battle_of_sexes", 0.3), ("abreu_sannikov", 0.3)]


def _best_time(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def _quantecon():
    try:
        from quantecon.game_theory import NormalFormGame, RepeatedGame
    except ImportError:
        return None

    def solve(A, B, delta):
        game = NormalFormGame(np.stack([np.asarray(A, float), np.asarray(B, float)], axis=-1))
        hull = RepeatedGame(game, delta).equilibrium_payoffs(method="abreu_sannikov")
        return hull.points[hull.vertices]
    return solve


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="three small cases")
    parser.add_argument("--repeat", type=int, default=5, help="runs per case for AS and QuantEcon (best kept)")
    parser.add_argument("--no-outer", action="store_true", help="skip the (slow) outer approximation")
    parser.add_argument("--json", help="write every record to this file")
    args = parser.parse_args(argv)

    qe = _quantecon()
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
          f"{os.cpu_count()} cpus")
    if qe is None:
        print("quantecon: not installed (pip install quantecon, or the bench extra): left out")
    else:
        import quantecon
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            qe(*GAMES["prisoners_dilemma"], 0.75)          # numba compilation
            print(f"quantecon {quantecon.__version__}: first call (numba compilation) "
                  f"{time.perf_counter() - start:.2f} s, not counted below")
    payoff_set(*GAMES["prisoners_dilemma"], 0.75)            # imports, caches

    header = (f"{'game':<18} {'delta':>5} {'kind':<8} {'k':>2} {'iter':>4} | {'AS ms':>8} | "
              f"{'outer ms':>9} {'x AS':>6} {'gap':>8} | {'QE ms':>8} {'x AS':>6} {'QE-AS dist':>10}")
    print(header)
    print("-" * len(header))
    records = []
    for name, delta in (QUICK if args.quick else CASES):
        A, B = GAMES[name]
        t_as, ours = _best_time(lambda A=A, B=B, delta=delta: payoff_set(A, B, delta), args.repeat)
        rec = {"game": name, "delta": delta, "kind": ours.kind, "vertices": len(ours.vertices),
               "iterations": ours.iterations, "as_s": t_as}
        row = (f"{name:<18} {delta:>5} {ours.kind:<8} {len(ours.vertices):>2} {ours.iterations:>4} | "
               f"{t_as * 1e3:>8.2f} | ")
        if args.no_outer:
            row += f"{'-':>9} {'-':>6} {'-':>8} | "
        else:
            t_outer, outer = _best_time(lambda A=A, B=B, delta=delta: payoff_set(A, B, delta, method="outer"),
                                        1)
            gap = ours.hausdorff(outer)
            rec.update(outer_s=t_outer, outer_gap=gap, outer_iterations=outer.iterations)
            row += f"{t_outer * 1e3:>9.1f} {t_outer / t_as:>6.1f} {gap:>8.2g} | "
        if qe is None:
            row += f"{'-':>8} {'-':>6} {'-':>10}"
        else:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    t_qe, theirs = _best_time(lambda A=A, B=B, delta=delta: qe(A, B, delta), args.repeat)
            except Exception as exc:                    # QhullError (point, segment), ValueError (empty)
                rec["quantecon_error"] = f"{type(exc).__name__}"
                row += f"{'n/a':>8} {'':>6} {type(exc).__name__:>10}"
            else:
                dist = ours.hausdorff(theirs)
                rec.update(quantecon_s=t_qe, quantecon_dist=dist)
                row += f"{t_qe * 1e3:>8.2f} {t_qe / t_as:>6.2f} {dist:>10.2g}"
        print(row, flush=True)
        records.append(rec)

    ratios = [r["quantecon_s"] / r["as_s"] for r in records if "quantecon_s" in r]
    if ratios:
        geo = float(np.exp(np.mean(np.log(ratios))))
        print(f"\nQuantEcon time / sbgames-AS time: geometric mean {geo:.2f} over {len(ratios)} cases "
              f"(> 1: sbgames faster), range {min(ratios):.2f}-{max(ratios):.2f}")
    outer = [r["outer_s"] / r["as_s"] for r in records if "outer_s" in r]
    if outer:
        print(f"sbgames-outer time / sbgames-AS time: geometric mean "
              f"{float(np.exp(np.mean(np.log(outer)))):.0f}")
    if args.json:
        Path(args.json).write_text(json.dumps(records, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
