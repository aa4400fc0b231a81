"""Background tasks (django-tasks). They take plain values (ISO dates), never objects."""

from __future__ import annotations

import datetime

from django_tasks import task

from supervision import reminders


@task()
def remind_recommendations_task(day: str | None = None) -> dict[str, int]:
    return reminders.remind_units(datetime.date.fromisoformat(day) if day else None)


@task()
def escalate_recommendations_task(day: str | None = None) -> dict[str, int]:
    from supervision import escalation

    return escalation.escalate_overdue(datetime.date.fromisoformat(day) if day else None)
