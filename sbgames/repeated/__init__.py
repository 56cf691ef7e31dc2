"""Repeated games: automata, equilibrium verdicts and thresholds, payoff sets, finite horizons."""

from .automaton import (Automaton, Context, always, grim_trigger, k_period_punishment, tit_for_tat,
                        win_stay_lose_shift)
from .infinite import Deviation, RepeatedGame, Verdict

__all__ = ["Automaton", "Context", "always", "grim_trigger", "k_period_punishment", "tit_for_tat",
           "win_stay_lose_shift", "Deviation", "RepeatedGame", "Verdict"]
