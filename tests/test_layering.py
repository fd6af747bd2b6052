"""The package boundaries: only store/ talks to the database, only serve/ to the web framework."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "luoshi"
RULES = {
    ("sqlalchemy", "alembic"): ("store/",),
    ("fastapi", "starlette", "jinja2"): ("serve/", "cli/serve.py"),
}


def imported(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports (at any depth of the file)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(("packages", "allowed"), list(RULES.items()))
def test_only_allowed_packages_import(packages: tuple[str, ...], allowed: tuple[str, ...]) -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        if where.startswith(allowed):
            continue
        offenders += [f"{where}: {name}" for name in sorted(imported(path) & set(packages))]
    assert offenders == []


def test_the_walk_sees_imports() -> None:
    assert {"sqlalchemy", "luoshi"} <= imported(SRC / "store" / "ledger.py")
    assert "fastapi" in imported(SRC / "serve" / "deps.py")
