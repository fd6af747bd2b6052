"""The target chain: one indicator's target at each level, from the stored reports of one year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.supervise.conftest import LedgerOn

from luoshi.errors import NotFoundError, ValidationError
from luoshi.pipeline import read_report
from luoshi.supervise.chain import target_chain
from luoshi.supervise.reports import store_report
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
