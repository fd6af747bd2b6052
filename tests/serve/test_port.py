"""The port's pages: the public form (errors beside fields), tracking by code, triage, 回访, cases."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.serve.conftest import Browser, Units, csrf_of

COMPANY = "91110000600037341L"
PROBLEM = "企业技术改造补助资金评审通过已三个月仍未拨付，影响设备采购。"


def post_form(
    client: TestClient, path: str, data: dict[str, str], page: str = "/port", **kw: object
) -> object:
    return client.post(path, data={**data, "csrf_token": csrf_of(client, page)}, follow_redirects=False, **kw)  # type: ignore[arg-type]


def file_one(client: TestClient, **changes: str) -> str:
    data = {
        "kind": "enterprise",
        "name": "阳泉某机械有限公司",
        "credit_code": COMPANY,
        "contact": "13800138000",
        "problem": PROBLEM,
    } | changes
    response = client.post("/port", data={**data, "csrf_token": csrf_of(client, "/port")})
    assert response.status_code == 200, response.text
    found = re.search(r'id="tracking-code">([A-Z0-9-]+)<', response.text)
    assert found, response.text
    return found.group(1)


def tracking_page(client: TestClient, code: str) -> str:
    response = client.post("/port/track", data={"code": code, "csrf_token": csrf_of(client, "/port/track")})
    assert response.status_code == 200, response.text
    return str(response.text)


def test_the_form_works_without_an_account_and_keeps_input_beside_the_error(client: TestClient) -> None:
    page = client.get("/port")
    assert (
        page.status_code == 200
        and 'name="website"' in page.text
        and "<script" not in page.text.split("<main>")[1]
    )
    data = {
        "kind": "enterprise",
        "name": "阳泉某机械有限公司",
        "credit_code": "91110000600037341A",
        "contact": "13800138000",
        "problem": PROBLEM,
        "csrf_token": csrf_of(client, "/port"),
    }
    response = client.post("/port", data=data)
    assert response.status_code == 422
    assert 'id="credit_code-error"' in response.text and "统一社会信用代码不正确" in response.text
    assert PROBLEM in response.text and 'value="阳泉某机械有限公司"' in response.text  # nothing lost


def test_a_filled_honeypot_stores_nothing(
    client: TestClient, browser: Browser, users: dict[str, str]
) -> None:
    data = {"kind": "person", "name": "机器人", "contact": "13800138000", "problem": PROBLEM, "website": "x"}
    response = client.post("/port", data={**data, "csrf_token": csrf_of(client, "/port")})
    assert response.status_code == 422 and "tracking-code" not in response.text
    browser.login("office")
    assert "暂无" in client.get("/port/requests").text


def test_one_address_flooding_the_form_is_stopped(client: TestClient) -> None:
    for i in range(5):
        file_one(
            client,
            kind="person",
            credit_code="",
            contact=f"1390013900{i}",
            problem=f"第{i}件事：" + "路灯" * (i + 5) + "长期不亮",
        )
    data = {
        "kind": "person",
        "name": "某人",
        "contact": "13700137000",
        "problem": "又一件不同的事情：公园围墙倒塌",
        "csrf_token": csrf_of(client, "/port"),
    }
    response = client.post("/port", data=data)
    assert response.status_code == 422 and "提交过于频繁" in response.text


def test_oversized_input_is_refused_with_a_line(client: TestClient) -> None:
    data = {
        "kind": "person",
        "name": "某人",
        "contact": "13700137000",
        "problem": "很" * 6000,
        "csrf_token": csrf_of(client, "/port"),
    }
    response = client.post("/port", data=data)
    assert 400 <= response.status_code < 500
    big = {"files": ("大.txt", b"a" * (5 * 1024 * 1024 + 10), "text/plain")}
    data = {
        "kind": "person",
        "name": "某人",
        "contact": "13700137000",
        "problem": PROBLEM,
        "csrf_token": csrf_of(client, "/port"),
    }
    response = client.post("/port", data=data, files=big)
    assert (
        response.status_code == 422
        and "附件超过 5 MB" in response.text
        and 'id="attachments-error"' in response.text
    )


def test_the_whole_loop_through_the_pages(
    client: TestClient, browser: Browser, users: dict[str, str]
) -> None:
    code = file_one(client)
    assert "待受理" in tracking_page(client, code)
    assert client.get("/port/requests", follow_redirects=False).status_code in (303, 401, 403)

    browser.login("office")
    listing = client.get("/port/requests").text
    request_id = int(re.search(r"/port/requests/(\d+)", listing).group(1))  # type: ignore[union-attr]
    detail = client.get(f"/port/requests/{request_id}").text
    assert "13800138000" in detail  # the office sees the contact
    version = re.search(r'name="version" value="(\d+)"', detail).group(1)  # type: ignore[union-attr]
    answer = post_form(
        client,
        f"/port/requests/{request_id}/triage",
        {
            "decision": "accept",
            "lead": "市能源局",
            "co": "市教育局",
            "level": "ordinary",
            "title": "技改资金拨付",
            "version": version,
        },
        page=f"/port/requests/{request_id}",
    )
    assert answer.status_code == 303  # type: ignore[attr-defined]
    item_id = int(re.search(r"/items/(\d+)", client.get(f"/port/requests/{request_id}").text).group(1))  # type: ignore[union-attr]
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})

    browser.login("energy")  # the lead unit's reporter sees the filer's contact, and works the item
    assert "13800138000" in client.get(f"/port/requests/{request_id}").text
    assert "13800138000" in client.get(f"/items/{item_id}").text
    for kind, note in (
        ("deployed", "局务会研究"),
        ("responded", "内部：财政局张科长经办"),
        ("resolved", "已拨付一半"),
    ):
        r = post_form(
            client, f"/items/{item_id}/respond", {"kind": kind, "note": note}, page=f"/items/{item_id}"
        )
        assert r.status_code == 303, r.text  # type: ignore[attr-defined]
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})

    browser.login("teacher")  # a co-unit sees it too; the leader does not see contacts
    assert "13800138000" in client.get(f"/port/requests/{request_id}").text
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    browser.login("leader")
    assert client.get(f"/port/requests/{request_id}").status_code == 403
    leader_view = client.get(f"/items/{item_id}").text
    assert f"诉求{request_id}" in leader_view and "13800138000" not in leader_view
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})

    page = tracking_page(client, code)
    assert "待您评价" in page and 'id="feedback"' in page
    assert (
        "张科长" not in page
        and "局务会" not in page
        and "已拨付一半" not in page
        and "13800138000" not in page
    )
    disputed = post_form(
        client,
        "/port/track/feedback",
        {"code": code, "satisfied": "no", "why": "只拨付了一半"},
        page="/port/track",
    )
    assert disputed.status_code == 200 and "重新办理中" in disputed.text  # type: ignore[attr-defined]

    browser.login("energy")
    r = post_form(
        client,
        f"/items/{item_id}/respond",
        {"kind": "resolved", "note": "剩余已拨付"},
        page=f"/items/{item_id}",
    )
    assert r.status_code == 303  # type: ignore[attr-defined]
    r = post_form(
        client, f"/items/{item_id}/respond", {"kind": "closure", "note": "申请销号"}, page=f"/items/{item_id}"
    )
    assert r.status_code == 303  # type: ignore[attr-defined]
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})

    confirmed = post_form(
        client, "/port/track/feedback", {"code": code, "satisfied": "yes"}, page="/port/track"
    )
    assert "待验收销号" in confirmed.text  # type: ignore[attr-defined]
    browser.login("office")
    r = post_form(
        client, f"/items/{item_id}/decide", {"decision": "accept", "grade": "良好"}, page=f"/items/{item_id}"
    )
    assert r.status_code == 303, r.text  # type: ignore[attr-defined]
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    final = tracking_page(client, code)
    assert "已办结" in final and "督查室验收销号" in final and "您评价：不满意" in final


def test_the_showcase_shows_published_cases_to_everyone(
    client: TestClient, browser: Browser, users: dict[str, str], units: Units
) -> None:
    browser.login("office")
    r = post_form(
        client,
        "/cases",
        {"title": "光伏项目“一站式”审批", "summary": "并联审批，15天办结", "unit": "市能源局"},
        page="/cases",
    )
    assert r.status_code == 303  # type: ignore[attr-defined]
    page = client.get("/cases").text
    case_id = re.search(r'id="case-(\d+)"', page).group(1)  # type: ignore[union-attr]
    assert "未发布" in page
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    assert "光伏项目" not in client.get("/cases").text
    browser.login("office")
    version = re.search(r'name="version" value="(\d+)"', client.get("/cases").text).group(1)  # type: ignore[union-attr]
    post_form(client, f"/cases/{case_id}/publish", {"version": version}, page="/cases")
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    assert "光伏项目“一站式”审批" in client.get("/cases").text
    browser.login("energy")
    assert post_form(client, "/cases", {"title": "x", "summary": "y"}, page="/cases").status_code == 403  # type: ignore[attr-defined]
