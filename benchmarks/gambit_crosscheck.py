"""Cross-check sbgames' exact 2-player solver against Gambit's ``enummixed``.

Not a pytest module (no ``test_`` prefix, no test functions): run it as a
script, with pygambit installed::

    python benchmarks/gambit_crosscheck.py [--games 400] [--seed 1]

For a few hundred random degenerate integer games (small payoffs, duplicated
rows and columns, constant rows and columns) it compares the set of extreme
equilibria from ``Game.equilibria(exact=True)`` with
``pygambit.nash.enummixed_solve(game, rational=True)`` (through
``sbgames.interop``, so pygambit 16.x and 17.x both work) (Gambit may list an
equilibrium more than once in a degenerate game; repeats are removed).  When
the two disagree on a game of at most 4 x 4, the brute-force oracle in
tests/oracles.py decides who is right.  Prints a summary; the exit status is
1 if sbgames disagreed with the oracle on any game.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sbgames import Game
from sbgames.interop import gambit_equilibria, to_gambit
from tests import oracles


def random_degenerate_game(rng: np.random.Generator, max_size: int = 5):
    """A random integer bimatrix game pushed towards degeneracy (cf. tests/strategies.py)."""
    m, n = (int(v) for v in rng.integers(1, max_size + 1, size=2))
    lo, hi = (-2, 3) if rng.random() < 0.7 else (-5, 6)
    A = rng.integers(lo, hi, size=(m, n))
    B = rng.integers(lo, hi, size=(m, n))
    for _ in range(int(rng.integers(0, 3))):
        op = int(rng.integers(0, 4))
        if op == 0 and m > 1:
            src, dst = rng.choice(m, 2, replace=False)
            A[dst], B[dst] = A[src], B[src]
        elif op == 1 and n > 1:
            src, dst = rng.choice(n, 2, replace=False)
            A[:, dst], B[:, dst] = A[:, src], B[:, src]
        elif op == 2:
            B[rng.integers(m)] = rng.integers(lo, hi)
        else:
            A[:, rng.integers(n)] = rng.integers(lo, hi)
    return A, B


def gambit_extreme_equilibria(game: Game) -> tuple[set, int]:
    """Gambit's extreme equilibria (deduplicated) and the raw count it listed."""
    found = [eq.strategies for eq in gambit_equilibria(to_gambit(game), "enummixed", rational=True)]
    return set(found), len(found)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-size", type=int, default=5)
    args = parser.parse_args(argv)
    try:
        import pygambit
    except ImportError:
        print("pygambit is not installed; nothing to compare")
        return 0

    rng = np.random.default_rng(args.seed)
    stats = {"games": 0, "degenerate": 0, "agree": 0, "gambit_repeats": 0, "equilibria": 0, "multi_components": 0,
                 "disagree": 0, "ours_wrong": 0, "gambit_wrong": 0}
    t_ours = t_gambit = 0.0
    for _ in range(args.games):
        A, B = random_degenerate_game(rng, args.max_size)
        t0 = time.perf_counter()
        game = Game([A.tolist(), B.tolist()])
        res = game.equilibria(exact=True)
        t_ours += time.perf_counter() - t0
        ours = [oracles.as_key(eq) for eq in res]
        t0 = time.perf_counter()
        theirs, raw = gambit_extreme_equilibria(game)
        t_gambit += time.perf_counter() - t0
        stats["games"] += 1
        stats["degenerate"] += bool(res.degenerate)
        stats["equilibria"] += len(ours)
        stats["gambit_repeats"] += raw - len(theirs)
        stats["multi_components"] += any(len(c) > 1 for c in res.components)
        assert len(ours) == len(set(ours)), f"sbgames repeated an equilibrium: A={A.tolist()} B={B.tolist()}"
        if set(ours) == theirs:
            stats["agree"] += 1
            continue
        stats["disagree"] += 1
        print(f"DISAGREE A={A.tolist()} B={B.tolist()}")
        print(f"  only sbgames: {sorted(set(ours) - theirs)}")
        print(f"  only gambit:  {sorted(theirs - set(ours))}")
        if A.shape[0] <= 4 and A.shape[1] <= 4:
            truth = oracles.extreme_equilibria(A.tolist(), B.tolist())
            stats["ours_wrong"] += set(ours) != truth
            stats["gambit_wrong"] += theirs != truth
            print(f"  oracle sides with {'sbgames' if set(ours) == truth else 'gambit' if theirs == truth else 'neither'}")

    print(f"pygambit {pygambit.__version__}, seed {args.seed}, sizes 1..{args.max_size} x 1..{args.max_size}")
    print(f"games: {stats['games']}  degenerate: {stats['degenerate']}  "
          f"with a non-trivial component: {stats['multi_components']}")
    print(f"extreme equilibria (sbgames): {stats['equilibria']}  repeats removed from gambit: "
          f"{stats['gambit_repeats']}")
    print(f"identical equilibrium sets: {stats['agree']}  disagreements: {stats['disagree']} "
          f"(oracle: sbgames wrong {stats['ours_wrong']}, gambit wrong {stats['gambit_wrong']})")
    print(f"time: sbgames {t_ours:.2f} s, gambit {t_gambit:.2f} s")
    return 1 if stats["ours_wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
