"""Background tasks (django-tasks). They take plain values (ISO dates), never objects."""

from __future__ import annotations

import datetime

from django_tasks import task

from projects import reminders


@task()
def remind_applications_task(day: str | None = None) -> dict[str, int]:
    return reminders.remind_applications(datetime.date.fromisoformat(day) if day else None)
