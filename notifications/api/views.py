from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api import ScopedReadOnlyViewSet
from notifications import actions
from notifications.api.serializers import NotificationSerializer
from notifications.models import Notification


class NotificationViewSet(ScopedReadOnlyViewSet):
    """The caller's own notifications; ``?unread=true`` for the unread ones."""

    model = Notification
    serializer_class = NotificationSerializer
    filterset_fields = ["kind", "topic"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.request.query_params.get("unread") in ("1", "true"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset.order_by("-created_at")

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: Any = None) -> Response:
        notification = actions.mark_read(request.user, self.get_object())
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": actions.mark_all_read(cast(User, request.user))})
