"""Paragraph leads (themes) and the headline-target paragraph."""

from __future__ import annotations

import pytest

from luoshi.segment.paragraphs import continues, is_headline, lead_theme


@pytest.mark.parametrize(
    ("body", "theme"),
    [
        ("推动能源产业绿色低碳转型。围绕“五个一体化”,做好煤电这篇大文章。", "推动能源产业绿色低碳转型"),
        (
            "——着力提升发展质量效益，保持经济持续健康发展。发展是解决一切问题的基础。",
            "着力提升发展质量效益，保持经济持续健康发展",
        ),
        ("【稳就业】实施就业优先政策。", "稳就业"),
        ("2.扩大有效投资。实施重点项目80个。", "扩大有效投资"),
        ("新建5G基站1000座以上。实施千兆光网升级行动。", None),  # numbers: a task, not a heading
        ("今年是全面贯彻落实党的二十大精神的开局之年。做好工作意义重大。", None),
        ("各位代表!道虽远行则将至。", None),
        ("推动能源产业绿色低碳转型。", None),  # nothing follows: a sentence, not a lead
        ("这一年,面对前所未有的压力挑战,我们迎难而上。", None),
    ],
)
def test_lead_theme(body: str, theme: str | None) -> None:
    assert lead_theme(body) == theme


@pytest.mark.parametrize(
    ("body", "flag"),
    [
        ("2023年经济社会发展主要目标是:地区生产总值增长6%左右", True),
        ("今年发展主要预期目标是：国内生产总值增长5.5%左右", True),
        ("今年主要预期目标为：地区生产总值增长5.5%左右。", True),
        ("全年发展主要目标任务较好完成。", False),
        ("实化量化“十四五”时期经济社会发展主要目标和重大任务", False),
    ],
)
def test_headline(body: str, flag: bool) -> None:
    assert is_headline(body) is flag


@pytest.mark.parametrize(
    ("previous", "line", "joined"),
    [
        ("经济增速是综合性指标，今年预期目标设定", "为6%以上，考虑了经济运行恢复情况。", True),
        ("根据《", "中共中央关于制定规划的建议", True),
        ("中共中央关于制定规划的建议", "》，国务院编制了《", True),
        ("新建5G基站1000座以上。", "实施千兆光网升级行动。", False),
        ("推动能源产业绿色低碳转型", "围绕五个一体化做好煤电文章。", False),
        ("重点抓好以下十个方面工作:", "(一)全力构建现代产业体系", False),
    ],
)
def test_continues(previous: str, line: str, joined: bool) -> None:
    assert continues(previous, line) is joined
