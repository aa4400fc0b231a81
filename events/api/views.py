"""Read-only API of S&T events: writes go through the pages' named actions."""

from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from events.api.serializers import EventSerializer
from events.models import Event


class EventViewSet(ScopedReadOnlyViewSet):
    model = Event
    serializer_class = EventSerializer
    filterset_fields = ["kind", "organiser", "owner_unit"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.prefetch_related("participant_organisations").order_by("-starts_on")
