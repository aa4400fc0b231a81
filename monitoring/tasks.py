"""Background tasks (django-tasks). They take plain values (ids, ISO dates), never objects."""

from __future__ import annotations

from django_tasks import task

from monitoring import queries


@task()
def refresh_dashboard_task(
    user_id: str, plan_id: str, unit_id: str, day: str, language: str
) -> bool:
    """Recompute one kept all-years dashboard (queued when a stale one was served)."""
    return queries.refresh(user_id, plan_id, unit_id, day, language)
