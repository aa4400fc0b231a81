"""The e-mail outbox (hộp thư đi): every e-mail of the inbox app goes through it.

1. ``put`` stores the rendered message as an ``OutboxEmail`` row inside the caller's
   transaction (the notification's): committed together or not at all, so no e-mail is lost
   between "decided to send" and "sent", and none exists for a rolled-back notification.
2. After commit a task (or any worker's tick: ``send_due``) claims the row for
   OUTBOX_CLAIM_SECONDS by a conditional update, sends it, then marks it sent.
3. A failure records the error and retries with back-off (up to OUTBOX_MAX_ATTEMPTS); a sender
   killed between the send and the mark leaves the claim to expire and the message is sent
   again — at least once, with the same ``Message-ID`` and ``X-Idempotency-Key`` so a mail
   server or client can drop the copy. Two workers never send one row at the same time.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.batches import delete_in_batches
from notifications.models import OutboxEmail

logger = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "X-Idempotency-Key"
BATCH = 200  # rows per call of send_due: a bounded piece of work per tick


def put(message: EmailMultiAlternatives, *, topic: str = "") -> OutboxEmail:
    """Queue a rendered message (one recipient) in the caller's transaction."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = str(content)
    return OutboxEmail.objects.create(
        to=message.to[0][:254],
        subject=str(message.subject)[:300],
        body=str(message.body),
        html=html,
        topic=topic[:200],
    )


def enqueue_on_commit(keys: Iterable[Any]) -> None:
    """After the caller's transaction commits, ask the worker to send these rows now (the
    ticks of ``send_due`` catch them anyway if this task is lost)."""
    ids = [str(key) for key in keys]
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))


def _enqueue(ids: list[str]) -> None:
    from notifications.tasks import send_outbox_task

    send_outbox_task.enqueue(ids)


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "khcn.local"


def message_of(row: OutboxEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to],
        headers={
            "Message-ID": f"<{row.key}@{_domain()}>",
            IDEMPOTENCY_HEADER: str(row.key),
        },
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    return message


def _due(now: datetime.datetime) -> Q:
    return Q(sent_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def _claim(key: Any, now: datetime.datetime) -> bool:
    """Hold the row for this sender (its own committed transaction)."""
    with transaction.atomic():
        return bool(
            OutboxEmail.objects.filter(_due(now), pk=key).update(
                claimed_until=now + datetime.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS),
                attempts=F("attempts") + 1,
            )
        )


def _backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 240))


def send_one(key: Any, now: datetime.datetime | None = None) -> bool:
    """Claim, send and mark one row; False when another sender has it or it is not due."""
    now = now or timezone.now()
    if not _claim(key, now):
        return False
    row = OutboxEmail.objects.get(pk=key)
    try:
        message_of(row).send()
    except Exception as error:  # noqa: BLE001 - any transport error: retried with back-off
        logger.warning("e-mail %s to %s failed (attempt %s)", row.pk, row.to, row.attempts)
        gave_up = row.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxEmail.objects.filter(pk=key).update(
            claimed_until=None,
            last_error=f"{type(error).__name__}: {error}"[:500],
            next_attempt_at=now + _backoff(row.attempts),
            failed_at=now if gave_up else None,
        )
        return False
    OutboxEmail.objects.filter(pk=key).update(sent_at=max(now, timezone.now()), claimed_until=None)
    return True


def send(keys: Iterable[Any], now: datetime.datetime | None = None) -> int:
    """Send these rows if still due (the task queued after a commit). Returns how many went."""
    return sum(send_one(key, now) for key in keys)


def send_due(
    now: datetime.datetime | None = None, *, older_than: datetime.timedelta | None = None
) -> int:
    """Send up to BATCH due rows (each worker tick): new rows whose task was lost, retries
    after a failure, rows whose sender died while holding them. ``older_than`` leaves the
    freshest rows to the task queued for them."""
    now = now or timezone.now()
    rows = OutboxEmail.objects.filter(_due(now))
    if older_than is not None:
        rows = rows.filter(created_at__lt=now - older_than)
    keys = list(rows.order_by("next_attempt_at", "created_at").values_list("pk", flat=True)[:BATCH])
    return send(keys, now)


def purge_sent(now: datetime.datetime | None = None, *, batch: int = 1000) -> int:
    """Delete e-mails sent more than OUTBOX_KEEP_DAYS ago, ``batch`` rows per transaction
    (unsent and given-up rows stay: the administrator looks at those)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)
    return delete_in_batches(OutboxEmail.objects.filter(sent_at__lt=cutoff), batch=batch)
