"""Interdependence as one index (issue 15, error 7): models/core_interdependence.toml and its figure.

The figure of docs/explanation/phase-diagram.md is regenerated here from the call the page makes, as
tests/test_docs_figures.py does for the other figures, and the page's claims about the map are checked.
"""

from fractions import Fraction

import matplotlib
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames
from test_docs_figures import DOCS, DPI, FIGURES, Figure, _check_map

matplotlib.use("Agg")

PAGE = "explanation/phase-diagram.md"
SPEC = Figure(PAGE, "phase-interdependence.png",
              'sbgames.regions(inter, x=("k", 0, "1/2"), y=("theta", 0, 30), fixed={"lam": "1/2"}, resolution=200)',
              boundaries=("k = 1/4", "theta = 4", "theta = 10*(-2*k - 5)/(5*k - 4)"),
              regions=("Revise / Soft (unique)", "Revise / Bandwagon (unique)",
                       "mixed: Revise-Restrain x Hard-Soft", "mixed: Revise-Restrain x Soft-Bandwagon"))


@pytest.fixture(scope="module")
def inter():
    return sbgames.load_model("core_interdependence")


def test_interdependence_figure(inter):
    import matplotlib.pyplot as plt
    page = (DOCS / PAGE).read_text(encoding="utf-8")
    assert f"inter_map = {SPEC.call}" in page and "fig = inter_map.plot()" in page
    assert f"](../figures/{SPEC.png})" in page
    rmap = eval(SPEC.call, {"sbgames": sbgames, "inter": inter})  # noqa: S307 (our own text)
    fig = rmap.plot()
    try:
        _check_map(fig, rmap, SPEC)
        path = FIGURES / SPEC.png
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    assert 10_000 < path.stat().st_size < 150_000
    width, height = plt.imread(path).shape[1::-1]
    assert (width, height) == (round(fig.get_figwidth() * DPI), round(fig.get_figheight() * DPI))


def test_the_index_reduces_to_the_core_model_at_k_zero(inter):
    core = sbgames.load_model("core")
    for rho in (0, 1):
        assert inter.game(rho=rho) == core.game()


def test_upper_edge_at_half_and_legitimacy_line(inter):
    # the page: the upper edge reaches theta = 230/11 (rho = 0) or 20 (rho = 1) at k = 1/4
    k = inter.symbols["k"]
    edges = {}
    for rho in (0, 1):
        rmap = sbgames.regions(inter, x=("k", 0, "1/2"), y=("theta", 0, 30), fixed={"rho": rho, "lam": "1/2"},
                               resolution=40)
        (upper,) = [b for b in rmap.boundaries if b.solution.subs(k, 0) == sympy.Rational(25, 2)]  # the core's
        edges[rho] = upper.solution.subs(k, sympy.Rational(1, 4))
    assert edges == {0: sympy.Rational(230, 11), 1: 20}
    # the legitimacy line falls with k: lam = (1 - e_s) g / l = 2/3 - 2k/3, whatever rho
    line = sbgames.regions(inter, x=("k", 0, "1/2"), y=("lam", 0, 4), resolution=40)
    assert [str(b) for b in line.boundaries] == ["lam = 2/3 - 2*k/3"]


@settings(max_examples=20, deadline=None)
@given(k=st.fractions(0, Fraction(1, 2), max_denominator=8), theta=st.sampled_from([5, 6, 8, 10]))
def test_revision_rate_is_invariant_with_rho_one_and_falls_with_rho_zero(inter, k, theta):
    # the inspection-game rate c_s/(e_s theta - b): 1/(theta/2 - 1) for every k when rho = 1,
    # 1/((1 + k) theta/2 - 1) when rho = 0 (at lam = 2 the game has only that equilibrium here)
    def revise(rho):
        (eq,) = inter.equilibria(exact=True, k=k, theta=theta, rho=rho)
        return eq.profile()["T"]["Revise"]
    assert revise(1) == 1 / (Fraction(theta, 2) - 1)
    assert revise(0) == 1 / ((1 + k) * Fraction(theta, 2) - 1)
    assert revise(0) <= revise(1)


@settings(max_examples=20, deadline=None)
@given(k=st.fractions(Fraction(1, 8), Fraction(1, 2), max_denominator=8),
       rho=st.fractions(0, 1, max_denominator=8))
def test_at_the_core_lower_edge_interdependence_favours_soft_balancing_iff_rho_below_one(inter, k, rho):
    # theta = 4 is the core's lower edge: against revision, soft balancing beats bandwagoning there at k > 0
    # exactly when rho < 1, and ties when rho = 1
    game = inter.game(k=k, rho=rho, theta=4)
    soft, bandwagon = game.payoff(("Revise", "Soft"))[1], game.payoff(("Revise", "Bandwagon"))[1]
    assert (soft > bandwagon) == (rho < 1)
    assert (soft == bandwagon) == (rho == 1)
