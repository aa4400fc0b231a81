from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search
from organisations.models import Organisation, OrganisationKind


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Loại tổ chức"), choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = ["q", "kind"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)
