"""Background tasks (django-tasks). They take plain values (ids, ISO dates), never objects."""

from __future__ import annotations

import datetime

from django_tasks import task

from monitoring import queries


@task()
def refresh_dashboard_task(
    user_id: str, plan_id: str, unit_id: str, day: str, language: str
) -> bool:
    """Recompute one kept all-years dashboard (queued when a stale one was served)."""
    return queries.refresh(user_id, plan_id, unit_id, day, language)


@task()
def warm_dashboards_task(day: str | None = None) -> int:
    """The morning job: the day's all-years views, computed before anyone opens them."""
    from django.utils import timezone

    return queries.warm(datetime.date.fromisoformat(day) if day else timezone.localdate())
