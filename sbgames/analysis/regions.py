"""Phase diagrams: which equilibria hold where in a slice of parameter space.

:func:`regions` classifies every point of a 1-D or 2-D grid by its set of
equilibria.  The fast path evaluates the compiled closed-form conditions of
every branch (:mod:`sbgames.solvers.symbolic`) on whole numpy arrays at
once; points where no closed form applies are solved one by one with the
exact numeric solver, optionally in parallel on any
:class:`concurrent.futures.Executor` (a process pool, or a
``dask.distributed`` client's executor for sweeps that outgrow one machine).

Labels never say more than was computed.  Points of N-player games are
solved with :func:`sbgames.solve` (``method="auto"``), complete wherever the
polynomial solver finishes quickly; elsewhere only pure equilibria are
searched, and the label says ``"pure equilibria only"`` (or, where there is
none, ``"no pure equilibrium (mixed equilibria not searched)"``: a finite
game always has an equilibrium).  ``"(unique)"`` is said only of a complete
result; :attr:`RegionMap.complete` and :attr:`RegionMap.warnings` carry the
same facts as data.

Region boundaries are taken from the closed-form conditions, not from the
pixel grid: each relation of a branch condition, with the fixed parameters
substituted, is solved for the y parameter (or the x parameter) and kept
where the classification really changes across it.

Examples
--------
>>> from sbgames import load_model
>>> core = load_model("core")
>>> rmap = regions(core, x=("theta", 0, 12), y=("lam", 0, 4), resolution=60)
>>> rmap.labels.shape
(60, 60)
>>> rmap.label_at(theta=6, lam=2)
'mixed: Revise-Restrain x Soft-Bandwagon'
>>> rmap.label_at(theta=6, lam="1/4")
'Revise / Soft (unique)'
>>> [str(b) for b in rmap.boundaries]
['lam = 2/3', 'theta = 4']
"""

from __future__ import annotations

import csv
import functools
import pickle
import warnings
from concurrent.futures import Executor
from fractions import Fraction

import numpy as np

from ..errors import InputError, SolverLimitError
from ..expr import compile_expression
from ..files import atomic_write
from ..numeric import parse_number
from ..solvers.symbolic import condition_work, equal_size_pairs
from .boundaries import Boundary, boundary_points, find_boundaries
from .grid import MAX_MAGNITUDE, MAX_POINTS, MAX_RESOLUTION, axis_grid, inside_constraints, parse_range
from .labels import (NO_PURE, OUTSIDE, PURE_ONLY, label_at_point, label_is_complete, labels_at_points,
                     region_label, solve_quietly)

# the labels, grids and boundaries live in their own modules; these names stay importable from here
__all__ = ["regions", "RegionMap", "Boundary", "region_label", "label_at_point", "label_is_complete", "parse_range",
           "PURE_ONLY", "NO_PURE", "MAX_RESOLUTION", "MAX_POINTS", "MAX_MAGNITUDE",
           "labels_at_points", "solve_quietly", "slow_derivation", "note_warning"]
class RegionMap:
    """The classification of a grid of parameter points (see :func:`regions`).

    Attributes
    ----------
    model : Model
    x, y : numpy.ndarray
        The grids (``y`` is ``None`` for a strip).
    x_name, y_name : str
    labels : numpy.ndarray of str
        One row per y value and one column per x value (a single row for a
        strip); equal labels mean the same set of equilibria.  (Built on
        demand from ``codes`` and ``names``.)
    codes : numpy.ndarray of int
        The same classification as indices into ``names``.
    names : list of str
    fixed : dict
        Values of the other parameters.
    method : str
        ``"closed form"``, ``"numeric"`` or ``"closed form + numeric"``
        (numeric at the points no closed form covered), followed by what was
        left out where the result is partial, e.g. ``"numeric (pure
        equilibria only at 30 of 30 points)"``.
    complete : bool
        True when the result at every point inside the constraints is the
        complete set of equilibria; False when some points were searched for
        pure equilibria only (their labels say ``"pure equilibria only"``).
    warnings : list of str
        What the caller should know about the map, one sentence each (the
        same text is also given as a Python warning).
    boundaries : list of Boundary
    """

    def __init__(self, model, x, y, x_name, y_name, codes, names, fixed, method, boundaries, warnings=()):
        self.model, self.x, self.y, self.x_name, self.y_name = model, x, y, x_name, y_name
        self.codes, self.names = codes, list(names)
        self.fixed, self.method, self.boundaries = fixed, method, boundaries
        self.warnings = list(warnings)
        self._labels = None

    @property
    def complete(self) -> bool:
        return all(label_is_complete(name) for name in self.region_names)

    def shares(self) -> dict:
        """Each region's share of the grid points, largest first (the shares sum to 1)."""
        counts = np.bincount(self.codes.ravel(), minlength=len(self.names))
        return {name: float(counts[self.names.index(name)] / self.codes.size) for name in self.region_names}

    def to_dict(self) -> dict:
        """A JSON-ready summary: the window, the regions with their shares, completeness and warnings.

        Examples
        --------
        >>> from sbgames import load_model
        >>> summary = regions(load_model("core"), x=("lam", 0, 5), resolution=11).to_dict()
        >>> summary["complete"], summary["regions"][0]
        (True, {'label': 'mixed: Revise-Restrain x Soft-Bandwagon', 'share': 0.8181818181818182, 'complete': True})
        """
        def axis(name, grid):
            return {"parameter": name, "low": float(grid[0]), "high": float(grid[-1]), "points": len(grid)}
        return {"model": self.model.name, "x": axis(self.x_name, self.x),
                "y": axis(self.y_name, self.y) if self.y_name else None,
                "fixed": {k: str(v) for k, v in self.fixed.items()}, "method": self.method,
                "complete": self.complete, "warnings": list(self.warnings),
                "regions": [{"label": name, "share": float(share), "complete": label_is_complete(name)}
                            for name, share in self.shares().items()],
                "boundaries": [str(b) for b in self.boundaries]}

    @property
    def labels(self) -> np.ndarray:
        if self._labels is None:
            self._labels = np.array(self.names, dtype=object)[self.codes]
        return self._labels

    @property
    def region_names(self) -> list[str]:
        """The distinct labels, largest region first."""
        counts = np.bincount(self.codes.ravel(), minlength=len(self.names))
        return [self.names[k] for k in sorted(np.nonzero(counts)[0], key=lambda k: (-counts[k], self.names[k]))]

    def mask(self, name: str) -> np.ndarray:
        """Where the label is `name` (a boolean array shaped like ``labels``)."""
        return self.codes == self.names.index(name)

    def label_at(self, **values) -> str:
        """The label of the grid point nearest to the given x (and y) values.

        Raises
        ------
        InputError
            For a value outside the plotted window (by more than half a grid cell).
        """
        def nearest(grid, name):
            if name not in values:
                raise InputError(f"give a value for {name}")
            v = float(parse_number(values[name]))
            half = (grid[-1] - grid[0]) / (2 * (len(grid) - 1))
            if not grid[0] - half <= v <= grid[-1] + half:
                raise InputError(f"{name} = {values[name]} is outside the map ({grid[0]:g} to {grid[-1]:g})")
            return int(np.abs(grid - v).argmin())
        i = nearest(self.x, self.x_name)
        j = 0 if self.y is None else nearest(self.y, self.y_name)
        return self.names[self.codes[j, i]]

    def caption(self) -> str:
        """A caption-ready sentence naming the plotted and the fixed parameters."""
        params = self.model.parameters
        shown = [f"{self.x_name} ({params[self.x_name].description})"]
        if self.y_name:
            shown.append(f"{self.y_name} ({params[self.y_name].description})")
        fixed = ", ".join(f"{k} = {v}" for k, v in self.fixed.items())
        return (f"Equilibria of the {self.model.name} model as {' and '.join(shown)} "
                f"{'vary' if self.y_name else 'varies'}; other parameters fixed at {fixed}.")

    def to_csv(self, path) -> None:
        """Write one row per grid point: x, (y,) label; whole or not at all (:func:`sbgames.files.atomic_write`)."""
        def write(tmp):
            with open(tmp, "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow([self.x_name, *([self.y_name] if self.y_name else []), "label"])
                for j in range(self.codes.shape[0]):
                    for i, xv in enumerate(self.x):
                        writer.writerow([repr(float(xv)), *([repr(float(self.y[j]))] if self.y_name else []),
                                         self.names[self.codes[j, i]]])
        atomic_write(path, write)

    def boundary_curve(self, boundary: Boundary, count: int = 1000) -> tuple:
        """Points along a boundary in the window, and where the regions on its two sides differ.

        Returns ``(xs, ys, differs)`` (see :func:`~sbgames.analysis.boundaries.boundary_points`):
        what a figure draws of the boundary.
        """
        return boundary_points(self, boundary, count)

    def plot(self, ax=None, **kwargs):
        """Draw the map (or strip) with region labels and exact boundaries; returns the Figure."""
        from ..plot import plot_regions
        return plot_regions(self, ax=ax, **kwargs)

    def __repr__(self) -> str:
        size = f"{len(self.y)} x {len(self.x)}" if self.y is not None else f"{len(self.x)}"
        return f"RegionMap({self.model.name}: {self.x_name}{'/' + self.y_name if self.y_name else ''}, " \
               f"{size} points, {len(self.region_names)} regions, {self.method})"


def _chunks(points: list, chunksize: int | None) -> list:
    """Batches of points, one task each: about 16 tasks (enough to balance several workers), 64 points at most."""
    size = chunksize or min(64, max(1, -(-len(points) // 16)))
    return [points[k:k + size] for k in range(0, len(points), size)]


def _solve_points(model, points, executor, progress, chunksize=None):
    """Labels of parameter points by the exact numeric solver, in parallel if an executor is given."""
    if not points:
        return []
    if executor is None:
        chunks = ([label_at_point(model, p)] for p in points)
    else:
        # a task per batch of points: the scheduling overhead is paid per batch, and the model travels
        # as bytes that each worker process turns into a model once (not once per task)
        batches = _chunks(points, chunksize)
        try:
            shipped, task = pickle.dumps(model), _labels_of_shipped
        except (TypeError, AttributeError, pickle.PicklingError):  # a model only threads can share
            shipped, task = model, labels_at_points
        chunks = executor.map(task, [shipped] * len(batches), batches)
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(points), desc="solving points", unit="point")
        out = []
        for chunk in chunks:
            out += chunk
            bar.update(len(chunk))
        bar.close()
        return out
    return [label for chunk in chunks for label in chunk]


@functools.lru_cache(maxsize=8)
def _unpickled(shipped: bytes):
    """The model sent as `shipped`, built once per process and kept for the next tasks of the sweep."""
    return pickle.loads(shipped)  # noqa: S301 (bytes pickled by this module in the calling process)


def _labels_of_shipped(shipped: bytes, points) -> list:
    """:func:`labels_at_points` for a model sent as pickled bytes."""
    return labels_at_points(_unpickled(shipped), points)


def _closed_form_labels(result, arrays, shape):
    """Codes into a list of labels from the compiled branch conditions (None: no branch holds)."""
    names = list(arrays)  # every parameter: fixed values and the grid

    def mask(branch):
        f = compile_expression(branch.conditions, names)
        args = np.broadcast_arrays(*[np.asarray(arrays[n], dtype=float) for n in names])
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(f(*args), dtype=bool), shape)
    masks = np.stack([mask(b) for b in result] or [np.zeros(shape, bool)]).reshape(max(1, len(result)), -1)
    # which branches hold, one row of bits per point; rows classify the points
    unique, inverse = np.unique(np.packbits(masks.T, axis=1), axis=0, return_inverse=True)
    members = [[b for b, on in zip(result, np.unpackbits(row)) if on] for row in unique]
    return inverse.reshape(shape), [result.region_label(m) if m else None for m in members]


def _merge_equal_labels(codes: np.ndarray, names: list):
    """One code per distinct label (different sets of branches can describe the same equilibria)."""
    distinct = list(dict.fromkeys(names))
    remap = np.array([distinct.index(n) for n in names], dtype=np.intp)
    return remap[codes], distinct


#: ``method="auto"`` maps solve point by point instead of deriving closed forms above this simplification work
#: (:func:`~sbgames.solvers.symbolic.condition_work`; 2 x 6 is 1,728 and took 17 s, the 2 x 18 portfolio game's
#: 75,600 about 10 minutes in 2026).
AUTO_CLOSED_FORM_WORK = 30_000


def _pending_sizes(model):
    """``(m, n)`` of a 2-player payoff table whose closed forms are not derived yet; None otherwise (nothing to do)."""
    if len(model.players) != 2 or model.payoff_table is None or model.symbolic_derived:
        return None
    return tuple(len(s) for s in model.strategies)


def derivation_work(model) -> int:
    """The closed forms' simplification work for `model` (0 where nothing is enumerated or it is derived already)."""
    sizes = _pending_sizes(model)
    return 0 if sizes is None else condition_work(*sizes)


#: Support pairs of equal size (the ones the closed-form derivation solves) above which it may take minutes
#: (the 2 x 6 instruments game, 27 pairs, took 17 s in 2026; the 2 x 18 portfolio game, 189 pairs, about 10 minutes).
SLOW_DERIVATION_PAIRS = 40


def slow_derivation(model, advice: bool = True) -> str | None:
    """A warning when deriving `model`'s closed forms is expected to be slow, else None.

    The derivation solves one symbolic system per pair of supports of equal
    size, and there are ``sum_k C(m, k) C(n, k)`` of them in an ``m x n``
    game (:func:`~sbgames.solvers.symbolic.equal_size_pairs`).  With
    `advice` (the default) the warning names ``method='numeric'`` as the way
    out, for maps and statics, which can solve point by point.

    Examples
    --------
    >>> from sbgames import load_model
    >>> slow_derivation(load_model("core")) is None
    True
    """
    sizes = _pending_sizes(model)
    if sizes is None:
        return None
    m, n = sizes
    pairs = equal_size_pairs(m, n)
    if pairs <= SLOW_DERIVATION_PAIRS:
        return None
    text = (f"the closed forms of this {m} x {n} game solve {pairs} support pairs of equal size symbolically, "
            "which may take minutes")
    return text + ("; method='numeric' (CLI: --method numeric) solves each grid point numerically instead"
                   if advice else "")


def note_warning(messages: list, text: str, stacklevel: int = 3) -> None:
    """Record a warning on the result and give it as a Python warning at the caller of regions() or statics()."""
    messages.append(text)
    warnings.warn(text, stacklevel=stacklevel)


def regions(model, x, y=None, resolution: int = 200, fixed: dict | None = None, method: str = "auto",
            executor: Executor | None = None, progress: bool = False, chunksize: int | None = None) -> RegionMap:
    """Classify a 1-D or 2-D grid of parameter values by the equilibria at each point.

    Parameters
    ----------
    model : Model
    x, y : (name, low, high)
        The plotted parameters (omit `y` for a strip along `x`).  The ends
        are checked against the parameter's bounds; at most 1e15 in magnitude.
    resolution : int
        Grid points per axis, from 2 to ``MAX_RESOLUTION`` (1000); at most
        ``MAX_POINTS`` (250,000) points may need solving one by one.
    fixed : dict, optional
        Values of other parameters (defaults otherwise).
    method : {"auto", "closed-form", "numeric"}
        ``"auto"`` uses closed forms for 2-player models whose symbolic
        derivation is complete and has no structurally degenerate supports,
        and solves numerically at any point the closed forms do not cover;
        it solves point by point when the derivation's work is over
        :data:`AUTO_CLOSED_FORM_WORK` (minutes of derivation).
        ``"numeric"`` solves every point with :func:`sbgames.solve`
        (``method="auto"``) and derives nothing symbolically: the way out
        when a derivation would be slow (a warning says so beforehand).
        Points of N-player games the complete solver does not finish
        quickly are searched for pure equilibria only, and their labels say
        ``"pure equilibria only"``.
    executor : concurrent.futures.Executor, optional
        Runs the per-point numeric solving (e.g. a ``ProcessPoolExecutor``
        or ``distributed.Client(...).get_executor()``), in batches of points.
    progress : bool
        Show a tqdm progress bar for per-point solving.
    chunksize : int, optional
        Points per task given to the executor (default: about 16 tasks, at
        most 64 points each).

    Returns
    -------
    RegionMap
        With ``complete`` (every point's result complete) and ``warnings``.

    Raises
    ------
    InputError
        For axes or values out of range.
    SolverLimitError
        For a resolution over the limits, before any work.
    """
    if method not in ("auto", "closed-form", "numeric"):
        raise InputError(f"method must be 'auto', 'closed-form' or 'numeric', got {method!r}")
    if chunksize is not None and not (isinstance(chunksize, int) and chunksize >= 1):
        raise InputError(f"chunksize must be a positive integer, got {chunksize!r}")
    fixed = dict(fixed or {})
    x_name, xs, _ = axis_grid(model, x, resolution)
    if y is not None:
        y_name, ys, _ = axis_grid(model, y, resolution)
        if y_name == x_name:
            raise InputError(f"x and y must be different parameters, both are {x_name!r}")
    else:
        y_name, ys = None, None
    for name in (x_name, y_name):
        fixed.pop(name, None)
    point = model.values(**{**fixed, x_name: model.parameters[x_name].default,
                            **({y_name: model.parameters[y_name].default} if y_name else {})})
    fixed_values = {k: v for k, v in point.items() if k not in (x_name, y_name)}
    grid_x, grid_y = (np.meshgrid(xs, ys) if ys is not None else (xs[None, :], None))
    shape = grid_x.shape
    arrays = {k: float(v) for k, v in fixed_values.items()}  # scalars broadcast against the grid
    arrays[x_name] = grid_x
    if y_name:
        arrays[y_name] = grid_y
    inside = inside_constraints(model, arrays, shape)
    use_closed = method == "closed-form" or (method == "auto" and model.closed_forms_cover_all)
    notes, result = [], None
    if use_closed and method == "auto" and derivation_work(model) > AUTO_CLOSED_FORM_WORK:
        use_closed = False  # minutes of derivation for a map the grid solves faster point by point (as it did
        # when the derivation was refused); method="closed-form" still derives them
    if use_closed:
        slow = slow_derivation(model)
        if slow:
            note_warning(notes, slow)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a partial derivation is said in every label instead
                result = model.symbolic_equilibria()
        except SolverLimitError:
            if method == "closed-form":
                raise
            use_closed = False  # too complex for closed forms: solve point by point
    if result is not None and method == "auto" and not result.covers_all:
        result, use_closed = None, False
    if use_closed:
        codes, names = _closed_form_labels(result, arrays, shape)
    else:
        codes, names = np.zeros(shape, dtype=np.intp), [None]
    uncovered = inside & np.isin(codes, [k for k, n in enumerate(names) if n is None])
    todo = list(zip(*np.nonzero(uncovered)))
    if len(todo) > MAX_POINTS:
        raise SolverLimitError(f"{len(todo):,} grid points need solving one by one, over the limit of "
                               f"{MAX_POINTS:,} points per map; choose a smaller resolution")
    points = [{**fixed_values, x_name: Fraction(float(grid_x[idx])),
               **({y_name: Fraction(float(grid_y[idx]))} if y_name else {})} for idx in todo]
    solved = _solve_points(model, points, executor, progress, chunksize)
    names = [n if n is not None else "" for n in names] + [OUTSIDE]
    codes = np.where(inside, codes, len(names) - 1)
    for idx, label in zip(todo, solved):
        if label not in names:
            names.append(label)
        codes[idx] = names.index(label)
    codes, names = _merge_equal_labels(codes, names)
    method_used = ("closed form" if use_closed and not todo else "numeric" if not use_closed
                   else "closed form + numeric")
    partial = ~np.isin(codes, [k for k, n in enumerate(names) if label_is_complete(n)]) & inside
    if partial.any():
        pure = partial & np.isin(codes, [k for k, n in enumerate(names) if PURE_ONLY in n or n == NO_PURE])
        what = "pure equilibria only" if pure.sum() == partial.sum() else "not complete"
        where = f"{what} at {int(partial.sum())} of {int(inside.sum())} points"
        method_used += f" ({where})"
        note_warning(notes, f"{where} of the map ({model.why_partial(use_closed)}); "
                     "their labels say so and never claim 'unique'")
    rmap = RegionMap(model, xs, ys, x_name, y_name, codes, names, fixed_values, method_used, [], notes)
    if result is not None:
        rmap.boundaries = find_boundaries(model, result, rmap)
    return rmap
