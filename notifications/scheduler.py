"""A tiny daily scheduler: Django's task framework has no cron, so the worker process calls
``run_due_jobs`` every minute. A job is enqueued at most once per day: the ``JobRun`` row for
(job, day) is created in the same transaction as the queued task, so a restart, a second worker
or a tick that runs twice never sends twice.

Apps add their daily jobs with ``register_daily_job`` in their ``AppConfig.ready()`` (the inbox
its digest, the reminders app its reminders), so the scheduler names none of them."""

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
    at_setting: str  # the setting holding the local time, "HH:MM", read at each tick
    task: Any  # a django_tasks Task taking the ISO day

    @property
    def at(self) -> datetime.time:
        return _time(getattr(settings, self.at_setting))


_jobs: dict[str, DailyJob] = {}


def register_daily_job(name: str, at_setting: str, task: Any) -> None:
    """Run ``task`` (given the ISO day) once a day from the time in setting ``at_setting``."""
    _jobs[name] = DailyJob(name, at_setting, task)


def _time(value: str) -> datetime.time:
    hours, _, minutes = value.partition(":")
    return datetime.time(int(hours), int(minutes or 0))


def daily_jobs() -> list[DailyJob]:
    """The registered jobs by time of day: a forced run (``--once``) then keeps the day's order,
    e.g. the morning reminders go out before the evening digest that carries them."""
    return sorted(_jobs.values(), key=lambda job: job.at)


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
