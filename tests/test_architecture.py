"""The package's shape: layered imports, no borrowed private names, small modules, one error family.

The layers are the import-linter contract in ``.importlinter`` (explained in
docs/reference/architecture.md).  A failure message names the offending module,
the imported module and the line of the import.
"""

import ast
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sbgames"
CONTRACT = ROOT / ".importlinter"
MAX_LINES = 600


def _lint_imports(config: Path) -> subprocess.CompletedProcess:
    """Run import-linter's command line on `config` over this checkout's sbgames."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", "NO_COLOR": "1"}
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, str(config), "--no-cache", "--no-logo"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_imports_only_go_down_the_layers():
    result = _lint_imports(CONTRACT)
    assert result.returncode == 0, (
        "the layers contract in .importlinter is broken (module -> imported module (l.<line>)):\n"
        + result.stdout[result.stdout.find("Broken contracts"):] + result.stderr)


def test_the_contract_sees_imports_inside_functions(tmp_path):
    # Game.equilibria imports the solvers inside the method: a contract that puts the
    # solvers above the game must report that line, so the real contract checks such imports.
    text = CONTRACT.read_text(encoding="utf-8")
    assert "\n    game\n    solvers\n" in text
    swapped = tmp_path / "swapped.importlinter"
    swapped.write_text(text.replace("\n    game\n    solvers\n", "\n    solvers\n    game\n"), encoding="utf-8")
    line = next(n for n, source in enumerate((PACKAGE / "game.py").read_text(encoding="utf-8").splitlines(), 1)
                if source.strip() == "from .solvers import solve")
    result = _lint_imports(swapped)
    assert result.returncode != 0
    assert "sbgames.game is not allowed to import sbgames.solvers" in result.stdout, result.stdout
    assert f"sbgames.game -> sbgames.solvers (l.{line})" in result.stdout, result.stdout


def test_the_contract_lists_every_top_level_module():
    # exhaustive = true makes import-linter refuse a top-level module no layer names
    text = CONTRACT.read_text(encoding="utf-8")
    assert "exhaustive = true" in text
    layers = text.split("layers =\n", 1)[1].split("broken_contract_guidance", 1)[0]
    named = {name.strip(" ()") for line in layers.splitlines() for name in re.split(r"[|:]", line)} - {""}
    present = {p.stem if p.suffix == ".py" else p.name for p in PACKAGE.iterdir()
               if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()}
    assert present <= named, f"top-level modules missing from .importlinter: {sorted(present - named)}"


def _private_imports(path: Path):
    """(line, text) of each use of another module's _private name in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    aliases = {}  # local name -> sbgames module it stands for
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not source.split(".")[0] == "sbgames":
                continue
            for alias in node.names:
                name = alias.name
                target = f"{source}.{name}"
                is_module = (ROOT / Path(*target.split("."))).with_suffix(".py").is_file() or \
                    (ROOT / Path(*target.split(".")) / "__init__.py").is_file()
                if is_module:
                    aliases[alias.asname or name] = target
                private = name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
                inside = is_module and here.startswith(source + ".") or here == source
                if private and not inside:
                    found.append((node.lineno, f"from {'.' * node.level}{node.module or ''} import {name}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("sbgames.") and alias.asname:
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and node.attr.startswith("_") and not node.attr.endswith("__")
                and aliases[node.value.id] != here):
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return found


def test_no_module_uses_another_modules_private_names():
    offenders = [f"{path.relative_to(ROOT)}:{line}: {text}"
                 for path in _modules() for line, text in sorted(_private_imports(path))]
    assert not offenders, "private names used outside their module (make them public or move the code):\n" + \
        "\n".join(offenders)


def test_the_private_name_check_finds_a_borrowed_name(tmp_path, monkeypatch):
    for name in ("__init__.py", "cache.py", "analysis/__init__.py", "solvers/__init__.py", "solvers/symbolic.py",
                 "solvers/_shared.py"):
        (tmp_path / "sbgames" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "sbgames" / name).write_text("", encoding="utf-8")
    borrower = tmp_path / "sbgames" / "analysis" / "regions.py"
    borrower.write_text("from ..solvers.symbolic import _reduce, holds\nfrom .. import cache\ncache._key()\n"
                        "from sbgames import __version__\n", encoding="utf-8")
    own = tmp_path / "sbgames" / "solvers" / "pure.py"
    own.write_text("from . import _shared\nfrom .symbolic import holds\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _private_imports(borrower) == [(1, "from ..solvers.symbolic import _reduce"), (3, "cache._key")]
    assert _private_imports(own) == []  # a package's private submodule, used inside the package


def test_no_module_is_over_600_lines():
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in _modules()}
    over = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines (split them by responsibility): {over}"


def _bare_builtin_raises(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id in ("ValueError", "TypeError"):
                yield node.lineno, exc.id


def test_bad_input_raises_the_sbgames_error_family():
    offenders = [f"{path.relative_to(ROOT)}:{line}: raise {name}"
                 for path in _modules() for line, name in sorted(_bare_builtin_raises(path))]
    assert not offenders, ("bare ValueError/TypeError raised; use a class from sbgames.errors (InputError, "
                           "InputTypeError, ModelError, ExpressionError, GameFileError, SolverLimitError):\n"
                           + "\n".join(offenders))


@pytest.mark.parametrize("name", ["ModelError", "ExpressionError", "GameFileError", "SolverLimitError",
                                  "InputError", "InputTypeError", "VerificationError"])
def test_every_error_is_an_sbgames_error_and_a_builtin_one(name):
    import sbgames
    cls = getattr(sbgames, name)
    assert issubclass(cls, sbgames.SbgamesError)
    assert issubclass(cls, RuntimeError if name == "VerificationError" else ValueError)


def _defaulted_exact(path: Path):
    """Public functions of one file whose `exact` has a default: (line, name, keyword-only, default)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

    def visit(node, owner=""):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from visit(child, child.name)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = child.args
                positional = args.posonlyargs + args.args
                pairs = [(a, d, False) for a, d in zip(positional, [None] * (len(positional) - len(args.defaults))
                                                       + args.defaults)]
                pairs += [(a, d, True) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
                public = not child.name.startswith("_") and not owner.startswith("_")
                for arg, default, keyword_only in pairs:
                    if arg.arg == "exact" and default is not None and public:
                        yield (child.lineno, f"{owner}.{child.name}".lstrip("."), keyword_only,
                               ast.unparse(default))
                yield from visit(child, owner)
    yield from visit(tree)


def test_a_defaulted_exact_is_keyword_only_and_false():
    # docs/reference/architecture.md: a public function that can compute in floats takes
    # exact as a keyword-only argument defaulting to False; exact-only functions take none,
    # and helpers that carry their caller's choice take it without a default.
    offenders = [f"{path.relative_to(ROOT)}:{line}: {name}(exact={default}"
                 f"{'' if keyword_only else ', positional'})"
                 for path in _modules() for line, name, keyword_only, default in sorted(_defaulted_exact(path))
                 if not keyword_only or default != "False"]
    assert not offenders, "functions breaking the exact rule:\n" + "\n".join(offenders)


def test_the_exact_rule_check_reads_signatures(tmp_path):
    source = tmp_path / "demo.py"
    source.write_text("def a(g, *, exact=False): pass\ndef b(g, exact=False): pass\ndef c(g, *, exact=True): pass\n"
                      "def d(g, exact): pass\ndef _e(g, exact=True): pass\nclass K:\n    def f(self, exact=1): pass\n",
                      encoding="utf-8")
    assert sorted(_defaulted_exact(source)) == [(1, "a", True, "False"), (2, "b", False, "False"),
                                                (3, "c", True, "True"), (7, "K.f", False, "1")]


def _contract_layers() -> list:
    text = CONTRACT.read_text(encoding="utf-8")
    block = text.split("layers =\n", 1)[1].split("broken_contract_guidance", 1)[0]
    return [{name.strip(" ()") for name in re.split(r"[|:]", line)} for line in block.splitlines() if line.strip()]


def test_the_architecture_page_lists_the_contracts_layers():
    import re
    page = (ROOT / "docs" / "reference" / "architecture.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if re.match(r"\| \d+ \| ", line)]
    layers = [{name.removesuffix(".py").rstrip("/") for name in re.findall(r"`([\w/.]+)`", row.split(" | ")[1])}
              for row in rows]
    assert layers == _contract_layers()


#: The packages that must treat every model kind and every result family alike (issue 14, item 3).
FAMILY_BLIND = ("analysis", "cli", "cases", "explore")
#: Number kinds of a game (``game.kind == "float"``), which are not model kinds.
NUMBER_KINDS = {"exact", "float", "symbolic", "mixed"}
#: Classes of one model kind or one result family: ``isinstance`` with one of them is a family check.
FAMILY_CLASSES = {"Model", "ExtensiveModel", "PrivateTypesModel", "StochasticModel", "EquilibriumSet", "Branch",
                  "SymbolicEquilibria", "SubgamePerfectSet", "SubgamePerfectBranch", "SubgamePerfectConditions",
                  "CutpointBranch", "CutpointBranches", "CutpointResult"}


def _family_checks(path: Path) -> list:
    """``(line, text)`` of each check of a model's kind or a result's family in `path`: ``x.kind == "..."``
    (other than a number kind), ``hasattr(...)`` and ``isinstance`` with one kind's class."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "kind" for s in sides) and not any(
                    isinstance(s, ast.Constant) and s.value in NUMBER_KINDS for s in sides):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "hasattr":
                found.append((node.lineno, ast.unparse(node)))
            elif node.func.id == "isinstance" and len(node.args) == 2 and FAMILY_CLASSES & {
                    n.id if isinstance(n, ast.Name) else getattr(n, "attr", "") for n in ast.walk(node.args[1])}:
                found.append((node.lineno, ast.unparse(node)))
    return found


def test_regions_cases_cli_and_explorer_check_no_model_kind_or_result_family():
    offenders = [f"{path.relative_to(ROOT)}:{line}: {text}"
                 for package in FAMILY_BLIND for path in sorted((PACKAGE / package).rglob("*.py"))
                 for line, text in _family_checks(path)]
    assert not offenders, ("a check of the model kind or the result family (ask the model or the result instead: "
                           "payoff_table, closed_forms_cover_all, region_label(), covers_all, text(); "
                           "docs/reference/architecture.md lists them):\n" + "\n".join(offenders))


def test_the_family_check_finds_kind_hasattr_and_isinstance(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('if model.kind == "extensive":\n    pass\nok = tree.kind == "float"\n'
                      'x = hasattr(model, "payoffs")\ny = isinstance(m, ExtensiveModel)\n'
                      'z = isinstance(m, ParametrisedModel)\nw = "private_types" != model.kind\n', encoding="utf-8")
    assert [line for line, _ in _family_checks(module)] == [1, 4, 5, 7]
