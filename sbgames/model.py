"""The names scripts import from ``sbgames.model``: the model class and the model-file reader.

The normal-form model kind lives in :mod:`sbgames.normal_model` and the
reader of model files in :mod:`sbgames.modelfile`; this module gathers the
names that were defined here before the two were separated, so that
``from sbgames.model import Model, load_model`` keeps working, and it loads
:mod:`sbgames.explore`, which gives every model its notebook explorer
(``model.explore()``).  ``sbgames.load_model`` and ``sbgames.Model`` come
from here.  The module sits above everything it gathers (see
``docs/reference/architecture.md``); code inside the package imports from
the modules that define the names.

Examples
--------
>>> from sbgames.model import Model, load_model
>>> isinstance(load_model("core"), Model)
True
"""

from . import explore  # noqa: F401 - registers model.explore() (a layer above the model kinds)
from .errors import ModelError
from .modelfile import list_models, load_model, models_dir, read_model
from .normal_model import BASES, RESERVED_NAMES, Model, Parameter, parse_number

__all__ = ["Model", "Parameter", "ModelError", "load_model", "read_model", "list_models", "models_dir",
           "parse_number", "RESERVED_NAMES", "BASES"]
