"""Part I of the report, results (kết quả thực hiện): how units reported, and each task's results.

Also builds two annex tables: the completeness of reporting per unit (phụ lục 1) and the state
of each task (phụ lục 2). A task's state is its lead unit's report when there is one, else
the plan's own figure.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import fold
from orgunits.models import OrgUnit
from plans.models import AssignmentRole, Task, TaskStatus
from reporting.models import ReportStatus, TaskReport, UnitReport
from reviews.drafting.base import Para, Period
from reviews.drafting.gather import Sources, section_label
from reviews.drafting.text import fmt_date, lower_first, names, quote, render
from reviews.models import ParagraphKind


def completeness_rows(sources: Sources) -> list[dict[str, Any]]:
    """One row per unit expected to report (assigned to a task, or reporting anyway)."""
    period = sources.period
    expected: dict[Any, OrgUnit] = {}
    for task in sources.tasks:
        for assignment in task.assignments.all():
            unit = assignment.unit
            if (unit.valid_from is None or unit.valid_from <= period.end) and (
                unit.valid_to is None or unit.valid_to >= period.start
            ):
                expected[unit.pk] = unit
    latest: dict[Any, UnitReport] = {}
    for unit_report in sources.reports:
        expected.setdefault(unit_report.unit_id, unit_report.unit)
        latest[unit_report.unit_id] = unit_report  # ordered by period end: the last round wins
    rows = []
    for unit in sorted(expected.values(), key=lambda u: fold(u.name)):
        report = latest.get(unit.pk)
        submitted = report.submitted_at if report else None
        due = report.round.due_date if report else period.due_date
        on_time = bool(submitted and due and timezone.localdate(submitted) <= due)
        rows.append(
            {
                "unit": unit.name,
                "report_id": str(report.pk) if report else "",
                "status": report.get_status_display() if report else _("Chưa có báo cáo"),
                "status_code": report.status if report else "",
                "submitted_on": fmt_date(timezone.localdate(submitted)) if submitted else "",
                "due_date": fmt_date(due),
                "on_time": on_time,
                "accepted": bool(report and report.status == ReportStatus.ACCEPTED),
            }
        )
    return rows


def completeness_paragraph(
    rows: list[dict[str, Any]], accepted: list[UnitReport], period: Period
) -> Para:
    submitted = sum(1 for r in rows if r["submitted_on"])
    on_time = sum(1 for r in rows if r["on_time"])
    missing = [r["unit"] for r in rows if not r["submitted_on"]]
    text = render(
        "completeness.txt",
        period=lower_first(period.label),
        on_time=on_time,
        total=len(rows),
        late=submitted - on_time,
        missing=len(missing),
        accepted=len(accepted),
        missing_units=names(missing),
    )
    return Para("results", text, reports={r.pk for r in accepted})


def task_rows(sources: Sources) -> list[dict[str, Any]]:
    """One row per task: its lead units and its state, from the reports when they give one."""
    labels = dict(TaskStatus.choices)
    rows = []
    for task in sources.tasks:
        reported = sources.by_task.get(task.pk, [])
        leads = [a.unit.name for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
        status, progress, source = task.status, task.progress, "plan"
        lead_reports = [tr for tr in reported if tr.role == AssignmentRole.LEAD] or reported
        with_status = [tr for tr in lead_reports if tr.status]
        if with_status:
            best = max(with_status, key=lambda tr: tr.progress or 0)
            status, source = best.status, "report"
            progress = best.progress if best.progress is not None else progress
        rows.append(
            {
                "code": task.code,
                "title": task.title,
                "section": section_label(task.section),
                "leads": ", ".join(leads),
                "status": str(labels.get(status, status)),
                "status_code": status,
                "progress": progress,
                "reports": len(reported),
                "source": source,
            }
        )
    return rows


def status_paragraph(rows: list[dict[str, Any]], task_reports: list[TaskReport]) -> Para:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["status_code"]] += 1
    parts = [
        _("%(count)s nhiệm vụ %(status)s") % {"count": counts[code], "status": str(label).lower()}
        for code, label in TaskStatus.choices
        if counts.get(code)
    ]
    text = render(
        "status.txt",
        total=len(rows),
        reported=sum(1 for r in rows if r["reports"]),
        statuses="; ".join(parts) or _("chưa có số liệu"),
    )
    return Para("results", text, reports={tr.unit_report_id for tr in task_reports})


def task_head(task: Task) -> str:
    """How a paragraph names its task: "Nhiệm vụ II.1 (tuyên truyền …)", or the bare title."""
    if not task.code:
        return task.title
    return _("Nhiệm vụ %(code)s (%(title)s)") % {
        "code": task.code,
        "title": lower_first(task.title),
    }


def result_paragraphs(sources: Sources, prefix: str = "2") -> list[Para]:
    """Under each section's heading, one paragraph per task quoting each unit's key result.

    Sections are numbered under ``prefix`` (the sub-part of part I that holds them)."""
    paras: list[Para] = []
    current: Any = object()
    number = 0
    for task in sources.tasks:
        if task.section_id != current:
            current = task.section_id
            if task.section is not None:
                # Numbered inside part I ("2.1.", "2.2." …) with the plan's own label as a
                # reference: the plan's "II.1" written as a heading read as the report's
                # part II sitting under part I.
                number += 1
                paras.append(
                    Para(
                        "results",
                        _("%(prefix)s.%(n)s. %(heading)s (mục %(label)s của kế hoạch)")
                        % {
                            "prefix": prefix,
                            "n": number,
                            "heading": task.section.heading,
                            "label": section_label(task.section),
                        },
                        ParagraphKind.SUBHEADING,
                    )
                )
        reported = [tr for tr in sources.by_task.get(task.pk, []) if tr.results.strip()]
        reported.sort(
            key=lambda tr: (tr.role != AssignmentRole.LEAD, fold(tr.unit_report.unit.name))
        )
        progress = [tr.progress for tr in reported if tr.progress is not None]
        text = render(
            "task_result.txt",
            head=task_head(task),
            quotes="; ".join(f"{tr.unit_report.unit.name}: {quote(tr.results)}" for tr in reported),
            progress=max(progress) if progress else None,
        )
        paras.append(
            Para(
                "results",
                text,
                reports={tr.unit_report_id for tr in reported},
                task_reports={tr.pk for tr in reported},
            )
        )
    return paras
