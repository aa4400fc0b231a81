"""Filter helpers shared by filtersets."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from core.params import YEAR_MAX, YEAR_MIN
from core.text import fold


def year_filter(**kwargs: object) -> django_filters.NumberFilter:
    """A year filter that refuses what no record can have (``year=-1``, ``year=10000``): the
    API answers 400, a page ignores it, and the database never sees an impossible date."""
    return django_filters.NumberFilter(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)  # type: ignore[arg-type]


def folded_search(queryset: QuerySet, field: str, value: str) -> QuerySet:
    """Every folded word of ``value`` must occur in the folded ``field`` (with or without dấu)."""
    for word in fold(value).split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
