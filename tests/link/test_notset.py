from __future__ import annotations

import pytest

from luoshi.link import Vocabulary, targets_not_set
from luoshi.pipeline import read_text


def with_plan(review: str, plan: str) -> str:
    return f"政府工作报告\n一、2022年工作回顾\n{review}\n二、2023年工作安排\n{plan}\n"


@pytest.mark.parametrize(
    ("plan", "names"),
    [
        ("今年不设定全年经济增速具体目标，城镇新增就业900万人以上。", ["地区生产总值"]),
        ("综合研判，对全年经济增长不提出具体增长目标。", ["地区生产总值"]),
        ("能耗强度目标在“十四五”规划期内统筹考核，并留有适当弹性。", ["单位地区生产总值能耗"]),
        ("今年不再设定社会消费品零售总额和固定资产投资的年度目标。", ["社会消费品零售总额", "固定资产投资"]),
        ("今年不设定旅游人次的具体目标。", ["旅游人次"]),
        ("确保完成全年目标任务，未完成目标的要严肃问责。", []),
        ("地区生产总值增长6%左右，力争实现更好结果。", []),
    ],
)
def test_statements_in_the_plan(vocab: Vocabulary, plan: str, names: list[str]) -> None:
    report = read_text(with_plan("地区生产总值增长3%。", plan))
    assert [n.indicator for n in targets_not_set(report, vocab)] == names


def test_statements_in_the_review_are_about_last_year(vocab: Vocabulary) -> None:
    report = read_text(
        with_plan("去年没有提出全年经济增速具体目标，实现增长2.3%。", "地区生产总值增长6%左右。")
    )
    assert targets_not_set(report, vocab) == []


def test_offsets_point_into_the_original_traditional_text(vocab: Vocabulary) -> None:
    original = with_plan("經濟穩定恢復。", "今年不設定全年經濟增速具體目標。")
    report = read_text(original)
    (found,) = targets_not_set(report, vocab)
    assert original[found.start : found.end] == "今年不設定全年經濟增速具體目標"
    assert found.sentence == "今年不设定全年经济增速具体目标"
