"""Quantities read from sentences in the styles reports are written in, table by table.

Each case runs the whole pipeline on a one-sentence report (review part 2023 or plan part 2024)
and lists every item expected: indicator | metric | value | unit | modifier. Cases are tagged
with their source: ``yangquan-2023`` (the example report), ``guowuyuan`` (State Council reports),
``own`` (sentences written for luoshi in the phrasing of city, county and provincial reports).
"""

from __future__ import annotations

import re

import pytest

from luoshi.document import Quantity
from luoshi.pipeline import read_text

REVIEW = "一、2023年工作回顾\n{}\n"
PLAN = "一、2023年工作回顾\n过去一年成绩显著。\n二、2024年工作安排\n{}\n"


def read(sentence: str, template: str = REVIEW) -> list[Quantity]:
    return read_text(template.format(sentence)).quantities


def rows(quantities: list[Quantity]) -> list[str]:
    return [
        f"{q.indicator}|{q.metric.value}|{q.value:g}{'' if q.value_high is None else f'~{q.value_high:g}'}"
        f"|{q.unit}|{q.modifier.value}"
        for q in quantities
    ]


CASES = [
    # --- one indicator, several numbers; clauses that open with their verb ---
    (
        "yangquan-2023",
        "一般公共预算收入完成81.97亿元,增长45.9%,连续跨越60、70、80亿元三道大关",
        ["一般公共预算收入|level|81.97|亿元|exact", "一般公共预算收入|growth|45.9|%|exact"],
    ),
    (
        "yangquan-2023",
        "地区生产总值历史性迈上千亿台阶、达到1012.9亿元",
        ["地区生产总值|level|1012.9|亿元|exact"],
    ),
    (
        "own",
        "实际使用外资3.2亿美元，增长15.6%。",
        ["实际使用外资|level|3.2|亿美元|exact", "实际使用外资|growth|15.6|%|exact"],
    ),
    (
        "own",
        "全省规上工业企业达到1.8万户，较2020年末增加3200户。",
        ["规上工业企业|count|18000|户|exact", "规上工业企业|change|3200|户|exact"],
    ),
    # --- magnitudes: 万 multiplied into counts, kept in measure units ---
    (
        "yangquan-2023",
        "新增减税降费及退缓税费28.3亿元,惠及市场主体4万余户,发放企业稳岗补贴资金7400万元",
        [
            "新增减税降费及退缓税费|level|28.3|亿元|exact",
            "减税降费及退缓税费惠及市场主体|count|40000|户|at_least",
            "发放企业稳岗补贴资金|level|7400|万元|exact",
        ],
    ),
    (
        "own",
        "全年新增城镇就业5.8万人，农村劳动力转移就业12.3万人次。",
        ["新增城镇就业|count|58000|人|exact", "农村劳动力转移就业|count|123000|人次|exact"],
    ),
    (
        "guowuyuan",
        "1亿农业转移人口和其他常住人口在城镇落户目标顺利实现，城镇棚户区住房改造超过2100万套",
        ["农业转移人口|count|1e+08|人|exact", "城镇棚户区住房改造|count|2.1e+07|套|at_least"],
    ),
    # --- 分别 lists ---
    (
        "yangquan-2023",
        "城乡居民养老、医疗补助标准分别提高到133元、610元",
        ["城乡居民养老补助标准|level|133|元|exact", "城乡居民医疗补助标准|level|610|元|exact"],
    ),
    (
        "yangquan-2023",
        "城镇居民和农村居民人均可支配收入增速均高于经济增长水平,分别提高1836元和1027元",
        ["城镇居民人均可支配收入|change|1836|元|exact", "农村居民人均可支配收入|change|1027|元|exact"],
    ),
    (
        "own",
        "城镇居民人均可支配收入42860元、农村居民人均可支配收入21350元，分别增长4.8%、6.9%。",
        [
            "城镇居民人均可支配收入|level|42860|元|exact",
            "农村居民人均可支配收入|level|21350|元|exact",
            "城镇居民人均可支配收入|growth|4.8|%|exact",
            "农村居民人均可支配收入|growth|6.9|%|exact",
        ],
    ),
    (
        "guowuyuan",
        "单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%",
        ["单位国内生产总值能耗|growth|-13.5|%|exact", "二氧化碳排放|growth|-18|%|exact"],
    ),
    (
        "own",
        "全年共接待游客3500万人次，实现旅游收入320亿元，分别恢复到2019年的95%和92%。",
        [
            "接待游客|count|3.5e+07|人次|exact",
            "旅游收入|level|320|亿元|exact",
            "接待游客恢复到2019年的|share|95|%|exact",
            "旅游收入恢复到2019年的|share|92|%|exact",
        ],
    ),
    # --- gaps, ranks, streaks, ratios ---
    (
        "yangquan-2023",
        "开发区规上工业增加值增长25.6%,工业投资增长58.3%,分别高于省定目标10.6、38.3个百分点",
        [
            "开发区规上工业增加值|growth|25.6|%|exact",
            "工业投资|growth|58.3|%|exact",
            "开发区规上工业增加值增速高于省定目标|other|10.6|百分点|exact",
            "工业投资增速高于省定目标|other|38.3|百分点|exact",
        ],
    ),
    (
        "yangquan-2023",
        "全市产业投资、制造业投资分别增长25.5%、53.7%,均排名全省第一",
        [
            "产业投资|growth|25.5|%|exact",
            "制造业投资|growth|53.7|%|exact",
            "产业投资增速全省排名|rank|1||exact",
            "制造业投资增速全省排名|rank|1||exact",
        ],
    ),
    (
        "own",
        "全市规模以上工业增加值同比增长7.8%，增速居全省第2位。",
        ["规模以上工业增加值|growth|7.8|%|exact", "规模以上工业增加值增速全省排名|rank|2||exact"],
    ),
    (
        "yangquan-2023",
        "新能源车辆增长44%,充电桩达到2343个,车桩比4.1∶1,居全省前列",
        ["新能源车辆|growth|44|%|exact", "充电桩|count|2343|个|exact", "车桩比|other|4.1|∶1|exact"],
    ),
    (
        "yangquan-2023",
        "全年未发生较大及以上生产安全事故,连续151个月杜绝重特大事故",
        ["连续杜绝重特大事故|other|151|个月|exact"],
    ),
    (
        "own",
        "第三产业增加值占地区生产总值比重达到52.3%，较上年提高1.2个百分点。",
        [
            "第三产业增加值占比|share|52.3|%|exact",
            "第三产业增加值占比|change|1.2|百分点|exact",
        ],
    ),
    (
        "own",
        "全年地区生产总值预计完成2350亿元，同比增长5.6%，增速高于全省平均1.2个百分点，居全省第3位。",
        [
            "地区生产总值|level|2350|亿元|exact",
            "地区生产总值|growth|5.6|%|exact",
            "地区生产总值增速高于全省平均|other|1.2|百分点|exact",
            "地区生产总值增速全省排名|rank|3||exact",
        ],
    ),
    (
        "own",
        "招引亿元以上项目85个，其中50亿元以上项目3个。",
        ["招引亿元以上项目|count|85|个|exact", "50亿元以上项目|count|3|个|exact"],
    ),
    # --- counted nouns after the number ---
    (
        "yangquan-2023",
        "建成华阳一矿、新景矿2座智能化煤矿和57个智能化采掘工作面,煤炭先进产能占比达到94.5%",
        [
            "建成智能化煤矿|count|2|座|exact",
            "建成智能化采掘工作面|count|57|个|exact",
            "煤炭先进产能占比|share|94.5|%|exact",
        ],
    ),
    (
        "yangquan-2023",
        "开工建设华润、大唐等6个10万千瓦光伏风电项目",
        ["开工建设光伏风电项目|count|6|个|exact", "光伏风电项目单体装机规模|level|10|万千瓦|exact"],
    ),
    (
        "own",
        "新开通国际航线3条，新增货运班列120列。",
        ["新开通国际航线|count|3|条|exact", "新增货运班列|count|120|列|exact"],
    ),
    (
        "own",
        "推进5个县（市、区）整县屋顶分布式光伏开发试点。",
        ["县整县屋顶分布式光伏开发试点|count|5|个|exact"],
    ),
    # --- hedges, before and after ---
    ("own", "全年减税降费及退税缓税缓费超过50亿元。", ["减税降费及退税缓税缓费|level|50|亿元|at_least"]),
    (
        "own",
        "城镇调查失业率控制在5.5%左右，居民消费价格涨幅控制在3%左右。",
        ["城镇调查失业率|share|5.5|%|about", "居民消费价格涨幅|growth|3|%|about"],
    ),
    (
        "guowuyuan",
        "国内生产总值从不到70万亿元增加到超过100万亿元",
        ["国内生产总值|level|70|万亿元|at_most", "国内生产总值|level|100|万亿元|at_least"],
    ),
    (
        "guowuyuan",
        "新纳入低保、特困供养近600万人，实施临时救助超过800万人次",
        ["新纳入低保、特困供养|count|6e+06|人|about", "实施临时救助|count|8e+06|人次|at_least"],
    ),
    # --- what is not a quantity ---
    ("own", "深入实施“十四五”规划，扎实推进“三大攻坚战”。", []),
    ("own", "抓好“六稳”“六保”工作，落实“1+N”政策体系。", []),
    ("own", "全力推进“两个中心”建设，打造三大产业集群。", []),
    ("own", "全面完成第七次全国人口普查。", []),
    ("own", "重点抓好以下9个方面工作。", []),
    ("own", "打造15分钟便民生活圈，推行24小时政务服务。", []),
    ("own", "坚持“一网通办”，中央1号文件精神全面落实，第十四届全国人民代表大会胜利召开。", []),
    ("own", "8月底前完成全部征地拆迁，10月底前实现主体完工。", []),
    ("own", "出台稳经济一揽子政策措施33条，兑现奖补资金2.3亿元。", ["兑现奖补资金|level|2.3|亿元|exact"]),
    (
        "yangquan-2023",
        "北京冬奥会、冬残奥会期间空气质量居全省3个重点保障区城市第一",
        ["北京冬奥会、冬残奥会期间空气质量全省排名|rank|1||exact"],
    ),
    (
        "own",
        "新建220千伏变电站3座、110千伏变电站5座。",
        ["新建220千伏变电站|count|3|座|exact", "新建110千伏变电站|count|5|座|exact"],
    ),
    ("guowuyuan", "完善三孩生育政策配套措施，将3岁以下婴幼儿照护费用纳入个人所得税专项附加扣除", []),
    ("own", "进出口总额首次突破1000亿元大关。", []),
    # --- relative shares, size classes, per-day units, durations ---
    (
        "own",
        "全年新签约项目412个、总投资1860亿元，其中10亿元以上项目58个。",
        [
            "新签约项目|count|412|个|exact",
            "新签约项目总投资|level|1860|亿元|exact",
            "10亿元以上项目|count|58|个|exact",
        ],
    ),
    (
        "own",
        "城镇新增就业5.2万人，完成年度目标的130%。",
        ["城镇新增就业|count|52000|人|exact", "城镇新增就业占年度目标|share|130|%|exact"],
    ),
    (
        "own",
        "人均GDP达到8.5万元，约为全国平均水平的95%。",
        ["人均GDP|level|8.5|万元|exact", "人均GDP占全国平均水平|share|95|%|about"],
    ),
    (
        "own",
        "建成投用乡镇污水处理厂26座，新增污水处理能力4.5万吨/日。",
        ["建成投用乡镇污水处理厂|count|26|座|exact", "新增污水处理能力|level|4.5|万吨/日|exact"],
    ),
    (
        "own",
        "居民人均可支配收入达到3.6万元，五年年均增长7.2%。",
        ["居民人均可支配收入|level|3.6|万元|exact", "居民人均可支配收入|growth|7.2|%|exact"],
    ),
    ("own", "固定资产投资增速由负转正，达到3.2%。", ["固定资产投资|growth|3.2|%|exact"]),
    (
        "own",
        "全省规上工业企业数量达到2.1万家，比2020年增加4600家，增长28%。",
        [
            "规上工业企业数量|count|21000|家|exact",
            "规上工业企业数量|change|4600|家|exact",
            "规上工业企业数量|growth|28|%|exact",
        ],
    ),
    (
        "own",
        "粮食产量稳定在700亿斤以上，连续9年保持在这一水平。",
        ["粮食产量|level|700|亿斤|at_least", "粮食产量连续保持在这一水平|other|9|年|exact"],
    ),
    ("own", "全年空气质量综合指数4.12，同比改善5.3%。", ["空气质量综合指数|growth|5.3|%|exact"]),
    (
        "own",
        "实现税收收入102亿元，占一般公共预算收入的比重为78.5%。",
        ["税收收入|level|102|亿元|exact", "税收收入占比|share|78.5|%|exact"],
    ),
    (
        "own",
        "全年规上工业企业实现营业收入5623亿元，利润总额386亿元。",
        ["规上工业企业营业收入|level|5623|亿元|exact", "规上工业企业利润总额|level|386|亿元|exact"],
    ),
    (
        "own",
        "农村低保标准由每人每年6000元提高到7200元。",
        ["农村低保标准|level|6000|元|exact", "农村低保标准|level|7200|元|exact"],
    ),
    (
        "own",
        "城乡居民人均可支配收入分别为45680元、21360元。",
        ["城镇居民人均可支配收入|level|45680|元|exact", "农村居民人均可支配收入|level|21360|元|exact"],
    ),
    ("own", "在全国百强县排名中位列第56位。", ["百强县全国排名|rank|56||exact"]),
    ("own", "三次产业结构调整为8.1∶38.5∶53.4。", []),
    # --- brackets, list markers, parallel modifiers ---
    (
        "own",
        "实现地区生产总值320亿元（同比增长5.2%），一般公共预算收入18.6亿元（增长8.1%）。",
        [
            "地区生产总值|level|320|亿元|exact",
            "地区生产总值|growth|5.2|%|exact",
            "一般公共预算收入|level|18.6|亿元|exact",
            "一般公共预算收入|growth|8.1|%|exact",
        ],
    ),
    (
        "own",
        "全年共实施项目180个（其中新开工项目96个），完成投资260亿元。",
        ["实施项目|count|180|个|exact", "新开工项目|count|96|个|exact", "项目投资|level|260|亿元|exact"],
    ),
    (
        "own",
        "（1）新建学校3所；（2）新增学位2000个。",
        ["新建学校|count|3|所|exact", "新增学位|count|2000|个|exact"],
    ),
    (
        "own",
        "城镇、农村居民人均可支配收入分别达到4.5万元、2.3万元，分别增长5%、7%。",
        [
            "城镇居民人均可支配收入|level|4.5|万元|exact",
            "农村居民人均可支配收入|level|2.3|万元|exact",
            "城镇居民人均可支配收入|growth|5|%|exact",
            "农村居民人均可支配收入|growth|7|%|exact",
        ],
    ),
    ("own", "全区规上工业总产值突破500亿元大关，达到512.3亿元。", ["规上工业总产值|level|512.3|亿元|exact"]),
    # --- people and households counted without a unit ---
    (
        "guowuyuan",
        "国家助学贷款每人每年最高额度增加4000元，惠及500多万在校生",
        [
            "国家助学贷款每人每年最高额度|change|4000|元|exact",
            "国家助学贷款每人每年最高额度惠及在校生|count|5e+06|人|at_least",
        ],
    ),
    (
        "guowuyuan",
        "新开工改造城镇老旧小区5.6万个，惠及近千万家庭",
        [
            "新开工改造城镇老旧小区|count|56000|个|exact",
            "城镇老旧小区惠及家庭|count|1e+07|户|about",
        ],
    ),
    ("guowuyuan", "上亿市场主体承载着数亿人就业创业", []),
    (
        "guowuyuan",
        "居民医保和基本公共卫生服务经费人均财政补助标准分别再提高30元和5元",
        [
            "居民医保人均财政补助标准|change|30|元|exact",
            "基本公共卫生服务经费人均财政补助标准|change|5|元|exact",
        ],
    ),
    (
        "own",
        "全年共举办各类招商活动120余场，签约项目320个，协议投资额2100亿元。",
        [
            "举办招商活动|count|120|场|at_least",
            "签约项目|count|320|个|exact",
            "协议投资额|level|2100|亿元|exact",
        ],
    ),
]

PLAN_CASES = [
    (
        "guowuyuan",
        "劳动年龄人口平均受教育年限提高到11.3年，人均预期寿命再提高1岁。",
        ["劳动年龄人口平均受教育年限|level|11.3|年|exact", "人均预期寿命|change|1|岁|exact"],
    ),
    ("guowuyuan", "对小微企业年应纳税所得额100万元至300万元部分，再减半征收企业所得税", []),
    (
        "guowuyuan",
        "今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上，"
        "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量保持在1.3万亿斤以上；"
        "单位国内生产总值能耗降低3%左右，主要污染物排放量继续下降。",
        [
            "国内生产总值|growth|6|%|at_least",
            "城镇新增就业|count|1.1e+07|人|at_least",
            "城镇调查失业率|share|5.5|%|about",
            "居民消费价格涨幅|growth|3|%|about",
            "粮食产量|level|1.3|万亿斤|at_least",
            "单位国内生产总值能耗|growth|-3|%|about",
        ],
    ),
    (
        "own",
        "今年主要预期目标是：全市生产总值增长7%左右，固定资产投资增长10%，"
        "一般公共预算收入增长6%，城乡居民收入分别增长6.5%和8%。",
        [
            "生产总值|growth|7|%|about",
            "固定资产投资|growth|10|%|exact",
            "一般公共预算收入|growth|6|%|exact",
            "城镇居民收入|growth|6.5|%|exact",
            "农村居民收入|growth|8|%|exact",
        ],
    ),
    ("own", "全市生产总值同比增长5%—5.5%。", ["生产总值|growth|5~5.5|%|range"]),
    (
        "yangquan-2023",
        "高新技术企业、科技型中小企业分别达到160家、220家以上",
        ["高新技术企业|count|160|家|at_least", "科技型中小企业|count|220|家|at_least"],
    ),
    (
        "yangquan-2023",
        "力争用三年时间新改扩建中小学、幼儿园50所,今年启动建设12所、改扩建21所",
        [
            "新改扩建中小学、幼儿园|count|50|所|exact",
            "启动建设中小学、幼儿园|count|12|所|exact",
            "改扩建中小学、幼儿园|count|21|所|exact",
        ],
    ),
    (
        "yangquan-2023",
        "推进盂县、郊区两个整县区屋顶分布式光伏试点,建设十大富硒农业产业试验示范基地",
        ["整县区屋顶分布式光伏试点|count|2|个|exact", "建设富硒农业产业试验示范基地|count|10|个|exact"],
    ),
    ("yangquan-2023", "构建链长制、专业镇等十大平台,聚焦九大产业链,依托桃河、滹沱河两条生态文化旅游走廊", []),
    ("own", "实施城市更新行动三年计划，2024年底前完成80个老旧小区改造。", ["老旧小区改造|count|80|个|exact"]),
    (
        "structure-county",
        "年底前完成西沟村、东寺头村等12个村的饮水安全工程",
        ["完成村的饮水安全工程|count|12|个|exact"],
    ),
    (
        "own",
        "赤字率拟按3％安排，赤字规模4.06万亿元，比年初预算增加1800亿元。",
        ["赤字率|share|3|%|exact", "赤字规模|level|4.06|万亿元|exact", "赤字规模|change|1800|亿元|exact"],
    ),
    (
        "own",
        "PM2.5平均浓度控制在35微克/立方米以内，空气质量优良天数比例达到85%以上。",
        ["PM2.5平均浓度|level|35|微克/立方米|at_most", "空气质量优良天数比例|share|85|%|at_least"],
    ),
]


@pytest.mark.parametrize(("source", "sentence", "expected"), CASES, ids=[c[1][:16] for c in CASES])
def test_review_sentences(source: str, sentence: str, expected: list[str]) -> None:
    quantities = read(sentence)
    assert rows(quantities) == expected, source
    assert all(q.part.value == "review" and q.year == _review_year(q) for q in quantities)


def _review_year(q: Quantity) -> int:
    """2023, the test part's year; the start of 从A增加到B is the year before (no five-year context)."""
    at = q.sentence.find(q.text)
    return 2022 if re.search(r"[由从](?:不到|近|约)?$", q.sentence[:at]) else 2023


@pytest.mark.parametrize(("source", "sentence", "expected"), PLAN_CASES, ids=[c[1][:16] for c in PLAN_CASES])
def test_plan_sentences(source: str, sentence: str, expected: list[str]) -> None:
    quantities = read(sentence, PLAN)
    assert rows(quantities) == expected, source
    assert all(q.part.value == "plan" for q in quantities)


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("力争用三年时间新改扩建中小学50所", 2026),
        ("力争到2025年，数字经济核心产业增加值占比达到12%", 2025),
        ("新建5G基站1000座以上", 2024),
        ("今后五年，全县经济社会发展的主要目标是：地区生产总值年均增长7%左右", 2028),
    ],
)
def test_multi_year_targets_take_the_last_year(sentence: str, year: int) -> None:
    [q] = read(sentence, PLAN)
    assert q.year == year


def test_items_carry_their_place_in_the_report() -> None:
    text = "一、2023年工作回顾\n（一）经济运行稳中有进。全市地区生产总值增长5.2%。\n"
    [q] = read_text(text).quantities
    assert q.section == "经济运行稳中有进"
    assert q.sentence == "全市地区生产总值增长5.2%"
    assert text[q.start : q.end] == "5.2%" and q.text == "5.2%"


def test_a_total_borrows_the_topic_named_before() -> None:
    [_, q] = read("粮食播种面积稳定在500万亩以上，总产量达到40亿斤。")
    assert q.indicator == "粮食总产量"


def test_a_part_on_a_five_year_plan_targets_its_last_year() -> None:
    text = "一、2020年工作回顾\n回顾。\n二、“十四五”时期主要目标任务\n常住人口城镇化率提高到65%。\n"
    [q] = read_text(text).quantities
    assert q.part.value == "plan" and q.year == 2025


def test_review_items_have_no_deadline() -> None:
    for q in read("全年国内生产总值增长2.3%，年底前完成全部任务1000项。"):
        assert q.deadline is None


# Source: docs/evaluation.md, error 4 (county-qingshui-2022, city-yunzhou-2023, guowuyuan-2021-fiveyear).
@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("地区生产总值由2018年的80.5亿元增加到2023年的120.2亿元", [2018, 2023]),
        ("五年来，规模以上企业由35家增加到60家", [2018, 2023]),
        ("过去五年，森林覆盖率从不到30%提高到36.5%", [2018, 2023]),
        ("研发投入强度由1.8%提升至2.1%", [2022, 2023]),
        ("由市财政安排资金3亿元", [2023]),
    ],
)
def test_the_start_point_of_a_change_takes_its_start_year(sentence: str, years: list[int]) -> None:
    assert [q.year for q in read(sentence)] == years


def test_targets_after_a_by_year_clause_share_its_year() -> None:
    text = PLAN.format("到2028年，地区生产总值突破300亿元；一般公共预算收入年均增长7%以上；城镇化率达到60%。")
    assert [q.year for q in read_text(text).quantities] == [2028, 2028, 2028]


def test_this_year_after_a_multi_year_target_is_the_plan_year() -> None:
    qs = read("力争用三年时间新改扩建中小学50所，今年启动建设12所，年内建成8所", PLAN)
    assert [q.year for q in qs] == [2026, 2024, 2024]


def test_a_deadline_counts_from_the_plan_year_not_a_previous_target() -> None:
    text = PLAN.format("到2028年，地区生产总值突破300亿元。力争用三年时间，新建学校15所。")
    [_, q] = read_text(text).quantities
    assert q.year == 2026 and q.deadline is not None and q.deadline.isoformat() == "2026-12-31"


# Source: docs/evaluation.md, errors 2 and 3 (names too long or without their subject).
@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("民生支出占一般公共预算支出的比重保持在80%以上", ["民生支出占比"]),
        ("每年教育支出占财政支出的20%以上", ["每年教育支出占比"]),
        ("新能源装机容量达到800万千瓦，占电力总装机的45.2%", ["新能源装机容量", "新能源装机容量占比"]),
        ("全社会研发投入占地区生产总值比重达到2.8%", ["研发投入强度"]),
        ("全年为企业减负约12亿元，惠及各类经营主体约5万户", ["为企业减负", "为企业减负惠及经营主体"]),
        ("实施县级重点项目86个，完成投资120亿元", ["实施县级重点项目", "县级重点项目投资"]),
        ("完成投资300亿元，为年度计划的105%", ["投资", "投资年度计划完成率"]),
        ("地区生产总值增长5%，投资增长8%", ["地区生产总值", "投资"]),
    ],
)
def test_names_keep_their_subject_and_drop_the_denominator(sentence: str, names: list[str]) -> None:
    assert [q.indicator for q in read(sentence)] == names


# Source: docs/evaluation.md, errors 5, 6 and 8 (rank changes, written-out numbers, one figure for several).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "在全省县域经济考核中排名第5位，较上年前移3个位次",
            ["县域经济考核中全省排名|rank|5||exact", "县域经济考核中全省排名|change|3|个位次|exact"],
        ),
        (
            "在全国百强区排名中位居第40位，较上年上升6位",
            ["百强区全国排名|rank|40||exact", "百强区全国排名|change|6|位|exact"],
        ),
        ("位列全国综合实力百强县第88位", ["综合实力百强县全国排名|rank|88||exact"]),
        ("引进院士3位", ["引进院士|count|3|位|exact"]),
        ("全年新增高新技术企业百余家。", ["新增高新技术企业|count|100|家|at_least"]),
        (
            "建成口袋公园20个，启用党群服务中心两个",
            ["建成口袋公园|count|20|个|exact", "启用党群服务中心|count|2|个|exact"],
        ),
        (
            "农业、工业用水量均下降5%",
            ["农业用水量|growth|-5|%|exact", "工业用水量|growth|-5|%|exact"],
        ),
        ("宽带平均资费再降10%", ["宽带平均资费|growth|-10|%|exact"]),
    ],
)
def test_rank_changes_written_numbers_and_shared_figures(sentence: str, expected: list[str]) -> None:
    assert rows(read(sentence)) == expected


# Source: docs/evaluation.md, error 9: a web copy's debris line inside a sentence.
def test_a_sentence_broken_by_a_debris_line_is_read_whole() -> None:
    text = PLAN.format("经济增速是综合性指标，今年预期目标设定\n\u200b\n为6%以上，考虑了经济运行恢复情况。")
    [q] = read_text(text).quantities
    assert q.sentence == "经济增速是综合性指标，今年预期目标设定为6%以上，考虑了经济运行恢复情况"
    assert text[q.start : q.end] == "6%"
    assert q.indicator and q.modifier.value == "at_least"


# Source: docs/evaluation.md, errors 7 and 11 (a qualifier taken as the name; days counted).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "税收收入完成120亿元，扣除留抵退税因素后同口径增长7.5%",
            ["税收收入|level|120|亿元|exact", "税收收入|growth|7.5|%|exact"],
        ),
        ("地区生产总值按可比价格计算增长5.2%", ["地区生产总值|growth|5.2|%|exact"]),
        ("空气质量优良天数达到300天", ["空气质量优良天数|count|300|天|exact"]),
        ("审批时间压缩至30个工作日", ["审批时间|level|30|个工作日|exact"]),
    ],
)
def test_qualifiers_and_days_counted(sentence: str, expected: list[str]) -> None:
    assert rows(read(sentence)) == expected


# Source: docs/evaluation.md, error 9 (guowuyuan-2021-excerpt): a restated target names what came before.
def test_a_restated_target_takes_the_indicator_named_before() -> None:
    [q] = read("经济增速是综合性指标，今年预期目标设定为6%以上，考虑了经济运行恢复情况。", PLAN)
    assert (q.indicator, q.metric.value, q.value, q.modifier.value) == ("经济增速", "growth", 6.0, "at_least")


# Source: docs/evaluation.md, error 2 (places, clause context) and city-yunzhou-2023 (a listed object
# takes the shared verb).
@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("新改建农村公路300公里、桥梁12座", ["新改建农村公路", "新改建桥梁"]),
        ("实施市级重点项目200个、年度投资600亿元", ["实施市级重点项目", "市级重点项目年度投资"]),
        ("赴京津冀、成渝等地开展招商推介活动30余次", ["开展招商推介活动"]),
        ("年初剩余的12个贫困村全部出列", ["贫困村全部出列"]),
    ],
)
def test_names_without_trips_times_and_with_the_shared_verb(sentence: str, names: list[str]) -> None:
    assert [q.indicator for q in read(sentence)] == names


# Source: quantities2 (found while checking the start-year rule): a streak is not a five-year review,
# and the figure after a streak belongs to the streak's subject.
def test_a_streak_names_the_figure_after_it_and_is_no_five_year_review() -> None:
    qs = read("粮食产量连续五年稳定在20亿斤以上，森林覆盖率由30%提高到31%")
    assert [(q.indicator, q.value, q.year) for q in qs][1:] == [
        ("粮食产量", 20.0, 2023),
        ("森林覆盖率", 30.0, 2022),
        ("森林覆盖率", 31.0, 2023),
    ]


# Real (the shared collection): 东莞 2022, 兰州 2009, 哈尔滨 2026, 乌鲁木齐 2019; own: the last two.
# A manner of completion after the counted noun. Linking strips the same words (link/vocabulary.py uses DONE).
@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("2400多项“我为群众办实事”项目全部办结", ["“我为群众办实事”项目"]),
        ("50座城市公厕基本建成", ["城市公厕"]),
        ("423件人大建议、478件政协提案全部办结", ["人大建议", "政协提案"]),
        ("16个项目已完工", ["项目"]),
        ("8件市列为民办实事均已办成", ["市列为民办实事"]),
        ("32个口袋公园如期建成", ["口袋公园"]),
    ],
)
def test_a_manner_of_completion_is_not_part_of_the_name(sentence: str, names: list[str]) -> None:
    assert [q.indicator for q in read(sentence)] == names
