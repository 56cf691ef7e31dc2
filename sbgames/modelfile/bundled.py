"""Where the bundled model files are.

Examples
--------
>>> "core" in bundled_names()
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["models_dir", "bundled_names"]


def models_dir() -> Path:
    """The folder of the bundled model files, wherever sbgames is installed.

    In a source checkout (or an editable install) this is the repository's
    ``models/`` folder; in a regular install it is the copy shipped inside the
    package as ``sbgames.model_files``.
    """
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "models"
    if (checkout / "core.toml").is_file():
        return checkout
    return package / "model_files"


def bundled_names() -> list[str]:
    """The names of the bundled models, sorted."""
    return sorted(p.stem for p in models_dir().glob("*.toml"))
