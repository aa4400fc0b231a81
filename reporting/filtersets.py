from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import year_filter
from orgunits.models import OrgUnit
from plans.models import Plan
from reporting.models import (
    EDITABLE_STATUSES,
    OPEN_ISSUE_STATUSES,
    OUTSTANDING_STATUSES,
    Issue,
    IssueSeverity,
    IssueStatus,
    ReportStatus,
    UnitReport,
)

STATE_CHOICES = [
    ("due", _("Cần nộp (chưa quá hạn)")),
    ("overdue", _("Quá hạn chưa nộp")),
    ("returned", _("Bị trả lại")),
    ("waiting", _("Chờ duyệt, chờ tiếp nhận")),
]


class UnitReportFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Tình hình"), choices=STATE_CHOICES, method="by_state"
    )
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ReportStatus.choices)
    year = year_filter(label=_("Năm"), field_name="round__period_end__year")

    class Meta:
        model = UnitReport
        fields = ["state", "status", "year"]

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        if value == "due":
            return queryset.filter(status__in=EDITABLE_STATUSES, round__due_date__gte=today)
        if value == "overdue":
            return queryset.filter(status__in=OUTSTANDING_STATUSES, round__due_date__lt=today)
        if value == "returned":
            return queryset.filter(status=ReportStatus.RETURNED)
        if value == "waiting":
            return queryset.filter(
                status__in=(ReportStatus.PENDING_APPROVAL, ReportStatus.SUBMITTED)
            )
        return queryset


class IssueFilterSet(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(label=_("Kế hoạch"), queryset=Plan.objects.none())
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        choices=[("open", _("Chưa giải quyết")), *IssueStatus.choices],
        method="by_status",
    )
    severity = django_filters.ChoiceFilter(label=_("Mức độ"), choices=IssueSeverity.choices)
    owner = django_filters.ModelChoiceFilter(
        label=_("Đơn vị xử lý"), queryset=OrgUnit.objects.none()
    )

    class Meta:
        model = Issue
        fields = ["plan", "status", "severity", "owner"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        user = self.request.user if self.request else None
        self.filters["plan"].queryset = (
            Plan.objects.visible_to(user)
            .filter(  # type: ignore[attr-defined]
                issues__isnull=False
            )
            .distinct()
        )
        self.filters["owner"].queryset = (
            OrgUnit.objects.visible_to(user)
            .filter(  # type: ignore[attr-defined]
                Q(owned_issues__isnull=False)
            )
            .distinct()
            .order_by("name")
        )

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return queryset.filter(status__in=OPEN_ISSUE_STATUSES)
        return queryset.filter(status=value)
