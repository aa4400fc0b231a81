"""Background tasks (django-tasks). They take plain values (ISO dates), never objects."""

from __future__ import annotations

import datetime
from typing import Any

from django_tasks import task

from reporting import actions


@task()
def open_rounds_task(day: str | None = None) -> dict[str, Any]:
    """The daily job: open the rounds every reporting calendar calls for by ``day``."""
    return actions.open_current_rounds(datetime.date.fromisoformat(day) if day else None)


@task()
def derive_rounds_task(round_ids: list[str], actor_id: Any) -> int:
    """The unit reports of rounds generated beyond what one request derives."""
    return actions.derive_rounds_later(round_ids, actor_id)
