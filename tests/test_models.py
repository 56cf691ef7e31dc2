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

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from sbgames import load_model

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_FILES = sorted(MODELS_DIR.glob("*.toml"))
FLOAT_TOL = 1e-9


def _exact_profiles(equilibria) -> list:
    """The equilibria as tuples of Fraction vectors, in model strategy order."""
    return [tuple(tuple(Fraction(p) for p in vec) for vec in eq.strategies) for eq in equilibria]


def _float_profiles(equilibria) -> list:
    return [tuple(np.asarray(vec, dtype=float) for vec in eq.strategies) for eq in equilibria]


def _close(found, expected) -> bool:
    """Whether a float profile is within FLOAT_TOL of an exact one, entry by entry."""
    return all(len(f) == len(e) and np.max(np.abs(f - np.array([float(p) for p in e]))) <= FLOAT_TOL
               for f, e in zip(found, expected))


def _label(model, k, values, note) -> str:
    changed = {name: str(v) for name, v in values.items() if v != model.parameters[name].default}
    return f"{model.name} expected[{k}] at {changed or 'defaults'} ({note})"


def _show(profiles) -> str:
    return "\n  ".join(str(tuple(tuple(str(p) for p in vec) for vec in prof)) for prof in profiles) or "(none)"


def test_models_folder_is_not_empty():
    assert MODEL_FILES, f"no model files found in {MODELS_DIR}"


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_expected_equilibria_exact(path):
    model = load_model(path)
    for k, ((values, complete, expected), block) in enumerate(zip(model.expected_equilibria(), model.expected)):
        label = _label(model, k, values, block.get("note", ""))
        found = _exact_profiles(model.equilibria(exact=True, **values))
        assert len(set(found)) == len(found), f"{label}: the solver returned a profile twice:\n  {_show(found)}"
        missing = [e for e in expected if e not in found]
        assert not missing, f"{label}: expected equilibria not found:\n  {_show(missing)}\nfound:\n  {_show(found)}"
        if complete:
            extra = [f for f in found if f not in expected]
            assert not extra, (f"{label}: declared complete, but sbgames also finds:\n  {_show(extra)}\n"
                               f"expected:\n  {_show(expected)}")


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_expected_equilibria_float(path):
    model = load_model(path)
    for k, ((values, complete, expected), block) in enumerate(zip(model.expected_equilibria(), model.expected)):
        label = _label(model, k, values, block.get("note", ""))
        found = _float_profiles(model.equilibria(exact=False, **values))
        for e in expected:
            assert any(_close(f, e) for f in found), (
                f"{label}: float mode finds nothing within {FLOAT_TOL} of {_show([e])}; found:\n  "
                + "\n  ".join(str(tuple(v.tolist() for v in f)) for f in found))
        if complete:
            for f in found:
                assert any(_close(f, e) for e in expected), (
                    f"{label}: declared complete, but float mode also finds {tuple(v.tolist() for v in f)}")
            assert len(found) == len(expected), f"{label}: float mode finds {len(found)} equilibria, " \
                                                f"expected {len(expected)}"


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_model_is_documented(path):
    model = load_model(path)
    assert model.title.strip() and model.title != model.name, f"{path.name}: no title"
    assert model.source.strip(), f"{path.name}: no source"
    undocumented = [name for name, p in model.parameters.items() if not p.description.strip()]
    assert not undocumented, f"{path.name}: parameters without a description: {undocumented}"
