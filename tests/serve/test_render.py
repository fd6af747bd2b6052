from __future__ import annotations

from dataclasses import replace
from datetime import date

from luoshi.serve.forms import NO_FORM, FormState
from luoshi.serve.render import RowDrawing, make_templates
from luoshi.supervise.snapshot import TaskRow


def _raise_item(units: list[tuple[int, str]], state: FormState, lead: str = "") -> str:
    template = make_templates().env.get_template("_raise_item.html")
    return template.render(units=units, task_id=5, default_title="", default_lead=lead, csrf_token="t",
                           form_state=state)  # fmt: skip


def test_the_unit_pickers_escape_names_and_show_the_default_or_what_was_typed() -> None:
    units = [(1, "市发改委"), (2, "A&B <局>"), (3, "市财政局")]
    fresh = _raise_item(units, NO_FORM, lead="市财政局")
    assert '<option value="A&amp;B &lt;局&gt;">A&amp;B &lt;局&gt;</option>' in fresh
    assert '<option value="市财政局" selected>' in fresh and " checked" not in fresh
    typed = FormState("raise-item", {"lead": "A&B <局>", "co": ["市发改委", "市财政局"]}, {"title": "必填"})
    failed = _raise_item(units, typed, lead="市财政局")
    assert '<option value="A&amp;B &lt;局&gt;" selected>' in failed and '<option value="市财政局">' in failed
    assert failed.count(" checked") == 2 and 'value="A&amp;B &lt;局&gt;" checked' not in failed


def test_a_renamed_unit_is_drawn_by_its_new_name() -> None:
    before = _raise_item([(1, "市发改委"), (2, "市能源局")], NO_FORM)
    after = _raise_item([(1, "市发改委"), (2, "市能源局（新）")], NO_FORM)
    assert (
        "市能源局（新）" not in before and after.count("市能源局（新）") == 4
    )  # option, checkbox: twice each


def _task_row(**changes: object) -> TaskRow:
    row = TaskRow(
        id=7,
        report_id=1,
        ordinal=7,
        section="一、稳增长",
        theme="",
        text="新建 5G 基站 <1200> 个",
        indicator="",
        target_value=1200.0,
        target_unit="个",
        deadline=date(2024, 12, 31),
        lead_unit="市工信局",
        lead_unit_id=3,
        co_units=("市发改委",),
        unit_ids=frozenset({3, 4}),
        latest_value=300.0,
        latest_on=date(2024, 6, 30),
        reports=2,
        state="behind",
        colour="orange",
        elapsed=0.5,
        progress=0.25,
        overdue_days=0,
        missed_reports=0,
        headline=True,
        demo=False,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def test_a_ledger_row_is_drawn_once_per_row_and_a_new_row_is_drawn_anew() -> None:
    env = make_templates().env
    drawing = env.globals["ledger_row"]
    assert isinstance(drawing, RowDrawing)
    row = _task_row()
    first = drawing(row)
    assert first == env.get_template("_ledger_row.html").render(r=row)  # as the template draws it
    assert "新建 5G 基站 &lt;1200&gt; 个" in first and "主要目标" in first and "25%" in first
    assert drawing(row) is first  # kept: not drawn again
    written = _task_row(latest_value=900.0, progress=0.75, colour="green", state="on_track")
    again = drawing(written)  # a write: a new row object in its place
    assert again is not first and "75%" in again and "25%" not in again
    assert drawing(_task_row()) is not first and drawing(_task_row()) == first  # equal rows, drawn alike
