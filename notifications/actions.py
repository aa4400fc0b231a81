"""Named writes of the generic inbox.

``notify`` is the one way to tell people something: it stores in-app notifications and, on
commit, queues the e-mail for those who want it at once. ``send_daily_digests`` is a daily job
(run by the worker's scheduler, see ``notifications/scheduler.py``). What to tell, and whom, is
decided by the apps above (reporting's decision notices, the reminders).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ActionError, NotAllowed
from notifications import outbox
from notifications.models import (
    EmailMode,
    Notification,
    NotificationKind,
    NotificationPreference,
    topic_of,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

logger = logging.getLogger(__name__)


def email_modes(users: Iterable[User]) -> dict[int, str]:
    ids = [u.pk for u in users]
    modes = dict(
        NotificationPreference.objects.filter(user_id__in=ids).values_list("user_id", "email_mode")
    )
    return {pk: modes.get(pk, EmailMode.IMMEDIATE) for pk in ids}


def wants_email(user: User, mode: str) -> bool:
    return bool(user.email) and user.is_active and mode != EmailMode.OFF


@transaction.atomic
def notify(
    recipients: User | Iterable[User],
    *,
    title: str,
    body: str = "",
    link: str = "",
    kind: str = NotificationKind.INFO,
    about: models.Model | None = None,
    email: bool = True,
    topic: str | None = None,
) -> list[Notification]:
    """Store one notification per recipient and queue e-mail for those who want it now.

    ``about`` is the object the notification concerns (a unit report…), kept as its ``topic``
    (or ``topic`` itself, the stored key of a dispatch resumed later).
    Recipients whose preference is a daily digest keep ``emailed_at`` empty until the digest;
    those who want no e-mail (or have no address) are marked as done right away. ``email=False``
    (demo data, back-filled history) sends nothing.
    """
    users = [recipients] if isinstance(recipients, User) else list(dict.fromkeys(recipients))
    if not users:
        return []
    now = timezone.now()
    modes = email_modes(users)
    topic = topic_of(about) if topic is None else topic[:200]
    rows = []
    immediate: list[Notification] = []
    for user in users:
        mode = modes[user.pk]
        row = Notification(
            recipient=user,
            kind=kind,
            title=title[:300],
            body=body,
            link=link[:500],
            topic=topic,
        )
        if not email or not wants_email(user, mode):
            row.emailed_at = now
        elif mode == EmailMode.IMMEDIATE:
            immediate.append(row)
        rows.append(row)
    Notification.objects.bulk_create(rows)
    if immediate:
        _queue_emails(immediate, now)
    return rows


def _queue_emails(rows: Sequence[Notification], now: datetime.datetime) -> list[Any]:
    """Put the immediate e-mails of these notifications in the outbox, in the caller's
    transaction, mark them e-mailed and have the worker send them after commit."""
    from notifications.email import notification_message

    keys = [
        outbox.put(notification_message(row), topic=row.topic or f"notification:{row.pk}").key
        for row in rows
    ]
    Notification.objects.filter(pk__in=[row.pk for row in rows]).update(emailed_at=now)
    for row in rows:
        row.emailed_at = now
    outbox.enqueue_on_commit(keys)
    return keys


def send_notification_emails(ids: Sequence[Any]) -> int:
    """Queue (and send) the immediate e-mails of these notifications that have none yet (e.g.
    the preference changed from digest to immediate); each is queued at most once."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .filter(pk__in=list(ids), emailed_at__isnull=True)
            .select_related("recipient")
        )
        modes = email_modes([row.recipient for row in rows])
        rows = [
            row
            for row in rows
            if wants_email(row.recipient, modes[row.recipient_id])
            and modes[row.recipient_id] == EmailMode.IMMEDIATE
        ]
        keys = _queue_emails(rows, timezone.now()) if rows else []
    outbox.send(keys)
    return len(keys)


@transaction.atomic
def mark_read(user: User | AnonymousUser, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise NotAllowed()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


@transaction.atomic
def mark_all_read(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_email_mode(user: User, mode: str) -> NotificationPreference:
    if mode not in EmailMode.values:
        raise ActionError(_("Lựa chọn không hợp lệ."))
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    if preference.email_mode != mode:
        preference.email_mode = mode
        preference.save(update_fields=["email_mode", "updated_at"])
    return preference


def send_daily_digests(today: datetime.date | None = None) -> dict[str, int]:
    """One e-mail per digest subscriber with every notification not yet e-mailed, up to the end
    of ``today``. Each notification is claimed inside the transaction that sends it, so running
    the job twice sends nothing the second time."""
    from notifications.email import digest_message

    today = today or timezone.localdate()
    end = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    subscribers = User.objects.filter(
        is_active=True, notification_preference__email_mode=EmailMode.DIGEST
    ).exclude(email="")
    counts = {"users": 0, "notifications": 0}
    digests: list[Any] = []
    for user in subscribers:
        try:
            with transaction.atomic():
                rows = list(
                    Notification.objects.select_for_update()
                    .filter(recipient=user, emailed_at__isnull=True, created_at__lt=end)
                    .order_by("created_at")
                )
                if not rows:
                    continue
                Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
                    emailed_at=timezone.now()
                )
                # In the outbox with the claim of its notifications: the digest is sent once.
                digests.append(
                    outbox.put(digest_message(user, rows, today), topic=f"digest:{today}").key
                )
        except Exception:  # one bad address must not stop everyone else's digest
            logger.exception("daily digest failed for user %s", user.pk)
            continue
        counts["users"] += 1
        counts["notifications"] += len(rows)
    outbox.send(digests)
    # E-mails whose sending task was lost or failed (mail server down) get another try.
    counts["retried"] = outbox.send_due(older_than=datetime.timedelta(minutes=15))
    return counts
