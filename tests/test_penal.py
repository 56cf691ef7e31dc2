"""The harshest credible punishment (sbgames.repeated.penal) and issue 15, error 1.

Error 1 of issue 15: with ``l_r > 0`` the core model's mixed stage equilibrium is worth
``-lam l_r Pr(Soft)`` to T, and reverting to it sustains restraint.  The Nash-reversion threshold
is ``g / (e_s g + lam l)`` where (Revise, Soft) is the stage equilibrium and
``(e_s g + lam (l - l_r)) / (e_s g + lam l)`` where the stage equilibrium is mixed.
"""

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import sbgames
from sbgames import Game
from sbgames.errors import InputError
from sbgames.repeated import (RepeatedGame, critical_discount_factors, grim_trigger, lowest_spe_payoffs,
                              minmax_values, nash_reversion_threshold, payoff_set, stick_and_carrot,
                              worst_stage_equilibria)
from sbgames.repeated.simple_profiles import simple_profile_holds

RESTRAINT = ("Restrain", "Bandwagon")
# the Latin America calibration (models/latin_america_1898_1936.toml) at lam = 2
LATIN_AMERICA_LAM_2 = dict(g=4, theta=12, e_s="1/4", e_h="1/2", lam=2, l=4, l_r=2, w=4, c_h=8, c_s=1, b="1/2")

PD = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
# a Prisoner's Dilemma with a mutual-punishment action P: minmax -1 below the stage equilibrium's 0
PUNISHMENT_GAME = Game([[[2, -1, -1], [3, 0, -1], [-1, -1, -2]], [[2, 3, -1], [-1, 0, -1], [-1, -1, -2]]],
                       strategies=[["C", "D", "P"]] * 2)


@pytest.fixture(scope="module")
def core():
    return sbgames.load_model("core")


# -- issue 15, error 1 ------------------------------------------------------------------------------

def test_mixed_stage_equilibrium_at_lam_2_is_unique_and_worth_minus_16_5(core):
    equilibria = core.game(**LATIN_AMERICA_LAM_2).equilibria(exact=True)
    assert equilibria.complete and len(equilibria) == 1
    (eq,) = equilibria
    assert eq.profile() == {"T": {"Revise": Fraction(2, 5), "Restrain": Fraction(3, 5)},
                            "S": {"Soft": Fraction(4, 5), "Bandwagon": Fraction(1, 5)}}
    assert eq.payoffs[0] == Fraction(-16, 5)


def test_reverting_to_the_mixed_equilibrium_sustains_restraint_from_5_9(core):
    result = RepeatedGame(core).critical_discount_factors(**LATIN_AMERICA_LAM_2)
    assert result.target == RESTRAINT
    assert (result.nash_reversion.value, result.nash_reversion.exact) == (Fraction(5, 9), True)
    assert "mixed" in result.nash_reversion.how and "-16/5 to T" in result.nash_reversion.how
    # by hand: revising once gains g = 4, then -16/5 for ever: (1 - d) 4 <= d 16/5 iff d >= 5/9
    d = Fraction(5, 9)
    assert (1 - d) * 4 + d * Fraction(-16, 5) == 0
    # the harshest credible punishment can only do better: here T's minmax value is -4
    assert minmax_values(core.game(**LATIN_AMERICA_LAM_2))[0] == -4
    assert result.harshest.bracket[0] == Fraction(1, 2) <= result.harshest.value <= Fraction(5, 9)


def _nash_reversion_formula(point):
    """The issue's closed forms, with the region read off the stage game by hand (facts 2 and 3)."""
    g, e_s, lam, l, l_r = (point[k] for k in ("g", "e_s", "lam", "l", "l_r"))
    if (1 - e_s) * g - lam * l >= -lam * l_r:                 # (Revise, Soft) is a stage equilibrium
        value = g / (e_s * g + lam * l)
    else:                                                    # the mixed stage equilibrium of fact 3
        value = (e_s * g + lam * (l - l_r)) / (e_s * g + lam * l)
    return value if value < 1 else None


@pytest.mark.parametrize("base", [{}, LATIN_AMERICA_LAM_2], ids=["core defaults", "Latin America"])
def test_nash_reversion_threshold_matches_the_closed_forms(core, base):
    lams = [Fraction(k, 4) for k in range(1, 17)]
    for l_r in (0, 1, 2):
        thresholds = []
        for lam in lams:
            values = {**base, "lam": lam, "l_r": l_r}
            point = {k: Fraction(v) for k, v in core.values(**values).items()}
            got = nash_reversion_threshold(core.game(**values), RESTRAINT)
            assert got.exact and got.value == _nash_reversion_formula(point), (values, got)
            thresholds.append(got.value)
        # delta* does not rise with lam (once it is below 1)
        finite = [t for t in thresholds if t is not None]
        assert finite == sorted(finite, reverse=True)


def test_the_two_closed_forms_meet_at_the_region_boundary(core):
    g, e_s, lam, l, l_r = (core.symbols[k] for k in ("g", "e_s", "lam", "l", "l_r"))
    pure = g / (e_s * g + lam * l)
    mixed = (e_s * g + lam * (l - l_r)) / (e_s * g + lam * l)
    boundary = sympy.solve(sympy.Eq((1 - e_s) * g - lam * l, -lam * l_r), l)[0]
    assert sympy.simplify((pure - mixed).subs(l, boundary)) == 0
    assert sympy.simplify(sympy.diff(mixed, lam) + e_s * g * l_r / (e_s * g + lam * l) ** 2) == 0   # so it falls in lam


def test_grim_trigger_to_revise_soft_agrees_where_it_is_a_stage_equilibrium(core):
    rg = RepeatedGame(core)
    restraint = [grim_trigger("Restrain", "Revise"), grim_trigger("Bandwagon", "Soft")]
    for values in ({"l": "1/2"}, {"l": 2, "l_r": 1, "lam": "3/2"}, {"l": 2, "l_r": 1, "lam": 2}):
        verdict = RepeatedGame(core.game(**values)).is_subgame_perfect(restraint)
        assert verdict.threshold == rg.critical_discount_factors(**values).nash_reversion.value


# -- lowest subgame-perfect payoffs -----------------------------------------------------------------

@pytest.mark.parametrize("delta", [0.1, 0.5, 0.9])
def test_prisoners_dilemma_lowest_payoff_is_the_minmax_for_every_delta(delta):
    low = lowest_spe_payoffs(PD, delta)
    assert [(p.value, p.exact) for p in low] == [(1, True), (1, True)]
    assert "(for every delta)" in low[0].how
    # the payoff set agrees
    assert np.allclose(payoff_set(*PD.as_float().payoff_arrays, delta).vertices.min(axis=0), [1, 1])


def test_prisoners_dilemma_thresholds_coincide():
    result = critical_discount_factors(PD, ("C", "C"))
    assert result.nash_reversion.value == result.harshest.value == Fraction(1, 2)
    assert result.harshest.exact


def test_minmax_and_worst_equilibria():
    assert minmax_values(PUNISHMENT_GAME) == (-1, -1)
    assert [eq.payoffs for eq in worst_stage_equilibria(PUNISHMENT_GAME)] == [(0, 0), (0, 0)]
    # matching pennies: the mixed minmax (0) is below the pure one (1)
    pennies = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    assert minmax_values(pennies) == (0, 0)
    assert payoff_set([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], 0.5).minmax.tolist() == [1, 1]


def test_optimal_penal_codes_beat_nash_reversion():
    result = critical_discount_factors(PUNISHMENT_GAME, ("C", "C"))
    assert (result.nash_reversion.value, result.harshest.value) == (Fraction(1, 3), Fraction(1, 4))
    assert result.harshest.exact and "(P, P)" in result.harshest.how
    # by hand: punishment value 4 d - 2 >= -1 and (4 d - 1)(d - 1) <= 0: d >= 1/4
    assert stick_and_carrot(PUNISHMENT_GAME, ("C", "C"), [("P", "P")] * 2) == sympy.Interval.Ropen(
        sympy.Rational(1, 4), 1)
    # the payoff set: (C, C) for ever, worth (2, 2), is an SPE payoff from 1/4 on and not before, while
    # grim trigger (Nash reversion) needs 1/3
    A, B = PUNISHMENT_GAME.as_float().payoff_arrays
    assert [payoff_set(A, B, d).contains([2, 2]) for d in (0.24, 0.26, 0.3)] == [False, True, True]
    assert not RepeatedGame(PUNISHMENT_GAME, delta="3/10").is_subgame_perfect([grim_trigger("C", "D")] * 2)
    # and its minimum is the minmax value from 1/4 on, the stage equilibrium's 0 at 0.2
    assert [round(p.value, 6) for p in lowest_spe_payoffs(PUNISHMENT_GAME, 0.26)] == [-1, -1]
    assert [round(p.value, 6) for p in lowest_spe_payoffs(PUNISHMENT_GAME, 0.2)] == [0, 0]


def test_core_thresholds_on_a_grid(core):
    """Harshest never above Nash reversion, never below the minmax bound; exact values by hand."""
    rg = RepeatedGame(core)
    expected_exact = {(1, 3): Fraction(4, 7), (2, 2): Fraction(1, 2), (0, Fraction(1, 2)): Fraction(4, 5)}
    for l_r in (0, 1, 2):
        for lam in (Fraction(1, 2), 2, 3):
            result = rg.critical_discount_factors(lam=lam, l_r=l_r)
            h, nr = result.harshest, result.nash_reversion
            lower, upper = h.bracket
            assert h.value is not None and lower <= h.value + 1e-9
            if nr.value is not None:
                assert h.value <= nr.value + 1e-6
            if upper is not None:
                assert h.value <= upper + 1e-6
            # T's minmax here is -max(a, lam l_r) = -max(1, lam l_r), so the bound is g / (g + max(1, lam l_r))
            assert lower == Fraction(4) / (4 + max(1, lam * l_r))
            if (l_r, lam) in expected_exact:
                assert h.exact and h.value == expected_exact[(l_r, lam)], (l_r, lam, h)


def test_numeric_thresholds_say_so(core):
    result = RepeatedGame(core).critical_discount_factors(lam=1, l_r=2)
    h = result.harshest
    assert not h.exact and isinstance(h.value, float) and "bisection" in h.how
    assert h.bracket == (Fraction(52, 73), Fraction(4, 5))
    assert "numeric" in str(h)


# -- the simple-profile screen agrees with the general verdicts -------------------------------------

PROFILES = [(a, b) for a in range(3) for b in range(3)]


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(PROFILES), st.sampled_from(PROFILES), st.sampled_from([1, None]),
       st.sampled_from([1, None]), st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20)))
def test_rational_screen_agrees_with_the_automaton_verdict(s1, s2, n1, n2, delta):
    A, B = PUNISHMENT_GAME.payoff_arrays
    name = [("C", "D", "P")[a] for a in s1], [("C", "D", "P")[a] for a in s2]
    region = stick_and_carrot(PUNISHMENT_GAME, ("C", "C"), name, (n1, n2))
    screen = simple_profile_holds(A, B, (0, 0), (s1, s2), (n1, n2), delta)
    assert screen == bool(region.contains(sympy.Rational(delta.numerator, delta.denominator)))


payoffs = st.integers(min_value=-3, max_value=3)


@settings(max_examples=12, deadline=None)
@given(st.lists(payoffs, min_size=4, max_size=4), st.lists(payoffs, min_size=4, max_size=4))
def test_lowest_payoffs_lie_between_minmax_and_worst_equilibrium(a, b):
    game = Game([[a[:2], a[2:]], [b[:2], b[2:]]])
    for p in lowest_spe_payoffs(game, 0.7):
        assert p.minmax <= p.nash
        assert p.minmax - 1e-6 <= p.value <= p.nash + 1e-9
        assert p.exact == (p.minmax == p.nash)


@settings(max_examples=10, deadline=None)
@given(st.lists(payoffs, min_size=4, max_size=4), st.lists(payoffs, min_size=4, max_size=4),
       st.sampled_from([(0, 0), (0, 1), (1, 0), (1, 1)]))
def test_harshest_never_needs_more_patience_than_nash_reversion(a, b, target):
    game = Game([[a[:2], a[2:]], [b[:2], b[2:]]])
    result = critical_discount_factors(game, tuple(game.strategies[i][k] for i, k in enumerate(target)))
    lower = result.harshest.bracket[0]
    if result.nash_reversion.value is not None:
        assert result.harshest.value is not None
        assert result.harshest.value <= result.nash_reversion.value + 1e-6
    if lower is not None and result.harshest.value is not None:
        assert result.harshest.value >= lower - 1e-9


# -- errors ----------------------------------------------------------------------------------------

def test_errors(core):
    with pytest.raises(InputError, match="give delta"):
        lowest_spe_payoffs(PUNISHMENT_GAME)
    with pytest.raises(InputError, match="free parameters"):
        lowest_spe_payoffs(core.symbolic_game())
    with pytest.raises(InputError, match="2-player"):
        minmax_values(Game([np.zeros((2, 2, 2))] * 3))
    with pytest.raises(InputError, match="one strategy per player"):
        critical_discount_factors(PD, ("C",))
    with pytest.raises(InputError, match="length"):
        stick_and_carrot(PD, ("C", "C"), [("D", "D")] * 2, lengths=(2, 1))
    with pytest.raises(InputError, match="target profile"):
        RepeatedGame(PD).critical_discount_factors()


def test_restraint_page_no_longer_says_the_mixed_equilibrium_never_helps():
    """Issue 15, error 1: the old page said reversion to the mixed equilibrium does not help, for any l_r."""
    from pathlib import Path
    page = (Path(__file__).resolve().parent.parent / "docs" / "explanation" / "repeated-restraint.md").read_text(
        encoding="utf-8")
    assert "Nor does reversion to the stage game's mixed equilibrium help" not in page
    assert "Reversion to the mixed equilibrium helps only when `l_r > 0`" in page
    assert "`delta >= (e_s g + lam (l - l_r)) / (e_s g + lam l)`" in page


def test_target_no_credible_punishment_sustains():
    """Player 1 gains 1 by deviating from (s2, s3), worth 2 to it; every pure SPE gives it at least its pure
    minmax 3 and the stage equilibrium 13/6, so no punishment searched sustains the target, though the
    mixed minmax bound (8/15) does not rule it out: numeric, with the exact bracket left open."""
    game = Game([[[3, -2, 3], [0, 3, 2]], [[3, -1, 0], [-2, 1, 1]]])
    result = critical_discount_factors(game, ("s2", "s3"))
    assert result.nash_reversion.value is None
    h = result.harshest
    assert h.value is None and not h.exact and h.bracket == (Fraction(8, 15), None)
    assert "not sustained at delta = 0.99" in h.how


def test_no_deviation_pays():
    game = Game([[[-2, 0, 2], [-3, -3, 3]], [[1, -3, -1], [1, -3, 1]]])
    result = critical_discount_factors(game, ("s1", "s1"))
    assert result.nash_reversion.value == result.harshest.value == 0
    assert result.nash_reversion.how == "no deviation pays"
