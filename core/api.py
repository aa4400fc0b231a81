"""Base API views: the same scoping path as the pages (``visible_to``), token or session auth."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404
from rest_framework import status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from core.errors import ActionError, EditConflict, NotAllowed


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class ScopedViewSetMixin:
    model: Any
    request: Any

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def get_queryset(self) -> QuerySet:
        if getattr(self, "queryset", None) is not None:
            raise ImproperlyConfigured("Scoped viewsets must not set `queryset`.")
        return self.refine_queryset(self.model.objects.visible_to(self.request.user))  # type: ignore[attr-defined]

    def run_action(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a named action and map its errors onto HTTP answers (refused = 404)."""
        try:
            return func(*args, **kwargs)
        except NotAllowed as exc:
            raise Http404 from exc
        except EditConflict as exc:
            raise Conflict(exc.message) from exc
        except ActionError as exc:
            raise ValidationError({"detail": exc.message}) from exc


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9a-f-]{36}"


def created(data: Any) -> Response:
    return Response(data, status=status.HTTP_201_CREATED)
