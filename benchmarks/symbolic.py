"""Time closed-form (symbolic) equilibrium derivation on parametrised games.

Usage::

    python benchmarks/symbolic.py [--games 3] [--seed 0] [--sizes 2x2,2x3,3x3,4x4]
    python benchmarks/symbolic.py --portfolio      # the 2 x 18 instrument-portfolio game (about 10 minutes)

For each size, random 2-player models whose payoffs are affine in three
parameters (integer coefficients in -3..3; p in [0, 4], q >= 0, r >= 0) are
derived with :func:`sbgames.solvers.symbolic.symbolic_equilibria`, with and
without the witness search, and the canonical ``core`` model is timed too.
As a yardstick measured in the same run, the table also gives the time to
solve one parameter point numerically in exact arithmetic (``model.equilibria``):
the ratio says how many numeric point solutions one symbolic derivation costs.
With ``--portfolio`` it times instead the whole derivation of the bundled
2 x 18 ``instrument_portfolio`` game (witnesses included) and the derivation
of its one pair that holds at the defaults (``symbolic_branch``), then checks
the branches against the exact solver at 25 random parameter points.  The cache
is switched off (``SBGAMES_NO_CACHE=1``) for every timing.
Nothing here is asserted; the numbers are for reading.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

import sympy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sbgames import Model, load_model  # noqa: E402
from sbgames.conditions import holds  # noqa: E402
from sbgames.solvers.symbolic import symbolic_branch, symbolic_equilibria  # noqa: E402

os.environ["SBGAMES_NO_CACHE"] = "1"


def random_model(rows: int, cols: int, rng: random.Random) -> Model:
    def affine():
        return " + ".join([str(rng.randint(-3, 3)), *(f"{rng.randint(-3, 3)}*{x}" for x in "pqr")])
    return Model.from_dict({
        "players": {"R": {"strategies": [f"r{k}" for k in range(rows)]},
                    "C": {"strategies": [f"c{k}" for k in range(cols)]}},
        "parameters": {"p": {"default": 1, "min": 0, "max": 4, "description": "p"},
                       "q": {"default": 1, "min": 0, "description": "q"},
                       "r": {"default": 1, "min": 0, "description": "r"}},
        "payoffs": {f"r{i},c{j}": [affine(), affine()] for i in range(rows) for j in range(cols)},
    })


def timed(func):
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=3, help="random models per size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sizes", default="2x2,2x3,3x3,4x4")
    parser.add_argument("--portfolio", action="store_true", help="time the 2 x 18 instrument-portfolio game")
    args = parser.parse_args(argv)
    if args.portfolio:
        return portfolio()
    rng = random.Random(args.seed)
    rows = [("model", "derive (s)", "derive+witness (s)", "branches", "numeric point (ms)", "ratio")]
    cases = [("core", load_model("core"))]
    for size in args.sizes.split(","):
        m, n = map(int, size.split("x"))
        cases += [(f"random {size} #{k}", random_model(m, n, rng)) for k in range(args.games)]
    by_size: dict = {}
    for name, model in cases:
        bare, result = timed(lambda: symbolic_equilibria(model, witnesses=False))
        full, _ = timed(lambda: symbolic_equilibria(model, witnesses=True))
        point = statistics.median(timed(lambda: model.equilibria(exact=True))[0] for _ in range(5))
        rows.append((name, f"{bare:.2f}", f"{full:.2f}", str(len(result)), f"{point * 1e3:.2f}",
                     f"{bare / point:.0f}"))
        by_size.setdefault(name.split(" #")[0], []).append(bare)
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.rjust(w) if k else c.ljust(w) for k, (c, w) in enumerate(zip(r, widths))))
    print()
    for size, times in by_size.items():
        print(f"{size}: median derivation {statistics.median(times):.2f} s over {len(times)} model(s)")
    return 0


def portfolio() -> int:
    model = load_model("instrument_portfolio")
    pair, branch = timed(lambda: symbolic_branch(model, ["Revise", "Restrain"], ["Inst+Deleg", "Bandwagon"]))
    print(f"instrument_portfolio, one pair (Revise-Restrain x Inst+Deleg-Bandwagon): {pair:.1f} s, "
          f"witness found: {branch.witness is not None}")
    whole, result = timed(lambda: symbolic_equilibria(model))
    print(f"instrument_portfolio, every branch: {whole:.0f} s, {len(result)} branches, "
          f"{sum(b.witness is not None for b in result)} with a witness point, complete: {result.complete}")
    agree = sum(_branches_match_solver(model, result, point) for point in _random_points(model, 25))
    print(f"at 25 random parameter points the branches that hold agree with the exact solver at {agree}")
    return 0


def _random_points(model, count: int, seed: int = 5) -> list:
    """Parameter points of the portfolio game: random threats, weights, effectiveness and costs."""
    rng, points = random.Random(seed), []
    while len(points) < count:
        point = model.values()
        point.update({k: Fraction(rng.randint(1, 60), 4) for k in ("theta", "lam", "b", "g", "w")})
        for k in ("inst", "align", "sanc", "deleg"):
            point.update({f"e_{k}": Fraction(rng.randint(1, 9), 10), f"c_{k}": Fraction(rng.randint(1, 12), 4),
                          f"l_{k}": Fraction(rng.randint(4, 12), 4), f"lr_{k}": Fraction(rng.randint(0, 3), 4)})
        point["x"] = Fraction(rng.randint(0, 4), 8)
        point["c_h"] = max(point[f"c_{k}"] for k in ("inst", "align", "sanc", "deleg")) + 1
        points.append(model.values(**point))
    return points


def _branches_match_solver(model, result, point) -> bool:
    """The profiles of the branches holding at `point` are equilibria there, and all of them where all are isolated."""
    values = {model.symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}
    closed = {tuple(tuple(round(float(x.xreplace(values)), 9) for x in vec) for vec in b.strategies)
              for b in result if holds(b.conditions, point)}
    solved = model.equilibria(exact=True, **point)
    found = {tuple(tuple(round(float(p), 9) for p in vec) for vec in eq.strategies) for eq in solved}
    return closed <= found and (closed == found or any(len(c) > 1 for c in solved.components))


if __name__ == "__main__":
    sys.exit(main())
