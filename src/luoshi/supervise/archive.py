"""``luoshi backup`` / ``restore``: one zip archive holding the ledger's tables and its evidence files.

The archive holds ``ledger.jsonl`` (every table, with a SHA-256 manifest: see
:mod:`luoshi.store.backup`) and ``evidence/<sha256>`` for each evidence file (stored by its hash,
so each file proves itself). A restore checks both before anything is written and refuses a
tampered archive with one line; ``force`` loads it anyway (skipping files whose content does not
match their hash) and the audit trail records who forced it. A plain ``.jsonl`` backup (tables
only) is still accepted.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from luoshi.errors import InputError
from luoshi.store import backup as tables
from luoshi.store.db import Database
from luoshi.store.models import Evidence
from luoshi.supervise.evidence import blob_path

LEDGER = "ledger.jsonl"
EVIDENCE = "evidence/"


@dataclass(frozen=True, slots=True)
class Archived:
    """What a backup wrote."""

    path: Path
    rows: dict[str, int]
    files: int = 0
    file_bytes: int = 0
    missing: list[str] = field(default_factory=list)  # evidence rows whose file was not on disk
    sha256: str = ""  # of the archive itself

    def summary(self) -> str:
        line = f"已写入备份 {self.path}：{len(self.rows)} 张表共 {sum(self.rows.values())} 行，"
        line += f"佐证文件 {self.files} 个（{self.file_bytes / 1_048_576:.1f} MB）"
        if self.missing:
            line += f"，{len(self.missing)} 个佐证文件在数据目录中找不到"
        return f"{line}；SHA-256 {self.sha256}"


@dataclass(frozen=True, slots=True)
class Restored:
    rows: dict[str, int]
    files: int = 0
    skipped: list[str] = field(default_factory=list)  # files refused (content ≠ hash), forced restore


def write_backup(database: Database, path: Path, *, evidence_dir: Path | None) -> Archived:
    """The tables, and (``evidence_dir`` given) every evidence file they name, as one zip at ``path``."""
    tmp = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / LEDGER
        rows = tables.backup(database.engine, dump)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(dump, LEDGER)
            files, size, missing = _add_evidence(archive, database, evidence_dir)
    tmp.replace(path)
    return Archived(path, rows, files, size, missing, _file_sha256(path))


def _add_evidence(
    archive: zipfile.ZipFile, database: Database, folder: Path | None
) -> tuple[int, int, list[str]]:
    if folder is None:
        return 0, 0, []
    files, size, missing = 0, 0, []
    for sha256 in _evidence_hashes(database):
        source = blob_path(folder, sha256)
        if not source.is_file():
            missing.append(sha256)
            continue
        archive.write(source, EVIDENCE + sha256, compress_type=zipfile.ZIP_STORED)
        files, size = files + 1, size + source.stat().st_size
    return files, size, missing


def _evidence_hashes(database: Database) -> list[str]:
    with database.reader().ledger(actor="backup") as ledger:
        return sorted({e.sha256 for e in ledger.all(Evidence)})


def restore_backup(
    database: Database, path: Path, *, evidence_dir: Path, force: bool = False, actor: str = "system"
) -> Restored:
    """Check, then load an archive (or a plain .jsonl backup) into an empty database."""
    if not path.is_file():
        raise InputError(f"找不到备份文件：{path}")
    if not zipfile.is_zipfile(path):
        return Restored(tables.restore(database.engine, path, force=force, actor=actor))
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as scratch:
        good, bad = _check_evidence(archive)
        if bad and not force:
            raise tables.IntegrityError(
                f"备份中 {len(bad)} 个佐证文件的内容与其哈希不符{tables.ALTERED_HINT}"
            )
        dump = Path(scratch) / path.name
        dump.write_bytes(_member(archive, LEDGER))
        altered = [EVIDENCE + name for name in bad]
        rows = tables.restore(database.engine, dump, force=force, actor=actor, also_altered=altered)
        for sha256 in good:
            _store(evidence_dir, sha256, archive.read(EVIDENCE + sha256))
    return Restored(rows, len(good), bad)


def _check_evidence(archive: zipfile.ZipFile) -> tuple[list[str], list[str]]:
    """The files whose content hashes to their name, and those that do not (read one at a time)."""
    good: list[str] = []
    bad: list[str] = []
    for name in archive.namelist():
        if not name.startswith(EVIDENCE) or name == EVIDENCE:
            continue
        digest = hashlib.sha256()
        with archive.open(name) as member:
            for block in iter(lambda: member.read(1 << 20), b""):
                digest.update(block)
        sha256 = name.removeprefix(EVIDENCE)
        (good if digest.hexdigest() == sha256 else bad).append(sha256)
    return good, bad


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise InputError(f"备份文件中没有 {name}：不是 luoshi 备份") from None


def _store(folder: Path, sha256: str, data: bytes) -> None:
    target = blob_path(folder, sha256)
    if target.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
