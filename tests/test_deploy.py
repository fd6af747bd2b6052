"""docs/deploy.md, step by step where a step can be scripted, and the files it ships in deploy/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from luoshi.store.backup import dump_tables
from luoshi.store.db import Database
from luoshi.supervise.gauges import last_backup

ROOT = Path(__file__).parents[1]
DEPLOY = ROOT / "deploy"
GUIDE = ROOT / "docs" / "deploy.md"
LUOSHI = Path(sys.executable).with_name("luoshi")


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, env={**os.environ, **env}, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done


def test_every_setting_is_in_the_deployment_guide() -> None:
    """Each field of Settings appears, by its environment variable, in docs/deploy.md."""
    from luoshi.config import Settings

    names = {"LUOSHI_ENV" if f == "environment" else f"LUOSHI_{f.upper()}" for f in Settings.model_fields}
    guide = GUIDE.read_text(encoding="utf-8")
    assert names and {n for n in names if f"`{n}`" not in guide} == set()


def test_every_shipped_file_is_named_in_the_guide() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert [p.name for p in DEPLOY.iterdir() if f"deploy/{p.name}" not in guide] == []


@pytest.mark.parametrize("unit", ["luoshi.service", "luoshi-backup.service", "luoshi-backup.timer"])
def test_systemd_units_verify(unit: str, tmp_path: Path) -> None:
    """``systemd-analyze verify`` with the install paths pointed at this checkout (they must exist)."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here")
    for name in ("luoshi.service", "luoshi-backup.service", "luoshi-backup.timer"):
        text = (DEPLOY / name).read_text(encoding="utf-8")
        text = text.replace("/opt/luoshi/venv/bin/luoshi", str(LUOSHI))
        text = text.replace("/opt/luoshi/backup.sh", str(DEPLOY / "backup.sh"))
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / unit)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr.strip()) == (0, "")


def test_nginx_config_passes_nginx_t(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or (shutil.which("nginx", path="/usr/sbin:/sbin"))
    if nginx is None or shutil.which("openssl") is None:
        pytest.skip("nginx (or openssl) is not installed here")
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=luoshi",
         "-keyout", str(tls / "luoshi.key"), "-out", str(tls / "luoshi.crt")],
        capture_output=True, check=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8").replace("/etc/luoshi/tls", str(tls))
    site = site.replace("/var/log/nginx", str(tmp_path))
    (tmp_path / "luoshi.conf").write_text(site, encoding="utf-8")
    main = f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
    main += f"http {{ include {tmp_path}/luoshi.conf; }}\n"
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    done = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_upgrade_backup_and_restore_drill(tmp_path: Path, db_url: str) -> None:
    """Steps 5, 6 and 9: upgrade a release's ledger, check it, back it up nightly, restore it elsewhere."""
    data = tmp_path / "data"
    (data / "evidence").mkdir(parents=True)
    (data / "evidence" / "ab12").write_bytes(b"evidence")
    ledger = data / "luoshi.sqlite3"
    shutil.copy(ROOT / "tests" / "fixtures" / "upgrade" / "v0.1.0.sqlite", ledger)
    env = {"LUOSHI_DATA_DIR": str(data), "LUOSHI_DATABASE_URL": f"sqlite:///{ledger}", "LUOSHI": str(LUOSHI)}
    run(str(LUOSHI), "db", "upgrade", env=env)
    doctor = subprocess.run(
        [str(LUOSHI), "doctor"], env={**os.environ, **env}, capture_output=True, text=True
    )
    lines = doctor.stdout.splitlines()
    assert [ln for ln in lines if ln.startswith("需处理") and ("数据库" in ln or "数据目录" in ln)] == []
    run(str(DEPLOY / "backup.sh"), env=env)
    [dump] = (data / "backups").glob("luoshi-*.jsonl")
    [archive] = (data / "backups").glob("evidence-*.tar.gz")
    with tarfile.open(archive) as tar:
        assert tar.getnames() == ["evidence", "evidence/ab12"]
    assert last_backup(data) is not None
    run(str(LUOSHI), "restore", str(dump), "--db", db_url, env=env)
    source, target = Database(f"sqlite:///{ledger}"), Database(db_url)
    try:
        assert dump_tables(target.engine) == dump_tables(source.engine)
    finally:
        source.dispose()
        target.dispose()
