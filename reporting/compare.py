"""Field-level comparison of two report revisions, for the side-by-side view."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from plans.models import TaskStatus
from reporting.models import ReportStatus

FIELD_LABELS = {
    "results": _("Kết quả đạt được"),
    "status": _("Tình trạng"),
    "progress": _("Tiến độ (%)"),
    "difficulties": _("Khó khăn, vướng mắc"),
    "proposals": _("Đề xuất, kiến nghị"),
}


def _display(field: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    if field == "status" and value in TaskStatus.values:
        return str(TaskStatus(value).label)
    return str(value)


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows (section, field, left, right, changed); sections matched by their id."""
    rows: list[dict[str, Any]] = []
    for name, label in (("status", _("Trạng thái báo cáo")), ("summary", _("Đánh giá chung"))):
        left, right = a.get(name) or "", b.get(name) or ""
        if name == "status":
            left = ReportStatus(left).label if left in ReportStatus.values else left
            right = ReportStatus(right).label if right in ReportStatus.values else right
        rows.append(
            {
                "section": "",
                "field": label,
                "left": left,
                "right": right,
                "changed": left != right,
            }
        )
    left_sections = {s["id"]: s for s in a.get("sections", [])}
    right_sections = {s["id"]: s for s in b.get("sections", [])}
    order = list(left_sections) + [k for k in right_sections if k not in left_sections]
    for key in order:
        ls, rs = left_sections.get(key, {}), right_sections.get(key, {})
        title = f"{(ls or rs).get('task', '')} {(ls or rs).get('task_title', '')}".strip()
        for field, label in FIELD_LABELS.items():
            left, right = _display(field, ls.get(field)), _display(field, rs.get(field))
            rows.append(
                {
                    "section": title,
                    "field": label,
                    "left": left,
                    "right": right,
                    "changed": left != right,
                }
            )
    return rows
