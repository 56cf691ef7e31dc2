"""Who moves first (issue 16, item 4): models/core_binding.toml against core and core_sequential.

The three-panel figure of docs/explanation/who-moves-first.md is drawn by running the page's own figure
example (the block that makes ``fig``), so the figure cannot drift from the code the page shows.
"""

from fractions import Fraction

import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames
from sbgames.plot import outcome_label
from page_examples import blocks, run
from test_docs_figures import DOCS, DPI, FIGURES, _names_on

matplotlib.use("Agg")

PAGE = DOCS / "explanation" / "who-moves-first.md"
PNG = "timing-theta-lam.png"


@pytest.fixture(scope="module")
def models():
    return {name: sbgames.load_model(name) for name in ("core", "core_sequential", "core_binding")}


def _paths(model, **values):
    return sorted(spe.actions for spe in model.equilibria(**values))


@settings(max_examples=40, deadline=None)
@given(theta=st.fractions(0, 20, max_denominator=4), lam=st.fractions(0, 4, max_denominator=4),
       l=st.fractions(0, 5, max_denominator=2), c_s=st.fractions(0, Fraction(5, 2), max_denominator=4),
       w=st.fractions(0, 4, max_denominator=2))
def test_binding_proposition(models, theta, lam, l, c_s, w):
    """Where soft balancing deters, S soft balances iff theta > c_s + b, and T restrains."""
    bind = models["core_binding"]
    v = bind.values(theta=theta, lam=lam, l=l, c_s=c_s, w=w)
    deters = v["lam"] * (v["l"] - v["l_r"]) > (1 - v["e_s"]) * v["g"]
    paths = _paths(bind, **v)
    if deters and v["theta"] > v["c_s"] + v["b"]:
        assert paths == [("Soft", "Restrain")]
    elif deters and v["theta"] < v["c_s"] + v["b"]:
        assert paths == [("Bandwagon", "Revise")]
    # soft balancing is on the path and restrains T only where it deters
    if ("Soft", "Restrain") in paths:
        assert v["lam"] * (v["l"] - v["l_r"]) >= (1 - v["e_s"]) * v["g"]


@settings(max_examples=40, deadline=None)
@given(theta=st.fractions(0, 20, max_denominator=4), lam=st.fractions(0, 4, max_denominator=4),
       c_s=st.fractions(Fraction(1, 4), Fraction(5, 2), max_denominator=4))
def test_only_binding_puts_working_soft_balancing_on_the_path(models, theta, lam, c_s):
    values = {"theta": theta, "lam": lam, "c_s": c_s}
    # T first: soft balancing is on the path only after a revision (it never meets restraint)
    assert all(path[:2] != ("Restrain", "Soft") for path in _paths(models["core_sequential"], **values))
    # simultaneous: no equilibrium has T restrain for sure while S soft balances with positive probability
    for eq in models["core"].equilibria(exact=True, **values):
        t, s = eq.profile()["T"], eq.profile()["S"]
        assert not (t.get("Restrain", 0) == 1 and s.get("Soft", 0) > 0)


def test_page_table_rows(models):
    core, seq, bind = models["core"], models["core_sequential"], models["core_binding"]
    assert _paths(bind) == [("Soft", "Restrain")] and _paths(seq) == [("Restrain", "Bandwagon")]
    assert _paths(bind, l="1/2") == [("Hard", "Restrain")] and _paths(seq, l="1/2") == [("Revise", "Soft")]
    assert [eq.describe() for eq in core.equilibria(exact=True, theta=3)] == ["T: Revise; S: Bandwagon"]
    assert _paths(bind, theta=3) == [("Soft", "Restrain")]
    # the threshold of binding is c_s + b = 2, against (c_s + b)/e_s = 4 when S answers a revision
    assert _paths(bind, theta="201/100") == [("Soft", "Restrain")]
    assert _paths(bind, theta="199/100") == [("Bandwagon", "Revise")]
    assert _paths(seq, theta="399/100") == [("Revise", "Bandwagon")]


def test_timing_figure(models):
    import matplotlib.pyplot as plt
    text = PAGE.read_text(encoding="utf-8")
    assert f"](../figures/{PNG})" in text
    names = {"sbgames": sbgames, "core": models["core"], "seq": models["core_sequential"],
             "bind": models["core_binding"]}
    (block,) = [b for b in blocks(text) if "plt.subplots" in b]
    run(block, names)
    fig = names["fig"]
    try:
        axes = fig.axes
        assert [ax.get_title() for ax in axes] == list(names["timings"])
        assert not fig.legends
        # each panel names all its regions in its own key and draws its own exact boundaries
        for ax, rmap in zip(axes, names["maps"].values()):
            assert _names_on(ax) == {outcome_label(name, rmap.model) for name in rmap.region_names}
            assert len(ax.get_lines()) == len(rmap.boundaries)
        path = FIGURES / PNG
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    assert 10_000 < path.stat().st_size < 250_000
