"""Every kind of figure sbgames draws passes the figure checklist (sbgames.figcheck.check_figure).

The checklist: no text outside the canvas, no overlapping texts, no legend
entry without a visible artist, axis labels "description (symbol)" with the
symbol once, no rounded numbers where an exact one exists.  The checker is
tested first on figures made to break each item (so a passing figure means
something), then on one figure of every kind, in every style.
"""

from fractions import Fraction

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames
from sbgames.errors import InputError
from sbgames.figcheck import check_figure
from sbgames.figstyle import PALETTE, STYLES, axis_label, exact_text, symbol, wrap
from sbgames.plot import outcome_label

matplotlib.use("Agg")

CORE = sbgames.load_model("core")


@pytest.fixture
def plt():
    import matplotlib.pyplot as pyplot
    yield pyplot
    pyplot.close("all")


# -- the checker finds each problem ------------------------------------------------------------------

def test_a_clean_figure_passes(plt):
    fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend()
    ax.set_xlabel("threat level ($\\theta$)")
    assert check_figure(fig) == []


def test_text_outside_the_canvas(plt):
    fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
    fig.text(0.9, 0.5, "a label far too long to fit in what is left of the figure")
    assert check_figure(fig) == ["text 'a label far too long to fit in what is left of the figure' "
                                 "runs outside the figure"]


def test_overlapping_texts(plt):
    fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
    ax.text(0.5, 0.5, "first", transform=ax.transAxes)
    ax.text(0.52, 0.5, "second", transform=ax.transAxes)
    ax.text(0.5, 0.1, "apart", transform=ax.transAxes)
    assert check_figure(fig) == ["texts 'first' and 'second' overlap"]


def test_legend_entry_without_an_artist(plt):
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
    ax.imshow([[0, 0], [0, 0]], cmap=ListedColormap(PALETTE[:2]), vmin=-0.5, vmax=1.5)
    ax.plot([0, 1], [np.nan, np.nan], color=PALETTE[4], label="all NaN")
    ax.legend(handles=[Patch(facecolor=PALETTE[0], label="shown"), Patch(facecolor=PALETTE[1], label="no cell"),
                       *ax.get_lines()])
    assert check_figure(fig) == ["legend entry 'no cell' has no visible artist",
                                 "legend entry 'all NaN' has no visible artist"]


@pytest.mark.parametrize("label, ok", [("threat level ($\\theta$)", True), ("threat (theta) ($\\theta$)", False),
                                       ("threat (tau) (tau)", False), ("Pr(S: Soft) (in %)", True),
                                       ("cost ($c_s$)", True)])
def test_axis_label_convention(plt, label, ok):
    fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
    ax.set_xlabel(label)
    assert (check_figure(fig) == []) == ok


def test_rounded_numbers(plt):
    fig, ax = plt.subplots(figsize=(3.5, 2.6), layout="constrained")
    ax.text(0.1, 0.5, "lam = 0.6667", transform=ax.transAxes)
    ax.text(0.1, 0.2, "lam = 2/3 or 0.5", transform=ax.transAxes)
    assert check_figure(fig) == ["text 'lam = 0.6667' shows a rounded number (0.6667): write the exact value"]


# -- labels, symbols, numbers -------------------------------------------------------------------------

def test_axis_labels_name_the_symbol_once():
    assert axis_label(CORE, "theta") == "threat level ($\\theta$)"
    assert axis_label(CORE, "c_s") == "S's cost of soft balancing ($c_s$)"
    inst = sbgames.load_model("instruments")  # no LaTeX given: a symbol made from the name
    assert axis_label(inst, "c_sanc") == "S's cost of economic sanctions ($c_{sanc}$)"
    assert symbol(inst, "lam") == "$\\lambda$" and symbol(inst, "g") == "$g$"
    for model in (CORE, inst, sbgames.load_model("central_asia")):
        for name in model.parameters:
            label = axis_label(model, name)
            assert label.count("$") == 2 and label.count("(") - label.count(")") == 0


@given(st.fractions(min_value=-100, max_value=100, max_denominator=60))
def test_exact_text_gives_back_the_fraction(value):
    assert Fraction(exact_text(float(value))) == value
    assert exact_text(value) == str(value)


def test_exact_text_of_an_irrational_number():
    assert exact_text(2 ** 0.5) == "1.414"


@given(st.text(alphabet="ab $\\", max_size=80), st.integers(8, 40))
def test_wrap_keeps_the_words_and_symbols(text, width):
    wrapped = wrap(text, width)
    assert wrapped.split() == text.split() or not text.strip()


def test_styles():
    assert STYLES["paper"]["size"] == (3.5, 2.6) and STYLES["paper"]["dpi"] == 300
    assert STYLES["print"]["hatch"] and not STYLES["paper"]["hatch"]
    assert "#999999" not in PALETTE  # grey is never a region's colour
    with pytest.raises(InputError, match="style must be one of 'paper', 'print', 'slides', got 'poster'"):
        sbgames.regions(CORE, x=("theta", 0, 10), resolution=5).plot(style="poster")


@pytest.mark.parametrize("label, short", [
    ("mixed: Revise-Restrain x Soft-Bandwagon", "T mixes Revise/Restrain; S mixes Soft/Bandwagon"),
    ("Revise / Soft (unique)", "T Revise; S Soft"),
    ("mixed: Revise-Restrain x Hard", "T mixes Revise/Restrain; S Hard"),
    ("multiple: Revise / Hard; Revise / Soft", "multiple: T Revise; S Hard | T Revise; S Soft"),
    ("Revise / Soft (not complete: some equilibria may be missing)", "T Revise; S Soft (not complete)"),
    ("outside the model's constraints", "outside the model's constraints"),
    ("Restrain -> Bandwagon (unique)", "Restrain -> Bandwagon (unique)"),
])
def test_outcome_labels(label, short):
    assert outcome_label(label, CORE) == short


def test_outcome_labels_group_players_and_keep_hyphenated_names():
    five = "Revise / Soft / Soft / Bandwagon / Soft (pure equilibria only; mixed not searched)"
    assert outcome_label(five, players=("T", "S1", "S2", "S3", "S4")) == \
        "T Revise; S1, S2, S4 Soft; S3 Bandwagon (pure equilibria only)"

    class Hyphens:
        players, strategies = ("A", "B"), (("Go-slow", "Stop"), ("Soft-balance", "Hard"))
    assert outcome_label("mixed: Go-slow-Stop x Soft-balance-Hard", Hyphens()) == \
        "A mixes Go-slow/Stop; B mixes Soft-balance/Hard"


def test_model_labels_override_the_derived_name():
    names = {"mixed: Revise-Restrain x Soft-Bandwagon": "soft balancing restrains T"}
    assert outcome_label("mixed: Revise-Restrain x Soft-Bandwagon", CORE, labels=names) == \
        "soft balancing restrains T"
    assert outcome_label("multiple: Revise / Hard; mixed: Revise-Restrain x Soft-Bandwagon", CORE, labels=names) \
        == "multiple: T Revise; S Hard | soft balancing restrains T"


# -- every kind of figure passes ------------------------------------------------------------------------

def _map():
    return sbgames.regions(CORE, x=("theta", 0, 30), y=("lam", 0, 4), fixed={"w": 0}, resolution=80).plot()


def _strip():
    return sbgames.regions(CORE, x=("theta", 0, 20), fixed={"lam": "1/2"}, resolution=200).plot()


def _statics(kind):
    return lambda: sbgames.statics(CORE, param=("theta", 0, 30), fixed={"w": 0}, resolution=201).plot(
        quantities=kind)


def _four_players():
    with pytest.warns(UserWarning, match="pure equilibria only"):
        rmap = sbgames.regions(sbgames.load_model("brics"), x=("e_s", "1/5", "1/2"), y=("theta", "91/10", 16),
                               resolution=12)
    return rmap.plot(legend=True)


def _tree():
    return sbgames.regions(sbgames.load_model("core_sequential"), x=("l", 0, 6), y=("lam", 0, 4), resolution=60).plot()


def _payoff_set():
    from sbgames.repeated import RepeatedGame, plot_payoff_set
    return plot_payoff_set(RepeatedGame(CORE, delta=0.9).subgame_perfect_payoffs(),
                           profile_labels=[f"{t}, {s}" for t in CORE.strategies[0] for s in CORE.strategies[1]])


def _thresholds():
    from sbgames.repeated import RepeatedGame, plot_critical_discount_factors
    return plot_critical_discount_factors(RepeatedGame(CORE), ("lam", [Fraction(k, 2) for k in (1, 2, 4, 8)]),
                                          ("l_r", [0, 1]))


def _success():
    from sbgames.nplayer import plot_success
    return plot_success(ns=range(2, 9), kappas=(1, 2, 3), v=4, c=1)


def _cutpoint_sweep():
    from sbgames.cutpoint.sweep import plot_sweep
    return plot_sweep(sbgames.load_model("private_legitimacy"), "lam_max", [Fraction(k, 4) for k in range(1, 49)])


def _state_paths():
    model = sbgames.load_model("legitimacy_stock")
    eq, = model.equilibria(exact=True, delta="1/2")
    return model.paths(eq, periods=12).plot()


KINDS = {"state paths (dynamics)": _state_paths, "cut-point sweep": _cutpoint_sweep, "phase diagram": _map, "strip": _strip, "statics probabilities": _statics("probabilities"),
         "statics payoffs": _statics("payoffs"), "statics outcomes": _statics("outcomes"),
         "4-player map": _four_players, "game tree map": _tree, "payoff set": _payoff_set,
         "critical discount factors": _thresholds, "success curves": _success}


@pytest.mark.parametrize("kind", KINDS)
def test_every_figure_kind_passes_the_checklist(kind, plt):
    fig = KINDS[kind]()
    assert check_figure(fig) == []
    # one journal column (two panels: the page), 300 dpi when saved
    assert fig.get_figwidth() == 3.5 * len(fig.axes) and fig.dpi == 300


def test_many_branches_statics_lists_only_what_it_draws(plt):
    sweep = sbgames.statics(CORE, param=("theta", 0, 30), fixed={"w": 0}, resolution=201)
    fig = sweep.plot()
    labels = [t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts() if t.get_text().strip()]
    drawn_branches = {c.label for c in sweep.curves if np.isfinite(np.asarray(c.quantities["Pr(T: Revise)"],
                                                                               dtype=float)).any()}
    assert {outcome_label(b, CORE) for b in drawn_branches} <= set(labels)
    assert len(labels) == len(set(labels))
    assert check_figure(fig) == []
    # regime changes carry the axis' symbol and the exact value
    marks = [t.get_text() for t in fig.axes[0].texts]
    assert marks == ["$\\theta$ = 4", "$\\theta$ = 5"]


@pytest.mark.parametrize("style", ["slides", "print"])
def test_styles_pass_the_checklist(style, plt):
    fig = sbgames.regions(CORE, x=("theta", 0, 30), y=("lam", 0, 4), resolution=60).plot(style=style)
    assert check_figure(fig) == []
    assert fig.get_figwidth() == STYLES[style]["size"][0] and fig.dpi == STYLES[style]["dpi"]
    hatched = [c for c in fig.axes[0].collections if getattr(c, "hatches", None) and any(c.hatches)]
    assert bool(hatched) == STYLES[style]["hatch"]


def test_a_map_drawn_into_given_axes_keeps_their_size(plt):
    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 2.6), layout="constrained")
    rmap = sbgames.regions(CORE, x=("theta", 0, 30), y=("lam", 0, 4), resolution=60)
    assert rmap.plot(ax=left) is fig and rmap.plot(ax=right, boundaries=False) is fig
    assert fig.get_size_inches().tolist() == [7, 2.6]


def test_the_legend_names_only_visible_regions(plt):
    rmap = sbgames.regions(CORE, x=("theta", 0, 30), y=("lam", 0, 4), resolution=60)
    fig = rmap.plot(legend=True)
    listed = [t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts()]
    assert sorted(listed) == sorted(outcome_label(n, CORE) for n in rmap.region_names)
    assert not any(name.startswith("outside") for name in listed)


def test_cli_figure_has_the_python_size(tmp_path, capsys):
    from sbgames.cli import main
    path = tmp_path / "map.png"
    assert main(["regions", "core", "--x", "theta:0:30", "--y", "lam:0:4", "--resolution", "40", "-o", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0.0%" not in out
    import matplotlib.pyplot as pyplot
    assert pyplot.imread(path).shape[1] == 3.5 * 300
    slides = tmp_path / "slides.png"
    assert main(["statics", "core", "--param", "lam:0:5", "--resolution", "41", "--style", "slides",
                 "-o", str(slides)]) == 0
    assert pyplot.imread(slides).shape[1] == 8 * 200


def test_stubs_where_boundaries_cross_are_not_drawn(plt):
    """Each drawn piece of a boundary separates two regions along its whole length."""
    rmap = sbgames.regions(CORE, x=("theta", 0, 30), y=("lam", 0, 4), fixed={"w": 0}, resolution=80)
    fig = rmap.plot()
    for line in fig.axes[0].get_lines():
        xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        drawn = np.isfinite(xs) & np.isfinite(ys)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], drawn.astype(int), [0]])))
        for start, stop in zip(edges[::2], edges[1::2]):
            length = np.hypot(np.diff(xs[start:stop]) / 30 * 79, np.diff(ys[start:stop]) / 4 * 79).sum()
            assert length >= 2.5  # grid cells: no stub


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["Revise", "Restrain"]), min_size=1, max_size=1),
       st.lists(st.sampled_from(["Hard", "Soft", "Bandwagon"]), min_size=1, max_size=3, unique=True))
def test_outcome_label_names_each_player_once(t_support, s_support):
    label = (f"mixed: {'-'.join(t_support)} x {'-'.join(s_support)}" if len(s_support) > 1
             else f"{t_support[0]} / {s_support[0]} (unique)")
    short = outcome_label(label, CORE)
    assert short.count("T ") == 1 and short.count("S ") == 1
    assert all(name in short for name in t_support + s_support)


def test_ties_on_a_boundary_are_not_listed_but_said(plt):
    """A region only as wide as a boundary line (a tie on it) gets no legend entry; the legend says so."""
    full = sbgames.regions(CORE, x=("e_s", 0, 1), y=("lam", 0, 4), resolution=200)
    tie = "multiple: Revise / Soft; mixed: Revise-Restrain x Soft-Bandwagon"
    assert 0 < full.shares()[tie] < 0.002
    fig = full.plot(legend=True)
    listed = [t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts()]
    assert sorted(listed) == sorted(outcome_label(n, CORE) for n in full.region_names if n != tie)
    assert "ties on a boundary" in fig.legends[0].get_title().get_text()
    assert check_figure(fig) == []
    # without boundary lines the tie is drawn like any region, and listed
    fig = full.plot(legend=True, boundaries=False)
    assert outcome_label(tie, CORE) in [t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts()]
