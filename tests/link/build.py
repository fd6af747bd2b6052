"""Quantities built directly, as the extractor would give them."""

from __future__ import annotations

from typing import Any

from luoshi.document import Metric, Modifier, PartKind, Quantity


def make_quantity(
    indicator: str,
    value: float,
    unit: str = "%",
    metric: str = "growth",
    modifier: str = "exact",
    part: str = "plan",
    **extra: Any,
) -> Quantity:
    return Quantity(
        part=PartKind(part),
        section=None,
        indicator=indicator,
        metric=Metric(metric),
        value=value,
        unit=unit,
        modifier=Modifier(modifier),
        sentence=extra.pop("sentence", f"{indicator}{value:g}{unit}"),
        start=0,
        end=0,
        **extra,
    )
