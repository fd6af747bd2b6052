"""Start-up: `luoshi --help` lists the commands from SUMMARIES without importing them, and the
list reads exactly as click would print it from the commands themselves."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from luoshi.cli import COMMANDS, SUMMARIES, cli, short_help


def test_every_command_has_its_own_summary() -> None:
    ctx = click.Context(cli)
    assert set(SUMMARIES) == set(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None and not command.hidden
        for limit in (2, 30, 45, 72, 200):
            assert short_help(SUMMARIES[name], limit) == command.get_short_help_str(limit), (name, limit)


@pytest.mark.parametrize("width", [50, 80, 120])
def test_the_listing_reads_as_click_prints_it(width: int) -> None:
    ctx = click.Context(cli, terminal_width=width)
    listed = click.HelpFormatter(width=width)
    cli.format_commands(ctx, listed)
    built = click.HelpFormatter(width=width)
    click.Group.format_commands(cli, ctx, built)  # click's own: imports every command
    assert listed.getvalue() == built.getvalue() and "extract" in listed.getvalue()


def imported_after(*args: str) -> set[str]:
    """The luoshi modules a fresh interpreter has imported after ``luoshi ARGS``."""
    code = (
        "import sys\nfrom luoshi.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in sys.modules if m.startswith('luoshi')))"
    )
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return set(run.stdout.strip().splitlines()[-1].split())


def test_help_imports_no_command_and_no_settings() -> None:
    imported = imported_after("--help")
    assert "luoshi.cli" in imported
    assert not {"luoshi.cli.extract", "luoshi.config", "luoshi.document"} & imported


def test_extract_help_imports_neither_the_reader_nor_settings() -> None:
    imported = imported_after("extract", "--help")
    assert "luoshi.cli.extract" in imported
    assert not {"luoshi.config", "luoshi.document", "luoshi.pipeline"} & imported
