"""Background tasks (django-tasks). They take plain values (ids, ISO dates), never objects."""

from __future__ import annotations

import datetime
from typing import Any

from django_tasks import task

from notifications import actions, outbox


@task()
def send_daily_digests_task(day: str | None = None) -> dict[str, int]:
    return actions.send_daily_digests(datetime.date.fromisoformat(day) if day else None)


@task()
def send_notification_emails_task(ids: list[Any]) -> int:
    return actions.send_notification_emails(ids)


@task()
def send_outbox_task(keys: list[str]) -> int:
    """Send these outbox e-mails now (queued when their transaction committed)."""
    return outbox.send(keys)


@task()
def housekeeping_task(day: str | None = None) -> dict[str, int]:
    """The nightly clean-up: old submission keys (core.idempotency), sent e-mails and finished
    task results, each in bounded batches; dispatches a killed run left incomplete (and whose
    own job has not run again since) are finished."""
    from core.idempotency import purge_expired
    from notifications import dispatch, leases

    return {
        "submission_keys": purge_expired(),
        "outbox": outbox.purge_sent(),
        "task_results": leases.purge_finished(),
        "dispatches": dispatch.resume(older_than=datetime.timedelta(hours=1)),
    }
