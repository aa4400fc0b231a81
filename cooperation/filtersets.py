from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cooperation.models import Agreement, AgreementStatus, PartnerScope
from core.filters import folded_search


class AgreementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    partner_scope = django_filters.ChoiceFilter(label=_("Đối tác"), choices=PartnerScope.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=AgreementStatus.choices)

    class Meta:
        model = Agreement
        fields = ["q", "partner_scope", "status"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)
