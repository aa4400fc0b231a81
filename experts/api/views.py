"""Read-only API of experts, showing only consented field groups beyond the managers."""

from typing import Any

from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from experts import actions
from experts.api.serializers import ExpertSerializer
from experts.models import Expert


class ExpertViewSet(ScopedReadOnlyViewSet):
    model = Expert
    serializer_class = ExpertSerializer
    filterset_fields = ["degree", "field"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related("owner_unit").prefetch_related("projects").order_by("full_name")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        user = self.request.user
        context["sees_all"] = lambda expert: (
            actions.can_manage_data(user, expert) or actions.can_edit(user, expert)
        )
        return context
