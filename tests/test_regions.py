"""Phase diagrams, numeric comparative statics and their figures."""

import csv
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from fractions import Fraction as F

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sbgames import load_model, regions, statics
from sbgames.analysis.regions import label_at_point, region_label
from sbgames.cli import main

try:
    from tests.cases import threshold_soft_balancing
except ImportError:  # tests/ on sys.path instead of the repository root
    from cases import threshold_soft_balancing

matplotlib.use("Agg")
CORE = load_model("core")
MAP = regions(CORE, x=("theta", 0, 30), y=("lam", 0, 4), resolution=120, fixed={"w": 0})


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 119), st.integers(0, 119))
def test_grid_label_equals_numeric_label(i, j):
    point = {**MAP.fixed, "theta": F(float(MAP.x[i])), "lam": F(float(MAP.y[j]))}
    result = CORE.game(**point).equilibria(exact=True)
    if result.degenerate:
        return  # a tie exactly on a boundary: measure zero, see the docs
    assert MAP.labels[j, i] == region_label([eq.supports for eq in result])


def test_labels_and_boundaries_of_the_core_map():
    assert MAP.labels.shape == (120, 120)
    assert MAP.method == "closed form"
    assert set(MAP.region_names) == {
        "Revise / Bandwagon (unique)", "Revise / Soft (unique)", "Revise / Hard (unique)",
        "mixed: Revise-Restrain x Soft-Bandwagon",
        "multiple: Revise / Hard; mixed: Revise-Restrain x Hard-Soft; mixed: Revise-Restrain x Soft-Bandwagon"}
    # exact boundaries from the closed forms: e_s theta = b + c_s, (e_h - e_s) theta = c_h - c_s, lam l = (1 - e_s) g
    assert sorted(str(b) for b in MAP.boundaries) == ["lam = 2/3", "theta = 4", "theta = 5"]


def test_strip_and_fixed_values():
    strip = regions(CORE, x=("lam", 0, 5), resolution=51)
    assert strip.labels.shape == (1, 51)
    assert strip.label_at(lam=0) == "Revise / Soft (unique)"
    assert strip.label_at(lam=5) == "mixed: Revise-Restrain x Soft-Bandwagon"
    assert [str(b) for b in strip.boundaries] == ["lam = 2/3"]
    assert strip.fixed["theta"] == 6


def test_constraints_mark_points_outside():
    rmap = regions(CORE, x=("c_h", 0, 3), y=("c_s", 0, 3), resolution=31)
    outside = rmap.labels == "outside the model's constraints"
    assert outside[rmap.y >= 1.5, :].any()  # c_h <= c_s is outside
    assert not outside[0, 1:].any()         # c_s = 0 < c_h is inside


def test_bad_axes():
    with pytest.raises(ValueError, match="did you mean 'theta'"):
        regions(CORE, x=("thet", 0, 1))
    with pytest.raises(ValueError, match="outside its bounds"):
        regions(CORE, x=("e_s", 0, 2))
    with pytest.raises(ValueError, match="below high"):
        regions(CORE, x=("theta", 5, 1))
    with pytest.raises(ValueError, match="different parameters"):
        regions(CORE, x=("theta", 0, 1), y=("theta", 0, 1))
    with pytest.raises(ValueError, match="resolution"):
        regions(CORE, x=("theta", 0, 1), resolution=1)


THREE = threshold_soft_balancing()


@pytest.mark.parametrize("make", [None, lambda: ThreadPoolExecutor(2), lambda: ProcessPoolExecutor(2)])
def test_numeric_path_on_executors(make):
    executor = make() if make else None
    try:
        rmap = regions(THREE, x=("v", 0.5, 3), y=("c", 0.5, 3), resolution=4, executor=executor, chunksize=3)
    finally:
        if executor:
            executor.shutdown()
    # a 2 x 2 x 2 game: the complete solver finishes at every point, mixed equilibria included
    assert rmap.method == "numeric" and rmap.complete and rmap.warnings == []
    assert rmap.label_at(v=3, c="1/2").startswith("multiple: ") and "mixed: " in rmap.label_at(v=3, c="1/2")
    assert rmap.label_at(v="1/2", c=3) == "Free-ride / Free-ride / Free-ride (unique)"
    assert rmap.labels[2, 3] == label_at_point(THREE, {"v": F(float(rmap.x[3])), "c": F(float(rmap.y[2]))})


def test_dask_executor():
    distributed = pytest.importorskip("distributed")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as client:
        rmap = regions(THREE, x=("v", 0.5, 3), resolution=5, executor=client.get_executor())
    assert rmap.label_at(v="1/2") == "Free-ride / Free-ride / Free-ride (unique)"
    assert list(rmap.labels[0]) == list(regions(THREE, x=("v", 0.5, 3), resolution=5).labels[0])


def test_statics_core_lam():
    sweep = statics(CORE, param=("lam", 0, 5), resolution=201)
    (change,) = sweep.boundaries
    assert change.value == pytest.approx(2 / 3, abs=1e-9)
    assert change.before == "Revise / Soft (unique)"
    assert change.after == "mixed: Revise-Restrain x Soft-Bandwagon"
    mixed = sweep.curve("mixed: Revise-Restrain x Soft-Bandwagon")
    k = sweep.index(3)
    assert mixed.quantities["Pr(T: Revise)"][k] == pytest.approx(0.5)
    assert mixed.quantities["Pr(S: Soft)"][k] == pytest.approx(4 / (2 + 3 * sweep.values[k]))
    assert mixed.quantities["Pr(T: Revise & S: Soft)"][k] == pytest.approx(0.5 * 4 / (2 + 3 * sweep.values[k]))
    assert np.isnan(mixed.quantities["Pr(S: Soft)"][sweep.index(0.2)])
    pure = sweep.curve("Revise / Soft")
    assert pure.quantities["payoff T"][0] == pytest.approx(2.0)  # (1 - e_s) g at lam = 0


def test_statics_regime_changes_along_theta():
    sweep = statics(CORE, param=("theta", 0, 30), fixed={"w": 0})
    assert [round(c.value, 9) for c in sweep.boundaries] == [4, 5]


def test_figures_and_csv(tmp_path):
    fig = MAP.plot()
    texts = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts]
    assert any(t.startswith("multiple:") for t in texts)
    assert "theta" in fig.axes[0].get_xlabel() and "legitimacy" in fig.axes[0].get_ylabel()
    for ext in ("pdf", "svg", "png"):
        fig.savefig(tmp_path / f"map.{ext}")
        assert (tmp_path / f"map.{ext}").stat().st_size > 1000
    MAP.to_csv(tmp_path / "map.csv")
    rows = list(csv.reader(open(tmp_path / "map.csv")))
    assert rows[0] == ["theta", "lam", "label"] and len(rows) == 1 + 120 * 120
    sweep = statics(CORE, param=("lam", 0, 5), resolution=21)
    fig = sweep.plot(quantities="outcomes")
    assert fig.axes[0].get_ylabel() == "outcome probability"
    sweep.to_csv(tmp_path / "sweep.csv")
    assert len(list(csv.reader(open(tmp_path / "sweep.csv")))) == 22
    with pytest.raises(ValueError):
        sweep.plot(quantities="nonsense")
    assert "other parameters fixed at" in MAP.caption()


def test_room_along_rows_is_the_distance_to_the_piece_edge_or_the_frame():
    """The vectorised room each region name has (sbgames.plot) equals its definition, point by point."""
    from sbgames.plot import _room_along_rows
    rng = np.random.default_rng(7)
    for _ in range(200):
        piece = rng.random(tuple(rng.integers(1, 30, 2))) < rng.uniform(0.2, 1.0)
        room = _room_along_rows(piece)
        n = piece.shape[1]
        for r, c in zip(*np.nonzero(piece)):
            free = np.nonzero(~piece[r])[0]
            assert room[r, c] == min([abs(c - k) - 0.5 for k in free] + [c, n - 1 - c])


def test_cli_regions_and_statics(tmp_path, capsys):
    out = tmp_path / "fig.pdf"
    assert main(["regions", "core", "--x", "theta:0:20", "--y", "lam:0:4", "--set", "w=0",
                 "--resolution", "40", "-o", str(out), "--csv", str(tmp_path / "r.csv")]) == 0
    text = capsys.readouterr().out
    assert "boundary: lam = 2/3" in text and out.stat().st_size > 1000
    assert main(["statics", "core", "--param", "lam:0:5", "-o", str(tmp_path / "s.svg")]) == 0
    assert "regime change at 2/3" in capsys.readouterr().out
    assert main(["regions", "core", "--x", "theta"]) == 1
    assert "name:low:high" in capsys.readouterr().err
    assert main(["regions", "core", "--x", "theta:0:1", "-o", str(tmp_path / "fig.txt")]) == 1
