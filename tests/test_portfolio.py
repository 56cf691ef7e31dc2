"""Instrument portfolios (issue 16, item 2): models/instrument_portfolio.toml, its combination rule, the
closed forms of docs/explanation/instrument-portfolios.md against the exact solver, and the page's figure.

The page's own functions (`mixed`, `closed_form_equilibria`) are run here, not copies of them.
"""

import itertools
from fractions import Fraction

import matplotlib
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames
from sbgames.plot import outcome_label
from page_examples import blocks, run
from test_docs_figures import DOCS, DPI, FIGURES, _names_on

matplotlib.use("Agg")

PAGE = DOCS / "explanation" / "instrument-portfolios.md"
PNG = "portfolio-theta-lam.png"
KEYS = {"Inst": "inst", "Align": "align", "Sanc": "sanc", "Deleg": "deleg"}


@pytest.fixture(scope="module")
def port():
    return sbgames.load_model("instrument_portfolio")


@pytest.fixture(scope="module")
def page(port):
    """The page's definitions, up to its `solver` function."""
    return run(PAGE.read_text(encoding="utf-8"), {}, stop="solver")


def test_eighteen_strategies(port):
    names = port.strategies[1]
    subsets = {frozenset(n.split("+")) for n in names if n not in ("Hard", "Neutral", "Bandwagon")}
    assert len(names) == len(set(names)) == 18
    assert subsets == {frozenset(c) for r in range(1, 5) for c in itertools.combinations(KEYS, r)}


def test_payoffs_follow_the_combination_rule(port):
    s, game = port.symbols, port.symbolic_game()
    for name in port.strategies[1]:
        if name in ("Hard", "Neutral", "Bandwagon"):
            continue
        ks = [KEYS[k] for k in name.split("+")]
        through = (1 - s["x"]) ** (len(ks) - 1) * sympy.prod([1 - s[f"e_{k}"] for k in ks])
        c, l, lr = (sum(s[f"{p}_{k}"] for k in ks) for p in ("c", "l", "lr"))
        expected = {"Revise": (through * s["g"] - s["lam"] * l, -through * s["theta"] - c),
                    "Restrain": (-s["lam"] * lr, -c)}
        for move, pair in expected.items():
            got = game.payoff((move, name))
            assert all(sympy.expand(a - b) == 0 for a, b in zip(got, pair)), (move, name)
    assert game.payoff(("Revise", "Neutral")) == (s["g"], -s["theta"])
    assert game.payoff(("Restrain", "Neutral")) == (0, 0)


points = st.fixed_dictionaries({
    "theta": st.fractions(0, 20, max_denominator=3), "lam": st.fractions(0, 3, max_denominator=3),
    "x": st.fractions(0, 1, max_denominator=3), "b": st.fractions(Fraction(1, 4), 2, max_denominator=4),
    "c_sanc": st.fractions(Fraction(1, 5), 2, max_denominator=5), "e_deleg": st.fractions(0, 1, max_denominator=5)})


@settings(max_examples=40, deadline=None)
@given(point=points)
def test_closed_forms_match_the_solver(port, page, point):
    """The closed forms list only equilibria; where every equilibrium is isolated they list them all."""
    result = port.equilibria(exact=True, **point)
    solved = {tuple(map(tuple, eq.strategies)) for eq in result}
    closed = page["closed_form_equilibria"](**point)
    assert closed <= solved
    if all(len(component) == 1 for component in result.components):
        assert closed == solved


@settings(max_examples=40, deadline=None)
@given(point=points)
def test_neutral_is_never_played(port, point):
    for eq in port.equilibria(exact=True, **point):
        assert eq.profile()["S"].get("Neutral", 0) == 0


@settings(max_examples=60, deadline=None)
@given(e=st.lists(st.fractions(Fraction(1, 10), Fraction(9, 10), max_denominator=10), min_size=2, max_size=2),
       c=st.lists(st.fractions(Fraction(1, 10), 2, max_denominator=10), min_size=2, max_size=2),
       theta=st.fractions(1, 30, max_denominator=4), b=st.fractions(0, 2, max_denominator=4))
def test_when_a_pair_beats_its_single_instruments(port, e, c, theta, b):
    """Propositions 1 and 2 (x = 0), read off the game's payoffs for institutions and legitimacy denial."""
    point = {"e_inst": e[0], "e_deleg": e[1], "c_inst": c[0], "c_deleg": c[1], "theta": theta, "b": b, "x": 0}
    B = port.game(**point).payoff_arrays[1]
    names = port.strategies[1]
    col = {n: names.index(n) for n in ("Inst", "Deleg", "Inst+Deleg")}
    against_revision = {n: B[0][j] for n, j in col.items()}
    beats_both = all(against_revision["Inst+Deleg"] > against_revision[n] for n in ("Inst", "Deleg"))
    threshold = max(c[1] / (e[1] * (1 - e[0])), c[0] / (e[0] * (1 - e[1])))
    assert beats_both == (theta > threshold)
    # the ratio c_P/(e_P theta - b), from the payoffs: c_P = -S(Rs, P), e_P theta - b = S(Rv, P) - S(Rs, P) + theta - b
    denominators = {n: B[0][j] - B[1][j] + theta - b for n, j in col.items()}
    if denominators["Inst"] > 0 and denominators["Inst+Deleg"] > 0:
        ratio = {n: -B[1][col[n]] / denominators[n] for n in ("Inst", "Inst+Deleg")}
        smaller = ratio["Inst+Deleg"] < ratio["Inst"]
        assert smaller == (theta * (c[1] * e[0] - c[0] * e[1] * (1 - e[0])) < c[1] * b)


def test_page_thresholds(port):
    v = port.values()
    assert max(v["c_deleg"] / (v["e_deleg"] * (1 - v["e_inst"])), v["c_inst"] / (v["e_inst"] * (1 - v["e_deleg"]))) \
        == Fraction(25, 12)
    uses = {theta: [eq.profile()["S"] for eq in port.equilibria(exact=True, theta=theta)]
            for theta in ("62/10", "63/10")}
    assert [set(s) for s in uses["62/10"]] == [{"Inst+Deleg", "Bandwagon"}]
    assert [set(s) for s in uses["63/10"]] == [{"Inst", "Bandwagon"}]


def test_portfolio_figure(port):
    import matplotlib.pyplot as plt
    text = PAGE.read_text(encoding="utf-8")
    assert f"](../figures/{PNG})" in text
    (block,) = [b for b in blocks(text) if "plt.subplots" in b]
    names = run(block, {"sbgames": sbgames, "port": port})
    fig, pmap = names["fig"], names["pmap"]
    try:
        ax = fig.axes[0]
        assert not pmap.boundaries  # solved point by point: no exact boundaries to draw
        # every region named by its outcome, on the map or in the key
        assert _names_on(ax) == {outcome_label(name, pmap.model) for name in pmap.region_names}
        assert ax.get_xlabel().endswith("($\\theta$)") and ax.get_ylabel().endswith("($\\lambda$)")
        path = FIGURES / PNG
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    assert 10_000 < path.stat().st_size < 250_000


def test_the_one_structural_tie_holds_no_equilibrium(port):
    """S ties Neutral and Bandwagon against Restrain for every parameter value, but T gains g > 0 by revising
    against either, so T never restrains while S mixes them (the page's argument)."""
    game = port.symbolic_game()
    for name in ("Neutral", "Bandwagon"):
        assert game.payoff(("Restrain", name))[1] == 0
        assert game.payoff(("Revise", name))[0] - game.payoff(("Restrain", name))[0] == port.symbols["g"]
    assert port.parameters["g"].above == 0


@pytest.mark.parametrize("pair", [("Inst+Deleg", "Bandwagon"), ("Sanc", "Bandwagon")])
def test_sbgames_derives_the_lemmas_closed_forms(port, page, pair):
    """symbolic_branch derives a mixed pair of the 2 x 18 game: the page's lemma formulas, verified at a witness."""
    from sbgames.solvers.symbolic import symbolic_branch
    names = port.strategies[1]
    P, Q = (names.index(n) for n in pair)
    A, B = port.symbolic_game().payoff_arrays
    p, q = page["mixed"](A, B, P, Q)
    branch = symbolic_branch(port, ["Revise", "Restrain"], list(pair))
    assert sympy.simplify(branch.strategies[0][0] - p) == 0
    assert sympy.simplify(branch.strategies[1][P] - q) == 0
    assert branch.witness is not None
    values = {port.symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in branch.witness.items()}
    profile = [[Fraction(str(x.xreplace(values))) for x in vec] for vec in branch.strategies]
    assert port.game(**branch.witness).is_equilibrium(profile)
