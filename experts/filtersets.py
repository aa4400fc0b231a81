from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search
from experts.models import Degree, Expert, Field


class ExpertFilterSet(django_filters.FilterSet):
    """The expert finder (tìm chuyên gia): by field and expertise keywords, with or without dấu."""

    q = django_filters.CharFilter(label=_("Chuyên môn, từ khóa"), method="search")
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Field.choices)
    degree = django_filters.ChoiceFilter(label=_("Học vị"), choices=Degree.choices)

    class Meta:
        model = Expert
        fields = ["q", "field", "degree"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)
