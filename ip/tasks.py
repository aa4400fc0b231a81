"""Background tasks (django-tasks). They take plain values (ISO dates), never objects."""

from __future__ import annotations

import datetime

from django_tasks import task

from ip import reminders


@task()
def remind_expiring_titles_task(day: str | None = None) -> dict[str, int]:
    return reminders.remind_expiring_titles(datetime.date.fromisoformat(day) if day else None)
