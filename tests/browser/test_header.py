"""The red header's links are readable: white on the brand red, 登录 included (was #0b57d0 on red)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser]
AA_CONTRAST = 4.5  # WCAG 2 AA for normal text


def _rgb(css: str) -> tuple[float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)[:3]]
    return parts[0], parts[1], parts[2]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    high, low = sorted((_luminance(_rgb(fg)), _luminance(_rgb(bg))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_header_links_meet_contrast_on_the_public_page(site: Site, chromium: Any) -> None:
    """Rule: every link on the header bar reaches WCAG AA contrast against the bar (登录 on /public)."""
    page = chromium.new_page()
    page.goto(f"{site.url}/public")
    background = page.eval_on_selector("header.top", "e => getComputedStyle(e).backgroundColor")
    links = page.eval_on_selector_all(
        "header.top a", "els => els.map(e => [e.textContent.trim(), getComputedStyle(e).color])"
    )
    assert "登录" in [text for text, _ in links]
    for text, colour in links:
        assert contrast(colour, background) >= AA_CONTRAST, f"{text}: {colour} on {background}"
