"""Regenerate the figures the documentation shows, and check them.

Every figure in ``docs/figures/`` is drawn here from the same call that the
page showing it makes: each entry below holds that call as text, the test
checks that the page contains it verbatim and links to the PNG, runs it,
writes the PNG (small: dpi 110) and checks what was drawn.  Run

    python -m pytest tests/test_docs_figures.py

after changing the plotting code or the calls in the pages, and commit the
PNGs that change.
"""

from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pytest

import sbgames
from sbgames.analysis.regions import PURE_ONLY, RegionMap
from sbgames.figcheck import check_figure
from sbgames.figstyle import axis_label, symbol
from sbgames.plot import outcome_label

matplotlib.use("Agg")

DOCS = Path(__file__).resolve().parent.parent / "docs"
FIGURES = DOCS / "figures"
DPI = 110


def pure_only(*labels) -> tuple:
    """Region names of a map searched for pure equilibria only (each says so)."""
    return tuple(f"{label} ({PURE_ONLY})" for label in labels)


@dataclass(frozen=True)
class Figure:
    page: str            # the page (under docs/) that shows the figure
    png: str             # file name under docs/figures/
    call: str            # the call, exactly as on the page; `sbgames` and `core` are defined
    plot: str = "plot()"  # the plot call, also as on the page
    boundaries: tuple = ()  # expected exact boundaries (phase diagrams)
    regime_changes: tuple = ()  # expected regime changes, rounded (comparative statics)
    regions: tuple = ()  # expected region names (phase diagrams), any order


FIGS = [
    Figure("how-to/phase-diagrams.md", "phase-theta-lam.png",
           'sbgames.regions(core, x=("theta", 0, 30), y=("lam", 0, 4), fixed={"w": 0}, resolution=200)',
           boundaries=("lam = 2/3", "theta = 4", "theta = 5"),
           regions=("multiple: Revise / Hard; mixed: Revise-Restrain x Hard-Soft; "
                    "mixed: Revise-Restrain x Soft-Bandwagon",
                    "Revise / Hard (unique)", "Revise / Bandwagon (unique)",
                    "mixed: Revise-Restrain x Soft-Bandwagon", "Revise / Soft (unique)")),
    Figure("how-to/phase-diagrams.md", "phase-es-lam.png",
           'sbgames.regions(core, x=("e_s", 0, "9/10"), y=("lam", 0, 4), resolution=200)',
           boundaries=("e_s = 1/3", "lam = 4/3 - 4*e_s/3"),
           regions=("mixed: Revise-Restrain x Soft-Bandwagon", "Revise / Bandwagon (unique)",
                    "Revise / Soft (unique)")),
    Figure("how-to/phase-diagrams.md", "phase-strip-theta.png",
           'sbgames.regions(core, x=("theta", 0, 20), fixed={"lam": "1/2"}, resolution=200)',
           boundaries=("theta = 4", "theta = 25/2"),
           regions=("Revise / Soft (unique)", "mixed: Revise-Restrain x Hard-Soft",
                    "Revise / Bandwagon (unique)")),
    Figure("explanation/phase-diagram.md", "phase-core-default.png",
           'sbgames.regions(core, x=("theta", 0, 30), y=("lam", 0, 4), resolution=200)',
           boundaries=("lam = 2/3", "theta = 4", "theta = 25/2"),
           regions=("mixed: Revise-Restrain x Soft-Bandwagon", "Revise / Bandwagon (unique)",
                    "mixed: Revise-Restrain x Hard-Soft", "Revise / Soft (unique)")),
    Figure("explanation/phase-diagram.md", "phase-theta-w.png",
           'sbgames.regions(core, x=("theta", 0, 30), y=("w", 0, 6), fixed={"lam": "1/2"}, resolution=200)',
           boundaries=("theta = 4", "w = 7/5", "w = 2*theta/5 - 2"),
           regions=("mixed: Revise-Restrain x Hard-Soft", "Revise / Soft (unique)", "Revise / Hard (unique)",
                    "Revise / Bandwagon (unique)")),
    Figure("explanation/phase-diagram.md", "phase-cs-theta.png",
           'sbgames.regions(core, x=("c_s", "1/10", "29/10"), y=("theta", 0, 30), fixed={"lam": "1/2"},\n'
           '...                           resolution=200)',
           boundaries=("theta = 70/9", "theta = 10*(4*c_s - 3)/(3*(3*c_s - 5))", "theta = 15 - 5*c_s/2",
                       "theta = 2*c_s + 2"),
           regions=("mixed: Revise-Restrain x Hard-Soft", "mixed: Revise-Restrain x Hard-Bandwagon",
                    "Revise / Soft (unique)", "Revise / Bandwagon (unique)")),
    Figure("explanation/restraint-through-delegitimation.md", "sequential-restraint.png",
           'sbgames.regions(sbgames.load_model("core_sequential"), x=("l", 0, 6), y=("lam", 0, 4))',
           boundaries=("lam = 2/l",),
           regions=("Restrain -> Bandwagon (unique)", "Revise -> Soft (unique)")),
    # the region figures of the calibrated cases (docs/cases/): five-player maps are solved point by point,
    # for pure equilibria only (the complete solver would take minutes a point), and their labels say so
    Figure("cases/iraq_2003.md", "case-iraq_2003.png",
           'sbgames.regions(sbgames.load_model("iraq_2003"), x=("e_s", "1/5", "3/5"), y=("theta", "9/2", "25/2"), '
           'resolution=25)',
           regions=pure_only("Revise / Soft / Soft / Soft / Soft",
                             "Revise / Bandwagon / Bandwagon / Bandwagon / Bandwagon")),
    Figure("cases/league_1930s.md", "case-league_1930s.png",
           'sbgames.regions(sbgames.load_model("league_1930s"), x=("e_s", 0, "2/5"), y=("theta", 0, 24), resolution=200)',
           boundaries=("theta = 75/7", "theta = -65/(10*e_s - 7)", "theta = 1/e_s"),
           regions=("Revise / Hard (unique)", "Revise / Soft (unique)", "Revise / Bandwagon (unique)")),
    Figure("cases/latin_america_1898_1936.md", "case-latin_america_1898_1936.png",
           'sbgames.regions(sbgames.load_model("latin_america_1898_1936"), x=("l", 2, 8), y=("lam", 0, 2), '
           'resolution=200)',
           boundaries=("lam = 3/(l - 2)",),
           regions=("Revise / Soft (unique)", "mixed: Revise-Restrain x Soft-Bandwagon")),
    Figure("cases/concert_of_europe.md", "case-concert_of_europe.png",
           'sbgames.regions(sbgames.load_model("concert_of_europe"), x=("theta", 0, 8), y=("lam", 0, 4), resolution=200)',
           boundaries=("lam = 8/15", "theta = 5/3"),
           regions=("Restrain -> Bandwagon (unique)", "Revise -> Bandwagon (unique)", "Revise -> Soft (unique)")),
    Figure("cases/eu_governance.md", "case-eu_governance.png",
           'sbgames.regions(sbgames.load_model("eu_governance"), x=("theta", 0, 6), y=("c_s", "1/20", "19/20"), '
           'resolution=200)',
           boundaries=("c_s = theta/2 - 1/2",),
           regions=("mixed: Revise-Restrain x Soft-Bandwagon", "Revise / Bandwagon (unique)")),
    Figure("cases/indo_pacific.md", "case-indo_pacific.png",
           'sbgames.regions(sbgames.load_model("indo_pacific"), x=("e_s", "13/50", "1/2"), y=("theta", "81/10", 14), '
           'resolution=25)',
           regions=pure_only("Revise / Soft / Soft / Soft / Soft",
                             "Revise / Soft / Soft / Soft / Bandwagon",
                             "Revise / Soft / Soft / Bandwagon / Bandwagon",
                             "Revise / Bandwagon / Bandwagon / Bandwagon / Bandwagon")),
    Figure("cases/central_asia.md", "case-central_asia.png",
           'sbgames.regions(sbgames.load_model("central_asia"), x=("g", "7/2", 9), y=("r", 0, "7/5"), resolution=25)',
           regions=pure_only("Expand / Expand / Soft / Soft / Soft",
                             "multiple: Expand / Restrain / Soft / Soft / Soft; Restrain / Expand / Soft / Soft / Soft")),
    Figure("cases/brics.md", "case-brics.png",
           'sbgames.regions(sbgames.load_model("brics"), x=("e_s", "1/5", "1/2"), y=("theta", "91/10", 16), '
           'resolution=25)',
           regions=pure_only("Revise / Soft / Soft / Soft / Soft",
                             "Revise / Soft / Soft / Bandwagon / Soft",
                             "Revise / Soft / Soft / Bandwagon / Bandwagon",
                             "Revise / Bandwagon / Bandwagon / Bandwagon / Bandwagon")),
    Figure("cases/philippines_duterte.md", "case-philippines_duterte.png",
           'sbgames.regions(sbgames.load_model("philippines_duterte"), x=("theta", 0, 18), y=("b", 0, 3), '
           'resolution=200)',
           boundaries=("b = theta/5 - 1",),
           regions=("Revise / Bandwagon (unique)", "Revise / Soft (unique)")),
    Figure("cases/turkey_eu_nato.md", "case-turkey_eu_nato.png",
           'sbgames.regions(sbgames.load_model("turkey_eu_nato"), x=("theta", 0, 10), y=("b", 0, 2), resolution=200)',
           boundaries=("b = theta/4 - 1/4",),
           regions=("Revise / Bandwagon (unique)", "Revise / Soft (unique)")),
    # issue 16: which instrument, portfolios, retaliation and public goods
    Figure("explanation/instrument-choice.md", "instruments-theta-lam.png",
           'sbgames.regions(sbgames.load_model("instruments"), x=("theta", 0, 20), y=("lam", 0, 3), resolution=200)',
           boundaries=("lam = 4/5", "theta = 15/4", "theta = 5", "theta = 15"),
           regions=("mixed: Revise-Restrain x Institutions-Bandwagon", "Revise / Bandwagon (unique)",
                    "Revise / Alignment (unique)", "mixed: Revise-Restrain x Hard-Alignment",
                    "Revise / Institutions (unique)")),
    Figure("explanation/instrument-choice.md", "instruments-theta-csanc.png",
           'sbgames.regions(sbgames.load_model("instruments"), x=("theta", 0, 20), y=("c_sanc", 0, "29/10"), '
           'fixed={"lam": "1/5"}, resolution=200)',
           boundaries=("c_sanc = (theta - 15)/(theta - 10)", "c_sanc = 3/2 - theta/10", "c_sanc = theta/10 + 1/2",
                       "c_sanc = theta/2 - 1", "theta = 15/4", "theta = 5", "theta = 15"),
           regions=("Revise / Alignment (unique)", "mixed: Revise-Restrain x Hard-Alignment",
                    "Revise / Bandwagon (unique)", "Revise / Sanctions (unique)", "Revise / Institutions (unique)",
                    "mixed: Revise-Restrain x Hard-Sanctions", "multiple: Revise / Alignment; Revise / Sanctions")),
    Figure("explanation/retaliation.md", "retaliation-k-theta.png",
           'sbgames.regions(sbgames.load_model("retaliation"), x=("k", 0, 3), y=("theta", 0, 20), '
           'fixed={"lam": "1/2"}, resolution=200)',
           boundaries=("k = 1", "theta = 5", "theta = 10", "theta = 65/4"),
           regions=("Revise -> Soft -> Accept (unique)", "Revise -> Bandwagon (unique)",
                    "Restrain -> Bandwagon (unique)")),
    Figure("explanation/retaliation.md", "retaliation-u-theta.png",
           'sbgames.regions(sbgames.load_model("retaliation"), x=("u", 0, 6), y=("theta", 0, 30), '
           'fixed={"lam": "1/2"}, resolution=200)',
           boundaries=("theta = 15*u/8 + 25/2", "theta = u/2 + 4"),
           regions=("Revise -> Soft -> Accept (unique)", "Restrain -> Bandwagon (unique)",
                    "Revise -> Bandwagon (unique)")),
    Figure("how-to/comparative-statics.md", "statics-lam-probabilities.png",
           'sbgames.statics(core, param=("lam", 0, 5))',
           regime_changes=(0.666667,)),
    Figure("how-to/comparative-statics.md", "statics-lam-payoffs.png",
           'sbgames.statics(core, param=("lam", 0, 5))', plot='plot(quantities="payoffs")',
           regime_changes=(0.666667,)),
    Figure("how-to/comparative-statics.md", "statics-lam-outcomes.png",
           'sbgames.statics(core, param=("lam", 0, 5), fixed={"theta": 8})', plot='plot(quantities="outcomes")',
           regime_changes=(0.666667,)),
]


@pytest.fixture(scope="module")
def core():
    return sbgames.load_model("core")


def _unwrap(text: str) -> str:
    """A label as written on the map, with its line breaks undone (lines may break after a hyphen)."""
    return text.replace("-\n", "-").replace("\n", " ")


def _names_on(ax) -> set:
    """Region names written on the map or listed in its legend."""
    written = {_unwrap(t.get_text()) for t in ax.texts}
    legends = [ax.get_legend(), *ax.figure.legends]
    listed = {_unwrap(t.get_text()) for legend in legends if legend for t in legend.get_texts()}
    return written | listed


def _check_map(fig, rmap, spec):
    ax = fig.axes[0]
    assert [str(b) for b in rmap.boundaries] == list(spec.boundaries)
    assert set(rmap.region_names) == set(spec.regions)
    # every region is named by its outcome, on the map or (when too thin to write on) in the legend
    shown = {outcome_label(name, rmap.model) for name in rmap.region_names}
    named = _names_on(ax)
    # ties on a boundary (regions no wider than its line) are left out, and the legend says so
    assert named <= shown
    if named != shown:
        assert "ties on a boundary" in ax.figure.legends[0].get_title().get_text()
        assert sum(share for name, share in rmap.shares().items()
                   if outcome_label(name, rmap.model) not in named) < 0.01
    # at least one name is written on the map itself
    assert {_unwrap(t.get_text()) for t in ax.texts} & shown
    assert check_figure(fig) == []
    # axes labelled with the parameters' meanings from the model file
    params = rmap.model.parameters
    assert _unwrap(ax.get_xlabel()) == axis_label(rmap.model, rmap.x_name)
    if rmap.y is not None:
        assert _unwrap(ax.get_ylabel()) == axis_label(rmap.model, rmap.y_name)
    # one black line per exact boundary, with something drawn
    assert len(ax.get_lines()) == len(rmap.boundaries)
    for line in ax.get_lines():
        assert line.get_color() == "black"
        xs = line.get_xdata()
        assert len(xs) and not all(x != x for x in xs)  # not all NaN


def _check_statics(fig, sweep, spec, kind):
    ax = fig.axes[0]
    assert [round(c.value, 6) for c in sweep.boundaries] == list(spec.regime_changes)
    assert ax.get_ylabel() == {"probabilities": "equilibrium probability", "payoffs": "expected payoff",
                               "outcomes": "outcome probability"}[kind]
    assert _unwrap(ax.get_xlabel()) == axis_label(sweep.model, sweep.param)
    # the legend: the quantities drawn (one colour each), then the branches drawn (one line style each)
    labels = [_unwrap(t.get_text()) for t in fig.legends[0].get_texts() if t.get_text().strip()]
    branches = [outcome_label(label, sweep.model) for label in dict.fromkeys(sweep.labels)]
    quantity_labels = [label for label in labels if label not in branches]
    assert set(labels) - set(quantity_labels) == set(branches)
    if kind == "outcomes":
        assert all("&" in label for label in quantity_labels) and "Pr(T: Revise & S: Soft)" in quantity_labels
    elif kind == "payoffs":
        assert all(label.startswith("payoff ") for label in quantity_labels)
    else:
        assert "Pr(S: Soft)" in quantity_labels and not any("&" in label for label in quantity_labels)
    assert "T mixes Revise/Restrain; S mixes Soft/Bandwagon" in labels
    # each regime change is marked with its exact value and the axis' symbol
    for change in sweep.boundaries:
        assert f"{symbol(sweep.model, sweep.param)} = {change.exact}" in [t.get_text() for t in ax.texts]
    assert check_figure(fig) == []


@pytest.mark.parametrize("spec", FIGS, ids=[f.png for f in FIGS])
def test_figure(spec, core):
    import matplotlib.pyplot as plt
    page = (DOCS / spec.page).read_text(encoding="utf-8")
    assert spec.call in page, f"{spec.page} no longer makes the call {spec.call!r}"
    assert spec.plot in page
    assert f"](../figures/{spec.png})" in page, f"{spec.page} does not show figures/{spec.png}"
    obj = eval(spec.call.replace("\n...", "\n"), {"sbgames": sbgames, "core": core})  # noqa: S307 (our own text)
    fig = eval(f"obj.{spec.plot}", {"obj": obj})  # noqa: S307
    try:
        if isinstance(obj, RegionMap):
            _check_map(fig, obj, spec)
        else:
            kind = "probabilities" if "quantities" not in spec.plot else spec.plot.split('"')[1]
            _check_statics(fig, obj, spec, kind)
        FIGURES.mkdir(exist_ok=True)
        path = FIGURES / spec.png
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    size = path.stat().st_size
    assert 10_000 < size < 150_000, f"{spec.png}: {size} bytes"
    with open(path, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    width, height = plt.imread(path).shape[1::-1]
    assert width == round(fig.get_figwidth() * DPI) and abs(height - fig.get_figheight() * DPI) <= 1


# The payoff-set figure of the repeated-games page: not a region map or a sweep, so it has its own test.
PAYOFF_SET_PAGE = "how-to/repeated-games.md"
PAYOFF_SET_PNG = "repeated-payoff-set.png"
PAYOFF_SET_CALL = "RepeatedGame(core, delta=0.9).subgame_perfect_payoffs()"
PAYOFF_SET_PLOT = ('plot_payoff_set(ps, profile_labels=[f"{t}, {s}" for t in core.strategies[0] for s in core.strategies[1]],\n'
                   '...                       xlabel="payoff of T", ylabel="payoff of S")')


def test_repeated_payoff_set_figure(core):
    import matplotlib.pyplot as plt
    import numpy as np
    from sbgames.repeated import RepeatedGame, plot_payoff_set
    page = (DOCS / PAYOFF_SET_PAGE).read_text(encoding="utf-8")
    assert f"ps = {PAYOFF_SET_CALL}" in page, f"{PAYOFF_SET_PAGE} no longer makes the call {PAYOFF_SET_CALL!r}"
    assert f"fig = {PAYOFF_SET_PLOT}" in page
    assert f"](../figures/{PAYOFF_SET_PNG})" in page
    names = {"RepeatedGame": RepeatedGame, "plot_payoff_set": plot_payoff_set, "core": core}
    ps = eval(PAYOFF_SET_CALL, names)  # noqa: S307 (our own text)
    # at the defaults and delta = 0.9: restraint with bandwagoning, (0, 0), is a vertex of the set, and
    # T's worst equilibrium payoff is its pure minmax -a = -1 (as the page says)
    assert ps.kind == "polygon" and ps.converged
    assert np.allclose(ps.vertices, [[-1, -4], [3.2, -4], [0, 0], [-0.9, -0.9], [-1, -1.4]], atol=1e-6)
    assert ps.minmax.tolist() == [-1.0, -4.0]
    fig = eval(PAYOFF_SET_PLOT.replace("\n...", "\n"), {**names, "ps": ps})  # noqa: S307
    try:
        ax = fig.axes[0]
        assert sorted(t.get_text() for t in ax.texts) == sorted(
            f"{t}, {s}" for t in core.strategies[0] for s in core.strategies[1])
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("payoff of T", "payoff of S")
        assert "pure SPE payoffs (polygon), δ = 0.9" in [t.get_text() for t in fig.legends[0].get_texts()]
        assert check_figure(fig) == []
        path = FIGURES / PAYOFF_SET_PNG
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    size = path.stat().st_size
    assert 10_000 < size < 150_000, f"{PAYOFF_SET_PNG}: {size} bytes"
    width, height = plt.imread(path).shape[1::-1]
    assert width == round(fig.get_figwidth() * DPI) and abs(height - fig.get_figheight() * DPI) <= 1


# The success-probability figure of the collective-action page: a plain line plot, so it has its own test.
SUCCESS_PAGE = "explanation/collective-action.md"
SUCCESS_PNG = "collective-success.png"
SUCCESS_CALL = "plot_success(ns=range(2, 11), kappas=(1, 2, 3), v=4, c=1)"


def test_collective_success_figure():
    import matplotlib.pyplot as plt
    from sbgames.nplayer import plot_success, success_probabilities
    page = (DOCS / SUCCESS_PAGE).read_text(encoding="utf-8")
    assert f"fig = {SUCCESS_CALL}" in page, f"{SUCCESS_PAGE} no longer makes the call {SUCCESS_CALL!r}"
    assert f"](../figures/{SUCCESS_PNG})" in page
    fig = eval(SUCCESS_CALL, {"plot_success": plot_success})  # noqa: S307 (our own text)
    try:
        ax = fig.axes[0]
        lines = ax.get_lines()
        assert [line.get_label() for line in lines] == ["κ = 1 (veto)", "κ = 2", "κ = 3"]
        # each curve starts above its threshold, and plots the highest-participation equilibrium
        assert [line.get_xdata().tolist()[0] for line in lines] == [2, 3, 4]
        for kappa, line in zip((1, 2, 3), lines):
            for n, y in zip(line.get_xdata().tolist(), line.get_ydata()):
                assert y == success_probabilities(n, kappa, 4, 1, exact=False)[-1].value
        # the veto curve is the volunteer's dilemma 1 - (c/v)^(n/(n-1)), falling in n
        veto = lines[0].get_ydata()
        assert all(abs(y - (1 - 0.25 ** (n / (n - 1)))) < 1e-12 for n, y in zip(range(2, 11), veto))
        assert all(a > b for a, b in zip(veto, veto[1:]))
        assert ax.get_xlabel() == "number of states (n)"
        assert check_figure(fig) == []
        path = FIGURES / SUCCESS_PNG
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    size = path.stat().st_size
    assert 10_000 < size < 150_000, f"{SUCCESS_PNG}: {size} bytes"
    width, height = plt.imread(path).shape[1::-1]
    assert width == round(fig.get_figwidth() * DPI) and abs(height - fig.get_figheight() * DPI) <= 1


def test_every_figure_shown_is_generated():
    """No page links to a figure this file does not regenerate, and no figure is left unused."""
    import re
    shown = set()
    for page in DOCS.rglob("*.md"):
        shown |= set(re.findall(r"\]\((?:\.\./)*figures/([^)]+)\)", page.read_text(encoding="utf-8")))
    assert shown == {f.png for f in FIGS} | {PAYOFF_SET_PNG, SUCCESS_PNG, "repeated-thresholds.png", "phase-interdependence.png",
                                                     "timing-theta-lam.png", "explorer.png",
                                                     "portfolio-theta-lam.png", "private-legitimacy-lam-max.png",
                                                     "legitimacy-paths.png"}
