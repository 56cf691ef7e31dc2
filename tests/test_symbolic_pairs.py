"""Which support pairs the closed-form derivation solves (sbgames.solvers.symbolic, issue 16 item 2).

The derivation solves the support pairs of equal size and only those unequal
pairs with a structural tie (see the module docstring of
sbgames.solvers.symbolic).  These tests check that this gives exactly what a
solve of every support pair gives, on random small games (with and without
ties) and on the core model, and that the branches that hold at a generic
point are exactly the solver's equilibria there.
"""

import itertools

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sbgames import Model, load_model
from sbgames.solvers import symbolic
from sbgames.solvers.symbolic import MAX_CONDITION_WORK, symbolic_equilibria


def every_pair(model, A, B):
    """Every support pair, in the derivation's order: the enumeration the screen replaces."""
    def subsets(k):
        return [c for size in range(1, k + 1) for c in itertools.combinations(range(k), size)]
    return [(I, J) for I in subsets(A.shape[0]) for J in subsets(A.shape[1])]


def derive(model, monkeypatch, pairs=None):
    """The closed forms without the disk cache, solving `pairs` (default: the screened pairs)."""
    with monkeypatch.context() as patch:
        patch.setenv("SBGAMES_NO_CACHE", "1")
        if pairs is not None:
            patch.setattr(symbolic, "_support_pairs", pairs)
        return symbolic_equilibria(model, witnesses=False)


def same(a, b) -> bool:
    fields = ("supports", "strategies", "payoffs", "conditions")
    return (len(a) == len(b) and all(getattr(x, f) == getattr(y, f) for x, y in zip(a, b) for f in fields)
            and a.degenerate_supports == b.degenerate_supports and a.complete == b.complete)


@st.composite
def games(draw):
    """Random 2-player games, affine in two parameters, some with structural ties (copied or constant entries)."""
    rows, cols = draw(st.integers(2, 3)), draw(st.integers(2, 4))
    term = st.sampled_from(["0", "1", "-2", "p", "-p", "q", "2*q - 1", "p - q", "3 - p"])
    table = {(r, c): [draw(term), draw(term)] for r in range(rows) for c in range(cols)}
    if draw(st.booleans()):  # column c1 copies c0 for the column player against row r0 (a tie for every p, q)
        table[0, 1][1] = table[0, 0][1]
    if draw(st.booleans()):  # row r1 copies r0 for the row player against column c0
        table[1, 0][0] = table[0, 0][0]
    return Model.from_dict({
        "players": {"R": {"strategies": [f"r{k}" for k in range(rows)]},
                    "C": {"strategies": [f"c{k}" for k in range(cols)]}},
        "parameters": {"p": {"default": 1, "min": 0, "max": 4, "description": "p"},
                       "q": {"default": 1, "min": 0, "description": "q"}},
        "payoffs": {f"r{r},c{c}": pair for (r, c), pair in table.items()},
    })


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(model=games(), points=st.lists(st.tuples(st.fractions(0, 4, max_denominator=7),
                                                st.fractions(0, 6, max_denominator=7)), min_size=3, max_size=3))
def test_screened_pairs_give_what_every_pair_gives(monkeypatch, model, points):
    screened = derive(model, monkeypatch)
    assert same(screened, derive(model, monkeypatch, pairs=every_pair))
    compared = 0
    for p, q in points:
        numeric = model.equilibria(exact=True, p=p, q=q)
        if numeric.degenerate:
            continue  # a tie at this point: outside the branches' guarantee
        found = {tuple(map(tuple, eq.strategies)) for eq in numeric}
        assert {b.strategies_at(p=p, q=q) for b in screened if b.holds_at(p=p, q=q)} == found, (p, q)
        compared += 1
    assume(compared > 0)


def test_the_core_model_gives_what_every_pair_gives(monkeypatch):
    core = load_model("core")
    assert same(derive(core, monkeypatch), derive(core, monkeypatch, pairs=every_pair))


def test_a_tie_for_every_parameter_value_is_still_reported(monkeypatch):
    """C's strategies u and v pay the same against x for every k: the unequal pair (x; u-v) is screened in."""
    model = Model.from_dict({
        "players": {"A": {"strategies": ["x", "y"]}, "B": {"strategies": ["u", "v"]}},
        "parameters": {"k": {"default": 1, "min": 0, "description": "k"}},
        "payoffs": {"x,u": ["1", "k"], "x,v": ["0", "k"], "y,u": ["0", "1"], "y,v": ["k", "0"]},
    })
    result = derive(model, monkeypatch)
    assert (("x",), ("u", "v")) in result.degenerate_supports and not result.complete
    assert same(result, derive(model, monkeypatch, pairs=every_pair))


def test_the_limit_counts_pairs_of_equal_size():
    """2 x 18 has 786,429 support pairs but 189 of equal size: 189 x 20**2 = 75,600 is within the limit; 6 x 6 is not."""
    assert symbolic.equal_size_pairs(2, 18) == 189 and 189 * 20 ** 2 <= MAX_CONDITION_WORK
    symbolic._check_complexity(load_model("instrument_portfolio"))  # admitted: no SolverLimitError
    assert symbolic.equal_size_pairs(6, 6) * 12 ** 2 > MAX_CONDITION_WORK


def test_unequal_pairs_of_the_portfolio_game_are_screened_out_but_one():
    """Only (Restrain; Neutral-Bandwagon) survives: S gets 0 from both whenever T restrains."""
    port = load_model("instrument_portfolio")
    A, B = (sympy.Matrix(a.tolist()) for a in port.symbolic_game().payoff_arrays)
    pairs = symbolic._support_pairs(port, A, B)
    names = port.strategies
    unequal = [(tuple(names[0][i] for i in I), tuple(names[1][j] for j in J)) for I, J in pairs if len(I) != len(J)]
    assert len(pairs) == 2 * 18 + 153 + 1 and unequal == [(("Restrain",), ("Neutral", "Bandwagon"))]
