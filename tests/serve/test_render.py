from __future__ import annotations

from luoshi.serve.forms import NO_FORM, FormState
from luoshi.serve.render import make_templates


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
