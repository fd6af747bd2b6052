"""``luoshi ARGS`` in this process: click's CliRunner isolation around ``luoshi.cli.main``.

The CLI's own error handling and exit codes, without starting an interpreter per call. The
results look like ``subprocess.run``'s, so a test reads the same either way; each command family
keeps one end-to-end test that starts the real ``python -m luoshi``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping

import pytest
from click.testing import CliRunner


def luoshi_bytes(
    *args: str, input: bytes | None = None, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[bytes]:
    from luoshi.cli import main

    with CliRunner().isolation(input=input, env=env) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    return subprocess.CompletedProcess(["luoshi", *args], code, out.getvalue(), err.getvalue())


def luoshi_text(
    *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    ran = luoshi_bytes(*args, input=None if input is None else input.encode(), env=env)
    return subprocess.CompletedProcess(ran.args, ran.returncode, ran.stdout.decode(), ran.stderr.decode())


def luoshi_captured(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``luoshi ARGS`` in this process with pytest's capture: (exit code, stdout, stderr)."""
    from luoshi.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err
