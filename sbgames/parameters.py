"""Parameters of a model, and the part every model kind shares.

A :class:`Parameter` is one named quantity of a model with a default value,
optional bounds and a one-line meaning.  A :class:`ParameterPart` holds a
model's parameters and its constraints (conditions joining several
parameters) and turns keyword arguments into a validated point of
parameter space (:meth:`ParameterPart.values`).

:class:`ParametrisedModel` is the common base of the model kinds (the
normal-form :class:`~sbgames.model.Model` and the game tree
:class:`~sbgames.extensive.model.ExtensiveModel`): the fields every model
file has, the parameter part, immutability and pickling.

Examples
--------
>>> from fractions import Fraction
>>> theta = Parameter("theta", default=Fraction(2), min=Fraction(0), description="threat")
>>> part = ParameterPart({"theta": theta}, name="demo")
>>> part.values(theta="1/2")
{'theta': Fraction(1, 2)}
>>> part.values(theta=-1)
Traceback (most recent call last):
...
sbgames.errors.InputError: parameter 'theta' = -1 is outside its bounds 0 <= theta
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

import sympy

from .errors import InputError, InputTypeError
from .expr import evaluate
from .numeric import parse_number

__all__ = ["Parameter", "ParameterPart", "ParametrisedModel", "RESERVED_NAMES", "BASES", "did_you_mean", "nfkc",
           "register_explorer"]

#: The notebook explorer behind :meth:`ParametrisedModel.explore` (set by :func:`register_explorer`).
_explorer = None


def register_explorer(widget) -> None:
    """Make ``widget(model, **options)`` the explorer behind :meth:`ParametrisedModel.explore`.

    :mod:`sbgames.explore`, a layer above the model kinds, calls this when it
    is imported (``sbgames.load_model`` and ``sbgames.Model`` import it), so
    the model kinds offer the explorer without importing upward.
    """
    global _explorer
    _explorer = widget


#: Parameter names that would collide with keyword arguments of model methods.
RESERVED_NAMES = frozenset({"exact", "method", "tol", "values", "self"})
#: How a calibrated value was set: from a source, or fitted so the model reproduces the outcome.
BASES = ("sourced", "fitted")


def nfkc(name) -> str:
    """The form in which Python reads a name: Unicode look-alikes (``ｇ``, ``ℓ``) folded (NFKC).

    Examples
    --------
    >>> nfkc("ｇ")
    'g'
    """
    return unicodedata.normalize("NFKC", str(name))


def did_you_mean(name, known) -> str:
    """``"; did you mean 'x'?"`` for the known name nearest `name`, or ``""``.

    Examples
    --------
    >>> did_you_mean("thetta", ["theta", "lam"])
    "; did you mean 'theta'?"
    """
    known = [str(k) for k in known]
    match = [nfkc(name)] if nfkc(name) in known else difflib.get_close_matches(str(name), known, n=1)
    return f"; did you mean {match[0]!r}?" if match else ""


@dataclass(frozen=True)
class Parameter:
    """One parameter of a model.

    Attributes
    ----------
    name : str
    default : Fraction
    description : str
        Its meaning, in one line.
    min, max : Fraction or None
        Inclusive bounds.
    above, below : Fraction or None
        Strict bounds.
    integer : bool
    literature : str
        How the parameter ties to the literature (optional).
    latex : str
        LaTeX name for output (optional).
    justification : str
        Why the default has its value (calibrated cases: the evidence and
        the literature's condition behind it).
    plausible : tuple of two Fractions or None
        A plausible range ``(low, high)`` of values, within the bounds; the
        box over which a case's robustness is measured.
    basis : str
        Calibrated cases: ``"sourced"`` (the value rests on the cited
        source) or ``"fitted"`` (set so that the model reproduces the
        historical outcome); ``""`` where not stated.
    source : str
        For a sourced value, the source (author, work, page or section);
        for a fitted value, what it was fitted to.

    Examples
    --------
    >>> p = Parameter("g", default=Fraction(2), above=Fraction(0))
    >>> p.symbol.is_positive, p.bounds_text(), p.check("3/2")
    (True, '0 < g', Fraction(3, 2))
    """

    name: str
    default: Fraction
    description: str = ""
    min: Fraction | None = None
    max: Fraction | None = None
    above: Fraction | None = None
    below: Fraction | None = None
    integer: bool = False
    literature: str = ""
    latex: str = ""
    justification: str = ""
    plausible: tuple[Fraction, Fraction] | None = None
    basis: str = ""
    source: str = ""

    @property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol, carrying the assumptions the bounds imply."""
        lower = [b for b in (self.min, self.above) if b is not None]
        upper = [b for b in (self.max, self.below) if b is not None]
        assumptions = {"real": True}
        if self.integer:
            assumptions["integer"] = True
        if (self.above is not None and self.above >= 0) or (self.min is not None and self.min > 0):
            assumptions["positive"] = True
        elif lower and max(lower) >= 0:
            assumptions["nonnegative"] = True
        if (self.below is not None and self.below <= 0) or (self.max is not None and self.max < 0):
            assumptions["negative"] = True
        elif upper and min(upper) <= 0:
            assumptions["nonpositive"] = True
        return sympy.Symbol(self.name, **assumptions)

    def bounds_text(self) -> str:
        """The bounds as text, e.g. ``0 <= lam`` or ``0 < g <= 10``."""
        left = f"{self.min} <= " if self.min is not None else f"{self.above} < " if self.above is not None else ""
        right = f" <= {self.max}" if self.max is not None else f" < {self.below}" if self.below is not None else ""
        return f"{left}{self.name}{right}" if left or right else "any real"

    def check(self, value) -> Fraction:
        """Convert `value` to a Fraction and check it lies within the bounds.

        Raises
        ------
        InputError
            Outside the bounds, not an integer where one is needed, or not a
            number written as one.
        InputTypeError
            Not a number.
        """
        try:
            frac = parse_number(value)
        except TypeError as exc:
            raise InputTypeError(f"parameter {self.name!r}: {exc}") from None
        except ValueError as exc:
            raise InputError(f"parameter {self.name!r}: {exc}") from None
        ok = ((self.min is None or frac >= self.min) and (self.max is None or frac <= self.max)
              and (self.above is None or frac > self.above) and (self.below is None or frac < self.below)
              and (not self.integer or frac.denominator == 1))
        if not ok:
            shown = str(value) if isinstance(value, Fraction) else repr(value)
            if self.integer and frac.denominator != 1:
                raise InputError(f"parameter {self.name!r} = {shown} must be an integer")
            raise InputError(f"parameter {self.name!r} = {shown} is outside its bounds {self.bounds_text()}")
        return frac


class ParameterPart:
    """A model's parameters and constraints, and the check of a point of parameter space.

    Parameters
    ----------
    parameters : mapping of str to Parameter
    constraints : sequence of (str, sympy relational)
        Conditions joining several parameters, as written and as parsed.
    name : str
        The model's name, for error messages.

    Attributes
    ----------
    parameters : mapping of str to Parameter (read-only)
    constraints : tuple of (str, sympy relational)
    """

    def __init__(self, parameters: Mapping, constraints=(), *, name: str = "model"):
        self.parameters = MappingProxyType(dict(parameters))
        self.constraints = tuple(constraints)
        self.name = name

    @property
    def symbols(self) -> dict:
        """Parameter name -> sympy symbol (with the assumptions its bounds imply)."""
        return {name: p.symbol for name, p in self.parameters.items()}

    def values(self, **values) -> dict:
        """Validated parameter values: the given ones, defaults for the rest.

        Raises
        ------
        InputError
            An unknown parameter name (with a suggestion), a value outside
            the parameter's bounds, or a point that breaks a constraint.
        """
        unknown = [k for k in values if k not in self.parameters]
        if unknown:
            name = unknown[0]
            raise InputError(f"model {self.name!r} has no parameter {name!r}{did_you_mean(name, self.parameters)} "
                             f"(parameters: {', '.join(self.parameters)})")
        point = {name: p.check(values.get(name, p.default)) for name, p in self.parameters.items()}
        for text, relation in self.constraints:
            lhs, rhs = (evaluate(side, point) for side in relation.args)
            if not relation.func(lhs, rhs):
                shown = ", ".join(f"{s.name} = {point[s.name]}" for s in sorted(relation.free_symbols, key=str))
                raise InputError(f"model {self.name!r} requires {text}, which fails at {shown}")
        return point


class ParametrisedModel:
    """The common base of the model kinds: the fields of a model file, a parameter part, immutability.

    Besides ``equilibria(*, exact=False, method=..., tol=..., **values)`` and
    ``symbolic_equilibria()``, a model kind states what it offers to the
    analyses above it, so they need not ask which kind it is:
    :attr:`kind_name`, :attr:`payoff_table`, :attr:`closed_forms_cover_all`
    and :meth:`why_partial`.  The defaults here are the cautious ones (no
    payoff table; closed forms not trusted to cover every equilibrium).

    Every field is set in ``__init__``; afterwards the model cannot be
    changed (setting an attribute raises ``AttributeError``).  A model read
    from a model file pickles as the data it was read from (`origin`), so it
    can be sent to worker processes.

    Attributes
    ----------
    name, title, source, description : str
    players : tuple of str
        Player ids, in order.
    player_names : tuple of str
        Long names of the players.
    parameter_part : ParameterPart
    parameters : mapping of str to Parameter
    constraints : tuple of (str, sympy relational)
    expected : tuple of mapping
        The ``[[expected]]`` blocks of the model file, parsed.
    case : CaseInfo or None
        The ``[case]`` section of a calibrated case
        (:class:`sbgames.modelfile.case.CaseInfo`), else None.
    path : pathlib.Path or None
    origin : tuple or None
        ``(function, arguments)`` that rebuild the model (set by the
        model-file reader); None for a model built directly.
    """

    #: The kind of model in words, for messages (``"a game tree"``).
    kind_name = "a parametrised game"
    #: Whether :meth:`symbolic_equilibria` aims at every equilibrium (so phase diagrams and cases use the closed
    #: forms), rather than at the pure profiles only.
    closed_forms_cover_all = False

    def __init__(self, *, name: str, title: str, players, player_names, parameters: Mapping, constraints=(),
                 source: str = "", description: str = "", expected=(), case=None, path: Path | None = None,
                 origin: tuple | None = None):
        self.name = name
        self.title = title
        self.source = source
        self.description = description
        self.players = tuple(players)
        self.player_names = tuple(player_names)
        self.parameter_part = ParameterPart(parameters, constraints, name=name)
        self.expected = tuple(expected)
        self.case = case
        self.path = path
        self.origin = origin
        self._memo = {}  # results derived from the immutable fields (closed forms), computed once
        self._frozen = True

    def __setattr__(self, name, value):
        if getattr(self, "_frozen", False):
            raise AttributeError(f"{type(self).__name__} is immutable; {name!r} cannot be set")
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} is immutable; {name!r} cannot be deleted")

    def __reduce__(self):
        """Models pickle as the data they were read from (sympy symbols with assumptions and read-only
        mappings do not pickle reliably; the reader rebuilds the identical model in a worker process)."""
        if self.origin is None:
            raise InputTypeError("only models read by load_model or Model.from_dict can be pickled")
        return self.origin

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}: {self.title})"

    @property
    def parameters(self) -> Mapping:
        """Parameter name -> :class:`Parameter` (read-only)."""
        return self.parameter_part.parameters

    @property
    def constraints(self) -> tuple:
        """``(text, relation)`` pairs: conditions joining several parameters."""
        return self.parameter_part.constraints

    @property
    def symbols(self) -> dict:
        """Parameter name -> sympy symbol."""
        return self.parameter_part.symbols

    def values(self, **values) -> dict:
        """Validated parameter values: the given ones, defaults for the rest (see :meth:`ParameterPart.values`)."""
        return self.parameter_part.values(**values)

    def solution_text(self, result, **values) -> str:
        """What ``sbgames solve`` prints below the heading: the game at these values, then `result`.

        Model kinds whose games print themselves override this; the default
        is the result's own text.
        """
        return result.text()

    def explore(self, x=None, y=None, grid: int | None = None):
        """The explorer page as a Jupyter widget: :func:`sbgames.explore.widget` for this model.

        Sliders per parameter, every equilibrium at the current values and a
        movable phase diagram over `x` and `y` (``(name, low, high)``), in a
        notebook cell; needs the ``explore`` extra (ipywidgets).
        """
        if _explorer is None:
            from .errors import InputError
            raise InputError("model.explore() needs sbgames.explore: import sbgames.explore, "
                             "or load the model with sbgames.load_model")
        return _explorer(self, x=x, y=y, **({} if grid is None else {"grid": grid}))

    @property
    def payoff_table(self) -> Mapping | None:
        """The payoffs as a table over pure strategy profiles (profile -> one expression per player), or None.

        A model with a payoff table also has ``strategies`` (each player's,
        in order) and answers the questions asked of a strategic form
        (comparative statics, repeated play, best replies); a game tree has
        none.

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("prisoners_dilemma").payoff_table is None, load_model("core_sequential").payoff_table
        (False, None)
        """
        return None

    def why_partial(self, closed_form: bool) -> str:
        """Why a result at some parameter point may not be complete, in words (for the warning of a map).

        `closed_form` says whether the result came from the closed forms
        (True) or from solving the point (False).

        Examples
        --------
        >>> from sbgames import load_model
        >>> load_model("core_sequential").why_partial(closed_form=True)
        'a mover is indifferent there: mixing at the tied nodes is not searched'
        """
        return "the closed forms do not cover every equilibrium there" if closed_form else \
            "the solver's search is not complete there"

    def _memoised(self, key: str, compute):
        """``compute()``, computed once per model (the model is immutable, so the result cannot go stale)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def symbolic_derived(self) -> bool:
        """Whether :meth:`symbolic_equilibria` has already been computed for this model."""
        return "symbolic" in self._memo
