from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification, NotificationKind

SELECT = {"class": "form-select form-select-sm"}


class NotificationFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=[("unread", _("Chưa đọc")), ("read", _("Đã đọc"))],
        empty_label=_("Tất cả"),
        method="by_state",
        widget=forms.Select(attrs=SELECT),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại"),
        choices=NotificationKind.choices,
        empty_label=_("Tất cả"),
        widget=forms.Select(attrs=SELECT),
    )

    class Meta:
        model = Notification
        fields = ["state", "kind"]

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value not in ("unread", "read"):
            return queryset
        return queryset.filter(read_at__isnull=value == "unread")
