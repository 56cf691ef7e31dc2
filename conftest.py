"""Suite-wide set-up: closed forms are cached in a temporary folder for the run, never in the user's cache."""

import os
import tempfile


def pytest_configure(config):
    if "SBGAMES_CACHE_DIR" not in os.environ:
        os.environ["SBGAMES_CACHE_DIR"] = tempfile.mkdtemp(prefix="sbgames-test-cache-")
