"""Notifications sent by scheduled runs, one person at a time (đợt gửi thông báo).

A daily job that tells several people the same thing (a report's reminder, a project's
application reminder, a recommendation's reminder or escalation, an IP title's expiry, the
brokers' reminder) does it
in two steps, so a worker killed half-way (SIGKILL, a crash on the k-th person) neither loses
the others nor reaches anyone twice:

1. ``prepare`` stores a ``Dispatch`` (unique ``key``, the text, the intended recipients) in the
   caller's transaction — the one that claims the occasion (the app's "already reminded" mark
   and audit row). Nothing is sent yet; a rolled-back claim leaves no dispatch.
2. After that commit, ``deliver`` gives each recipient their copy in its own transaction: a
   ``Delivery`` row (unique per dispatch and person) with their notification and outbox
   e-mail (``notifications.actions.notify``). Someone who already has a row is skipped; a
   second worker delivering at the same time loses the unique constraint and skips too.

``resume(prefix)`` — called at the start of each app's job, and by the nightly housekeeping
for all of them — finishes the dispatches a killed run left incomplete, from their stored text.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from accounts.models import User
from notifications.actions import notify
from notifications.models import Delivery, Dispatch, NotificationKind, topic_of

BATCH = 500  # unfinished dispatches per resume call: bounded work per run


def prepare(
    key: str,
    recipients: Iterable[User],
    *,
    title: str,
    body: str = "",
    link: str = "",
    kind: str = NotificationKind.INFO,
    about: models.Model | None = None,
    email: bool = True,
) -> Dispatch:
    """Store the dispatch in the caller's transaction. An existing ``key`` raises
    IntegrityError (the occasion was claimed by another run): the caller's claim rolls back."""
    people = list(dict.fromkeys(recipients))
    with transaction.atomic():
        row = Dispatch.objects.create(
            key=key[:200],
            kind=kind,
            title=title[:300],
            body=body,
            link=link[:500],
            topic=topic_of(about),
            email=email,
            completed_at=None if people else timezone.now(),
        )
        row.recipients.set(people)
    return row


def deliver(row: Dispatch, *, after_each: Callable[[], None] | None = None) -> int:
    """Give every recipient without a delivery their copy, each in its own transaction.
    Returns how many were reached now. Call it outside any transaction (after the commit of
    ``prepare``): inside one, a crash would undo the copies already given. ``after_each`` runs
    after each copy given (the crash test's pause, see reminders)."""
    given = set(row.deliveries.values_list("recipient_id", flat=True))
    missing = [user for user in row.recipients.order_by("pk") if user.pk not in given]
    done = 0
    for user in missing:
        try:
            with transaction.atomic():
                Delivery.objects.create(dispatch=row, recipient=user)
                notify(
                    user,
                    title=row.title,
                    body=row.body,
                    link=row.link,
                    kind=row.kind,
                    topic=row.topic,
                    email=row.email,
                )
        except IntegrityError:
            continue  # given by an earlier (killed) run or by a second worker right now
        done += 1
        if after_each is not None:
            after_each()
    _complete(row)
    return done


def _complete(row: Dispatch) -> None:
    wanted = row.recipients.count()
    if row.deliveries.count() >= wanted:
        Dispatch.objects.filter(pk=row.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )


def resume(prefix: str = "", *, older_than: datetime.timedelta | None = None) -> int:
    """Finish the incomplete dispatches whose key starts with ``prefix`` (all with ""),
    ``older_than`` leaving alone those a live run is still delivering. Returns the copies
    given now."""
    rows = Dispatch.objects.filter(completed_at__isnull=True, key__startswith=prefix)
    if older_than is not None:
        rows = rows.filter(created_at__lt=timezone.now() - older_than)
    return sum(deliver(row) for row in rows.order_by("created_at")[:BATCH])


def delivered(key: str) -> list[Any]:
    """The ids of the people a dispatch reached (tests, the admin)."""
    return list(Delivery.objects.filter(dispatch__key=key).values_list("recipient_id", flat=True))
