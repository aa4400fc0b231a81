"""Supply–demand sessions (phiên kết nối cung – cầu) on the events registry.

A connection names the event where the broker introduced the two sides; each one-to-one
meeting may be scheduled at an event (date, time) and records its outcome. ``events`` sits
below the market and never names it: the event page shows what was brokered there through the
``events.event_detail`` panel slot, registered in ``MarketConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from core.errors import ActionError
from events.models import Event
from market.models import SESSION_KINDS, Connection, ConnectionStatus, Meeting


def session_events(user: Any) -> QuerySet[Event]:
    """Events a user may link connections and meetings to: visible, of a session kind."""
    return (
        Event.objects.visible_to(user)
        .filter(kind__in=SESSION_KINDS)
        .order_by("-starts_on", "title")
    )


def check_session_event(user: Any, event: Event | None) -> None:
    """Refuse an event the user may not see or that is not a place where supply meets demand."""
    if event is None:
        return
    if not session_events(user).filter(pk=event.pk).exists():
        raise ActionError(
            _(
                "Chỉ chọn được phiên kết nối cung – cầu, chợ công nghệ, hội chợ hoặc triển lãm "
                "mà bạn xem được."
            )
        )


def is_session(context: Mapping[str, Any]) -> bool:
    event = context.get("object")
    return isinstance(event, Event) and event.kind in SESSION_KINDS


def event_panel_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """What the event page shows of the market: the connections introduced there and the
    schedule of one-to-one meetings held there, as far as the viewer may see them."""
    event = context["object"]
    user = getattr(context.get("request"), "user", None)
    visible = Connection.objects.visible_to(user)
    connections = (
        visible.filter(Q(event=event) | Q(meetings__event=event))
        .distinct()
        .select_related("need", "offer", "contract")
        .order_by("requested_at")
    )
    meetings = (
        Meeting.objects.filter(event=event, connection__in=visible.values("pk"))
        .select_related("connection__need", "connection__offer")
        .order_by("held_on", "starts_at", "created_at")
    )
    rows = list(connections[:200])
    deals = [c for c in rows if c.status == ConnectionStatus.DEAL]
    value = (
        visible.filter(pk__in=[c.pk for c in deals]).aggregate(v=Sum("contract__value"))["v"] or 0
    )
    return {
        "market_connections": rows,
        "market_meetings": list(meetings[:300]),
        "market_deals": len(deals),
        "market_deal_value": value,
    }
