"""The inbox tests start from an empty inbox (the demo fills it with replayed reminders)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    """Background tasks run synchronously in tests."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def empty_inbox(db: Any) -> None:
    from notifications.models import Notification, OutboxEmail

    Notification.objects.all().delete()
    OutboxEmail.objects.all().delete()
