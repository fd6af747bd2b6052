"""``luoshi outcomes add|list`` and ``luoshi scorecard --report ID``, in-process, on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_bytes, luoshi_captured

TEXTS = Path(__file__).parents[1] / "fixtures" / "texts"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return luoshi_captured(capsys, *args)


@pytest.fixture(scope="module")
def stored_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two 青岚市 reports ingested by the CLI once per module; tests get copies (see ``db``)."""
    path = tmp_path_factory.mktemp("outcomes") / "cli.sqlite3"
    for name in ("link-city-2023.txt", "link-city-2024.txt"):
        ran = luoshi_bytes("ingest", str(TEXTS / name), "--db", f"sqlite:///{path}")
        assert ran.returncode == 0, ran.stderr.decode()
    return path


@pytest.fixture
def db(tmp_path: Path, stored_pair: Path) -> str:
    """A ledger of this test's own holding the two reports (the module's, copied with its WAL)."""
    target = tmp_path / "cli.sqlite3"
    for source in stored_pair.parent.glob(stored_pair.name + "*"):
        shutil.copyfile(source, target.with_name(source.name))
    return f"sqlite:///{target}"


def _line(capsys: pytest.CaptureFixture[str], db: str, indicator: str) -> dict[str, object]:
    code, out, err = run(capsys, "scorecard", "--report", "1", "--db", db, "--format", "json")
    assert code == 0, err
    card = json.loads(out)
    return next(x for x in card["lines"] if x["indicator"] == indicator)


def test_scorecard_of_a_stored_report_and_an_entered_outcome(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    assert _line(capsys, db, "原煤产量")["status"] == "met"
    assert _line(capsys, db, "新增省级专精特新企业")["status"] == "not_reported"
    code, out, err = run(
        capsys, "outcomes", "add", "--region", "青岚市", "--year", "2023",
        "--indicator", "新增省级专精特新企业", "--value", "16",
        "--unit", "家", "--source", "2023年统计公报", "--db", db, "--by", "督查室张三",
    )  # fmt: skip
    assert code == 0, err
    line = _line(capsys, db, "新增省级专精特新企业")
    assert line["status"] == "met" and line["outcome_sentence"] == "2023年统计公报"
    code, out, _ = run(capsys, "outcomes", "list", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["indicator"], r["value"], r["entered_by"]) for r in rows] == [
        ("新增省级专精特新企业", "16", "督查室张三")
    ]
    code, out, _ = run(capsys, "scorecard", "--report", "1", "--db", db)
    assert code == 0 and "成绩单 青岚市2023年" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("outcomes", "add", "--region", "青岚市", "--year", "2023", "--indicator", "原煤产量",
          "--value", "1", "--unit", "万吨", "--source", " "), "来源"),
        (("scorecard", "--report", "9"), "报告 9 不存在"),
        (("scorecard",), "--report"),
        (("scorecard", "x.txt", "--report", "1"), "不需要"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], db: str, args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, *args, "--db", db)
    assert code == 2
    assert message in err and "Traceback" not in err
