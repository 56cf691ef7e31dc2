"""Sequential games (sbgames.extensive): trees, subgame perfection, reduced normal forms.

The oracles here are written independently of the package: a brute-force
enumeration of every pure behaviour profile with a recursive evaluation of
the tree, and hand-derived results (entry deterrence, THEORY fact 4).
"""

import itertools
import random
from fractions import Fraction as F

import pytest
import sympy

from sbgames import Game, load_model
from sbgames.assumptions import ParameterSpace
from sbgames.equilibrium import VerificationError
from sbgames.extensive import (Chance, Decision, ExtensiveGame, Terminal, classify_nash, is_subgame_perfect,
                               one_shot_deviations, reduced_strategies, subgame_perfect_conditions,
                               subgame_perfect_equilibria, to_agent_form, to_normal_form)
from sbgames.extensive import index as index_module

CORE = load_model("core")


# -- games ------------------------------------------------------------------------

def entry_game():
    return ExtensiveGame(Decision("Entrant", {
        "Out": Terminal((0, 2)),
        "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}),
        players=["Entrant", "Incumbent"], title="Entry deterrence")


REPLIES = ("Hard", "Soft", "Bandwagon")


def core_payoffs(symbols):
    g, theta, e_h, e_s, lam, l, l_r, w, c_h, c_s, b, a = (
        symbols[k] for k in ("g", "theta", "e_h", "e_s", "lam", "l", "l_r", "w", "c_h", "c_s", "b", "a"))
    return {  # THEORY.md, the canonical 2 x 3 table
        ("Revise", "Hard"): ((1 - e_h) * g - w, -(1 - e_h) * theta - c_h - w),
        ("Revise", "Soft"): ((1 - e_s) * g - lam * l, -(1 - e_s) * theta - c_s),
        ("Revise", "Bandwagon"): (g, -theta + b),
        ("Restrain", "Hard"): (-a, -c_h),
        ("Restrain", "Soft"): (-lam * l_r, -c_s),
        ("Restrain", "Bandwagon"): (0, 0),
    }


def sequential_core(symbols=None):
    """T moves first (Revise / Restrain); S observes and replies Hard / Soft / Bandwagon."""
    pay = core_payoffs(symbols or CORE.symbols)
    return ExtensiveGame(
        Decision("T", {t: Decision("S", {r: Terminal(pay[t, r]) for r in REPLIES}) for t in ("Revise", "Restrain")}),
        players=["T", "S"], title="Sequential core")


FACT4 = {"T:Revise/S": "Soft", "T:Restrain/S": "Bandwagon"}


def centipede():
    return ExtensiveGame(Decision("A", {
        "Stop": Terminal((1, 0)),
        "Go": Decision("B", {"Stop": Terminal((0, 2)), "Go": Decision("A", {
            "Stop": Terminal((3, 1)), "Go": Terminal((2, 4))})})}), ["A", "B"])


# -- an independent oracle ----------------------------------------------------------

def _value(node, profile, prefix):
    """Expected payoffs from `node` under `profile` (keyed by the history of moves), recursively."""
    if isinstance(node, Terminal):
        return tuple(node.payoffs)
    if isinstance(node, Chance):
        total = None
        for name, p, child in node.moves:
            v = _value(child, profile, prefix + (name,))
            total = [p * x for x in v] if total is None else [t + p * x for t, x in zip(total, v)]
        return tuple(total)
    action = profile[prefix]
    return _value(node.actions[action], profile, prefix + (action,))


def _decision_prefixes(node, prefix=()):
    if isinstance(node, Terminal):
        return []
    out = [(prefix, node)] if isinstance(node, Decision) else []
    for name, child in node.children:
        out += _decision_prefixes(child, prefix + (name,))
    return out


def brute_force_spe(game):
    """Every pure SPE, as ``{history of action names: action}``, by checking all profiles."""
    nodes = _decision_prefixes(game.root)
    found = []
    for actions in itertools.product(*(node.action_names for _, node in nodes)):
        profile = {prefix: a for (prefix, _), a in zip(nodes, actions)}
        ok = True
        for prefix, node in nodes:
            i = game.players.index(node.player)
            chosen = _value(node.actions[profile[prefix]], profile, prefix + (profile[prefix],))[i]
            if any(_value(child, profile, prefix + (name,))[i] > chosen for name, child in node.children):
                ok = False
                break
        if ok:
            found.append(profile)
    return found


def by_history(game, strategies):
    return {tuple(a for _, a in game.history(path)): action for path, action in strategies.items()}


def random_tree(rng, players, depth, chance=True, values=(-2, -1, 0, 1, 2)):
    """A random perfect-information tree; small payoff ranges make ties common."""
    if depth == 0 or rng.random() < 0.25:
        return Terminal(tuple(rng.choice(values) for _ in players))
    if chance and rng.random() < 0.2:
        k = rng.choice((2, 3))
        weights = [rng.randint(1, 3) for _ in range(k)]
        return Chance({f"c{j}": (F(w, sum(weights)), random_tree(rng, players, depth - 1, chance, values))
                       for j, w in enumerate(weights)})
    k = rng.choice((1, 2, 2, 3))
    return Decision(rng.choice(players), {f"a{j}": random_tree(rng, players, depth - 1, chance, values)
                                          for j in range(k)})


# -- trees ----------------------------------------------------------------------------

def test_paths_histories_and_infosets():
    game = sequential_core()
    assert game.decision_nodes() == ("T", "T:Revise/S", "T:Restrain/S")
    assert game.decision_nodes("S") == ("T:Revise/S", "T:Restrain/S")
    assert game.terminals()[0] == "T:Revise/S:Hard"
    assert game.history("T:Revise/S:Soft") == (("T", "Revise"), ("S", "Soft"))
    assert game.parent("T:Revise/S:Soft") == "T:Revise/S" and game.parent("T") is None
    assert game.child("T", "Restrain") == "T:Restrain/S"
    assert game.path_of(game.root) == "T"
    assert game.is_perfect_information and game.kind == "symbolic" and game.depth == 2
    assert [i.name for i in game.infosets("S")] == ["T:Revise/S", "T:Restrain/S"]
    assert "theta" in game.symbols
    with pytest.raises(KeyError, match="did you mean 'T:Revise/S'"):
        game.node("T:Revise/s")
    with pytest.raises(KeyError, match="not a node of this game"):
        game.path_of(Terminal((1, 2)))


def test_numbers_are_exact_unless_floats_are_given():
    exact = ExtensiveGame(Decision("A", {"x": Terminal((1, F(1, 3))), "y": Terminal((0.5, 2))}), ["A", "B"])
    assert exact.kind == "float" and exact.node("A:x").payoffs == (1.0, 1 / 3)
    exact = ExtensiveGame(Decision("A", {"x": Terminal((1, F(1, 3))), "y": Terminal((sympy.Rational(1, 2), 2))}),
                          ["A", "B"])
    assert exact.kind == "exact" and exact.node("A:y").payoffs == (F(1, 2), F(2))
    assert all(type(v) is F for t in exact.terminals() for v in exact.node(t).payoffs)
    floats = exact.as_float()
    assert floats.kind == "float" and floats.node("A:x").payoffs == (1.0, 1 / 3)
    quarter = ExtensiveGame(Decision("A", {"x": Terminal((F(1, 4),))}), ["A"])
    assert quarter.as_float().as_exact() == quarter


def test_terminal_payoffs_by_player_name():
    game = ExtensiveGame(Decision("S", {"x": Terminal({"S": 1, "T": 2})}), ["T", "S"])
    assert game.node("S:x").payoffs == (F(2), F(1))


def test_subs_gives_the_numeric_game_and_keeps_it_immutable():
    game = sequential_core()
    numeric = game.subs(CORE.values())
    assert numeric.kind == "exact"
    assert numeric.node("T:Revise/S:Soft").payoffs == (F(4) * F(1, 2) - 2 * 3, -F(1, 2) * 6 - 1)
    partial = game.subs({"g": 4})
    assert partial.kind == "symbolic" and "g" not in partial.symbols
    with pytest.raises(AttributeError, match="immutable"):
        game.title = "x"
    with pytest.raises(AttributeError, match="immutable"):
        game.root._player = "S"


def test_equality_and_text():
    assert entry_game() == entry_game()
    assert entry_game() != centipede()
    text = entry_game().text()
    assert text.splitlines()[0] == "Entrant" and "  In -> Incumbent" in text and "    Fight -> (-1, -1)" in text


@pytest.mark.parametrize("build, message", [
    (lambda: ExtensiveGame(Decision("X", {"a": Terminal((1,))}), ["T"]),
     r"node X: unknown player 'X'; players are \['T'\]"),
    (lambda: ExtensiveGame(Decision("T", {"a": Decision("S", {})}), ["T", "S"]),
     "node T:a/S: a decision node needs at least one action"),
    (lambda: ExtensiveGame(Decision("T", [("a", Terminal((1,))), ("a", Terminal((2,)))]), ["T"]),
     r"node T: action names must be distinct at a node, \['a'\] repeated"),
    (lambda: ExtensiveGame(Decision("T", {"a": Terminal((1, 2, 3))}), ["T", "S"]),
     "node T:a: the terminal needs 2 payoffs"),
    (lambda: ExtensiveGame(Chance({"H": (F(1, 2), Terminal((1,))), "T": (F(1, 3), Terminal((0,)))}), ["P"]),
     "node chance: chance probabilities must sum to 1, they sum to 5/6"),
    (lambda: ExtensiveGame(Decision("P", {"go": Chance({"H": (F(3, 2), Terminal((1,))),
                                                          "T": (F(-1, 2), Terminal((0,)))})}), ["P"]),
     r"node P:go/chance: the probability of 'H' is 3/2, outside \[0, 1\]"),
    (lambda: ExtensiveGame(Decision("T", {
        "a": Decision("S", {"x": Terminal((0, 0))}, infoset="I"),
        "b": Decision("T", {"x": Terminal((0, 0))}, infoset="I")}), ["T", "S"]),
     "node T:b/T: information set 'I' belongs to 'S' at T:a/S but to 'T' here"),
    (lambda: ExtensiveGame(Decision("T", {
        "a": Decision("S", {"x": Terminal((0, 0)), "y": Terminal((0, 0))}, infoset="I"),
        "b": Decision("S", {"y": Terminal((0, 0)), "z": Terminal((0, 0))}, infoset="I")}), ["T", "S"]),
     r"node T:b/S: information set 'I' offers actions \['x', 'y'\] at T:a/S but \['y', 'z'\] here"),
    (lambda: ExtensiveGame(Decision("T", {"a": Decision("S", {"x": Terminal((0, 0))}, infoset="T")}), ["T", "S"]),
     "node T:a/S: information set name 'T' is also the path of another decision node"),
    (lambda: ExtensiveGame(Decision("T", {"a": "oops"}), ["T"]),
     "node T:a: expected a Decision, Chance or Terminal node, got str"),
    (lambda: ExtensiveGame(Decision("T", {"a": Terminal(("x",))}), ["T"]),
     "node T:a: payoff of T: payoff must be a real number, got str"),
    (lambda: ExtensiveGame(Decision("T", {"a": Terminal((float("nan"),))}), ["T"]),
     "node T:a: payoff of T: payoff must be finite"),
    (lambda: ExtensiveGame(Decision("T", {"a": Terminal((1,))}), ["T", "T"]),
     "player names must be distinct"),
    (lambda: ExtensiveGame(Decision("chance", {"a": Terminal((1,))}), ["chance"]),
     "'chance' names nature's moves"),
    (lambda: ExtensiveGame(Decision("T", {"a": Terminal({"S": 1})}), ["T"]),
     r"node T:a: payoffs for unknown player\(s\) \['S'\]"),
    (lambda: ExtensiveGame(Decision("T", {"a": Terminal({"T": 1})}), ["T", "S"]),
     r"node T:a: the terminal gives no payoff for \['S'\]"),
    (lambda: ExtensiveGame(Decision("T", {"": Terminal((1,))}), ["T"]),
     "node T: action names must be non-empty strings"),
    (lambda: ExtensiveGame(Decision("T", {"a": Terminal((1,))}, infoset=3), ["T"]),
     "node T: infoset must be a non-empty string or None"),
])
def test_bad_trees_are_refused_with_the_node_path(build, message):
    with pytest.raises((ValueError, TypeError), match=message):
        build()


def test_a_node_object_cannot_be_used_twice():
    shared = Terminal((0, 0))
    with pytest.raises(ValueError, match="node T:b: this node object is also used at T:a"):
        ExtensiveGame(Decision("T", {"a": shared, "b": shared}), ["T", "S"])
    leaf = Terminal((1,))
    with pytest.raises(ValueError, match="also used at"):
        ExtensiveGame(Decision("T", {"a": Decision("T", {"x": leaf}), "b": Decision("T", {"y": leaf})}), ["T"])


def test_too_deep_trees_are_refused(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_DEPTH", 5)
    node = Terminal((0,))
    for _ in range(7):
        node = Decision("P", {"go": node})
    with pytest.raises(ValueError, match="deeper than 5 levels"):
        ExtensiveGame(node, ["P"])


def test_node_constructors_refuse_wrong_containers():
    with pytest.raises(TypeError, match="actions must be a mapping"):
        Decision("T", "ab")
    with pytest.raises(TypeError, match=r"must map to a \(probability, child\) pair"):
        Chance({"H": F(1, 2)})
    with pytest.raises(TypeError, match="payoffs must be a sequence"):
        Terminal(3)


def test_symbolic_probabilities_must_sum_to_one_identically():
    p, q = sympy.symbols("p q", positive=True)
    ok = ExtensiveGame(Chance({"H": (p, Terminal((1,))), "T": (1 - p, Terminal((0,)))}), ["P"])
    assert ok.kind == "symbolic"
    assert ok.subs({"p": F(1, 4)}).node("chance").probabilities == (F(1, 4), F(3, 4))
    with pytest.raises(ValueError, match="must sum to 1"):
        ExtensiveGame(Chance({"H": (p, Terminal((1,))), "T": (q, Terminal((0,)))}), ["P"])
    with pytest.raises(ValueError, match="outside"):
        ok.subs({"p": 2})


def test_float_probabilities_sum_with_a_tolerance():
    third = 1 / 3
    game = ExtensiveGame(Chance({k: (third, Terminal((float(j),))) for j, k in enumerate("abc")}), ["P"])
    assert game.kind == "float"
    assert to_normal_form(game).payoff(["-"])[0] == pytest.approx(1.0)


# -- entry deterrence ---------------------------------------------------------------------

def test_entry_deterrence_has_the_unique_spe_in_accommodate():
    (spe,) = subgame_perfect_equilibria(entry_game())
    assert dict(spe.strategies) == {"Entrant": "In", "Entrant:In/Incumbent": "Accommodate"}
    assert spe.path == (("Entrant", "In"), ("Entrant:In/Incumbent", "Accommodate"))
    assert spe.actions == ("In", "Accommodate")
    assert spe.payoffs == (F(1), F(1))
    assert dict(spe.outcomes) == {"Entrant:In/Incumbent:Accommodate": 1}
    assert spe.strategy("Incumbent") == {"Entrant:In/Incumbent": "Accommodate"}
    assert spe.describe() == "Entrant: In; Incumbent: Accommodate after Entrant:In"
    assert spe.to_dict()["payoffs"] == {"Entrant": {"exact": "1", "float": 1.0}, "Incumbent": {"exact": "1", "float": 1.0}}
    assert brute_force_spe(entry_game()) == [by_history(entry_game(), spe.strategies)]


def test_entry_deterrence_reduced_normal_form_and_its_nash_equilibria():
    nf = to_normal_form(entry_game())
    assert nf.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    assert nf.payoff(("Out", "Fight")) == (0, 2) and nf.payoff(("Out", "Accommodate")) == (0, 2)
    assert nf.payoff(("In", "Fight")) == (-1, -1) and nf.payoff(("In", "Accommodate")) == (1, 1)
    pure = {tuple(s[0] for s in eq.supports) for eq in nf.equilibria(exact=True) if eq.is_pure}
    assert pure == {("Out", "Fight"), ("In", "Accommodate")}


def test_classify_nash_exposes_the_non_credible_threat():
    result = classify_nash(entry_game())
    verdicts = {v.profile: v for v in result.pure()}
    assert set(verdicts) == {("Out", "Fight"), ("In", "Accommodate")}
    threat = verdicts[("Out", "Fight")]
    assert threat.subgame_perfect is False
    assert threat.non_credible == (("Entrant:In/Incumbent", "Fight"),)
    assert "non-credible: Fight at Entrant:In/Incumbent" in threat.describe()
    good = verdicts[("In", "Accommodate")]
    assert good.subgame_perfect is True and good.non_credible == ()
    assert [s.actions for s in good.spe] == [("In", "Accommodate")]
    # the continuum (Out, Fight with probability >= 1/2) shows up as a mixed extreme point
    mixed = [v for v in result if v.profile is None]
    assert mixed and all(v.subgame_perfect is None for v in mixed)
    assert result.normal_form == to_normal_form(entry_game())


def test_one_shot_deviations_and_verification():
    game = entry_game()
    assert one_shot_deviations(game, {"Entrant": "Out", "Entrant:In/Incumbent": "Fight"}) == \
        [("Entrant:In/Incumbent", "Accommodate", F(2))]
    assert is_subgame_perfect(game, {"Entrant": "In", "Entrant:In/Incumbent": "Accommodate"})
    with pytest.raises(ValueError, match="gives no action at"):
        is_subgame_perfect(game, {"Entrant": "In"})
    with pytest.raises(ValueError, match="unknown action 'Maybe'"):
        is_subgame_perfect(game, {"Entrant": "Maybe", "Entrant:In/Incumbent": "Fight"})
    with pytest.raises(ValueError, match="no decision node 'Incumbent'"):
        is_subgame_perfect(game, {"Entrant": "In", "Incumbent": "Fight"})


def test_agent_form_of_entry_deterrence():
    agents = to_agent_form(entry_game())
    assert agents.players == ("Entrant", "Entrant:In/Incumbent")
    assert agents.payoff(("Out", "Fight")) == (0, 2)
    pure = {tuple(s[0] for s in eq.supports) for eq in agents.equilibria(exact=True) if eq.is_pure}
    assert pure == {("Out", "Fight"), ("In", "Accommodate")}


# -- the sequential core (THEORY fact 4) -----------------------------------------------------

def test_fact4_symbolically():
    result = subgame_perfect_conditions(sequential_core(), CORE)
    symbols = CORE.symbols
    g, e_s, lam, l = (symbols[k] for k in ("g", "e_s", "lam", "l"))
    restrain = result.branch({"T": "Restrain", **FACT4})
    revise = result.branch({"T": "Revise", **FACT4})
    # T's comparison is exactly lam*l against (1 - e_s)*g ...
    t_restrains = [a for a in restrain.conditions.args if {g, lam, l} <= a.free_symbols]
    t_revises = [a for a in revise.conditions.args if {g, lam, l} <= a.free_symbols]
    assert len(t_restrains) == 1 and len(t_revises) == 1
    assert sympy.simplify(t_restrains[0].lhs - t_restrains[0].rhs - (lam * l - (1 - e_s) * g)) == 0
    assert isinstance(t_restrains[0], sympy.GreaterThan)
    assert sympy.simplify(t_revises[0].lhs - t_revises[0].rhs - ((1 - e_s) * g - lam * l)) == 0
    # ... and the other conditions are S's: Soft answers Revise, Bandwagon answers Restrain
    space = ParameterSpace.from_model(CORE)
    s_conditions = [a for a in restrain.conditions.args if a is not t_restrains[0]]
    theta, b, c_s, c_h, w, e_h = (symbols[k] for k in ("theta", "b", "c_s", "c_h", "w", "e_h"))
    assert set(s_conditions) == {space.normalize(c) for c in (
        sympy.Ge(e_s * theta, b + c_s),                       # Soft beats Bandwagon against Revise
        sympy.Ge(c_h + e_s * theta + w, c_s + e_h * theta))}  # Soft beats Hard against Revise
    assert restrain.path == (("T", "Restrain"), ("T:Restrain/S", "Bandwagon"))
    assert revise.actions == ("Revise", "Soft")
    assert revise.payoffs == ((1 - e_s) * g - lam * l, -(1 - e_s) * symbols["theta"] - symbols["c_s"])
    assert "subgame perfect if and only if" in restrain.statement()


def test_fact4_numerically_on_both_sides_and_on_the_boundary():
    game = sequential_core()
    conditions = subgame_perfect_conditions(game, CORE)
    # defaults: lam*l = 6 > (1 - e_s)*g = 2: restraint through delegitimation
    for lam, expected in ((2, [("Restrain", "Bandwagon")]),              # 6 > 2
                          (F(1, 4), [("Revise", "Soft")]),               # 3/4 < 2
                          (F(2, 3), [("Revise", "Soft"), ("Restrain", "Bandwagon")])):  # 2 = 2: a tie
        point = CORE.values(lam=lam)
        spes = subgame_perfect_equilibria(game.subs(point))
        assert [s.actions for s in spes] == expected
        assert all(s.strategies["T:Revise/S"] == "Soft" and s.strategies["T:Restrain/S"] == "Bandwagon"
                   for s in spes)
        assert sorted(b.actions for b in conditions.at(**point)) == sorted(expected)


def _core_point(rng):
    def q(lo, hi, den=4):
        return F(rng.randint(lo * den, hi * den), den)
    p = {"g": q(1, 8) or F(1), "theta": q(0, 12), "e_h": q(0, 1), "e_s": q(0, 1), "lam": q(0, 4),
         "l_r": q(0, 2), "w": q(0, 4), "c_s": q(0, 3), "b": q(0, 3), "a": q(0, 3)}
    p["g"] = max(p["g"], F(1, 4))
    p["c_h"] = p["c_s"] + q(0, 3) + F(1, 4)
    p["l"] = p["l_r"] + q(0, 4)
    if rng.random() < 0.3:  # land on fact 4's boundary lam*l = (1 - e_s)*g now and then
        p["lam"] = F(1) if p["l"] == 0 else (1 - p["e_s"]) * p["g"] / p["l"]
    return CORE.values(**p)


def test_symbolic_branches_match_backward_induction_at_random_points():
    game = sequential_core()
    conditions = subgame_perfect_conditions(game, CORE)
    rng = random.Random(4)
    for _ in range(150):
        point = _core_point(rng)
        numeric = subgame_perfect_equilibria(game.subs(point))
        expected = sorted(tuple(s.strategies.items()) for s in numeric)
        found = sorted(tuple(b.strategies.items()) for b in conditions.at(**point))
        assert found == expected, point
        for spe in numeric:
            branch = conditions.branch(dict(spe.strategies))
            assert branch.payoffs_at(**point) == spe.payoffs


def test_conditions_without_a_space_use_the_symbols_assumptions():
    x = sympy.Symbol("x", positive=True)
    game = ExtensiveGame(Decision("A", {"a": Terminal((-x,)), "b": Terminal((0,))}), ["A"])
    (branch,) = subgame_perfect_conditions(game)   # a is never a best reply when x > 0
    assert branch.actions == ("b",) and branch.conditions is sympy.true
    y = sympy.Symbol("y")
    with pytest.raises(ValueError, match=r"symbols \['y'\] that the parameter space does not declare"):
        subgame_perfect_conditions(ExtensiveGame(Decision("A", {"a": Terminal((y,))}), ["A"]), CORE)
    with pytest.raises(ValueError, match="a value is needed for every parameter; missing x"):
        branch.holds_at()


def test_conditions_with_chance_and_symbolic_probabilities():
    p, v = sympy.symbols("p v", positive=True)
    game = ExtensiveGame(Decision("A", {
        "gamble": Chance({"win": (p, Terminal((v,))), "lose": (1 - p, Terminal((0,)))}),
        "safe": Terminal((1,))}), ["A"])
    result = subgame_perfect_conditions(game)
    gamble = result.branch({"A": "gamble"})
    assert gamble.holds_at(p=F(1, 2), v=3) and not gamble.holds_at(p=F(1, 4), v=3)
    assert gamble.payoffs_at(p=F(1, 2), v=3) == (F(3, 2),)
    assert result.branch({"A": "safe"}).holds_at(p=F(1, 4), v=3)


# -- ties, chance, random trees --------------------------------------------------------------

def test_ties_give_several_spe():
    game = ExtensiveGame(Decision("A", {
        "L": Decision("B", {"x": Terminal((1, 0)), "y": Terminal((3, 0))}),
        "R": Terminal((2, 5))}), ["A", "B"])
    spes = subgame_perfect_equilibria(game)
    assert [s.actions for s in spes] == [("R",), ("L", "y")]
    assert sorted(map(str, (by_history(game, s.strategies) for s in spes))) == \
        sorted(map(str, brute_force_spe(game)))
    # and classify_nash recognises both
    result = classify_nash(game)
    assert {v.profile for v in result.pure() if v.subgame_perfect} == {("R", "x"), ("L", "y")}


def test_independent_off_path_ties_multiply_the_count():
    n = 5
    game = ExtensiveGame(Decision("A", {"stop": Terminal((10, 0)), **{
        f"go{k}": Decision("B", {"x": Terminal((0, 1)), "y": Terminal((0, 1))}) for k in range(n)}}), ["A", "B"])
    spes = subgame_perfect_equilibria(game)
    assert len(spes) == 2 ** n
    assert all(s.actions == ("stop",) and s.payoffs == (10, 0) for s in spes)
    assert len({tuple(s.strategies.items()) for s in spes}) == 2 ** n
    with pytest.raises(ValueError, match=r"more than 10 pure subgame-perfect profiles.*ties multiply them"):
        subgame_perfect_equilibria(game, limit=10)


def test_chance_nodes_give_exact_expected_payoffs():
    game = ExtensiveGame(Chance({
        "Strong": (F(1, 3), Decision("T", {"Revise": Terminal((3, -3)), "Restrain": Terminal((0, 0))})),
        "Weak": (F(2, 3), Decision("T", {"Revise": Terminal((-1, 1)), "Restrain": Terminal((0, 0))})),
    }), ["T", "S"])
    (spe,) = subgame_perfect_equilibria(game)
    assert dict(spe.strategies) == {"chance:Strong/T": "Revise", "chance:Weak/T": "Restrain"}
    assert spe.payoffs == (F(1), F(-1))
    assert dict(spe.outcomes) == {"chance:Strong/T:Revise": F(1, 3), "chance:Weak/T:Restrain": F(2, 3)}
    assert spe.path == (("chance:Strong/T", "Revise"), ("chance:Weak/T", "Restrain"))
    nf = to_normal_form(game)
    assert nf.strategies[0] == ("Revise/Revise", "Revise/Restrain", "Restrain/Revise", "Restrain/Restrain")
    assert nf.payoff(("Revise/Revise", "-")) == (F(1, 3), F(-1, 3))


def test_zero_probability_branches_are_off_the_path():
    game = ExtensiveGame(Chance({"never": (0, Decision("A", {"x": Terminal((5,)), "y": Terminal((1,))})),
                                 "always": (1, Terminal((2,)))}), ["A"])
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.path == () and spe.strategies["chance:never/A"] == "x" and spe.payoffs == (2,)


def test_float_games_break_ties_within_the_tolerance():
    game = ExtensiveGame(Decision("A", {"x": Terminal((0.1 + 0.2,)), "y": Terminal((0.3,))}), ["A"])
    assert len(subgame_perfect_equilibria(game)) == 2
    assert len(subgame_perfect_equilibria(game, tol=0.0)) == 1


def test_random_trees_against_brute_force():
    rng = random.Random(7)
    checked = 0
    for trial in range(200):
        players = ["A", "B"] if trial % 3 else ["A", "B", "C"]
        game = ExtensiveGame(random_tree(rng, players, 4), players)
        profiles = 1
        for path in game.decision_nodes():
            profiles *= len(game.node(path).action_names)
        if profiles > 3000:   # keep the brute force fast
            continue
        checked += 1
        spes = subgame_perfect_equilibria(game)
        ours = sorted(map(str, (by_history(game, s.strategies) for s in spes)))
        assert ours == sorted(map(str, brute_force_spe(game)))
        for s in spes:
            assert s.payoffs == _value(game.root, by_history(game, s.strategies), ())
    assert checked > 80


def test_random_trees_spe_are_nash_in_the_reduced_normal_form():
    rng = random.Random(11)
    checked = 0
    for _ in range(120):
        game = ExtensiveGame(random_tree(rng, ["A", "B"], 4), ["A", "B"])
        if not game.decision_nodes("A") or not game.decision_nodes("B"):
            continue
        if to_normal_form(game).payoff_arrays[0].size > 48:   # keep vertex enumeration fast
            continue
        result = classify_nash(game)
        nf = result.normal_form
        pure_nash = {v.profile for v in result.pure()}
        assert pure_nash == {tuple(s[0] for s in eq.supports) for eq in nf.pure_equilibria(exact=True)}
        for verdict in result.pure():
            assert verdict.subgame_perfect == bool(verdict.spe)
            assert verdict.subgame_perfect or verdict.non_credible
            for node, action in verdict.non_credible:
                assert game.node(node).player in game.players
        for spe in result.subgame_perfect:   # every SPE reduces to a Nash equilibrium flagged perfect
            assert any(spe in v.spe and v.subgame_perfect for v in result.pure())
        checked += 1
    assert checked > 20


# -- reduced normal form ------------------------------------------------------------------------

def test_reduced_normal_form_merges_strategies_made_unreachable():
    game = centipede()
    assert to_normal_form(game).strategies == (("Stop/*", "Go/Stop", "Go/Go"), ("Stop", "Go"))
    full = to_normal_form(game, reduced=False)
    assert full.strategies[0] == ("Stop/Stop", "Stop/Go", "Go/Stop", "Go/Go")
    reduced = to_normal_form(game)
    assert reduced.payoff(("Stop/*", "Go")) == full.payoff(("Stop/Go", "Go")) == (1, 0)
    assert reduced.payoff(("Go/Go", "Go")) == (2, 4)
    (spe,) = subgame_perfect_equilibria(game)
    assert spe.actions == ("Stop",)
    verdicts = {v.profile: v.subgame_perfect for v in classify_nash(game).pure()}
    assert verdicts[("Stop/*", "Stop")] is True


def test_sequential_core_normal_form_is_the_strategy_method():
    game = sequential_core().subs(CORE.values())
    nf = to_normal_form(game)
    assert nf.shape == (2, 9)
    assert "Soft/Bandwagon" in nf.strategies[1]
    assert nf.payoff(("Restrain", "Soft/Bandwagon")) == (0, 0)
    assert nf.payoff(("Revise", "Soft/Bandwagon")) == CORE.game().payoff(("Revise", "Soft"))
    verdicts = {v.profile: v for v in classify_nash(game).pure()}
    assert set(verdicts) == {("Restrain", "Soft/Bandwagon"), ("Restrain", "Hard/Bandwagon")}
    assert verdicts[("Restrain", "Soft/Bandwagon")].subgame_perfect is True
    # restraint is also a Nash outcome when S threatens hard balancing against revision,
    # but at the defaults S would rather soft balance once T has revised
    threat = verdicts[("Restrain", "Hard/Bandwagon")]
    assert threat.subgame_perfect is False and threat.non_credible == (("T:Revise/S", "Hard"),)


def test_imperfect_information_normal_form_and_refusals():
    # matching pennies with the second mover not seeing the first
    game = ExtensiveGame(Decision("Even", {
        "H": Decision("Odd", {"H": Terminal((1, -1)), "T": Terminal((-1, 1))}, infoset="guess"),
        "T": Decision("Odd", {"H": Terminal((-1, 1)), "T": Terminal((1, -1))}, infoset="guess")}),
        ["Even", "Odd"])
    assert not game.is_perfect_information
    assert game.infoset_of("Even:T/Odd").members == ("Even:H/Odd", "Even:T/Odd")
    nf = to_normal_form(game)
    assert nf == Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], players=["Even", "Odd"],
                      strategies=[["H", "T"], ["H", "T"]])
    (eq,) = nf.equilibria(exact=True)
    assert eq.strategies[0].tolist() == [F(1, 2), F(1, 2)]
    assert to_agent_form(game).players == ("Even", "Odd[guess]")
    for solve in (subgame_perfect_equilibria, subgame_perfect_conditions, classify_nash):
        with pytest.raises(ValueError, match="needs a game of perfect information.*'guess'"):
            solve(game)


def test_players_without_moves_and_sizes(monkeypatch):
    game = ExtensiveGame(Decision("A", {"x": Terminal((1, 2)), "y": Terminal((0, 3))}), ["A", "Bystander"])
    nf = to_normal_form(game)
    assert nf.strategies == (("x", "y"), ("-",))
    assert reduced_strategies(game)["Bystander"] == (("-", {}),)
    with pytest.raises(ValueError, match="no decision nodes"):
        to_agent_form(ExtensiveGame(Terminal((1,)), ["A"]))
    from sbgames.extensive import normal_form
    monkeypatch.setattr(normal_form, "MAX_PROFILES", 3)
    with pytest.raises(ValueError, match="would have 4 profiles"):
        to_normal_form(entry_game())


def test_symbolic_games_need_values_for_numeric_solvers():
    with pytest.raises(TypeError, match="substitute values first"):
        subgame_perfect_equilibria(sequential_core())
    with pytest.raises(TypeError, match="substitute values first"):
        classify_nash(sequential_core())
    nf = to_normal_form(sequential_core())   # the symbolic strategic form is fine
    assert nf.kind == "symbolic" and nf.shape == (2, 9)


def test_verification_failures_are_loud(monkeypatch):
    from sbgames.extensive import backward
    monkeypatch.setattr(backward, "one_shot_deviations", lambda *a, **k: [("Entrant", "Out", F(1))])
    with pytest.raises(VerificationError, match="not subgame perfect"):
        subgame_perfect_equilibria(entry_game())


def test_conditions_are_written_in_the_games_own_symbols():
    g, lam = sympy.symbols("g lam")   # no assumptions: the model's bounds apply by name
    game = ExtensiveGame(Decision("T", {"Revise": Terminal((g - lam,)), "Restrain": Terminal((0,))}), ["T"])
    branch = subgame_perfect_conditions(game, CORE).branch({"T": "Revise"})
    assert branch.conditions == sympy.Ge(g, lam) and branch.payoffs == (g - lam,)
    assert branch.conditions.free_symbols == {g, lam}
