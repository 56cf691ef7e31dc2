"""Repeated games: automata, subgame-perfection and Nash verdicts, exact thresholds, finite horizons."""

import random
from fractions import Fraction as F

import pytest
import sympy

from sbgames import (Automaton, Game, RepeatedGame, always, finitely_repeated, grim_trigger,
                     k_period_punishment, load_model, tit_for_tat, win_stay_lose_shift)
from sbgames.cli import main

PD = Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])  # (T,R,P,S) = (5,3,1,0)
GRIM = [grim_trigger("C", "D")] * 2
CORE = load_model("core")
CORE_PROFILE = [grim_trigger("Restrain", "Revise"), grim_trigger("Bandwagon", "Soft")]


def brute_force_spe(stage: Game, automata, delta: F, horizon: int = 400) -> bool:
    """An independent check: every one-shot deviation at every accessible joint state, valued by
    simulating the discounted stream over a long horizon (error below delta**horizon)."""
    rg = RepeatedGame(stage, delta=delta)
    start, states, index, step = rg._joint(automata)
    arrays = stage.as_exact().payoff_arrays

    def stream(state, first):
        weight, s, profile = F(1), state, first
        vals = [F(0)] * stage.n_players
        for _ in range(horizon):
            for i in range(stage.n_players):
                vals[i] += weight * arrays[i][profile]
            s = step(s, profile)
            profile = index[s]
            weight *= delta
        return [(1 - delta) * v for v in vals]
    for state in states:
        base = stream(state, index[state])
        for i in range(stage.n_players):
            for b in range(stage.shape[i]):
                dev = index[state][:i] + (b,) + index[state][i + 1:]
                if stream(state, dev)[i] > base[i] + F(1, 10 ** 9):
                    return False
    return True


def test_prisoners_dilemma_grim_threshold_is_one_half():
    verdict = RepeatedGame(PD).is_subgame_perfect(GRIM)
    assert verdict.threshold == sympy.Rational(1, 2)
    assert verdict.delta_set == sympy.Interval.Ropen(sympy.Rational(1, 2), 1)
    for delta in ("0.49", "1/2", "0.51", "0.9"):
        numeric = RepeatedGame(PD, delta=delta).is_subgame_perfect(GRIM)
        assert bool(numeric) == (F(delta) >= F(1, 2)) == verdict.holds_at(delta=delta)
        assert bool(numeric) == brute_force_spe(PD, GRIM, F(delta), horizon=200)


def test_pd_general_formula_from_the_model():
    model = load_model("prisoners_dilemma")
    verdict = RepeatedGame(model).is_subgame_perfect([grim_trigger("Cooperate", "Defect")] * 2)
    (atom,) = [verdict.condition] if not isinstance(verdict.condition, sympy.And) else verdict.condition.args
    T, R, P = (model.symbols[k] for k in ("temptation", "reward", "punishment"))
    assert atom.lhs.name == "delta" and sympy.simplify(atom.rhs - (T - R) / (T - P)) == 0


def test_deviation_is_reported():
    verdict = RepeatedGame(PD, delta="1/3").is_subgame_perfect(GRIM)
    assert not verdict
    assert verdict.deviation.state == ("cooperate", "cooperate")
    assert verdict.deviation.action == "D" and verdict.deviation.gain == sympy.Rational(2, 3)


@pytest.mark.parametrize("automata, condition", [
    ([k_period_punishment("C", "D", 2)] * 2, "delta**2 + delta >= 1"),
    ([tit_for_tat("C", "D")] * 2, "False"),          # needs delta = 2/3 and delta = 1/4 at once
    ([win_stay_lose_shift("C", "D")] * 2, "False"),  # needs delta >= (T - R)/(R - P) = 1
    ([always("D")] * 2, "True"),                    # repeating the stage equilibrium
    ([always("C")] * 2, "False"),
])
def test_classic_automata_in_the_pd(automata, condition):
    verdict = RepeatedGame(PD).is_subgame_perfect(automata)
    assert str(verdict.condition) == condition
    for delta in (F(1, 5), F(1, 2), F(5, 8), F(7, 10), F(19, 20)):
        assert bool(RepeatedGame(PD, delta=delta).is_subgame_perfect(automata)) == \
            brute_force_spe(PD, automata, delta, horizon=150)


def test_nash_is_weaker_than_subgame_perfection():
    tft = [tit_for_tat("C", "D")] * 2
    assert not RepeatedGame(PD, delta="0.9").is_subgame_perfect(tft)
    assert RepeatedGame(PD, delta="0.9").is_nash(tft)
    assert not RepeatedGame(PD, delta="0.3").is_nash(tft)
    assert RepeatedGame(PD).is_nash(GRIM).threshold == sympy.Rational(1, 2)


def test_per_player_discount_factors():
    verdict = RepeatedGame(PD, delta=[None, "0.9"]).is_subgame_perfect(GRIM)
    assert str(verdict.condition) == "delta_1 >= 1/2"  # player names that are not identifiers: numbered
    assert verdict.holds_at(delta_1="0.6") and not verdict.holds_at(delta_1="0.4")
    named = Game(PD.payoff_arrays, players=["A", "B"], strategies=PD.strategies)
    assert str(RepeatedGame(named, delta=[None, None]).is_subgame_perfect(GRIM).condition) == \
        "(delta_A >= 1/2) & (delta_B >= 1/2)"
    assert not RepeatedGame(PD, delta=["0.4", "0.9"]).is_subgame_perfect(GRIM)
    assert RepeatedGame(PD, delta=["0.6", "0.9"]).is_subgame_perfect(GRIM)


def core_points(count, seed=3):
    """Random points, half of them built so that restraint can be sustained (credible and deterring)."""
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        p = {k: F(rng.randint(0, 96), 8) for k in ("theta", "lam", "l_r", "w", "c_s", "b", "a")}
        p.update(g=F(rng.randint(1, 96), 8), e_h=F(rng.randint(0, 8), 8), e_s=F(rng.randint(0, 8), 8),
                 c_h=p["c_s"] + F(rng.randint(1, 32), 8), l=p["l_r"] + F(rng.randint(0, 40), 8))
        delta = F(rng.randint(1, 99), 100)
        if len(out) % 2:
            # soft balancing credible against revision, and a deterrent: (1-e_s) g < lam l <= (1-e_s) g + lam l_r
            p.update(e_s=F(rng.randint(1, 7), 8), lam=F(rng.randint(1, 24), 8), l_r=F(rng.randint(1, 24), 8))
            p["theta"] = (p["b"] + p["c_s"] + F(rng.randint(0, 16), 8)) / p["e_s"]
            p["w"] = max(F(0), (p["e_h"] - p["e_s"]) * p["theta"] - p["c_h"] + p["c_s"]) + F(rng.randint(0, 8), 8)
            p["l"] = ((1 - p["e_s"]) * p["g"] / p["lam"] + p["l_r"] * F(rng.randint(1, 8), 8))
            if p["l"] < p["l_r"]:
                continue
            threshold = p["g"] / (p["e_s"] * p["g"] + p["lam"] * p["l"])
            delta = min(F(99, 100), threshold + F(rng.randint(-10, 10), 100)) if threshold < 1 else delta
            if not 0 < delta < 1:
                continue
        out.append((CORE.values(**p), delta))
    return out


def test_core_threshold_matches_numeric_verdicts():
    """Restraint sustained by the threat of (Revise, Soft) forever: the closed form against numeric verdicts."""
    verdict = RepeatedGame(CORE).is_subgame_perfect(CORE_PROFILE)
    text = str(verdict.condition)
    assert "delta >= g/(e_s*g + l*lam)" in text
    agree = positives = 0
    for point, delta in core_points(120):
        numeric = bool(RepeatedGame(CORE.game(**point), delta=delta).is_subgame_perfect(CORE_PROFILE))
        assert verdict.holds_at(delta=delta, **point) == numeric, (point, delta)
        agree += 1
        positives += numeric
    assert agree == 120 and positives > 0


def test_core_threshold_by_hand():
    # with l_r > 0 soft balancing can be both credible and a deterrent
    point = CORE.values(l=2, l_r=1)
    verdict = RepeatedGame(CORE.game(**point)).is_subgame_perfect(CORE_PROFILE)
    assert verdict.threshold == sympy.Rational(4, 6)  # g / (e_s g + lam l) = 4 / (2 + 4)


def test_user_defined_automaton_and_errors():
    forgiving = Automaton(["c", "p"], "c", {"c": "C", "p": "D"},
                          {"c": {("C", "C"): "c", "*": "p"}, "p": {"*": "c"}}, name="one-period")
    assert str(RepeatedGame(PD).is_subgame_perfect([forgiving] * 2).condition) == \
        str(RepeatedGame(PD).is_subgame_perfect([k_period_punishment("C", "D", 1)] * 2).condition)
    with pytest.raises(ValueError, match="not strategies of its player"):
        RepeatedGame(PD).is_subgame_perfect([grim_trigger("Cooperate", "D")] * 2)
    with pytest.raises(ValueError, match="one automaton per player"):
        RepeatedGame(PD).is_subgame_perfect(GRIM[:1])
    with pytest.raises(ValueError, match="initial state"):
        Automaton(["a"], "b", {"a": "C"}, {"a": {"*": "a"}})
    with pytest.raises(ValueError, match="unknown state"):
        Automaton(["a"], "a", {"a": "C"}, {"a": {"*": "zz"}})
    broken = Automaton(["a"], "a", {"a": "C"}, {"a": {("C", "C"): "a"}})
    with pytest.raises(ValueError, match="no transition from state 'a'"):
        RepeatedGame(PD).is_subgame_perfect([broken, broken])
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        RepeatedGame(PD, delta=1)
    with pytest.raises(TypeError):
        RepeatedGame("PD")
    with pytest.raises(ValueError, match="positive integer"):
        k_period_punishment("C", "D", 0)
    with pytest.raises(TypeError, match="depends on"):
        bool(RepeatedGame(PD).is_subgame_perfect(GRIM))


def test_finitely_repeated_unique_stage_equilibrium_is_repeated():
    result = finitely_repeated(PD, periods=5)
    assert result.payoffs == [(F(5), F(5))]
    assert result.paths[(F(5), F(5))] == (("D", "D"),) * 5


def test_finitely_repeated_carrots_and_sticks():
    # two stage equilibria (D,D) and (P,P): the threat of the bad one in the last period sustains (C,C) before
    g = Game([[[4, 0, 0], [5, 1, 0], [0, 0, 3]], [[4, 5, 0], [0, 1, 0], [0, 0, 3]]],
             strategies=[["C", "D", "P"], ["C", "D", "P"]])
    result = finitely_repeated(g, periods=2)
    assert (F(7), F(7)) in result.paths
    assert result.paths[(F(7), F(7))] == (("C", "C"), ("P", "P"))
    assert sorted(result.stage_equilibria) == [("D", "D"), ("P", "P")]
    discounted = finitely_repeated(g, periods=2, delta=F(1, 4))
    assert (F(19, 4), F(19, 4)) not in discounted.paths  # 4 + 3/4 < 5 + 1/4: C,C no longer sustainable
    assert discounted.average((F(2), F(2))) == (F(8, 5), F(8, 5))
    with pytest.raises(ValueError, match="positive integer"):
        finitely_repeated(g, periods=0)


def test_cli_repeated(capsys, tmp_path):
    assert main(["repeated", "prisoners_dilemma", "--delta", "0.4"]) == 0
    out = capsys.readouterr().out
    assert "subgame perfect iff delta >= 1/2" in out and "subgame perfect? no" in out
    assert main(["repeated", "core", "--set", "l=2", "--set", "l_r=1", "--delta", "0.9"]) == 0
    assert "subgame perfect iff delta >= 2/3" in capsys.readouterr().out
    assert main(["repeated", "stag_hunt"]) == 1
    assert "--cooperate" in capsys.readouterr().err
    assert main(["repeated", "prisoners_dilemma", "--strategy", "nonsense"]) == 1


def test_payoff_set_returns_the_vertices():
    vertices = RepeatedGame(PD, delta=0.9).payoff_set()
    assert vertices.shape == (4, 2)
    assert sorted(map(tuple, vertices.round(6).tolist())) == [(1, 1), (1, 4.333333), (3, 3), (4.333333, 1)]
    full = RepeatedGame(PD, delta=0.9).subgame_perfect_payoffs()
    assert full.kind == "polygon" and full.converged
    assert RepeatedGame(PD, delta=0.2).payoff_set().tolist() == [[1.0, 1.0]]
    with pytest.raises(ValueError, match="numeric discount factor"):
        RepeatedGame(PD).payoff_set()


def test_work_limits_are_stated_and_checked_before_work():
    from sbgames.errors import InputError, SolverLimitError
    from sbgames.repeated.automaton import MAX_PUNISHMENT_PERIODS
    from sbgames.repeated.finite import MAX_PERIODS
    from sbgames.repeated.infinite import MAX_POLICIES
    assert len(k_period_punishment("C", "D", MAX_PUNISHMENT_PERIODS).states) == MAX_PUNISHMENT_PERIODS + 1
    with pytest.raises(SolverLimitError, match=f"over the limit of {MAX_PUNISHMENT_PERIODS} periods"):
        k_period_punishment("C", "D", 10 ** 9)
    with pytest.raises(SolverLimitError, match=f"limit of {MAX_PERIODS:,} periods"):
        finitely_repeated(PD, periods=10 ** 9)
    # S has 3 actions and faces 9 joint states: 3**9 policies, refused before any value is derived
    long_punishment = [k_period_punishment(c, d, 8) for c, d in zip(CORE.repeated["cooperate"], CORE.repeated["punish"])]
    stage = CORE.game()
    assert RepeatedGame(stage).nash_policies(long_punishment) == 3 ** 9 > MAX_POLICIES
    with pytest.raises(SolverLimitError, match=f"19,683 stationary policies .* limit of {MAX_POLICIES:,}"):
        RepeatedGame(stage).is_nash(long_punishment)
    assert RepeatedGame(PD).nash_policies(GRIM) == 4
    with pytest.raises(InputError, match="strictly between 0 and 1, got 3/2$"):
        RepeatedGame(PD, delta=F(3, 2))
