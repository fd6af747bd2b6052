from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.errors import InputError, NotFoundError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import TaskForce, Unit
from luoshi.supervise.units import (
    catalogue_rows,
    catalogue_yaml,
    example_catalogue,
    export_catalogue,
    find_unit,
    import_catalogue,
    read_catalogue,
)


def test_example_catalogue_imports_as_a_tree(ledger: Ledger) -> None:
    result = import_catalogue(ledger, read_catalogue(example_catalogue()))
    assert result.updated == 0 and result.created >= 40
    city = find_unit(ledger, "阳泉市")
    for name in (
        "市发展改革委",
        "市能源局",
        "城区",
        "矿区",
        "郊区",
        "平定县",
        "盂县",
        "高新区",
        "经济技术开发区",
    ):
        assert find_unit(ledger, name).parent_id == city.id
    assert find_unit(ledger, "市发改委").name == "市发展改革委"
    assert find_unit(ledger, "盂县").kind == "county"
    force = ledger.find(TaskForce, code="zb-nengyuan")
    assert force is not None and force.lead_unit.name == "市能源局" and len(force.members) >= 3


def test_reimport_is_unchanged_and_edits_update(ledger: Ledger, tmp_path: Path) -> None:
    import_catalogue(ledger, read_catalogue(example_catalogue()))
    again = import_catalogue(ledger, read_catalogue(example_catalogue()))
    assert again.created == 0 and again.updated == 0
    edited = tmp_path / "units.yaml"
    edited.write_text(
        example_catalogue().read_text(encoding="utf-8").replace("[能源局]", "[能源局, 市能源办]"),
        encoding="utf-8",
    )
    result = import_catalogue(ledger, read_catalogue(edited))
    assert result.updated == 1
    assert find_unit(ledger, "市能源办").code == "nyj"


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_export_then_import_round_trips(ledger: Ledger, tmp_path: Path, fmt: str) -> None:
    import_catalogue(ledger, read_catalogue(example_catalogue()))
    exported = export_catalogue(ledger)
    path = tmp_path / f"units.{fmt}"
    if fmt == "yaml":
        path.write_text(catalogue_yaml(exported), encoding="utf-8")
    else:
        import csv

        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(catalogue_rows(exported)[0]))
            writer.writeheader()
            writer.writerows(catalogue_rows(exported))
    assert read_catalogue(path) == exported


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("units:\n  - {code: a, name: 甲, kind: planet}\n", "类型"),
        ("units:\n  - {code: a, name: 甲}\n  - {code: a, name: 乙}\n", "代码重复"),
        ("units:\n  - {code: a, name: 甲, parent: zz}\n", "上级 zz 不存在"),
        ("units:\n  - {code: a, name: 甲, parent: b}\n  - {code: b, name: 乙, parent: a}\n", "成环"),
        ("units:\n  - {code: a, name: 甲}\ntask_forces:\n  - {code: t, name: 专班, lead: q}\n", "牵头单位"),
        ("units: [1, 2]\n", "缺少 code"),
        ("units: {a: [\n", "YAML"),
    ],
)
def test_invalid_catalogues_change_nothing(
    ledger: Ledger, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        import_catalogue(ledger, read_catalogue(path))
    assert ledger.count(Unit) == 0


def test_csv_rows_may_list_children_before_parents(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent,aliases,keywords,members\n"
        "edu,县教育局,department,county,,教育;学校,\n"
        "county,某县,county,,,,\n"
        "tf,教育专班,task_force,edu,,双减,county\n",
        encoding="utf-8",
    )
    result = import_catalogue(ledger, read_catalogue(path))
    assert result.created == 3
    assert find_unit(ledger, "县教育局").parent_id == find_unit(ledger, "某县").id
    assert find_unit(ledger, "县教育局").keywords == ["教育", "学校"]


def test_unknown_file_type_and_unit(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_catalogue(tmp_path / "units.txt")
    with pytest.raises(NotFoundError, match="找不到单位"):
        find_unit(ledger, "市宇航局")


def test_one_unit_added_renamed_and_disabled(ledger: Ledger) -> None:
    """The office's 单位管理: a renamed unit keeps its old name as an alias, so texts that use it
    still find it; a name or alias belongs to one unit; disabling keeps the row."""
    from luoshi.supervise.units import add_unit, edit_unit, set_unit_active

    add_unit(ledger, code="city", name="阳泉市", kind="city")
    water = add_unit(ledger, code="shuiwu", name="市水务局", parent="阳泉市", aliases=["水务局"])
    assert water.parent_id == find_unit(ledger, "city").id
    with pytest.raises(ValidationError, match="已存在"):
        add_unit(ledger, code="shuiwu", name="市水利局")
    with pytest.raises(ValidationError, match="无效"):
        add_unit(ledger, code="x", name="某局", kind="bureau")
    with pytest.raises(NotFoundError):
        add_unit(ledger, code="y", name="某局", parent="无此单位")
    edit_unit(ledger, key="shuiwu", name="市水利局", aliases=["水利局"])
    assert find_unit(ledger, "市水务局").name == "市水利局"  # the old name still finds it
    assert set(find_unit(ledger, "shuiwu").aliases) == {"水利局", "市水务局"}
    with pytest.raises(ValidationError, match="已被 阳泉市 使用"):
        edit_unit(ledger, key="shuiwu", name="市水利局", aliases=["阳泉市"])
    set_unit_active(ledger, key="水利局", active=False)
    assert find_unit(ledger, "shuiwu").active is False
