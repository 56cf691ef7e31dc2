"""Instrument choice (issue 16, item 1): models/instruments.toml, its closed forms and its figure.

The figure of docs/explanation/instrument-choice.md is regenerated, from the call the page makes, by
tests/test_docs_figures.py.
"""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames

INSTRUMENTS = ("Institutions", "Alignment", "Sanctions", "Delegitimation")
SUFFIX = dict(zip(INSTRUMENTS, ("inst", "align", "sanc", "deleg")))


@pytest.fixture(scope="module")
def inst():
    return sbgames.load_model("instruments")


@pytest.fixture(scope="module")
def core():
    return sbgames.load_model("core")


def _core_point(inst, core, values):
    """The instruments model's point with every instrument at the core's soft-balancing values."""
    v = core.values(**values)
    point = {k: v[k] for k in inst.parameters if k in v}
    for k in SUFFIX.values():
        point.update({f"e_{k}": v["e_s"], f"c_{k}": v["c_s"], f"l_{k}": v["l"], f"lr_{k}": v["l_r"]})
    return point


def _merged(inst, point):
    """Equilibria with the four instruments' probabilities added into one Soft probability (a set)."""
    out = set()
    for eq in inst.equilibria(exact=True, **point):
        x, y = eq.strategies
        out.add((tuple(x), (y[0], sum(y[1:5], Fraction(0)), y[5]), tuple(eq.payoffs)))
    return out


def _core_set(core, values):
    return {(tuple(eq.strategies[0]), tuple(eq.strategies[1]), tuple(eq.payoffs))
            for eq in core.equilibria(exact=True, **values)}


@pytest.mark.parametrize("values", [{}, {"l": "1/2"}, {"theta": 20, "w": 0}, {"theta": 3}, {"l": 1}, {"l_r": 2}],
                         ids=str)
def test_identical_instruments_give_the_core_model(inst, core, values):
    point = _core_point(inst, core, values)
    assert _merged(inst, point) == _core_set(core, values)
    # the payoff table is the core's with the Soft column repeated
    game, ref = inst.game(**point), core.game(**values)
    for t in ("Revise", "Restrain"):
        for k in INSTRUMENTS:
            assert game.payoff((t, k)) == ref.payoff((t, "Soft"))
        for s in ("Hard", "Bandwagon"):
            assert game.payoff((t, s)) == ref.payoff((t, s))


def test_identical_instruments_are_one_continuum_with_an_extreme_point_per_instrument(inst, core):
    result = inst.equilibria(exact=True, **_core_point(inst, core, {}))
    assert result.components == ((0, 1, 2, 3),)
    used = [[k for k in INSTRUMENTS if eq.profile()["S"].get(k, 0) > 0] for eq in result]
    assert sorted(map(tuple, used)) == sorted((k,) for k in INSTRUMENTS)
    assert all(eq.profile()["S"][k] == Fraction(1, 2) for eq, (k,) in zip(result, used))


@settings(max_examples=25, deadline=None)
@given(theta=st.fractions(0, 30, max_denominator=4), lam=st.fractions(0, 4, max_denominator=4),
       e_s=st.fractions(0, 1, max_denominator=5), c_s=st.fractions(0, 2, max_denominator=4),
       w=st.fractions(0, 4, max_denominator=2))
def test_identical_instruments_give_the_core_model_anywhere(inst, core, theta, lam, e_s, c_s, w):
    values = {"theta": theta, "lam": lam, "e_s": e_s, "c_s": c_s, "w": w}
    assert _merged(inst, _core_point(inst, core, values)) == _core_set(core, values)


def test_pairwise_rule_is_the_payoff_difference(inst):
    game = inst.symbolic_game()
    theta = inst.symbols["theta"]
    for k in INSTRUMENTS:
        for j in INSTRUMENTS:
            e_k, c_k, e_j, c_j = (inst.symbols[f"{p}_{SUFFIX[n]}"] for n, p in ((k, "e"), (k, "c"), (j, "e"), (j, "c")))
            diff = game.payoff(("Revise", k))[1] - game.payoff(("Revise", j))[1]
            assert sympy.expand(diff - ((e_k - e_j) * theta - (c_k - c_j))) == 0


@settings(max_examples=40, deadline=None)
@given(e=st.lists(st.fractions(0, 1, max_denominator=10), min_size=4, max_size=4),
       c=st.lists(st.fractions(0, 2, max_denominator=8), min_size=4, max_size=4),
       theta=st.fractions(0, 20, max_denominator=4))
def test_best_instrument_against_revision_maximises_net_blocked_loss(inst, e, c, theta):
    point = {"theta": theta, **{f"e_{SUFFIX[k]}": x for k, x in zip(INSTRUMENTS, e)},
             **{f"c_{SUFFIX[k]}": x for k, x in zip(INSTRUMENTS, c)}}
    game = inst.game(**point)
    replies = set(game.best_responses(["Revise", "Hard"], "S")) & set(INSTRUMENTS)
    net = {k: e_k * theta - c_k for k, e_k, c_k in zip(INSTRUMENTS, e, c)}
    if replies:  # an instrument is a best reply: exactly the instruments of largest net blocked loss
        assert replies == {k for k in INSTRUMENTS if net[k] == max(net.values())}
    for k in INSTRUMENTS:
        for j in INSTRUMENTS:
            gain = game.payoff(("Revise", k))[1] - game.payoff(("Revise", j))[1]
            ek, ej, ck, cj = (point[f"{p}_{SUFFIX[n]}"] for n, p in ((k, "e"), (j, "e"), (k, "c"), (j, "c")))
            assert (gain > 0) == ((ek - ej) * theta > ck - cj)


@settings(max_examples=30, deadline=None)
@given(theta=st.fractions(4, 20, max_denominator=4), lam=st.fractions(1, 4, max_denominator=4),
       c=st.lists(st.fractions(Fraction(1, 10), 2, max_denominator=10), min_size=4, max_size=4))
def test_inspection_game_uses_the_instrument_of_smallest_ratio(inst, theta, lam, c):
    """Proposition 2: in every inspection-game equilibrium with k and Bandwagon, k minimises c/(e theta - b)."""
    point = {"theta": theta, "lam": lam, **{f"c_{SUFFIX[k]}": x for k, x in zip(INSTRUMENTS, c)}}
    v = inst.values(**point)
    for eq in inst.equilibria(exact=True, **point):
        x, y = eq.profile()["T"], eq.profile()["S"]
        used = [k for k in INSTRUMENTS if y.get(k, 0) > 0]
        if not (0 < x.get("Revise", 0) < 1 and len(used) == 1 and y.get("Bandwagon", 0) > 0):
            continue
        (k,) = used
        ratio = {j: v[f"c_{SUFFIX[j]}"] / (v[f"e_{SUFFIX[j]}"] * v["theta"] - v["b"])
                 for j in INSTRUMENTS if v[f"e_{SUFFIX[j]}"] * v["theta"] > v["b"]}
        assert ratio[k] == min(ratio.values())
        assert x["Revise"] == ratio[k]
        lk, lrk, ek = (v[f"{p}_{SUFFIX[k]}"] for p in ("l", "lr", "e"))
        assert y[k] == v["g"] / (ek * v["g"] + v["lam"] * (lk - lrk))


def test_legitimacy_switches_the_instrument(inst):
    # the page: below lam = 4/5 alignment against revision, above it institutions in the inspection game
    assert [eq.describe() for eq in inst.equilibria(exact=True, lam="1/5")] == ["T: Revise; S: Alignment"]
    assert [eq.describe() for eq in inst.equilibria(exact=True)] == [
        "T: 5/14 Revise + 9/14 Restrain; S: 10/19 Institutions + 9/19 Bandwagon"]
    v = inst.values()
    stops_paying = {k: (1 - v[f"e_{k}"]) * v["g"] / (v[f"l_{k}"] - v[f"lr_{k}"]) for k in SUFFIX.values()}
    assert stops_paying == {"inst": Fraction(4, 5), "align": Fraction(4, 5), "sanc": 2, "deleg": Fraction(16, 25)}


def test_closed_forms_are_complete(inst):
    result = inst.symbolic_equilibria()
    assert result.complete and not result.degenerate_supports
    mixed = result.branch(("Revise", "Restrain"), ("Institutions", "Bandwagon"))
    assert mixed.holds_at(**inst.values())
    assert [b.label for b in result.at(**inst.values())] == ["mixed: Revise-Restrain x Institutions-Bandwagon"]

