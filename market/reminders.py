"""Brokers are reminded of requests that wait (nhắc cán bộ môi giới), once a day at most."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from market.actions import brokers
from market.models import Connection, ConnectionStatus
from notifications.actions import notify

#: A request unanswered for this many days is a reminder's business.
WAIT_DAYS = 3


@transaction.atomic
def remind_brokers(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=WAIT_DAYS), datetime.time.max)
    )
    waiting = list(
        Connection.objects.select_for_update()
        .filter(status=ConnectionStatus.REQUESTED, requested_at__lte=cutoff)
        .exclude(reminded_on=today)
        .select_related("need")
    )
    if not waiting:
        return {"waiting": 0, "sent": 0}
    people = brokers()
    notify(
        people,
        title=_("%(n)s yêu cầu kết nối đang chờ quá %(d)s ngày")
        % {"n": len(waiting), "d": WAIT_DAYS},
        body="\n".join(f"- {c.need.title}" for c in waiting[:20]),
        link=reverse("market:connections") + "?status=requested",
    )
    for connection in waiting:
        connection.reminded_on = today
        connection.save(update_fields=["reminded_on"])
        record(
            None, "market.connection.remind_broker", connection, {"recipients": [None, len(people)]}
        )
    return {"waiting": len(waiting), "sent": len(people)}
