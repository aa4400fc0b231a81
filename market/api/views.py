from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from market.api.serializers import ConnectionSerializer, NeedSerializer, OfferSerializer
from market.models import Connection, Need, Offer


class OfferViewSet(ScopedReadOnlyViewSet):
    """Read-only: writes go through the pages' named actions."""

    model = Offer
    serializer_class = OfferSerializer
    filterset_fields = ["field", "readiness", "status"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-published_at", "title")


class NeedViewSet(ScopedReadOnlyViewSet):
    model = Need
    serializer_class = NeedSerializer
    filterset_fields = ["field", "status"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-created_at")


class ConnectionViewSet(ScopedReadOnlyViewSet):
    model = Connection
    serializer_class = ConnectionSerializer
    filterset_fields = ["status"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("contract").order_by("-requested_at")
