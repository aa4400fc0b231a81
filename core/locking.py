"""Optimistic locking for VersionedModel rows."""

from __future__ import annotations

from django.db.models import F

from core.errors import EditConflict
from core.models import VersionedModel


def claim_version(obj: VersionedModel, expected_version: int | None) -> None:
    """Bump ``obj.version`` only if it is still ``expected_version``; otherwise raise.

    Must run inside the action's transaction, before any other write: the conditional UPDATE is
    atomic on SQLite and PostgreSQL alike, so of two concurrent saves based on the same version
    exactly one wins and the other gets EditConflict (and its transaction rolls back).
    """
    expected = obj.version if expected_version is None else expected_version
    rows = type(obj)._default_manager.filter(pk=obj.pk, version=expected)
    updated = rows.update(version=F("version") + 1)
    if updated != 1:
        raise EditConflict()
    obj.version = expected + 1
