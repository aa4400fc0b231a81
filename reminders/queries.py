"""Read-only questions about who reminders reach, for pages above (the monitoring dashboard)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, Min, OuterRef

from accounts.models import Membership
from reminders.actions import DONE_STATUSES
from reporting.models import UnitReport
from reporting.notices import REMINDER_ROLES

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

UNREACHABLE_ROWS = 50


def unreachable_units(
    user: User | AnonymousUser, plan_id: Any, year: int | None = None, subtree: str = ""
) -> list[dict[str, Any]]:
    """Units with reports still to send in the plan (and year) where no active person files
    reports — nobody a reminder can reach. One grouped query, bounded, scoped to ``user``."""
    reachable = Membership.objects.filter(
        unit_id=OuterRef("unit_id"),
        is_active=True,
        role__in=REMINDER_ROLES,
        user__is_active=True,
    )
    reports = (
        UnitReport.objects.visible_to(user)
        .filter(round__plan_id=plan_id)
        .exclude(status__in=DONE_STATUSES)
        .filter(~Exists(reachable))
    )
    if year:
        reports = reports.filter(round__period_end__year=year)
    if subtree:
        reports = reports.filter(unit__path__startswith=subtree)
    rows: Any = (
        reports.values("unit_id", "unit__name")
        .annotate(reports=Count("pk"), first_due=Min("round__due_date"))
        .order_by("unit__name")[:UNREACHABLE_ROWS]
    )
    return [dict(row) for row in rows]
