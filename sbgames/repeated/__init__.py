"""Repeated games: automata, equilibrium verdicts and thresholds, payoff sets, finite horizons."""

from .automaton import (Automaton, Context, always, grim_trigger, k_period_punishment, tit_for_tat,
                        win_stay_lose_shift)
from .finite import FiniteRepetition, finitely_repeated
from .infinite import Deviation, RepeatedGame, Verdict
from .payoff_set import PayoffSet, payoff_set, plot_payoff_set
from .penal import (CriticalDiscountFactors, Threshold, critical_discount_factors, nash_reversion_threshold,
                    plot_critical_discount_factors)
from .punishment import Punishment, lowest_spe_payoffs, minmax_values, worst_stage_equilibria
from .simple_profiles import stick_and_carrot

__all__ = ["Automaton", "Context", "always", "grim_trigger", "k_period_punishment", "tit_for_tat",
           "win_stay_lose_shift", "Deviation", "RepeatedGame", "Verdict", "FiniteRepetition",
           "finitely_repeated", "PayoffSet", "payoff_set", "plot_payoff_set", "CriticalDiscountFactors",
           "Punishment", "Threshold", "critical_discount_factors", "lowest_spe_payoffs", "minmax_values",
           "nash_reversion_threshold", "plot_critical_discount_factors", "stick_and_carrot",
           "worst_stage_equilibria"]
