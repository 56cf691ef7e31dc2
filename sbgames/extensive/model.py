"""Parametrised game trees: parameters with bounds and meanings, payoffs as expressions.

An :class:`ExtensiveModel` is the game-tree sibling of the normal-form
:class:`~sbgames.model.Model`: the same parameter part (parameters,
constraints, :meth:`values`), the same fields of a model file, and the same
``equilibria`` and ``symbolic_equilibria`` methods, here answered by
backward induction.  Model files with ``kind = "extensive"`` are read by
:mod:`sbgames.modelfile.extensive`.

Examples
--------
>>> from sbgames import load_model
>>> seq = load_model("core_sequential")
>>> seq.kind, seq.players
('extensive', ('T', 'S'))
>>> [spe.actions for spe in seq.equilibria()]
[('Restrain', 'Bandwagon')]
>>> [spe.actions for spe in seq.equilibria(exact=True, l="1/2")]
[('Revise', 'Soft')]
"""

from __future__ import annotations

from ..errors import InputError
from ..parameters import ParametrisedModel
from .backward import subgame_perfect_conditions, subgame_perfect_equilibria
from .normal_form import classify_nash, to_normal_form
from .tree import ExtensiveGame

__all__ = ["ExtensiveModel", "METHODS"]

#: The ways :meth:`ExtensiveModel.equilibria` may solve a tree.
METHODS = ("auto", "backward")


class ExtensiveModel(ParametrisedModel):
    """A parametrised game tree (plain immutable data).

    Attributes
    ----------
    kind : str
        ``"extensive"``.
    tree : ExtensiveGame
        The tree with sympy payoffs (and chance probabilities).
    name, title, source, description, players, player_names, parameters, constraints, expected, case, path
        As for every model kind (:class:`~sbgames.parameters.ParametrisedModel`);
        each ``expected`` block gives ``paths``, the action sequences of the
        subgame-perfect equilibria.
    """

    kind = "extensive"
    kind_name = "a game tree"
    #: Every pure behaviour profile has a closed-form branch; where several hold, a mover is indifferent.
    closed_forms_cover_all = True

    def __init__(self, *, tree: ExtensiveGame, **fields):
        self.tree = tree
        super().__init__(**fields)

    def game(self, *, exact: bool = False, **values) -> ExtensiveGame:
        """The tree at these parameter values (defaults for the others).

        With ``exact=True`` the payoffs and probabilities are exact where
        rational; by default they are floats (a tree still symbolic in some
        parameter keeps its sympy payoffs).
        """
        point = self.values(**values)
        try:
            game = self.tree.subs(point)
            return game if exact or game.kind == "symbolic" else game.as_float()
        except (TypeError, ValueError) as exc:
            raise InputError(f"model {self.name!r}: {exc}") from None

    def why_partial(self, closed_form: bool) -> str:
        """Why a result may not be complete: ties, where mixing is subgame perfect too (see the base class)."""
        return "a mover is indifferent there: mixing at the tied nodes is not searched"

    def symbolic_game(self) -> ExtensiveGame:
        """The tree with sympy payoffs in the parameters' symbols."""
        return self.tree

    def solution_text(self, result, **values) -> str:
        """The tree at these values (exact payoffs), its subgame-perfect equilibria (`result`), and the
        pure Nash equilibria of its normal form that rest on non-credible threats."""
        lines = [self.game(exact=True, **values).text(), "", result.text()]
        threats = [v for v in self.classify_nash(**values) if v.subgame_perfect is False]
        if threats:
            lines += ["", "Pure Nash equilibria of the normal form that are not subgame perfect (non-credible threats):"]
            for v in threats:
                moves = ", ".join(f"{action} at {node}" for node, action in v.non_credible)
                lines.append(f"  {v.equilibrium.describe()}  (not credible: {moves})")
        return "\n".join(lines)

    def equilibria(self, *, exact: bool = False, method: str = "auto", tol: float | None = None, **values):
        """Every pure subgame-perfect equilibrium at these values (perfect-information trees).

        Parameters
        ----------
        exact : bool
            Compare payoffs exactly, as fractions; by default (the rule for
            every model kind) the payoffs are floats and actions within `tol`
            of the best count as ties.
        method : {"auto", "backward"}
            Backward induction (the only method for trees; ``"auto"`` chooses it).
        tol : float, optional
            Float mode: the tie tolerance (default ``1e-9`` times the payoff scale).
        **values
            Parameter values (defaults for the others).

        Examples
        --------
        >>> from sbgames import load_model
        >>> [spe.describe() for spe in load_model("core_sequential").equilibria(exact=True, l="1/2")]
        ['T: Revise; S: Soft after T:Revise, Bandwagon after T:Restrain']
        """
        if method not in METHODS:
            raise InputError(f"method {method!r} does not solve a game tree (use one of: {', '.join(METHODS)})")
        return subgame_perfect_equilibria(self.game(exact=exact, **values), tol=tol)

    def symbolic_equilibria(self):
        """For every pure behaviour profile, the parameter conditions under which it is subgame perfect
        (computed once, then reused)."""
        return self._memoised("symbolic", lambda: subgame_perfect_conditions(self.tree, self))

    def normal_form(self, **values):
        """The reduced normal form at these values (exact where the payoffs are rational)."""
        return to_normal_form(self.game(exact=True, **values))

    def classify_nash(self, **values):
        """Nash equilibria of the reduced normal form, each marked subgame perfect or not (exact payoffs)."""
        return classify_nash(self.game(exact=True, **values))

    def check_expected(self, *, exact: bool = False, tol: float = 1e-9) -> list[str]:
        """Compare the ``[[expected]]`` blocks (subgame-perfect paths of play) with backward induction.

        Each block gives ``values`` (optional) and ``paths``, the action
        sequences of the subgame-perfect equilibria; with ``complete = true``
        (the default) no other path may be found.  Backward induction runs
        exactly with ``exact=True``, else in floats (the default); `tol` is accepted
        for symmetry with normal-form models (paths are compared by name).

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("core_sequential").check_expected(exact=True), load_model("core_sequential").check_expected()
        ([], [])
        """
        problems = []
        for k, block in enumerate(self.expected):
            found = {spe.actions for spe in self.equilibria(exact=exact, **block["values"])}
            where = f"expected[{k}]"
            for path in block["paths"]:
                if path not in found:
                    problems.append(f"{where}: the path {' -> '.join(path)} is not subgame perfect")
            if block["complete"]:
                for path in sorted(found - set(block["paths"])):
                    problems.append(f"{where}: the block is complete, but {' -> '.join(path)} is found too")
        return problems
