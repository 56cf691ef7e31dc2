"""Sequential (extensive-form) games: trees, subgame perfection, normal forms, Gambit ``.efg`` files.

Examples
--------
>>> from sbgames.extensive import Decision, Terminal, ExtensiveGame, subgame_perfect_equilibria
>>> entry = ExtensiveGame(
...     Decision("Entrant", {
...         "Out": Terminal((0, 2)),
...         "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)),
...                                      "Accommodate": Terminal((1, 1))})}),
...     players=["Entrant", "Incumbent"])
>>> [spe.actions for spe in subgame_perfect_equilibria(entry)]
[('In', 'Accommodate')]
"""

from .backward import subgame_perfect_conditions, subgame_perfect_equilibria
from .bayesian import BayesianNashEquilibrium, bayesian_nash_equilibria
from .efg import format_efg, parse_efg, read_efg, write_efg
from .normal_form import (NashClassification, NashVerdict, classify_nash, reduced_strategies, to_agent_form,
                          to_normal_form)
from .pbe import PBECondition, PerfectBayesianEquilibrium, perfect_bayesian_conditions, perfect_bayesian_equilibria
from .profiles import is_subgame_perfect, one_shot_deviations
from .semi_separating import (SemiSeparatingCondition, SemiSeparatingEquilibrium, semi_separating_conditions,
                              semi_separating_equilibria)
from .signalling import SignallingConditions, SignallingEquilibria, SignallingGame, beer_quiche, signalling_game
from .spe_results import SubgamePerfectBranch, SubgamePerfectConditions, SubgamePerfectEquilibrium, SubgamePerfectSet
from .tree import CHANCE, Chance, Decision, ExtensiveGame, InfoSet, Node, Terminal

__all__ = [
    "Node", "Decision", "Chance", "Terminal", "ExtensiveGame", "InfoSet", "CHANCE",
    "subgame_perfect_equilibria", "subgame_perfect_conditions", "is_subgame_perfect", "one_shot_deviations",
    "SubgamePerfectEquilibrium", "SubgamePerfectSet", "SubgamePerfectBranch", "SubgamePerfectConditions",
    "to_normal_form", "to_agent_form", "reduced_strategies", "classify_nash", "NashClassification",
    "NashVerdict",
    "read_efg", "write_efg", "parse_efg", "format_efg",
    "bayesian_nash_equilibria", "signalling_game", "perfect_bayesian_equilibria", "perfect_bayesian_conditions",
    "BayesianNashEquilibrium", "PerfectBayesianEquilibrium", "SignallingGame", "semi_separating_equilibria",
    "semi_separating_conditions", "SemiSeparatingEquilibrium", "PBECondition", "SemiSeparatingCondition",
    "SignallingEquilibria", "SignallingConditions", "beer_quiche",
]
