"""Killed workers lose nothing (issue 11, class 8): a running task whose worker stops beating is
put back in the queue once its lease expires, and failed after too many lost runs."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications import leases
from notifications.models import TaskLease


def _running(started: datetime.datetime, workers: list[str]) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        started_at=started,
        args_kwargs={"args": ["2034-05-02"], "kwargs": {}},
        task_path="reminders.tasks.send_reminders_task",
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=workers,
    )


@pytest.fixture
def lease_settings(settings: Any) -> Any:
    settings.TASK_LEASE_SECONDS = 60
    settings.TASK_MAX_ATTEMPTS = 3
    return settings


@pytest.mark.django_db
def test_a_task_whose_worker_stopped_beating_goes_back_to_the_queue(lease_settings: Any) -> None:
    now = timezone.now()
    task = _running(now - datetime.timedelta(minutes=10), ["killed"])
    leases.acquire(task.pk, "killed")
    TaskLease.objects.filter(task_id=task.pk).update(expires_at=now - datetime.timedelta(seconds=1))
    alive = _running(now - datetime.timedelta(minutes=10), ["alive"])
    leases.acquire(alive.pk, "alive")  # a long task whose worker still beats: left alone

    assert leases.recover_expired(now) == {"requeued": 1, "failed": 0}
    task.refresh_from_db()
    assert task.status == "READY" and task.started_at is None
    assert not TaskLease.objects.filter(task_id=task.pk).exists()
    assert DBTaskResult.objects.get(pk=alive.pk).status == "RUNNING"
    # The next worker picks it up like any queued task; a second recovery changes nothing.
    assert task.pk in set(DBTaskResult.objects.ready().values_list("pk", flat=True))
    assert leases.recover_expired(now) == {"requeued": 0, "failed": 0}


@pytest.mark.django_db
def test_a_worker_killed_before_taking_the_lease_is_covered(lease_settings: Any) -> None:
    now = timezone.now()
    fresh = _running(now - datetime.timedelta(seconds=5), ["starting"])  # within one lease
    stale = _running(now - datetime.timedelta(minutes=5), ["died"])
    assert leases.recover_expired(now)["requeued"] == 1
    assert DBTaskResult.objects.get(pk=fresh.pk).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=stale.pk).status == "READY"


@pytest.mark.django_db
def test_after_too_many_lost_runs_the_task_fails_visibly(lease_settings: Any) -> None:
    now = timezone.now()
    task = _running(now - datetime.timedelta(minutes=10), ["w1", "w2", "w3"])
    assert leases.recover_expired(now) == {"requeued": 0, "failed": 1}
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path.endswith("TaskLeaseExpired")


@pytest.mark.django_db
def test_the_heartbeat_keeps_the_lease_and_a_taken_over_lease_is_not_renewed(
    lease_settings: Any,
) -> None:
    task = _running(timezone.now(), ["w1"])
    leases.acquire(task.pk, "w1")
    before = TaskLease.objects.get(task_id=task.pk).expires_at
    assert leases.beat(task.pk, "w1") is True
    assert TaskLease.objects.get(task_id=task.pk).expires_at >= before
    leases.acquire(task.pk, "w2")  # requeued and claimed by another worker
    assert leases.beat(task.pk, "w1") is False
    leases.release(task.pk, "w1")  # the old worker finishing late does not drop w2's lease
    assert TaskLease.objects.get(task_id=task.pk).worker_id == "w2"


@pytest.mark.django_db
def test_the_worker_runs_each_task_under_a_lease_and_releases_it(
    settings: Any, monkeypatch: Any
) -> None:
    from django_tasks_db.management.commands import db_worker

    from notifications.management.commands.khcn_worker import LeasedWorker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    seen: list[Any] = []
    real = db_worker.Worker.run_task

    def spy(self: Any, result: Any) -> None:
        seen.append(TaskLease.objects.filter(task_id=result.pk, worker_id=self.worker_id).exists())
        real(self, result)

    monkeypatch.setattr(db_worker.Worker, "run_task", spy)
    from notifications.tasks import send_outbox_task

    result = send_outbox_task.enqueue([])
    worker = LeasedWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w-test",
        excluded_queue_names=[],
    )
    worker.run()
    assert seen and all(seen)  # (the demo left a few queued e-mail tasks too)
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert not TaskLease.objects.exists()
