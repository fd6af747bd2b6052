"""How a figure is counted (flow or stock) and over which years, and names that qualify a shared
word differently: the rules behind the scorecard's refusals, on single phrases."""

from __future__ import annotations

import pytest

from luoshi.link.frame import Frame, Kind, kind_of, refusal
from luoshi.link.match import qualifiers_clash


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        ("今年新建智能化矿井", Kind.FLOW),
        ("新增高新技术企业", Kind.FLOW),
        ("改造农村户厕", Kind.FLOW),
        ("智能化矿井达到", Kind.STOCK),
        ("累计建成5G基站", Kind.STOCK),  # 累计 outweighs 建成
        ("新增A类企业30家、B类企业总数", Kind.STOCK),  # …and the nearest list item
        ("粮食产量", Kind.UNKNOWN),
    ],
)
def test_kind_of_a_figure(lead: str, kind: Kind) -> None:
    got, _ = kind_of(lead)
    assert got is kind


def test_refusals_say_why() -> None:
    flow, stock = Frame(Kind.FLOW, "新建"), Frame(Kind.STOCK, "达到")
    assert refusal(flow, stock) == "目标是当年新增量（新建），该数是总量（达到）"
    assert refusal(stock, flow) == "目标是总量（达到），该数是当年新增量（新建）"
    assert refusal(flow, stock, amounts=False) is None  # 亿元 and % are not counted this way
    assert refusal(flow, Frame(span="五年来")) == "为多年的数（五年来），不是当年实际"
    assert refusal(flow, Frame(Kind.FLOW, "建成")) is None


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("固定资产投资", "产业投资", True),
        ("洗选煤先进产能占比", "煤炭先进产能占比", True),
        ("外商直接投资", "对外投资", True),
        ("高校毕业生", "高中毕业生", True),
        ("延续执行企业研发费用加计扣除", "制造业企业研发费用加计扣除比例", True),
        ("规上工业增加值", "规模以上工业增加值", False),  # an abbreviation
        ("新建5G基站", "5G基站建设", False),  # action words
        ("改造农村户厕", "农村户厕改造", False),
        ("电力总装机", "电力装机容量", False),  # they start alike
        ("有效实用的补贴性技能培训", "补贴性职业技能培训", False),  # a shared word
        ("数字经济核心产业", "数字经济核心产业增加值", False),  # one holds the other
    ],
)
def test_qualifiers_clash(a: str, b: str, clash: bool) -> None:
    assert qualifiers_clash(a, b) is clash
    assert qualifiers_clash(b, a) is clash
