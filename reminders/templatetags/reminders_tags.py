"""A unit report's reminder summary and the round's "đôn đốc" button (panels on reporting's
pages, registered in ``RemindersConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django import template

from reminders.actions import can_remind, can_remind_for_plan, is_remindable
from reminders.models import ReminderLog

register = template.Library()


@register.simple_tag(takes_context=True)
def report_reminders(context: dict[str, Any], report: Any) -> dict[str, Any]:
    user = context["request"].user
    logs = ReminderLog.objects.visible_to(user).filter(unit_report=report).order_by("-sent_at")
    return {
        "count": logs.count(),
        "last": logs.first(),
        "can_remind": is_remindable(report) and can_remind(user, report),
    }


@register.simple_tag(takes_context=True)
def can_remind_round(context: dict[str, Any], round_: Any) -> bool:
    return can_remind_for_plan(context["request"].user, round_.plan)
