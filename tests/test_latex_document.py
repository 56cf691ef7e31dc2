"""``sbgames conditions MODEL --latex -o file.tex`` writes a standalone document that pdflatex compiles.

Compiled for the core model and three others, and for a model whose title
and strategy names are full of LaTeX specials; the page count is read from
pdfinfo where it is installed, else from pdflatex's own log line.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from sbgames import load_model
from sbgames.analysis import sign_table
from sbgames.cli import main
from sbgames.latex import document

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                reason="pdflatex is not installed (Debian: texlive-latex-base), so the document "
                                       "cannot be compiled here")

HOSTILE = ('name = "hostile_doc"\ntitle = "50% of T_1 & S#2 cost $3 {x}"\n[players.A]\nname = "A_1 & co"\n'
           'strategies = ["x^2 & 50%", "a~b_c#d$"]\n[players.B]\nname = "B"\nstrategies = ["C_1", "D%"]\n'
           '[parameters.x]\ndefault = 1\nabove = 0\ndescription = "x"\n[payoffs]\n"x^2 & 50%,C_1" = ["x", 1]\n'
           '"x^2 & 50%,D%" = [0, 0]\n"a~b_c#d$,C_1" = [0, 0]\n"a~b_c#d$,D%" = [1, "x"]\n')


def _compile(tex_path) -> int:
    """Compile with pdflatex (twice, as a paper is) and return the number of pages of the PDF."""
    for _ in range(2):
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex_path.name],
                              cwd=tex_path.parent, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stdout[-3000:]
    pdf = tex_path.with_suffix(".pdf")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))
    pages = re.search(r"Output written on \S+ \((\d+) pages?", done.stdout)
    objects = pdf.read_bytes().count(b"/Type /Page\n") + pdf.read_bytes().count(b"/Type /Page/")
    return int(pages.group(1)) if pages else objects


@pytest.mark.parametrize("name, pages", [("core", 2), ("prisoners_dilemma", 1), ("core_interdependence", 2),
                                         ("chicken", 1)])
def test_the_document_compiles_with_the_expected_pages(tmp_path, name, pages):
    out = tmp_path / f"{name}.tex"
    assert main(["conditions", name, "--latex", "-o", str(out)]) == 0
    tex = out.read_text()
    model = load_model(name)
    result = model.symbolic_equilibria()
    assert tex.startswith(r"\documentclass{article}") and r"\usepackage{amsmath}" in tex and "booktabs" in tex
    assert tex.count(r"\begin{proposition}") == len(result)
    assert r"\section*{Comparative statics}" in tex and r"\section*{The game}" in tex
    assert _compile(out) == pages


def test_a_game_tree_gives_its_subgame_perfect_profiles(tmp_path):
    out = tmp_path / "retaliation.tex"
    assert main(["conditions", "retaliation", "--latex", "-o", str(out)]) == 0
    tex = out.read_text()
    assert "is subgame perfect" in tex and "Comparative statics" not in tex
    assert _compile(out) >= 1


def test_boundary_branches_are_left_out_of_the_latex_sign_table_with_a_note():
    model = load_model("core")
    tex = document(model, sign_table(model))
    assert sign_table(model).boundary_branches() == ["Restrain / Soft"]
    table = tex[tex.index(r"\section*{Comparative statics}"):]
    assert "Restrain / Soft &" not in table
    assert "exist only on a boundary of the parameter space (a set of measure zero): Restrain / Soft." in table


def test_scope_note_for_partial_closed_forms(tmp_path):
    out = tmp_path / "collective.tex"
    assert main(["conditions", "collective_majority", "--latex", "-o", str(out)]) == 0
    assert "cover pure equilibria only" in out.read_text()
    assert _compile(out) >= 1


def test_hostile_names_compile(tmp_path):
    model = tmp_path / "hostile_doc.toml"
    model.write_text(HOSTILE)
    out = tmp_path / "hostile.tex"
    assert main(["conditions", str(model), "--latex", "-o", str(out)]) == 0
    tex = out.read_text()
    assert r"\title{50\% of T\_1 \& S\#2 cost \$3 \{x\}}" in tex
    assert _compile(out) >= 1
