from __future__ import annotations

from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from reminders.api.serializers import ReminderLogSerializer
from reminders.models import ReminderLog


class ReminderLogViewSet(ScopedReadOnlyViewSet):
    """Reminders about the unit reports the caller may see."""

    model = ReminderLog
    serializer_class = ReminderLogSerializer
    filterset_fields = ["kind", "unit_report", "day"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related("unit_report__unit", "unit_report__round", "sent_by")
            .prefetch_related("recipients")
            .order_by("-sent_at")
        )
