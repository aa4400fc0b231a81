"""Brokers are reminded of requests that wait (nhắc cán bộ môi giới), once a day at most; each
broker gets the reminder once even when a run dies half-way (``notifications.dispatch``)."""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from market.actions import brokers
from market.models import Connection, ConnectionStatus
from notifications import dispatch
from notifications.models import Dispatch

#: A request unanswered for this many days is a reminder's business.
WAIT_DAYS = 3


#: Dispatch keys of these reminders: ``market.brokers:<day>:<digest of the requests>``.
KEY = "market.brokers:"


def remind_brokers(today: datetime.date | None = None) -> dict[str, int]:
    """The daily job. The waiting requests are claimed (``reminded_on``, audit rows, the
    ``notifications.dispatch`` to the brokers) in one transaction, then each broker gets their
    copy in their own: a run killed half-way is finished by the next one and no broker is
    told twice (issue 11, class 8)."""
    today = today or timezone.localdate()
    dispatch.resume(KEY)  # what a killed run left half-delivered
    claimed = _claim(today)
    if claimed is None:
        return {"waiting": 0, "sent": 0}
    row, waiting = claimed
    dispatch.deliver(row)
    return {"waiting": waiting, "sent": row.recipients.count()}


@transaction.atomic
def _claim(today: datetime.date) -> tuple[Dispatch, int] | None:
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=WAIT_DAYS), datetime.time.max)
    )
    waiting = list(
        Connection.objects.select_for_update(of=("self",))
        .filter(status=ConnectionStatus.REQUESTED, requested_at__lte=cutoff)
        .exclude(reminded_on=today)
        .select_related("need")
        .order_by("pk")
    )
    if not waiting:
        return None
    people = brokers()
    # One reminder per set of requests: a later run the same day (new requests) has its own.
    digest = hashlib.sha256(",".join(str(c.pk) for c in waiting).encode()).hexdigest()[:16]
    row = dispatch.prepare(
        f"{KEY}{today.isoformat()}:{digest}",
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
    return row, len(waiting)
