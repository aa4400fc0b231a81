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
) -> list[Notification]:
    """Store one notification per recipient and queue e-mail for those who want it now.

    ``about`` is the object the notification concerns (a unit report…), kept as its ``topic``.
    Recipients whose preference is a daily digest keep ``emailed_at`` empty until the digest;
    those who want no e-mail (or have no address) are marked as done right away. ``email=False``
    (demo data, back-filled history) sends nothing.
    """
    users = [recipients] if isinstance(recipients, User) else list(dict.fromkeys(recipients))
    if not users:
        return []
    now = timezone.now()
    modes = email_modes(users)
    topic = topic_of(about)
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
        ids = [str(row.pk) for row in immediate]
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return rows


def _enqueue_emails(ids: list[str]) -> None:
    from notifications.tasks import send_notification_emails_task

    send_notification_emails_task.enqueue(ids)


def send_notification_emails(ids: Sequence[Any]) -> int:
    """Send the immediate e-mails of these notifications; each goes out at most once."""
    from notifications.email import notification_message

    sent = 0
    rows = Notification.objects.filter(pk__in=list(ids), emailed_at__isnull=True).select_related(
        "recipient"
    )
    modes = email_modes([row.recipient for row in rows])
    for row in rows:
        if not wants_email(row.recipient, modes[row.recipient_id]):
            continue
        if modes[row.recipient_id] != EmailMode.IMMEDIATE:
            continue  # switched to the digest meanwhile: the digest will carry it
        try:
            with transaction.atomic():
                # Claim the row first, so a second worker running the same task sends nothing;
                # a failed send rolls the claim back and the daily job retries it.
                claimed = Notification.objects.filter(pk=row.pk, emailed_at__isnull=True).update(
                    emailed_at=timezone.now()
                )
                if claimed:
                    notification_message(row).send()
                    sent += 1
        except Exception:  # SMTP trouble: leave it for the daily retry, go on with the rest
            logger.exception("e-mail for notification %s failed", row.pk)
    return sent


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
                digest_message(user, rows, today).send()
        except Exception:  # one bad address must not stop everyone else's digest
            logger.exception("daily digest failed for user %s", user.pk)
            continue
        counts["users"] += 1
        counts["notifications"] += len(rows)
    # Immediate e-mails that failed earlier (mail server down) get another try.
    stale = timezone.now() - datetime.timedelta(minutes=15)
    leftovers = (
        Notification.objects.filter(emailed_at__isnull=True, created_at__lt=stale)
        .exclude(
            recipient__notification_preference__email_mode__in=[EmailMode.DIGEST, EmailMode.OFF]
        )
        .values_list("pk", flat=True)
    )
    counts["retried"] = send_notification_emails(list(leftovers))
    return counts
