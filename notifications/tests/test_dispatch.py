"""Notifications from scheduled runs, one person at a time (issue 11, class 8): a run that dies
after k of n people is finished by the next one — everyone once, nobody twice — and two
workers delivering one dispatch at the same time reach each person once."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from notifications import dispatch
from notifications.models import Delivery, Dispatch, Notification, OutboxEmail


class Killed(BaseException):
    """The worker dies (SIGKILL) in the middle of the run."""


def crash_after(monkeypatch: Any, k: int) -> None:
    real = dispatch.notify
    calls = {"n": 0}

    def notify(*args: Any, **kwargs: Any) -> Any:
        if calls["n"] >= k:
            raise Killed
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(dispatch, "notify", notify)


def _people(n: int) -> list[User]:
    return [
        User.objects.create_user(f"nhan{i}", email=f"nhan{i}@khcn.example.vn", full_name=f"N {i}")
        for i in range(n)
    ]


@pytest.mark.django_db
def test_a_dispatch_killed_after_k_of_n_is_finished_once_for_everyone(monkeypatch: Any) -> None:
    people = _people(5)
    row = dispatch.prepare("test.run:1", people, title="Nhắc thử", link="/x/")
    crash_after(monkeypatch, 2)
    with pytest.raises(Killed):
        dispatch.deliver(row)
    assert Delivery.objects.filter(dispatch=row).count() == 2
    assert Notification.objects.filter(title="Nhắc thử").count() == 2
    monkeypatch.undo()
    row.refresh_from_db()
    assert row.completed_at is None
    assert dispatch.resume("test.") == 3  # the next run: the three left, nobody else
    counts = Counter(Notification.objects.filter(title="Nhắc thử").values_list("recipient_id"))
    assert sorted(pk for (pk,) in counts) == sorted(p.pk for p in people)
    assert set(counts.values()) == {1}
    mails = Counter(OutboxEmail.objects.filter(subject__contains="Nhắc thử").values_list("to"))
    assert len(mails) == 5 and set(mails.values()) == {1}  # one e-mail each
    row.refresh_from_db()
    assert row.completed_at is not None
    assert dispatch.resume("test.") == 0 and dispatch.deliver(row) == 0


@pytest.mark.django_db
def test_a_second_worker_delivering_the_same_dispatch_skips_who_has_it(monkeypatch: Any) -> None:
    people = _people(3)
    row = dispatch.prepare("test.run:2", people, title="Hai tiến trình")
    real = dispatch.notify

    def notify(user: User, **kwargs: Any) -> Any:
        # While this worker (B) tells the first person, worker A delivers to the second: B read
        # the list of who is missing before that, so its own insert meets A's row.
        if user == people[0]:
            Delivery.objects.create(dispatch=row, recipient=people[1])
        return real(user, **kwargs)

    monkeypatch.setattr(dispatch, "notify", notify)
    assert dispatch.deliver(row) == 2  # the first and the third; the second was A's
    assert Delivery.objects.filter(dispatch=row).count() == 3
    told = Notification.objects.filter(title="Hai tiến trình")
    assert sorted(told.values_list("recipient_id", flat=True)) == [people[0].pk, people[2].pk]
    row.refresh_from_db()
    assert row.completed_at is not None


@pytest.mark.django_db
def test_an_occasion_is_dispatched_once_and_a_rolled_back_claim_leaves_nothing() -> None:
    people = _people(2)
    dispatch.prepare("test.run:3", people, title="Một lần")
    with pytest.raises(IntegrityError), transaction.atomic():
        dispatch.prepare("test.run:3", people, title="Một lần")
    with pytest.raises(RuntimeError), transaction.atomic():
        dispatch.prepare("test.run:4", people, title="Bị hủy")
        raise RuntimeError
    assert not Dispatch.objects.filter(key="test.run:4").exists()
    assert Notification.objects.filter(title__in=["Một lần", "Bị hủy"]).count() == 0
    empty = dispatch.prepare("test.run:5", [], title="Không ai")
    assert empty.completed_at is not None


@pytest.mark.django_db
def test_the_housekeeping_finishes_stale_dispatches(monkeypatch: Any) -> None:
    from notifications.tasks import housekeeping_task

    people = _people(3)
    row = dispatch.prepare("test.run:6", people, title="Dọn dẹp")
    crash_after(monkeypatch, 1)
    with pytest.raises(Killed):
        dispatch.deliver(row)
    monkeypatch.undo()
    assert housekeeping_task.call()["dispatches"] == 0  # fresh: its own job may still run
    Dispatch.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert housekeeping_task.call()["dispatches"] == 2
    assert Notification.objects.filter(title="Dọn dẹp").count() == 3


def assert_everyone_once(prefix: str, since: datetime.datetime) -> int:
    """Every dispatch under ``prefix`` reached each of its recipients exactly once (one
    delivery, one notification, at most one e-mail each). Returns the number of people."""
    rows = list(Dispatch.objects.filter(key__startswith=prefix))
    assert rows, f"no dispatch under {prefix}"
    total = 0
    for row in rows:
        wanted = sorted(row.recipients.values_list("pk", flat=True))
        assert sorted(row.deliveries.values_list("recipient_id", flat=True)) == wanted
        told = Notification.objects.filter(
            created_at__gte=since, topic=row.topic, title=row.title, link=row.link
        )
        assert sorted(told.values_list("recipient_id", flat=True)) == wanted
        if row.topic:
            mails = Counter(
                OutboxEmail.objects.filter(created_at__gte=since, topic=row.topic).values_list(
                    "to", flat=True
                )
            )
            assert set(mails.values()) <= {1}
        assert row.completed_at is not None
        total += len(wanted)
    return total
