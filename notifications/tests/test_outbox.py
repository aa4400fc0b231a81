"""The e-mail outbox (issue 11, class 8): the message is committed before it is sent, sending
marks it sent, a failure or a crash leaves it to be retried — never lost, never sent twice by
two workers, and every copy carries the same idempotency key."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications import actions, outbox
from notifications.models import Notification, OutboxEmail


@pytest.mark.django_db
def test_the_email_is_committed_with_the_notification_and_sent_after(
    demo: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rows = actions.notify(demo.user("outsider"), title="Có kỳ báo cáo mới")
    row = OutboxEmail.objects.get(to="ngoai@khcn.example.vn")
    assert row.sent_at is None and mailoutbox == []  # stored, not yet sent
    assert Notification.objects.get(pk=rows[0].pk).emailed_at is not None
    for callback in callbacks:
        callback()  # the task queued on commit runs (immediate backend)
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.extra_headers[outbox.IDEMPOTENCY_HEADER] == str(row.key)
    assert str(row.key) in message.extra_headers["Message-ID"]
    assert outbox.send([row.key]) == 0 and outbox.send_due() == 0  # never twice
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_rolled_back_notification_leaves_no_email(demo: Any, mailoutbox: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.notify(demo.user("outsider"), title="Bị hủy")
        raise RuntimeError
    assert not OutboxEmail.objects.filter(subject__contains="Bị hủy").exists()


@pytest.mark.django_db
def test_a_failed_send_is_retried_with_back_off_then_given_up(
    demo: Any, mailoutbox: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 2
    actions.notify(demo.user("outsider"), title="Máy chủ thư hỏng")  # no on-commit: not sent
    row = OutboxEmail.objects.get(to="ngoai@khcn.example.vn")

    def down(self: Any, *args: Any, **kwargs: Any) -> int:
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", down)
    assert outbox.send_due() == 0
    row.refresh_from_db()
    assert row.attempts == 1 and row.sent_at is None and row.failed_at is None
    assert "mail server down" in row.last_error and row.claimed_until is None
    assert row.next_attempt_at > timezone.now()  # back-off: not due at once
    assert outbox.send_due() == 0 and OutboxEmail.objects.get(pk=row.pk).attempts == 1
    later = row.next_attempt_at + datetime.timedelta(seconds=1)
    outbox.send_due(later)
    row.refresh_from_db()
    assert row.attempts == 2 and row.failed_at is not None  # given up, kept for the admin
    monkeypatch.undo()
    assert outbox.send_due(later + datetime.timedelta(days=1)) == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_sender_killed_after_sending_leaves_the_message_to_be_resent_with_its_key(
    demo: Any, mailoutbox: Any
) -> None:
    actions.notify(demo.user("outsider"), title="Gửi lại sau sự cố")
    row = OutboxEmail.objects.get(to="ngoai@khcn.example.vn")
    now = timezone.now()
    # A sender claimed it, sent it and died before marking it sent.
    assert outbox._claim(row.key, now)
    outbox.message_of(OutboxEmail.objects.get(pk=row.key)).send()
    # While its claim holds, no other worker sends it.
    assert outbox.send_due(now) == 0
    # Once the claim expired, it is sent again with the same key (at least once).
    assert outbox.send_due(now + datetime.timedelta(hours=1)) == 1
    keys = [m.extra_headers[outbox.IDEMPOTENCY_HEADER] for m in mailoutbox]
    assert keys == [str(row.key), str(row.key)]
    assert OutboxEmail.objects.get(pk=row.key).sent_at is not None
    assert outbox.send_due(now + datetime.timedelta(days=1)) == 0
