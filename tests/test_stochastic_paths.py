"""Equilibrium paths of stochastic models (sbgames.stochastic.paths) and the fan chart the docs show.

The explanation page on legitimacy as a stock shows the call that draws
docs/figures/legitimacy-paths.png; this test checks that the page contains
it verbatim and links to the PNG, runs it, checks the figure with the
figure checklist and writes the PNG (dpi 110, as the other figure tests do).
Run ``python -m pytest tests/test_stochastic_paths.py`` after changing the
drawing code and commit the PNG if it changes.
"""

from fractions import Fraction
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sbgames
from sbgames.errors import InputError
from sbgames.figcheck import check_figure
from sbgames.stochastic.paths import simulate, state_paths

matplotlib.use("Agg")

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = "explanation/legitimacy-as-a-stock.md"
PNG = "legitimacy-paths.png"
CALL = 'model.paths(impatient, periods=12).plot()'


@pytest.fixture(scope="module")
def model():
    return sbgames.load_model("legitimacy_stock")


@pytest.fixture(scope="module")
def impatient(model):
    eq, = model.equilibria(exact=True, delta="1/2")
    return eq


@settings(max_examples=20, deadline=None)
@given(st.fractions(0, 1, max_denominator=8), st.fractions(0, Fraction(19, 20), max_denominator=20),
       st.integers(0, 30))
def test_paths_are_exact_distributions_that_end_where_the_long_run_says(p_e, delta, periods):
    model = sbgames.load_model("legitimacy_stock")
    for eq in model.equilibria(exact=True, method="pure", p_e=p_e, delta=delta):
        paths = model.paths(eq, periods)
        assert all(sum(row) == 1 and min(row) >= 0 for row in paths.probabilities)
        assert all(isinstance(p, Fraction) for row in paths.probabilities for p in row)
        if eq.absorption.get(3, (0,))[0] == 1:  # absorbed in Balanced for sure: the path gets there
            assert model.paths(eq, 400).probabilities[-1][3] > 1 - Fraction(1, 10**6)


def test_simulated_shares_approach_the_exact_distribution(impatient):
    runs = simulate(impatient, periods=8, runs=20_000, seed=3)
    exact = state_paths(impatient, periods=8).probabilities
    shares = np.array([[np.mean(runs[:, t] == s) for s in range(4)] for t in range(9)])
    assert np.abs(shares - np.array(exact, dtype=float)).max() < 0.02
    assert (simulate(impatient, periods=8, runs=50, seed=3) == simulate(impatient, periods=8, runs=50, seed=3)).all()


def test_bad_requests_are_refused(impatient):
    with pytest.raises(InputError, match="periods must be from 0 to 10,000"):
        state_paths(impatient, periods=-1)
    with pytest.raises(InputError, match="unknown state 'Nowhere'"):
        state_paths(impatient, periods=3, initial="Nowhere")


@pytest.fixture(scope="module")
def drawn(model, impatient):
    import matplotlib.pyplot as plt
    page = (DOCS / PAGE).read_text(encoding="utf-8")
    assert f"fig = {CALL}" in page, f"{PAGE} no longer shows the call {CALL!r}"
    assert f"](../figures/{PNG})" in page
    fig = eval(CALL, {"model": model, "impatient": impatient})  # noqa: S307 (our text)
    yield fig
    plt.close(fig)


def test_the_fan_chart_passes_the_checklist(drawn):
    assert check_figure(drawn) == []
    legend, = drawn.legends
    assert [t.get_text() for t in legend.get_texts()] == ["High", "Eroded", "Lost", "Balanced"]


def test_write_png(drawn):
    drawn.savefig(DOCS / "figures" / PNG, dpi=110)
    assert (DOCS / "figures" / PNG).stat().st_size > 5_000
