from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search, year_filter
from organisations.models import Organisation, OrganisationKind, StFund

YES_NO = (("1", _("Có")), ("0", _("Không")))


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Loại tổ chức"), choices=OrganisationKind.choices)
    st_enterprise = django_filters.ChoiceFilter(
        label=_("Doanh nghiệp KH&CN"), choices=YES_NO, method="filter_st_enterprise"
    )
    startup = django_filters.ChoiceFilter(
        label=_("Khởi nghiệp đổi mới sáng tạo"), choices=YES_NO, method="filter_startup"
    )
    fund_year = year_filter(label=_("Có quỹ phát triển KH&CN năm"), method="filter_fund_year")

    class Meta:
        model = Organisation
        fields = ["q", "kind"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)

    def filter_st_enterprise(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        holds = ~Q(st_certificate_number="")
        return queryset.filter(holds) if value == "1" else queryset.exclude(holds)

    def filter_startup(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_innovative_startup=value == "1")

    def filter_fund_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        # Only fund rows the user may see reveal that a fund exists.
        user = getattr(self.request, "user", None)
        funds = StFund.objects.visible_to(user).filter(year=value, is_established=True)
        return queryset.filter(pk__in=funds.values("organisation_id"))
