"""The README's table of bundled models lists every bundled model, and only those, each with a page that exists."""

import re
from pathlib import Path

import sbgames

ROOT = Path(__file__).resolve().parent.parent


def _table():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Bundled models", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| `")]


def test_every_bundled_model_has_a_row():
    listed = [name for row in _table() for name in re.findall(r"`([a-z0-9_]+)`", row.split("|")[1])]
    assert len(listed) == len(set(listed)), "a model is listed twice"
    assert set(listed) == {name for name, _ in sbgames.list_models()}


def test_every_page_named_exists():
    for row in _table():
        for page in re.findall(r"`(docs/[^`]+)`", row.split("|")[3]):
            assert (ROOT / page).exists(), f"README names {page}, which does not exist"
