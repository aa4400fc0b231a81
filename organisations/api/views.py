from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from organisations.api.serializers import FundSerializer, OrganisationSerializer
from organisations.models import Organisation, StFund


class OrganisationViewSet(ScopedReadOnlyViewSet):
    model = Organisation
    serializer_class = OrganisationSerializer
    filterset_fields = ["kind", "tax_code", "is_innovative_startup"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("name")


class FundViewSet(ScopedReadOnlyViewSet):
    """Enterprises' S&T development funds by year (quỹ phát triển KH&CN), read-only."""

    model = StFund
    serializer_class = FundSerializer
    filterset_fields = ["organisation", "year", "is_established"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-year", "organisation__name")
