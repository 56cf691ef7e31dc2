"""Model files: reading the TOML files (and dicts) that describe parametrised games.

One folder for the model-file format (``docs/reference/model-file-format.md``):
:mod:`~sbgames.modelfile.case` reads the ``[case]`` section of calibrated cases.
"""
