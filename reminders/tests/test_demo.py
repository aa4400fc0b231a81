from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from notifications.models import Notification
from reminders import demo as reminders_demo
from reminders.models import ReminderKind, ReminderLog
from reporting.models import PeriodKind, ReportingRound, UnitReport


@pytest.mark.django_db
def test_the_demo_replays_recent_reminders_without_email(demo: Any, mailoutbox: Any) -> None:
    today = timezone.localdate()
    round_ = ReportingRound.objects.create(
        plan=demo.seed_plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label="Sơ kết trình diễn",
        # A period that ends before its due date (a round is never due before it starts).
        period_start=today - datetime.timedelta(days=120),
        period_end=today - datetime.timedelta(days=30),
        due_date=today - datetime.timedelta(days=10),
    )
    report = UnitReport.objects.create(round=round_, unit=demo.unit("DB-phuong-1"))
    context = reminders_demo.load({"users": {"theodoi": demo.user("monitor")}})
    logs = ReminderLog.objects.filter(unit_report=report)
    offsets = sorted(
        ((log.day - round_.due_date).days, log.kind) for log in logs.exclude(kind="manual")
    )
    assert offsets[:4] == [
        (-7, ReminderKind.BEFORE_DUE),
        (-1, ReminderKind.BEFORE_DUE),
        (0, ReminderKind.DUE_TODAY),
        (1, ReminderKind.OVERDUE),
    ]
    first = logs.get(kind=ReminderKind.BEFORE_DUE, day=round_.due_date - datetime.timedelta(7))
    assert timezone.localtime(first.sent_at).date() == first.day  # back-dated
    assert logs.filter(kind=ReminderKind.MANUAL, sent_by__username="theodoi").exists()
    assert context["reminders"]["manual"] >= 1
    old = Notification.objects.about(report).filter(read_at__isnull=False)
    assert old.exists()
    assert mailoutbox == []
