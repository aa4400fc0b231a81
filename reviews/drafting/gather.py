"""What the report is drawn from: the plan's tasks and the period's unit and task reports.

Only accepted unit reports (đã tiếp nhận) feed the text; every report of the period, whatever
its state, counts for the completeness of reporting (tình hình nộp báo cáo).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q

from plans.models import Plan, Section, Task, TaskAssignment
from reporting.models import ReportStatus, TaskReport, UnitReport
from reviews.drafting.base import Period


@dataclass
class Sources:
    """The rows one draft reads, loaded once and shared by every report part."""

    plan: Plan
    period: Period
    tasks: list[Task]
    reports: list[UnitReport]
    accepted: list[UnitReport]
    task_reports: list[TaskReport]
    by_task: dict[Any, list[TaskReport]]


def _tasks(plan: Plan) -> list[Task]:
    assignments = Prefetch(
        "assignments",
        queryset=TaskAssignment.objects.filter(is_active=True).select_related("unit"),
    )
    return list(
        plan.tasks.select_related("section", "section__parent")
        .prefetch_related(assignments)
        .order_by("order", "code")
    )


def _reports(period: Period, plan: Plan) -> list[UnitReport]:
    if period.round is not None:
        query = Q(round=period.round)
    else:
        query = Q(
            round__plan=plan,
            round__period_start__gte=period.start,
            round__period_end__lte=period.end,
        )
    return list(
        UnitReport.objects.filter(query)
        .select_related("unit", "round")
        .order_by("unit__name", "round__period_end")
    )


def gather(plan: Plan, period: Period) -> Sources:
    tasks = _tasks(plan)
    reports = _reports(period, plan)
    accepted = [r for r in reports if r.status == ReportStatus.ACCEPTED]
    task_reports = list(
        TaskReport.objects.filter(unit_report_id__in=[r.pk for r in accepted])
        .select_related("unit_report__unit")
        .order_by("task_id", "unit_report__unit__name")
    )
    by_task: dict[Any, list[TaskReport]] = defaultdict(list)
    for tr in task_reports:
        by_task[tr.task_id].append(tr)
    return Sources(plan, period, tasks, reports, accepted, task_reports, by_task)


def section_label(section: Section | None) -> str:
    """ "II.1" for a sub-section, "II" for a top-level one."""
    if section is None:
        return ""
    if section.parent_id and section.parent is not None:
        return f"{section.parent.label}.{section.label}"
    return section.label
