"""Expressions and conditions in the form a theorist writes them.

sympy prints ``-(k - q)/(t*(s - 1))`` and ``-t*(-k*s + q) >= 0``; a paper
writes ``(k - q)/(t(1 - s))`` and ``k s >= q``.  This module rewrites
closed forms for printing, and only for printing: every rewritten form is
mathematically equivalent to the original on the parameter space (the
tests check it at random rational points).

* :func:`tidy` absorbs signs into the factors of an expression, orienting
  each factor so that the bounds make it non-negative where they can
  (``1 - s`` for a share ``s``), and lists positive terms first.
* :func:`tidy_relation` writes one relation: factors whose sign the bounds
  fix are divided out; the relation is then solved for one parameter when
  its coefficient has a known sign and the solution is a non-negative
  quantity (``s = 1``, ``lam >= g (1 - e_s)/(l - l_r)``), otherwise written
  with two non-negative sides (``lam (l - l_r) >= g (1 - e_s)``) or with the
  positive terms on the left and the negative ones moved to the right.
* :func:`tidy_condition` does so for a boolean combination, after dropping
  the relations (and the alternatives) that others imply under the bounds.

The results are unevaluated sympy objects: print them with
:func:`expression_text` / :func:`relation_text` or :func:`latex_text`, which
keep the order of terms (sympy's own printers would sort them again).

Examples
--------
>>> k, q, s, t = sympy.symbols("k q s t")
>>> expression_text(tidy(-(k - q) / (t * (s - 1))))
'(k - q)/(t*(1 - s))'
>>> from sbgames import Parameter
>>> space = ParameterSpace({"s": Parameter("s", 0, min=0, max=1), "v": Parameter("v", 1, above=0)})
>>> s, v = space.symbols["s"], space.symbols["v"]
>>> relation_text(tidy_relation(sympy.Eq(s * v, v), space))
's = 1'
"""

from __future__ import annotations

import itertools

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from .assumptions import ParameterSpace
from .conditions import as_difference, implies

__all__ = ["tidy", "denominator_factors", "latex_text", "tidy_relation", "tidy_condition", "expression_text", "relation_text",
           "tidy_mixed"]

_NONNEG = frozenset("+0")
_RELATIONS = {">=": sympy.GreaterThan, ">": sympy.StrictGreaterThan, "<=": sympy.LessThan,
              "<": sympy.StrictLessThan, "==": sympy.Eq, "!=": sympy.Ne}
_REVERSED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}
#: Above this many free factors, signs are absorbed greedily rather than by trying every orientation.
_MAX_FREE = 8


def _signs(expr, space) -> frozenset:
    if expr.is_number:
        return frozenset("0") if expr == 0 else frozenset("+") if expr > 0 else frozenset("-")
    return space.sign_set(expr) if space is not None else frozenset("+0-")


def _ordered_sum(expr):
    """An unevaluated sum with its positive terms first (each group in sympy's usual order)."""
    terms = sympy.Add.make_args(sympy.expand(expr))
    if len(terms) == 1:
        return expr
    positive = [t for t in terms if not t.could_extract_minus_sign()]
    negative = [t for t in terms if t.could_extract_minus_sign()]
    ordered = [t for group in (positive, negative) if group for t in sympy.Add(*group).as_ordered_terms()]
    return sympy.Add(*ordered, evaluate=False)


def _irreducible(expr) -> bool:
    coeff, factors = sympy.factor_list(expr)
    return abs(coeff) == 1 and len(factors) == 1 and factors[0][1] == 1


def _ordered_terms(terms):
    """An unevaluated sum of (tidied) terms, positive ones first, each group in sympy's usual order."""
    def key(t):
        return sympy.default_sort_key(t.func(*t.args) if t.args else t)
    positive = sorted((t for t in terms if not t.could_extract_minus_sign()), key=key)
    negative = sorted((t for t in terms if t.could_extract_minus_sign()), key=key)
    return sympy.Add(*positive, *negative, evaluate=False)


def _preference(factor) -> float:
    """How much flipping the sign of `factor` is wanted: its negative terms outnumber its positive ones."""
    terms = sympy.Add.make_args(sympy.expand(factor))
    negative = sum(t.could_extract_minus_sign() for t in terms)
    constant = sum(t for t in terms if t.is_number)
    return negative - (len(terms) - negative) + (0.5 if constant < 0 else 0)


def _assemble(coeff, numerator, denominator):
    """``coeff * prod(numerator) / prod(denominator)`` as an unevaluated product, factors as given."""
    args = [] if coeff == 1 else [sympy.Integer(-1)] if coeff == -1 else [coeff]
    numerator = sorted(numerator, key=lambda f: f[0].is_Add)  # single symbols before sums
    denominator = sorted(denominator, key=lambda f: f[0].is_Add)
    for base, power in numerator:
        args.append(_ordered_sum(base) if power == 1 else sympy.Pow(_ordered_sum(base), power, evaluate=False))
    for base, power in denominator:
        args.append(sympy.Pow(_ordered_sum(base), -power, evaluate=False))
    if not args:
        return sympy.Integer(1)
    if len(args) == 1:
        return args[0]
    if len(args) == 2 and args[0] == -1 and not args[1].is_Pow:
        return sympy.Mul(-1, args[1], evaluate=False)
    return sympy.Mul(*args, evaluate=False)


def tidy(expr, space: ParameterSpace | None = None, oriented=()):
    """`expr` with signs absorbed into its factors and positive terms first (an unevaluated expression).

    A factor is oriented so that the bounds make it non-negative where they
    can (``1 - e_s`` rather than ``e_s - 1``), or as in `oriented` (so that
    the probabilities of one mixed strategy can share their denominator);
    the others so that the expression needs no leading minus and as few
    negative terms as possible.
    Expressions that are not rational functions are returned unchanged.

    Examples
    --------
    >>> k, q, s, t, c, b, e = sympy.symbols("k q s t c b e")
    >>> expression_text(tidy(-(k - q) / (t * (s - 1))))
    '(k - q)/(t*(1 - s))'
    >>> expression_text(tidy(c / (-b + e * t)))
    'c/(e*t - b)'
    >>> expression_text(tidy(sympy.Rational(-2, 3) * (k - q)))
    '2*(q - k)/3'
    """
    expr = sympy.sympify(expr)
    if expr.is_number or not expr.is_rational_function():
        return expr
    given = set(oriented)
    if expr.is_Add and expr.is_polynomial() and _irreducible(expr):
        # a sum that does not factor: keep its terms as written (g*(1 - e_h) - w), each tidied
        return _ordered_terms([tidy(t, space) for t in expr.args])
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    (c_num, f_num), (c_den, f_den) = sympy.factor_list(num), sympy.factor_list(den)
    coeff = sympy.Rational(c_num) / c_den
    factors, free = [], []  # [base, power, in_denominator]; free: indices whose orientation is open
    for part, in_den in ((f_num, False), (f_den, True)):
        for base, power in part:
            signs = _signs(base, space)
            if signs <= _NONNEG or not base.is_Add:
                factors.append([base, power, in_den])
            elif signs <= frozenset("-0"):
                factors.append([-base, power, in_den])
                coeff *= (-1) ** power
            elif -base in given:
                factors.append([-base, power, in_den])
                coeff *= (-1) ** power
            elif base in given:
                factors.append([base, power, in_den])
            else:
                factors.append([base, power, in_den])
                free.append(len(factors) - 1)

    def score(flips):
        sign = coeff * sympy.Integer(-1) ** sum(factors[i][1] for i in flips)
        return (bool(sign > 0), sum(_preference(factors[i][0]) for i in flips))

    if len(free) <= _MAX_FREE:
        subsets = itertools.chain.from_iterable(itertools.combinations(free, n) for n in range(len(free) + 1))
        best = max(subsets, key=score)
    else:
        best = tuple(i for i in free if _preference(factors[i][0]) > 0)
    for i in best:
        factors[i][0] = -factors[i][0]
        coeff *= (-1) ** factors[i][1]
    numerator = [(b, p) for b, p, d in factors if not d]
    denominator = [(b, p) for b, p, d in factors if d]
    if coeff.q != 1:
        denominator.insert(0, (sympy.Integer(coeff.q), 1))
        coeff = sympy.Integer(coeff.p)
    return _assemble(coeff, numerator, denominator)


def _looks_positive(expr, space) -> bool:
    """Whether `expr` is non-negative under the bounds and reads so: a sum of positive terms or a product."""
    if not _signs(expr, space) <= _NONNEG:
        return False
    shown = tidy(expr, space)
    return not shown.is_Add or not any(t.could_extract_minus_sign() for t in shown.args)


def denominator_factors(shown) -> list:
    """The factors of the denominator of a tidied expression, as oriented there.

    Examples
    --------
    >>> b, c, e = sympy.symbols("b c e")
    >>> denominator_factors(tidy(c / (b - e)))
    [b - e]
    """
    return [f.base.func(*f.base.args) for f in sympy.Mul.make_args(shown)
            if f.is_Pow and f.exp.is_negative and not f.base.is_number]


def _relation(lhs, op, rhs):
    return _RELATIONS[op](lhs, rhs, evaluate=False)


def _split(expr, op):
    """``expr op 0`` with the positive terms on the left and the negative ones on the right."""
    terms = sympy.Add.make_args(sympy.expand(expr))
    left = sympy.Add(*[t for t in terms if not t.could_extract_minus_sign()])
    right = sympy.Add(*[-t for t in terms if t.could_extract_minus_sign()])
    if left == 0 and op in ("==", "!="):
        left, right = right, left
    return _relation(_ordered_sum(left), op, _ordered_sum(right))


def _candidates(poly, space, prefer) -> list:
    """The parameters `poly` is linear in, preferred ones first, then in the model's order."""
    order = list(prefer) + [str(s) for s in (space.symbols.values() if space is not None else
                                              sorted(poly.free_symbols, key=str))]
    symbols = {str(s): s for s in poly.free_symbols}
    out = []
    for name in dict.fromkeys(order):
        sym = symbols.get(name)
        if sym is not None and sympy.degree(poly, sym) == 1:
            coeff = sympy.expand(poly).coeff(sym, 1)
            if not coeff.has(sym):
                out.append((sym, coeff, sympy.expand(poly - coeff * sym)))
    return out


def _solved(poly, op, space, prefer):
    """``poly op 0`` solved for one parameter, or with two non-negative sides, or None."""
    candidates = _candidates(poly, space, prefer)
    for sym, coeff, rest in candidates:
        signs = _signs(coeff, space)
        if (coeff.is_number and (abs(coeff) == 1 or not rest.is_number)) or signs not in (frozenset("+"), frozenset("-")):
            continue
        bound = sympy.cancel(-rest / coeff)
        if _looks_positive(bound, space) or sym.name in prefer:
            return _relation(sym, op if signs == {"+"} else _REVERSED[op], tidy(bound, space))
    for sym, coeff, rest in candidates:
        if coeff.is_number:
            continue
        if _signs(coeff, space) <= _NONNEG and _looks_positive(-rest, space):
            return _relation(sympy.Mul(sym, tidy(coeff, space), evaluate=not coeff.is_Add), op, tidy(-rest, space))
        if _signs(-coeff, space) <= _NONNEG and _looks_positive(rest, space):
            return _relation(tidy(rest, space), op, sympy.Mul(sym, tidy(-coeff, space), evaluate=not coeff.is_Add))
    return None


def tidy_relation(atom, space: ParameterSpace | None = None, prefer=()):
    """One relation as a theorist writes it, equivalent to `atom` on the parameter space.

    Parameters
    ----------
    atom : sympy relation
    space : ParameterSpace, optional
        The bounds that decide signs; without it only numeric signs are used.
    prefer : sequence of str
        Parameters to solve for first, when the relation can be solved for them.

    Examples
    --------
    >>> from sbgames import load_model
    >>> core = load_model("core")
    >>> space = ParameterSpace.from_model(core)
    >>> sym = space.symbols
    >>> atom = sym["e_s"] * sym["g"] + sym["l"] * sym["lam"] >= sym["g"] + sym["l_r"] * sym["lam"]
    >>> relation_text(tidy_relation(atom, space))
    'lam*(l - l_r) >= g*(1 - e_s)'
    >>> relation_text(tidy_relation(-sym["g"] * (sym["b"] - sym["e_s"] * sym["theta"]) > 0, space))
    'e_s*theta > b'
    """
    if not isinstance(atom, sympy.core.relational.Relational):
        return atom
    diff, op = as_difference(atom)
    if not diff.is_rational_function() or diff.is_number:
        return atom
    if op == "!=" and _signs(diff, space) <= _NONNEG:  # x != 0 where x >= 0: x > 0
        op = ">"
    elif op == "!=" and _signs(-diff, space) <= _NONNEG:
        diff, op = -diff, ">"
    num, den = sympy.fraction(sympy.cancel(sympy.together(diff)))
    coeff, kept, kept_den = sympy.Integer(1), [], []
    for part, in_den in ((num, False), (den, True)):
        c, factors = sympy.factor_list(part)
        coeff = coeff * c if not in_den else coeff / c
        for base, power in factors:
            signs = _signs(base, space)
            if "0" not in signs and (power % 2 == 0 or len(signs) == 1):
                coeff *= (-1) ** (power % 2) if signs == {"-"} else 1
                continue
            (kept_den if in_den else kept).append((base, power))
    if coeff < 0 and op not in ("==", "!="):
        op = _REVERSED[op]
    poly = sympy.Mul(*[b ** p for b, p in kept])
    if kept_den:  # a denominator of unknown sign: "x/y >= 0" would read worse than the relation as given
        return atom
    if len(kept) != 1 or kept[0][1] != 1:  # a product: factored or expanded, whichever is shorter
        forms = [_relation(tidy(poly, space), op, sympy.Integer(0)), _split(poly, op)]
        return min(forms, key=lambda r: len(relation_text(r)))
    if op in ("<=", "<"):
        poly, op = -poly, _REVERSED[op]
    solved = _solved(poly, op, space, tuple(prefer))
    return _split(poly, op) if solved is None else solved


def _conjuncts(cond) -> list:
    return list(cond.args) if isinstance(cond, sympy.And) else [cond]


def _clause_implies(a, b, space) -> bool:
    """Whether conjunction `a` implies conjunction `b`: each relation of `b` follows from one of `a`."""
    atoms_a = _conjuncts(a)
    return all(x in atoms_a or (space is not None and any(
        isinstance(y, sympy.core.relational.Relational) and isinstance(x, sympy.core.relational.Relational)
        and implies(y, x, space) for y in atoms_a)) for x in _conjuncts(b))


def _disjunction_implies(a, b, space) -> bool:
    """Whether `a` implies `b`, both disjunctions of conjunctions: each alternative of `a` implies one of `b`."""
    alternatives = list(b.args) if isinstance(b, sympy.Or) else [b]
    return all(any(_clause_implies(x, y, space) for y in alternatives)
               for x in (a.args if isinstance(a, sympy.Or) else [a]))


def _either_side(parts) -> list:
    """Alternatives ``x > y`` and ``y > x`` merged into ``x != y``."""
    strict = {p: as_difference(p) for p in parts if isinstance(p, (sympy.StrictGreaterThan, sympy.StrictLessThan))}
    for a, b in itertools.combinations(strict, 2):
        if a in parts and b in parts and sympy.expand(strict[a][0] + strict[b][0]) == 0:
            parts[parts.index(a)] = sympy.Ne(a.lhs, a.rhs)
            parts.remove(b)
    return parts


def _simplified(cond, space):
    """`cond` with implied relations dropped from conjunctions and implied alternatives from disjunctions."""
    if isinstance(cond, sympy.And):
        parts = [_simplified(a, space) for a in cond.args]
        atoms = list(dict.fromkeys(p for part in parts for p in _conjuncts(part)))
        kept = [a for i, a in enumerate(atoms)
                if not any(j != i and _disjunction_implies(o, a, space)
                           and not (_disjunction_implies(a, o, space) and j > i) for j, o in enumerate(atoms))]
        return sympy.And(*kept)
    if isinstance(cond, sympy.Or):
        parts = _either_side(list(dict.fromkeys(_simplified(a, space) for a in cond.args)))
        kept = [p for i, p in enumerate(parts)
                if not any(j != i and _clause_implies(p, q, space) and not (_clause_implies(q, p, space) and j > i)
                           for j, q in enumerate(parts))]
        return sympy.Or(*kept)
    return cond


def tidy_condition(cond, space: ParameterSpace | None = None, prefer=()):
    """A boolean combination of relations as a theorist writes it, equivalent on the parameter space.

    Relations the bounds decide, and those implied by another relation of
    the same conjunction are dropped, as are alternatives of a disjunction that imply another
    alternative; then each relation is written by :func:`tidy_relation`.

    Examples
    --------
    >>> from sbgames import Parameter
    >>> space = ParameterSpace({"x": Parameter("x", 1, min=0), "y": Parameter("y", 1, min=0)})
    >>> from sbgames.conditions import condition_text
    >>> x, y = space.symbols["x"], space.symbols["y"]
    >>> condition_text(tidy_condition(sympy.Or(sympy.And(x > 2, y > 1), x > 1), space))
    'x > 1'
    """
    if space is not None:  # relations the bounds decide are dropped (or decide the condition)
        decided = {a: space.decide(a) for a in cond.atoms(sympy.core.relational.Relational)}
        cond = cond.xreplace({a: sympy.true if d else sympy.false for a, d in decided.items() if d is not None})
    cond = _simplified(cond, space)
    return cond.xreplace({a: tidy_relation(a, space, prefer) for a in cond.atoms(sympy.core.relational.Relational)})


def _terms(expr) -> list:
    """The terms of a sum in print order: positive ones first, each group in sympy's usual order."""
    try:
        ordered = expr.as_ordered_terms()
    except (TypeError, ValueError, sympy.PolynomialError):  # an unusual unevaluated sum: as built
        ordered = list(expr.args)
    return ([t for t in ordered if not t.could_extract_minus_sign()]
            + [t for t in ordered if t.could_extract_minus_sign()])


class _StrPrinter(StrPrinter):
    def _as_ordered_terms(self, expr, order=None):
        return _terms(expr)


class _LatexPrinter(LatexPrinter):
    def _as_ordered_terms(self, expr, order=None):
        return _terms(expr)


def latex_text(expr, symbol_names=None) -> str:
    """An expression or relation in LaTeX, terms in print order (see :func:`expression_text`).

    Examples
    --------
    >>> k, q, s, t = sympy.symbols("k q s t")
    >>> print(latex_text(tidy(-(k - q) / (t * (s - 1)))))
    \\frac{k - q}{t \\left(1 - s\\right)}
    """
    return _LatexPrinter({"symbol_names": symbol_names or {}}).doprint(expr)


def expression_text(expr) -> str:
    """An expression as plain text, its terms in the order they are stored (tidy it first).

    Examples
    --------
    >>> q, k = sympy.symbols("q k")
    >>> expression_text(tidy(q - k))
    'q - k'
    """
    return _StrPrinter().doprint(expr)


def relation_text(relation) -> str:
    """A relation as ``lhs op rhs`` in plain text (``=`` for an equation).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> relation_text(sympy.Eq(x, 1))
    'x = 1'
    """
    op = {"==": "=", "!=": "!="}.get(relation.rel_op, relation.rel_op)
    return f"{expression_text(relation.lhs)} {op} {expression_text(relation.rhs)}"


def tidy_mixed(played, space=None) -> list:
    """``[(strategy, tidied probability), ...]``, the probabilities sharing the first one's denominator.

    Examples
    --------
    >>> b, c, e = sympy.symbols("b c e")
    >>> [(n, expression_text(p)) for n, p in tidy_mixed([("Revise", c / (e - b)), ("Restrain", (e - b - c) / (e - b))])]
    [('Revise', 'c/(e - b)'), ('Restrain', '(e - b - c)/(e - b)')]
    """
    out, oriented = [], []
    for name, p in played:
        shown = tidy(p, space, oriented)
        oriented = oriented or denominator_factors(shown)
        out.append((name, shown))
    return out
