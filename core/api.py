"""Base API views: the same scoping path as the pages (``visible_to``), token or session auth.

Action errors become HTTP answers in one place, ``exception_handler`` (set as DRF's
``EXCEPTION_HANDLER``), so a viewset simply calls the named action:

- ``NotAllowed`` → 404, the same as a missing object (an outsider learns nothing);
- ``EditConflict`` → 409 ``{"detail": …}``: the object changed since the client read it;
- any other ``ActionError`` → 400 ``{"detail": …}``.

Every update names the version it is based on (``version`` in the body, as read from the
object's ``version`` field); without it the answer is 400 ``{"version": […]}`` and nothing
changes — there is no "last writer wins".
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.api_filters import scoped_queryset
from core.errors import ActionError, EditConflict, NotAllowed
from core.forms import MISSING_VERSION
from core.params import bound_text_fields


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def api_error(error: ActionError) -> Exception:
    """The HTTP answer for an action's refusal (refused = 404, stale = 409, invalid = 400)."""
    if isinstance(error, NotAllowed):
        return Http404()
    if isinstance(error, EditConflict):
        return Conflict(error.message)
    return ValidationError({"detail": error.message})


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ActionError):
        exc = api_error(exc)
    return drf_exception_handler(exc, context)


class VersionSerializer(serializers.Serializer):
    """The version an update is based on (phiên bản); required."""

    version = serializers.IntegerField(
        error_messages={
            "required": MISSING_VERSION,
            "invalid": MISSING_VERSION,
            "null": MISSING_VERSION,
        }
    )


def expected_version(data: Any) -> int:
    """``version`` from a request body, or a 400 naming it."""
    serializer = VersionSerializer(data=data if isinstance(data, dict) else {})
    serializer.is_valid(raise_exception=True)
    return int(serializer.validated_data["version"])


def scope_relations(serializer: Any, user: Any) -> Any:
    """Every writable related-object field of ``serializer`` (nested ones included) accepts
    only objects ``user`` can see: a hidden id is refused exactly like a random one ("object
    does not exist"), so the answer says nothing about objects of other units."""
    if isinstance(serializer, serializers.ListSerializer):
        scope_relations(serializer.child, user)
        return serializer
    for field in getattr(serializer, "fields", {}).values():
        target: Any = (
            field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        )
        if isinstance(target, serializers.RelatedField) and not target.read_only:
            relation: Any = target  # DRF's stubs type `queryset` as a manager descriptor
            relation.queryset = scoped_queryset(relation.queryset, user)
        elif isinstance(target, serializers.BaseSerializer):
            scope_relations(target, user)
    return serializer


class ScopedViewSetMixin:
    model: Any
    request: Any

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        serializer = super().get_serializer(*args, **kwargs)  # type: ignore[misc]
        return bound_text_fields(scope_relations(serializer, self.request.user))

    def get_queryset(self) -> QuerySet:
        if getattr(self, "queryset", None) is not None:
            raise ImproperlyConfigured("Scoped viewsets must not set `queryset`.")
        return self.refine_queryset(self.model.objects.visible_to(self.request.user))  # type: ignore[attr-defined]


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9a-f-]{36}"


def created(data: Any) -> Response:
    return Response(data, status=status.HTTP_201_CREATED)
