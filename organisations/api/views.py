from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from organisations.api.serializers import OrganisationSerializer
from organisations.models import Organisation


class OrganisationViewSet(ScopedReadOnlyViewSet):
    model = Organisation
    serializer_class = OrganisationSerializer
    filterset_fields = ["kind", "tax_code"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("name")
