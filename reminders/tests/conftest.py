"""Fixtures for the reminder tests: a round of our own, far from the demo's dates, with reports
of a ward (reporter + leader), the outsider's unit, a submitted unit and a city department."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from accounts.models import Membership, Role, User
from reporting.models import (
    PeriodKind,
    ReportingRound,
    ReportStatus,
    UnitReport,
    UnitReportingPolicy,
)

DUE = datetime.date(2033, 3, 15)


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    """Background tasks run synchronously in tests."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.REMINDER_DAYS_BEFORE = [7, 1]
    settings.REMINDER_OVERDUE_EVERY_DAYS = 3
    settings.REMINDER_OVERDUE_STOP_AFTER_DAYS = 90


@pytest.fixture(autouse=True)
def without_demo_reminders(db: Any) -> None:
    """The demo replays reminders (reminders.demo); these tests count from a clean slate."""
    from notifications.models import Notification
    from reminders.models import ReminderLog

    Notification.objects.all().delete()
    ReminderLog.objects.all().delete()


@dataclass
class Timeline:
    due: datetime.date
    round: ReportingRound
    city_round: ReportingRound
    ward: UnitReport  # Đảng bộ Phường 1: donvi (reporter) + donvi_lanhdao (leader)
    outsider: UnitReport  # Trung tâm Y tế Bảo Lộc: ngoai (reporter); escalates after 3 days
    submitted: UnitReport  # Ban Tuyên giáo: already submitted, never reminded
    city: UnitReport  # Phòng Kinh tế, on the city plan (the UBND manager may remind it)
    city_reporter: User

    def day(self, offset: int) -> datetime.date:
        return self.due + datetime.timedelta(days=offset)


@pytest.fixture
def timeline(demo: Any) -> Timeline:
    round_ = ReportingRound.objects.create(
        plan=demo.seed_plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label="Sơ kết thử nghiệm 2033",
        period_start=datetime.date(2032, 1, 1),
        period_end=datetime.date(2032, 12, 31),
        due_date=DUE,
    )
    city_round = ReportingRound.objects.create(
        plan=demo.city_plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label="Sơ kết kế hoạch thành phố 2033",
        period_start=datetime.date(2032, 1, 1),
        period_end=datetime.date(2032, 12, 31),
        due_date=DUE,
    )
    UnitReportingPolicy.objects.update_or_create(
        unit=demo.unit("TTYT-BL"), defaults={"escalation_days": 3}
    )
    UnitReportingPolicy.objects.filter(unit=demo.unit("DB-phuong-1")).delete()  # default 7
    city_reporter = User.objects.create_user(
        "pkt_baocao", email="pkt_baocao@khcn.example.vn", full_name="Vũ Thị Lan"
    )
    Membership.objects.create(user=city_reporter, unit=demo.unit("PKT-DL"), role=Role.REPORTER)
    return Timeline(
        due=DUE,
        round=round_,
        city_round=city_round,
        ward=UnitReport.objects.create(round=round_, unit=demo.unit("DB-phuong-1")),
        outsider=UnitReport.objects.create(round=round_, unit=demo.unit("TTYT-BL")),
        submitted=UnitReport.objects.create(
            round=round_, unit=demo.unit("BTG-TU-DL"), status=ReportStatus.SUBMITTED
        ),
        city=UnitReport.objects.create(round=city_round, unit=demo.unit("PKT-DL")),
        city_reporter=city_reporter,
    )
