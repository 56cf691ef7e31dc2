"""Phase maps and sweeps say no more than was computed: no "no equilibrium", "unique" only for complete
results, one region per label, bounded work, numeric paths that agree with the closed forms."""

import itertools
import json
import warnings
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames import Model, list_models, load_model, regions, statics
from sbgames.analysis.regions import (MAX_POINTS, MAX_RESOLUTION, NO_PURE, PURE_ONLY, label_at_point,
                                      label_is_complete, parse_range, region_label, slow_derivation)
from sbgames.cli import main
from sbgames.errors import InputError, SolverLimitError

try:
    from tests.cases import threshold_soft_balancing
except ImportError:  # tests/ on sys.path instead of the repository root
    from cases import threshold_soft_balancing

CORE = load_model("core")


def _strip_axis(model):
    """A short window along theta (or the first parameter) inside the parameter's bounds."""
    name = "theta" if "theta" in model.parameters else next(iter(model.parameters))
    param = model.parameters[name]
    low = param.default
    for high in (low + 4, low + 1, low + F(1, 10)):
        try:
            param.check(high)
            return name, low, high
        except ValueError:
            continue
    return name, low - F(1, 10), low


def _check_honest(rmap):
    names = rmap.region_names
    for name in names:
        assert "no equilibrium" not in name.lower()
        assert "(unique)" not in name or label_is_complete(name)
        if not label_is_complete(name):
            assert PURE_ONLY in name or name == NO_PURE or "not complete" in name
    assert rmap.complete == all(label_is_complete(n) for n in names)
    if not rmap.complete:
        assert rmap.warnings and ("pure equilibria only" in rmap.method or "not complete" in rmap.method)
    assert len(rmap.names) == len(set(rmap.names))  # one code per label
    assert sum(rmap.shares().values()) == pytest.approx(1)


@pytest.mark.parametrize("name", [name for name, _ in list_models()])
def test_no_bundled_map_claims_no_equilibrium(name):
    model = load_model(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # partial results are said in the labels, checked below
        rmap = regions(model, x=_strip_axis(model), resolution=3)
    _check_honest(rmap)
    json.dumps(rmap.to_dict())  # the summary is JSON-ready and carries the same flag
    assert rmap.to_dict()["complete"] == rmap.complete


def test_collective_majority_map_of_the_issue():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rmap = regions(load_model("collective_majority"), x=("theta", 0, 20), y=("lam", 0, 4), resolution=3)
    _check_honest(rmap)
    if not rmap.complete:  # pure equilibria only somewhere: said on the result and to the caller
        assert any(PURE_ONLY in n or n == NO_PURE for n in rmap.region_names)
        assert [str(w.message) for w in caught] == rmap.warnings
        assert all(w.filename == __file__ for w in caught)  # the warning points at the caller's line


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Revise", "Restrain"]), st.sampled_from(["Soft", "Hard", "Bandwagon"])),
                max_size=4),
       st.sampled_from([None, PURE_ONLY]))
def test_labels_claim_unique_only_for_complete_results(profiles, left_out):
    supports = [((t,), (s,)) for t, s in profiles]
    label = region_label(supports, left_out)
    assert "no equilibrium" not in label
    assert ("(unique)" in label) == (left_out is None and len(set(profiles)) == 1)
    assert label_is_complete(label) == (left_out is None and bool(profiles))


def test_game_tree_maps_list_each_region_once():
    seq = load_model("core_sequential")
    strip = regions(seq, x=("theta", 0, 20), resolution=15)
    _check_honest(strip)
    assert set(strip.region_names) == {"Restrain -> Bandwagon (unique)", "Revise -> Bandwagon (unique)"}
    assert [str(b) for b in strip.boundaries] == ["theta = 4"]
    two = regions(seq, x=("theta", 0, 20), y=("lam", 0, 4), resolution=12)
    _check_honest(two)
    # a tie (theta = 4: S indifferent) gives two pure subgame-perfect equilibria, and mixing at the tie
    # gives more: no "unique" there
    tie = label_at_point(seq, seq.values(theta=4))
    assert "(unique)" not in tie and PURE_ONLY in tie


@pytest.mark.parametrize("window", [("theta", 0, "1e400"), ("theta", 0, "1e16"), ("theta", 1, 1),
                                    ("theta", 1, "1.0000000000000000001")])
def test_axis_ends_out_of_range_are_refused(window):
    with pytest.raises(InputError, match="axis theta"):
        regions(CORE, x=window)
    with pytest.raises(InputError, match="axis theta"):
        statics(CORE, param=window)


def test_parse_range():
    assert parse_range("lam:1/2:4", "--y") == ("lam", F(1, 2), F(4))
    for text, message in [("theta:0:1e400", "1e15"), ("theta:0", "name:low:high"), ("theta:x:1", "not a number"),
                          ("theta:2:1", "below high")]:
        with pytest.raises(InputError, match=message):
            parse_range(text, "--x")


def test_cli_refuses_an_overflowing_range(capsys):
    assert main(["regions", "core", "--x", "theta:0:1e400"]) == 1
    assert main(["statics", "core", "--param", "theta:0:1e400"]) == 1
    err = capsys.readouterr().err
    assert "1e15" in err and "Traceback" not in err


def test_resolution_limits_are_checked_before_work():
    with pytest.raises(SolverLimitError, match=f"limit of {MAX_RESOLUTION}"):
        regions(CORE, x=("theta", 0, 20), y=("lam", 0, 4), resolution=10_000)
    # a numeric map of 600 x 600 points is over the points limit: refused before any point is solved
    side = int(MAX_POINTS ** 0.5) + 1
    with pytest.raises(SolverLimitError, match=f"{MAX_POINTS:,}"):
        regions(threshold_soft_balancing(), x=("v", 1, 2), y=("c", 1, 2), resolution=side)
    with pytest.raises(InputError, match="resolution"):
        regions(CORE, x=("theta", 0, 20), resolution=1)


def test_numeric_method_agrees_with_closed_forms_on_core():
    # a window whose grid points are off every boundary
    window = dict(x=("theta", "1/2", "59/2"), y=("lam", "1/10", "39/10"), fixed={"w": 0}, resolution=5)
    numeric = regions(CORE, method="numeric", **window)
    closed = regions(CORE, **window)
    assert numeric.method == "numeric" and closed.method == "closed form"
    assert (numeric.labels == closed.labels).all() and numeric.complete
    sweep = statics(CORE, param=("lam", 0, 5), resolution=11, method="numeric")
    exact = statics(CORE, param=("lam", 0, 5), resolution=11)
    assert list(sweep.labels) == list(exact.labels)
    assert [str(c) for c in sweep.boundaries] == [str(c) for c in exact.boundaries]
    mixed = "mixed: Revise-Restrain x Soft-Bandwagon"
    k = sweep.index(3)
    assert sweep.curve(mixed).quantities["Pr(S: Soft)"][k] == pytest.approx(
        exact.curve(mixed).quantities["Pr(S: Soft)"][k])


class _CountingPool(ThreadPoolExecutor):
    """A thread pool that counts the tasks it is given."""

    tasks = 0

    def map(self, fn, *iterables, **kwargs):
        batches = list(zip(*iterables))
        self.tasks += len(batches)
        return super().map(fn, *zip(*batches), **kwargs)


@pytest.mark.parametrize("chunksize", [None, 1, 4, 100])
def test_chunked_executor_gives_the_serial_map(chunksize):
    window = dict(x=("theta", 0, 20), y=("lam", 0, 4), fixed={"w": 0}, resolution=5, method="numeric")
    serial = regions(CORE, **window)
    filters = list(warnings.filters)
    with _CountingPool(2) as pool:
        parallel = regions(CORE, executor=pool, chunksize=chunksize, **window)
    assert (parallel.labels == serial.labels).all()
    assert warnings.filters == filters  # solving in threads leaves the warning filters as they were
    points = serial.labels.size
    size = chunksize or -(-points // 16)  # by default about 16 tasks
    assert pool.tasks == -(-points // size)


def _all_parameters(m, n):
    """An m x n game whose every payoff is its own parameter."""
    rows, cols = [f"r{i}" for i in range(m)], [f"c{j}" for j in range(n)]
    params, payoffs = {}, {}
    for i, j in itertools.product(range(m), range(n)):
        params[f"a{i}{j}"] = {"default": (3 * i + 7 * j) % 5 + 1}
        params[f"b{i}{j}"] = {"default": (5 * i + 2 * j) % 7 + 1}
        payoffs[f"r{i},c{j}"] = [f"a{i}{j}", f"b{i}{j}"]
    return Model.from_dict({"name": f"all_{m}x{n}", "players": {"R": {"strategies": rows}, "C": {"strategies": cols}},
                            "parameters": params, "payoffs": payoffs})


def test_slow_derivation_is_announced_and_numeric_is_the_way_out():
    big = _all_parameters(4, 4)
    message = slow_derivation(big)
    assert "4 x 4" in message and "69 support pairs of equal size" in message and "method='numeric'" in message
    assert slow_derivation(CORE) is None
    rmap = regions(big, x=("a00", 0, 6), resolution=4, method="numeric")
    assert not big.symbolic_derived  # nothing derived symbolically
    assert rmap.complete and rmap.warnings == []
    assert rmap.labels[0, 0] == label_at_point(big, big.values(a00=0))


def test_a_boundary_in_a_factor_without_the_y_parameter_is_kept():
    # core_interdependence: the soft-balancing band starts at (1 + k)(theta - 4) = 0, i.e. theta = 4 for every k;
    # solving the product for k alone gave k = -1 (outside the window) and lost the boundary
    rmap = regions(load_model("core_interdependence"), x=("theta", 0, 30), y=("k", 0, "1/2"), resolution=30)
    assert "Eq(theta, 4)" in {str(b.equation) for b in rmap.boundaries}


def test_auto_maps_of_the_portfolio_game_solve_point_by_point():
    """Its closed forms take minutes (work 75,600 > AUTO_CLOSED_FORM_WORK): auto maps and statics solve numerically."""
    from sbgames.analysis.regions import AUTO_CLOSED_FORM_WORK, derivation_work
    port = load_model("instrument_portfolio")
    assert derivation_work(port) == 75_600 > AUTO_CLOSED_FORM_WORK >= derivation_work(load_model("instruments"))
    rmap = regions(port, x=("theta", 1, 12), resolution=3)
    assert rmap.method == "numeric" and not port.symbolic_derived
    assert len(statics(port, ("theta", 1, 12), resolution=3).labels) == 3 and not port.symbolic_derived
