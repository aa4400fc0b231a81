"""Invitations go through the outbox (issue 11, class 8): the e-mail is queued in the
invitation's own transaction — one row, committed with the person or not at all — and the
worker sends it; two workers claiming it send it once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts import actions as account_actions
from accounts.models import Role, User
from notifications import outbox
from notifications.models import OutboxEmail


def _invite(demo: Any, username: str) -> User:
    account_actions.invite_person(
        demo.user("monitor"),
        username=username,
        full_name="Lê Văn Mời",
        email=f"{username}@khcn.example.vn",
        unit=demo.unit("DU-cam-ly"),
        role=Role.REPORTER,
    )
    return User.objects.get(username=username)


@pytest.mark.django_db
def test_an_invitation_queues_exactly_one_email_in_its_transaction(
    demo: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            person = _invite(demo, "moi_hop_thu")
            # Inside the transaction, before any commit: the row is already there.
            rows = OutboxEmail.objects.filter(topic=f"invitation:{person.pk}")
            assert rows.count() == 1
            assert mailoutbox == []  # nothing talks to the mail server in the transaction
    row = OutboxEmail.objects.get(topic=f"invitation:{person.pk}")
    assert row.to == "moi_hop_thu@khcn.example.vn" and row.sent_at is None
    assert "/accounts/invite/" in row.body
    for callback in callbacks:
        callback()  # the sending task queued on commit (immediate backend)
    row.refresh_from_db()
    assert row.sent_at is not None
    assert [m.to for m in mailoutbox] == [["moi_hop_thu@khcn.example.vn"]]
    assert mailoutbox[0].extra_headers[outbox.IDEMPOTENCY_HEADER] == str(row.key)
    # Sending the invitation again queues one more (a new link), never a copy of the first.
    with django_capture_on_commit_callbacks(execute=True):
        account_actions.resend_invitation(demo.user("monitor"), person)
    assert OutboxEmail.objects.filter(topic=f"invitation:{person.pk}").count() == 2
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_a_rolled_back_invitation_queues_nothing(demo: Any, mailoutbox: Any) -> None:
    before = OutboxEmail.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        _invite(demo, "moi_huy")
        raise RuntimeError("the request failed after the invitation")
    assert not User.objects.filter(username="moi_huy").exists()
    assert OutboxEmail.objects.count() == before
    assert not OutboxEmail.objects.filter(to="moi_huy@khcn.example.vn").exists()
    assert outbox.send_due() == 0 and mailoutbox == []


@pytest.mark.django_db
def test_two_workers_claiming_one_invitation_send_it_once(demo: Any, mailoutbox: Any) -> None:
    person = _invite(demo, "moi_hai_tien_trinh")  # no on-commit: only queued
    row = OutboxEmail.objects.get(topic=f"invitation:{person.pk}")
    now = timezone.now()
    # Worker A claims the row; worker B, a moment later, finds it held and sends nothing.
    assert outbox._claim(row.key, now)
    assert outbox.send_one(row.key, now) is False and outbox.send_due(now) == 0
    assert mailoutbox == []
    # A's claim runs out unused (A died before sending): B sends it, once, and then nobody.
    later = now + datetime.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS + 1)
    assert outbox.send([row.key, row.key], later) == 1
    assert outbox.send_due(later) == 0
    assert [m.to for m in mailoutbox] == [["moi_hai_tien_trinh@khcn.example.vn"]]
