"""Chinese labels for derived states, colours and roles."""

from __future__ import annotations

STATUS_LABELS = {
    "not_started": "未启动",
    "on_track": "正常推进",
    "behind": "进度滞后",
    "overdue": "逾期",
    "missing": "缺报",
    "done": "已完成待验收",
    "closed": "已销号",
}
COLOUR_LABELS = {"green": "绿", "yellow": "黄", "red": "红", "orange": "橙", "grey": "—"}
ROLE_LABELS = {"admin": "督查室", "leader": "领导", "reporter": "单位填报员", "public": "公众"}
