"""Tasks: plan sentences that commit to an action, with theme, deadline, places and spans."""

from __future__ import annotations

import json
from bisect import bisect_left
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.cli_inprocess import luoshi_text

from luoshi.document import Metric, Modifier, PartKind, Quantity, Report, Task, Text
from luoshi.extract.commitments import commitment_verb
from luoshi.extract.tasks import extract_tasks
from luoshi.normalise import normalise
from luoshi.pipeline import read_text
from luoshi.segment import segment

FIXTURES = Path(__file__).parent.parent / "fixtures"


def read(name: str) -> Report:
    return read_text((FIXTURES / name).read_text(encoding="utf-8"), source=name)


def find(tasks: list[Task], fragment: str) -> Task:
    hits = [t for t in tasks if fragment in t.text]
    assert len(hits) == 1, [t.text for t in tasks]
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("开工建设华润等6个光伏风电项目", "开工"),
        ("加快推进西上庄电厂建设", "推进"),  # a pacer gives way to the verb after it
        ("加快建设新型综合能源体系", "建设"),
        ("加快数字化转型", "加快"),
        ("围绕发展水平、项目建设等重点,加强差异化考核", "加强"),  # the clause-opening verb
        ("严守耕地红线,建设高标准农田4.6万亩", "建设"),
        ("常态化开展政银企对接", "开展"),
        ("新建5G基站1000座以上", "新建"),
        ("力争用三年时间新改扩建中小学幼儿园50所", "新改扩建"),
        ("我们将坚定发展信心", None),  # 发展信心: a noun phrase
        ("今年是全面贯彻落实党的二十大精神的开局之年", None),
        ("重点抓好以下十个方面工作", None),
        ("各位代表,让我们更加紧密地团结在一起", None),
        ("地区生产总值增长6%左右", None),  # a target, not an action
        ("保障粮食安全的要害是种子和耕地", None),  # a judgement
        ("预期目标体现了保持经济运行在合理区间的要求,有利于实现可持续发展", None),  # an explanation
        ("2023年经济社会发展主要目标是", None),
        ("", None),
    ],
)
def test_commitment_verb(sentence: str, verb: str | None) -> None:
    assert commitment_verb(sentence) == verb


def test_tasks_of_a_bracketed_city_report() -> None:
    report = read("texts/structure-city-bracket.txt")
    tasks = report.tasks
    assert all(t.part is PartKind.PLAN for t in tasks)
    assert not any("城镇新增就业" in t.text for t in tasks)  # review: not a task
    assert not any(t.text == "推动煤炭产业绿色转型" for t in tasks)  # a theme heads, it is no row
    coal = find(tasks, "煤矿智能化改造")
    assert (coal.verb, coal.deadline, coal.theme) == ("完成", date(2024, 12, 31), "推动煤炭产业绿色转型")
    assert coal.section == "推动能源革命走深走实"
    storage = find(tasks, "储能电站")
    assert (storage.deadline, storage.places) == (date(2024, 9, 30), ["云冈区"])
    fair = find(tasks, "招商推介会")
    assert (fair.verb, fair.deadline) == ("举办", date(2024, 3, 31))
    assert find(tasks, "依法行政").section is None  # part 三 has no sections


def test_tasks_of_a_traditional_province_report() -> None:
    tasks = read("texts/structure-province-traditional.txt").tasks
    steel = find(tasks, "河钢集团")
    assert steel.bodies == ["河钢集团"] and steel.theme == "推动钢铁产业转型升级"
    assert find(tasks, "两条生产线改造").deadline == date(2023, 8, 31)
    assert find(tasks, "农贸市场").deadline == date(2023, 12, 31)
    assert find(tasks, "省重点项目").theme == "扩大有效投资"


def test_tasks_of_a_county_report() -> None:
    tasks = read("texts/structure-county.txt").tasks
    zone = find(tasks, "经济技术开发区")
    assert zone.deadline == date(2025, 12, 31)  # 力争用三年时间, counting 2023
    plant = find(tasks, "污水处理厂")
    assert (plant.verb, plant.deadline, plant.places) == ("开工", date(2023, 6, 30), ["青羊镇"])
    water = find(tasks, "饮水安全工程")
    assert water.places == ["西沟村", "东寺头村"]


def test_headline_targets_give_one_row_per_clause() -> None:
    tasks = read("yangquan-2023.txt").tasks
    assert find(tasks, "城镇登记失业率").text == "城镇登记失业率控制在4%以内"
    assert find(tasks, "地区生产总值增长6%").text == "地区生产总值增长6%左右"
    assert not any("尽可能争取更好结果" in t.text for t in tasks)


@pytest.mark.parametrize("name", ["yangquan-2023.txt", "guowuyuan-2021.txt", "guowuyuan-2022.txt"])
def test_fixture_report_tasks_carry_original_spans(name: str) -> None:
    report = read(name)
    assert 150 <= len(report.tasks) <= 400
    plan = [(p.start, p.end) for p in report.parts if p.kind is PartKind.PLAN]
    index = list(report.text.index)
    for task in report.tasks:
        # the original span maps back onto exactly the task's clean text
        a, b = bisect_left(index, task.start), bisect_left(index, task.end - 1) + 1
        assert report.text.clean[a:b].replace("\n", "") == task.text
        assert task.verb in task.text and len(task.text) < 400
    spans = [report.text.to_original(a, b) for a, b in plan]
    assert all(any(a <= t.start and t.end <= b for a, b in spans) for t in report.tasks)


def test_example_report_task_details() -> None:
    report = read("yangquan-2023.txt")
    tasks = report.tasks
    for task in tasks:  # traditional script with pinyin debris: the source reads as the task
        source = report.text.original[task.start : task.end]
        assert normalise(source).clean.replace("\n", "") == task.text
    plant = find(tasks, "西上庄电厂8月底前")
    assert plant.deadline == date(2023, 8, 31) and "西上庄电厂" in plant.bodies
    assert plant.theme == "推动能源产业绿色低碳转型"
    assert find(tasks, "上社抽水蓄能电站").places == ["高新区", "盂县"]


def test_quantities_inside_a_task_are_referenced_by_index() -> None:
    report = read("texts/structure-city-bracket.txt")
    original = report.text.original
    at = original.index("10座")
    inside = Quantity(PartKind.PLAN, None, "煤矿", Metric.COUNT, 10, "座", Modifier.EXACT, "", at, at + 3)
    at = original.index("3场")
    other = Quantity(PartKind.PLAN, None, "推介会", Metric.COUNT, 3, "场", Modifier.AT_LEAST, "", at, at + 2)
    tasks = extract_tasks(report.text, report.parts, report.meta, [other, inside])
    assert find(tasks, "煤矿智能化改造").quantities == [1]
    assert find(tasks, "招商推介会").quantities == [0]


def test_cli_prints_tasks_as_json() -> None:
    path = FIXTURES / "texts/structure-city-bracket.txt"
    out = luoshi_text("extract", str(path), "--tasks", "--format", "json")  # end to end: tests/test_cli.py
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["report"]["region"] == "大同市"
    row = next(i for i in data["items"] if "储能电站" in i["text"])
    assert row["deadline"] == "2024-09-30" and row["part"] == "plan" and row["places"] == ["云冈区"]
    assert set(row) >= {"text", "section", "theme", "verb", "start", "end", "quantities", "bodies"}


PIECES = st.sampled_from(
    ["一、", "二、", "(一)", "2023年工作安排", "工作回顾", "主要目标是:", "。", "；", "，", "\n", "推进",
     "建成", "8月底前", "年内", "高新区", "华阳集团", "各位代表,", "——", "增长6%", "盂县"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40))
def test_tasks_never_raise_and_spans_hold(pieces: list[str]) -> None:
    text = Text.identity("".join(pieces))
    meta, parts = segment(text)
    for task in extract_tasks(text, parts, meta, []):
        assert 0 <= task.start < task.end <= len(text.original)
        assert text.original[task.start : task.end].replace("\n", "") == task.text
        assert task.verb in task.text


# Source: quantities2 brief (speed): quantities are found per task by offset, not by a full scan.
@pytest.mark.parametrize(
    "name", ["yangquan-2023.txt", "guowuyuan-2021.txt", "heldout/county-qingshui-2022.txt"]
)
def test_each_task_lists_exactly_the_quantities_inside_it(name: str) -> None:
    report = read(name)
    assert report.tasks
    for task in report.tasks:
        inside = [i for i, q in enumerate(report.quantities) if task.start <= q.start and q.end <= task.end]
        assert task.quantities == inside


HEADLINE_REPORT = """政府工作报告
一、2023年工作回顾
全市地区生产总值增长4.5%。
二、2024年工作安排
今年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业3万人以上，城镇调查失业率5.5%以内，居民消费价格涨幅3%左右，粮食产量稳定在20亿斤以上。
(一)扩大有效投资。新开工重点项目120个。
"""


def test_every_headline_target_is_a_ledger_row() -> None:
    """Headline targets state a figure without an action verb; each is still a task
    (regression: the Yangquan dashboard showed 2 of its 6 headline targets)."""
    report = read_text(HEADLINE_REPORT)
    headline = [i for i, q in enumerate(report.quantities) if q.headline_target]
    assert len(headline) == 5
    rows = [t for t in report.tasks if set(t.quantities) & set(headline)]
    assert [t.quantities for t in rows] == [[i] for i in headline]
    assert find(report.tasks, "地区生产总值增长5.5%左右").verb == "增长"
