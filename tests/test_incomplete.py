"""Incomplete information: Bayesian Nash equilibria and pure PBE of signalling games (sbgames.extensive.incomplete)."""

import itertools
import os
import tempfile
from fractions import Fraction as F

import pytest
import sympy

from sbgames.equilibrium import VerificationError
from sbgames.extensive.incomplete import (PerfectBayesianEquilibrium, bayesian_nash_equilibria, beer_quiche,
                                          perfect_bayesian_conditions, perfect_bayesian_equilibria,
                                          signalling_game, verify_pbe)
from sbgames.extensive.tree import Chance, Decision, ExtensiveGame, Terminal
from sbgames.model import Parameter


def _key(pbe):
    return tuple(pbe.sender_strategy.values()), tuple(pbe.receiver_strategy.values())


# -- Beer-Quiche (Cho and Kreps 1987) ------------------------------------------------------

def test_beer_quiche_has_exactly_the_two_pooling_equilibria():
    found = perfect_bayesian_equilibria(beer_quiche())
    assert {_key(p): p.kind for p in found} == {
        (("Beer", "Beer"), ("NoDuel", "Duel")): "pooling",
        (("Quiche", "Quiche"), ("Duel", "NoDuel")): "pooling",
    }
    assert not [p for p in found if p.kind == "separating"]
    beer, quiche = found
    # on path: the prior; off path: Pr(Strong) at most 1/2 (the receiver duels a likely-weak sender)
    assert beer.beliefs == {"Beer": F(9, 10)} and beer.off_path_beliefs == {"Quiche": (F(0), F(1, 2))}
    assert quiche.beliefs == {"Quiche": F(9, 10)} and quiche.off_path_beliefs == {"Beer": (F(0), F(1, 2))}
    assert beer.sender_payoffs == {"Strong": 3, "Weak": 2} and beer.receiver_payoff == F(9, 10)
    assert quiche.sender_payoffs == {"Strong": 2, "Weak": 3}


def test_beer_quiche_low_prior_has_no_pure_pbe():
    # with Pr(Strong) = 1/3 < 1/2 only hybrid (semi-separating) equilibria exist, which are not searched for
    assert perfect_bayesian_equilibria(beer_quiche(F(1, 3))) == []


def test_verify_pbe_rejects_wrong_assessments():
    sg = beer_quiche()
    good = perfect_bayesian_equilibria(sg)[0]

    def altered(**changes):
        fields = dict(sender_strategy=good.sender_strategy, receiver_strategy=good.receiver_strategy,
                      beliefs=good.beliefs, off_path_beliefs=good.off_path_beliefs, kind=good.kind,
                      sender_payoffs=good.sender_payoffs, receiver_payoff=good.receiver_payoff, game=sg)
        fields.update(changes)
        return PerfectBayesianEquilibrium(**fields)

    with pytest.raises(VerificationError, match="Bayes"):
        verify_pbe(altered(beliefs={"Beer": F(1, 2)}))
    with pytest.raises(VerificationError, match="gains by"):
        verify_pbe(altered(off_path_beliefs={"Quiche": (F(0), F(1))}))  # Duel is wrong if Pr(Strong) = 1
    with pytest.raises(VerificationError, match="Weak gains by sending Quiche"):
        verify_pbe(altered(receiver_strategy={"Beer": "NoDuel", "Quiche": "NoDuel"},
                           off_path_beliefs={"Quiche": (F(1), F(1))}))


def _brute_force_pbe(sg, grid=41):
    """Pure PBE by brute force: off-path beliefs tried on a fine grid (containing 0, 1/2 and 1)."""
    t1, t2 = sg.types
    found = set()
    for messages in itertools.product(sg.messages, repeat=2):
        sends = dict(zip(sg.types, messages))
        for actions in itertools.product(sg.actions, repeat=len(sg.messages)):
            replies = dict(zip(sg.messages, actions))
            ok = True
            for m in sg.messages:
                w1 = sg.prior if sends[t1] == m else 0
                w2 = 1 - sg.prior if sends[t2] == m else 0
                beliefs = [F(w1) / (w1 + w2)] if w1 + w2 else [F(k, grid - 1) for k in range(grid)]
                value = lambda a, mu, m=m: mu * sg.payoffs[t1, m, a][1] + (1 - mu) * sg.payoffs[t2, m, a][1]
                if not any(all(value(replies[m], mu) >= value(b, mu) for b in sg.actions) for mu in beliefs):
                    ok = False
            for t in sg.types:
                if any(sg.payoffs[t, m, replies[m]][0] > sg.payoffs[t, sends[t], replies[sends[t]]][0]
                       for m in sg.messages):
                    ok = False
            if ok:
                found.add((tuple(sends.values()), tuple(replies.values())))
    return found


@pytest.mark.parametrize("prior", [F(1, 10), F(1, 3), F(1, 2), F(9, 10)])
def test_beer_quiche_matches_brute_force(prior):
    sg = beer_quiche(prior)
    assert {_key(p) for p in perfect_bayesian_equilibria(sg)} == _brute_force_pbe(sg)


# -- soft balancing as a signal ------------------------------------------------------------------

def _soft_balancing(p, v, g, k):
    """T is Status-quo (prior p) or Revisionist; it Restrains or Asserts; S plays Soft or Bandwagon.

    T gets v when S bandwagons; the revisionist gains g by asserting, the status-quo type pays k
    to assert.  S gets 1 for bandwagoning with a status-quo T or soft balancing a revisionist, else 0.
    Hand-derived (v, g, k > 0, 0 < p < 1):
    separating (Status-quo Restrain, Revisionist Assert) iff g >= v;
    pooling on Restrain (S: Restrain -> Bandwagon, Assert -> Soft) iff p >= 1/2 and v >= g;
    pooling on Assert (S: Assert -> Bandwagon, Restrain -> Soft) iff p >= 1/2 and v >= k;
    nothing else.
    """
    def pay(t, m, a):
        sender = (v if a == "Bandwagon" else 0) + (g if (t, m) == ("Revisionist", "Assert") else 0) \
            - (k if (t, m) == ("Status-quo", "Assert") else 0)
        receiver = 1 if (t == "Status-quo") == (a == "Bandwagon") else 0
        return sender, receiver
    return signalling_game(("Status-quo", "Revisionist"), p, ("Restrain", "Assert"), ("Soft", "Bandwagon"), pay)


SEPARATING = (("Restrain", "Assert"), ("Bandwagon", "Soft"))
POOL_RESTRAIN = (("Restrain", "Restrain"), ("Bandwagon", "Soft"))
POOL_ASSERT = (("Assert", "Assert"), ("Soft", "Bandwagon"))


def _expected(p, v, g, k):
    out = set()
    if g >= v:
        out.add(SEPARATING)
    if p >= F(1, 2) and v >= g:
        out.add(POOL_RESTRAIN)
    if p >= F(1, 2) and v >= k:
        out.add(POOL_ASSERT)
    return out


def test_soft_balancing_separating_when_revision_gain_is_large():
    found = perfect_bayesian_equilibria(_soft_balancing(F(3, 5), 2, 3, 1))
    assert {_key(x) for x in found} == {SEPARATING, POOL_ASSERT}
    sep = next(x for x in found if x.kind == "separating")
    assert sep.beliefs == {"Restrain": 1, "Assert": 0} and sep.off_path_beliefs == {}
    pool = next(x for x in found if x.kind == "pooling")
    assert pool.beliefs == {"Assert": F(3, 5)} and pool.off_path_beliefs == {"Restrain": (0, F(1, 2))}


def test_soft_balancing_pooling_when_bandwagon_value_dominates():
    found = perfect_bayesian_equilibria(_soft_balancing(F(3, 5), 2, 1, 1))
    assert {_key(x) for x in found} == {POOL_RESTRAIN, POOL_ASSERT}
    assert all(x.kind == "pooling" for x in found)


@pytest.mark.parametrize("p,v,g,k", [(F(3, 5), 2, 3, 1), (F(3, 5), 2, 1, 1), (F(1, 4), 2, 3, 1),
                                     (F(1, 4), 2, 1, 1), (F(1, 2), 2, 2, 3), (F(7, 8), 1, 5, 2)])
def test_soft_balancing_numeric_matches_hand_derivation(p, v, g, k):
    sg = _soft_balancing(p, v, g, k)
    assert {_key(x) for x in perfect_bayesian_equilibria(sg)} == _expected(p, v, g, k) == _brute_force_pbe(sg)


def test_soft_balancing_symbolic_conditions():
    p, v, g, k = sympy.symbols("p v g k", positive=True)
    pars = {"p": Parameter("p", F(1, 2), above=F(0), below=F(1)), "v": Parameter("v", F(1), above=F(0)),
            "g": Parameter("g", F(1), above=F(0)), "k": Parameter("k", F(1), above=F(0))}
    conditions = {(tuple(c.sender_strategy.values()), tuple(c.receiver_strategy.values())): c
                  for c in perfect_bayesian_conditions(_soft_balancing(p, v, g, k), pars)}
    assert set(conditions) == {SEPARATING, POOL_RESTRAIN, POOL_ASSERT}
    assert conditions[SEPARATING].kind == "separating" and conditions[POOL_ASSERT].off_path == ("Restrain",)
    sym = {c.name: pars[c.name].symbol for c in (p, v, g, k)}
    assert sympy.simplify(conditions[SEPARATING].conditions) == (sym["g"] >= sym["v"])
    # the conditions agree with the numeric enumeration on a grid
    for pv, vv, gv, kv in itertools.product([F(1, 4), F(1, 2), F(3, 4)], [1, 2], [1, 2, 3], [1, 3]):
        expected = _expected(pv, vv, gv, kv)
        assert {key for key, c in conditions.items() if c.holds_at(p=pv, v=vv, g=gv, k=kv)} == expected


def test_symbolic_beer_quiche():
    p = sympy.Symbol("p")
    pars = {"p": Parameter("p", F(9, 10), above=F(0), below=F(1))}
    found = perfect_bayesian_conditions(beer_quiche(p), pars)
    assert [c.kind for c in found] == ["pooling", "pooling"]
    assert all(c.holds_at(p=F(1, 2)) and not c.holds_at(p=F(49, 100)) for c in found)


def test_input_errors():
    with pytest.raises(ValueError, match="exactly two sender types"):
        signalling_game(("a", "b", "c"), F(1, 2), ("x", "y"), ("u", "w"), lambda *k: (0, 0))
    with pytest.raises(ValueError, match="no entry"):
        signalling_game(("a", "b"), F(1, 2), ("x", "y"), ("u", "w"), {})
    with pytest.raises(ValueError, match="prior"):
        signalling_game(("a", "b"), F(3, 2), ("x", "y"), ("u", "w"), lambda *k: (0, 0))
    with pytest.raises(ValueError, match="symbolic"):
        perfect_bayesian_equilibria(beer_quiche(sympy.Symbol("p")))
    with pytest.raises(ValueError, match="no parameter"):
        perfect_bayesian_conditions(beer_quiche(sympy.Symbol("p")))
    with pytest.raises(ValueError, match="chance node"):
        bayesian_nash_equilibria(ExtensiveGame(Decision("A", {"x": Terminal((1,))}), ["A"]))


# -- Bayesian Nash equilibria ---------------------------------------------------------------

def _entry(prior=F(1, 3)):
    def incumbent(fight, accommodate):
        return Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
            "Fight": Terminal(fight), "Accommodate": Terminal(accommodate)})}, infoset="E?")
    return ExtensiveGame(Chance({"Tough": (prior, incumbent((-1, 1), (1, 0))),
                                 "Weak": (1 - prior, incumbent((-1, -1), (1, 1)))}), players=["E", "I"])


def test_bayesian_nash_entry_with_uncertain_incumbent():
    found = bayesian_nash_equilibria(_entry())
    pure = {(b.plan("E")["E?"], b.plan("I")["Tough"], b.plan("I")["Weak"]) for b in found if b.is_pure}
    # entering earns 1/3 * (-1) + 2/3 * 1 = 1/3 against the type-contingent best replies
    assert pure == {("In", "Fight", "Accommodate"), ("Out", "Fight", "Fight"), ("Out", "Accommodate", "Fight")}
    entered = next(b for b in found if b.is_pure and b.plan("E")["E?"] == "In")
    assert entered.equilibrium.payoffs == (F(1, 3), F(1, 3) * 1 + F(2, 3) * 1)
    # a likely-tough incumbent deters entry by itself
    assert all(b.plan("E")["E?"] == "Out" for b in bayesian_nash_equilibria(_entry(F(3, 4))) if b.is_pure)


def test_bayesian_nash_of_a_signalling_tree_gives_type_contingent_plans():
    found = [b for b in bayesian_nash_equilibria(beer_quiche().game) if b.is_pure]
    plans = [b.plan("T") for b in found]
    assert {"Strong": "Beer", "Weak": "Beer"} in plans and {"Strong": "Quiche", "Weak": "Quiche"} in plans
    # every pure PBE is a Bayesian Nash equilibrium
    for pbe in perfect_bayesian_equilibria(beer_quiche()):
        assert any(b.plan("T") == pbe.sender_strategy
                   and b.plan("S") == {f"S|{m}": a for m, a in pbe.receiver_strategy.items()} for b in found)


# -- pygambit as an independent oracle ------------------------------------------------------------

@pytest.mark.parametrize("make", [beer_quiche, lambda: _soft_balancing(F(3, 5), 2, 3, 1), _entry],
                         ids=["beer-quiche", "soft-balancing", "entry"])
def test_nash_equilibria_match_pygambit(make):
    pygambit = pytest.importorskip("pygambit")
    from sbgames.extensive.efg import format_efg
    tree = make()
    tree = getattr(tree, "game", tree)
    path = os.path.join(tempfile.mkdtemp(), "game.efg")
    with open(path, "w", encoding="utf-8") as f:
        f.write(format_efg(tree))
    theirs = pygambit.read_efg(path)
    ours = bayesian_nash_equilibria(tree)
    gambit_pure = sorted(tuple(F(str(eq.payoff(p))) for p in theirs.players)
                         for eq in pygambit.nash.enumpure_solve(theirs).equilibria)
    assert sorted(b.equilibrium.payoffs for b in ours if b.is_pure) == gambit_pure
    # Gambit's LCP equilibrium (an extreme equilibrium) is among ours, by payoffs
    ours_payoffs = {b.equilibrium.payoffs for b in ours}
    for eq in pygambit.nash.lcp_solve(theirs, rational=True, use_strategic=True).equilibria:
        assert tuple(F(str(eq.payoff(p))) for p in theirs.players) in ours_payoffs


def test_conditions_of_a_numeric_game_agree_with_enumeration():
    found = perfect_bayesian_conditions(beer_quiche())
    assert [str(c.conditions) for c in found] == ["True", "True"]
    assert {(tuple(c.sender_strategy.values()), tuple(c.receiver_strategy.values())) for c in found} == \
        {_key(x) for x in perfect_bayesian_equilibria(beer_quiche())}


def test_symbolic_prior_must_be_interior():
    pars = {"p": Parameter("p", F(1, 2), min=F(0), max=F(1))}
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        perfect_bayesian_conditions(beer_quiche(sympy.Symbol("p")), pars)
