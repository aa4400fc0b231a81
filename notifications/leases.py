"""Leases with a heartbeat for the background tasks (django-tasks, database backend).

django_tasks_db marks a task RUNNING when a worker claims it and never looks at it again: a
worker killed by SIGKILL (out of memory, a deploy, a reboot) leaves the task "running" forever
and whatever it was doing half-done. So the worker (``khcn_worker``) takes a ``TaskLease`` on
each task it runs and renews it from a heartbeat thread; ``recover_expired``, run by every
worker on each scheduler tick, puts a task whose lease expired back in the queue (the next
free worker runs it again), or marks it failed after ``TASK_MAX_ATTEMPTS`` runs, so it ends
visibly instead of looping. A task may therefore run more than once: the jobs are written to
resume (reminders per recipient, e-mail through the outbox, imports from their state).
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.batches import delete_in_batches
from notifications.models import TaskLease

logger = logging.getLogger(__name__)

RUNNING = "RUNNING"
READY = "READY"


class TaskLeaseExpired(Exception):
    """Recorded as the error of a task whose worker died too many times while running it."""


# What an app does when one of its tasks is given up (task path → handler taking the task's
# arguments): e.g. the import job is marked failed, so its page stops polling and offers a retry.
_abandon_handlers: dict[str, Callable[..., None]] = {}


def register_abandon_handler(task: Any, handler: Callable[..., None]) -> None:
    """Call ``handler(*args, **kwargs)`` of a task of ``task`` given up after lost runs."""
    _abandon_handlers[task.module_path] = handler


def lease_duration() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS)


def acquire(task_id: Any, worker_id: str) -> None:
    """Take (or take over) the lease of a task this worker has just claimed."""
    now = timezone.now()
    TaskLease.objects.update_or_create(
        task_id=task_id,
        defaults={
            "worker_id": worker_id,
            "heartbeat_at": now,
            "expires_at": now + lease_duration(),
        },
    )


def beat(task_id: Any, worker_id: str) -> bool:
    """Renew the lease; False when it is no longer this worker's (another took the task over)."""
    now = timezone.now()
    return bool(
        TaskLease.objects.filter(task_id=task_id, worker_id=worker_id).update(
            heartbeat_at=now, expires_at=now + lease_duration()
        )
    )


def release(task_id: Any, worker_id: str) -> None:
    TaskLease.objects.filter(task_id=task_id, worker_id=worker_id).delete()


@contextmanager
def heartbeat(task_id: Any, worker_id: str) -> Iterator[None]:
    """Renew the lease every TASK_HEARTBEAT_SECONDS from a thread (its own connection) while
    the body runs: a long job stays leased however long it takes, a dead one not."""
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.wait(settings.TASK_HEARTBEAT_SECONDS):
                try:
                    beat(task_id, worker_id)
                except Exception:  # a busy database: the next beat tries again
                    logger.warning("heartbeat of task %s failed", task_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=loop, name=f"heartbeat-{task_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def expired(now: datetime.datetime | None = None) -> Any:
    """Running tasks whose worker stopped beating: no live lease and started longer ago than a
    lease (a worker killed between claiming the task and taking the lease is covered too)."""
    now = now or timezone.now()
    live = TaskLease.objects.filter(expires_at__gte=now).values("task_id")
    return DBTaskResult.objects.filter(
        status=RUNNING, started_at__lt=now - lease_duration()
    ).exclude(id__in=live)


def recover_expired(now: datetime.datetime | None = None) -> dict[str, int]:
    """Requeue (or fail, after TASK_MAX_ATTEMPTS runs) every task whose lease expired.

    Safe with several workers doing it at once: each task changes state by a conditional
    update, so only one of them requeues it."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    for result in list(expired(now)[:100]):
        attempts = len(result.worker_ids or [])
        with transaction.atomic():
            if attempts >= settings.TASK_MAX_ATTEMPTS:
                still = (
                    DBTaskResult.objects.select_for_update()
                    .filter(pk=result.pk, status=RUNNING, started_at=result.started_at)
                    .first()
                )
                if still is None:
                    continue
                still.set_failed(
                    TaskLeaseExpired(
                        f"worker stopped {attempts} times while running this task; given up"
                    )
                )
                counts["failed"] += 1
                logger.error("task %s failed: its worker died %s times", result.pk, attempts)
                handler = _abandon_handlers.get(result.task_path)
                if handler is not None:
                    arguments = result.args_kwargs or {}
                    handler(*arguments.get("args", []), **arguments.get("kwargs", {}))
            else:
                changed = DBTaskResult.objects.filter(
                    pk=result.pk, status=RUNNING, started_at=result.started_at
                ).update(status=READY, started_at=None)
                if not changed:
                    continue
                counts["requeued"] += 1
                logger.warning("task %s requeued: its worker stopped beating", result.pk)
            TaskLease.objects.filter(task_id=result.pk).delete()
    return counts


def purge_finished(now: datetime.datetime | None = None, *, batch: int = 1000) -> int:
    """Delete the results of tasks that finished (succeeded or failed) more than
    TASK_RESULTS_KEEP_DAYS ago, ``batch`` rows per transaction: every queued task leaves one
    (a dashboard refresh, a PDF, an import), and nothing reads them once finished. Queued and
    running tasks are never touched."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    return delete_in_batches(
        DBTaskResult.objects.finished().filter(finished_at__lt=cutoff), batch=batch
    )
