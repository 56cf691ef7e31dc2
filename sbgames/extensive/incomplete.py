"""Games of incomplete information: the names of the former module, kept so old imports work.

The code lives in four modules, one job each:

* :mod:`sbgames.extensive.bayesian`: Bayesian Nash equilibria of trees whose
  root draws a type;
* :mod:`sbgames.extensive.signalling`: two-type signalling games
  (:func:`signalling_game`, :func:`beer_quiche`);
* :mod:`sbgames.extensive.pbe`: their pure perfect Bayesian equilibria,
  numeric and symbolic;
* :mod:`sbgames.extensive.semi_separating`: their semi-separating (hybrid)
  equilibria, numeric and symbolic.

Examples
--------
>>> from sbgames.extensive.incomplete import beer_quiche, perfect_bayesian_equilibria
>>> [p.kind for p in perfect_bayesian_equilibria(beer_quiche())]
['pooling', 'pooling']
"""

from .bayesian import BayesianNashEquilibrium, bayesian_nash_equilibria
from .pbe import (PBECondition, PerfectBayesianEquilibrium, perfect_bayesian_conditions, perfect_bayesian_equilibria,
                  verify_pbe)
from .semi_separating import (SemiSeparatingCondition, SemiSeparatingEquilibrium, semi_separating_conditions,
                              semi_separating_equilibria, verify_semi_separating)
from .signalling import SignallingGame, beer_quiche, signalling_game

__all__ = ["BayesianNashEquilibrium", "PBECondition", "PerfectBayesianEquilibrium", "SemiSeparatingCondition",
           "SemiSeparatingEquilibrium", "SignallingGame", "bayesian_nash_equilibria", "beer_quiche",
           "perfect_bayesian_conditions", "perfect_bayesian_equilibria", "semi_separating_conditions",
           "semi_separating_equilibria", "signalling_game", "verify_pbe", "verify_semi_separating"]
