"""``python -m sbgames.cli ARGS``: the ``sbgames`` command."""

import sys

from . import main

sys.exit(main())
