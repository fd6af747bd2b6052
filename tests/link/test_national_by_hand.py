"""The national scorecards 2020→2021 and 2021→2022 (State Council reports), checked by hand.

Each table lists every line the scorecard showed before issue 13's fixes, with the verdict a
reader of both texts gives it; ``None`` marks a line that should not be there at all (not a target
of the year: a forecast, a fact, a baseline, a two-year figure, a restatement). The reasons are the
texts' own words. The test fails when the scorecard gets a line wrong that it got right, and when
it gets one of the known wrong lines right (then move it out of ``WRONG``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.link import Status, Vocabulary, scorecard
from luoshi.link.verdict import written
from luoshi.pipeline import read_report

FIXTURES = Path(__file__).parent.parent / "fixtures"
MET, MISSED, NR, NOT_SET = Status.MET, Status.MISSED, Status.NOT_REPORTED, Status.TARGET_NOT_SET

Key = tuple[str, str]  # the line's indicator, the target as written ("" for 未设目标)

# 2020 plan (report of 22 May 2020) against the 2021 report's review of 2020
NATIONAL_2020: dict[Key, Status | None] = {
    ("城镇新增就业", "900万人以上"): MET,  # 城镇新增就业1186万人
    ("城镇调查失业率", "6%左右"): MET,  # 年末全国城镇调查失业率降到5.2%
    ("城镇登记失业率", "5.5%左右"): NR,  # the review states the surveyed rate only
    ("居民消费价格", "3.5%左右"): MET,  # 居民消费价格上涨2.5%
    ("赤字率", "3.6%以上"): NR,
    ("财政赤字规模", "1万亿元"): NR,
    ("发行抗疫特别国债", "1万亿元"): NR,
    ("上述全部转给地方", "2万亿元"): MET,  # 对新增2万亿元中央财政资金建立直达机制
    ("非急需非刚性支出", "下降50%以上"): NR,
    ("已过去", "5个月左右"): None,  # 今年已过去近5个月: a fact
    ("新增减税降费", "5000亿元左右"): NR,  # the review gives 减负2.6万亿元, a wider measure
    ("为企业新增减负", "2.5万亿元以上"): None,  # 预计全年…: a forecast
    ("降低工商业电价", "5%"): NR,
    ("宽带和专线平均资费", "下降15%"): NR,
    ("大型商业银行普惠型小微企业贷款增速要", "40%以上"): MET,  # 贷款增长50%以上
    ("高校毕业生", "874万人"): None,  # 今年高校毕业生达874万人，要促进…: a situation it answers
    ("今明两年职业技能培训", "3500万人次以上"): None,  # 今明两年: a two-year target
    ("高职院校扩招", "200万人"): None,  # the same two-year sentence
    ("安排地方政府专项债券", "3.75万亿元"): NR,
    ("安排地方政府专项债券", "1.6万亿元"): None,  # 比去年增加1.6万亿元: restates the 3.75
    ("中央预算内投资", "6000亿元"): NR,
    ("城镇老旧小区改造", "3.9万个"): NR,  # 加大城镇老旧小区改造力度: no figure
    ("增加国家铁路建设资本金", "1000亿元"): NR,
    ("高标准农田", "8000万亩"): NR,
    ("中国人", "14亿"): None,  # 14亿中国人的饭碗
    ("居民医保人均财政补助标准", "30元"): NR,
    ("领取养老金", "3亿人左右"): None,  # 全国近3亿人领取养老金，必须确保…: a situation
    ("地区生产总值", ""): NOT_SET,  # 没有提出全年经济增速具体目标; 2021: 增长2.3%
}
WRONG_2020 = {
    ("上述全部转给地方", "2万亿元"),  # the names share nothing but the 2万亿元 itself
}

# 2021 plan against the 2022 report's review of 2021
NATIONAL_2021: dict[Key, Status | None] = {
    ("地区生产总值", "6%以上"): MET,  # 国内生产总值…增长8.1%
    ("城镇新增就业", "1100万人以上"): MET,  # 1269万人
    ("城镇调查失业率", "5.5%左右"): MET,  # 平均为5.1%
    ("居民消费价格", "3%左右"): MET,  # 上涨0.9%
    ("单位地区生产总值能耗", "下降3%左右"): NR,  # the 2022 review gives no figure
    ("粮食产量", "1.3万亿斤以上"): MET,  # 1.37万亿斤
    ("赤字率", "3.2%左右"): NR,  # 财政赤字率…下降: no figure
    ("对地方一般性转移支付", "7.8%"): NR,
    ("均衡性转移支付", "10%以上"): NR,
    ("县级基本财力保障机制奖补资金", "10%以上"): NR,
    ("中央财政资金", "2.8万亿元"): MET,  # 将2.8万亿元…纳入直达范围 (the name ends at 纳入 since issue 12)
    ("小规模纳税人增值税起征点", "10万元"): None,  # 从月销售额10万元提高到15万元: the baseline
    ("小规模纳税人增值税起征点", "15万元"): NR,
    ("大型商业银行普惠小微企业贷款", "30%以上"): MET,  # 增幅超过40%
    ("中小企业宽带和专线平均资费", "下降10%"): NR,
    ("民航发展基金航空公司征收标准", "下降20%"): NR,
    ("中央本级基础研究支出", "10.6%"): NR,
    ("延续执行企业研发费用加计扣除", "75%"): NR,  # the 100% is the manufacturers' ratio
    ("制造业企业加计扣除比例", "100%"): MET,  # 制造业企业研发费用加计扣除比例提高到100%
    ("安排地方政府专项债券", "3.65万亿元"): NR,
    ("中央预算内投资", "6100亿元"): NR,
    ("城镇老旧小区改造", "5.3万个"): MET,  # 新开工改造城镇老旧小区5.6万个
    ("我们一定要下力气也完全有能力保障好粮食安全", "14亿人"): None,  # 14亿人的粮食安全
    ("北方地区清洁取暖率", "70%"): NR,
    ("居民医保人均财政补助标准", "30元"): NR,
    ("基本公共卫生服务经费人均财政补助标准", "5元"): NR,
}
WRONG_2021: set[Key] = set()


def shown(plan: str, outcome: str, vocab: Vocabulary) -> dict[Key, Status]:
    card = scorecard(read_report(FIXTURES / plan), read_report(FIXTURES / outcome), vocab)
    return {(line.indicator, written(line.target) if line.target else ""): line.status for line in card.lines}


@pytest.mark.parametrize(
    ("plan", "outcome", "expected", "wrong"),
    [
        ("guowuyuan-2020.txt", "guowuyuan-2021.txt", NATIONAL_2020, WRONG_2020),
        ("guowuyuan-2021.txt", "guowuyuan-2022.txt", NATIONAL_2021, WRONG_2021),
    ],
)
def test_national_scorecard_line_by_line(
    vocab: Vocabulary, plan: str, outcome: str, expected: dict[Key, Status | None], wrong: set[Key]
) -> None:
    got = shown(plan, outcome, vocab)
    assert set(got) <= set(expected), "a line nobody checked by hand"
    disagree = {key for key, status in expected.items() if got.get(key) != status}
    assert disagree == wrong
