"""``make wheelhouse``: an offline kit that installs luoshi into a fresh venv with no package index."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_wheelhouse_installs_with_no_index_and_refuses_a_changed_file(tmp_path: Path) -> None:
    # PIP_COMPILE=0: the installs skip byte-compiling every dependency (~9 s of CPU), pip's own work
    # that has nothing to do with what the kit holds or how install.sh checks it
    env = {**os.environ, "PYTHON": sys.executable, "PIP_COMPILE": "0"}
    kit = tmp_path / "wheelhouse"
    subprocess.run([str(ROOT / "deploy" / "wheelhouse.sh"), str(kit)], cwd=ROOT, env=env, check=True)
    assert (tmp_path / "wheelhouse.tar.gz").is_file()
    assert [p.name for p in kit.glob("luoshi-*.whl")] and (kit / "SHA256SUMS").is_file()
    with zipfile.ZipFile(next(kit.glob("luoshi-*.whl"))) as built:
        shipped = built.namelist()
    assert not [name for name in shipped if "__pycache__" in name]  # sources only, never a build's .pyc
    migrations = ROOT / "src" / "luoshi" / "store" / "migrations" / "versions"
    assert {f"luoshi/store/migrations/versions/{p.name}" for p in migrations.glob("*.py")} <= set(shipped)
    # install.sh runs pip with --no-index and without pip.conf: only the kit's wheels can be used
    done = subprocess.run(
        [str(kit / "install.sh"), str(tmp_path / "venv")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("luoshi, version")
    doctor = subprocess.run(
        [str(tmp_path / "venv" / "bin" / "luoshi"), "doctor", "--help"], capture_output=True
    )
    assert doctor.returncode == 0
    wheel = next(kit.glob("luoshi-*.whl"))
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    changed = subprocess.run(
        [str(kit / "install.sh"), str(tmp_path / "venv2")], env=env, capture_output=True, text=True
    )
    assert changed.returncode == 1 and "校验失败" in changed.stderr and not (tmp_path / "venv2").exists()
