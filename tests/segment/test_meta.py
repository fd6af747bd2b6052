"""Report metadata from the head of the text."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.segment.meta import level_of, report_meta


@pytest.mark.parametrize(
    ("head", "title", "day", "speaker", "region"),
    [
        (
            "点击查阅更多2023年地方政府工作报告\n"
            "——2023年2月21日在阳泉市第十六届人民代表大会第三次会议上\n"
            "阳泉市人民政府市长 刘文华\n",
            None,
            date(2023, 2, 21),
            "市长 刘文华",
            "阳泉市",
        ),
        (
            "政府工作报\n告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理\n\n李克强\n",
            "政府工作报告",
            date(2021, 3, 5),
            "国务院总理 李克强",
            "国务院",
        ),
        (
            "2023年山西省政府工作报告\n"
            "——二〇二三年一月十四日在山西省第十四届人民代表大会第一次会议上\n"
            "代省长 金湘军\n",
            "2023年山西省政府工作报告",
            date(2023, 1, 14),
            "代省长 金湘军",
            "山西省",
        ),
        ("2023年盂县政府工作报告\n各位代表：\n", "2023年盂县政府工作报告", None, None, "盂县"),
        (
            "政府工作报告\n——2023年1月6日在市十六届人大三次会议上\n晋中市人民政府代理市长 王伟\n",
            "政府工作报告",
            date(2023, 1, 6),
            "代理市长 王伟",
            "晋中市",
        ),
        ("", None, None, None, None),
    ],
)
def test_report_meta(
    head: str, title: str | None, day: date | None, speaker: str | None, region: str | None
) -> None:
    meta = report_meta(head)
    assert (meta.title, meta.date, meta.speaker, meta.region) == (title, day, speaker, region)


@pytest.mark.parametrize(
    ("region", "level"),
    [
        ("国务院", "national"),
        ("山西省", "province"),
        ("内蒙古自治区", "province"),
        ("上海市", "province"),
        ("阳泉市", "city"),
        ("恩施土家族苗族自治州", "city"),
        ("平定县", "county"),
        ("郊区", "county"),
        (None, None),
    ],
)
def test_level_of(region: str | None, level: str | None) -> None:
    assert level_of(region) == level
