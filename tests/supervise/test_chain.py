"""The target chain: one indicator's target at each level, from the stored reports of one year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.supervise.conftest import LedgerOn

from luoshi.errors import NotFoundError, ValidationError
from luoshi.pipeline import read_report
from luoshi.supervise.chain import target_chain
from luoshi.supervise.reports import report_unit_for, store_report
from luoshi.supervise.units import Catalogue, UnitSpec, import_catalogue

TEXTS = Path(__file__).resolve().parents[1] / "fixtures" / "texts"
TREE = Catalogue(
    [
        UnitSpec("jh", "江淮省", "province"),
        UnitSpec("ql", "青岚市", "city", "jh"),
        UnitSpec("yx", "云溪县", "county", "ql", ["云溪"]),
    ]
)


def test_chain_from_province_to_county(on: LedgerOn) -> None:
    reports = [read_report(TEXTS / f"link-{level}-2024.txt") for level in ("county", "province", "city")]
    with on(date(2024, 3, 1)) as ledger:
        import_catalogue(ledger, TREE)
        for report in reports:
            store_report(ledger, report)
        chain = target_chain(ledger, indicator="地区生产总值", year=2024)
        # the county's report says 生产总值增长6.5%左右: the same indicator under its short name
        assert [(c.level, c.region, c.value, c.above, c.gap) for c in chain] == [
            ("province", "江淮省", 5.5, "", None),
            ("city", "青岚市", 5.0, "江淮省", -0.5),
            ("county", "云溪县", 6.5, "青岚市", 1.5),
        ]
        assert chain[2].to_dict()["level_label"] == "县" and "6.5%" in chain[2].sentence
        assert target_chain(ledger, indicator="粮食产量", year=2024)[0].region == "江淮省"
        with pytest.raises(NotFoundError, match="2019"):
            target_chain(ledger, indicator="地区生产总值", year=2019)
        with pytest.raises(ValidationError):
            target_chain(ledger, indicator=" ", year=2024)


def test_a_region_missing_from_the_catalogue_still_shows(on: LedgerOn) -> None:
    with on(date(2024, 3, 1)) as ledger:
        store_report(ledger, read_report(TEXTS / "link-city-2024.txt"))
        store_report(ledger, read_report(TEXTS / "link-county-2024.txt"), level="county")
        chain = target_chain(ledger, indicator="GDP", year=2024)
        assert [(c.region, c.unit, c.above) for c in chain] == [("青岚市", "", ""), ("云溪县", "", "青岚市")]


def test_a_countys_own_report_is_found_by_its_unit_not_its_regions_name(on: LedgerOn) -> None:
    """The county's report names its region in a way the catalogue does not know (no alias): by name
    it maps to no unit and hangs under the nearest higher level; ingested for 云溪县, it is the
    county's, under its city, and says so. An old report with no unit is still found by name."""
    tree = Catalogue([*TREE.units[:2], UnitSpec("yx", "云溪县", "county", "ql")])
    county = read_report(TEXTS / "link-county-2024.txt")
    with on(date(2024, 3, 1)) as ledger:
        import_catalogue(ledger, tree)
        store_report(ledger, read_report(TEXTS / "link-province-2024.txt"))
        store_report(ledger, read_report(TEXTS / "link-city-2024.txt"))
        store_report(ledger, county, region="云溪", level="county")
        by_name = target_chain(ledger, indicator="地区生产总值", year=2024)
        assert [(c.region, c.unit, c.above, c.matched_by) for c in by_name] == [
            ("江淮省", "江淮省", "", "region"),
            ("青岚市", "青岚市", "江淮省", "region"),
            ("云溪", "", "青岚市", ""),
        ]
        store_report(ledger, county, unit=report_unit_for(ledger, "云溪县"))  # the same file, now tied
        chain = target_chain(ledger, indicator="地区生产总值", year=2024)
        assert [(c.region, c.unit, c.level, c.above, c.gap, c.matched_by) for c in chain][2] == (
            "云溪", "云溪县", "county", "青岚市", 1.5, "unit"
        )  # fmt: skip
        assert chain[2].to_dict()["matched_by"] == "unit"
