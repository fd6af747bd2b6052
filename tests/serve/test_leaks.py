"""Small leaks closed (issue 10, finding 9): paths, evidence ids, direction overrides, /docs CSP."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from tests.serve.conftest import Seeded, csrf_of, login

from luoshi.store.db import Database
from luoshi.supervise.evidence import safe_name, shown_name
from luoshi.supervise.reports import store_report

TEXTS = Path(__file__).parents[1] / "fixtures" / "texts"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
RLO = "\u202e"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _upload(client: TestClient, seeded: Seeded, name: str) -> int:
    """A progress report with one PNG named ``name``, filed by 市能源局; the evidence id."""
    login(client, "energy")
    token = csrf_of(client, f"/tasks/{seeded.solar}")
    client.post(
        f"/tasks/{seeded.solar}/progress",
        data={"csrf_token": token, "value": "1"},
        files=[("files", (name, PNG, "image/png"))],
    )
    found = re.search(r'href="/evidence/(\d+)"', client.get(f"/tasks/{seeded.solar}").text)
    assert found
    return int(found.group(1))


def test_the_public_scorecard_json_shows_no_server_path(
    client: TestClient, database: Database, users: dict[str, str]
) -> None:
    from luoshi.pipeline import read_report

    with database.ledger(actor="tester") as ledger:
        plan = store_report(ledger, read_report(TEXTS / "link-city-2023.txt")).report_id
    response = client.get(f"/api/public/reports/{plan}/scorecard")
    assert response.status_code == 200
    assert str(TEXTS) not in response.text and "/" not in response.json()["plan_report"]["source"]
    assert response.json()["plan_report"]["source"] == "link-city-2023.txt"


def test_anonymous_users_get_the_same_answer_for_existing_and_missing_evidence(
    client: TestClient, users: dict[str, str], seeded: Seeded
) -> None:
    existing = _upload(client, seeded, "照片.png")
    client.cookies.clear()
    answers = [
        client.get(f"/evidence/{ident}", follow_redirects=False) for ident in (existing, existing + 99_999)
    ]
    assert {(r.status_code, r.headers.get("location", "").split("?")[0]) for r in answers} == {
        (303, "/login")
    }


def test_direction_overrides_are_stripped_from_file_names(
    client: TestClient, users: dict[str, str], seeded: Seeded
) -> None:
    """Stored and displayed names carry no U+202A–202E or U+2066–2069 (an RLO turns gnp.exe into exe.png)."""
    assert safe_name(f"发票{RLO}gnp.exe.png") == "发票gnp.exe.png"
    assert shown_name("a\u2066b\u2069c\u202ad.png") == "abcd.png"
    ident = _upload(client, seeded, f"发票{RLO}gnp.exe.png")
    assert not BIDI.search(client.get(f"/tasks/{seeded.solar}").text)
    disposition = client.get(f"/evidence/{ident}").headers["content-disposition"]
    assert "%E2%80%AE" not in disposition.upper()


def test_docs_run_without_inline_scripts(client: TestClient) -> None:
    response = client.get("/docs")
    policy = response.headers["content-security-policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert client.get("/static/docs.js").status_code == 200
