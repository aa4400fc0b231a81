"""What reporting shows on lower apps' pages (core.panels slots), computed here so the lower
app (plans) never names reporting."""

from __future__ import annotations

from typing import Any

from core.panels import PageContext
from reporting.models import TaskReport

# A task of a five-year plan has two or three rounds a year for a dozen units: enough rows to
# read, bounded so the page stays one query and a few hundred rows at most.
TASK_REPORT_ROWS = 200


def task_reports_context(page: PageContext) -> dict[str, Any]:
    """Panel "plans.task_detail": the unit reports on this task over time, newest round first,
    only those the viewer may see (scoped)."""
    task = page["object"]
    request = page.get("request")
    user = getattr(request, "user", None)
    sections = (
        TaskReport.objects.visible_to(user)
        .filter(task=task)
        .select_related("unit_report", "unit_report__round", "unit_report__unit")
        .order_by("-unit_report__round__period_end", "unit_report__unit__name")
    )
    rows = list(sections[: TASK_REPORT_ROWS + 1])
    return {
        "task_report_rows": rows[:TASK_REPORT_ROWS],
        "task_report_more": len(rows) > TASK_REPORT_ROWS,
    }
