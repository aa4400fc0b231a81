from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search
from market.models import Field, ListingStatus, Need, Offer, Readiness


class _ListingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Field.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ListingStatus.choices)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)


class OfferFilterSet(_ListingFilterSet):
    readiness = django_filters.ChoiceFilter(
        label=_("Mức độ sẵn sàng"), choices=Readiness.choices[:-1]
    )

    class Meta:
        model = Offer
        fields = ["q", "field", "readiness", "status"]


class NeedFilterSet(_ListingFilterSet):
    class Meta:
        model = Need
        fields = ["q", "field", "status"]
