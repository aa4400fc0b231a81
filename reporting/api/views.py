from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from core.api import ScopedReadOnlyViewSet
from reporting.api.serializers import (
    IssueSerializer,
    ReportingRoundSerializer,
    UnitReportSerializer,
)
from reporting.models import Issue, ReportingRound, TaskReport, UnitReport


class ReportingRoundViewSet(ScopedReadOnlyViewSet):
    model = ReportingRound
    serializer_class = ReportingRoundSerializer
    filterset_fields = ["plan", "kind"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-period_end", "kind")


class UnitReportViewSet(ScopedReadOnlyViewSet):
    model = UnitReport
    serializer_class = UnitReportSerializer
    filterset_fields = ["round", "unit", "status"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related("round", "unit")
            .prefetch_related(
                Prefetch(
                    "task_reports",
                    queryset=TaskReport.objects.select_related("task").order_by("task__order"),
                )
            )
            .order_by("-round__period_end", "unit__name")
        )


class IssueViewSet(ScopedReadOnlyViewSet):
    model = Issue
    serializer_class = IssueSerializer
    filterset_fields = ["plan", "status", "severity", "owner"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("status", "-created_at")
