from __future__ import annotations

from typing import Any, cast

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search
from orgunits.models import OrgUnit, OrgUnitQuerySet, UnitKind


class OrgUnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=UnitKind.choices)
    state = django_filters.ChoiceFilter(
        label=_("Hiệu lực"),
        choices=[("active", _("Đang hoạt động")), ("dissolved", _("Đã giải thể, sáp nhập"))],
        method="by_state",
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "state"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # search_text is stored folded, so "da lat", "Đà Lạt" and "ĐÀ LẠT" all match.
        return folded_search(queryset, "search_text", value)

    def by_state(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        today = timezone.localdate()
        if value == "active":
            return cast(OrgUnitQuerySet, queryset).active_on(today)
        if value == "dissolved":
            return queryset.filter(valid_to__lt=today)
        return queryset
