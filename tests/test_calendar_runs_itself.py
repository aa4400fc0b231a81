"""The reporting calendar runs itself: on a frozen 30/11/2026 the worker's daily job opens the
rounds every schedule calls for (idempotent, audited), so what is due is there for every
persona, and the dashboard's year list follows."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from monitoring.queries import default_year, years
from notifications import scheduler
from reporting.models import ReportingRound, UnitReport

pytestmark = pytest.mark.django_db

FROZEN = datetime.datetime(2026, 11, 30, 6, 30, tzinfo=datetime.UTC) - datetime.timedelta(hours=7)


def frozen(moment: datetime.datetime) -> Any:
    """Django's clock stopped at ``moment`` (06:30 in Hà Nội, UTC+7, the project's zone)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_the_worker_opens_the_current_rounds_once(demo: Any, settings: Any, client: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    plan = demo.seed_plan
    monitor = demo.user("monitor")
    assert not ReportingRound.objects.filter(plan=plan, period_end__year=2026).exists()
    assert 2026 not in years(monitor, plan.pk)

    with frozen(FROZEN):
        assert "open_rounds" in scheduler.run_due_jobs()
    opened = ReportingRound.objects.filter(plan=plan, period_end__year=2026)
    assert sorted(opened.values_list("label", flat=True)) == [
        "6 tháng cuối năm 2026",
        "6 tháng đầu năm 2026",
        "Năm 2026",
    ]
    current = opened.get(label="6 tháng cuối năm 2026")
    assert current.due_date == datetime.date(2027, 1, 15)
    # Its unit reports are derived, one section per task.
    derived = UnitReport.objects.filter(round=current)
    assert derived.count() > 5 and all(r.task_reports.exists() for r in derived)
    entries = AuditEntry.objects.filter(action="reporting.round.open")
    assert entries.count() == 3 and all(e.actor_id is None for e in entries)

    # Idempotent: the same day again, a second worker, or the next day add nothing.
    with frozen(FROZEN + datetime.timedelta(hours=3)):
        assert "open_rounds" not in scheduler.run_due_jobs()
    from reporting.actions import open_current_rounds

    assert open_current_rounds(datetime.date(2026, 11, 30))["opened"] == []
    with frozen(FROZEN + datetime.timedelta(days=1)):
        scheduler.run_due_jobs()
    assert ReportingRound.objects.filter(plan=plan, period_end__year=2026).count() == 3
    assert entries.count() == 3

    # What is due is there: the reporter's list and the dashboard's year.
    with frozen(FROZEN):
        client.force_login(monitor)
        page = client.get("/reporting/")
        assert page.context["summary"]["due"] >= 1
        assert "6 tháng cuối năm 2026" in page.content.decode()
        choices = years(monitor, plan.pk)
        assert choices[0] == 2026
        assert default_year(choices, timezone.localdate()) == 2026


def test_the_calendar_job_is_registered_before_the_reminders() -> None:
    jobs = [job.name for job in scheduler.daily_jobs()]
    assert jobs.index("open_rounds") < jobs.index("send_reminders")
