from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Role
from core.text import fold

SELECT = {"class": "form-select form-select-sm"}


class MembershipFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Người hoặc đơn vị"),
        method="search",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    role = django_filters.ChoiceFilter(
        label=_("Vai trò"),
        choices=Role.choices,
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )
    state = django_filters.ChoiceFilter(
        label=_("Hiệu lực"),
        choices=[("active", _("Đang hiệu lực")), ("ended", _("Đã kết thúc"))],
        empty_label=_("Tất cả"),
        method="by_state",
        widget=forms.Select(attrs=SELECT),
    )
    unit = django_filters.UUIDFilter(field_name="unit", widget=forms.HiddenInput)

    class Meta:
        model = Membership
        fields = ["q", "role", "state", "unit"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Units match with or without diacritics (their folded search_text); people by name.
        for word in value.split():
            queryset = queryset.filter(
                Q(user__full_name__icontains=word)
                | Q(user__username__icontains=word)
                | Q(unit__search_text__contains=fold(word))
            )
        return queryset

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "active":
            return queryset.filter(is_active=True)
        if value == "ended":
            return queryset.filter(is_active=False)
        return queryset
