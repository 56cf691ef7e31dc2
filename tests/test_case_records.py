"""Historical facts stated in the case files' comments (issue 15, error 6).

Prose about history cannot be computed, so these tests read the files: they
fail if a comment again says what the record contradicts.
"""

from pathlib import Path

MODELS = Path(__file__).resolve().parent.parent / "models"


def comments(name: str) -> str:
    lines = (MODELS / f"{name}.toml").read_text(encoding="utf-8").splitlines()
    return " ".join(" ".join(line.lstrip("# ") for line in lines if line.startswith("#")).split())


def test_iraq_no_veto_was_cast_the_draft_was_withdrawn():
    text = comments("iraq_2003")
    assert "The veto blocked" not in text
    assert "No veto was cast" in text and "withdrew" in text


def test_turkmenistan_takes_part_in_the_regional_formats():
    text = comments("central_asia")
    assert "keeps it out of both the powers' blocs and the regional formats" not in text
    assert "C5+1" in text and "Avaza" in text
