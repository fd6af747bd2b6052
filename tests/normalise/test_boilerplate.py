from __future__ import annotations

import pytest

from luoshi.normalise.boilerplate import is_boilerplate

FURNITURE = [
    "来源：阳泉市人民政府",
    "信息来源: 市政府办公室",
    "发布时间：2023-02-27 10:21 来源：阳泉日报 浏览次数：1234",
    "点击查阅更多2023年地方政府工作报告",
    "【字号 大 中 小】",
    "字体：【大】【中】【小】",
    "【打印本页】【关闭窗口】",
    "打印 | 关闭 | 收藏",
    "分享到：微信 微博 QQ空间",
    "扫一扫在手机打开当前页",
    "责任编辑：张三",
    "（编辑：李四）",
    "图为阳泉市新建的5G基站。",
    "（记者 王五 摄）",
    "图片来源：新华社",
    "王五 摄",
    "（通讯员 赵六 供图）",
    "版权所有：阳泉市人民政府 晋ICP备05000000号",
    "Copyright © 2023 www.yq.gov.cn All Rights Reserved",
    "网站标识码：1403000001 晋公网安备 14030202000001号",
    "上一篇：关于印发某某方案的通知",
    "— 12 —",
    "-3-",
    "第 3 页 共 20 页",
    "Public domain",
    "false",
]

PROSE = [
    "一、2022年工作回顾",
    "(一)加快推动能源革命。",
    "各位代表:",
    "现在,我代表市人民政府向大会报告工作,请予审议。",
    "地区生产总值达到1012.9亿元,增长4.5%。",
    "优化营商环境,来源于企业和群众的评价是最好的标尺。",
    "建成5G基站1000座,实现城区全覆盖。",
    "大力发展数字经济,打造中国算力之都。",
    "点燃高质量发展新引擎,推动工业转型。",
    "版权保护和知识产权工作取得新进展,专利授权量增长20%,全市图书版权登记1200件,著作权保护力度持续加大。",
    "(三)描绘美好发展蓝图",
    "加快数字化转型,绘就发展新蓝图",
    "视频监控覆盖率达到95%。",
    "图书馆、文化馆免费开放。",
    "来源广泛的社会资本积极参与。",
    "2023",
    "5G",
    "。",
    "、",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("COPYRIGHT 2023 阳泉市人民政府", True),  # the footer rule ignores case …
        ("PUBLIC DOMAIN", True),
        ("第3页", True),
        ("信息来源：阳泉市人民政府办公室" + "。" * 70, False),  # … and each rule keeps its own length limit
        ("第3页" + "，" * 20, False),
    ],
)
def test_each_rule_keeps_its_case_and_length_limit(line: str, furniture: bool) -> None:
    assert is_boilerplate(line) is furniture
