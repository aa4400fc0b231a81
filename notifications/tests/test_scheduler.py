"""The daily scheduler runs whatever jobs the apps registered, each once a day after its time."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications import scheduler
from notifications.models import JobRun


class FakeTask:
    """Stands in for a django-tasks Task: records the days it was enqueued for."""

    def __init__(self, log: list[tuple[str, str]], name: str) -> None:
        self.log, self.name = log, name

    def enqueue(self, day: str) -> Any:
        self.log.append((self.name, day))
        return type("Result", (), {"id": f"{self.name}-{day}"})()


@pytest.fixture
def jobs(monkeypatch: Any, settings: Any) -> list[tuple[str, str]]:
    """Two jobs of our own in place of the apps' ones, registered evening first."""
    monkeypatch.setattr(scheduler, "_jobs", {})
    settings.TEST_EVENING_AT, settings.TEST_MORNING_AT = "18:30", "06:15"
    log: list[tuple[str, str]] = []
    scheduler.register_daily_job("evening", "TEST_EVENING_AT", FakeTask(log, "evening"))
    scheduler.register_daily_job("morning", "TEST_MORNING_AT", FakeTask(log, "morning"))
    return log


@pytest.mark.django_db
def test_each_registered_job_runs_once_a_day_after_its_time(jobs: list[Any]) -> None:
    day = datetime.date(2034, 5, 2)

    def at(hour: int, minute: int = 0) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    assert scheduler.run_due_jobs(at(6, 14)) == []
    assert scheduler.run_due_jobs(at(6, 15)) == ["morning"]
    assert scheduler.run_due_jobs(at(12)) == []  # a restarted worker sends nothing again
    assert scheduler.run_due_jobs(at(19)) == ["evening"]
    assert jobs == [("morning", "2034-05-02"), ("evening", "2034-05-02")]
    assert JobRun.objects.get(job="morning", day=day).task_id == "morning-2034-05-02"


@pytest.mark.django_db
def test_a_forced_run_keeps_the_order_of_the_day(jobs: list[Any]) -> None:
    out = StringIO()
    call_command("khcn_worker", "--once", stdout=out)
    assert [name for name, _day in jobs] == ["morning", "evening"]
    assert "morning, evening" in out.getvalue()


def test_the_apps_register_their_jobs() -> None:
    names = {job.name: job.at_setting for job in scheduler.daily_jobs()}
    assert names["send_daily_digests"] == "DIGEST_SEND_AT"
