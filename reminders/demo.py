"""Demo reminders: replay the daily reminder job (without e-mail) over the weeks around the due
dates of recent rounds that still have open reports, back-dated to each day's 07:00, then a few
"đôn đốc" by the monitoring officer today. Runs after reporting.demo."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats, timezone

from accounts.models import Membership
from notifications.models import Notification
from reminders import actions
from reminders.models import ReminderKind, ReminderLog
from reporting.models import UnitReport
from reporting.notices import REMINDER_ROLES

LOOK_BACK_DAYS = 600  # rounds due in the last ~20 months
WINDOW = (-8, 14)  # replay from a week before each due date to two weeks after it
MANUAL_MESSAGE = (
    "Ban Tuyên giáo Thành ủy đề nghị đơn vị khẩn trương hoàn thành báo cáo {round}, gửi về "
    "trước ngày {deadline} để kịp tổng hợp báo cáo Ban Thường vụ Thành ủy."
)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def replay_days(today: datetime.date) -> list[datetime.date]:
    """The days around the due dates of recent rounds that still have unsubmitted reports."""
    due_dates = set(
        UnitReport.objects.exclude(status__in=actions.DONE_STATUSES)
        .filter(round__due_date__gte=today - datetime.timedelta(days=LOOK_BACK_DAYS))
        .values_list("round__due_date", flat=True)
    )
    days = {
        due + datetime.timedelta(days=offset)
        for due in due_dates
        for offset in range(WINDOW[0], WINDOW[1] + 1)
    }
    return sorted(day for day in days if day < today)


def load(context: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    days = replay_days(today)
    for day in days:
        started = timezone.now()
        actions.send_reminders(day, email=False)
        ReminderLog.objects.filter(day=day, sent_by__isnull=True).update(sent_at=_at(day, 7))
        Notification.objects.filter(created_at__gte=started).update(
            created_at=_at(day, 7), read_at=_at(day, 9, 30)
        )

    monitor = context.get("users", {}).get("theodoi")
    manual: list[ReminderLog] = []
    if monitor is not None:
        # The most recent overdue reports of units that have someone to remind.
        staffed = Membership.objects.filter(is_active=True, role__in=REMINDER_ROLES).values(
            "unit_id"
        )
        overdue = (
            UnitReport.objects.exclude(status__in=actions.DONE_STATUSES)
            .filter(round__due_date__lt=today, unit__in=staffed)
            .select_related("round", "unit")
            .order_by("-round__due_date", "unit__name")
        )
        deadline = formats.date_format(today + datetime.timedelta(days=5), "SHORT_DATE_FORMAT")
        for report in overdue[:10]:
            if len(manual) == 3:
                break
            message = MANUAL_MESSAGE.format(round=report.round.label, deadline=deadline)
            try:
                manual.append(actions.remind_manually(monitor, report, message, email=False))
            except actions.ActionError:
                continue  # a unit without accounts to remind
    context["reminders"] = {
        "automatic": ReminderLog.objects.exclude(kind=ReminderKind.MANUAL).count(),
        "manual": len(manual),
    }
    return context
