"""The package metadata ships every subpackage and the bundled models."""

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_setup_cfg():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    listed = set(config["options"]["packages"].split())
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "sbgames").rglob("__init__.py")}
    assert found <= listed, f"missing from setup.cfg [options] packages: {sorted(found - listed)}"
    assert "sbgames.model_files" in listed
    assert "sbgames.model_files = models" in config["options"]["package_dir"]


def test_bundled_models_are_package_data():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    assert config["options.package_data"]["sbgames.model_files"].strip() == "*.toml"
    assert (ROOT / "models" / "core.toml").is_file()
