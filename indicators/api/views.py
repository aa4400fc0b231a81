"""Read-only API for the catalogue, targets and values (values scoped to the user's units)."""

from __future__ import annotations

from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from indicators.api.serializers import (
    IndicatorSerializer,
    IndicatorTargetSerializer,
    IndicatorValueSerializer,
)
from indicators.models import Indicator, IndicatorTarget, IndicatorValue


class IndicatorViewSet(ScopedReadOnlyViewSet):
    model = Indicator
    serializer_class = IndicatorSerializer
    filterset_fields = ["code", "aggregation", "value_type", "is_active"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("numerator", "denominator").order_by("order", "code")


class IndicatorValueViewSet(ScopedReadOnlyViewSet):
    model = IndicatorValue
    serializer_class = IndicatorValueSerializer
    filterset_fields = ["indicator", "unit", "period_start", "period_end", "source"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("indicator", "unit").order_by(
            "indicator__order", "unit__path", "period_start"
        )


class IndicatorTargetViewSet(ScopedReadOnlyViewSet):
    model = IndicatorTarget
    serializer_class = IndicatorTargetSerializer
    filterset_fields = ["indicator", "unit", "year"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("indicator", "unit").order_by("indicator__order", "year")
