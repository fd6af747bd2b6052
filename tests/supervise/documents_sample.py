"""The example ledger the printing tests read: the Yangquan 2023 report, the example city's units,
confirmed assignments, an on-time progress report, and one item raised on task 2 (固定资产投资)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from luoshi.clock import FixedClock
from luoshi.store.db import Database
from luoshi.supervise import assign
from luoshi.supervise.items import Level, Origin
from luoshi.supervise.orders import raise_order
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.reports import store_report
from luoshi.supervise.units import example_catalogue, import_catalogue, read_catalogue

EXAMPLE = Path(__file__).parents[2] / "src" / "luoshi" / "data" / "examples" / "yangquan-2023.txt"
RAISED = date(2023, 9, 28)  # deploy due 2023-10-07 (working days, after the National Day holiday)
TASK = 2  # 固定资产投资增长8%以上


def seed_example(db: Database, evidence_dir: Path) -> int:
    """Load the example ledger; the raised item's id."""
    from luoshi.pipeline import read_report

    with db.ledger(actor="督查室", clock=FixedClock.on(date(2023, 3, 1))) as ledger:
        store_report(ledger, read_report(EXAMPLE))
        import_catalogue(ledger, read_catalogue(example_catalogue()))
        assign.auto_assign(ledger, rules=assign.load_rules())
        assign.confirm(ledger)
    with db.ledger(actor="fgw", clock=FixedClock.on(date(2023, 4, 3))) as ledger:
        add_progress(
            ledger, task_id=TASK, entry=ProgressInput(value=4.1, narrative="一季度固定资产投资增长4.1%",
            period="2023-03"), reporter="fgw", evidence_dir=evidence_dir,
        )  # fmt: skip
    with db.ledger(actor="督查室", clock=FixedClock.on(RAISED)) as ledger:
        order = raise_order(
            ledger, title="固定资产投资增速低于目标", lead="市发展改革委", co=["市工信局"],
            level=Level.ORDINARY, origin=Origin.REVIEW, leader="王副市长", task_id=TASK,
            detail="1—8月全市固定资产投资增速低于年度目标，请研究提出措施。",
        )  # fmt: skip
        return order.id
