"""Who hears about a unit's report, and the notice of the office's decision on it.

Reporting sits above the generic inbox (``notifications``), so it tells people through
``notifications.actions.notify`` itself; the deadline reminders (``reminders``, above reporting)
reuse ``unit_recipients`` and ``report_link`` from here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from core.permissions import FILE_REPORT
from notifications.actions import notify
from notifications.models import NotificationKind
from reporting.models import UnitReport

# Who receives a reminder or a decision about a unit's report.
REMINDER_ROLES = tuple(sorted(FILE_REPORT.roles))


def report_link(report: UnitReport) -> str:
    return reverse("reporting:report_detail", args=[report.pk])


def unit_recipients(unit_ids: Iterable[Any]) -> dict[Any, list[tuple[User, str]]]:
    """The active reporters, leaders and managers of each unit, with their role, by unit id."""
    found: dict[Any, list[tuple[User, str]]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            unit_id__in=set(unit_ids),
            is_active=True,
            role__in=REMINDER_ROLES,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    for membership in memberships:
        found[membership.unit_id].append((membership.user, membership.role))
    return found


def notify_report_decision(report: UnitReport, *, accepted: bool, comment: str) -> None:
    """Tell the report's unit that the monitoring office accepted or returned its report."""
    members = unit_recipients([report.unit_id]).get(report.unit_id, [])
    recipients = list(dict.fromkeys(user for user, _role in members))
    if not recipients:
        return
    values = {"round": report.round.label, "unit": report.unit.name}
    if accepted:
        title = _("Báo cáo %(round)s của %(unit)s đã được tiếp nhận") % values
    else:
        title = _("Báo cáo %(round)s của %(unit)s bị trả lại, cần chỉnh sửa") % values
    notify(
        recipients,
        title=title,
        body=comment,
        link=report_link(report),
        kind=NotificationKind.INFO,
        about=report,
    )
