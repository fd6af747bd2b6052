from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum

from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient
from tests.serve.conftest import Seeded

from luoshi.serve.dashboard import summarise
from luoshi.serve.encode import accepts_gzip, to_json
from luoshi.supervise.snapshot import TaskRow


class Colour(Enum):
    RED = "red"


@dataclass(frozen=True)
class Inner:
    on: date
    at: datetime
    colour: Colour
    units: frozenset[int]


@dataclass(frozen=True)
class Outer:
    name: str
    inner: list[Inner]
    pair: tuple[int, str]
    counts: dict[str, int] = field(default_factory=dict)
    missing: float | None = None


def reference(value: object) -> bytes:
    return json.dumps(jsonable_encoder(value), ensure_ascii=False, separators=(",", ":")).encode()


def row(i: int, state: str) -> TaskRow:
    return TaskRow(
        id=i, report_id=1, ordinal=i, section="篇章", theme="", text=f"任务{i}", indicator="数量",
        target_value=10.0, target_unit="个", deadline=date(2023, 12, 31), lead_unit="单位", lead_unit_id=3,
        co_units=("配合",), unit_ids=frozenset({3, 4}), latest_value=4.5, latest_on=date(2023, 9, 1),
        reports=2, state=state, colour="red" if state == "overdue" else "green", elapsed=0.7, progress=0.45,
        overdue_days=3 if state == "overdue" else 0, missed_reports=1, headline=i % 2 == 0, demo=False,
    )  # fmt: skip


def test_matches_fastapi_encoding() -> None:
    inner = Inner(date(2024, 1, 2), datetime(2024, 1, 2, 3, 4, tzinfo=UTC), Colour.RED, frozenset({1}))
    value = Outer("名称 <b>", [inner], (1, "一"), {"绿": 2})
    assert to_json(value) == reference(value)
    dashboard = summarise([row(1, "overdue"), row(2, "on_track"), row(3, "done")], date(2023, 9, 30))
    assert to_json(dashboard) == reference(dashboard)
    rows = {"items": [row(5, "behind").to_dict()], "total": 1}
    assert to_json(rows) == reference(rows)


def test_unknown_types_fall_back() -> None:
    value = {"when": {date(2024, 1, 2): 1}}  # a date as a key: json.dumps alone cannot
    assert to_json(value) == reference(value)


def test_accept_encoding() -> None:
    assert accepts_gzip("gzip, deflate, br") and accepts_gzip("br;q=1.0, gzip;q=0.8") and accepts_gzip("*")
    assert not accepts_gzip("") and not accepts_gzip("identity") and not accepts_gzip("gzip;q=0")


def test_big_json_goes_gzipped_to_clients_that_accept_it(client: TestClient, seeded: Seeded) -> None:
    plain = client.get("/api/public", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.headers["vary"] == "accept-encoding"
    packed = client.get("/api/public", headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.json() == plain.json() and len(packed.content) == len(plain.content)  # httpx unpacks it
    assert int(packed.headers["content-length"]) < len(plain.content) / 2
