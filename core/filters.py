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


def search_words(value: str) -> list[str]:
    """The folded words a search must find, longest first, without those another word already
    contains ("ca phe ca" → ["phe", "ca"]; "lam dong dong" → ["dong", "lam"]): the longest word
    is the most selective and the one a trigram index can use, and a repeated word would only
    make the database test each row again."""
    words = sorted(set(fold(value).split()), key=lambda w: (-len(w), w))
    kept: list[str] = []
    for word in words:
        if not any(word in longer for longer in kept):
            kept.append(word)
    return kept


def folded_search(queryset: QuerySet, field: str, value: str) -> QuerySet:
    """Every folded word of ``value`` must occur in the folded ``field`` (with or without dấu).

    ``field`` is a stored folded copy (``search_text``, kept by the model's save()); on
    PostgreSQL it carries a trigram index (``core.search_index``), so ``LIKE '%word%'`` is an
    index scan; on SQLite the pager (``core.pagination``) keeps it to one pass."""
    for word in search_words(value):
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
