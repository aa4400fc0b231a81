from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from orgunits.api.serializers import OrgUnitSerializer
from orgunits.models import OrgUnit
from orgunits.views import with_unit_figures


class OrgUnitViewSet(ScopedReadOnlyViewSet):
    """Organisation units with their parent and the per-unit figures other apps contribute."""

    model = OrgUnit
    serializer_class = OrgUnitSerializer
    filterset_fields = ["kind", "parent", "code"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            with_unit_figures(queryset.select_related("parent"))
            .prefetch_related("successor_links")
            .order_by("path")
        )
