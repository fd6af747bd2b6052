"""``luoshi notify``, ``luoshi notify failed`` and ``luoshi notify retry`` in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.test_cli_supervise import db, run

__all__ = ["db"]


def counts(out: str) -> dict[str, int]:
    return {row["result"]: row["count"] for row in json.loads(out)}


def test_failures_are_counted_listed_and_requeued(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    """Rule: nothing vanishes: no address and unknown channels are counted (one line each), not repeated."""
    run(capsys, db, "supervise", "raise", "--title", "园区供电", "--lead", "fgw", "--as-of", "2024-03-01")
    config = tmp_path / "notify.yaml"
    config.write_text(
        "retry: {max_attempts: 1}\nchannels:\n"
        "  robot: {type: webhook, format: wecom, url: 'http://127.0.0.1:1/send', timeout: 1}\n"
        "  mail: {type: smtp, host: 127.0.0.1, sender: a@b.cn, to: {}}\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, db, "notify", "--config", str(config), "--as-of", "2024-03-12", "--format", "json"
    )
    # the unit's digest, the office's and the leader's summaries: on the robot, none with an address
    assert code == 0 and counts(out)["gave_up"] == 3 and counts(out)["no_address"] == 3
    assert len([line for line in err.splitlines() if "没有地址" in line]) == 1
    code, out, _ = run(capsys, db, "notify", "failed", "--config", str(config), "--format", "json")
    assert [(r["state"], r["channel"]) for r in json.loads(out)] == [("gave_up", "robot")] * 3
    code, out, _ = run(capsys, db, "notify", "retry", "--config", str(config), "--format", "json")
    assert code == 0 and json.loads(out)[0]["count"] == 3
    bare = tmp_path / "bare.yaml"
    bare.write_text("channels: {log: {type: log, path: n.log}}\n", encoding="utf-8")
    code, out, err = run(
        capsys, db, "notify", "--config", str(bare), "--as-of", "2024-03-12", "--format", "json"
    )
    assert counts(out)["unknown_channel"] == 3 and len([ln for ln in err.splitlines() if "未配置" in ln]) == 1
    code, _, err = run(capsys, db, "notify", "retry", "999", "--config", str(config))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "999" in err
