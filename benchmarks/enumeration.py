#!/usr/bin/env python
"""Benchmark: enumerating every extreme Nash equilibrium of random n x n bimatrix games.

One run times, on the *same* random games, sbgames (float and exact mode)
against the all-equilibria solvers of nashpy (support and vertex
enumeration), Gambit (``enummixed``, float and rational) and QuantEcon
(``vertex_enumeration``), and checks what each of them returns against
sbgames' exact result.  Two families of games:

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

    python benchmarks/enumeration.py                      # full run, n = 2..10, 20 games per size
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
import statistics
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


def available_methods() -> tuple[list[Method], dict[str, str]]:
    """The methods whose package imports, and why the others are missing."""
    methods = [
        Method(BASE, lambda A, B: _sb_float_game(A, B),
               lambda g: g.equilibria(exact=False), _sb_extract,
               "Game.equilibria(exact=False): double description, floats", budgeted=False),
        Method(REFERENCE, lambda A, B: _sb_exact_game(A, B),
               lambda g: g.equilibria(exact=True), _sb_extract,
               "Game.equilibria(exact=True): double description, exact integers", budgeted=False),
    ]
    missing = {}
    try:
        import nashpy
        methods += [
            Method("nashpy-support", lambda A, B: nashpy.Game(A, B),
                   lambda g: list(g.support_enumeration()), lambda r: [(x, y) for x, y in r],
                   f"nashpy {nashpy.__version__} support_enumeration(): every pair of supports, exponential"),
            Method("nashpy-vertex", lambda A, B: nashpy.Game(A, B),
                   lambda g: list(g.vertex_enumeration()), lambda r: [(x, y) for x, y in r],
                   f"nashpy {nashpy.__version__} vertex_enumeration(): scipy halfspace intersection"),
        ]
    except ImportError as exc:
        missing["nashpy"] = str(exc)
    try:
        import pygambit as gbt

        def gbt_extract(result):
            game = result.game
            return [tuple(np.array([float(eq[s]) for s in p.strategies]) for p in game.players)
                    for eq in result.equilibria]

        def gbt_rational_game(A, B):
            exact = _sb_exact_game(A, B)   # the very game sbgames-exact solves
            return gbt.Game.from_arrays(*[np.array(a, dtype=object) for a in exact.payoff_arrays])

        methods += [
            Method("gambit-float", lambda A, B: gbt.Game.from_arrays(A, B),
                   lambda g: gbt.nash.enummixed_solve(g, rational=False), gbt_extract,
                   f"pygambit {gbt.__version__} nash.enummixed_solve(g, rational=False)"),
            Method("gambit-rational", gbt_rational_game,
                   lambda g: gbt.nash.enummixed_solve(g, rational=True), gbt_extract,
                   f"pygambit {gbt.__version__} nash.enummixed_solve(g, rational=True), rational payoffs"),
        ]
    except ImportError as exc:
        missing["pygambit"] = str(exc)
    try:
        import quantecon
        from quantecon.game_theory import NormalFormGame, vertex_enumeration

        methods.append(
            Method("quantecon", lambda A, B: NormalFormGame(np.stack([A, B], axis=-1).astype(float)),
                   vertex_enumeration, lambda r: [(x, y) for x, y in r],
                   f"quantecon {quantecon.__version__} game_theory.vertex_enumeration (numba; JIT warmed)"))
    except ImportError as exc:
        missing["quantecon"] = str(exc)
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


def timed(method: Method, game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # nashpy warns about degenerate games
        start = time.perf_counter()
        try:
            result, error = method.run(game), None
        except Exception as exc:  # a solver failing is a result, not a crash
            result, error = None, f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - start
    return elapsed, result, error


def warm_up(methods):
    """One untimed call of every method on small games of both kinds (numba JIT, imports, caches)."""
    for family in FAMILIES:
        for n in (2, 3, 4):
            A, B = make_game(12345, family, n, 0)
            for method in methods:
                timed(method, method.prepare(A, B))


def run_benchmark(sizes, games, seed, budget, methods, log=print):
    """Run everything; return one record per (family, size, method) plus details."""
    records, extras, skipped = [], [], {}
    for family in FAMILIES:
        state = {m.name: {"active": True, "mean": []} for m in methods}
        for n in sizes:
            t0 = time.perf_counter()
            # decide which methods run at this size
            for m in methods:
                st = state[m.name]
                if not (m.budgeted and st["active"]) or len(st["mean"]) < 1:
                    continue
                last = st["mean"][-1]
                growth = 2.0
                if len(st["mean"]) > 1 and st["mean"][-2] > 0:
                    growth = min(20.0, max(1.0, last / st["mean"][-2]))
                predicted = last * growth
                if predicted * min(games, 5) > budget:
                    st["active"] = False
                    skipped[(family, m.name)] = (n, f"predicted {predicted:.2f} s per game at n={n} "
                                                   f"(budget {budget:g} s fits fewer than 5 games)")
            live = [m for m in methods if state[m.name]["active"]]
            per = {m.name: {"times": [], "eqs": [], "returned": 0, "bad": 0, "errors": [],
                            "games": []} for m in live}
            spent = {m.name: 0.0 for m in live}
            ref_eqs = {}
            for k in range(games):
                A, B = make_game(seed, family, n, k)
                Af, Bf = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
                for m in live:
                    if m.budgeted and spent[m.name] > budget:
                        continue
                    g = m.prepare(A, B)
                    elapsed, result, error = timed(m, g)
                    spent[m.name] += elapsed
                    rec = per[m.name]
                    rec["games"].append(k)
                    rec["times"].append(elapsed)
                    pairs = []
                    if error is None:
                        try:
                            pairs = m.extract(result)
                        except Exception as exc:
                            error = f"extract: {type(exc).__name__}: {exc}"
                    if error is not None:
                        rec["errors"].append((k, error))
                    good = [p for p in pairs if regret(Af, Bf, *p) <= TOL_VALID]
                    rec["returned"] += len(pairs)
                    rec["bad"] += len(pairs) - len(good)
                    rec["eqs"].append(distinct(good))
                    if m.name == REFERENCE and error is None:
                        ref_eqs[k] = rec["eqs"][-1]
            # ---- summarise this size
            base = per.get(BASE)
            base_time = dict(zip(base["games"], base["times"])) if base else {}
            exact_game = {}
            for m in live:
                rec = per[m.name]
                st = state[m.name]
                done = len(rec["games"])
                if done:
                    st["mean"].append(sum(rec["times"]) / done)
                if m.budgeted and done < games:
                    st["active"] = False
                    skipped[(family, m.name)] = (n + 1, f"n={n} used its {budget:g} s budget after "
                                                        f"{done} of {games} games")
                fewer = more = missed = 0
                for k, found in zip(rec["games"], rec["eqs"]):
                    ref = ref_eqs.get(k)
                    if ref is None:
                        continue
                    fewer += len(found) < len(ref)
                    more += len(found) > len(ref)
                    missed += sum(not any(np.abs(r - v).max() <= TOL_SAME for v in found) for r in ref)
                    if m.name == REFERENCE:
                        continue
                    for v in found:
                        if any(np.abs(r - v).max() <= TOL_SAME for r in ref):
                            continue
                        if k not in exact_game:
                            exact_game[k] = tuple(sbgames.Game(list(make_game(seed, family, n, k)))
                                                  .as_exact().payoff_arrays)
                        Ae, Be = exact_game[k]
                        kind = classify_extra(Ae, Be, v[:n], v[n:])
                        extras.append({"family": family, "n": n, "game": k, "method": m.name,
                                       "kind": kind, "profile": v.tolist()})
                same = [k for k in rec["games"] if k in base_time]
                ratio = None
                if same and done:
                    tb = statistics.median(base_time[k] for k in same)
                    tm = statistics.median(t for k, t in zip(rec["games"], rec["times"]) if k in base_time)
                    ratio = tm / tb if tb > 0 else None
                records.append({
                    "family": family, "n": n, "method": m.name, "games": done,
                    "median_s": statistics.median(rec["times"]) if done else None,
                    "total_s": sum(rec["times"]),
                    "ratio_to_sbgames_float": ratio,
                    "equilibria": sum(len(e) for e in rec["eqs"]),
                    "returned": rec["returned"], "bad": rec["bad"],
                    "fewer_than_exact": fewer, "more_than_exact": more, "missed": missed,
                    "errors": len(rec["errors"]), "error_samples": rec["errors"][:3],
                    "times_s": rec["times"], "game_indices": rec["games"],
                })
            log(f"  [{family} n={n}: {time.perf_counter() - t0:.1f} s, "
                f"{len(live)} methods]", file=sys.stderr, flush=True)
    return records, extras, skipped


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
      f"budget per method per size={args.budget:g} s  wall time={wall:.0f} s")
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
    w("method did not return (summed); bad = returned profiles with regret > 1e-6; err = calls that raised.")
    names = [m.name for m in methods]
    for family, desc in FAMILIES.items():
        w("")
        w(f"== family {family}: {desc}")
        w(f"{'n':>3}  {'method':<16}{'games':>6}{'median_ms':>11}{'ratio':>9}{'eqs':>6}"
          f"{'fewer':>7}{'more':>6}{'missed':>8}{'bad':>5}{'err':>5}")
        for n in sizes:
            rows = {r["method"]: r for r in records if r["family"] == family and r["n"] == n}
            for name in names:
                r = rows.get(name)
                if r is None:
                    w(f"{n:>3}  {name:<16}{'skipped (over time budget)':>32}")
                    continue
                ratio = "-" if r["ratio_to_sbgames_float"] is None else f"{r['ratio_to_sbgames_float']:.2f}"
                w(f"{n:>3}  {name:<16}{r['games']:>6}{_ms(r['median_s']):>11}{ratio:>9}{r['equilibria']:>6}"
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=None,
                        help="sizes n of the n x n games, e.g. 2-10 or 3,5,8 (default 2-10; --quick: 2-6)")
    parser.add_argument("--games", type=int, default=None,
                        help="random games per size and family (default 20; --quick: 5)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds per method per size and family; a method that needs more stops "
                             "there and is skipped for larger sizes (default 15; --quick: 2). "
                             "sbgames, the reference, is never cut")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads (OPENBLAS/OMP/MKL_NUM_THREADS), set before numpy is imported; "
                             "0 = the library default (default 1: every method single-threaded)")
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--methods", default=None,
                        help="comma-separated subset of methods to run (sbgames-float and sbgames-exact always run)")
    parser.add_argument("--json", metavar="FILE", help="also write every record (and per-game times) as JSON")
    args = parser.parse_args(argv)
    if args.sizes is None:
        args.sizes = parse_sizes("2-6" if args.quick else "2-10")
    args.games = args.games or (5 if args.quick else 20)
    args.budget = args.budget if args.budget is not None else (2.0 if args.quick else 15.0)

    methods, missing = available_methods()
    if args.methods:
        wanted = set(args.methods.split(",")) | {BASE, REFERENCE}
        unknown = wanted - {m.name for m in methods}
        if unknown:
            parser.error(f"unknown or unavailable methods: {sorted(unknown)}")
        methods = [m for m in methods if m.name in wanted]
    start = time.perf_counter()
    warm_up(methods)
    records, extras, skipped = run_benchmark(args.sizes, args.games, args.seed, args.budget, methods)
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
