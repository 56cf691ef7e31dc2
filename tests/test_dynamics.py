"""Tests of sbgames.dynamics: best-response, replicator dynamics and basins."""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from scipy.integrate import quad
from scipy.optimize import brentq

from sbgames.game import Game
from sbgames import dynamics, nplayer
from sbgames.dynamics import basins, best_response_dynamics, replicator_dynamics

SH = ["Stag", "Hare"]
STAG = Game([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], strategies=[SH, SH])
PD = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
PENNIES = Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], strategies=[["H", "T"], ["H", "T"]])


def threshold_game(benefit=3, cost=1):
    """Three players; the good (worth `benefit` to all) exists if two of three contribute (cost `cost`)."""
    arrays = [np.empty((2, 2, 2), dtype=object) for _ in range(3)]
    for profile in itertools.product(range(2), repeat=3):  # 0 = Contribute, 1 = Not
        good = benefit if sum(s == 0 for s in profile) >= 2 else 0
        for i in range(3):
            arrays[i][profile] = good - (cost if profile[i] == 0 else 0)
    return Game([a.tolist() for a in arrays], players=["A", "B", "C"],
                strategies=[["Contribute", "Not"]] * 3)


THRESHOLD = threshold_game()
THRESHOLD_EQUILIBRIA = {("Contribute", "Contribute", "Not"), ("Contribute", "Not", "Contribute"),
                        ("Not", "Contribute", "Contribute"), ("Not", "Not", "Not")}


def two_population_stag_basin():
    """Area of the (Stag, Stag) basin of the 2-population stag hunt, from its first integral.

    x' = x(1-x)(4y-3), y' = y(1-y)(4x-3) separates: F(x) - F(y) is constant
    along paths, F(z) = -3 ln z - ln(1-z).  The basin of (Stag, Stag) is
    {F(min(x, y)) < F(max(x, y))}; its boundary is the saddle's stable
    manifold F(x) = F(y), x != y.
    """
    def F(z):
        return -3 * math.log(z) - math.log(1 - z)

    def partner(x):  # the point below 3/4 on the same level of F
        return brentq(lambda y: F(y) - F(x), 1e-300, 0.75)
    return 2 * quad(lambda x: x - partner(x), 0.75, 1, limit=200)[0]


# -- sanity of the threshold game -------------------------------------------------
def test_threshold_game_pure_equilibria():
    found = {eq.describe() for eq in THRESHOLD.pure_equilibria(exact=True)}
    assert len(found) == 4
    for profile in itertools.product(["Contribute", "Not"], repeat=3):
        assert THRESHOLD.is_equilibrium(list(profile)) == (profile in THRESHOLD_EQUILIBRIA)


# -- best-response dynamics ---------------------------------------------------------
def test_best_response_matching_pennies_cycles_from_every_start():
    for start in itertools.product("HT", repeat=2):
        run = best_response_dynamics(PENNIES, list(start))
        assert run.outcome == "cycle" and not run.converged
        assert len(run.cycle) == 4 and set(run.cycle) == set(itertools.product("HT", repeat=2))
        assert run.end in run.cycle
        # consecutive profiles differ in exactly the mover's strategy
        for a, b, mover in zip(run.path, run.path[1:], run.movers):
            i = PENNIES.players.index(mover)
            assert [k for k in range(2) if a[k] != b[k]] == [i]
            assert b[i] in PENNIES.best_responses(list(a), i)


def test_best_response_prisoners_dilemma_and_stag_hunt():
    for start in itertools.product("CD", repeat=2):
        run = best_response_dynamics(PD, list(start))
        assert run.outcome == "equilibrium" and run.end == ("D", "D")
    assert best_response_dynamics(STAG, [0, 0]).path == (("Stag", "Stag"),)
    run = best_response_dynamics(STAG, ["Hare", "Stag"])  # player 1 moves first, to Stag
    assert run.path == (("Hare", "Stag"), ("Stag", "Stag")) and run.movers == ("Player 1",)
    assert best_response_dynamics(STAG.as_float(), ["Stag", "Hare"]).end == ("Hare", "Hare")


def test_best_response_max_steps():
    run = best_response_dynamics(PENNIES, ["H", "H"], max_steps=2)
    assert run.outcome == "max_steps" and len(run.movers) == 2 and run.cycle == ()
    assert best_response_dynamics(PD, ["C", "C"], max_steps=0).path == (("C", "C"),)


def test_best_response_threshold_game_reaches_pure_equilibria():
    for start in itertools.product(["Contribute", "Not"], repeat=3):
        run = best_response_dynamics(THRESHOLD, list(start))
        assert run.outcome == "equilibrium"
        assert run.end in THRESHOLD_EQUILIBRIA
        assert THRESHOLD.is_equilibrium(list(run.end))
    # all contribute: the first player free-rides
    assert best_response_dynamics(THRESHOLD, ["Contribute"] * 3).end == ("Not", "Contribute", "Contribute")
    assert best_response_dynamics(THRESHOLD, ["Contribute", "Not", "Not"]).end == ("Not", "Not", "Not")


# -- replicator dynamics ------------------------------------------------------------------
def test_payoff_vectors_match_game_strategy_payoffs():
    rng = np.random.default_rng(5)
    fgame = THRESHOLD.as_float()
    xs = [rng.dirichlet(np.ones(2)) for _ in range(3)]
    for i, u in enumerate(dynamics._payoff_vectors(fgame.payoff_arrays, xs)):
        np.testing.assert_allclose(u, fgame.strategy_payoffs(xs, i).astype(float), atol=1e-12)


def test_replicator_trajectory_stays_on_simplex_and_converges():
    run = replicator_dynamics(STAG, [[0.9, 0.1], [0.6, 0.4]], t_max=40, n_points=50)
    assert run.times.shape == (50,) and run.times[0] == 0 and run.times[-1] == 40
    for traj in run.trajectory:
        assert traj.shape == (50, 2)
        assert (traj >= 0).all()
        np.testing.assert_allclose(traj.sum(axis=1), 1, atol=1e-12)
    np.testing.assert_allclose(run.trajectory[0][0], [0.9, 0.1])
    assert run.outcome == "pure equilibrium" and run.pure == ("Stag", "Stag") and run.is_equilibrium
    assert STAG.as_float().is_equilibrium([run.end[0], run.end[1]], tol=1e-6)
    below = replicator_dynamics(STAG, [[0.7, 0.3], [0.7, 0.3]], t_max=60)
    assert below.pure == ("Hare", "Hare")


def test_replicator_rest_points_classified():
    mixed = replicator_dynamics(STAG, [[Fraction(3, 4), Fraction(1, 4)]] * 2, t_max=5)
    assert mixed.outcome == "mixed equilibrium" and mixed.pure is None
    np.testing.assert_allclose(mixed.end[0], [0.75, 0.25], atol=1e-9)
    stuck = replicator_dynamics(PD, ["C", "C"], t_max=5)
    assert stuck.outcome == "not an equilibrium" and not stuck.is_equilibrium and stuck.regret > 1
    default = replicator_dynamics(PENNIES, t_max=5)  # uniform start: the mixed equilibrium
    assert default.outcome == "mixed equilibrium"


def test_replicator_threshold_game():
    starts = {((0.9, 0.1), (0.9, 0.1), (0.1, 0.9)): ("Contribute", "Contribute", "Not"),
              ((0.1, 0.9), (0.2, 0.8), (0.1, 0.9)): ("Not", "Not", "Not")}
    for start, expected in starts.items():
        run = replicator_dynamics(THRESHOLD, {p: s for p, s in zip("ABC", start)}, t_max=80)
        assert run.pure == expected and run.outcome == "pure equilibrium"


# -- basins -----------------------------------------------------------------------------------
def test_stag_hunt_basins_symmetric_match_analytic_share():
    est = basins(STAG, samples=200, seed=0, symmetric=True)
    assert set(est.shares) == {("Stag", "Stag"), ("Hare", "Hare"), "other"}
    assert est.counts["other"] == 0 and sum(est.counts.values()) == 200
    # single-population dynamics: Stag wins iff its share starts above 3/4
    assert abs(est.shares[("Stag", "Stag")] - 0.25) < 3 * math.sqrt(0.25 * 0.75 / 200)


def test_stag_hunt_basins_two_population_match_first_integral():
    area = two_population_stag_basin()
    assert 0.15 < area < 0.17  # smaller than the quarter of the symmetric case
    est = basins(STAG, samples=200, seed=2)
    assert abs(est.shares[("Stag", "Stag")] - area) < 3 * math.sqrt(area * (1 - area) / 200)
    assert math.isclose(sum(est.shares.values()), 1.0)
    assert est.stderr(("Stag", "Stag")) == pytest.approx(
        math.sqrt(est.shares[("Stag", "Stag")] * (1 - est.shares[("Stag", "Stag")]) / 200))


def test_basins_reproducible_with_seed():
    a = basins(STAG, samples=30, seed=7)
    b = basins(STAG, samples=30, seed=7)
    assert a.shares == b.shares


def test_prisoners_dilemma_every_start_defects():
    est = basins(PD, samples=60, seed=1)
    assert est.shares == {("D", "D"): 1.0, "other": 0.0}


def test_threshold_game_basins():
    est = basins(THRESHOLD, samples=40, seed=0, t_max=80)
    assert set(est.shares) == THRESHOLD_EQUILIBRIA | {"other"}
    assert est.shares["other"] <= 0.1
    assert est.shares[("Not", "Not", "Not")] > 0
    # the three "two contribute" equilibria are symmetric: each gets some starts
    assert sum(1 for k in THRESHOLD_EQUILIBRIA if est.counts[k] > 0) >= 3


# -- bad inputs -------------------------------------------------------------------------------
def test_bad_inputs():
    x = sympy.Symbol("x")
    symbolic = Game([[[x, 0], [0, 1]], [[1, 0], [0, 1]]])
    for func in (lambda g: best_response_dynamics(g, [0, 0]), lambda g: replicator_dynamics(g),
                 lambda g: basins(g, samples=2)):
        with pytest.raises(TypeError):
            func(symbolic)
        with pytest.raises(TypeError):
            func([[[1]]])
    with pytest.raises(ValueError):
        best_response_dynamics(PD, ["C"])
    with pytest.raises(ValueError):
        best_response_dynamics(PD, ["C", "X"])
    with pytest.raises(ValueError):
        best_response_dynamics(PD, {"Player 1": "C"})
    with pytest.raises(TypeError):
        best_response_dynamics(PD, "CD")
    with pytest.raises(ValueError):
        best_response_dynamics(PD, ["C", "C"], max_steps=-1)
    with pytest.raises(TypeError):
        best_response_dynamics(PD, ["C", "C"], max_steps=2.5)
    with pytest.raises(ValueError):
        replicator_dynamics(PD, [[0.5, 0.6], [0.5, 0.5]])
    with pytest.raises(ValueError):
        replicator_dynamics(PD, [[-0.5, 1.5], [0.5, 0.5]])
    with pytest.raises(ValueError):
        replicator_dynamics(PD, [[0.5, 0.5]])
    with pytest.raises(TypeError):
        replicator_dynamics(PD, 3)
    for bad in (0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            replicator_dynamics(PD, t_max=bad)
    with pytest.raises(TypeError):
        replicator_dynamics(PD, t_max="10")
    with pytest.raises(ValueError):
        replicator_dynamics(PD, n_points=1)
    with pytest.raises(ValueError):
        replicator_dynamics(PD, pure_tol=0.6)
    with pytest.raises(ValueError):
        basins(PD, samples=0)
    with pytest.raises(TypeError):
        basins(PD, samples=True)
    with pytest.raises(TypeError):
        basins(PD, seed="x")
    with pytest.raises(ValueError):
        basins(Game([[[1, 2, 3], [1, 2, 3]], [[1, 2, 3], [1, 2, 3]]]), symmetric=True)


def test_the_dynamics_keep_their_names_in_nplayer():
    # the module moved to sbgames.dynamics (it works on any Game); sbgames.nplayer still offers its names
    assert (nplayer.best_response_dynamics, nplayer.replicator_dynamics, nplayer.basins) == \
        (best_response_dynamics, replicator_dynamics, basins)
