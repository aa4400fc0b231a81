"""Background tasks (django-tasks). They take plain values (ISO dates), never objects."""

from __future__ import annotations

import datetime

from django_tasks import task

from reminders import actions


@task()
def send_reminders_task(day: str | None = None) -> dict[str, int]:
    return actions.send_reminders(datetime.date.fromisoformat(day) if day else None)
