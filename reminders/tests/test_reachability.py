"""Urging reaches people, or says it did not: units nobody can receive a reminder in are shown
before sending and logged as not delivered; escalations reach the unit above's managers; a
report waiting for the unit leader is urged to the leader."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from reminders import actions
from reminders.models import ReminderKind, ReminderLog
from reporting.models import ReportStatus, UnitReport
from reporting.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_officer_sees_unreachable_units_and_the_log_marks_them_failed(
    demo: Any, timeline: Any
) -> None:
    lonely = UnitReport.objects.create(round=timeline.round, unit=demo.unit("DB-phuong-2"))
    url = f"/notifications/remind/round/{timeline.round.pk}/"
    monitor = client_for("monitor")
    page = monitor.get(url)
    unreachable = {r.unit.code for r in page.context["unreachable"]}
    assert "DB-phuong-2" in unreachable and "DB-phuong-1" not in unreachable
    assert 'data-testid="unreachable-units"' in page.content.decode()
    response = monitor.post(url, {"message": ""}, follow=True)
    text = response.content.decode()
    assert lonely.unit.name in text and "không gửi được" in text
    failed = ReminderLog.objects.get(unit_report=lonely)
    assert failed.delivered is False and not failed.recipients.exists()
    delivered = ReminderLog.objects.get(unit_report=timeline.ward)
    assert delivered.delivered is True and delivered.recipients.exists()
    log_page = monitor.get(f"/notifications/reminders/?round={timeline.round.pk}")
    assert 'data-testid="reminder-failed"' in log_page.content.decode()


def test_automatic_reminders_nobody_receives_are_logged_as_failed(demo: Any, timeline: Any) -> None:
    lonely = UnitReport.objects.create(round=timeline.round, unit=demo.unit("DB-phuong-2"))
    actions.send_reminders(timeline.day(0))
    log = ReminderLog.objects.get(unit_report=lonely, kind=ReminderKind.DUE_TODAY)
    assert log.delivered is False
    assert ReminderLog.objects.get(unit_report=timeline.ward, kind=ReminderKind.DUE_TODAY).delivered


def test_an_escalation_reaches_the_managers_of_the_unit_above(demo: Any, timeline: Any) -> None:
    city = timeline.city  # Phòng Kinh tế: a reporter, no leader; UBND thành phố above it
    assert city.unit.parent.code == "UBND-DL"
    actions.send_reminders(timeline.day(7))
    escalation = ReminderLog.objects.get(unit_report=city, kind=ReminderKind.ESCALATION)
    assert demo.user("manager") in set(escalation.recipients.all())
    assert escalation.delivered


def test_a_report_waiting_for_the_leader_is_urged_to_the_leader(demo: Any, timeline: Any) -> None:
    ward = timeline.ward
    ward.status = ReportStatus.PENDING_APPROVAL
    ward.approval_requested_at = timezone.now() - datetime.timedelta(days=6)
    ward.save()
    assert ward.waiting_days == 6
    monitor = client_for("monitor")
    page = monitor.get(f"/notifications/remind/{ward.pk}/").content.decode()
    assert 'data-testid="waiting-leader"' in page and "Nhắc lãnh đạo duyệt" in page
    assert "Đỗ Văn Hùng" in page  # the leader is the recipient shown
    round_page = monitor.get(f"/reporting/rounds/{timeline.round.pk}/").content.decode()
    assert "chờ lãnh đạo duyệt 6 ngày" in round_page
    log = actions.remind_manually(demo.user("monitor"), ward, email=False)
    assert {u.username for u in log.recipients.all()} == {"donvi_lanhdao"}
    assert "chờ đồng chí duyệt" in log.message


def test_waiting_for_approval_is_not_counted_as_submitted(demo: Any, timeline: Any) -> None:
    from reporting.views.rounds import completeness

    timeline.ward.status = ReportStatus.PENDING_APPROVAL
    timeline.ward.save()
    counts = completeness(UnitReport.objects.filter(round=timeline.round))[timeline.round.pk]
    assert counts["pending_approval"] == 1 and counts["in"] == 1  # only the submitted unit
    assert timeline.ward in actions.reports_to_remind(
        timeline.day(0), actions.ReminderRules.from_settings()
    )


def test_the_dashboard_lists_units_that_cannot_be_reached(demo: Any, timeline: Any) -> None:
    from reminders.queries import unreachable_units

    UnitReport.objects.create(round=timeline.round, unit=demo.unit("DB-phuong-2"))
    rows = unreachable_units(demo.user("monitor"), demo.seed_plan.pk, 2032)
    names = {row["unit__name"] for row in rows}
    assert demo.unit("DB-phuong-2").name in names
    assert demo.unit("DB-phuong-1").name not in names  # a reporter and a leader
    # Scoped: the outsider's own unit has its reporter, the others are not in its scope.
    assert unreachable_units(demo.user("outsider"), demo.seed_plan.pk, 2032) == []
    page = client_for("monitor").get(f"/monitoring/?plan={demo.seed_plan.pk}&year=2032")
    assert page.status_code == 200
    table = page.content.decode().split('data-testid="unreachable"')[1]
    assert demo.unit("DB-phuong-2").name in table
