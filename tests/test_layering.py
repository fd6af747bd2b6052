"""The package boundaries: only store/ talks to the database, only serve/ to the web framework."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "luoshi"
RULES = {
    ("sqlalchemy", "alembic"): ("store/",),
    ("fastapi", "starlette", "jinja2"): ("serve/", "cli/serve.py"),
}


@cache
def modules(path: Path) -> frozenset[str]:
    """The dotted names of every module ``path`` imports (at any depth of the file), read once."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return frozenset(found)


def imported(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports."""
    return {name.split(".")[0] for name in modules(path)}


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


# Each stage imports only from its own layer or earlier ones; the foundation (errors, settings,
# the data that flows, the clock, the working-day calendar and the tabular writer) sits below every stage.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "config", "document", "clock", "calendar", "tabular", "logs", "pool"),
    ("ingest",),
    ("normalise",),
    ("segment",),
    ("extract",),
    ("pipeline",),
    ("link",),
    ("store",),
    ("supervise",),
    ("serve",),
    ("cli", "__main__"),
)


def luoshi_imports(path: Path) -> set[str]:
    """The luoshi packages (``store``, ``clock`` …) that ``path`` imports."""
    return {name.split(".")[1] for name in modules(path) if name.startswith("luoshi.")}


def test_stages_import_only_earlier_stages() -> None:
    """Pipeline order: a stage never reaches a later one (store/ does not import supervise/)."""
    rank = {name: i for i, layer in enumerate(LAYERS) for name in layer}
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        own = path.relative_to(SRC).parts[0].removesuffix(".py")
        if own not in rank:
            continue
        offenders += [
            f"{own} → {name}" for name in sorted(luoshi_imports(path)) if rank.get(name, 0) > rank[own]
        ]
    assert offenders == []


def test_every_package_has_a_layer() -> None:
    tops = {p.relative_to(SRC).parts[0].removesuffix(".py") for p in SRC.rglob("*.py")}
    assert tops - {"__init__", "data"} <= {name for layer in LAYERS for name in layer}


# The command line reaches the web app only to start it (``luoshi serve``); every other command
# calls the services (supervise/ and earlier), so a service never hides in serve/.
SERVE_ENTRY = ("cli/serve.py",)


def test_cli_reaches_serve_only_to_start_it() -> None:
    offenders = [
        path.relative_to(SRC).as_posix()
        for path in sorted((SRC / "cli").rglob("*.py"))
        if path.relative_to(SRC).as_posix() not in SERVE_ENTRY and "serve" in luoshi_imports(path)
    ]
    assert offenders == []


def test_every_serve_module_needs_the_web() -> None:
    """A serve/ module imports the web framework or another serve/ module; one that needs neither
    is a service and belongs in supervise/ (or earlier)."""
    web = {"fastapi", "starlette", "jinja2", "uvicorn", "itsdangerous", "multipart"}
    offenders = [
        path.relative_to(SRC / "serve").as_posix()
        for path in sorted((SRC / "serve").rglob("*.py"))
        if path.name != "__init__.py" and not (imported(path) & web or "serve" in luoshi_imports(path))
    ]
    assert offenders == []
