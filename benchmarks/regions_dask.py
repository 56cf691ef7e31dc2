"""Distributed phase maps: one process against a dask ``LocalCluster``, batches of points against one per task.

Usage::

    python benchmarks/regions_dask.py [--model collective_2] [--resolution 8] [--workers 2]

Times the same map, solved point by point (``method="numeric"``), three ways:

* in one process (no executor);
* on a ``distributed.LocalCluster`` with ``--workers`` single-threaded worker
  processes, one task per batch of points (the default ``chunksize``);
* on the same cluster with one task per point (``chunksize=1``).

Models: ``collective_2`` is the core game with two states and a veto
(``sbgames.nplayer.collective_model(2, kappa=1)``, 3 players, 2 x 3 x 3),
solved completely by the polynomial solver, 60 to 80 ms of CPU a point;
``collective_majority`` is the bundled three-state majority model (4 players,
2 x 3 x 3 x 3), complete where the polynomial solver is expected to finish
quickly, up to a second a point; ``core`` is the two-player core model solved by vertex enumeration, a few
milliseconds a point.  The map is theta from 0 to 20 against lam from 0 to 4.
The cluster's start-up is not timed; each cluster run is preceded by a small
warm-up map so that the workers have imported sbgames.  Prints the time per
point in one process and the speed-up of each cluster run, with the machine's
load average (other work on the machine takes cores from the workers) and the
CPU time each run used (in the workers and in the client), which does not
depend on that load; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sbgames import load_model, regions  # noqa: E402
from sbgames.nplayer import collective_model  # noqa: E402

MODELS = {"collective_2": lambda: collective_model(2, kappa=1), "core": lambda: load_model("core"),
          "collective_majority": lambda: load_model("collective_majority")}


def _timed(model, resolution, **kwargs):
    start = time.perf_counter()
    rmap = regions(model, x=("theta", 0, 20), y=("lam", 0, 4), resolution=resolution, method="numeric", **kwargs)
    return time.perf_counter() - start, rmap


def _cpu_seconds() -> float:
    """CPU time of this process so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=sorted(MODELS), default="collective_2")
    parser.add_argument("--resolution", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    from distributed import Client, LocalCluster
    warnings.simplefilter("ignore")
    model = MODELS[args.model]()
    cpu = _cpu_seconds()
    serial, reference = _timed(model, args.resolution)
    serial_cpu = _cpu_seconds() - cpu
    points = reference.labels.size
    print(f"model {args.model}, {points} points, complete: {reference.complete}; "
          f"load average before the run {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"one process: {serial:.2f} s ({1000 * serial / points:.1f} ms a point), {serial_cpu:.2f} s of CPU")
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        executor = client.get_executor()
        _timed(model, 2, executor=executor)  # warm-up: the workers import sbgames
        for name, chunksize in (("batches of points", None), ("one task per point", 1)):
            before = client.run(_cpu_seconds)
            cpu = _cpu_seconds()
            elapsed, rmap = _timed(model, args.resolution, executor=executor, chunksize=chunksize)
            client_cpu = _cpu_seconds() - cpu
            workers_cpu = sum(client.run(_cpu_seconds).values()) - sum(before.values())
            assert (rmap.labels == reference.labels).all()
            print(f"LocalCluster, {args.workers} workers, {name}: {elapsed:.2f} s, "
                  f"speed-up {serial / elapsed:.2f}x over one process; CPU {workers_cpu:.2f} s in the workers "
                  f"+ {client_cpu:.2f} s in the client")
    return 0


if __name__ == "__main__":
    sys.exit(main())
