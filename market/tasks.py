"""Background tasks (django-tasks). They take plain values (ISO dates), never objects."""

from __future__ import annotations

import datetime

from django_tasks import task

from market import reminders


@task()
def remind_brokers_task(day: str | None = None) -> dict[str, int]:
    return reminders.remind_brokers(datetime.date.fromisoformat(day) if day else None)
