from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search
from ip.models import IpTitle, Product, ProductGroup, TitleKind


class TitleFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Loại văn bằng"), choices=TitleKind.choices)
    expires_before = django_filters.DateFilter(
        label=_("Hết hiệu lực trước ngày"), field_name="valid_until", lookup_expr="lte"
    )

    class Meta:
        model = IpTitle
        fields = ["q", "kind"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)


class ProductFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    group = django_filters.ChoiceFilter(label=_("Nhóm sản phẩm"), choices=ProductGroup.choices)
    vietgap = django_filters.BooleanFilter(label=_("Đạt VietGAP"))
    ocop_stars = django_filters.NumberFilter(label=_("Hạng OCOP (số sao)"))

    class Meta:
        model = Product
        fields = ["q", "group", "vietgap", "ocop_stars"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)
