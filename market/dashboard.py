"""The monitoring dashboard's market panel: requests waiting for the broker, response time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from market.models import Connection, ConnectionStatus
from market.views.connections import response_days


def broker_panel_context(context: Mapping[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    visible = Connection.objects.visible_to(user)
    waiting = visible.filter(status=ConnectionStatus.REQUESTED).select_related("need", "offer")
    return {
        "market_response": response_days(visible),
        "market_waiting": list(waiting.order_by("requested_at")[:8]),
    }
