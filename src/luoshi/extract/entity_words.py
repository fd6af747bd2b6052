"""Word lists for the entity grammar: what ends a name, what cannot start one, what is generic.

None of these lists names a place or a body; they describe how names are built and what
surrounds them in plan text (verbs, prepositions, determiners, category words).
"""

from __future__ import annotations


def _words(block: str) -> list[str]:
    return block.split()


# Words that precede a name in plan text and are not part of it (verbs, adverbs, prepositions).
LEADING = sorted(
    _words(
        """
    推进 推动 加快 建设 建成 建强 打造 培育 实施 支持 引导 鼓励 围绕 依托 聚焦 加强 深化 完善 提升
    扩大 开展 落实 促进 创建 争创 申报 新建 改造 启动 完成 实现 发展 引进 对接 服务 融入 联合 联动
    参与 组织 举办 承办 建立 组建 成立 设立 筹建 谋划 规划 布局 保障 推广 壮大 做强 做大 做优 用好
    抓好 办好 做好 推行 构建 形成 带动 辐射 吸引 协调 配合 全力 大力 全面 积极 持续 深入 着力 加大
    力争 争取 确保 优先 进一步 不断 继续 稳步 有序 扎实 加速 切实 高标准 高质量 重点 主动 探索 开工
    投产 运营 提质 升级 扩容 延伸 覆盖 入驻 落户 落地 签约 合作 携手 牵头 会同 指导 督促 帮助 推荐
    争取到 实现了 完成了 建成了 加快推进 全力推进 深入推进 持续推进 大力推进 积极推进 加快建设
    全力打造 加快打造 积极争取 推动实现 确保实现 深化与 加强与 支持了 助力 赋能 依靠 借助 利用
    通过 按照 根据 结合 针对 面向 立足 坚持 抢抓 抓住 把握 瞄准 发挥 释放 激发 巩固 拓展 拓宽 延长
    发挥好 强化 规范 严控 统筹 认定 获批 新增 建好 畅通 改进 提高 消除 执行 严格执行 顶格落实 扛起
    设立 部署 用足 争当 争做
    """
    ),
    key=len,
    reverse=True,
)
# Characters that end the word before a name: a name never spans them.
FUNCTION = set("的和与及在对向把将为等了是到从由并或以于给让使被其之这那")
# A candidate starting with these is a category, not a name (全市, 各县, 两个园区, 一批企业).
DETERMINERS = (
    "全", "各", "本", "该", "我", "每", "其他", "其余", "相关", "有关", "所有", "这", "那", "一批", "一些",
    "多个", "多家", "若干", "部分", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百",
    "千", "万", "几", "个",
)  # fmt: skip
# Classifiers a number leaves behind when it is cut off the stem (207线, 12个).
AFTER_NUMBER = set("个家所座条线号期批项户名人台处场")
COUNTED = set("个家所座条批项户名台处场")  # 16个教育集团: a count of a category, not a name
NUMERALS = set("一二三四五六七八九十百千万两")
# Words marking a category (国家级高新区, 省级示范区, 县级医院): a candidate containing one is generic.
CATEGORY = (
    "级", "类", "型", "性", "重点", "龙头", "骨干", "规上", "规模以上", "中小", "民营", "国有", "公立",
    "上市", "平台", "示范", "试点", "特色", "专业", "综合", "新型", "现代", "传统", "基层", "乡镇", "社区",
    "农村", "城市", "城乡", "行政", "贫困", "脱贫", "集体", "高等", "职业", "定点", "专科", "三甲", "二甲",
    "商业", "村镇", "地方", "合作", "外资", "股份制", "政策", "高新技术", "国家", "经济", "招商", "行业",
    "贸易", "自贸", "控股", "金融", "航空", "基金",
)  # fmt: skip
# Characters that make a category when they end a stem (全资子公司, 分公司, 资源型, 综合类).
CATEGORY_END = set("子分母类型性级")
# A place suffix preceded by one of these is part of a common word, not a name (城市, 超市, 城区, 乡镇).
COMMON_BEFORE = {
    "市": set("市超上夜股都早集门楼菜花鱼黑互开闭罢全本我各该县地省股"),
    "县": set("撤全各本该每整强大郡区市州省个两属邻"),
    "区": set(
        "设人户步城矿山景园社片辖校灾小街新展林牧湖老疫风禁限保特开试功市县省全各本该每这那我两重示湾港病震贫产商住学工农营灾核试验范行聚务载领划成能护心发导田点储业域地牧中西东南北"
    ),
    "省": set("全本我该各外节反自行兄弟"),
    "镇": set("城乡集重小村市县全各本该"),
    "乡": set("城下家故异他返还本全各老县"),
    "村": set("球然乡农山渔全各本该整行范点贫心明游型色丽中新"),
}
# Minimum stem length before each suffix (盂县 is a county; 城区 needs more than one character).
MIN_STEM = {"市": 2, "县": 1, "区": 1, "镇": 2, "乡": 2, "村": 2, "街道": 2, "旗": 2, "盟": 2}
MAX_PLACE_STEM = {"市": 3, "县": 3, "区": 3, "旗": 4, "盟": 4}
# After these, 市/县/乡 is the level of the next word (市级, 县域, 乡村), not the end of a name.
LEVEL_WORD_AFTER = {
    "市": set("级域场民值容貌面直属"),
    "县": set("域级乡区"),
    "乡": set("村镇级"),
    "区": set("域级间块位分别"),
}
# Provinces and autonomous regions, the only stems 省/自治区 take.
PROVINCES = set(
    _words(
        """
    河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西
    甘肃 青海 台湾 内蒙古 广西壮族 西藏 宁夏回族 新疆维吾尔
    """
    )
)
MAX_STEM = 6
