"""An explorer page: a model's parameters as sliders, its equilibria as they move.

:func:`write_explorer` writes one self-contained HTML file (no server, no
network, no external scripts or fonts, so it opens from a file or an e-mail
attachment) with a slider and an exact input per parameter, the payoff table
at the current values, every equilibrium with its probabilities and payoffs,
and a phase diagram over two parameters with the current point marked and
movable.  The page reads and writes the values in its address
(``core.html?lam=1/2&theta=6``), so a link reproduces a point.

For a 2-player model with complete closed forms the page computes the
equilibria itself from those closed forms, compiled to JavaScript with exact
rational arithmetic, so it prints what the Python closed forms give.  Any
other model is solved in Python on a grid over the two mapped parameters
(the others at their defaults), and the page says so.

Examples
--------
>>> import tempfile, pathlib
>>> from sbgames import load_model
>>> from sbgames.explore import write_explorer
>>> path = pathlib.Path(tempfile.mkdtemp()) / "core.html"
>>> write_explorer(load_model("core"), path, x=("theta", 0, 12), y=("lam", 0, 4)).name
'core.html'
>>> "<script src" in path.read_text()
False
"""

from __future__ import annotations

from pathlib import Path

from ..files import atomic_write
from ..parameters import register_explorer
from .page import DEFAULT_GRID, MAX_GRID, page_data, page_html

__all__ = ["explorer_html", "write_explorer", "widget", "MAX_GRID", "DEFAULT_GRID"]


def explorer_html(model, x=None, y=None, grid: int = DEFAULT_GRID) -> str:
    """The explorer page for `model` as one HTML document.

    Parameters
    ----------
    model : a loaded model (:func:`sbgames.load_model`)
    x, y : (name, low, high), optional
        The phase diagram's axes; the model's first two parameters over
        their slider ranges by default.
    grid : int
        Points per axis for a model solved in Python (2 to ``MAX_GRID``).
    """
    data, script = page_data(model, x, y, grid)
    return page_html(data, script)


def write_explorer(model, path, x=None, y=None, grid: int = DEFAULT_GRID) -> Path:
    """Write :func:`explorer_html` to `path` atomically and return the path."""
    path = Path(path)
    atomic_write(path, explorer_html(model, x, y, grid))
    return path


def widget(model, x=None, y=None, grid: int = DEFAULT_GRID):
    """The explorer inside Jupyter (needs the ``explore`` extra: ipywidgets).

    Returns an ``ipywidgets.HTML`` widget holding the same page in an
    isolated frame, so the same sliders, table and diagram work in a notebook.
    """
    try:
        import ipywidgets
    except ImportError as error:
        from ..errors import InputError
        raise InputError("the explorer widget needs ipywidgets: pip install 'sbgames[explore]'") from error
    import html
    page = html.escape(explorer_html(model, x, y, grid), quote=True)
    return ipywidgets.HTML(f'<iframe srcdoc="{page}" style="width:100%;height:760px;border:0"></iframe>')


register_explorer(widget)  # model.explore() in a notebook
