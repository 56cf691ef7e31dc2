"""Throughput of phase-diagram computation: closed forms against per-point solving.

Usage::

    python benchmarks/regions.py [--resolution 1000] [--sample 300]

Times a ``resolution x resolution`` map of the core model (theta from 0 to 30,
lam from 0 to 4, w = 0) computed by :func:`sbgames.regions` from the compiled
closed forms, and, in the same run, per-point solving of a random subsample
of the same grid points with

* sbgames' exact numeric solver (what the numeric fallback does),
* sbgames' float numeric solver,
* nashpy's support enumeration and vertex enumeration,

scaling the subsample time to the full grid.  It prints points per second and
the ratio of the closed-form throughput to each per-point method.  The
closed-form time excludes the one-off symbolic derivation, which it reports
separately.  Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sbgames import load_model, regions  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resolution", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=300, help="points solved one by one per method")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    core = load_model("core")
    start = time.perf_counter()
    core.symbolic_equilibria()
    derive = time.perf_counter() - start
    start = time.perf_counter()
    rmap = regions(core, x=("theta", 0, 30), y=("lam", 0, 4), resolution=args.resolution, fixed={"w": 0})
    closed = time.perf_counter() - start
    n_points = rmap.labels.size
    rng = np.random.default_rng(args.seed)
    idx = rng.integers(0, args.resolution, size=(args.sample, 2))
    points = [{**rmap.fixed, "theta": Fraction(float(rmap.x[i])), "lam": Fraction(float(rmap.y[j]))}
              for j, i in idx]
    games = [core.game(**p) for p in points]
    per_point = {}

    def timed(name, solve):
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for g in games:
                solve(g)
        per_point[name] = (time.perf_counter() - t0) / len(games)

    timed("sbgames exact, per point", lambda g: g.equilibria(exact=True))
    timed("sbgames float, per point", lambda g: g.equilibria(exact=False))
    try:
        import nashpy
        floats = [g.as_float().payoff_arrays for g in games]
        it = iter(floats)
        timed("nashpy support enumeration", lambda g: list(nashpy.Game(*next(it)).support_enumeration()))
        it = iter(floats)
        timed("nashpy vertex enumeration", lambda g: list(nashpy.Game(*next(it)).vertex_enumeration()))
    except ImportError:
        print("nashpy not installed: its rows are skipped")
    print(f"core model, {args.resolution} x {args.resolution} = {n_points:,} points")
    print(f"symbolic derivation (once per model): {derive:.2f} s")
    print(f"closed-form map: {closed:.2f} s = {n_points / closed:,.0f} points/s  ({rmap.method})")
    print()
    print(f"{'method':32s} {'points/s':>12s} {'full grid (est.)':>18s} {'closed-form speed-up':>22s}")
    for name, seconds in per_point.items():
        print(f"{name:32s} {1 / seconds:12,.0f} {seconds * n_points:16,.0f} s {seconds * n_points / closed:20,.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
