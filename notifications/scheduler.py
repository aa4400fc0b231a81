"""A tiny daily scheduler: Django's task framework has no cron, so the worker process calls
``run_due_jobs`` every minute. A job is enqueued at most once per day: the ``JobRun`` row for
(job, day) is created in the same transaction as the queued task, so a restart, a second worker
or a tick that runs twice never sends twice."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyJob:
    name: str
    at: datetime.time
    task: Any  # a django_tasks Task taking the ISO day


def _time(value: str) -> datetime.time:
    hours, _, minutes = value.partition(":")
    return datetime.time(int(hours), int(minutes or 0))


def daily_jobs() -> list[DailyJob]:
    from notifications.tasks import send_daily_digests_task, send_reminders_task

    return [
        DailyJob("send_reminders", _time(settings.REMINDER_SEND_AT), send_reminders_task),
        DailyJob("send_daily_digests", _time(settings.DIGEST_SEND_AT), send_daily_digests_task),
    ]


def run_due_jobs(now: datetime.datetime | None = None, *, force: bool = False) -> list[str]:
    """Enqueue each daily job whose time has come today and that has not run today.

    ``force`` ignores the time of day (``khcn_worker --once``), never the once-a-day rule.
    Returns the names of the jobs enqueued by this call.
    """
    now = timezone.localtime(now)
    today = now.date()
    enqueued = []
    for job in daily_jobs():
        if not force and now.time() < job.at:
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, day=today)
                result = job.task.enqueue(today.isoformat())
                run.task_id = str(result.id)[:64]
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # already enqueued today
        logger.info("enqueued %s for %s", job.name, today)
        enqueued.append(job.name)
    return enqueued
