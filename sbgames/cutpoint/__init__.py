"""Private information with continuous types: cut-point equilibria of the soft-balancing game.

T's legitimacy weight is its private information (and, in the two-sided
game, S's cost of soft balancing is S's).  Each player's strategy is a
cut-point: T revises iff its type is below one, S soft balances iff its cost
is below one.  :func:`cutpoint_equilibria` and :func:`two_sided_equilibria`
find every such equilibrium (exactly for uniform types) and verify each;
:func:`cutpoint_statics` gives the derivatives of the cut-point and of S's
mixing probability in the parameters.  See
``docs/explanation/private-legitimacy.md``.
"""

from .distributions import ScipyTypes, Uniform, type_distribution
from .one_sided import CutpointEquilibrium, CutpointResult, cutpoint_equilibria, verify_cutpoint
from .statics import CutpointStatics, cutpoint_statics
from .two_sided import two_sided_equilibria, verify_two_sided

__all__ = ["Uniform", "ScipyTypes", "type_distribution", "CutpointEquilibrium", "CutpointResult",
           "cutpoint_equilibria", "verify_cutpoint",
           "two_sided_equilibria", "verify_two_sided", "CutpointStatics", "cutpoint_statics"]
