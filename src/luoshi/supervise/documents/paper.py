"""A printed document as plain data: what the office sends, before it is laid out (GB/T 9704)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Office:
    """Who prints: 发文机关 (its red 标志), 机关代字 of the 发文字号, and the 附注 contact line."""

    name: str
    code: str
    contact: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1: 一、 (黑体); 2: （一） (楷体)


@dataclass(frozen=True, slots=True)
class Para:
    text: str


@dataclass(frozen=True, slots=True)
class Grid:
    """A table: a header row (repeated on each page) and rows; widths in mm add up to 156."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


Block = Heading | Para | Grid


@dataclass(frozen=True, slots=True)
class Paper:
    """One 公文: 版头 (mark, number), 主体 (title, addressee, blocks, signer, date, note)."""

    mark: str  # 发文机关标志
    number: str  # 发文字号, e.g. 阳政督〔2023〕5号
    title: str
    addressee: str  # 主送机关, ending in ：
    blocks: tuple[Block, ...]
    signer: str  # 发文机关署名
    dated: date  # 成文日期
    notes: tuple[str, ...] = field(default_factory=tuple)  # 附注 lines (contact, demo data)
