"""Model files: the one place that reads the TOML files (and dicts) describing parametrised games.

The format is described in ``docs/reference/model-file-format.md``; a
change to it touches only this package:

* :mod:`~sbgames.modelfile.reader`: :func:`load_model` (files and bundled
  names, with the file-size, UTF-8 and TOML checks), :func:`read_model`
  (dicts), :func:`list_models`, :func:`models_dir`;
* :mod:`~sbgames.modelfile.fields`: the checks every section shares
  (names, numbers, parameters, expressions, ``[[expected]]`` blocks);
* :mod:`~sbgames.modelfile.normal`: normal-form files (players with
  strategies, payoffs per profile, ``[repeated]``);
* :mod:`~sbgames.modelfile.extensive`: ``kind = "extensive"`` files (game trees);
* :mod:`~sbgames.modelfile.stochastic`: ``kind = "stochastic"`` files (states,
  transitions and discount factors);
* :mod:`~sbgames.modelfile.inherit`: ``base =`` inheritance, from a bundled
  model or a model factory;
* :mod:`~sbgames.modelfile.case`: the ``[case]`` section of calibrated cases;
* :mod:`~sbgames.modelfile.bundled`: where the bundled files are.

The package sits above the model kinds (:mod:`sbgames.normal_model`,
:mod:`sbgames.extensive`) and the model factories (:mod:`sbgames.nplayer`):
it builds them, they do not import it.

Examples
--------
>>> from sbgames.modelfile import load_model
>>> load_model("core_sequential").kind
'extensive'
"""

from ..normal_model import register_reader
from .bundled import models_dir
from .reader import MAX_FILE_BYTES, list_models, load_model, read_model

register_reader(read_model)  # Model.from_dict hands over to it

__all__ = ["load_model", "read_model", "list_models", "models_dir", "MAX_FILE_BYTES"]
