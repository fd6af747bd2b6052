"""Documents the office prints, as .docx following GB/T 9704-2012: 督办通知单, 催办通知, 督查通报.

Each function reads the ledger as of a date and returns the file's bytes; the CLI
(``luoshi print``) and the web app (the 打印 buttons) call the same ones. See docs/printing.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from luoshi.config import Settings
from luoshi.store.ledger import Ledger
from luoshi.supervise.documents import bulletin, items
from luoshi.supervise.documents.layout import render
from luoshi.supervise.documents.office import office_of, report_year
from luoshi.supervise.policy import DEFAULT_POLICY

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def notice_docx(ledger: Ledger, item_id: int, settings: Settings, as_of: date) -> bytes:
    """督办通知单 of one supervision item."""
    return render(items.notice(ledger, item_id, office_of(ledger, settings), as_of))


def urge_docx(ledger: Ledger, item_id: int, settings: Settings, as_of: date) -> bytes:
    """催办通知 of an item with an overdue stage (ValidationError if it has none)."""
    return render(items.urge(ledger, item_id, office_of(ledger, settings), as_of))


def bulletin_docx(
    ledger: Ledger, settings: Settings, as_of: date, *, scoring: Path | None = None,
    policy: str = DEFAULT_POLICY,
) -> bytes:  # fmt: skip
    """督查通报 as of a date: the review and the scoreboard by unit, commended and named units."""
    from luoshi.supervise.review import build_review
    from luoshi.supervise.scoring import load_scoring, scoreboard

    review = build_review(ledger, as_of=as_of, policy=policy)
    scores = scoreboard(
        review.tasks,
        review.orders,
        load_scoring(scoring),
        as_of=as_of,
        units=review.units,
        levels=review.levels,
    )
    paper = bulletin.bulletin(
        review, scores, office_of(ledger, settings), year=report_year(ledger, as_of),
        period=bulletin.bulletin_period(as_of),
    )  # fmt: skip
    return render(paper)


def file_name(kind: str, as_of: date, item_id: int | None = None) -> str:
    """The download's name: 督办通知单-5-2023-10-20.docx, 督查通报-2023-09-30.docx."""
    title = {"notice": "督办通知单", "urge": "催办通知", "bulletin": "督查通报"}[kind]
    return "-".join([title, *([str(item_id)] if item_id is not None else []), as_of.isoformat()]) + ".docx"
