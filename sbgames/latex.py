"""LaTeX for papers: propositions, payoff tables (booktabs) and sign tables.

Parameter symbols are printed with the ``latex`` names their model file
gives them (``lam`` as ``\\lambda``), strategy names in ``\\text{...}``.

Examples
--------
>>> from sbgames import load_model
>>> core = load_model("core")
>>> print(payoff_table(core))  # doctest: +ELLIPSIS
\\begin{tabular}{lccc}
\\toprule
 & \\text{Hard} & \\text{Soft} & \\text{Bandwagon} \\\\
\\midrule
\\text{Revise} & $g \\left(1 - e_h\\right) - w$, ...
"""

from __future__ import annotations

import re
import weakref

import sympy

from .errors import InputError
from .tidy import latex_text, tidy, tidy_condition, tidy_mixed

__all__ = ["escape_text", "expression", "condition", "proposition", "propositions", "payoff_table", "sign_table",
           "document"]

_RELATION = {">=": r"\geq", ">": ">", "<=": r"\leq", "<": "<", "==": "=", "!=": r"\neq"}
_SIGN = {"positive": "$+$", "negative": "$-$", "zero": "$0$", "nonnegative": r"$\geq 0$",
         "nonpositive": r"$\leq 0$", None: "?"}


def _names(model) -> dict:
    return {p.symbol: (p.latex or sympy.latex(sympy.Symbol(p.name))) for p in model.parameters.values()}


_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
            "{": r"\{", "}": r"\}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def escape_text(name: str) -> str:
    r"""A strategy or player name, escaped for LaTeX text mode.

    Every character special to LaTeX is escaped, and line breaks, tabs and
    other control characters become single spaces (a blank line would end the
    paragraph inside ``\text{...}``).

    Examples
    --------
    >>> print(escape_text("x^2 ~ 50% & $5_#{a}\\b\n\nc"))
    x\textasciicircum{}2 \textasciitilde{} 50\% \& \$5\_\#\{a\}\textbackslash{}b c
    """
    spaced = re.sub(r"\s+", " ", "".join(ch if ch.isprintable() else " " for ch in name))
    return "".join(_ESCAPES.get(ch, ch) for ch in spaced)


_text = escape_text  # the short name used below


def _space(model):
    from .assumptions import ParameterSpace
    if model not in _SPACES:
        _SPACES[model] = ParameterSpace.from_model(model)
    return _SPACES[model]


_SPACES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def expression(expr, model) -> str:
    """One expression in LaTeX with the model's symbol names, signs absorbed (:func:`sbgames.tidy.tidy`).

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> expression(core.symbols["lam"] * core.symbols["l"], core)
    '\\\\ell \\\\lambda'
    """
    return latex_text(tidy(expr, _space(model)), _names(model))


def condition(cond, model) -> str:
    """A condition in LaTeX, written under the bounds (:func:`sbgames.tidy.tidy_condition`), for ``$...$``.

    Relations are joined by "and" / "or" in text (``A$ and $B``), so that
    a long condition can break between its relations.

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> sym = core.symbols
    >>> condition(sympy.Eq(sym["c_s"] * sym["g"], 0), core)
    'c_s = 0'
    """
    return _condition(tidy_condition(cond, _space(model)), model)


def _side(expr, model) -> str:
    return latex_text(expr, _names(model))


def _condition(cond, model) -> str:
    if cond is sympy.true:
        return r"\text{always}"
    if cond is sympy.false:
        return r"\text{never}"
    if isinstance(cond, sympy.And):
        return "$ and $".join(f"[{_condition(a, model)}]" if isinstance(a, sympy.Or)
                              else _condition(a, model) for a in cond.args)
    if isinstance(cond, sympy.Or):
        return "$ or $".join(f"({_condition(a, model)})" for a in cond.args)
    if isinstance(cond, sympy.Not):
        return rf"\neg\left({_condition(cond.args[0], model)}\right)"
    if isinstance(cond, sympy.core.relational.Relational):
        return f"{_side(cond.lhs, model)} {_RELATION[cond.rel_op]} {_side(cond.rhs, model)}"
    return expression(cond, model)


def _strategy_text(branch, model) -> str:
    parts = []
    for player, played in branch.played():
        if len(played) == 1:
            parts.append(rf"{_text(player)} plays \textit{{{_text(played[0][0])}}}")
        else:
            mix = ", ".join(rf"\textit{{{_text(n)}}} with probability ${_side(p, model)}$"
                            for n, p in tidy_mixed(played, _space(model)))
            parts.append(f"{_text(player)} plays {mix}")
    return "; ".join(parts)


def proposition(branch, model) -> str:
    """A proposition environment stating when the branch is an equilibrium.

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> b = core.symbolic_equilibria().branch(("Revise",), ("Soft",))
    >>> print(proposition(b, core))  # doctest: +ELLIPSIS
    \\begin{proposition}
    $(\\text{Revise}, \\text{Soft})$ is an equilibrium if and only if $e_s \\theta \\geq b + c_s$ and ...$. In it, T plays \\textit{Revise}; S plays \\textit{Soft}.
    \\end{proposition}
    """
    when = ("in every game of the model" if branch.conditions is sympy.true
            else f"if and only if ${condition(branch.conditions, model)}$")
    if hasattr(branch, "supports"):
        label = ", ".join(r"\text{" + _text("-".join(s)) + "}" for s in branch.supports)
        claim = f"$({label})$ is an equilibrium {when}. In it, {_strategy_text(branch, model)}."
    else:  # a game tree's pure behaviour profile (a SubgamePerfectBranch)
        path = ", ".join(rf"\textit{{{_text(a)}}}" for a in branch.actions)
        claim = f"The profile ({_text(branch.describe())}) is subgame perfect {when}. Path of play: {path}."
    return "\n".join([r"\begin{proposition}", claim, r"\end{proposition}"])


def propositions(model) -> str:
    """One proposition per branch of the model's symbolic equilibria (or, for a game tree, per subgame-perfect profile).

    Examples
    --------
    >>> from sbgames import load_model
    >>> print(propositions(load_model("core_sequential")).split(chr(10) * 2)[-1])  # doctest: +ELLIPSIS
    \\begin{proposition}
    The profile (T: Revise; S: Bandwagon after T:Revise, Bandwagon after T:Restrain) is subgame perfect if and only if $b + c_{s} ...$. Path of play: \\textit{Revise}, \\textit{Bandwagon}.
    \\end{proposition}
    """
    result = model.symbolic_equilibria()
    blocks = [proposition(b, model) for b in result]
    if getattr(model, "kind", "normal") != "extensive" and not result.complete:
        left_out = ("mixed equilibria of this game with {} players are not derived".format(len(model.players))
                    if len(model.players) != 2 else "structurally degenerate supports are not expanded")
        blocks.insert(0, f"The propositions below cover pure equilibria only: {left_out}.")
    return "\n\n".join(blocks)


def payoff_table(model) -> str:
    """The symbolic payoff table of a 2-player model as a booktabs tabular."""
    if len(model.players) != 2:
        raise InputError(f"payoff_table needs a 2-player model, {model.name!r} has {len(model.players)}")
    rows, cols = model.strategies
    lines = [rf"\begin{{tabular}}{{l{'c' * len(cols)}}}", r"\toprule",
             " & " + " & ".join(rf"\text{{{_text(c)}}}" for c in cols) + r" \\", r"\midrule"]
    for r in rows:
        cells = [", ".join(f"${expression(e, model)}$" for e in model.payoffs[(r, c)]) for c in cols]
        lines.append(rf"\text{{{_text(r)}}} & " + " & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines)


def sign_table(table, model) -> str:
    """A comparative-statics sign table (:class:`~sbgames.analysis.comparative.SignTable`) as booktabs."""
    params = table.parameters
    header = "Branch & Quantity & " + " & ".join(
        f"${model.parameters[p].latex or sympy.latex(sympy.Symbol(p))}$" for p in params) + r" \\"
    lines = [rf"\begin{{tabular}}{{ll{'c' * len(params)}}}", r"\toprule", header, r"\midrule"]
    for branch, quantity in table.rows():
        row = table.row(branch, quantity)
        lines.append(f"{_text(branch)} & {_text(quantity)} & " + " & ".join(_SIGN[row[p]] for p in params)
                     + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines)


#: booktabs where it is installed, plain rules otherwise (Debian's texlive-latex-base lacks it).
_PREAMBLE = r"""\documentclass{article}
\usepackage{amsmath}
\usepackage{amsthm}
\usepackage{graphicx}
\IfFileExists{booktabs.sty}{\usepackage{booktabs}}{%
  \newcommand{\toprule}{\hline}\newcommand{\midrule}{\hline}\newcommand{\bottomrule}{\hline}}
\newtheorem{proposition}{Proposition}
\allowdisplaybreaks
\sloppy"""


def _fit(tabular: str) -> str:
    """A tabular scaled down to the text width when it is wider."""
    return r"\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{%" + "\n" + tabular + "}"


def document(model, signs=None) -> str:
    r"""A standalone LaTeX document of a model's closed forms, ready for pdflatex.

    The title is the model's; then its payoff table (2-player models), one
    proposition per closed-form branch with its conditions, the
    comparative-statics sign table `signs` if given (branches that exist
    only on a boundary are left out, with a note), and a note of scope when
    the closed forms do not cover every equilibrium.

    Parameters
    ----------
    model : a loaded model
    signs : SignTable, optional
        :func:`sbgames.analysis.sign_table` of the model (``sbgames
        conditions --latex -o`` passes it for models with a payoff table).

    Examples
    --------
    >>> from sbgames import load_model
    >>> from sbgames.analysis import sign_table
    >>> pd = load_model("prisoners_dilemma")
    >>> tex = document(pd, sign_table(pd))
    >>> tex.startswith(r"\documentclass{article}"), tex.rstrip().endswith(r"\end{document}")
    (True, True)
    """
    tree = model.payoff_table is None
    parts = [_PREAMBLE, rf"\title{{{_text(model.title)}}}", r"\date{}", r"\begin{document}", r"\maketitle"]
    if len(model.players) == 2 and not tree:
        parts += [r"\section*{The game}", r"\begin{center}", _fit(payoff_table(model)), r"\end{center}"]
    parts += [r"\section*{Equilibria}", propositions(model)]
    if signs is not None:
        table = signs
        dropped = table.boundary_branches()
        kept = type(table)([d for d in table if not d.boundary], table.parameters)
        parts.append(r"\section*{Comparative statics}")
        if kept:
            parts += [r"\begin{center}", _fit(sign_table(kept, model)), r"\end{center}"]
        if dropped:
            parts.append("Left out of the table, as they exist only on a boundary of the parameter space (a set of "
                         "measure zero): " + ", ".join(_text(b) for b in dropped) + ".")
    parts.append(r"\end{document}")
    return "\n\n".join(parts) + "\n"
