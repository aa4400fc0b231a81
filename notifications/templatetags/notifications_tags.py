"""The navbar bell and a unit report's reminder summary."""

from __future__ import annotations

from typing import Any

from django import template

from notifications.models import Notification, ReminderLog

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = Notification.objects.visible_to(user).unread().count()
    return {"unread": unread}


@register.simple_tag(takes_context=True)
def report_reminders(context: dict[str, Any], report: Any) -> dict[str, Any]:
    from notifications.actions import can_remind, is_remindable

    user = context["request"].user
    logs = ReminderLog.objects.visible_to(user).filter(unit_report=report).order_by("-sent_at")
    return {
        "count": logs.count(),
        "last": logs.first(),
        "can_remind": is_remindable(report) and can_remind(user, report),
    }


@register.simple_tag(takes_context=True)
def can_remind_round(context: dict[str, Any], round_: Any) -> bool:
    from notifications.actions import can_remind_for_plan

    return can_remind_for_plan(context["request"].user, round_.plan)
