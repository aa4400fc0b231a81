"""Deleting many rows without holding a table for long (the nightly housekeeping)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet


def delete_in_batches(rows: QuerySet, *, batch: int = 1000, max_batches: int | None = None) -> int:
    """Delete ``rows`` ``batch`` at a time, each batch in its own transaction, so other writers
    wait at most one batch; at most ``max_batches`` batches when given. Returns the number of
    rows deleted (cascades included, as ``QuerySet.delete`` counts them)."""
    model = rows.model
    pk = model._meta.pk.name
    deleted = done = 0
    while max_batches is None or done < max_batches:
        done += 1
        with transaction.atomic():
            keys = list(rows.values_list(pk, flat=True)[:batch])
            if keys:
                deleted += model._default_manager.filter(**{f"{pk}__in": keys}).delete()[0]
        if len(keys) < batch:
            break
    return deleted
