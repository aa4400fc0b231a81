"""The reminder timeline: before the due date, on it, overdue, escalation; idempotence."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

import pytest

from notifications.models import JobRun, Notification
from notifications.scheduler import run_due_jobs
from reminders import actions
from reminders.models import ReminderKind, ReminderLog
from reminders.schedule import ReminderRules, kinds_due
from reporting.notices import unit_recipients

DUE = datetime.date(2033, 3, 15)
RULES = ReminderRules(days_before=(7, 1), overdue_every=3, stop_after=90)


def _simulate(
    start: int, end: int, escalation_days: int = 7, skip: tuple[int, ...] = ()
) -> dict[int, list[str]]:
    """Run the pure rule day by day, remembering what was "sent", like the job does."""
    sent: dict[str, list[datetime.date]] = defaultdict(list)
    result = {}
    for offset in range(start, end + 1):
        if offset in skip:
            continue
        today = DUE + datetime.timedelta(days=offset)
        kinds = kinds_due(DUE, today, sent, RULES, escalation_days)
        for kind in kinds:
            sent[kind].append(today)
        if kinds:
            result[offset] = kinds
    return result


EXPECTED = {
    -7: [ReminderKind.BEFORE_DUE],
    -1: [ReminderKind.BEFORE_DUE],
    0: [ReminderKind.DUE_TODAY],
    1: [ReminderKind.OVERDUE],
    4: [ReminderKind.OVERDUE],
    7: [ReminderKind.OVERDUE, ReminderKind.ESCALATION],
    10: [ReminderKind.OVERDUE],
    13: [ReminderKind.OVERDUE],
    14: [ReminderKind.ESCALATION],
}


def test_the_rule_follows_the_timeline() -> None:
    assert _simulate(-12, 14) == EXPECTED


def test_a_missed_day_is_caught_up_once_not_lost() -> None:
    # The worker was down on D-7 and on the due day's first overdue day.
    result = _simulate(-12, 5, skip=(-7, 1))
    assert result[-6] == [ReminderKind.BEFORE_DUE]
    assert -5 not in result and -4 not in result
    assert result[2] == [ReminderKind.OVERDUE]
    assert result[5] == [ReminderKind.OVERDUE]


def test_automatic_reminders_stop_long_after_the_due_date() -> None:
    late = DUE + datetime.timedelta(days=91)
    assert kinds_due(DUE, late, {}, RULES) == []
    assert kinds_due(DUE, late - datetime.timedelta(days=1), {}, RULES) != []


@pytest.mark.django_db
class TestSendReminders:
    def test_the_job_sends_the_timeline_to_the_right_people(self, timeline: Any) -> None:
        for offset in range(-12, 15):
            actions.send_reminders(timeline.day(offset))
        ward_logs = ReminderLog.objects.filter(unit_report=timeline.ward).order_by("day", "kind")
        got: dict[int, list[str]] = defaultdict(list)
        for log in ward_logs:
            got[(log.day - timeline.due).days].append(log.kind)
        assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in EXPECTED.items()}
        # Reminders go to the unit's reporter and leader; escalations to the leader only.
        due_today = ward_logs.get(kind=ReminderKind.DUE_TODAY)
        assert {u.username for u in due_today.recipients.all()} == {"donvi", "donvi_lanhdao"}
        for escalation in ward_logs.filter(kind=ReminderKind.ESCALATION):
            assert [u.username for u in escalation.recipients.all()] == ["donvi_lanhdao"]
            assert escalation.sent_by is None
        # The outsider's unit escalates after its own policy (3 days), but has no leader.
        outsider_escalations = ReminderLog.objects.filter(
            unit_report=timeline.outsider, kind=ReminderKind.ESCALATION
        ).order_by("day")
        assert [(log.day - timeline.due).days for log in outsider_escalations] == [3, 6, 9, 12]
        assert all(log.recipients.count() == 0 for log in outsider_escalations)
        # A submitted report is never reminded.
        assert not ReminderLog.objects.filter(unit_report=timeline.submitted).exists()
        # In-app notifications followed each reminder.
        donvi = Notification.objects.about(timeline.ward).filter(recipient__username="donvi")
        assert donvi.count() == 8  # 2 before + due today + 5 overdue, no escalations
        assert donvi.filter(title__contains="quá hạn 4 ngày").exists()

    def test_a_report_submitted_midway_gets_nothing_more(self, timeline: Any) -> None:
        actions.send_reminders(timeline.day(-7))
        timeline.ward.status = "submitted"
        timeline.ward.save()
        for offset in range(-6, 10):
            actions.send_reminders(timeline.day(offset))
        assert list(
            ReminderLog.objects.filter(unit_report=timeline.ward).values_list("day", flat=True)
        ) == [timeline.day(-7)]

    def test_running_twice_on_the_same_day_sends_once(self, timeline: Any) -> None:
        first = actions.send_reminders(timeline.day(0))
        notifications = Notification.objects.count()
        second = actions.send_reminders(timeline.day(0))
        assert first[ReminderKind.DUE_TODAY] == 3  # ward, outsider's unit, city department
        assert first["notifications"] == 4  # donvi, donvi_lanhdao, ngoai, pkt_baocao
        assert second[ReminderKind.DUE_TODAY] == 0 and second["notifications"] == 0
        assert Notification.objects.count() == notifications
        assert ReminderLog.objects.filter(day=timeline.day(0)).count() == 3

    def test_a_second_log_for_the_same_day_is_refused_by_the_database(self, timeline: Any) -> None:
        actions.send_reminders(timeline.day(0))
        members = unit_recipients([timeline.ward.unit_id])[timeline.ward.unit_id]
        again = actions._send_reminder(
            timeline.ward, ReminderKind.DUE_TODAY, timeline.day(0), members
        )
        assert again is None
        assert ReminderLog.objects.filter(unit_report=timeline.ward).count() == 1


@pytest.mark.django_db
class TestScheduler:
    def test_daily_jobs_are_enqueued_once_per_day(self, timeline: Any, settings: Any) -> None:
        from django.utils import timezone

        # Other apps register their own daily jobs at their own hours; this test follows the
        # two of the reporting chain (reminders at 07:00, digests at 17:00).
        ours = {"send_reminders", "send_daily_digests"}

        def due(at: datetime.datetime) -> list[str]:
            return [name for name in run_due_jobs(at) if name in ours]

        # The calendar's own job (reporting, 06:00 by default) is tested in
        # tests/test_calendar_runs_itself.py; here it runs last so the counts stay the day's.
        settings.ROUNDS_OPEN_AT = "23:59"

        morning = timezone.make_aware(datetime.datetime.combine(timeline.due, datetime.time(6)))
        assert run_due_jobs(morning) == []  # before 07:00 nothing is due
        at_eight = morning + datetime.timedelta(hours=2)
        assert due(at_eight) == ["send_reminders"]
        assert run_due_jobs(at_eight + datetime.timedelta(minutes=1)) == []  # restarted worker
        assert ReminderLog.objects.filter(day=timeline.due).count() == 3  # the task ran
        evening = morning + datetime.timedelta(hours=12)
        assert due(evening) == ["send_daily_digests"]
        assert JobRun.objects.filter(day=timeline.due, job__in=ours).count() == 2
        assert ReminderLog.objects.filter(day=timeline.due).count() == 3

    def test_the_worker_command_runs_due_jobs_and_the_queue(self, timeline: Any) -> None:
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("khcn_worker", "--once", stdout=out)
        assert "send_reminders" in out.getvalue()
        assert JobRun.objects.filter(job="send_reminders").count() == 1
        out = StringIO()
        call_command("khcn_worker", "--once", stdout=out)
        assert "không có việc mới" in out.getvalue()
        assert JobRun.objects.filter(job="send_reminders").count() == 1


@pytest.mark.django_db
def test_with_the_database_backend_the_worker_runs_the_queued_job(
    timeline: Any, settings: Any, monkeypatch: Any
) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes "old" connections between tasks; inside the test's transaction that
    # would drop the test database connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("khcn_worker", "--once", stdout=StringIO())
    results = DBTaskResult.objects.filter(
        task_path__in=[
            "reminders.tasks.send_reminders_task",
            "notifications.tasks.send_daily_digests_task",
        ]
    )
    assert results.count() == 2
    assert set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}
    run = JobRun.objects.get(job="send_reminders")
    assert run.task_id in {str(pk) for pk in results.values_list("id", flat=True)}
