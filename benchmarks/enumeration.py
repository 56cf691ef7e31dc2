#!/usr/bin/env python
"""Benchmark: enumerating every extreme Nash equilibrium of random n x n bimatrix games.

One run times, on the *same* random games, sbgames (float and exact mode)
against the all-equilibria solvers of nashpy (support and vertex
enumeration), Gambit (``enummixed``, float and rational) and QuantEcon
(``vertex_enumeration``), and checks what each of them returns against
sbgames' exact result.  Each method runs in its own Python process, whose
peak memory (``ru_maxrss``) is reported after each size.  Two families of
games:

``normal``
    payoffs drawn from the standard normal distribution: non-degenerate
    with probability one, so every method should find the same equilibria;
``int``
    payoffs drawn uniformly from the integers -3..3: ties are common, many
    games are degenerate, with equilibrium components that are segments or
    polytopes, and methods built for non-degenerate games miss equilibria.

See ``benchmarks/README.md`` for how to read the output.  Nothing here
asserts a time: the numbers are a measurement, ratios taken in one run.

Usage::

    python benchmarks/enumeration.py                      # full run, n = 2..15, 20 games per size
    python benchmarks/enumeration.py --sizes 20 --games 1 --methods quantecon   # 20 x 20
    python benchmarks/enumeration.py --quick              # smoke run, a few seconds
    python benchmarks/enumeration.py --sizes 4-8 --games 50 --seed 7 --json out.json

To look at one game again (for instance one listed as a possible bug)::

    from benchmarks.enumeration import make_game
    A, B = make_game(seed=0, family="int", n=8, index=3)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path

_BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _blas_threads_option(argv) -> str | None:
    """The value of --blas-threads, read before numpy is imported (it must be)."""
    for i, arg in enumerate(argv):
        if arg == "--blas-threads" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--blas-threads="):
            return arg.split("=", 1)[1]
    return None


if __name__ == "__main__" and "numpy" not in sys.modules:
    # Default: single-threaded BLAS, as Gambit and QuantEcon are single-threaded.  With
    # OpenBLAS's own default on a small shared machine, its worker threads (woken by
    # sbgames' label-matching matrix product from n = 8 on) compete for the cores and
    # make sbgames several times slower; --blas-threads 0 keeps the library default
    # to measure exactly that.
    _threads = _blas_threads_option(sys.argv[1:])
    if _threads is None:
        for _var in _BLAS_VARS:
            os.environ.setdefault(_var, "1")
    elif _threads != "0":
        for _var in _BLAS_VARS:
            os.environ[_var] = _threads

import numpy as np  # noqa: E402

# benchmark the working tree this file lives in, whatever is installed
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sbgames  # noqa: E402

FAMILIES = {
    "normal": "standard normal payoffs (non-degenerate with probability 1)",
    "int": "integer payoffs uniform in -3..3 (often degenerate)",
}
_FAMILY_ID = {"normal": 0, "int": 1}

TOL_VALID = 1e-6   # a returned profile is an equilibrium if its regret is at most this
TOL_SAME = 1e-6    # two profiles are the same equilibrium if no probability differs by more
REFERENCE = "sbgames-exact"
BASE = "sbgames-float"


# ----------------------------------------------------------------------------- games
def make_game(seed: int, family: str, n: int, index: int) -> tuple[np.ndarray, np.ndarray]:
    """Payoff matrices ``(A, B)`` of game number `index` of size `n` in `family`.

    Each game has its own random stream, so a game does not depend on which
    sizes or how many games a run asks for: it can be rebuilt from
    ``(seed, family, n, index)`` alone.
    """
    rng = np.random.default_rng([seed, _FAMILY_ID[family], n, index])
    if family == "normal":
        return rng.standard_normal((n, n)), rng.standard_normal((n, n))
    if family == "int":
        return rng.integers(-3, 4, (n, n)), rng.integers(-3, 4, (n, n))
    raise ValueError(f"unknown family {family!r}")


# ----------------------------------------------------------------------------- methods
class Method:
    """One solver.  ``prepare`` (untimed) builds its game object, ``run`` is
    the timed call, ``extract`` (untimed) turns its answer into float
    ``(x, y)`` pairs."""

    def __init__(self, name, prepare, run, extract, note="", budgeted=True):
        self.name, self.prepare, self.run, self.extract = name, prepare, run, extract
        self.note, self.budgeted = note, budgeted


def _sb_extract(result):
    return [tuple(np.array([float(p) for p in s]) for s in eq.strategies) for eq in result]


def _sb_float_game(A, B):
    return sbgames.Game([np.asarray(A, dtype=float), np.asarray(B, dtype=float)])


def _sb_exact_game(A, B):
    # integers stay integers; floats become the fraction of their shortest decimal form
    return sbgames.Game([A, B]).as_exact()


def _sbgames_methods():
    return [
        Method(BASE, lambda A, B: _sb_float_game(A, B),
               lambda g: g.equilibria(exact=False), _sb_extract,
               "Game.equilibria(exact=False): double description, floats", budgeted=False),
        Method(REFERENCE, lambda A, B: _sb_exact_game(A, B),
               lambda g: g.equilibria(exact=True), _sb_extract,
               "Game.equilibria(exact=True): double description, exact integers"),
    ]


def _nashpy_methods():
    import nashpy
    return [
        Method("nashpy-support", lambda A, B: nashpy.Game(A, B),
               lambda g: list(g.support_enumeration()), lambda r: [(x, y) for x, y in r],
               f"nashpy {nashpy.__version__} support_enumeration(): every pair of supports, exponential"),
        Method("nashpy-vertex", lambda A, B: nashpy.Game(A, B),
               lambda g: list(g.vertex_enumeration()), lambda r: [(x, y) for x, y in r],
               f"nashpy {nashpy.__version__} vertex_enumeration(): scipy halfspace intersection"),
    ]


def _gambit_methods():
    import pygambit as gbt

    from sbgames.interop import gambit_equilibria, to_gambit

    def gbt_extract(profiles):
        return [tuple(np.array([float(p) for p in s]) for s in eq.strategies) for eq in profiles]

    return [
        Method("gambit-float", lambda A, B: to_gambit(_sb_float_game(A, B)),
               lambda g: gambit_equilibria(g, "enummixed", rational=False), gbt_extract,
               f"pygambit {gbt.__version__} nash.enummixed_solve(g, rational=False), via sbgames.interop"),
        Method("gambit-rational", lambda A, B: to_gambit(_sb_exact_game(A, B)),
               lambda g: gambit_equilibria(g, "enummixed", rational=True), gbt_extract,
               f"pygambit {gbt.__version__} nash.enummixed_solve(g, rational=True), rational payoffs "
               "(the game sbgames-exact solves), via sbgames.interop"),
    ]


def _quantecon_methods():
    import quantecon
    from quantecon.game_theory import NormalFormGame, vertex_enumeration
    return [Method("quantecon", lambda A, B: NormalFormGame(np.stack([A, B], axis=-1).astype(float)),
                   vertex_enumeration, lambda r: [(x, y) for x, y in r],
                   f"quantecon {quantecon.__version__} game_theory.vertex_enumeration (numba; JIT warmed)")]


#: The methods of each package.  A method's process imports its own package only, so that its
#: peak memory is its own.
PACKAGES = {"sbgames": _sbgames_methods, "nashpy": _nashpy_methods, "pygambit": _gambit_methods,
            "quantecon": _quantecon_methods}


def available_methods(packages=tuple(PACKAGES)) -> tuple[list[Method], dict[str, str]]:
    """The methods of `packages` whose package imports, and why the others are missing."""
    methods, missing = [], {}
    for package in packages:
        try:
            found = PACKAGES[package]()
        except ImportError as exc:
            missing[package] = str(exc)
            continue
        for method in found:
            method.package = package
        methods += found
    return methods, missing


# ----------------------------------------------------------------------------- checks
def regret(A, B, x, y) -> float:
    """Largest gain from deviating; ``inf`` if ``(x, y)`` is not a pair of mixed strategies."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if (x.shape != (A.shape[0],) or y.shape != (A.shape[1],) or not np.isfinite(x).all()
            or not np.isfinite(y).all() or x.min() < -TOL_VALID or y.min() < -TOL_VALID
            or abs(x.sum() - 1) > TOL_VALID or abs(y.sum() - 1) > TOL_VALID):
        return float("inf")
    Ay, xB = A @ y, x @ B
    return float(max(Ay.max() - x @ Ay, xB.max() - xB @ y))


def _vector(pair) -> np.ndarray:
    return np.concatenate([np.asarray(pair[0], dtype=float), np.asarray(pair[1], dtype=float)])


def distinct(pairs) -> list[np.ndarray]:
    """Distinct profiles: two are the same when no probability differs by more than 1e-6.

    (Rounding to 1e-6 without the bucket-boundary artefacts of rounding.)
    """
    out: list[np.ndarray] = []
    for pair in pairs:
        v = _vector(pair)
        if not any(np.abs(v - w).max() <= TOL_SAME for w in out):
            out.append(v)
    return out


def _exact_rank_solve(rows, rhs):
    """Rank of the fraction matrix ``rows`` and, if it has full column rank and
    the system is consistent, the solution of ``rows z = rhs``."""
    M = [list(r) + [b] for r, b in zip(rows, rhs)]
    ncols = len(rows[0])
    rank, pivots = 0, []
    for c in range(ncols):
        p = next((r for r in range(rank, len(M)) if M[r][c] != 0), None)
        if p is None:
            continue
        M[rank], M[p] = M[p], M[rank]
        piv = M[rank][c]
        M[rank] = [v / piv for v in M[rank]]
        for r in range(len(M)):
            if r != rank and M[r][c] != 0:
                f = M[r][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[rank])]
        pivots.append(c)
        rank += 1
    consistent = all(M[r][-1] == 0 for r in range(rank, len(M)))
    if rank == ncols and consistent:
        return rank, [M[i][-1] for i in range(ncols)]
    return rank, None


def _vertex(strategy, payoff_cols, tol=1e-7):
    """Is the mixed strategy `strategy` (float) a vertex of its player's
    best-response polyhedron, in the sense of von Stengel (2007)?  Decided
    in exact arithmetic on the label sets read off with tolerance `tol`.

    `payoff_cols[j]` is the opponent's payoff vector (over this player's
    strategies) for the opponent's strategy j, as fractions.  Returns the
    exact vertex if it is one (and matches `strategy`), else None.
    """
    m = len(strategy)
    values = np.array([float(sum(float(a) * s for a, s in zip(col, strategy))) for col in payoff_cols])
    best = values.max()
    rows, rhs = [], []
    for i in range(m):
        if strategy[i] <= tol:
            rows.append([Fraction(int(k == i)) for k in range(m)] + [Fraction(0)])
            rhs.append(Fraction(0))
    for j, col in enumerate(payoff_cols):
        if values[j] >= best - tol * max(1.0, abs(best)):
            rows.append(list(col) + [Fraction(-1)])
            rhs.append(Fraction(0))
    rows.append([Fraction(1)] * m + [Fraction(0)])
    rhs.append(Fraction(1))
    rank, sol = _exact_rank_solve(rows, rhs)
    if sol is None:
        return None
    point = sol[:m]
    if any(p < 0 for p in point) or max(abs(float(p) - s) for p, s in zip(point, strategy)) > TOL_SAME:
        return None
    return point


def classify_extra(A_exact, B_exact, x, y) -> str:
    """An equilibrium a baseline returned that sbgames-exact did not: is it extreme?

    ``"extreme"``: (x, y) is a pair of vertices of the best-response
    polyhedra and an exact equilibrium; sbgames should have returned it
    (a bug).  ``"non-extreme"``: a point inside an equilibrium component
    (fine: sbgames returns only the extreme equilibria spanning it).
    """
    m, n = A_exact.shape
    xv = _vertex(x, [[B_exact[i, j] for i in range(m)] for j in range(n)])
    yv = _vertex(y, [[A_exact[i, j] for j in range(n)] for i in range(m)])
    if xv is None or yv is None:
        return "non-extreme"
    Ay = [sum(A_exact[i, j] * yv[j] for j in range(n)) for i in range(m)]
    xB = [sum(xv[i] * B_exact[i, j] for i in range(m)) for j in range(n)]
    if max(Ay) == sum(a * p for a, p in zip(Ay, xv)) and max(xB) == sum(b * q for b, q in zip(xB, yv)):
        return "extreme"
    return "non-extreme"


# ----------------------------------------------------------------------------- running
def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            sizes += range(int(lo), int(hi) + 1)
        else:
            sizes.append(int(part))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"bad --sizes {text!r}")
    return sorted(set(sizes))


#: How a call is timed: "wall" (time.perf_counter) or "cpu" (time.process_time, this process's
#: CPU time: steadier on a loaded machine; every method here runs single-threaded).
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]


def timed(method: Method, game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # nashpy warns about degenerate games
        start = clock()
        try:
            result, error = method.run(game), None
        except Exception as exc:  # a solver failing is a result, not a crash
            result, error = None, f"{type(exc).__name__}: {exc}"
        elapsed = clock() - start
    return elapsed, result, error


def warm_up(methods):
    """One untimed call of every method on small games of both kinds (numba JIT, imports, caches)."""
    for family in FAMILIES:
        for n in (2, 3, 4):
            A, B = make_game(12345, family, n, 0)
            for method in methods:
                timed(method, method.prepare(A, B))


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB.

    On Linux ``VmHWM`` of /proc/self/status, which starts afresh in a new
    program (``ru_maxrss`` would report the parent's peak, kept across exec);
    elsewhere ``ru_maxrss`` (KB; bytes on macOS).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 2**10
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def run_method(method, family, sizes, games, seed, budget):
    """Run one method on every size of one family, in this process; yield one record per size.

    A record holds the game indices, times, answers (float pairs), errors and
    the process's peak memory after that size.  A budgeted method stops
    inside a size when it has spent `budget` seconds, and skips the larger
    sizes when its previous sizes predict fewer than 5 games in the budget;
    then a record ``{"n": n, "skipped": why}`` ends the sequence.
    """
    warm_up([method])
    means = []
    for n in sizes:
        if method.budgeted and means:
            growth = min(20.0, max(1.0, means[-1] / means[-2])) if len(means) > 1 and means[-2] > 0 else 2.0
            predicted = means[-1] * growth
            if predicted * min(games, 5) > budget:
                yield {"n": n, "skipped": f"predicted {predicted:.2f} s per game at n={n} "
                                          f"(budget {budget:g} s fits fewer than 5 games)"}
                return
        rec = {"n": n, "games": [], "times": [], "pairs": [], "errors": []}
        for k in range(games):
            if method.budgeted and sum(rec["times"]) > budget:
                break
            A, B = make_game(seed, family, n, k)
            elapsed, result, error = timed(method, method.prepare(A, B))
            pairs = []
            if error is None:
                try:
                    pairs = [[[float(p) for p in x], [float(p) for p in y]] for x, y in method.extract(result)]
                except Exception as exc:
                    error = f"extract: {type(exc).__name__}: {exc}"
            rec["games"].append(k)
            rec["times"].append(elapsed)
            rec["pairs"].append(pairs)
            rec["errors"].append(error)
        rec["peak_mb"] = peak_mb()
        yield rec
        means.append(sum(rec["times"]) / max(1, len(rec["times"])))
        if method.budgeted and len(rec["games"]) < games:
            yield {"n": n + 1, "skipped": f"n={n} used its {budget:g} s budget after {len(rec['games'])} "
                                          f"of {games} games"}
            return


def worker(argv) -> int:
    """Child-process entry: ``--worker PACKAGE METHOD FAMILY SIZES GAMES SEED BUDGET CLOCK``; JSON lines on stdout."""
    global clock
    package, name, family, sizes, games, seed, budget, clock_name = argv
    clock = CLOCKS[clock_name]
    method = next(m for m in available_methods([package])[0] if m.name == name)
    for rec in run_method(method, family, json.loads(sizes), int(games), int(seed), float(budget)):
        print(json.dumps(rec), flush=True)
    return 0


def in_child(method, family, sizes, games, seed, budget, clock_name):
    """Run :func:`run_method` in a fresh Python process (its own peak memory); yield its records.

    If the child dies (for instance killed for lack of memory), a last
    record ``{"n": n, "skipped": "the process failed: ..."}`` says so.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", method.package, method.name, family,
               json.dumps(sizes), str(games), str(seed), str(budget), clock_name]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:
        last = None
        for line in child.stdout:
            last = json.loads(line)
            yield last
        error = child.stderr.read().strip().splitlines()
        if child.wait() != 0:
            done = [n for n in sizes if last is not None and n <= last["n"]]
            n = sizes[len(done)] if len(done) < len(sizes) else sizes[-1]
            yield {"n": n, "skipped": f"the process failed (exit code {child.returncode}): "
                                      f"{error[-1] if error else 'no message'}"}


def run_benchmark(sizes, games, seed, budget, methods, log=print, clock_name="wall"):
    """Run everything, each method in its own process; return one record per (family, size, method) plus details."""
    records, extras, skipped = [], [], {}
    for family in FAMILIES:
        runs = {}
        for m in methods:
            t0 = time.perf_counter()
            runs[m.name] = {}
            for rec in in_child(m, family, sizes, games, seed, budget, clock_name):
                if "skipped" in rec:
                    skipped[(family, m.name)] = (rec["n"], rec["skipped"])
                else:
                    runs[m.name][rec["n"]] = rec
            log(f"  [{family} {m.name}: {time.perf_counter() - t0:.1f} s]", file=sys.stderr, flush=True)
        for n in sizes:
            ref = runs.get(REFERENCE, {}).get(n)
            ref_eqs = {}
            found_by = {}
            for name, by_size in runs.items():
                rec = by_size.get(n)
                if rec is None:
                    continue
                eqs, bad, returned = [], 0, 0
                for k, pairs in zip(rec["games"], rec["pairs"]):
                    Af, Bf = (np.asarray(M, dtype=float) for M in make_game(seed, family, n, k))
                    good = [p for p in pairs if regret(Af, Bf, *p) <= TOL_VALID]
                    returned += len(pairs)
                    bad += len(pairs) - len(good)
                    eqs.append(distinct(good))
                found_by[name] = (eqs, bad, returned)
            if ref is not None:
                ref_eqs = {k: e for k, e, err in zip(ref["games"], found_by[REFERENCE][0], ref["errors"])
                           if err is None}
            base = runs[BASE].get(n)
            base_time = dict(zip(base["games"], base["times"])) if base else {}
            exact_game = {}
            for name, (eqs, bad, returned) in found_by.items():
                rec = runs[name][n]
                done = len(rec["games"])
                fewer = more = missed = 0
                for k, found in zip(rec["games"], eqs):
                    ref_found = ref_eqs.get(k)
                    if ref_found is None:
                        continue
                    fewer += len(found) < len(ref_found)
                    more += len(found) > len(ref_found)
                    missed += sum(not any(np.abs(r - v).max() <= TOL_SAME for v in found) for r in ref_found)
                    if name == REFERENCE:
                        continue
                    for v in found:
                        if any(np.abs(r - v).max() <= TOL_SAME for r in ref_found):
                            continue
                        if k not in exact_game:
                            exact_game[k] = tuple(sbgames.Game(list(make_game(seed, family, n, k)))
                                                  .as_exact().payoff_arrays)
                        Ae, Be = exact_game[k]
                        kind = classify_extra(Ae, Be, v[:n], v[n:])
                        extras.append({"family": family, "n": n, "game": k, "method": name,
                                       "kind": kind, "profile": v.tolist()})
                errors = [(k, e) for k, e in zip(rec["games"], rec["errors"]) if e is not None]
                records.append({
                    "family": family, "n": n, "method": name, "games": done,
                    "median_s": statistics.median(rec["times"]) if done else None,
                    "total_s": sum(rec["times"]),
                    "ratio_to_sbgames_float": _median_ratio(rec, base_time),
                    "peak_mb": rec["peak_mb"],
                    "equilibria": sum(len(e) for e in eqs),
                    "returned": returned, "bad": bad,
                    "fewer_than_exact": fewer, "more_than_exact": more, "missed": missed,
                    "errors": len(errors), "error_samples": errors[:3],
                    "times_s": rec["times"], "game_indices": rec["games"],
                })
    return records, extras, skipped


def _median_ratio(rec, base_time):
    """median(method) / median(base) over the games both ran, or None."""
    same = [(t, base_time[k]) for k, t in zip(rec["games"], rec["times"]) if k in base_time]
    if not same:
        return None
    tb = statistics.median(b for _, b in same)
    return statistics.median(t for t, _ in same) / tb if tb > 0 else None


# ----------------------------------------------------------------------------- report
def _ms(seconds):
    if seconds is None:
        return "-"
    ms = seconds * 1e3
    return f"{ms:.3g}" if ms < 100 else f"{ms:.0f}"


def report(records, extras, skipped, methods, missing, args, sizes, wall) -> str:
    out = []
    w = out.append
    w("Enumerating all extreme Nash equilibria of random n x n bimatrix games")
    w(f"seed={args.seed}  games per size={args.games}  sizes={sizes[0]}..{sizes[-1]}  "
      f"budget per method per size={args.budget:g} s  clock={args.clock}  wall time={wall:.0f} s")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    w(f"python {platform.python_version()}  numpy {np.__version__}  cpus={os.cpu_count()}"
      + (f"  load avg (1 min) at end={load[0]:.2f}" if load else ""))
    w("BLAS threads: " + "  ".join(f"{v}={os.environ.get(v, '(library default)')}" for v in _BLAS_VARS))
    w("methods:")
    for m in methods:
        w(f"  {m.name:<16} {m.note}")
    for pkg, why in missing.items():
        w(f"  (not run: {pkg} does not import: {why})")
    w("")
    w("Columns: games = games timed (fewer than asked: budget ran out); median_ms = median time per game;")
    w("ratio = median(method) / median(sbgames-float) on the same games (> 1: sbgames-float is faster);")
    w("eqs = distinct valid equilibria found, summed over the games; fewer / more = games where the method")
    w("found fewer / more distinct equilibria than sbgames-exact; missed = sbgames-exact equilibria the")
    w("method did not return (summed); bad = returned profiles with regret > 1e-6; err = calls that raised;")
    w("peak_MB = peak resident memory of the method's own process (imports included) after this size.")
    names = [m.name for m in methods]
    for family, desc in FAMILIES.items():
        w("")
        w(f"== family {family}: {desc}")
        w(f"{'n':>3}  {'method':<16}{'games':>6}{'median_ms':>11}{'ratio':>9}{'peak_MB':>9}{'eqs':>6}"
          f"{'fewer':>7}{'more':>6}{'missed':>8}{'bad':>5}{'err':>5}")
        for n in sizes:
            rows = {r["method"]: r for r in records if r["family"] == family and r["n"] == n}
            for name in names:
                r = rows.get(name)
                if r is None:
                    w(f"{n:>3}  {name:<16}{'skipped (over time budget)':>32}")
                    continue
                ratio = "-" if r["ratio_to_sbgames_float"] is None else f"{r['ratio_to_sbgames_float']:.2f}"
                w(f"{n:>3}  {name:<16}{r['games']:>6}{_ms(r['median_s']):>11}{ratio:>9}{r['peak_mb']:>9.0f}"
                  f"{r['equilibria']:>6}"
                  f"{r['fewer_than_exact']:>7}{r['more_than_exact']:>6}{r['missed']:>8}{r['bad']:>5}"
                  f"{r['errors']:>5}")
            w("")
    # compact view
    w("== median time per game in ms (- = skipped, over the time budget)")
    short = {BASE: "sb-float", REFERENCE: "sb-exact", "nashpy-support": "np-supp", "nashpy-vertex": "np-vert",
             "gambit-float": "gbt-float", "gambit-rational": "gbt-rat", "quantecon": "quantecon"}
    for family in FAMILIES:
        w(f"{family:<7}" + "".join(f"{short.get(nm, nm):>11}" for nm in names))
        for n in sizes:
            rows = {r["method"]: r for r in records if r["family"] == family and r["n"] == n}
            w(f"{'n=' + str(n):<7}" + "".join(f"{_ms(rows[nm]['median_s']) if nm in rows else '-':>11}"
                                              for nm in names))
        w("")
    w("== time ratio to sbgames-float (baseline / sbgames-float; > 1 means sbgames-float is faster)")
    for family in FAMILIES:
        w(f"{family:<7}" + "".join(f"{short.get(nm, nm):>11}" for nm in names))
        for n in sizes:
            rows = {r["method"]: r for r in records if r["family"] == family and r["n"] == n}
            cells = []
            for nm in names:
                r = rows.get(nm)
                cells.append("-" if r is None or r["ratio_to_sbgames_float"] is None
                             else f"{r['ratio_to_sbgames_float']:.2f}")
            w(f"{'n=' + str(n):<7}" + "".join(f"{c:>11}" for c in cells))
        w("")
    w("== peak memory in MB of each method's process after each size (VmHWM, imports included)")
    for family in FAMILIES:
        w(f"{family:<7}" + "".join(f"{short.get(nm, nm):>11}" for nm in names))
        for n in sizes:
            rows = {r["method"]: r for r in records if r["family"] == family and r["n"] == n}
            w(f"{'n=' + str(n):<7}" + "".join(f"{rows[nm]['peak_mb']:>11.0f}" if nm in rows else f"{'-':>11}"
                                              for nm in names))
        w("")
    out.extend(goals(records, sizes))
    if skipped:
        w("== skipped by the time budget (exponential or slow methods; not a hard-coded size)")
        for (family, name), (n, why) in sorted(skipped.items()):
            if n > sizes[-1]:
                w(f"  {family:<7}{name:<16} ran every size; {why}")
            else:
                w(f"  {family:<7}{name:<16} not run for n >= {n}: {why}")
        if any(name == "nashpy-support" for _, name in skipped):
            w("  (support enumeration tries every pair of supports, about 4^n of them: exponential in n)")
        w("")
    w("== equilibria a baseline returned that sbgames-exact did not")
    if not extras:
        w("  none: every valid equilibrium any baseline returned is one sbgames-exact returned")
    else:
        tally = {}
        for e in extras:
            key = (e["family"], e["method"], e["kind"])
            tally.setdefault(key, set()).add((e["n"], e["game"]))
            tally.setdefault(key + ("count",), []).append(1)
        for key in sorted(k for k in tally if len(k) == 3):
            family, name, kind = key
            w(f"  {family:<7}{name:<16}{kind:<12}{len(tally[key + ('count',)]):>5} profiles in "
              f"{len(tally[key]):>3} games")
        w("  non-extreme = a point inside an equilibrium component (degenerate game) spanned by")
        w("  extreme equilibria that sbgames does return: not a bug.")
    bugs = [e for e in extras if e["kind"] == "extreme"]
    w("")
    if bugs:
        w("== POSSIBLE SBGAMES BUGS: extreme equilibria found by a baseline but not by sbgames-exact")
        grouped: dict = {}
        for e in bugs:
            key = (e["family"], e["n"], e["game"], tuple(np.round(e["profile"], 6).tolist()))
            grouped.setdefault(key, []).append(e["method"])
        for (family, n, game, profile), found_by in grouped.items():
            w(f"  family={family} n={n} game={game} found by {', '.join(found_by)}: "
              f"x={list(profile[:n])} y={list(profile[n:])}")
            w(f"    reproduce: from benchmarks.enumeration import make_game; "
              f"A, B = make_game({args.seed}, {family!r}, {n}, {game}); "
              f"sbgames.Game([A, B]).equilibria(exact=True)")
    else:
        w("== sbgames-exact missed no extreme equilibrium that any baseline found")
    sbf = [r for r in records if r["method"] == BASE]
    w(f"   sbgames-float vs sbgames-exact: {sum(r['missed'] for r in sbf)} missed, "
      f"{sum(r['more_than_exact'] for r in sbf)} games with more, {sum(r['bad'] for r in sbf)} bad")
    return "\n".join(out)


#: Goals of the scaling issue for sbgames-float on the normal family: time ratio to QuantEcon
#: at most 1 for n = 10..15; peak memory in MB at most 400 at 13 and 500 at 14 and 15.
TIME_GOAL = {n: 1.0 for n in range(10, 16)}
MEMORY_GOAL_MB = {13: 400, 14: 500, 15: 500}


def goals(records, sizes) -> list[str]:
    """The summary against the goals: each size measured, its figure, and by how much a goal is missed."""
    rows = {(r["n"], r["method"]): r for r in records if r["family"] == "normal"}
    out = ["== goals (normal family, sbgames-float): time ratio to QuantEcon <= 1 at n = 10..15; "
           "peak memory <= 400 MB at 13, <= 500 MB at 14 and 15"]
    for n in sizes:
        sb, qe = rows.get((n, BASE)), rows.get((n, "quantecon"))
        if sb is None:
            continue
        parts = [f"n={n}:"]
        if qe is not None and qe["games"]:
            base_time = dict(zip(qe["game_indices"], qe["times_s"]))
            ratio = _median_ratio({"games": sb["game_indices"], "times": sb["times_s"]}, base_time)
            verdict = ("" if n not in TIME_GOAL or ratio is None else
                       " (goal met)" if ratio <= TIME_GOAL[n] else f" (goal <= 1 MISSED by {ratio - 1:.0%})")
            parts.append(f"time ratio sbgames-float / quantecon = {ratio:.2f}{verdict};")
        elif n in TIME_GOAL:
            parts.append("quantecon not measured at this size (goal not checked);")
        limit = MEMORY_GOAL_MB.get(n)
        verdict = ("" if limit is None else " (goal met)" if sb["peak_mb"] <= limit
                   else f" (goal <= {limit} MB MISSED by {sb['peak_mb'] - limit:.0f} MB)")
        parts.append(f"peak memory {sb['peak_mb']:.0f} MB{verdict}"
                     + (f", quantecon {qe['peak_mb']:.0f} MB" if qe is not None else ""))
        out.append("  " + " ".join(parts))
    out.append("")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=None,
                        help="sizes n of the n x n games, e.g. 2-10 or 3,5,8,20 (default 2-15; --quick: 2-6)")
    parser.add_argument("--games", type=int, default=None,
                        help="random games per size and family (default 20; --quick: 5)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds per method per size and family; a method that needs more stops "
                             "there and is skipped for larger sizes (default 15; --quick: 2). "
                             "sbgames-float is never cut; equilibria are checked against sbgames-exact "
                             "on the games it solved")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads (OPENBLAS/OMP/MKL_NUM_THREADS), set before numpy is imported; "
                             "0 = the library default (default 1: every method single-threaded)")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="time each call by the wall clock (default) or by the process's CPU time "
                             "(steadier on a loaded machine; every method runs single-threaded)")
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--methods", default=None,
                        help="comma-separated subset of methods to run (sbgames-float always runs; without "
                             "sbgames-exact, equilibria are not checked against it)")
    parser.add_argument("--json", metavar="FILE", help="also write every record (and per-game times) as JSON")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return worker(argv[1:])
    args = parser.parse_args(argv)
    if args.sizes is None:
        args.sizes = parse_sizes("2-6" if args.quick else "2-15")
    args.games = args.games or (5 if args.quick else 20)
    args.budget = args.budget if args.budget is not None else (2.0 if args.quick else 15.0)

    methods, missing = available_methods()
    if args.methods:
        wanted = set(args.methods.split(",")) | {BASE}
        unknown = wanted - {m.name for m in methods}
        if unknown:
            parser.error(f"unknown or unavailable methods: {sorted(unknown)}")
        methods = [m for m in methods if m.name in wanted]
    start = time.perf_counter()
    records, extras, skipped = run_benchmark(args.sizes, args.games, args.seed, args.budget, methods,
                                             clock_name=args.clock)
    wall = time.perf_counter() - start
    text = report(records, extras, skipped, methods, missing, args, args.sizes, wall)
    print(text)
    if args.json:
        payload = {"command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
                   "seed": args.seed, "games": args.games, "sizes": args.sizes, "budget_s": args.budget,
                   "wall_s": wall, "blas_env": {v: os.environ.get(v) for v in _BLAS_VARS},
                   "methods": {m.name: m.note for m in methods}, "missing": missing,
                   "records": records, "extras": extras,
                   "skipped": [{"family": f, "method": nm, "from_n": n, "why": why}
                               for (f, nm), (n, why) in skipped.items()]}
        Path(args.json).write_text(json.dumps(payload, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
