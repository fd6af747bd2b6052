"""``luoshi print notice|urge|bulletin`` on the example ledger: a .docx written, or one Chinese line."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_inprocess import luoshi_captured

from luoshi.ingest.office import docx_to_text


def test_notice_urge_and_bulletin_are_written(
    capsys: pytest.CaptureFixture[str], example_ledger_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "notice.docx"
    code, printed, err = luoshi_captured(
        capsys, "print", "notice", "1", "--out", str(out), "--as-of", "2023-10-20", "--db", example_ledger_url
    )
    assert code == 0, err
    assert printed.strip() == str(out)
    assert "阳政督〔2023〕1号" in docx_to_text(out.read_bytes())
    urge = tmp_path / "urge.docx"
    code, _, err = luoshi_captured(
        capsys, "print", "urge", "1", "--out", str(urge), "--as-of", "2023-10-20", "--db", example_ledger_url
    )
    assert code == 0, err
    assert "已逾期11个工作日" in docx_to_text(urge.read_bytes())


def test_bulletin_goes_to_a_default_file(
    capsys: pytest.CaptureFixture[str],
    example_ledger_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, printed, err = luoshi_captured(
        capsys, "print", "bulletin", "--as-of", "2023-09-30", "--db", example_ledger_url
    )
    assert code == 0, err
    assert printed.strip() == "luoshi-督查通报-2023-09-30.docx"
    assert "截至2023年9月30日" in docx_to_text((tmp_path / printed.strip()).read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["notice", "99"], "督办事项 99 不存在"),
        (["urge", "1", "--as-of", "2023-10-01"], "没有逾期环节"),
        (["notice", "1", "--out", "/nonexistent/dir/x.docx"], "无法写入"),
    ],
)
def test_bad_requests_are_one_chinese_line(
    capsys: pytest.CaptureFixture[str], example_ledger_url: str, args: list[str], message: str
) -> None:
    code, out, err = luoshi_captured(capsys, "print", *args, "--db", example_ledger_url)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
