"""Part III of the report, directions (phương hướng, nhiệm vụ thời gian tới).

The unfinished tasks, section by section, with their progress and lead units; the finished
ones to keep up; and the open issues (vướng mắc) of the plan's register to resolve.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from plans.models import Task, TaskStatus
from reporting.models import OPEN_ISSUE_STATUSES, Issue
from reviews.drafting.base import Para
from reviews.drafting.gather import Sources
from reviews.drafting.text import fmt_date, fmt_number, lower_first

DONE_STATUSES = {TaskStatus.COMPLETED, TaskStatus.CLOSED}
# The register can be long: the report names the most severe, oldest first.
ISSUE_LIMIT = 10


def _task_item(task: Task, row: dict[str, Any]) -> str:
    values = {"task": task.code or task.title[:60], "progress": fmt_number(row["progress"])}
    if row["leads"]:
        return _("%(task)s (đạt %(progress)s%%, %(leads)s chủ trì)") % {
            **values,
            "leads": row["leads"],
        }
    return _("%(task)s (đạt %(progress)s%%)") % values


def _issue_paragraph(sources: Sources) -> Para | None:
    issues = list(
        Issue.objects.filter(plan=sources.plan, status__in=OPEN_ISSUE_STATUSES)
        .select_related("owner", "source")
        .order_by("-severity", "created_at")[:ISSUE_LIMIT]
    )
    if not issues:
        return None
    listed = "; ".join(
        _("%(issue)s (%(unit)s xử lý)") % {"issue": i.title, "unit": i.owner.name} for i in issues
    )
    return Para(
        "directions",
        _("Tập trung tháo gỡ các vướng mắc còn tồn đọng: %(issues)s.") % {"issues": listed},
        reports={i.source.unit_report_id for i in issues if i.source is not None},
        task_reports={i.source_id for i in issues if i.source_id},
    )


def direction_paragraphs(sources: Sources, rows: list[dict[str, Any]]) -> list[Para]:
    """``rows`` are the task rows of the annex (``results.task_rows``), in task order."""
    paras: list[Para] = []
    by_section: dict[Any, list[tuple[Task, dict[str, Any]]]] = {}
    for task, row in zip(sources.tasks, rows, strict=True):
        if row["status_code"] in DONE_STATUSES:
            continue
        by_section.setdefault(task.section_id, []).append((task, row))
    for items in by_section.values():
        section = items[0][0].section
        if section is not None:
            lead = _("Về %(heading)s") % {"heading": lower_first(section.heading)}
        else:
            lead = _("Các nhiệm vụ khác")
        reported = [tr for task, _row in items for tr in sources.by_task.get(task.pk, [])]
        text = _("%(lead)s: tiếp tục triển khai, phấn đấu hoàn thành các nhiệm vụ %(tasks)s.") % {
            "lead": lead,
            "tasks": "; ".join(_task_item(task, row) for task, row in items),
        }
        paras.append(
            Para(
                "directions",
                text,
                reports={tr.unit_report_id for tr in reported},
                task_reports={tr.pk for tr in reported},
            )
        )
    done = sum(1 for r in rows if r["status_code"] in DONE_STATUSES)
    if done:
        text = _(
            "Duy trì, nhân rộng kết quả của %(count)s nhiệm vụ đã hoàn thành; rà soát, điều "
            "chỉnh lộ trình sau ngày %(date)s cho phù hợp tình hình mới."
        ) % {"count": done, "date": fmt_date(sources.period.end)}
        paras.append(Para("directions", text))
    issues = _issue_paragraph(sources)
    if issues is not None:
        paras.append(issues)
    return paras
