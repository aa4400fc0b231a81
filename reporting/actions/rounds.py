"""Named writes of the reporting calendar: schedules, rounds (kỳ báo cáo) and the unit reports
derived for each round. Only the monitoring office and the plan's editors run the calendar.
"""

from __future__ import annotations

import datetime
import itertools
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from core.errors import ActionError, NotAllowed
from core.params import YEAR_MIN
from plans.models import Plan, PlanStatus, Task, TaskAssignment, TaskStatus
from reporting.models import (
    REGULAR_KINDS,
    PeriodKind,
    ReportingRound,
    ReportingSchedule,
    TaskReport,
    UnitReport,
    is_reviewer,
)
from reporting.periods import periods, responsible_units, successor_map
from reporting.progress import fill_new_sections

if TYPE_CHECKING:
    from accounts.models import User


# ---------------------------------------------------------------------------------------------
# Calendar and rounds
# ---------------------------------------------------------------------------------------------


# Round generation bounds (one request): how far ahead, and how many rounds at most
# (monthly rounds over ten years).
MAX_YEARS_AHEAD = 10
MAX_ROUNDS_PER_CALL = 120
# A request derives the unit reports of at most this many new rounds; the reports of the
# others are derived by the worker, one round per transaction (derive_rounds_later).
DERIVE_IN_REQUEST = 12
# The daily calendar job opens rounds in transactions of at most this many rounds.
ROUNDS_PER_TRANSACTION = 24


def _require_reviewer(actor: User, plan: Plan) -> None:
    if not is_reviewer(actor, plan):
        raise NotAllowed()


@transaction.atomic
def create_schedule(
    actor: User,
    plan: Plan,
    *,
    kind: str,
    due_days_after_end: int,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> ReportingSchedule:
    _require_reviewer(actor, plan)
    if kind not in [k.value for k in REGULAR_KINDS]:
        raise ActionError(_("Kỳ báo cáo định kỳ không hợp lệ."))
    if end_date and end_date < start_date:
        raise ActionError(_("Ngày kết thúc phải sau ngày bắt đầu áp dụng."))
    if plan.reporting_schedules.filter(kind=kind, is_active=True).exists():
        raise ActionError(_("Kế hoạch đã có lịch báo cáo loại này."))
    schedule = ReportingSchedule.objects.create(
        plan=plan,
        kind=kind,
        due_days_after_end=due_days_after_end,
        start_date=start_date,
        end_date=end_date,
    )
    record(
        actor,
        "reporting.schedule.create",
        schedule,
        {k: [None, v] for k, v in snapshot(schedule, ("kind", "due_days_after_end")).items()},
    )
    return schedule


@transaction.atomic
def generate_rounds(
    actor: User, schedule: ReportingSchedule, until: datetime.date, *, derive: bool = True
) -> list[ReportingRound]:
    """Create the schedule's rounds whose period starts on or before ``until`` (idempotent)."""
    _require_reviewer(actor, schedule.plan)
    # Bounded work in one request: a date far away (01/01/1900 → 31/12/2400) would create
    # thousands of rounds in one transaction and hold the database meanwhile.
    latest = timezone.localdate().replace(month=12, day=31)
    latest = latest.replace(year=latest.year + MAX_YEARS_AHEAD)
    if until > latest or until.year < YEAR_MIN:
        raise ActionError(
            _("Chỉ tạo được các kỳ đến hết ngày %(date)s.")
            % {"date": formats.date_format(latest, "SHORT_DATE_FORMAT")}
        )
    wanted = list(
        itertools.islice(
            periods(schedule.kind, schedule.start_date, until, schedule.end_date),
            MAX_ROUNDS_PER_CALL + 1,
        )
    )
    if len(wanted) > MAX_ROUNDS_PER_CALL:
        raise ActionError(
            _("Mỗi lần tạo được tối đa %(n)s kỳ; hãy chọn ngày gần hơn.")
            % {"n": MAX_ROUNDS_PER_CALL}
        )
    created: list[ReportingRound] = []
    for period in wanted:
        round_, was_created = ReportingRound.objects.get_or_create(
            plan=schedule.plan,
            kind=schedule.kind,
            period_start=period.start,
            period_end=period.end,
            defaults={
                "schedule": schedule,
                "label": period.label,
                "due_date": period.end + datetime.timedelta(days=schedule.due_days_after_end),
            },
        )
        if was_created:
            created.append(round_)
            record(actor, "reporting.round.create", round_, {"label": [None, round_.label]})
    if derive:
        # Bounded work in the request: the reports of the first rounds now, the rest by the
        # worker in transactions of one round each (idempotent, so a requeued task is safe).
        for round_ in created[:DERIVE_IN_REQUEST]:
            derive_reports(actor, round_)
        later = [str(round_.pk) for round_ in created[DERIVE_IN_REQUEST:]]
        if later:
            transaction.on_commit(lambda: _enqueue_derive(later, actor.pk))
    return created


def _enqueue_derive(round_ids: list[str], actor_id: Any) -> None:
    from reporting.tasks import derive_rounds_task

    derive_rounds_task.enqueue(round_ids, actor_id)


def derive_rounds_later(round_ids: list[str], actor_id: Any) -> int:
    """The worker's part of ``generate_rounds``: derive each round's reports in its own
    transaction, audited under the person who generated the rounds. Returns rounds done."""
    from accounts.models import User

    actor = User.objects.filter(pk=actor_id).first()
    done = 0
    for round_ in ReportingRound.objects.filter(pk__in=round_ids).select_related("plan"):
        with transaction.atomic():
            _derive(actor, round_)
        done += 1
    return done


@transaction.atomic
def create_round(
    actor: User,
    plan: Plan,
    *,
    kind: str,
    label: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
    template: str = "",
    derive: bool = True,
) -> ReportingRound:
    """A one-off round (sơ kết, tổng kết) with its own deadline and report template."""
    _require_reviewer(actor, plan)
    if kind not in (PeriodKind.INTERIM_REVIEW, PeriodKind.FINAL_REVIEW):
        raise ActionError(_("Kỳ đột xuất phải là sơ kết hoặc tổng kết."))
    if period_end < period_start:
        raise ActionError(_("Ngày kết thúc kỳ phải sau ngày bắt đầu."))
    if due_date < period_start:
        raise ActionError(_("Hạn nộp không thể trước ngày bắt đầu kỳ."))
    if plan.rounds.filter(kind=kind, period_start=period_start, period_end=period_end).exists():
        raise ActionError(_("Kế hoạch đã có kỳ báo cáo này."))
    round_ = ReportingRound.objects.create(
        plan=plan,
        kind=kind,
        label=label,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        template=template,
    )
    record(
        actor,
        "reporting.round.create",
        round_,
        {
            k: [None, v]
            for k, v in snapshot(
                round_, ("label", "period_start", "period_end", "due_date")
            ).items()
        },
    )
    if derive:
        derive_reports(actor, round_)
    return round_


def round_tasks(plan: Plan) -> list[Task]:
    """Open tasks of the plan with their active assignments (units loaded)."""
    return list(
        plan.tasks.exclude(status=TaskStatus.CLOSED)
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=TaskAssignment.objects.filter(is_active=True).select_related("unit"),
            )
        )
        .order_by("order", "code")
    )


@transaction.atomic
def derive_reports(actor: User, round_: ReportingRound) -> dict[str, Any]:
    """Create the expected unit reports of a round, one section per task (idempotent).

    Existing reports and sections are left as they are: running it again after a reassignment
    only adds what is missing.
    """
    _require_reviewer(actor, round_.plan)
    return _derive(actor, round_)


def _derive(actor: User | None, round_: ReportingRound) -> dict[str, Any]:
    """``derive_reports`` without the permission check: the calendar job runs it as the
    system (no actor), inside its own transaction."""
    expected, orphans = responsible_units(
        round_tasks(round_.plan), round_.period_end, successor_map()
    )
    existing = {r.unit_id: r for r in round_.reports.all()}
    new_reports = [
        UnitReport(round=round_, unit=unit) for unit in expected if unit.pk not in existing
    ]
    UnitReport.objects.bulk_create(new_reports)
    for report in new_reports:
        existing[report.unit_id] = report
    have = set(
        TaskReport.objects.filter(unit_report__round=round_).values_list(
            "unit_report__unit_id", "task_id"
        )
    )
    sections = [
        TaskReport(unit_report=existing[unit.pk], task=task, role=role)
        for unit, tasks in expected.items()
        for task, role in tasks.items()
        if (unit.pk, task.pk) not in have
    ]
    TaskReport.objects.bulk_create(sections)
    if sections:
        fill_new_sections(round_)
    orphan_names = [u.name for u in orphans]
    result: dict[str, Any] = {
        "reports": len(new_reports),
        "sections": len(sections),
        "orphans": orphan_names,
    }
    record(
        actor,
        "reporting.round.derive",
        round_,
        {"reports": [None, len(new_reports)], "sections": [None, len(sections)]},
        note=(_("Đơn vị đã giải thể chưa có đơn vị kế thừa: %s") % ", ".join(orphan_names))
        if orphans
        else "",
    )
    return result


def open_current_rounds(today: datetime.date | None = None) -> dict[str, Any]:
    """The calendar runs itself (the worker's daily job): every active schedule of a plan in
    progress gets its rounds up to the period containing ``today``, with their unit reports.

    Idempotent: a period that already has its round is skipped, so a second run (or a second
    worker) adds nothing. Each opened round is logged (audit, by the system, no actor), and so
    are the reports derived for it. Returns the labels of the rounds opened.

    Bounded: at most ROUNDS_PER_TRANSACTION rounds (with their reports) per transaction, so a
    schedule that starts decades ago never holds the database in one giant transaction; a
    worker killed between two batches resumes with the next run.
    """
    opened: list[str] = []
    while True:
        batch, schedules = _open_rounds_batch(today, ROUNDS_PER_TRANSACTION)
        opened += batch
        if len(batch) < ROUNDS_PER_TRANSACTION:
            return {"opened": opened, "schedules": schedules}


@transaction.atomic
def _open_rounds_batch(today: datetime.date | None, limit: int) -> tuple[list[str], int]:
    """Open up to ``limit`` due rounds in one transaction; the labels and the schedule count."""
    today = today or timezone.localdate()
    schedules = list(
        ReportingSchedule.objects.filter(is_active=True, start_date__lte=today)
        .filter(plan__status=PlanStatus.ACTIVE)
        .select_related("plan")
        .order_by("plan_id", "kind")
    )
    have = set(
        ReportingRound.objects.filter(plan_id__in={s.plan_id for s in schedules}).values_list(
            "plan_id", "kind", "period_start", "period_end"
        )
    )
    opened: list[str] = []
    for schedule in schedules:
        for period in periods(schedule.kind, schedule.start_date, today, schedule.end_date):
            key = (schedule.plan_id, schedule.kind, period.start, period.end)
            if key in have:
                continue
            round_, created = ReportingRound.objects.get_or_create(
                plan=schedule.plan,
                kind=schedule.kind,
                period_start=period.start,
                period_end=period.end,
                defaults={
                    "schedule": schedule,
                    "label": period.label,
                    "due_date": period.end + datetime.timedelta(days=schedule.due_days_after_end),
                },
            )
            have.add(key)
            if not created:
                continue
            record(
                None,
                "reporting.round.open",
                round_,
                {
                    "label": [None, round_.label],
                    "due_date": [None, round_.due_date],
                },
                note=_("Tự động mở theo lịch báo cáo định kỳ của kế hoạch."),
            )
            _derive(None, round_)
            opened.append(f"{schedule.plan}: {round_.label}")
            if len(opened) >= limit:
                return opened, len(schedules)
    return opened, len(schedules)


# ---------------------------------------------------------------------------------------------
# Unit reports: save, submit, approve, review
# ---------------------------------------------------------------------------------------------
