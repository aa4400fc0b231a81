"""Optimistic locking for VersionedModel rows."""

from __future__ import annotations

from django.db.models import F

from core.errors import EditConflict
from core.models import VersionedModel


def claim_version(obj: VersionedModel, expected_version: int) -> None:
    """Bump ``obj.version`` only if it is still ``expected_version``; otherwise raise.

    Must run inside the action's transaction, before any other write: the conditional UPDATE is
    atomic on SQLite and PostgreSQL alike, so of two concurrent saves based on the same version
    exactly one wins and the other gets EditConflict (and its transaction rolls back).

    The version is mandatory: there is no "current version" fallback, because a caller that
    does not say which version it read would silently overwrite whatever was saved meanwhile.
    Forms carry it in ``core.forms.VersionField``; the API requires it on every update.
    """
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise TypeError(f"expected_version must be an int, not {expected_version!r}")
    rows = type(obj)._default_manager.filter(pk=obj.pk, version=expected_version)
    updated = rows.update(version=F("version") + 1)
    if updated != 1:
        raise EditConflict()
    obj.version = expected_version + 1
