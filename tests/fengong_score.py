"""Score a breakdown reading against a gold file, by the rules of ../shared/eval/fengong_score.py.

Each gold line is paired with the predicted line whose task text is most alike (character-bigram
Dice >= 0.8, one to one). link: the predicted report sentence is the gold one (Dice >= 0.6 with
the sentence, or with it joined to ``also_from``), or both are none; units: lead and co-units
as written (order ignored); deadline: the same ISO date or both none. Rates are over all gold lines.
"""

from __future__ import annotations

from typing import Any

PUNCT = set("，,。、；;：:")


def _grams(s: str) -> set[str]:
    s = "".join(ch for ch in s or "" if not ch.isspace() and ch not in PUNCT)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def dice(a: str, b: str) -> float:
    x, y = _grams(a), _grams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else float(a == b)


def _names(values: list[Any] | None) -> list[str]:
    return sorted("".join(str(v).split()) for v in values or [])


def rates(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, float]:
    """{"link", "units", "deadline"}: shares of gold lines read right."""
    lines, found = gold["lines"], pred["lines"]
    pairs = sorted(
        ((dice(p["task"], g["task"]), i, j) for i, g in enumerate(lines) for j, p in enumerate(found)),
        reverse=True,
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score >= 0.8 and i not in match and j not in used:
            match[i] = j
            used.add(j)
    right = {"link": 0, "units": 0, "deadline": 0}
    for i, g in enumerate(lines):
        if i not in match:
            continue
        p = found[match[i]]
        want = g.get("report_sentence_simplified")
        got = str((p.get("report_task") or {}).get("text") or "")
        if want is None:
            right["link"] += not got
        else:
            whole = "".join([want, *(g.get("also_from_simplified") or [])])
            right["link"] += bool(got) and max(dice(got, want), dice(got, whole)) >= 0.6
        right["units"] += _names(p["lead"]) == _names(g["lead"]) and _names(p["co"]) == _names(g["co"])
        right["deadline"] += (p.get("deadline") or None) == (g.get("deadline") or None)
    return {k: v / len(lines) for k, v in right.items()}
