"""What the held-out test modules share: finding, checking and scoring a folder of gold files."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

from luoshi.pipeline import read_report

COUNTED = ("gold", "pred", "matched", "modifier_ok", "metric_ok", "indicator_ok", "strict")
METRICS = {"level", "growth", "share", "count", "change", "rank", "other"}
MODIFIERS = {"about", "at_least", "at_most", "exact", "range"}
TEXT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")  # as score.py looks for them


def report_id(gold_path: Path) -> str:
    return gold_path.name.removesuffix(".gold.json")


def text_path(gold_path: Path) -> Path:
    """The report beside a gold file, as the scorer finds it."""
    stem = report_id(gold_path)
    return next(p for s in TEXT_SUFFIXES if (p := gold_path.with_name(stem + s)).exists())


def score(scorer: ModuleType, gold_path: Path) -> dict[str, Any]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["items"]
    report = read_report(text_path(gold_path))
    result: dict[str, Any] = scorer.score_report(gold, [q.to_dict() for q in report.quantities])
    return result


def total(results: dict[str, dict[str, Any]]) -> dict[str, int]:
    return {key: sum(r[key] for r in results.values()) for key in COUNTED}


def check_schema(gold_path: Path) -> None:
    """Every gold item follows /work/shared/eval/GOLD_SCHEMA.md."""
    doc = json.loads(gold_path.read_text(encoding="utf-8"))
    assert doc["report"]["id"] == report_id(gold_path) and doc["conventions"]
    for item in doc["items"]:
        assert item["part"] in {"review", "plan"} and item["sentence"] and item["indicator"]
        assert item["metric"] in METRICS and item["modifier"] in MODIFIERS
        assert isinstance(item["value"], float) and isinstance(item["year"], int)
        assert ("value_high" in item) == (item["modifier"] == "range")


def check_floor(
    scorer: ModuleType, name: str, result: dict[str, Any], measured: tuple[float, float], margin: float
) -> None:
    """F1 and strict F1 stay within ``margin`` of what was measured."""
    f1, strict = measured
    assert scorer.f1(result)[2] >= f1 - margin, scorer.line(name, result)
    assert scorer.f1(result, "strict")[2] >= strict - margin, scorer.line(name, result)
