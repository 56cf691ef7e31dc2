"""Markov perfect equilibria of random 2-player stochastic games: how long the searches take.

    python benchmarks/stochastic.py                      # states 2..10, actions 2..4, 3 games each
    python benchmarks/stochastic.py --states 2-3 --actions 2-3 --games 5 --json out.json
    python benchmarks/stochastic.py --quick              # states 2..4, actions 2..3, 2 games

For every number of states S and of actions A (the same for both players in
every state) it draws random games: integer payoffs in -5..5 and transition
rows of integer weights 0..3 (so ties, absorbing rows and exact fractions
occur), discount factor 9/10.  It times

* ``pure``: every pure stationary MPE, ``markov_perfect_equilibria(method="pure")``,
  in float and in exact arithmetic;
* ``auto``: the mixed search ``markov_perfect_equilibria(exact=True)``
  (support enumeration with polynomial systems when the game is small,
  else tracing), with the number of equilibria and whether the result is
  complete.

A game over ``--budget`` seconds is stopped (SIGALRM) and counted as over
budget; the sizes above it in the same row are then skipped.  Times are
wall-clock seconds on one core, median over the games of a size.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sbgames import Game, StochasticGame  # noqa: E402


class OverBudget(Exception):
    pass


def _alarm(signum, frame):
    raise OverBudget


def random_game(rng, states: int, actions: int) -> StochasticGame:
    stages, tables = [], []
    for _ in range(states):
        stages.append(Game([rng.integers(-5, 6, (actions, actions)) for _ in range(2)]))
        weights = rng.integers(0, 4, (actions, actions, states))
        weights[..., 0] += weights.sum(axis=-1) == 0
        table = np.empty(weights.shape, dtype=object)
        for index in np.ndindex(actions, actions):
            total = int(weights[index].sum())
            table[index] = [Fraction(int(w), total) for w in weights[index]]
        tables.append(table)
    return StochasticGame(stages, tables, delta=Fraction(9, 10))


def timed(call, budget):
    signal.alarm(int(budget))
    start = time.perf_counter()
    try:
        result = call()
    except OverBudget:
        return None, None
    finally:
        signal.alarm(0)
    return time.perf_counter() - start, result


def _range(text):
    if "-" in text:
        lo, hi = map(int, text.split("-"))
        return list(range(lo, hi + 1))
    return [int(x) for x in text.split(",")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--states", default="2-10")
    parser.add_argument("--actions", default="2-4")
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--budget", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--searches", default="pure-float,pure-exact,auto")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    if args.quick:
        args.states, args.actions, args.games = "2-4", "2-3", 2
    signal.signal(signal.SIGALRM, _alarm)
    searches = {
        "pure-float": lambda g: g.markov_perfect_equilibria(method="pure"),
        "pure-exact": lambda g: g.markov_perfect_equilibria(exact=True, method="pure"),
        "auto": lambda g: g.markov_perfect_equilibria(exact=True),
    }
    chosen = args.searches.split(",")
    records = []
    print(f"{'search':<11} {'S':>3} {'A':>2} {'median s':>9} {'max s':>8} {'over':>5} {'MPE':>9} {'complete':>9}")
    for name in chosen:
        for actions in _range(args.actions):
            stop = False
            for states in _range(args.states):
                if stop:
                    break
                rng = np.random.default_rng([args.seed, states, actions])
                times, counts, complete, over = [], [], [], 0
                for _ in range(args.games):
                    game = random_game(rng, states, actions)
                    seconds, result = timed(lambda: searches[name](game), args.budget)
                    if seconds is None:
                        over += 1
                        continue
                    times.append(seconds)
                    counts.append(len(result))
                    complete.append(result.complete)
                record = {"search": name, "states": states, "actions": actions, "games": args.games,
                          "over_budget": over, "seconds": times, "equilibria": counts, "complete": complete}
                records.append(record)
                median = f"{statistics.median(times):9.3f}" if times else f"{'-':>9}"
                largest = f"{max(times):8.3f}" if times else f"{'-':>8}"
                print(f"{name:<11} {states:>3} {actions:>2} {median} {largest} {over:>5} "
                      f"{','.join(map(str, counts)):>9} {sum(complete)}/{len(complete):<7}", flush=True)
                stop = over == args.games
    if args.json:
        Path(args.json).write_text(json.dumps(records, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
