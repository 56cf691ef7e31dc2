"""Incomplete information: Bayesian Nash equilibria and pure PBE of signalling games (sbgames.extensive.incomplete)."""

import itertools
import os
import tempfile
from fractions import Fraction as F

import pytest
import sympy

from sbgames.equilibrium import VerificationError
from sbgames.extensive.incomplete import (
    PerfectBayesianEquilibrium,
    SemiSeparatingEquilibrium,
    bayesian_nash_equilibria,
    beer_quiche,
    perfect_bayesian_conditions,
    perfect_bayesian_equilibria,
    semi_separating_conditions,
    semi_separating_equilibria,
    signalling_game,
    verify_pbe,
    verify_semi_separating,
)
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
    # with Pr(Strong) = 1/3 < 1/2 only hybrid (semi-separating) equilibria exist (semi_separating_equilibria)
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
        bayesian_nash_equilibria(ExtensiveGame(Decision("A", {"x": Terminal((1,))}), ["A"]), exact=True)


# -- Bayesian Nash equilibria ---------------------------------------------------------------

def _entry(prior=F(1, 3)):
    def incumbent(fight, accommodate):
        return Decision("E", {"Out": Terminal((0, 2)), "In": Decision("I", {
            "Fight": Terminal(fight), "Accommodate": Terminal(accommodate)})}, infoset="E?")
    return ExtensiveGame(Chance({"Tough": (prior, incumbent((-1, 1), (1, 0))),
                                 "Weak": (1 - prior, incumbent((-1, -1), (1, 1)))}), players=["E", "I"])


def test_bayesian_nash_entry_with_uncertain_incumbent():
    found = bayesian_nash_equilibria(_entry(), exact=True)
    pure = {(b.plan("E")["E?"], b.plan("I")["Tough"], b.plan("I")["Weak"]) for b in found if b.is_pure}
    # entering earns 1/3 * (-1) + 2/3 * 1 = 1/3 against the type-contingent best replies
    assert pure == {("In", "Fight", "Accommodate"), ("Out", "Fight", "Fight"), ("Out", "Accommodate", "Fight")}
    entered = next(b for b in found if b.is_pure and b.plan("E")["E?"] == "In")
    assert entered.equilibrium.payoffs == (F(1, 3), F(1, 3) * 1 + F(2, 3) * 1)
    # a likely-tough incumbent deters entry by itself
    assert all(b.plan("E")["E?"] == "Out" for b in bayesian_nash_equilibria(_entry(F(3, 4)), exact=True) if b.is_pure)


def test_bayesian_nash_of_a_signalling_tree_gives_type_contingent_plans():
    found = [b for b in bayesian_nash_equilibria(beer_quiche().game, exact=True) if b.is_pure]
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
    pytest.importorskip("pygambit")
    from sbgames.extensive.efg import format_efg
    from sbgames.interop import gambit_equilibria, read_gambit
    tree = make()
    tree = getattr(tree, "game", tree)
    path = os.path.join(tempfile.mkdtemp(), "game.efg")
    with open(path, "w", encoding="utf-8") as f:
        f.write(format_efg(tree))
    theirs = read_gambit(path)
    ours = bayesian_nash_equilibria(tree, exact=True)
    gambit_pure = sorted(tuple(eq.payoffs) for eq in gambit_equilibria(theirs, "enumpure"))
    assert sorted(b.equilibrium.payoffs for b in ours if b.is_pure) == gambit_pure
    # Gambit's LCP equilibrium (an extreme equilibrium) is among ours, by payoffs
    ours_payoffs = {b.equilibrium.payoffs for b in ours}
    for eq in gambit_equilibria(theirs, "lcp", rational=True):
        assert tuple(eq.payoffs) in ours_payoffs


def test_conditions_of_a_numeric_game_agree_with_enumeration():
    found = perfect_bayesian_conditions(beer_quiche())
    assert [str(c.conditions) for c in found] == ["True", "True"]
    assert {(tuple(c.sender_strategy.values()), tuple(c.receiver_strategy.values())) for c in found} == \
        {_key(x) for x in perfect_bayesian_equilibria(beer_quiche())}


def test_symbolic_prior_must_be_interior():
    pars = {"p": Parameter("p", F(1, 2), min=F(0), max=F(1))}
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        perfect_bayesian_conditions(beer_quiche(sympy.Symbol("p")), pars)


# -- semi-separating (hybrid) equilibria -----------------------------------------------------------

def test_beer_quiche_low_prior_semi_separating_by_hand():
    # Hand derivation at p = Pr(Strong) = 1/3 (payoffs from beer_quiche: T gets 1 for the preferred
    # breakfast + 2 for no duel; S gets 1 for dueling Weak or not dueling Strong).
    # Strong always Beer, Weak sends Beer with probability q.  After Beer, with mu = Pr(Strong | Beer):
    # Duel gives S 1 - mu, NoDuel gives mu, indifferent at mu* = 1/2.  Bayes: p / (p + (1 - p) q) = 1/2,
    # so q = p / (1 - p) = (1/3) / (2/3) = 1/2.  Quiche is sent by Weak only: belief 0, S duels.
    # With r = Pr(Duel | Beer), Weak: Beer gives 0 + 2 (1 - r), Quiche gives 1 + 0 = 1; indifferent
    # at r = 1/2.  Strong: Beer gives 1 + 2 (1 - r) = 2 >= Quiche with a duel = 0.  Payoffs: Strong 2,
    # Weak 1; S gets Pr(Beer) * 1/2 + Pr(Quiche) * 1 = 2/3 * 1/2 + 1/3 * 1 = 2/3.
    # The other three cases fail: Strong mixing needs q = 2 (both messages), Weak mixing with Strong
    # on Quiche needs r = 3/2.
    (eq,) = semi_separating_equilibria(beer_quiche(F(1, 3)))
    assert eq.kind == "semi-separating" and eq.mixing_type == "Weak" and eq.pooled_message == "Beer"
    assert eq.sender_strategy == {"Strong": {"Beer": 1}, "Weak": {"Beer": F(1, 2), "Quiche": F(1, 2)}}
    assert eq.receiver_strategy == {"Beer": {"Duel": F(1, 2), "NoDuel": F(1, 2)},
                                    "Quiche": {"Duel": 1, "NoDuel": 0}}
    assert eq.beliefs == {"Beer": F(1, 2), "Quiche": 0}
    assert eq.sender_payoffs == {"Strong": 2, "Weak": 1} and eq.receiver_payoff == F(2, 3)
    verify_pbe(eq)
    # general prior p < 1/2: q = p / (1 - p), r = 1/2
    for p in (F(1, 10), F(1, 4), F(2, 5)):
        (eq,) = semi_separating_equilibria(beer_quiche(p))
        assert eq.sender_strategy["Weak"]["Beer"] == p / (1 - p) and eq.receiver_strategy["Beer"]["Duel"] == F(1, 2)


def test_no_semi_separating_equilibrium():
    # p >= 1/2: Weak would have to send Beer with probability p / (1 - p) >= 1
    assert semi_separating_equilibria(beer_quiche(F(9, 10))) == []
    assert semi_separating_equilibria(beer_quiche(F(1, 2))) == []
    # a receiver with a dominant action is never indifferent
    dominant = signalling_game(("a", "b"), F(1, 2), ("x", "y"), ("u", "w"),
                               lambda t, m, act: (int(m == "x") + int(act == "u"), int(act == "u")))
    assert semi_separating_equilibria(dominant) == []
    # degenerate priors
    assert semi_separating_equilibria(beer_quiche(F(0))) == []


def test_semi_separating_verifier_rejects_wrong_assessments():
    sg = beer_quiche(F(1, 3))
    (good,) = semi_separating_equilibria(sg)

    def altered(**changes):
        fields = {"sender_strategy": good.sender_strategy, "receiver_strategy": good.receiver_strategy,
                  "beliefs": good.beliefs, "kind": good.kind, "mixing_type": good.mixing_type,
                  "pooled_message": good.pooled_message, "sender_payoffs": good.sender_payoffs,
                  "receiver_payoff": good.receiver_payoff, "game": sg}
        fields.update(changes)
        return SemiSeparatingEquilibrium(**fields)

    with pytest.raises(VerificationError, match="Bayes"):
        verify_semi_separating(altered(beliefs={"Beer": F(1, 3), "Quiche": 0}))
    # Weak sends Beer with probability 1/4: belief 2/3 after Beer, dueling is no longer a best reply
    with pytest.raises(VerificationError, match="not a best reply"):
        verify_pbe(altered(sender_strategy={"Strong": {"Beer": 1}, "Weak": {"Beer": F(1, 4), "Quiche": F(3, 4)}},
                           beliefs={"Beer": F(2, 3), "Quiche": 0}))
    # S duels after Beer with probability 1/4: Weak strictly prefers Beer
    with pytest.raises(VerificationError, match="Weak sends Quiche"):
        verify_pbe(altered(receiver_strategy={"Beer": {"Duel": F(1, 4), "NoDuel": F(3, 4)},
                                              "Quiche": {"Duel": 1, "NoDuel": 0}}))
    with pytest.raises(VerificationError, match="payoff"):
        verify_pbe(altered(sender_payoffs={"Strong": 2, "Weak": 2}))
    with pytest.raises(VerificationError, match="no sender type mixes"):
        verify_pbe(altered(sender_strategy={"Strong": {"Beer": 1}, "Weak": {"Beer": 1}}))


def test_semi_separating_input_errors():
    with pytest.raises(ValueError, match="symbolic"):
        semi_separating_equilibria(beer_quiche(sympy.Symbol("p")))
    three = signalling_game(("a", "b"), F(1, 2), ("x", "y", "z"), ("u", "w"), lambda *k: (0, 0))
    with pytest.raises(NotImplementedError, match="two messages"):
        semi_separating_equilibria(three)
    flat = signalling_game(("a", "b"), F(1, 2), ("x", "y"), ("u", "w"), lambda *k: (0, 0))
    with pytest.raises(NotImplementedError, match="continuum"):
        semi_separating_equilibria(flat)


def _brute_force_hybrid(sg, n):
    """Hybrid profiles on the grid k/n checked from the definition: one type mixes with probability q in
    (0, 1), the other sends m_b; S mixes (r, 1 - r) after m_b and plays a_o after m_o.  Returns
    {(A, m_b, q, r, a_o)}."""
    t1, t2 = sg.types
    a0, a1 = sg.actions
    found = set()
    for A, mb in itertools.product(sg.types, sg.messages):
        (B,) = [t for t in sg.types if t != A]
        (mo,) = [m for m in sg.messages if m != mb]
        for k in range(1, n):
            q = F(k, n)
            sends = {A: {mb: q, mo: 1 - q}, B: {mb: F(1), mo: F(0)}}
            beliefs = {}
            for m in sg.messages:
                w1, w2 = sg.prior * sends[t1][m], (1 - sg.prior) * sends[t2][m]
                beliefs[m] = w1 / (w1 + w2)
            value = lambda m, a, mu=beliefs: mu[m] * sg.payoffs[t1, m, a][1] + (1 - mu[m]) * sg.payoffs[t2, m, a][1]
            for j in range(n + 1):
                r = F(j, n)
                for ao in sg.actions:
                    rho = {mb: {a0: r, a1: 1 - r}, mo: {a: F(int(a == ao)) for a in sg.actions}}
                    if any(rho[m][a] > 0 and value(m, a) < max(value(m, b) for b in sg.actions)
                           for m in sg.messages for a in sg.actions):
                        continue
                    u = {(t, m): sum(rho[m][a] * sg.payoffs[t, m, a][0] for a in sg.actions)
                         for t in sg.types for m in sg.messages}
                    if u[A, mb] != u[A, mo] or u[B, mb] < u[B, mo]:
                        continue
                    found.add((A, mb, q, r, ao))
    return found


def _hybrid_game(p):
    # asymmetric payoffs: S (actions u, w) is indifferent after x at Pr(a) = 2/3 and after y at 1/3
    table = {("a", "x", "u"): (2, 1), ("a", "x", "w"): (0, 0), ("b", "x", "u"): (0, 0), ("b", "x", "w"): (1, 2),
             ("a", "y", "u"): (1, 2), ("a", "y", "w"): (3, 0), ("b", "y", "u"): (3, 0), ("b", "y", "w"): (0, 1)}
    return signalling_game(("a", "b"), p, ("x", "y"), ("u", "w"), table)


@pytest.mark.parametrize("make,n", [(lambda: beer_quiche(F(1, 3)), 12), (lambda: beer_quiche(F(1, 5)), 12),
                                    (lambda: beer_quiche(F(9, 10)), 12), (lambda: _hybrid_game(F(1, 2)), 12),
                                    (lambda: _hybrid_game(F(1, 4)), 12), (lambda: _hybrid_game(F(4, 5)), 24),
                                    (lambda: _soft_balancing(F(1, 4), 2, 3, 1), 12)])
def test_semi_separating_matches_brute_force(make, n):
    sg = make()
    ours = set()
    for eq in semi_separating_equilibria(sg):
        A, mb = eq.mixing_type, eq.pooled_message
        ours.add((A, mb, eq.sender_strategy[A][mb], eq.receiver_strategy[mb][sg.actions[0]],
                  next(a for a, x in eq.receiver_strategy[next(m for m in sg.messages if m != mb)].items() if x)))
    brute = _brute_force_hybrid(sg, n)
    # every profile we return is on the grid here and passes the brute-force check ...
    assert ours <= brute
    # ... and every brute-force profile in which S really mixes after m_b is ours (with r in {0, 1} other
    # mixing probabilities can be equilibria too, see the Notes)
    assert {x for x in brute if 0 < x[3] < 1} <= ours


# -- symbolic semi-separating conditions -----------------------------------------------------------

def test_semi_separating_conditions_beer_quiche_symbolic_prior():
    p = sympy.Symbol("p")
    pars = {"p": Parameter("p", F(1, 3), above=F(0), below=F(1))}
    found = semi_separating_conditions(beer_quiche(p), pars)
    (c,) = [c for c in found if (c.mixing_type, c.pooled_message, c.other_action) == ("Weak", "Beer", "Duel")]
    assert c.kind == "semi-separating"
    ps = pars["p"].symbol
    sigma, r = c.sender_strategy["Weak"]["Beer"], c.receiver_strategy["Beer"]["Duel"]
    assert sympy.simplify(sigma - ps / (1 - ps)) == 0
    assert sympy.simplify(c.sender_strategy["Weak"]["Quiche"] - (1 - ps / (1 - ps))) == 0
    assert sympy.simplify(r - sympy.Rational(1, 2)) == 0
    assert c.sender_strategy["Strong"] == {"Beer": 1}
    assert c.receiver_strategy["Quiche"] == {"Duel": 1, "NoDuel": 0}
    assert c.beliefs == {"Beer": sympy.Rational(1, 2), "Quiche": 0}
    assert sympy.simplify(c.conditions) == (ps < sympy.Rational(1, 2))
    assert all(c.holds_at(p=x) for x in (F(1, 10), F(1, 3), F(49, 100)))
    assert not any(c.holds_at(p=x) for x in (F(1, 2), F(51, 100), F(9, 10)))
    # the only candidate that is not provably false, and it agrees with the numeric solver
    assert found == [c]
    for x in (F(1, 5), F(1, 3)):
        (eq,) = semi_separating_equilibria(beer_quiche(x))
        assert eq.sender_strategy["Weak"]["Beer"] == sigma.subs(ps, x)
        assert eq.receiver_strategy["Beer"]["Duel"] == r.subs(ps, x)


def _hybrid_keys_numeric(sg):
    out = set()
    for eq in semi_separating_equilibria(sg):
        A, mb = eq.mixing_type, eq.pooled_message
        (mo,) = [m for m in sg.messages if m != mb]
        ao = next(a for a, x in eq.receiver_strategy[mo].items() if x)
        out.add((A, mb, ao, eq.sender_strategy[A][mb], eq.receiver_strategy[mb][sg.actions[0]], eq.beliefs[mb]))
    return out


def _hybrid_keys_symbolic(conditions, sg, point):
    def value(e):
        e = sympy.sympify(e)
        return F(str(e.subs({s: point[s.name] for s in e.free_symbols})))
    return {(c.mixing_type, c.pooled_message, c.other_action,
             value(c.sender_strategy[c.mixing_type][c.pooled_message]),
             value(c.receiver_strategy[c.pooled_message][sg.actions[0]]), value(c.beliefs[c.pooled_message]))
            for c in conditions if c.holds_at(**point)}


@pytest.mark.parametrize("point", [dict(p=F(1, 4), v=2, g=1, k=1), dict(p=F(1, 4), v=2, g=1, k=3),
                                   dict(p=F(1, 3), v=3, g=2, k=1), dict(p=F(1, 4), v=2, g=3, k=1),
                                   dict(p=F(2, 3), v=2, g=1, k=1), dict(p=F(3, 4), v=1, g=3, k=2),
                                   dict(p=F(2, 5), v=5, g=1, k=7)])
def test_semi_separating_conditions_match_numeric_soft_balancing(point):
    p, v, g, k = sympy.symbols("p v g k", positive=True)
    pars = {"p": Parameter("p", F(1, 2), above=F(0), below=F(1)), "v": Parameter("v", F(1), above=F(0)),
            "g": Parameter("g", F(1), above=F(0)), "k": Parameter("k", F(1), above=F(0))}
    conditions = semi_separating_conditions(_soft_balancing(p, v, g, k), pars)
    point = {name: F(x) for name, x in point.items()}
    numeric = _hybrid_keys_numeric(_soft_balancing(point["p"], point["v"], point["g"], point["k"]))
    assert _hybrid_keys_symbolic(conditions, _soft_balancing(p, v, g, k), point) == numeric


@pytest.mark.parametrize("x", [F(1, 5), F(1, 4), F(1, 2), F(3, 5), F(4, 5)])
def test_semi_separating_conditions_match_numeric_asymmetric_game(x):
    p = sympy.Symbol("p")
    pars = {"p": Parameter("p", F(1, 2), above=F(0), below=F(1))}
    sg = _hybrid_game(p)
    conditions = semi_separating_conditions(sg, pars)
    assert _hybrid_keys_symbolic(conditions, sg, {"p": x}) == _hybrid_keys_numeric(_hybrid_game(x))


def test_semi_separating_conditions_input_errors():
    three = signalling_game(("a", "b"), F(1, 2), ("x", "y", "z"), ("u", "w"), lambda *k: (0, 0))
    with pytest.raises(NotImplementedError, match="two messages"):
        semi_separating_conditions(three)
    with pytest.raises(ValueError, match="no parameter"):
        semi_separating_conditions(beer_quiche(sympy.Symbol("p")))
    pars = {"p": Parameter("p", F(1, 2), min=F(0), max=F(1))}
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        semi_separating_conditions(beer_quiche(sympy.Symbol("p")), pars)
    # a flat game: the receiver is indifferent at every belief, every candidate is provably false
    flat = signalling_game(("a", "b"), F(1, 2), ("x", "y"), ("u", "w"), lambda *k: (0, 0))
    assert semi_separating_conditions(flat) == []
