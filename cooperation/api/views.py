"""Read-only API of cooperation agreements: writes go through the pages' named actions."""

from django.db.models import QuerySet

from cooperation.api.serializers import AgreementSerializer
from cooperation.models import Agreement
from core.api import ScopedReadOnlyViewSet


class AgreementViewSet(ScopedReadOnlyViewSet):
    model = Agreement
    serializer_class = AgreementSerializer
    filterset_fields = ["partner_scope", "status"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.prefetch_related("partners", "projects").order_by("-signed_on")
