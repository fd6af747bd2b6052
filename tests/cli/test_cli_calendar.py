"""``luoshi calendar import|show`` and the one-line warning of commands that count estimated days."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.calendar.fixtures import write_2027
from tests.cli_inprocess import luoshi_captured


@pytest.fixture
def db(migrated_sqlite_url: str) -> str:
    """A migrated SQLite ledger with one unit and one item raised on 2026-12-28."""
    from luoshi.clock import FixedClock
    from luoshi.store.db import Database
    from luoshi.store.models import Unit
    from luoshi.supervise.orders import raise_order

    database = Database(migrated_sqlite_url)
    with database.ledger(actor="seed", clock=FixedClock.on(date(2026, 12, 28))) as ledger:
        ledger.add(Unit(code="fgw", name="市发展改革委", kind="department", aliases=[], keywords=[]))
        raise_order(ledger, title="年底供暖保障", lead="fgw")
    database.dispose()
    return migrated_sqlite_url


def run(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    return luoshi_captured(capsys, *args, "--db", db)


def test_commands_work_in_an_unloaded_year_with_one_warning_line(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    for command in (["status"], ["supervise", "list"], ["review"], ["supervise", "escalate"]):
        code, _, err = run(capsys, db, *command, "--as-of", "2027-03-01", "--format", "json")
        assert code == 0, (command, err)
        assert err.count("节假日数据不含 2027 年") == 1 and "calendar import" in err, command


def test_after_importing_2027_the_warning_is_gone(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    code, out, err = run(capsys, db, "calendar", "import", str(write_2027(tmp_path)))
    assert (code, err) == (0, "") and "已导入 2027 年" in out
    code, out, err = run(capsys, db, "supervise", "list", "--as-of", "2027-03-01", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["id"] == 1


def test_an_item_can_be_raised_on_28_december_2026(capsys: pytest.CaptureFixture[str], db: str) -> None:
    args = ["supervise", "raise", "--title", "节前安全检查", "--lead", "fgw", "--as-of", "2026-12-28"]
    code, out, err = run(capsys, db, *args, "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["id"] == 2


def test_show_says_where_a_year_comes_from(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, db, "calendar", "show", "--year", "2026")
    assert (code, err) == (0, "") and "春节" in out and "02-28" in out
    code, out, err = run(capsys, db, "calendar", "show", "--year", "2027", "--format", "json")
    shown = json.loads(out)
    assert (code, shown["source"], shown["estimated"]) == (0, "estimate", True)
    assert [h["name"] for h in shown["holidays"]] == ["元旦", "春节", "清明节", "劳动节", "国庆节"]
    assert "节假日数据不含 2027 年" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year: 2027\nholidays: [{name: 春节, start: 2027-02-30}]\n", "无效"),
        ("year: 2027\nholidays: [{name: 元旦, start: 2027-01-01}]\nworkdays: [2027-01-05]\n", "本来就上班"),
        ("- not a mapping\n", "须为映射"),
        ("year: [2027\n", "不是有效的 YAML"),
    ],
)
def test_import_refuses_a_bad_file_with_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, db, "calendar", "import", str(path))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and message in err
    assert (
        run(capsys, db, "calendar", "show", "--year", "2027", "--format", "json")[1].count('"estimate"') == 1
    )


def test_a_date_asked_about_in_an_unloaded_year_warns_even_without_items(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    assert run(capsys, sqlite_url, "db", "upgrade")[0] == 0  # an empty ledger (a read refuses a missing file)
    code, _, err = run(capsys, sqlite_url, "status", "--as-of", "2027-03-01", "--format", "json")
    assert code == 0 and "节假日数据不含 2027 年" in err
    code, _, err = run(capsys, sqlite_url, "status", "--as-of", "2026-06-01", "--format", "json")
    assert (code, err) == (0, "")
