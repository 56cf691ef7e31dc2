"""Regenerate docs/figures/private-legitimacy-lam-max.png and check what it shows.

The explanation page on private legitimacy shows the call that draws the figure; this test checks
that the page contains it verbatim and links to the PNG, runs it, checks the equilibria drawn
against the page's claims, and writes the PNG (dpi 110, as the other figure tests do).  Run

    python -m pytest tests/test_private_legitimacy_figure.py

after changing the plotting code or the call, and commit the PNG if it changes.
"""

from fractions import Fraction
from pathlib import Path

import matplotlib
import pytest

import sbgames
from sbgames.cutpoint.sweep import plot_sweep

matplotlib.use("Agg")

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = "explanation/private-legitimacy.md"
PNG = "private-legitimacy-lam-max.png"
CALL = 'plot_sweep(model, "lam_max", [Fraction(k, 8) for k in range(2, 97)])'


@pytest.fixture(scope="module")
def drawn():
    import matplotlib.pyplot as plt
    page = (DOCS / PAGE).read_text(encoding="utf-8")
    assert f"fig = {CALL}" in page, f"{PAGE} no longer shows the call {CALL!r}"
    assert f"](../figures/{PNG})" in page
    model = sbgames.load_model("private_legitimacy")
    fig = eval(CALL, {"plot_sweep": plot_sweep, "model": model, "Fraction": Fraction})  # noqa: S307 (our text)
    yield fig
    plt.close(fig)


def test_the_regimes_are_as_the_page_says(drawn):
    points = drawn.points
    assert len({p.value for p in points}) == len(points) == 95  # one equilibrium at every value
    for p in points:
        x = p.value
        if x < Fraction(2, 3):      # every type revises against soft balancing
            assert (p.revise_probability, p.soft, p.cutpoint) == (1, 1, Fraction(2, 3))
        elif x <= Fraction(4, 3):   # S soft balances for sure; the types below 2/3 revise
            assert (p.soft, p.cutpoint) == (1, Fraction(2, 3)) and p.revise_probability == Fraction(2, 3) / x
        else:                       # the mixed equilibrium: p = 1/2, c = lam_max/2, q = 8/(4 + 3 lam_max)
            assert (p.revise_probability, p.cutpoint, p.soft) == (Fraction(1, 2), x / 2, 8 / (4 + 3 * x))


def test_write_png(drawn):
    from sbgames.figcheck import check_figure
    assert check_figure(drawn) == []
    drawn.savefig(DOCS / "figures" / PNG, dpi=110)
    assert (DOCS / "figures" / PNG).stat().st_size > 10_000
