"""Pure-strategy SPE payoff sets of repeated 2-player games (sbgames.repeated.payoff_set).

Four kinds of checks:

* agreement with QuantEcon's independent Abreu-Sannikov implementation,
  against vertices stored below (QuantEcon is in the ``bench`` extra, not the
  ``test`` extra, so these never skip) and, when QuantEcon is installed, live;
* cases worked out by hand (stated with their derivations);
* the two methods against each other (the outer approximation contains the
  exact set and is close to it) and the reduced Abreu-Sannikov operator
  against the full APS operator;
* properties on small random games (hypothesis).
"""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbgames.repeated.aps import Stage, abreu_sannikov, outer_approximation
from sbgames.repeated.payoff_set import OUTER_DIRECTIONS, PayoffSet, payoff_set, plot_payoff_set
from sbgames.repeated.polygons import convex_hull

try:
    from tests.strategies import bimatrix
except ImportError:  # tests/ itself is on sys.path
    from strategies import bimatrix


def fast(n):
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)


GAMES = {
    # (T, R, P, S) = (5, 3, 1, 0); actions (C, D)
    "prisoners_dilemma": ([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
    # (Swerve, Straight)
    "chicken": ([[3, 1], [4, 0]], [[3, 4], [1, 0]]),
    "battle_of_the_sexes": ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
    # (Stag, Hare)
    "stag_hunt": ([[4, 0], [3, 3]], [[4, 3], [0, 3]]),
    # the example of Abreu and Sannikov (2014), also in QuantEcon's tests
    "abreu_sannikov_2014": ([[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 13, 3], [1, 4, 0], [0, -4, -15]]),
    # QuantEcon's tests' Prisoner's Dilemma
    "quantecon_pd": ([[9, 1], [10, 3]], [[9, 10], [1, 3]]),
    # random small games (integer payoffs -3..3) on which an earlier draft went wrong
    "game_3x2": ([[-1, 1], [-1, -1], [0, 2]], [[0, 0], [-3, 3], [-3, 2]]),
    "game_3x3": ([[2, 2, 1], [-1, -2, 0], [-1, 0, -2]], [[3, -2, -3], [-1, -1, -3], [0, -2, 0]]),
}
PD = GAMES["prisoners_dilemma"]

# Produced with quantecon 0.11.4 by running this file as a script (`python tests/test_payoff_set.py`,
# see _quantecon_vertices and the __main__ block at the end): the vertices of
# RepeatedGame(NormalFormGame(...), delta).equilibrium_payoffs(method="abreu_sannikov"), default
# options (tol=1e-12, max_iter=500), rounded to 12 decimals.  QuantEcon fails (QhullError) when
# the set is a point or a segment, and raises ValueError when it is empty: such cases are among
# the hand-worked ones instead.
QUANTECON_VERTICES = {
    ('prisoners_dilemma', 0.3): [[4.0, 1.0], [1.0, 4.0], [1.0, 1.0]],
    ('prisoners_dilemma', 0.5): [[3.0, 3.0], [1.0, 4.333333333333], [1.0, 1.0], [4.333333333333, 1.0]],
    ('prisoners_dilemma', 0.75): [[3.0, 3.0], [1.0, 4.333333333333], [1.0, 1.0], [4.333333333333, 1.0]],
    ('prisoners_dilemma', 0.9): [[3.0, 3.0], [1.0, 4.333333333333], [1.0, 1.0], [4.333333333333, 1.0]],
    ('chicken', 0.5): [[3.0, 3.0], [1.0, 4.0], [1.0, 1.0], [4.0, 1.0]],
    ('chicken', 0.9): [[1.0, 1.0], [4.0, 1.0], [3.0, 3.0], [1.0, 4.0]],
    ('battle_of_the_sexes', 0.75): [[2.0, 1.0], [1.0, 2.0], [1.0, 1.0]],
    ('battle_of_the_sexes', 0.9): [[2.0, 1.0], [1.0, 2.0], [1.0, 1.0]],
    ('stag_hunt', 0.75): [[4.0, 4.0], [3.0, 3.75], [3.0, 3.0], [3.75, 3.0]],
    ('stag_hunt', 0.9): [[4.0, 4.0], [3.0, 3.75], [3.0, 3.0], [3.75, 3.0]],
    ('abreu_sannikov_2014', 0.3): [[7.337704718651, 10.982625279107], [1.125682395505, 2.8],
                                   [7.337704718651, 0.0], [7.863089638136, 0.0], [19.791797697364, 2.8],
                                   [15.563089638136, 9.1]],
    ('abreu_sannikov_2014', 0.6): [[20.625, 1.6], [16.0, 9.0], [4.0, 12.692307692308], [0.907936507937, 5.2],
                                   [0.0, 2.725457570715], [0.0, 0.0], [13.975, 0.0]],
    ('quantecon_pd', 0.9): [[3.0, 3.0], [9.75, 3.0], [9.0, 9.0], [3.0, 9.75]],
    ('game_3x2', 0.6): [[0.0, 1.333333333333], [0.0, 0.0], [1.0, 0.0], [2.0, 2.0], [0.8, 2.4]],
    ('game_3x2', 0.8): [[2.0, 2.0], [0.4, 2.533333333333], [0.0, 1.809523809524], [0.0, 0.0], [1.0, 0.0],
                        [1.36, 0.4]],
    ('game_3x3', 0.6): [[2.0, 3.0], [1.0, 0.0], [1.0, -1.0], [1.111111111111, -1.0], [2.0, 0.6]],
    ('game_3x3', 0.8): [[2.0, 3.0], [1.0, 2.25], [1.0, -1.0], [1.428571428571, -1.0], [2.0, -0.2]],
}


def _quantecon_vertices(A, B, delta):
    """QuantEcon's answer: the vertices of its ConvexHull, rounded to 12 decimals."""
    from quantecon.game_theory import NormalFormGame, RepeatedGame
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    hull = RepeatedGame(NormalFormGame(np.stack([A, B], axis=-1)), delta).equilibrium_payoffs(
        method="abreu_sannikov")
    return [[round(float(x), 12) + 0.0 for x in v] for v in hull.points[hull.vertices]]


def _same_set(ps: PayoffSet, vertices, tol=1e-6):
    expected = convex_hull(np.asarray(vertices, dtype=float), 1e-9)
    assert ps.hausdorff(expected) <= tol, (ps.vertices.tolist(), expected.tolist())
    assert len(ps.vertices) == len(expected), (ps.vertices.tolist(), expected.tolist())


def _check_polygon(V):
    """Counter-clockwise, no repeated vertices, strictly convex."""
    V = np.asarray(V)
    assert V.ndim == 2 and V.shape[1] == 2
    k = len(V)
    for i in range(k):
        for j in range(i + 1, k):
            assert np.hypot(*(V[i] - V[j])) > 1e-9
    if k >= 3:
        E = np.roll(V, -1, axis=0) - V
        turns = E[:, 0] * np.roll(E, -1, axis=0)[:, 1] - E[:, 1] * np.roll(E, -1, axis=0)[:, 0]
        assert (turns > 0).all(), V.tolist()


# -- agreement with QuantEcon -----------------------------------------------------------------

@pytest.mark.parametrize("case", sorted(QUANTECON_VERTICES), ids=lambda c: f"{c[0]}-{c[1]}")
def test_agrees_with_quantecon_reference(case):
    name, delta = case
    ps = payoff_set(*GAMES[name], delta)
    assert ps.converged and ps.kind == "polygon"
    _check_polygon(ps.vertices)
    _same_set(ps, QUANTECON_VERTICES[case])


def test_agrees_with_quantecon_live():
    pytest.importorskip("quantecon")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # numba's own deprecation chatter
        for (name, delta), stored in QUANTECON_VERTICES.items():
            live = _quantecon_vertices(*GAMES[name], delta)
            # the stored data are what QuantEcon says
            assert np.allclose(convex_hull(np.array(live), 1e-9), convex_hull(np.array(stored), 1e-9),
                               atol=1e-9), (name, delta)
            _same_set(payoff_set(*GAMES[name], delta), live)


# -- cases worked out by hand -----------------------------------------------------------------

@pytest.mark.parametrize("delta", [0.5, 0.6, 0.75, 0.9])
def test_prisoners_dilemma_patient_is_feasible_and_individually_rational(delta):
    # minmax (1, 1).  The feasible set has vertices (1,1), (5,0), (3,3), (0,5); cutting it with
    # v >= (1, 1): the edge (5,0)-(3,3) meets v2 = 1 at (13/3, 1), the edge (3,3)-(0,5) meets v1 = 1 at
    # (1, 13/3).  From delta = 1/2 on, (C,C) forever is enforced by reversion to (D,D)
    # (3 >= (1 - delta) 5 + delta 1), and every point of the set is an SPE payoff.
    ps = payoff_set(*PD, delta)
    expected = [[1, 1], [13 / 3, 1], [3, 3], [1, 13 / 3]]
    assert ps.kind == "polygon"
    assert np.allclose(ps.vertices, expected, atol=1e-7)
    assert np.allclose(ps.individually_rational, expected, atol=1e-12)
    assert ps.minmax.tolist() == [1.0, 1.0]
    assert np.allclose(ps.feasible, [[0, 5], [1, 1], [5, 0], [3, 3]])


@pytest.mark.parametrize("delta", [0.26, 0.3, 0.4, 0.45, 0.49])
def test_prisoners_dilemma_intermediate_is_a_triangle(delta):
    # For delta < 1/2, (C,C) needs continuations w with w_i >= 1 + 2 (1 - delta) / delta > 3 for both,
    # so w_1 + w_2 > 6, more than any feasible payoff: (C,C) is never played, every SPE payoff lies on
    # or below v1 + v2 = 5 (the line through (5,0) and (0,5)).  (D,C) with continuation
    # w = (5 - 1/delta, 1/delta) on that line gives (1 - delta)(5, 0) + delta w = (4, 1); player 2's
    # constraint w_2 >= 1 + (1 - delta) / delta = 1/delta binds, and w_1 >= 1 needs delta >= 1/4.
    # So for 1/4 <= delta < 1/2 the set is the triangle (1,1), (4,1), (1,4).
    ps = payoff_set(*PD, delta)
    assert np.allclose(ps.vertices, [[1, 1], [4, 1], [1, 4]], atol=1e-7)


@pytest.mark.parametrize("delta", [0.05, 0.2, 0.24])
def test_prisoners_dilemma_impatient_is_the_stage_equilibrium(delta):
    # delta < 1/4: (D,C) would need w_2 >= 1/delta > 4 (above), impossible in the triangle; only
    # (D,D) forever is left.
    for method in ("abreu-sannikov", "outer"):
        ps = payoff_set(*PD, delta, method=method)
        assert ps.kind == "point" and ps.converged
        assert np.allclose(ps.vertices, [[1, 1]], atol=1e-7)


@pytest.mark.parametrize("delta", [0.1, 0.5, 0.99])
def test_constant_game_is_a_point(delta):
    ps = payoff_set([[2, 2, 2], [2, 2, 2]], [[-1, -1, -1], [-1, -1, -1]], delta)
    assert ps.kind == "point" and ps.vertices.tolist() == [[2.0, -1.0]]
    assert ps.feasible.tolist() == [[2.0, -1.0]] and ps.individually_rational.tolist() == [[2.0, -1.0]]
    assert ps.iterations == 1 and ps.converged


@pytest.mark.parametrize("delta", [0.1, 0.5, 0.95])
def test_common_interest_game_is_a_segment(delta):
    # A = B: every payoff lies on the diagonal; both (1,1) and (2,2) are stage equilibria (so their
    # randomisations are SPE payoffs at any delta) and the pure minmax is 1 for both players.
    ps = payoff_set([[2, 0], [0, 1]], [[2, 0], [0, 1]], delta)
    assert ps.kind == "segment"
    assert np.allclose(ps.vertices, [[1, 1], [2, 2]])


@pytest.mark.parametrize("name, delta, segment", [
    ("battle_of_the_sexes", 0.3, [[1, 2], [2, 1]]),
    ("chicken", 0.3, [[1, 4], [4, 1]]),
    ("stag_hunt", 0.3, [[3, 3], [4, 4]]),
])
def test_impatient_players_randomise_over_stage_equilibria(name, delta, segment):
    # The segment between the two pure stage equilibria is always there (public randomisation);
    # at delta = 0.3 no other profile can be enforced: in each game the only non-equilibrium profiles
    # need a continuation more than (1 - delta) / delta * gain >= 7/3 above a player's minmax, beyond
    # the largest equilibrium payoff a player can get (here the segment's end).
    ps = payoff_set(*GAMES[name], delta)
    assert ps.kind == "segment"
    assert np.allclose(ps.vertices, segment, atol=1e-9)


@pytest.mark.parametrize("delta", [0.2, 0.75, 0.95])
def test_one_row_game_is_the_stage_equilibrium(delta):
    # The row player has one action: the column player's pure minmax is her best payoff 3, which only
    # (-1, 3) gives, so V = {(-1, 3)}.  (An earlier draft lost this point to a hull of near-collinear
    # points and returned an empty set.)
    ps = payoff_set([[-1, 1]], [[3, -2]], delta)
    assert ps.kind == "point" and np.allclose(ps.vertices, [[-1, 3]])


def test_hull_of_nearly_collinear_points_is_a_segment():
    rng = np.random.default_rng(0)
    for _ in range(200):
        origin, direction = rng.normal(size=2), rng.normal(size=2)
        t = rng.uniform(-1, 1, size=7)
        points = origin + t[:, None] * direction          # collinear up to rounding
        hull = convex_hull(points, 1e-11)
        ends = sorted([origin + t.min() * direction, origin + t.max() * direction], key=tuple)
        assert len(hull) == 2 and np.allclose(sorted(hull.tolist()), ends, atol=1e-12)
        assert len(convex_hull(np.vstack([points, points[::-1] + 1e-13]), 1e-11)) == 2


def test_segment_where_quantecon_reports_a_thin_triangle():
    # Profiles (r1,c1) = (-2,-1), (r1,c2) = (3,-1) (the only pure stage equilibrium), (r2,c1) = (0,-2),
    # (r2,c2) = (-3,2); pure minmax (0, -1).  Only (r2,c2) pays player 2 more than -1, and it needs
    # w_1 >= 0 + (1 - delta) / delta * 6 = 4 at delta = 0.6, above the largest payoff 3: never played,
    # so V lies on v2 = -1, between v1 = 0 (minmax) and 3.  (0, -1) itself: (r1,c1) with continuation
    # (4/3, -1), player 1's constraint w_1 >= 4/3 binding.  QuantEcon 0.11.4 returns a triangle with a
    # third vertex (0, -0.99999875) (default tol) or (0, -0.926) (tol=1e-14, max_iter=5000), which the
    # outer approximation (a superset of V) rules out.
    A, B = [[-2, 3], [0, -3]], [[-1, -1], [-2, 2]]
    for method in ("abreu-sannikov", "outer"):
        ps = payoff_set(A, B, 0.6, method=method)
        assert ps.kind == "segment"
        assert np.allclose(ps.vertices, [[0, -1], [3, -1]], atol=1e-8)


@pytest.mark.parametrize("delta", [0.05, 0.5, 0.99])
def test_no_pure_equilibrium_gives_empty_sets(delta):
    # matching pennies: pure minmax (1, 1) but every payoff sums to 0
    ps = payoff_set([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], delta)
    assert ps.kind == "empty" and ps.vertices.shape == (0, 2) and ps.converged
    assert ps.individually_rational.shape == (0, 2)
    assert not ps.contains([0, 0])
    # QuantEcon's test game without a pure stage equilibrium (it raises ValueError at delta = 0.05):
    # pure minmax (1, 2), and no feasible payoff reaches both
    ps = payoff_set([[1, -1], [-2, 1]], [[-1, 2], [2, 0]], delta)
    assert ps.kind == "empty"
    if delta <= 0.5:
        assert payoff_set([[1, -1], [-2, 1]], [[-1, 2], [2, 0]], delta, method="outer").kind == "empty"


def test_per_player_discount_factors():
    bos = GAMES["battle_of_the_sexes"]
    # equal factors given as a pair: the same set
    assert payoff_set(*PD, (0.75, 0.75)).hausdorff(payoff_set(*PD, 0.75)) < 1e-7
    # an impatient player 1 (delta_1 = 0.5) and a patient player 2 (0.9): play (2,1) once, then (1,2)
    # forever -- stage equilibria throughout, so an SPE -- is worth (0.5*2 + 0.5*1, 0.1*1 + 0.9*2)
    # = (1.5, 1.9), outside the convex hull of the stage payoffs (where v1 + v2 <= 3).
    ps = payoff_set(*bos, (0.5, 0.9))
    assert ps.delta == (0.5, 0.9) and ps.converged
    assert ps.contains([1.5, 1.9], tol=1e-7)
    assert not payoff_set(*bos, 0.9).contains([1.5, 1.9], tol=1e-3)
    assert (ps.vertices >= ps.minmax - 1e-7).all()
    _check_polygon(ps.vertices)


# -- the two methods, and the two operators ---------------------------------------------------

@pytest.mark.parametrize("name, delta", [("prisoners_dilemma", 0.6), ("chicken", 0.5), ("stag_hunt", 0.75),
                                         ("battle_of_the_sexes", 0.3), ("abreu_sannikov_2014", 0.3)])
def test_outer_approximation_contains_and_is_close(name, delta):
    exact = payoff_set(*GAMES[name], delta)
    outer = payoff_set(*GAMES[name], delta, method="outer", tol=1e-7)
    assert outer.converged and outer.method == "outer"
    _check_polygon(outer.vertices)
    assert outer.contains(exact.vertices, tol=1e-7).all()
    diameter = max(np.ptp(exact.feasible, axis=0))
    assert exact.hausdorff(outer) <= 0.05 * diameter


def test_outer_approximation_with_per_player_factors():
    A, B = PD
    stage, d = Stage.of(A, B), np.array([0.6, 0.5])
    exact, _, ok1 = abreu_sannikov(stage, d, 1e-9, 500)
    outer, _, ok2 = outer_approximation(stage, d, 1e-9, 500, n_directions=32)
    assert ok1 and ok2
    ps = payoff_set(A, B, (0.6, 0.5))
    assert ps.contains(exact, tol=1e-7).all()
    outer_set = dataclasses.replace(ps, vertices=outer)
    assert outer_set.contains(exact, tol=1e-7).all() and outer_set.hausdorff(ps) < 0.2


def test_outer_approximation_improves_with_more_directions():
    stage, d = Stage.of(*GAMES["abreu_sannikov_2014"]), np.array([0.3, 0.3])
    exact = payoff_set(*GAMES["abreu_sannikov_2014"], 0.3)
    gaps = [exact.hausdorff(outer_approximation(stage, d, 1e-7, 500, n_directions=n)[0])
            for n in (16, OUTER_DIRECTIONS)]
    assert gaps[1] < gaps[0]


random_games = bimatrix(min_rows=1, max_rows=3, min_cols=1, max_cols=3, values=st.integers(-3, 3))
deltas = st.sampled_from([0.15, 0.35, 0.55, 0.75])


@fast(40)
@given(random_games, deltas)
def test_reduced_operator_agrees_with_full_aps_operator(game, delta):
    stage, d = Stage.of(*game), np.array([delta, delta])
    reduced, _, ok1 = abreu_sannikov(stage, d, 1e-10, 2000)
    full, _, ok2 = abreu_sannikov(stage, d, 1e-10, 2000, reduced=False)
    assert ok1 and ok2
    ps = payoff_set(*game, delta)
    assert ps.hausdorff(full) <= 1e-6 and ps.hausdorff(reduced) <= 1e-6


@fast(4)
@given(bimatrix(min_rows=2, max_rows=2, min_cols=2, max_cols=3, values=st.integers(-3, 3)),
       st.sampled_from([0.3, 0.5]))
def test_outer_contains_exact_on_random_games(game, delta):
    exact = payoff_set(*game, delta)
    outer = payoff_set(*game, delta, method="outer")
    assert outer.kind == "empty" if exact.kind == "empty" else outer.contains(exact.vertices, tol=1e-6).all()


# -- properties -------------------------------------------------------------------------------

def _pure_nash_payoffs(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    mask = (A == A.max(axis=0, keepdims=True)) & (B == B.max(axis=1, keepdims=True))
    return np.column_stack([A[mask], B[mask]])


@fast(60)
@given(random_games, deltas)
def test_properties_on_random_games(game, delta):
    A, B = game
    ps = payoff_set(A, B, delta)
    assert ps.converged
    _check_polygon(ps.vertices)
    assert ps.kind == {0: "empty", 1: "point", 2: "segment"}.get(len(ps.vertices), "polygon")
    nash = _pure_nash_payoffs(A, B)
    # every pure stage equilibrium, repeated, is an SPE
    assert ps.contains(nash, tol=1e-7).all()
    if len(nash):
        assert ps.kind != "empty"
    if len(ps.vertices):
        # inside the feasible set and individually rational (pure minmax)
        assert (ps.vertices >= ps.minmax - 1e-7).all()
        feasible = dataclasses.replace(ps, vertices=ps.feasible)
        assert feasible.contains(ps.vertices, tol=1e-7).all()
        rational = dataclasses.replace(ps, vertices=ps.individually_rational)
        assert rational.contains(ps.vertices, tol=1e-7).all()


@fast(40)
@given(random_games, st.lists(deltas, min_size=2, max_size=2, unique=True).map(sorted))
def test_grows_with_delta(game, pair):
    low, high = (payoff_set(*game, d) for d in pair)
    if low.kind != "empty":
        assert high.contains(low.vertices, tol=1e-6).all()


def test_max_iter_reached_warns_and_returns_a_superset():
    with pytest.warns(RuntimeWarning, match="did not converge"):
        rough = payoff_set(*PD, 0.9, max_iter=5)
    assert not rough.converged and rough.iterations == 5
    exact = payoff_set(*PD, 0.9)
    assert rough.contains(exact.vertices, tol=1e-9).all()
    assert exact.hausdorff(rough) > 1e-3


# -- geometry: contains and hausdorff ---------------------------------------------------------

def _as_set(vertices):
    ps = payoff_set([[0]], [[0]], 0.5)
    return dataclasses.replace(ps, vertices=convex_hull(np.asarray(vertices, dtype=float).reshape(-1, 2), 1e-12))


def test_hausdorff_exact_values_including_degenerate_sets():
    square = _as_set([[0, 0], [2, 0], [2, 2], [0, 2]])
    assert square.hausdorff([[1, 1]]) == pytest.approx(math.sqrt(2))
    assert square.hausdorff(square) == 0.0
    assert square.hausdorff([[0, 2], [2, 2], [1, 1], [0, 0], [2, 0], [1, 0]]) == 0.0   # order, extras
    assert square.hausdorff([[0, 0], [4, 0], [0, 4]]) == pytest.approx(2.0)   # (4,0) to (2,0)
    assert square.hausdorff([[0, 0], [2, 0], [2, 2]]) == pytest.approx(math.sqrt(2))  # (0,2) to y=x
    seg = _as_set([[0, 0], [2, 0]])
    assert seg.hausdorff([[0, 1], [2, 1]]) == pytest.approx(1.0)
    assert seg.hausdorff([[0, 0], [1, 0]]) == pytest.approx(1.0)
    assert seg.hausdorff([[1, 0]]) == pytest.approx(1.0)
    assert seg.hausdorff([[1, 3]]) == pytest.approx(math.sqrt(10))
    point = _as_set([[3, 4]])
    assert point.hausdorff([[0, 0]]) == pytest.approx(5.0)
    assert point.hausdorff(square) == pytest.approx(math.hypot(3, 4))
    empty = _as_set(np.empty((0, 2)))
    assert empty.hausdorff(empty) == 0.0 and point.hausdorff(empty) == math.inf
    assert empty.hausdorff(point) == math.inf


@fast(60)
@given(st.lists(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), min_size=1, max_size=6))
def test_hausdorff_against_dense_sampling(p, q):
    P, Q = _as_set(p), _as_set(q)
    exact = P.hausdorff(Q)
    assert exact == pytest.approx(Q.hausdorff(P), abs=1e-12)

    def sample(V, n=200):
        if len(V) == 1:
            return V
        closed = np.vstack([V, V[:1]])
        t = np.linspace(0, 1, n)[:, None]
        return np.vstack([a + t * (b - a) for a, b in zip(closed[:-1], closed[1:])])

    def brute_distance(X, S):
        """Distance from each point of X to the convex polygon S, independently of the package:
        0 inside (half-plane tests), else the distance to the nearest boundary sample."""
        d = np.hypot(*(X[:, None, :] - sample(S)[None, :, :]).transpose(2, 0, 1)).min(axis=1)
        if len(S) >= 3:
            E, R = np.roll(S, -1, axis=0) - S, X[:, None, :] - S[None, :, :]
            inside = (E[None, :, 0] * R[..., 1] - E[None, :, 1] * R[..., 0] >= -1e-12).all(axis=1)
            d = np.where(inside, 0.0, d)
        return d

    brute = max(brute_distance(sample(P.vertices), Q.vertices).max(),
                brute_distance(sample(Q.vertices), P.vertices).max())
    assert exact <= brute + 1e-9
    assert brute <= exact + 0.05           # the sampling step is at most 10 * sqrt(2) / 199


def test_contains():
    ps = payoff_set(*PD, 0.75)
    assert ps.contains([1, 1]) and ps.contains([3, 3]) and ps.contains([2, 2])
    assert not ps.contains([0.99, 2]) and ps.contains([0.99, 2], tol=0.02)
    assert ps.contains([[2, 2], [5, 5], [1, 13 / 3]]).tolist() == [True, False, True]
    seg = payoff_set([[2, 0], [0, 1]], [[2, 0], [0, 1]], 0.5)
    assert seg.contains([1.25, 1.25]) and not seg.contains([1.25, 1.3]) and not seg.contains([2.1, 2.1])


def test_result_is_immutable_and_well_formed():
    ps = payoff_set(*PD, 0.75)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ps.kind = "point"
    with pytest.raises(ValueError):
        ps.vertices[0, 0] = 7.0
    assert ps.method == "abreu-sannikov" and ps.delta == 0.75 and ps.iterations > 1
    assert ps.profiles.shape == (2, 2, 2) and ps.profiles[1, 0].tolist() == [5.0, 0.0]
    assert "polygon" in repr(ps)


@pytest.mark.parametrize("kwargs, message", [
    ({"delta": 1.0}, "strictly between"),
    ({"delta": 0.0}, "strictly between"),
    ({"delta": (0.5, 0.5, 0.5)}, "pair"),
    ({"delta": 0.5, "method": "jyc"}, "unknown method"),
    ({"delta": 0.5, "tol": 0}, "tol"),
    ({"delta": 0.5, "max_iter": 0}, "max_iter"),
])
def test_invalid_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        payoff_set(*PD, **kwargs)


def test_invalid_games():
    with pytest.raises(ValueError, match="same shape"):
        payoff_set([[1, 2]], [[1], [2]], 0.5)
    with pytest.raises(ValueError, match="finite"):
        payoff_set([[np.nan]], [[0]], 0.5)


# -- the figure -------------------------------------------------------------------------------

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.mark.parametrize("game, delta, kind", [
    (PD, 0.75, "polygon"), (PD, 0.2, "point"), (([[2, 0], [0, 1]], [[2, 0], [0, 1]]), 0.5, "segment"),
    (([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), 0.9, "empty")])
def test_plot_every_kind(game, delta, kind):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt
    ps = payoff_set(*game, delta)
    assert ps.kind == kind
    fig = plot_payoff_set(ps)
    try:
        ax = fig.axes[0]
        assert ax.get_xlabel() == "payoff of player 1" and ax.get_ylabel() == "payoff of player 2"
        colours = set()
        for artist in ax.lines + ax.patches:
            for get in ("get_color", "get_facecolor", "get_edgecolor"):
                if hasattr(artist, get):
                    rgba = getattr(artist, get)()
                    if rgba is not None and not (isinstance(rgba, str) and rgba == "none"):
                        colours.add(mcolors.to_hex(rgba).upper())
        assert colours <= {c.upper() for c in OKABE_ITO}, colours
        labels = sorted(t.get_text() for t in ax.texts)
        if kind == "empty":
            assert any("no pure-strategy SPE" in t for t in labels)
        else:
            assert "(1,1)" in labels and "(2,2)" in labels
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_plot_options():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ps = payoff_set(*PD, 0.75)
    fig, ax = plt.subplots()
    try:
        out = plot_payoff_set(ps, ax=ax, profile_labels=[["CC", "CD"], ["DC", "DD"]], xlabel="row",
                              ylabel="column", legend=False)
        assert out is fig and ax.get_xlabel() == "row" and ax.get_ylabel() == "column"
        assert sorted(t.get_text() for t in ax.texts) == ["CC", "CD", "DC", "DD"]
        assert ax.get_legend() is None
        ax.clear()
        plot_payoff_set(ps, ax=ax, profile_labels=False)
        assert list(ax.texts) == []
        with pytest.raises(ValueError, match="profile_labels"):
            plot_payoff_set(ps, ax=ax, profile_labels=["a", "b"])
        # profiles with equal payoffs share a point and a joined label
        const = payoff_set([[1, 1]], [[0, 0]], 0.5)
        ax.clear()
        plot_payoff_set(const, ax=ax)
        assert [t.get_text() for t in ax.texts] == ["(1,1), (1,2)"]
    finally:
        plt.close(fig)


if __name__ == "__main__":
    # Regenerate QUANTECON_VERTICES (needs quantecon): python tests/test_payoff_set.py
    import quantecon
    print(f"# quantecon {quantecon.__version__}")
    print("QUANTECON_VERTICES = {")
    for key in QUANTECON_VERTICES:
        print(f"    {key!r}: {_quantecon_vertices(*GAMES[key[0]], key[1])},")
    print("}")
