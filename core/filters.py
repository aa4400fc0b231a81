"""Filter helpers shared by filtersets."""

from __future__ import annotations

from django.db.models import QuerySet

from core.text import fold


def folded_search(queryset: QuerySet, field: str, value: str) -> QuerySet:
    """Every folded word of ``value`` must occur in the folded ``field`` (with or without dấu)."""
    for word in fold(value).split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
