"""Tests of the double description engine, sbgames.solvers.polytope.extreme_rays.

A polytope ``{x >= 0 : a_k . x <= b_k}`` in R^d becomes the cone
``{(x, t) : x >= 0, t >= 0, b_k t - a_k . x >= 0}`` whose first d + 1
constraint rows are the identity; its extreme rays with ``t > 0`` are the
vertices (divide by t) and those with ``t = 0`` the recession directions.
"""

from __future__ import annotations

import math
from fractions import Fraction as Fr

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.spatial import ConvexHull, HalfspaceIntersection

from sbgames.solvers import polytope
from sbgames.solvers.polytope import unpack

try:
    from tests import oracles
except ImportError:  # tests/ itself is on sys.path
    import oracles


def extreme_rays(G, exact):
    """The engine's rays, with its tight sets (bitmasks) unpacked to a boolean table."""
    rays, bits = polytope.extreme_rays(G, exact=exact)
    return rays, unpack(bits, len(G))


def fast(n):
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)


def cone(rows, rhs, exact):
    """The homogenised cone of {x >= 0 : rows . x <= rhs} as a G matrix for extreme_rays."""
    rows = np.asarray(rows, dtype=object)
    k, d = rows.shape
    G = np.zeros((d + 1 + k, d + 1), dtype=object)
    G[:d + 1, :d + 1] = np.eye(d + 1, dtype=int)
    G[d + 1:, :d] = -rows
    G[d + 1:, d] = list(rhs)
    if not exact:
        G = G.astype(float)
    return G


def vertices_and_directions(rays, exact):
    """Split rays (x, t) into vertices x / t (t > 0) and directions (t == 0, normalised)."""
    verts, dirs = set(), set()
    for r in rays:
        if exact:
            r = [Fr(int(v)) for v in r]
            if r[-1] > 0:
                verts.add(tuple(v / r[-1] for v in r[:-1]))
            else:
                dirs.add(tuple(v / max(r[:-1]) for v in r[:-1]))
        else:
            r = np.asarray(r, dtype=float)
            if r[-1] > 1e-9:
                verts.add(tuple(np.round(r[:-1] / r[-1], 9)))
            else:
                dirs.add(tuple(np.round(r[:-1] / r[:-1].max(), 9)))
    return verts, dirs


def check_rays(G, rays, tight, exact):
    """Structural contract: feasible, tight sets right, extreme, no duplicates, right type."""
    K, d = G.shape
    assert rays.shape[1] == d and tight.shape == (rays.shape[0], K) and tight.dtype == bool
    seen = set()
    for r, t in zip(rays, tight):
        if exact:
            r = [int(v) for v in r]
            values = [sum(int(g) * v for g, v in zip(row, r)) for row in G]
            assert all(v >= 0 for v in values)
            assert list(t) == [v == 0 for v in values]
            assert math.gcd(*r) == 1
            key = tuple(r)
        else:
            r = np.asarray(r, dtype=float)
            values = G.astype(float) @ r
            assert values.min() >= -1e-9
            assert list(t) == list(np.abs(values) <= 1e-9)
            assert abs(np.abs(r).max() - 1) < 1e-12
            key = tuple(np.round(r, 9))
        assert any(v != 0 for v in r)
        assert key not in seen, f"duplicate ray {key}"
        seen.add(key)
        # an extreme ray of a pointed cone in R^d has tight constraints of rank d - 1
        tight_rows = [[Fr(g) if exact else Fr(repr(float(g))) for g in G[k]] for k in range(K) if t[k]]
        assert oracles.rank(tight_rows) == d - 1


# ----------------------------------------------------------------------------
# known polytopes
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("exact", [True, False])
def test_unit_cube(exact):
    G = cone(np.eye(3, dtype=int), [1, 1, 1], exact)
    rays, tight = extreme_rays(G, exact=exact)
    check_rays(G, rays, tight, exact)
    verts, dirs = vertices_and_directions(rays, exact)
    assert verts == {(a, b, c) for a in (0, 1) for b in (0, 1) for c in (0, 1)}
    assert dirs == set()
    assert (tight.sum(axis=1) == 3).all()  # simple polytope: 3 facets at each vertex


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("d", [1, 2, 4])
def test_simplex(d, exact):
    G = cone([[1] * d], [1], exact)
    rays, tight = extreme_rays(G, exact=exact)
    check_rays(G, rays, tight, exact)
    verts, _ = vertices_and_directions(rays, exact)
    assert verts == {tuple(int(i == j) for i in range(d)) for j in range(d)} | {(0,) * d}
    assert len(rays) == d + 1


@pytest.mark.parametrize("exact", [True, False])
def test_square_pyramid_with_degenerate_apex(exact):
    # base [0,2]^2 at height 0, apex (1,1,1): four facets z <= x, z <= y,
    # z <= 2 - x, z <= 2 - y meet at the apex (4 > 3 = dimension); the base
    # corner (0,0,0) is degenerate too (x = 0, y = 0, z = 0, z <= x, z <= y).
    rows = [[-1, 0, 1], [0, -1, 1], [1, 0, 1], [0, 1, 1]]
    G = cone(rows, [0, 0, 2, 2], exact)
    rays, tight = extreme_rays(G, exact=exact)
    check_rays(G, rays, tight, exact)
    verts, dirs = vertices_and_directions(rays, exact)
    assert verts == {(0, 0, 0), (2, 0, 0), (0, 2, 0), (2, 2, 0), (1, 1, 1)}
    assert dirs == set()
    apex = [i for i, r in enumerate(rays) if r[0] == r[1] == r[2] == r[3]]
    assert len(apex) == 1
    assert tight[apex[0]].tolist() == [False] * 4 + [True] * 4


@pytest.mark.parametrize("exact", [True, False])
def test_unbounded_polyhedron_gives_directions(exact):
    # {x, y >= 0 : x - y <= 1}: vertices (0,0), (1,0); directions (0,1), (1,1)
    G = cone([[1, -1]], [1], exact)
    rays, tight = extreme_rays(G, exact=exact)
    check_rays(G, rays, tight, exact)
    verts, dirs = vertices_and_directions(rays, exact)
    assert verts == {(0, 0), (1, 0)}
    assert dirs == {(0, 1), (1, 1)}


@pytest.mark.parametrize("exact", [True, False])
def test_redundant_and_repeated_constraints(exact):
    # the square [0,1]^2 with x + y <= 2 (tight only at a corner) and x <= 1 given twice
    G = cone([[1, 0], [0, 1], [1, 1], [1, 0]], [1, 1, 2, 1], exact)
    rays, tight = extreme_rays(G, exact=exact)
    check_rays(G, rays, tight, exact)
    verts, _ = vertices_and_directions(rays, exact)
    assert verts == {(0, 0), (1, 0), (0, 1), (1, 1)}


def test_rays_are_integers_with_gcd_one_in_exact_mode():
    G = cone([[3, 0], [0, 6]], [2, 4], exact=True)
    rays, _ = extreme_rays(G, exact=True)
    assert rays.dtype == object and all(isinstance(v, int) for r in rays for v in r)
    verts, _ = vertices_and_directions(rays, True)
    assert verts == {(0, 0), (Fr(2, 3), 0), (0, Fr(2, 3)), (Fr(2, 3), Fr(2, 3))}


def test_first_rows_must_be_the_identity():
    G = np.array([[1, 0], [1, 1], [0, 1]], dtype=object)
    with pytest.raises(ValueError):
        extreme_rays(G, exact=True)
    with pytest.raises(ValueError):
        extreme_rays(np.array([[2.0, 0.0], [0.0, 1.0]]), exact=False)


# ----------------------------------------------------------------------------
# random polytopes: against basis enumeration (degenerate) and scipy (generic)
# ----------------------------------------------------------------------------
@fast(120)
@given(st.integers(1, 4).flatmap(lambda d: st.lists(
    st.lists(st.integers(1, 3), min_size=d, max_size=d), min_size=1, max_size=5)))
def test_degenerate_polytopes_equal_basis_enumeration(rows):
    # {x >= 0 : M x <= 1} with small positive integer M: bounded, often degenerate
    d = len(rows[0])
    M = [[-int(i == j) for j in range(d)] for i in range(d)] + rows
    expected = set(oracles.polytope_vertices(M, [0] * d + [1] * len(rows)))
    G = cone(rows, [1] * len(rows), True)
    rays, tight = extreme_rays(G, exact=True)
    check_rays(G, rays, tight, True)
    verts, dirs = vertices_and_directions(rays, True)
    assert verts == expected and dirs == set()
    assert len(rays) == len(expected)
    Gf = cone(rows, [1] * len(rows), False)
    rays_f, tight_f = extreme_rays(Gf, exact=False)
    check_rays(Gf, rays_f, tight_f, False)
    verts_f, _ = vertices_and_directions(rays_f, False)
    assert verts_f == {tuple(np.round([float(v) for v in x], 9)) for x in expected}
    assert len(rays_f) == len(expected)


@fast(60)
@given(st.integers(2, 5), st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_generic_polytopes_match_scipy(d, k, seed):
    rng = np.random.default_rng(seed)
    rows = rng.uniform(0.1, 1.0, size=(k, d))
    halfspaces = np.vstack([np.hstack([-np.eye(d), np.zeros((d, 1))]),
                            np.hstack([rows, -np.ones((k, 1))])])
    interior = np.full(d, 0.5 / rows.sum(axis=1).max())
    hs = HalfspaceIntersection(halfspaces, interior)
    # deduplicate scipy's intersections (one per facet of the dual hull)
    scipy_verts = []
    for v in hs.intersections:
        if not any(np.abs(v - w).max() < 1e-7 for w in scipy_verts):
            scipy_verts.append(v)
    hull = ConvexHull(np.array(scipy_verts))
    assert len(hull.vertices) == len(scipy_verts)
    for exact in (False, True):
        if exact:
            # the same polytope with rational data: scale rows to integers
            int_rows = np.round(rows * 10**6).astype(int).tolist()
            G = cone(int_rows, [10**6] * k, True)
        else:
            G = cone(rows, [1.0] * k, False)
        rays, tight = extreme_rays(G, exact=exact)
        verts, dirs = vertices_and_directions(rays, exact)
        assert dirs == set()
        assert len(verts) == len(rays) == len(scipy_verts)
        if not exact:
            check_rays(G, rays, tight, False)
            for v in verts:  # a bijection: counts are equal, so each must have a partner
                assert sum(np.abs(np.array(v) - w).max() < 1e-7 for w in scipy_verts) == 1
            assert (tight.sum(axis=1) == d).all()  # generic: simple polytope


# ----------------------------------------------------------------------------
# the two adjacency tests agree: sorted ridges (simple rays) and comparing every pair
# ----------------------------------------------------------------------------
def rays_by_both_tests(G, exact):
    """extreme_rays with every pair compared, and with ridges sorted at every step."""
    by_pairs = extreme_rays(G, exact=exact)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(polytope, "_PAIRWISE_PAIRS", 0)
        by_ridges = extreme_rays(G, exact=exact)
    return by_pairs, by_ridges


def same_rays(first, second):
    def as_set(result):
        rays, tight = result
        return {(tuple(np.round(np.asarray(r, dtype=float), 9)), tuple(t)) for r, t in zip(rays, tight)}
    return len(first[0]) == len(second[0]) and as_set(first) == as_set(second)


@fast(60)
@given(st.integers(1, 4).flatmap(lambda d: st.lists(
    st.lists(st.integers(1, 3), min_size=d, max_size=d), min_size=1, max_size=6)), st.booleans())
def test_ridge_matching_equals_comparing_every_pair_on_degenerate_polytopes(rows, exact):
    G = cone(rows, [1] * len(rows), exact)
    by_pairs, by_ridges = rays_by_both_tests(G, exact)
    check_rays(G, *by_ridges, exact)
    assert same_rays(by_pairs, by_ridges)


@pytest.mark.parametrize("exact", [True, False])
def test_ridge_matching_with_more_than_64_constraints(exact):
    # 70 random constraints in R^4: tight sets take two 64-bit words (the unpacked ridge path)
    rng = np.random.default_rng(5)
    rows = rng.integers(1, 30, size=(70, 4))
    G = cone(rows, [30] * 70, exact)
    by_pairs, by_ridges = rays_by_both_tests(G, exact)
    check_rays(G, *by_ridges, exact)
    assert same_rays(by_pairs, by_ridges)
    assert len(by_ridges[0]) > 5
