"""Regenerate docs/figures/repeated-thresholds.png and check what it shows.

The explanation page on repeated restraint shows the call that draws the figure (not run by the
page's own doctest, to keep that cheap); this test checks that the page contains it verbatim and
links to the PNG, runs it, checks the thresholds drawn against the page's claims, and writes the
PNG (dpi 110, as tests/test_docs_figures.py does for the other figures).  Run

    python -m pytest tests/test_penal_figure.py

after changing the plotting code or the call, and commit the PNG if it changes.
"""

from fractions import Fraction
from pathlib import Path

import matplotlib
import pytest

import sbgames
from sbgames.figcheck import check_figure
from sbgames.repeated import RepeatedGame, plot_critical_discount_factors

matplotlib.use("Agg")

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = "explanation/repeated-restraint.md"
PNG = "repeated-thresholds.png"
CALL = ('plot_critical_discount_factors(RepeatedGame(core), ("lam", [Fraction(k, 2) for k in (1, 2, 3, 4, 5, 6, 8)]), '
        '("l_r", [0, 1, 2]))')
DPI = 110
G, A = 4, 1   # the core defaults g and a


@pytest.fixture(scope="module")
def drawn():
    import matplotlib.pyplot as plt
    page = (DOCS / PAGE).read_text(encoding="utf-8")
    assert f"fig = {CALL}" in page, f"{PAGE} no longer shows the call {CALL!r}"
    assert f"](../figures/{PNG})" in page
    core = sbgames.load_model("core")
    fig = eval(CALL, {"plot_critical_discount_factors": plot_critical_discount_factors,  # noqa: S307 (our text)
                      "RepeatedGame": RepeatedGame, "core": core, "Fraction": Fraction})
    yield fig
    plt.close(fig)


def test_thresholds_are_as_the_page_says(drawn):
    results = drawn.thresholds
    lams = [Fraction(k, 2) for k in (1, 2, 3, 4, 5, 6, 8)]
    assert set(results) == {(l_r, lam) for l_r in (0, 1, 2) for lam in lams}
    exceptions = {(2, Fraction(1)), (2, Fraction(3, 2))}
    for (l_r, lam), result in results.items():
        nr, h = result.nash_reversion, result.harshest
        assert result.target == ("Restrain", "Bandwagon")
        if l_r == 0:
            assert nr.value is None                       # no Nash reversion sustains restraint
        assert h.value is not None
        if nr.value is not None:
            assert h.value <= nr.value + 1e-6
        bound = Fraction(G) / (G + max(A, lam * l_r))
        if (l_r, lam) in exceptions:                      # only mixing hard and soft would reach the bound
            assert not h.exact and abs(h.value - nr.value) < 1e-5 and h.bracket[0] < nr.value
        else:
            assert h.bracket[0] == bound and abs(h.value - bound) < 1e-6, (l_r, lam, h)
            if not h.exact:
                assert "minmax bound" in h.how
    # Nash reversion falls with lam wherever it is below 1
    for l_r in (1, 2):
        finite = [results[(l_r, lam)].nash_reversion.value for lam in lams]
        finite = [t for t in finite if t is not None]
        assert finite and finite == sorted(finite, reverse=True)
    # the numbers quoted at lam = 4
    assert (results[(1, 4)].nash_reversion.value, results[(1, 4)].harshest.value) == (Fraction(5, 7), 0.5)
    assert results[(2, 4)].nash_reversion.value == Fraction(3, 7)
    assert abs(results[(2, 4)].harshest.value - 1 / 3) < 1e-6
    # some exact, some numeric
    assert {r.harshest.exact for r in results.values()} == {True, False}


def test_drawing_matches_the_results_and_is_saved(drawn):
    import matplotlib.pyplot as plt
    ax = drawn.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    # no Nash-reversion line for l_r = 0 (no delta < 1 sustains restraint): the legend's title says so
    assert not any(label.startswith("$\\ell_r$ = 0: Nash") for label in labels)
    assert drawn.legends[0].get_title().get_text().replace("\n", " ").endswith("at no $\\delta$ < 1 for $\\ell_r$ = 0")
    for l_r in (0, 1, 2):
        assert f"$\\ell_r$ = {l_r}: harshest credible punishment" in labels
    assert check_figure(drawn) == []
    # one marker per point, filled exactly where the threshold is exact
    markers = [line for line in ax.get_lines() if line.get_marker() == "o" and len(line.get_xdata()) == 1]
    assert len(markers) == len(drawn.thresholds)
    for line, ((l_r, lam), result) in zip(markers, drawn.thresholds.items()):
        assert line.get_xdata()[0] == float(lam)
        assert (line.get_markerfacecolor() != "white") == result.harshest.exact
    path = DOCS / "figures" / PNG
    drawn.savefig(path, dpi=DPI, metadata={"Software": None})
    size = path.stat().st_size
    assert 10_000 < size < 150_000, f"{PNG}: {size} bytes"
    width, height = plt.imread(path).shape[1::-1]
    assert width == round(drawn.get_figwidth() * DPI) and abs(height - drawn.get_figheight() * DPI) <= 1
