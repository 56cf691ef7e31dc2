"""N-player games among many states: symmetric collective-action games and their equilibria.

* model factories: :func:`collective_model` (the core game with n
  secondary states), :func:`institutional_model` (inclusive or exclusive
  institutional balancing), :func:`two_level_model` (two great powers and
  the regional states between them);
* symmetric mixed equilibria in closed form: :func:`volunteers_dilemma`,
  :func:`threshold_public_good` (more in :mod:`sbgames.nplayer.symmetric`),
  and the probability that soft balancing succeeds in them:
  :func:`success_probabilities`, :func:`plot_success`; the veto game with
  the threatening power as a player: :func:`veto_game_equilibrium`;
* learning dynamics, which work on any game and live in
  :mod:`sbgames.dynamics` (their names are kept here too):
  :func:`best_response_dynamics`, :func:`replicator_dynamics`, :func:`basins`.
"""

from .collective import collective_model
from ..dynamics import basins, best_response_dynamics, replicator_dynamics
from .institutional import institutional_model
from .success import VetoGameEquilibrium, plot_success, success_probabilities, veto_game_equilibrium
from .symmetric import threshold_public_good, volunteers_dilemma
from .two_level import two_level_model

__all__ = ["collective_model", "institutional_model", "two_level_model",
           "volunteers_dilemma", "threshold_public_good", "success_probabilities", "plot_success",
           "veto_game_equilibrium", "VetoGameEquilibrium",
           "best_response_dynamics", "replicator_dynamics", "basins"]
