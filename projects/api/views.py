from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from projects.api.serializers import ProjectSerializer
from projects.models import Project


class ProjectViewSet(ScopedReadOnlyViewSet):
    """Read-only: every write goes through the pages' named actions."""

    model = Project
    serializer_class = ProjectSerializer
    filterset_fields = ["status", "level", "kind", "science_field", "list_year", "host"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related("host")
            .prefetch_related("budget_lines", "applications")
            .order_by("-list_year", "title")
        )
