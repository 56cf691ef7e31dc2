"""sbgames: soft-balancing games, solved exactly and verified.

The public names below are a contract that outside scripts rely on.  They
are loaded when first used, so ``import sbgames`` is quick and the heavy
libraries (sympy, scipy, matplotlib) are imported only by the parts that
need them.

Examples
--------
>>> import sbgames
>>> core = sbgames.load_model("core")
>>> [eq.describe() for eq in core.equilibria(exact=True)]
['T: 1/2 Revise + 1/2 Restrain; S: 1/2 Soft + 1/2 Bandwagon']
"""

import importlib

__version__ = "0.1.0"

#: Public name -> the module that defines it (imported on first use).
_WHERE = {
    "Game": ".game",
    "Model": ".model", "Parameter": ".parameters", "load_model": ".model", "list_models": ".model",
    "regions": ".analysis.regions", "statics": ".analysis.statics",
    "RepeatedGame": ".repeated", "Automaton": ".repeated", "grim_trigger": ".repeated",
    "tit_for_tat": ".repeated", "k_period_punishment": ".repeated", "win_stay_lose_shift": ".repeated",
    "always": ".repeated", "finitely_repeated": ".repeated.finite",
    "ExtensiveGame": ".extensive", "read_efg": ".extensive", "write_efg": ".extensive",
    "read_nfg": ".nfg", "write_nfg": ".nfg", "parse_nfg": ".nfg", "format_nfg": ".nfg",
    "to_nashpy": ".interop", "from_nashpy": ".interop",
    "Equilibrium": ".equilibrium", "EquilibriumSet": ".equilibrium", "verified": ".equilibrium",
    "solve": ".solvers", "vertex_enumeration": ".solvers", "pure_equilibria": ".solvers",
    "SbgamesError": ".errors", "ModelError": ".errors", "ExpressionError": ".errors",
    "VerificationError": ".errors", "GameFileError": ".errors", "SolverLimitError": ".errors",
    "InputError": ".errors", "InputTypeError": ".errors",
    "StochasticGame": ".stochastic",
}

__all__ = [
    "Game", "Model", "Parameter", "load_model", "list_models",
    "regions", "statics",
    "RepeatedGame", "Automaton", "grim_trigger", "tit_for_tat", "k_period_punishment", "win_stay_lose_shift",
    "always", "finitely_repeated",
    "ExtensiveGame", "read_efg", "write_efg",
    "read_nfg", "write_nfg", "parse_nfg", "format_nfg", "to_nashpy", "from_nashpy",
    "Equilibrium", "EquilibriumSet", "verified", "solve", "vertex_enumeration", "pure_equilibria",
    "SbgamesError", "ModelError", "ExpressionError", "VerificationError", "GameFileError", "SolverLimitError",
    "InputError", "InputTypeError", "StochasticGame", "__version__",
]


def __getattr__(name):
    """Import a public name's module on first use (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'sbgames' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
