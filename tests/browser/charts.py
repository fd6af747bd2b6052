"""Measuring the 驾驶舱 charts in a real browser: every piece of text ECharts drew, with its box.

The boxes come from ECharts' own instance API (the zrender display list: one entry per drawn line
of text, with its global transform), so legends, axis labels, bar labels and pie labels are all
compared with each other, whatever the chart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.browser.conftest import serve_app, sign_in

CHARTS = ("chart-sections", "chart-pace", "chart-units", "chart-items")

TEXT_BOXES = """(id) => {
  const chart = echarts.getInstanceByDom(document.getElementById(id));
  const zr = chart.getZr();
  const boxes = [];
  for (const el of zr.storage.getDisplayList(true)) {
    const text = el.style && el.style.text;
    if (typeof text !== "string" || !text.trim() || el.invisible || el.ignore) continue;
    const r = el.getBoundingRect().clone();
    if (el.transform) r.applyTransform(el.transform);
    boxes.push({ text: el.style.text, x: r.x, y: r.y, w: r.width, h: r.height });
  }
  return { width: zr.getWidth(), height: zr.getHeight(), boxes };
}"""


SAVE_ICON = """(id) => {
  const node = document.getElementById(id);
  const zr = echarts.getInstanceByDom(node).getZr();
  const at = node.getBoundingClientRect();
  for (const el of zr.storage.getDisplayList(true)) {
    const r = el.getBoundingRect().clone();
    if (el.transform) r.applyTransform(el.transform);
    if (el.type === "path" && !el.silent && r.x > zr.getWidth() - 60 && r.y < 60) {
      return [at.x + r.x + r.width / 2, at.y + r.y + r.height / 2];
    }
  }
  return null;
}"""

ANIMATION = """(ids) => ids.map(
  (id) => echarts.getInstanceByDom(document.getElementById(id)).getOption().animation
)"""


@dataclass(frozen=True)
class Box:
    text: str
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box, slack: float = 1.0) -> bool:
        """Whether the two boxes share more than ``slack`` pixels each way."""
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx > slack and dy > slack


@dataclass(frozen=True)
class Drawn:
    width: float
    height: float
    boxes: list[Box]

    def collisions(self) -> list[tuple[str, str]]:
        return [
            (a.text, b.text) for i, a in enumerate(self.boxes) for b in self.boxes[i + 1 :] if a.overlaps(b)
        ]

    def outside(self) -> list[str]:
        """Text that does not fit inside the chart (cut at its edge)."""
        return [b.text for b in self.boxes if b.x < -1 or b.y < -1 or b.x + b.w > self.width + 1
                or b.y + b.h > self.height + 1]  # fmt: skip

    def texts(self) -> list[str]:
        return [b.text for b in self.boxes]


def drawn(page: Any, chart_id: str) -> Drawn:
    found = page.evaluate(TEXT_BOXES, chart_id)
    return Drawn(found["width"], found["height"], [Box(**b) for b in found["boxes"]])


def save_icon(page: Any, chart_id: str) -> tuple[float, float]:
    """Where on the page the chart's 保存为图片 icon (the toolbox, top right) is drawn."""
    found = page.evaluate(SAVE_ICON, chart_id)
    assert found, f"{chart_id} has no toolbox icon"
    return float(found[0]), float(found[1])


def animated(page: Any) -> list[bool]:
    """Whether each chart plays ECharts' entry animation."""
    return [bool(a) for a in page.evaluate(ANIMATION, list(CHARTS))]


def problems(page: Any) -> dict[str, list[Any]]:
    """Per chart: overlapping texts, texts cut at the edge, texts shortened with "…"."""
    found: dict[str, list[Any]] = {}
    for chart_id in CHARTS:
        d = drawn(page, chart_id)
        bad: list[Any] = d.collisions() + d.outside() + [t for t in d.texts() if "…" in t or "..." in t]
        if bad:
            found[chart_id] = bad
    return found


@contextmanager
def serve(url: str, data_dir: Path, port: int, as_of: str) -> Iterator[str]:
    """The app under uvicorn (in a thread, see tests/browser/conftest.py) until the block ends; its
    base URL."""
    with serve_app(url, data_dir, as_of, port) as base:
        yield base


def open_dashboard(
    browser: Any, base: str, username: str, password: str, width: int, query: str = "", still: bool = True
) -> Any:
    """A signed-in page of ``width`` px showing the 驾驶舱 once its four charts are drawn. A
    ``still`` page asks for reduced motion: its charts are drawn where they end up, with no entry
    animation to wait out."""
    motion = "reduce" if still else "no-preference"
    page = browser.new_page(viewport={"width": width, "height": 1080}, reduced_motion=motion)
    sign_in(page, base, username, then=f"/dashboard{query}", password=password)  # one 驾驶舱 drawn, not two
    page.wait_for_selector(f"body[data-charts='{len(CHARTS)}']", timeout=20000)
    return page
