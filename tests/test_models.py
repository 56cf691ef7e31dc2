"""Every bundled model file against the equilibria it declares.

The tests are parametrised over the ``*.toml`` files of the repository's
``models/`` folder, so a new model file is checked as soon as it is added.
For each ``[[expected]]`` block the equilibria that sbgames computes at the
block's parameter values must equal the expected set exactly (``complete =
true``) or contain it (``complete = false``), in exact arithmetic and, within
1e-9, in float arithmetic.  (The expected sets were also
checked against Gambit's ``enummixed_solve`` when they were written; see
``benchmarks/gambit_crosscheck.py``.)
"""

from pathlib import Path

import pytest

from sbgames import load_model

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_FILES = sorted(MODELS_DIR.glob("*.toml"))


def test_models_folder_is_not_empty():
    assert MODEL_FILES, f"no model files found in {MODELS_DIR}"


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_expected_equilibria(path, exact):
    model = load_model(path)
    assert model.expected, f"{path.name} declares no [[expected]] equilibria"
    problems = model.check_expected(exact=exact, tol=1e-9)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_check_expected_reports_wrong_blocks(tmp_path):
    """The check itself can fail: a wrong mixed equilibrium and a missing one are both reported."""
    text = (MODELS_DIR / "chicken.toml").read_text()
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace('"1/2"', '"1/3"', 1).replace('"1/2"', '"2/3"', 1))
    problems = load_model(wrong).check_expected(exact=True)
    assert any("is not found" in p for p in problems)
    assert any("is found too" in p for p in problems)


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_model_is_documented(path):
    model = load_model(path)
    assert model.title.strip() and model.title != model.name, f"{path.name}: no title"
    assert model.source.strip(), f"{path.name}: no source"
    undocumented = [name for name, p in model.parameters.items() if not p.description.strip()]
    assert not undocumented, f"{path.name}: parameters without a description: {undocumented}"
