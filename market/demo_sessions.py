"""Demo of a supply–demand session (phiên kết nối cung – cầu): runs after ``events.demo``.

A need is introduced to the best-matching offer at the demo connection session, and the two
sides meet there in a one-to-one slot, so the event page shows what the market brokered.
"""

from __future__ import annotations

import datetime
from typing import Any

from events.models import Event, EventKind
from market import actions, search
from market.models import Need, Offer

SESSION_NEED = "Dâu tây loại bán không được"


def load(context: dict[str, Any]) -> None:
    office = context["users"]["theodoi"]
    event = Event.objects.filter(kind=EventKind.CONNECTION).order_by("starts_on").first()
    need = Need.objects.filter(title=SESSION_NEED).first()
    if event is None or need is None:
        return
    top = search.offers_for_need(need, Offer.objects.published(), limit=1)
    if not top:
        return
    connection = actions.request_connection(office, need, top[0].obj, share_contact=True)
    actions.introduce(
        office,
        connection,
        expected_version=connection.version,
        note="Giới thiệu tại bàn chế biến của phiên kết nối.",
        event=event,
    )
    connection.refresh_from_db()
    actions.record_meeting(
        office,
        connection,
        expected_version=connection.version,
        held_on=event.starts_on,
        starts_at=datetime.time(9, 30),
        event=event,
        place="Bàn số 3",
        notes="Hai bên thống nhất làm thử mứt dâu sấy dẻo trên 200 kg trái loại 2.",
    )
