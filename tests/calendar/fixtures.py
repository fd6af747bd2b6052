"""A made-up 2027 holiday file for tests. It is NOT the State Council's 2027 notice (not yet
published when this was written): 春节 is put on 2027-02-06…02-12 only so that tests can see
imported days take effect, with one make-up Sunday."""

from __future__ import annotations

from pathlib import Path

TEST_2027 = """\
# TEST FIXTURE — not the real 2027 notice
year: 2027
title: 测试用 2027 年节假日（非官方）
holidays:
  - {name: 元旦, start: 2027-01-01, end: 2027-01-04}
  - {name: 春节, start: 2027-02-06, end: 2027-02-12}
workdays:
  - 2027-02-14
"""


def write_2027(folder: Path) -> Path:
    path = folder / "test-2027.yaml"
    path.write_text(TEST_2027, encoding="utf-8")
    return path
