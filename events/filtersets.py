from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search, year_filter
from events.models import Event, EventKind


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Loại sự kiện"), choices=EventKind.choices)
    year = year_filter(label=_("Năm"), field_name="starts_on", lookup_expr="year")

    class Meta:
        model = Event
        fields = ["q", "kind", "year"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)
