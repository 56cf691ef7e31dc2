"""Analyses built on the solvers: conditions for strategies and comparative statics."""

from .comparative import Derivative, SignTable, derivatives, sign_table
from .conditions import (equilibria_without, played_in_every_equilibrium, played_in_some_equilibrium, unique_best_reply,
                         unique_equilibrium_region)

__all__ = ["Derivative", "SignTable", "derivatives", "sign_table", "played_in_some_equilibrium",
           "played_in_every_equilibrium", "equilibria_without", "unique_best_reply", "unique_equilibrium_region"]
