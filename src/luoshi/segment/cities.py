"""The city a report speaks for when its head names none ("我代表市人民政府", "我市").

China's prefecture-level divisions (地级市, 自治州, 盟) are a fixed national list, like the
provinces (:mod:`luoshi.segment.provinces`), not any report's wording; a city report names its own
city, bare (宁波, 长沙), many times more than any other.
"""

from __future__ import annotations

import re

# Prefecture-level cities by province; 自治州 and 盟 by their short name. The municipalities
# are provinces (see provinces.py).
_CITIES = """
河北: 石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水
山西: 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
内蒙古: 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布
辽宁: 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛
吉林: 长春 吉林 四平 辽源 通化 白山 松原 白城
黑龙江: 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化
江苏: 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
浙江: 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
安徽: 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
福建: 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
江西: 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
山东: 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
河南: 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店
湖北: 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州
湖南: 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底
广东: 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮
广西: 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
海南: 海口 三亚 三沙 儋州
四川: 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳
贵州: 贵阳 六盘水 遵义 安顺 毕节 铜仁
云南: 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧
西藏: 拉萨 日喀则 昌都 林芝 山南 那曲
陕西: 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
甘肃: 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南
青海: 西宁 海东
宁夏: 银川 石嘴山 吴忠 固原 中卫
新疆: 乌鲁木齐 克拉玛依 吐鲁番 哈密
"""
_PREFECTURES = """
延边 恩施 湘西 阿坝 甘孜 凉山 黔西南 黔东南 黔南 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆
临夏 甘南 海北 黄南 果洛 玉树 海西 昌吉 博尔塔拉 巴音郭楞 克孜勒苏 伊犁
"""
_LEAGUES = "兴安 锡林郭勒 阿拉善"

_LINES = [line.split(":") for line in _CITIES.strip().split("\n")]
CITIES: dict[str, str] = {name: f"{name}市" for _, names in _LINES for name in names.split()}
PROVINCE_OF: dict[str, str] = {name: province for province, names in _LINES for name in names.split()}
CITIES |= {name: f"{name}自治州" for name in _PREFECTURES.split()}
CITIES |= {name: f"{name}盟" for name in _LEAGUES.split()}
_NAMES = re.compile("(?:" + "|".join(sorted(CITIES, key=len, reverse=True)) + r")(?!省)")  # 吉林, not 吉林省
_SPEAKS_FOR = re.compile(r"代表(省|自治区|市|州|盟)(?:人民)?政府")
_WHOLE = re.compile(r"全(省|市|州)")
MIN_MENTIONS = 5


def city_of(text: str) -> str | None:
    """The city a city report names most often (at least five times, and more than any other
    twice over), else None.

    A report is a city's when it speaks for a city's government (我代表市人民政府), or, saying
    no government, when it says 全市 more often than 全省."""
    if m := _SPEAKS_FOR.search(text[:5000]):
        if m.group(1) in ("省", "自治区"):
            return None
    else:
        whole = [w.group(1) for w in _WHOLE.finditer(text)]
        if whole.count("省") >= whole.count("市") + whole.count("州"):
            return None
    name = _most_named([m.group() for m in _NAMES.finditer(text)])
    return CITIES[name] if name else None


def cities_province(text: str) -> str | None:
    """The province (short name: 甘肃) whose cities a text names most, at least five times and more
    than any other province's twice over (a provincial report that seldom names its province)."""
    return _most_named([PROVINCE_OF[m.group()] for m in _NAMES.finditer(text) if m.group() in PROVINCE_OF])


def _most_named(names: list[str]) -> str | None:
    """The name met most, at least five times and twice as often as the next one, else None."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]
