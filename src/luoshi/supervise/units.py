"""The unit catalogue: import/export a unit tree and task forces (YAML or CSV), look units up by name.

YAML: ``units:`` a nested list (``code``, ``name``, ``kind``, ``aliases``, ``keywords``, ``children``)
and ``task_forces:`` (``code``, ``name``, ``lead``, ``members``, ``keywords``). CSV: one row per unit
or task force with columns ``code,name,kind,parent,aliases,keywords,members``; lists are separated
by ``;``; a task force row has kind ``task_force``, its lead unit in ``parent``.
Import validates the whole file first; nothing is applied unless all of it is valid.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from luoshi.errors import InputError, NotFoundError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import TaskForce, TaskForceMember, Unit
from luoshi.store.models.org import UNIT_KINDS
from luoshi.tabular import restore

CSV_COLUMNS = ["code", "name", "kind", "parent", "aliases", "keywords", "members"]


@dataclass(slots=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TaskForceSpec:
    code: str
    name: str
    lead: str
    members: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Catalogue:
    units: list[UnitSpec] = field(default_factory=list)
    task_forces: list[TaskForceSpec] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def read_catalogue(path: Path) -> Catalogue:
    """Parse a catalogue file (.yaml/.yml or .csv); :func:`import_catalogue` validates it."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取单位文件 {path}：{exc}") from exc
    if path.suffix.lower() == ".csv":
        catalogue = _from_csv(content)
    elif path.suffix.lower() in (".yaml", ".yml"):
        catalogue = _from_yaml(content)
    else:
        raise InputError(f"单位文件须为 .yaml 或 .csv：{path}")
    return catalogue


def _from_yaml(content: str) -> Catalogue:
    try:
        data = yaml.safe_load(content) or {}
    except yaml.YAMLError as exc:
        raise ValidationError(f"YAML 格式错误：{str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise ValidationError("单位文件顶层须包含 units: 和 task_forces:")
    units = list(_walk(data.get("units") or [], None))
    forces = [_task_force(item) for item in data.get("task_forces") or []]
    return Catalogue(units, forces)


def _walk(items: Any, parent: str | None) -> Iterator[UnitSpec]:
    if not isinstance(items, list):
        raise ValidationError("units 须为列表")
    for item in items:
        if not isinstance(item, dict) or not item.get("code") or not item.get("name"):
            raise ValidationError(f"单位缺少 code 或 name：{item!r}")
        spec = UnitSpec(
            code=str(item["code"]),
            name=str(item["name"]),
            kind=str(item.get("kind", "department")),
            parent=str(item["parent"]) if item.get("parent") else parent,
            aliases=_strings(item.get("aliases")),
            keywords=_strings(item.get("keywords")),
        )
        yield spec
        yield from _walk(item.get("children") or [], spec.code)


def _task_force(item: Any) -> TaskForceSpec:
    if not isinstance(item, dict) or not all(item.get(k) for k in ("code", "name", "lead")):
        raise ValidationError(f"专班缺少 code、name 或 lead：{item!r}")
    return TaskForceSpec(
        code=str(item["code"]),
        name=str(item["name"]),
        lead=str(item["lead"]),
        members=_strings(item.get("members")),
        keywords=_strings(item.get("keywords")),
    )


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ValidationError(f"须为列表：{value!r}")


def _from_csv(content: str) -> Catalogue:
    catalogue = Catalogue()
    reader = csv.DictReader(io.StringIO(content))
    missing = set(CSV_COLUMNS[:3]) - set(reader.fieldnames or [])
    if missing:
        raise ValidationError(f"CSV 缺少列：{', '.join(sorted(missing))}")
    for line, quoted in enumerate(reader, start=2):
        row = {key: restore(value) if isinstance(value, str) else value for key, value in quoted.items()}
        code, name, kind = (row.get(k, "").strip() for k in ("code", "name", "kind"))
        if not code or not name:
            raise ValidationError(f"第 {line} 行缺少 code 或 name")
        parent = (row.get("parent") or "").strip() or None
        keywords = _strings(row.get("keywords"))
        if kind == "task_force":
            if not parent:
                raise ValidationError(f"第 {line} 行：专班须在 parent 列写牵头单位")
            members = _strings(row.get("members"))
            catalogue.task_forces.append(TaskForceSpec(code, name, parent, members, keywords))
        else:
            aliases = _strings(row.get("aliases"))
            catalogue.units.append(UnitSpec(code, name, kind or "department", parent, aliases, keywords))
    return catalogue


def validate(catalogue: Catalogue, known: set[str] | None = None) -> None:
    """Unique codes and names, known kinds, parents and members that exist, no cycles.

    ``known`` are codes already stored, which the file may refer to without listing them.
    """
    codes = [u.code for u in catalogue.units]
    for label, values in (("代码", codes), ("名称", [u.name for u in catalogue.units])):
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            raise ValidationError(f"单位{label}重复：{', '.join(dupes)}")
    taken = {u.name: u.code for u in catalogue.units}
    for force in catalogue.task_forces:
        if taken.get(force.name, force.code) != force.code:
            raise ValidationError(f"专班 {force.code} 与单位 {taken[force.name]} 同名：{force.name}")
    for unit in catalogue.units:
        if unit.kind not in UNIT_KINDS:
            raise ValidationError(f"单位 {unit.code} 的类型 {unit.kind} 无效（可选：{'/'.join(UNIT_KINDS)}）")
    _check_tree(catalogue, known or set())


def _check_tree(catalogue: Catalogue, known: set[str]) -> None:
    parents: dict[str, str | None] = dict.fromkeys(known)
    parents.update({u.code: u.parent for u in catalogue.units})
    for unit in catalogue.units:
        if unit.parent is not None and unit.parent not in parents:
            raise ValidationError(f"单位 {unit.code} 的上级 {unit.parent} 不存在")
    for code in parents:
        seen = {code}
        parent = parents[code]
        while parent is not None:
            if parent in seen:
                raise ValidationError(f"单位 {code} 的上级关系成环")
            seen.add(parent)
            parent = parents.get(parent)
    for force in catalogue.task_forces:
        if force.lead not in parents:
            raise ValidationError(f"专班 {force.code} 的牵头单位 {force.lead} 不在文件中")
        unknown = [m for m in force.members if m not in parents]
        if unknown:
            raise ValidationError(f"专班 {force.code} 的成员单位不在文件中：{', '.join(unknown)}")


def import_catalogue(ledger: Ledger, catalogue: Catalogue) -> ImportResult:
    """Create or update units and task forces by code (units absent from the file are kept)."""
    by_code = {u.code: u for u in ledger.all(Unit)}
    validate(catalogue, set(by_code))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for spec in _parents_first(catalogue.units):
        counts[_upsert_unit(ledger, by_code, spec)] += 1
    for force in catalogue.task_forces:
        counts[_upsert_task_force(ledger, by_code, force)] += 1
        if force.code not in {u.code for u in catalogue.units}:
            _upsert_unit(ledger, by_code, force_unit(force))  # counted once, as the task force
    return ImportResult(**counts)


def force_unit(force: TaskForceSpec) -> UnitSpec:
    """A 专班 as a responsible party: a unit of kind ``task_force`` under its lead unit, with the same
    code and name, so that it can lead a task or an item and has its own row in reviews and scores."""
    return UnitSpec(force.code, force.name, "task_force", force.lead)  # keywords stay with the 专班 rule


def _parents_first(specs: list[UnitSpec]) -> list[UnitSpec]:
    in_file = {s.code: s for s in specs}
    ordered: dict[str, UnitSpec] = {}

    def visit(spec: UnitSpec) -> None:
        if spec.parent in in_file and spec.parent not in ordered:
            visit(in_file[spec.parent])
        ordered.setdefault(spec.code, spec)

    for spec in specs:
        visit(spec)
    return list(ordered.values())


def _upsert_unit(ledger: Ledger, by_code: dict[str, Unit], spec: UnitSpec) -> str:
    parent_id = by_code[spec.parent].id if spec.parent else None
    values = {
        "name": spec.name,
        "kind": spec.kind,
        "parent_id": parent_id,
        "aliases": spec.aliases,
        "keywords": spec.keywords,
    }
    unit = by_code.get(spec.code)
    if unit is None:
        by_code[spec.code] = ledger.add(Unit(code=spec.code, position=len(by_code), **values))
        return "created"
    return _apply(ledger, unit, values)


def _upsert_task_force(ledger: Ledger, by_code: dict[str, Unit], spec: TaskForceSpec) -> str:
    force = ledger.find(TaskForce, code=spec.code)
    values = {"name": spec.name, "lead_unit_id": by_code[spec.lead].id, "keywords": spec.keywords}
    member_ids = [by_code[m].id for m in spec.members]
    if force is None:
        force = ledger.add(TaskForce(code=spec.code, **values))
        force.members = [TaskForceMember(unit_id=i) for i in member_ids]
        ledger.flush()
        return "created"
    status = _apply(ledger, force, values)
    if [m.unit_id for m in force.members] != member_ids:
        force.members = [TaskForceMember(unit_id=i) for i in member_ids]
        ledger.flush()
        status = "updated"
    return status


def _apply(ledger: Ledger, row: Any, values: dict[str, Any]) -> str:
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    for key, value in changed.items():
        setattr(row, key, value)
    ledger.flush()
    return "updated" if changed else "unchanged"


def export_catalogue(ledger: Ledger) -> Catalogue:
    mirrored = {f.code for f in ledger.all(TaskForce)}  # written back as task_forces, not as units
    units = [
        u
        for u in ledger.all(Unit, order_by="position,id")
        if not (u.kind == "task_force" and u.code in mirrored)
    ]
    code = {u.id: u.code for u in units}
    specs = [
        UnitSpec(u.code, u.name, u.kind, code.get(u.parent_id or 0), list(u.aliases), list(u.keywords))
        for u in _tree_order(units)
    ]
    forces = [
        TaskForceSpec(
            f.code, f.name, code[f.lead_unit_id], [code[m.unit_id] for m in f.members], list(f.keywords)
        )
        for f in ledger.all(TaskForce, order_by="id")
    ]
    return Catalogue(specs, forces)


def _tree_order(units: list[Unit]) -> list[Unit]:
    """Parents before their children, siblings in catalogue order."""
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[Unit] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit = stack.pop()
        ordered.append(unit)
        stack.extend(reversed(children.get(unit.id, [])))
    return ordered


def catalogue_yaml(catalogue: Catalogue) -> str:
    """The catalogue as nested YAML (the import format)."""
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for u in catalogue.units:
        node: dict[str, Any] = {"code": u.code, "name": u.name, "kind": u.kind}
        node.update({k: v for k, v in (("aliases", u.aliases), ("keywords", u.keywords)) if v})
        nodes[u.code] = node
        siblings = nodes[u.parent].setdefault("children", []) if u.parent else roots
        siblings.append(node)
    forces = [
        {"code": f.code, "name": f.name, "lead": f.lead, "members": f.members, "keywords": f.keywords}
        for f in catalogue.task_forces
    ]
    return yaml.safe_dump({"units": roots, "task_forces": forces}, allow_unicode=True, sort_keys=False)


def catalogue_rows(catalogue: Catalogue) -> list[dict[str, str]]:
    """The catalogue as flat CSV rows (the import format)."""
    rows = [
        {"code": u.code, "name": u.name, "kind": u.kind, "parent": u.parent or "",
         "aliases": ";".join(u.aliases), "keywords": ";".join(u.keywords), "members": ""}
        for u in catalogue.units
    ]  # fmt: skip
    rows += [
        {"code": f.code, "name": f.name, "kind": "task_force", "parent": f.lead, "aliases": "",
         "keywords": ";".join(f.keywords), "members": ";".join(f.members)}
        for f in catalogue.task_forces
    ]  # fmt: skip
    return rows


def find_unit(ledger: Ledger, key: str) -> Unit:
    """A unit by code, name or alias."""
    unit = ledger.find(Unit, code=key) or ledger.find(Unit, name=key)
    if unit is None:
        unit = next((u for u in ledger.all(Unit) if key in u.aliases), None)
    if unit is None:
        raise NotFoundError(f"找不到单位：{key}")
    return unit


def example_catalogue() -> Path:
    """The packaged example catalogue (data/units/example-city.yaml)."""
    return Path(str(resources.files("luoshi").joinpath("data/units/example-city.yaml")))


def add_unit(
    ledger: Ledger, *, code: str, name: str, kind: str = "department", parent: str | None = None,
    aliases: list[str] | None = None,
) -> Unit:  # fmt: skip
    """One new unit (the web's 新增单位; a catalogue import does many): unique code and name, a known kind."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ValidationError("单位须有代码和名称")
    if kind not in UNIT_KINDS:
        raise ValidationError(f"单位类型 {kind} 无效（可选：{'/'.join(UNIT_KINDS)}）")
    if ledger.find(Unit, code=code):
        raise ValidationError(f"单位代码已存在：{code}")
    _check_names(ledger, None, [name, *(aliases or [])])
    parent_id = find_unit(ledger, parent).id if parent else None
    position = ledger.count(Unit)
    return ledger.add(
        Unit(code=code, name=name, kind=kind, parent_id=parent_id, aliases=list(aliases or []), keywords=[],
             position=position)
    )  # fmt: skip


def edit_unit(ledger: Ledger, *, key: str, name: str, aliases: list[str]) -> Unit:
    """Rename a unit and set its aliases (简称); the old name stays an alias, so older texts still match."""
    unit = find_unit(ledger, key)
    name = name.strip()
    if not name:
        raise ValidationError("单位名称不能为空")
    kept = [a.strip() for a in aliases if a.strip() and a.strip() != name]
    if unit.name != name and unit.name not in kept:
        kept.append(unit.name)
    _check_names(ledger, unit.id, [name, *kept])
    unit.name, unit.aliases = name, list(dict.fromkeys(kept))
    ledger.flush()
    return unit


def set_unit_active(ledger: Ledger, *, key: str, active: bool) -> Unit:
    """Disable (no new assignments, items or accounts choose it; its history stays) or enable a unit."""
    unit = find_unit(ledger, key)
    unit.active = active
    ledger.flush()
    return unit


def _check_names(ledger: Ledger, unit_id: int | None, names: list[str]) -> None:
    """A name or alias may belong to one unit only (``find_unit`` must find one)."""
    for other in ledger.all(Unit):
        if other.id == unit_id:
            continue
        taken = {other.name, other.code, *other.aliases} & set(names)
        if taken:
            raise ValidationError(f"名称或简称已被 {other.name} 使用：{'、'.join(sorted(taken))}")
