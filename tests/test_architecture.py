"""The house rules of ARCHITECTURE.md, checked: import direction, module and function size,
a library that neither prints nor parses arguments, imports at the top of modules."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("features", "scoring", "reports", "relscore")
LIBRARY = ("features", "scoring", "reports")
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
#: Optional dependencies imported where they are used, so the base install works without them; and
#: pyarrow.parquet, imported where a Parquet file is read or written, so that a run over text files
#: never loads it (about 0.01 CPU s of every start; tests/scoring/io/test_parquet.py checks it).
LATE_IMPORTS = {"dask", "dask.dataframe", "distributed", "pyarrow.parquet"}


def _modules(packages: tuple[str, ...]) -> list[Path]:
    return sorted(p for pkg in packages for p in (ROOT / pkg).rglob("*.py"))


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_import_contracts_are_kept() -> None:
    # lint-imports reads pyproject.toml's [tool.importlinter] from the working directory. It runs in
    # a process of its own: it configures logging with ``logging.config.dictConfig``, which disables
    # every logger created before it, so in the test process relscore's warnings (which other tests
    # assert on) would go unheard for the rest of the session.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    code = (f"import sys; from importlinter.cli import lint_imports; "
            f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_product_modules_are_small() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules(PRODUCT)}
    assert len(sizes) > 40
    assert {m: n for m, n in sizes.items() if n >= MAX_MODULE_LINES} == {}


def test_product_functions_are_short() -> None:
    long = {}
    for p in _modules(PRODUCT):
        for f in _functions(ast.parse(p.read_text(encoding="utf-8"))):
            if f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES:
                long[f"{p.relative_to(ROOT)}::{f.name}"] = f.end_lineno - f.lineno + 1
    assert long == {}


def test_library_neither_prints_nor_parses_arguments() -> None:
    found = []
    for p in _modules(LIBRARY):
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print":
                found.append(f"{p.relative_to(ROOT)}:{n.lineno} print")
            names = [a.name for a in n.names] if isinstance(n, ast.Import) else (
                [n.module or ""] if isinstance(n, ast.ImportFrom) else [])
            found += [f"{p.relative_to(ROOT)}:{n.lineno} import {m}" for m in names if m.split(".")[0] == "argparse"]
    assert found == []


def test_imports_sit_at_the_top_of_modules() -> None:
    late = []
    for p in _modules(PRODUCT):
        for f in _functions(ast.parse(p.read_text(encoding="utf-8"))):
            for n in ast.walk(f):
                names = [a.name for a in n.names] if isinstance(n, ast.Import) else (
                    [n.module or ""] if isinstance(n, ast.ImportFrom) else [])
                late += [f"{p.relative_to(ROOT)}:{n.lineno} {m}" for m in names if m not in LATE_IMPORTS]
    assert late == []

