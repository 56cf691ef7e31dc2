"""``sbgames explore``: write a model's explorer page, one self-contained HTML file."""

from __future__ import annotations

from ..errors import InputError
from ..modelfile import load_model
from . import options, output


def run(args) -> int:
    from ..explore import MAX_GRID, write_explorer
    model = load_model(args.model)
    x = options.axis(args.x, "--x", model) if args.x else None
    y = options.axis(args.y, "--y", model) if args.y else None
    if (x is None) != (y is None):
        raise InputError("give both --x and --y (the phase diagram's axes), or neither for the model's first two parameters")
    grid = options.integer(args.grid, f"--grid {args.grid}", 2, MAX_GRID, " points per axis")
    output.check_files(args, ".html")
    path = write_explorer(model, args.output, x=x, y=y, grid=grid)
    print(f"explorer written to {path}: open it in a browser; add ?name=value&... to the address to set a point")
    return 0
