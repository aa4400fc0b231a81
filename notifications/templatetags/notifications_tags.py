"""The navbar bell."""

from __future__ import annotations

from typing import Any

from django import template

from notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = Notification.objects.visible_to(user).unread().count()
    return {"unread": unread}
