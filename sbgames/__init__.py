"""sbgames: soft-balancing games, solved exactly and verified.

Public names
------------
Game, Model, load_model, read_nfg, write_nfg, Equilibrium, EquilibriumSet.
"""

from .equilibrium import Equilibrium, EquilibriumSet, VerificationError
from .game import Game

__version__ = "0.1.0"

__all__ = ["Game", "Equilibrium", "EquilibriumSet", "VerificationError", "__version__"]
