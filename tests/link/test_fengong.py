"""Linking breakdown lines to report tasks, and breakdown unit names to the catalogue."""

from __future__ import annotations

from luoshi.link.fengong import Candidate, UnitRef, UnitResolver, link_lines

UNITS = [
    UnitRef("city", "阳泉市", "city", ("阳泉", "全市")),
    UnitRef("fgw", "市发展改革委", "department", ("市发改委", "发改委")),
    UnitRef("rsj", "市人社局", "department", ("市人力资源和社会保障局",)),
    UnitRef("gxq", "高新区", "zone", ("阳泉高新区",)),
    UnitRef("yuxian", "盂县", "county", ("盂县政府",)),
    UnitRef("chengqu", "城区", "district", ()),
    UnitRef("zb", "市重点项目推进专班", "task_force", ("重点项目专班",)),
]


def test_names_and_aliases_resolve_through_the_usual_long_forms() -> None:
    resolver = UnitResolver(UNITS)
    for written in ("市发展改革委", "市发改委", "市发展和改革委员会", "阳泉市发展和改革委员会"):
        assert resolver.resolve(written).codes == ("fgw",), written
    assert resolver.resolve("市人力资源和社会保障局").codes == ("rsj",)
    assert resolver.resolve("高新区管委会").codes == ("gxq",)
    assert resolver.resolve("盂县人民政府").codes == ("yuxian",)
    assert resolver.resolve("重点项目专班").codes == ("zb",)


def test_every_county_groups_and_unknown_names() -> None:
    resolver = UnitResolver(UNITS)
    each = resolver.resolve("各县（区）人民政府")
    assert (each.how, set(each.codes)) == ("each", {"yuxian", "chengqu"})
    assert resolver.resolve("各县（市、区）政府").how == "each"
    assert resolver.resolve("各有关部门").how == "group"
    assert resolver.resolve("市直各部门").how == "group"
    assert resolver.resolve("国务院应对新冠肺炎疫情联防联控机制成员单位").how == "group"
    unknown = resolver.resolve("国网阳泉供电公司")
    assert (unknown.how, unknown.codes) == ("unknown", ())
    assert resolver.resolve("国务院国资委").how == "unknown"  # a body, not a group: listed for the catalogue


SENTENCE = "地区生产总值增长6%左右,固定资产投资增长8%以上,社会消费品零售总额增长7%左右"
CANDIDATES = [
    Candidate(1, "地区生产总值增长6%左右", SENTENCE),
    Candidate(2, "固定资产投资增长8%以上", SENTENCE),
    Candidate(3, "社会消费品零售总额增长7%左右", SENTENCE),
    Candidate(4, "新建5G基站1000座以上", "新建5G基站1000座以上"),
    Candidate(5, "加快信用信息共享步伐", "加快信用信息共享步伐"),
    Candidate(6, "完善金融机构考核、评价和尽职免责制度", "完善金融机构考核、评价和尽职免责制度"),
]


def test_a_split_target_sentence_covers_only_the_rows_it_names() -> None:
    first, second = link_lines(
        ["地区生产总值增长6%左右。", "固定资产投资增长8%以上，社会消费品零售总额增长7%左右。"], CANDIDATES
    )
    assert (first.sentence, first.task_ids) == (SENTENCE, [1])
    assert second.task_ids == [2, 3]


def test_a_joined_line_draws_on_two_sentences_and_an_added_line_on_none() -> None:
    joined, added = link_lines(
        ["加快信用信息共享步伐，完善金融机构考核、评价和尽职免责制度。", "建立市级领导包联重点企业制度。"],
        CANDIDATES,
    )
    assert joined.task_ids == [5, 6] and joined.also == ["完善金融机构考核、评价和尽职免责制度"]
    assert added.task_ids == [] and added.sentence is None


def test_a_line_joining_short_sentences_covers_each() -> None:
    """The State Council's first item joins the target sentences the report separates with ；."""
    targets = [
        "国内生产总值增长6%以上",
        "城镇新增就业1100万人以上,城镇调查失业率5.5%左右",
        "居民消费价格涨幅3%左右",
    ]
    rows = [Candidate(10 + i, t, t) for i, t in enumerate(targets)] + CANDIDATES
    (link,) = link_lines(
        [
            "国内生产总值增长6%以上；城镇新增就业1100万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。"
        ],
        rows,
    )
    assert link.sentence == targets[0] and link.task_ids == [10, 11, 12]
