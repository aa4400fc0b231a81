from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from reminders.models import ReminderKind, ReminderLog

DATE_INPUT = {"placeholder": "dd/mm/yyyy", "class": "form-control form-control-sm"}
SELECT = {"class": "form-select form-select-sm"}


class ReminderLogFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Đơn vị hoặc kỳ báo cáo"),
        method="search",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Hình thức"),
        choices=ReminderKind.choices,
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )
    day_from = django_filters.DateFilter(
        label=_("Từ ngày"),
        field_name="day",
        lookup_expr="gte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )
    day_to = django_filters.DateFilter(
        label=_("Đến ngày"),
        field_name="day",
        lookup_expr="lte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )
    report = django_filters.UUIDFilter(field_name="unit_report", widget=forms.HiddenInput)
    round = django_filters.UUIDFilter(field_name="unit_report__round", widget=forms.HiddenInput)

    class Meta:
        model = ReminderLog
        fields = ["q", "kind", "day_from", "day_to", "report", "round"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(
                Q(unit_report__unit__name__icontains=word)
                | Q(unit_report__round__label__icontains=word)
            )
        return queryset
