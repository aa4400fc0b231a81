"""Progress figures kept for the monitoring dashboard: each section's previous progress (tiến
độ kỳ trước) and each report's progress total and count.

Previous progress is what the same unit last reported on the same task in an earlier round.

Definition: among the unit's sections on the task in rounds whose period ends strictly before
this section's round ends, the latest (by period end, then period start) with a progress
figure in a report the unit has sent (submitted or accepted: a draft's figure, or one waiting
for the leader, was never reported, so it counts for nothing). Rounds ending on the same day
(a second half-year and its whole year) are never each other's "previous". The value is
stored on the section (TaskReport.previous_progress) so the dashboard reads stalled tasks
from the current round's sections only; it is kept here:

- ``fill_new_sections`` when a round's sections are derived (they have no progress yet, so
  they change nothing for later rounds);
- ``refresh_chains`` when a report's progress figures change, and ``refresh_report_chains``
  when a report is sent or taken back (the later sections of those (unit, task) chains may now
  see a different previous figure);
- ``rebuild_plan`` for a whole plan (demo data, migration, repair).

A report's ``progress_total`` / ``progress_count`` (sum and number of its sections' figures)
are kept by ``refresh_totals`` whenever a figure changes, and by ``rebuild_plan``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Case, Count, F, OuterRef, Subquery, Sum, Value, When

from reporting.models import RECEIVED_STATUSES, ReportingRound, TaskReport, UnitReport

Row = tuple[Any, Any, Any, Any, int | None, int | None]  # pk, unit, task, end, progress, stored


def previous_values(rows: Iterable[Row]) -> Iterator[tuple[Any, int | None]]:
    """(pk, previous progress) for sections sorted by unit, task, period end, period start."""
    chain: tuple[Any, Any] | None = None
    end: Any = None
    seen: int | None = None  # the latest figure so far in this chain
    before: int | None = None  # the latest figure in rounds ending strictly earlier
    for pk, unit, task, period_end, progress, _stored in rows:
        if (unit, task) != chain:
            chain, end, seen, before = (unit, task), None, None, None
        if period_end != end:
            end, before = period_end, seen
        yield pk, before
        if progress is not None:
            seen = progress


def _apply(rows: list[Row]) -> int:
    stored = {row[0]: row[5] for row in rows}
    changed = [
        TaskReport(pk=pk, previous_progress=value)
        for pk, value in previous_values(rows)
        if stored[pk] != value
    ]
    TaskReport.objects.bulk_update(changed, ["previous_progress"], batch_size=1000)
    return len(changed)


def _chain_rows(**lookups: Any) -> list[Row]:
    """The sections of the chains, each with its figure only when its report was sent."""
    return list(
        TaskReport.objects.filter(**lookups)
        .annotate(
            counted=Case(
                When(unit_report__status__in=RECEIVED_STATUSES, then=F("progress")),
                default=Value(None),
            )
        )
        .order_by(
            "unit_report__unit_id",
            "task_id",
            "unit_report__round__period_end",
            "unit_report__round__period_start",
            "unit_report__round_id",
        )
        .values_list(
            "pk",
            "unit_report__unit_id",
            "task_id",
            "unit_report__round__period_end",
            "counted",
            "previous_progress",
        )
    )


def refresh_chains(plan_id: Any, unit_id: Any, task_ids: Iterable[Any]) -> int:
    """Recompute the chains of one unit's tasks after its progress figures changed."""
    task_ids = list(task_ids)
    if not task_ids:
        return 0
    return _apply(
        _chain_rows(
            unit_report__round__plan_id=plan_id,
            unit_report__unit_id=unit_id,
            task_id__in=task_ids,
        )
    )


def refresh_report_chains(report: UnitReport) -> int:
    """After a report was sent or taken back: its figures now count, or no longer do, as the
    previous figure of the unit's later sections on the same tasks."""
    return refresh_chains(
        report.round.plan_id,
        report.unit_id,
        report.task_reports.filter(progress__isnull=False).values_list("task_id", flat=True),
    )


def refresh_totals(report_ids: Iterable[Any]) -> None:
    """Recompute the progress total and count of these reports from their sections."""
    report_ids = list(report_ids)
    for start in range(0, len(report_ids), 1000):
        chunk = report_ids[start : start + 1000]
        sums = {
            row["unit_report_id"]: (row["total"], row["n"])
            for row in TaskReport.objects.filter(unit_report_id__in=chunk, progress__isnull=False)
            .values("unit_report_id")
            .annotate(total=Sum("progress"), n=Count("progress"))
            .order_by()
        }
        reports = []
        for report in UnitReport.objects.filter(pk__in=chunk).only(
            "pk", "progress_total", "progress_count"
        ):
            total, n = sums.get(report.pk, (0, 0))
            if (report.progress_total, report.progress_count) != (total, n):
                report.progress_total, report.progress_count = total, n
                reports.append(report)
        UnitReport.objects.bulk_update(reports, ["progress_total", "progress_count"])


def rebuild_plan(plan_id: Any) -> int:
    """Every kept figure of a plan: previous progress on each section, totals on each report."""
    refresh_totals(UnitReport.objects.filter(round__plan_id=plan_id).values_list("pk", flat=True))
    return _apply(_chain_rows(unit_report__round__plan_id=plan_id))


def fill_new_sections(round_: ReportingRound) -> int:
    """Set previous progress on a round's sections in one statement (province scale: tens of
    thousands of sections at derivation)."""
    unit_of_report = UnitReport.objects.filter(pk=OuterRef(OuterRef("unit_report_id"))).values(
        "unit_id"
    )[:1]
    earlier = (
        TaskReport.objects.filter(
            task_id=OuterRef("task_id"),
            unit_report__unit_id=Subquery(unit_of_report),
            unit_report__round__plan_id=round_.plan_id,
            unit_report__round__period_end__lt=round_.period_end,
            unit_report__status__in=RECEIVED_STATUSES,
            progress__isnull=False,
        )
        .order_by("-unit_report__round__period_end", "-unit_report__round__period_start")
        .values("progress")[:1]
    )
    return TaskReport.objects.filter(unit_report__round=round_).update(
        previous_progress=Subquery(earlier)
    )
