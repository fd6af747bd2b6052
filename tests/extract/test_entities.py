"""Places and bodies by suffix grammar: names found, categories and common words left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extract.entities import entities_in


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("推进平定县、盂县、郊区城乡一体化发展", ["平定县", "盂县", "郊区"]),
        ("支持高新区创建国家级高新区", ["高新区"]),
        ("建设阳泉经济技术开发区数字产业园", ["阳泉经济技术开发区"]),
        ("打造娘子关镇旅游小镇", ["娘子关镇"]),
        ("实施西沟村、东寺头村等12个村的饮水工程", ["西沟村", "东寺头村"]),
        ("山西省阳泉市", ["山西省", "阳泉市"]),
        ("内蒙古自治区鄂尔多斯市", ["内蒙古自治区"]),  # a 4-character city stem is beyond 市's limit
        ("依托中电产业园,引入电子信息企业", ["中电产业园"]),
        ("6月底前开工青羊镇污水处理厂", ["青羊镇"]),
        ("推进大同市云冈区储能电站建设", ["大同市", "云冈区"]),
        ("支持晋城市、长治市协同发展", ["晋城市", "长治市"]),  # 城 and 治 may end a city's name
        ("东湖街道和大寨村", ["东湖街道", "大寨村"]),
        ("推进太原武宿综合保税区建设", ["太原武宿综合保税区"]),
        ("國家電網陽泉供電公司", []),  # traditional script is simplified upstream, not here
    ],
)
def test_places(text: str, places: list[str]) -> None:
    assert entities_in(text)[0] == places


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("深化华阳集团改革", ["华阳集团"]),
        ("与中国电建、国家电网开展合作", ["中国电建", "国家电网"]),
        ("由市发展改革委牵头,市教育局配合", ["市发展改革委", "市教育局"]),
        ("市规划和自然资源局负责", ["市规划和自然资源局"]),
        ("加强与山西农业大学合作", ["山西农业大学"]),
        ("支持阳泉市中心医院创建区域医疗中心", ["市中心医院"]),
        ("推进华阳二矿、潞安化工集团智能化改造", ["华阳二矿", "潞安化工集团"]),
        ("坚决落实省委、省政府部署", ["省委", "省政府"]),
        ("晋商银行阳泉分行", ["晋商银行"]),
        ("市城市管理局牵头", ["市城市管理局"]),
        ("国家能源局和国家能源集团", ["国家能源局", "国家能源集团"]),
        ("中国建设银行阳泉分行", ["中国建设银行"]),
        ("山西焦煤集团有限责任公司", ["山西焦煤集团有限责任公司"]),
    ],
)
def test_bodies(text: str, bodies: list[str]) -> None:
    assert entities_in(text)[1] == bodies


@pytest.mark.parametrize(
    "text",
    [
        "全市城市更新行动",  # 全市, 城市
        "新建大型超市和农贸市场",
        "构建新发展格局",
        "两个新能源电池产业园区",  # a count of a category
        "建强开发区主阵地主引擎",  # 开发区 in general
        "创建国家级高新区",
        "乡镇卫生院和县级医院",
        "16个教育集团开展办学",
        "推进县域经济发展,统筹县乡村三级物流",
        "保持经济运行在合理区间",
        "深入实施科教兴市、人才强市战略",
        "积极与其他四市开展合作",
        "建设智慧城市和海绵城市,争创全国文明城市",
        "地级及以上城市细颗粒物浓度下降",
        "坚持依法治市",
        "扶持龙头企业和上市公司",
        "建设美丽乡村和中心村",
        "",
    ],
)
def test_not_names(text: str) -> None:
    assert entities_in(text) == ([], [])


def test_order_of_first_mention_without_duplicates() -> None:
    places, _ = entities_in("盂县、平定县和盂县")
    assert places == ["盂县", "平定县"]


@given(st.text(max_size=60))
def test_never_raises_and_names_come_from_the_text(text: str) -> None:
    places, bodies = entities_in(text)
    assert all(name in text for name in places + bodies)
