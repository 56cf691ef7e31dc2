"""Figure styles, sizes and axis labels shared by every figure sbgames draws.

Three styles, one per place a figure ends up:

``"paper"`` (the default)
    One journal column: 3.5 x 2.6 inches, 8-point type, saved at 300 dpi.
``"print"``
    The paper size, with a hatch pattern on every region, so that a map
    printed in greys still tells its regions apart.
``"slides"``
    8 x 4.5 inches (16:9), 14-point type, thicker lines, 200 dpi.

Colours are the Okabe-Ito palette (distinguishable under the common forms
of colour blindness); grey is never used for a region of a map.  Axes are
labelled "description (symbol)", the symbol once: the parameter's short
meaning from the model file, then its LaTeX symbol.

Examples
--------
>>> from sbgames import load_model
>>> core = load_model("core")
>>> axis_label(core, "theta"), axis_label(core, "lam")
('threat level ($\\\\theta$)', 'weight T puts on international legitimacy ($\\\\lambda$)')
>>> symbol(core, "lam"), exact_text(0.6666666666666666), exact_text(2.5)
('$\\\\lambda$', '2/3', '5/2')
>>> style_options("slides")["size"]
(8.0, 4.5)
"""

from __future__ import annotations

import re
import textwrap
from fractions import Fraction

from .errors import InputError

__all__ = ["STYLES", "PALETTE", "HATCHES", "style_options", "style_rc", "new_axes", "axis_label", "symbol",
           "exact_text", "wrap", "parse_profile"]

#: Okabe & Ito (2008): the colour-blind-safe palette, black omitted (it draws boundaries) and no grey.
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
#: Hatch patterns, one per region, for grayscale print (the first region is left plain).
HATCHES = ["", "///", "\\\\\\", "...", "xxx", "|||", "---", "+++", "ooo", "**"]

#: size in inches, font and small font in points, dpi for raster files, line width, hatching.
STYLES = {
    "paper": {"size": (3.5, 2.6), "font": 8, "small": 7, "dpi": 300, "line": 1.2, "hatch": False},
    "print": {"size": (3.5, 2.6), "font": 8, "small": 7, "dpi": 300, "line": 1.2, "hatch": True},
    "slides": {"size": (8.0, 4.5), "font": 14, "small": 12, "dpi": 200, "line": 2.0, "hatch": False},
}


def style_options(style: str) -> dict:
    """The settings of a style (see :data:`STYLES`); an :class:`~sbgames.errors.InputError` names the others.

    >>> style_options("poster")
    Traceback (most recent call last):
    ...
    sbgames.errors.InputError: style must be one of 'paper', 'print', 'slides', got 'poster'
    """
    if style not in STYLES:
        raise InputError(f"style must be one of {', '.join(map(repr, STYLES))}, got {style!r}")
    return STYLES[style]


def style_rc(style: str) -> dict:
    """matplotlib rc settings of a style, for ``matplotlib.pyplot.rc_context`` around the drawing."""
    s = style_options(style)
    return {"font.size": s["font"], "axes.labelsize": s["font"], "axes.titlesize": s["font"],
            "xtick.labelsize": s["small"], "ytick.labelsize": s["small"], "legend.fontsize": s["small"],
            "legend.title_fontsize": s["small"], "lines.linewidth": s["line"], "savefig.dpi": s["dpi"],
            "figure.dpi": 100, "hatch.linewidth": 0.6, "axes.prop_cycle": _cycler()}


def _cycler():
    from cycler import cycler
    return cycler(color=PALETTE)


def new_axes(ax=None, style: str = "paper", extra_height: float = 0.0):
    """``(figure, axes)``: the given axes and their figure, or a new figure of the style's size and dpi.

    `extra_height` (inches) is added for a legend below the axes, so the
    plotting area keeps its size.
    """
    import matplotlib.pyplot as plt
    if ax is not None:
        return ax.figure, ax
    options = style_options(style)
    width, height = options["size"]
    fig, ax = plt.subplots(figsize=(width, height + extra_height), dpi=options["dpi"], layout="constrained")
    return fig, ax


_GREEK = {"lam": "lambda", "alpha": "alpha", "beta": "beta", "gamma": "gamma", "delta": "delta", "theta": "theta",
          "kappa": "kappa", "mu": "mu", "rho": "rho", "sigma": "sigma", "tau": "tau", "phi": "phi", "omega": "omega"}


def symbol(model, name: str) -> str:
    """A parameter's symbol as mathtext: the model's LaTeX, else one made from the name (``c_sanc``: $c_{sanc}$)."""
    latex = model.parameters[name].latex
    if not latex:
        head, _, tail = name.partition("_")
        latex = ("\\" + _GREEK[head] if head in _GREEK else head) + (f"_{{{tail}}}" if tail else "")
    return f"${latex}$"


def _short_meaning(text: str) -> str:
    """The short form of a parameter's meaning: a final parenthetical gloss if there is one, without 'the'."""
    gloss = re.search(r"\(([^()]+)\)\s*$", text)
    short = gloss.group(1) if gloss else text
    return re.sub(r"^the\s+", "", short.strip())


def axis_label(model, name: str, width: int | None = None) -> str:
    """``"description (symbol)"`` for a parameter axis, the symbol once, wrapped at `width` characters."""
    meaning = model.parameters[name].description
    sym = symbol(model, name)
    text = f"{_short_meaning(meaning)} ({sym})" if meaning else sym
    return wrap(text, width) if width else text


def exact_text(value) -> str:
    """A number as a theorist writes it: a simple fraction (``2/3``) when it is one, else 4 significant digits."""
    if isinstance(value, (Fraction, int)):
        return str(value)
    guess = Fraction(float(value)).limit_denominator(1000)
    return str(guess) if abs(float(guess) - float(value)) < 1e-9 else f"{float(value):.4g}"


def wrap(text: str, width: int = 28) -> str:
    """`text` broken into lines of at most `width` characters (never inside a word or a $...$ symbol)."""
    protected = re.sub(r"\$[^$]*\$", lambda m: m.group(0).replace(" ", "\0"), text)
    lines = textwrap.wrap(protected, width, break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines).replace("\0", " ") or text


def parse_profile(text: str, strategies=None):
    """The supports of one equilibrium's label, one list per player, or None for another kind of text.

    Labels are written ``"A / B"`` (pure) or ``"mixed: A-B x C"`` (each
    player's support joined by hyphens); with `strategies` (each player's
    strategy names) names that contain hyphens themselves are split right.

    Examples
    --------
    >>> parse_profile("mixed: Revise-Restrain x Soft-Bandwagon")
    [['Revise', 'Restrain'], ['Soft', 'Bandwagon']]
    >>> parse_profile("mixed: Go-slow-Stop x Hard", [["Go-slow", "Stop"], ["Hard"]])
    [['Go-slow', 'Stop'], ['Hard']]
    >>> parse_profile("Revise / Soft"), parse_profile("Revise -> Soft")
    ([['Revise'], ['Soft']], None)
    """
    if " -> " in text:
        return None  # a path of play in a game tree reads well as it is
    if text.startswith("mixed: "):
        return [_split_support(part, strategies[k] if strategies and k < len(strategies) else None)
                for k, part in enumerate(text[len("mixed: "):].split(" x "))]
    parts = text.split(" / ")
    return [[p] for p in parts] if len(parts) >= 2 else None


def _split_support(text: str, names=None) -> list:
    """The strategies of a support written ``A-B-C`` (strategy names may contain hyphens themselves)."""
    if names:
        out, rest = [], text
        while rest:
            name = next((n for n in sorted(names, key=len, reverse=True) if rest == n or rest.startswith(n + "-")),
                        None)
            if name is None:
                return text.split("-")
            out.append(name)
            rest = rest[len(name) + 1:]
        return out
    return text.split("-")
