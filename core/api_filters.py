"""The API's filter backend (kept apart from ``core.api``: DRF reads the backend setting while
``core.api`` is being imported)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend


def scoped_queryset(queryset: Any, user: Any) -> QuerySet | None:
    """``queryset`` narrowed to what ``user`` may see, when its model is scoped."""
    if queryset is None:
        return None
    queryset = queryset.all()  # a filter may hold a manager
    manager = queryset.model._default_manager
    if not hasattr(manager, "visible_to"):
        return queryset
    return queryset & manager.visible_to(user) if queryset.query.where else manager.visible_to(user)


class ScopedFilterBackend(DjangoFilterBackend):
    """django-filter for the API, with every object filter (``?plan=``, ``?unit=`` …) choosing
    among visible objects only: a hidden id answers 400 like a random one instead of an empty
    list (which would tell that the object exists)."""

    def get_filterset(self, request: Any, queryset: QuerySet, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            # Before the form is built (lazily, from the filters' querysets).
            for filter_ in filterset.filters.values():
                if getattr(filter_, "queryset", None) is not None:
                    filter_.queryset = scoped_queryset(filter_.queryset, request.user)
        return filterset
