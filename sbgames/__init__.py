"""sbgames: soft-balancing games, solved exactly and verified.

The public names below are a contract that outside scripts rely on.

Examples
--------
>>> import sbgames
>>> core = sbgames.load_model("core")
>>> [eq.describe() for eq in core.equilibria(exact=True)]
['T: 1/2 Revise + 1/2 Restrain; S: 1/2 Soft + 1/2 Bandwagon']
"""

from .analysis.regions import regions
from .analysis.statics import statics
from .equilibrium import Equilibrium, EquilibriumSet, VerificationError, verified
from .expr import ExpressionError
from .extensive import ExtensiveGame, read_efg, write_efg
from .game import Game
from .interop import from_nashpy, to_nashpy
from .model import Model, ModelError, Parameter, list_models, load_model
from .nfg import format_nfg, parse_nfg, read_nfg, write_nfg
from .repeated import (Automaton, RepeatedGame, always, grim_trigger, k_period_punishment, tit_for_tat,
                       win_stay_lose_shift)
from .repeated.finite import finitely_repeated
from .solvers import pure_equilibria, solve, vertex_enumeration

__version__ = "0.1.0"

__all__ = [
    "Game", "Model", "Parameter", "load_model", "list_models",
    "regions", "statics",
    "RepeatedGame", "Automaton", "grim_trigger", "tit_for_tat", "k_period_punishment", "win_stay_lose_shift",
    "always", "finitely_repeated",
    "ExtensiveGame", "read_efg", "write_efg",
    "read_nfg", "write_nfg", "parse_nfg", "format_nfg", "to_nashpy", "from_nashpy",
    "Equilibrium", "EquilibriumSet", "verified", "solve", "vertex_enumeration", "pure_equilibria",
    "ModelError", "ExpressionError", "VerificationError", "__version__",
]
