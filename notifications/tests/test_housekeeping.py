"""The nightly housekeeping (issue 11, class 7 leftover): submission keys older than two days,
e-mails sent and task results finished long ago are deleted in bounded batches; recent ones,
and tasks still queued or running, stay."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.utils import timezone

from core import idempotency
from core.models import SubmissionKey
from notifications import leases, outbox, scheduler
from notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db


def test_old_submission_keys_are_purged_in_batches(settings: Any, monkeypatch: Any) -> None:
    settings.SUBMISSION_KEY_KEEP_DAYS = 2
    SubmissionKey.objects.all().delete()
    now = timezone.now()
    old = [SubmissionKey(key=uuid.uuid4(), path="/x/") for _ in range(25)]
    fresh = [SubmissionKey(key=uuid.uuid4(), path="/y/") for _ in range(3)]
    SubmissionKey.objects.bulk_create(old + fresh)
    SubmissionKey.objects.filter(key__in=[k.key for k in old]).update(
        created_at=now - datetime.timedelta(days=2, minutes=1)
    )
    SubmissionKey.objects.filter(key__in=[k.key for k in fresh]).update(
        created_at=now - datetime.timedelta(days=1, hours=23)
    )
    deletes: list[int] = []
    real = SubmissionKey.objects.filter

    def spy(*args: Any, **kwargs: Any) -> Any:
        if "key__in" in kwargs:
            deletes.append(len(kwargs["key__in"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(SubmissionKey.objects, "filter", spy)
    assert idempotency.purge_expired(now, batch=10) == 25
    assert deletes == [10, 10, 5]  # at most one batch per transaction
    monkeypatch.undo()
    assert set(SubmissionKey.objects.values_list("path", flat=True)) == {"/y/"}
    assert idempotency.purge_expired(now, batch=10) == 0


def test_sent_emails_are_purged_after_their_keeping_time(settings: Any) -> None:
    settings.OUTBOX_KEEP_DAYS = 30
    now = timezone.now()
    old = OutboxEmail.objects.create(to="a@x.vn", subject="cũ", body=".")
    unsent = OutboxEmail.objects.create(to="b@x.vn", subject="chưa gửi", body=".")
    recent = OutboxEmail.objects.create(to="c@x.vn", subject="mới", body=".")
    OutboxEmail.objects.filter(pk=old.pk).update(sent_at=now - datetime.timedelta(days=31))
    OutboxEmail.objects.filter(pk=unsent.pk).update(created_at=now - datetime.timedelta(days=60))
    OutboxEmail.objects.filter(pk=recent.pk).update(sent_at=now - datetime.timedelta(days=1))
    assert outbox.purge_sent(now, batch=1) == 1
    assert set(OutboxEmail.objects.values_list("subject", flat=True)) == {"chưa gửi", "mới"}


def test_finished_task_results_are_purged_after_their_keeping_time(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASK_RESULTS_KEEP_DAYS = 14
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=15)
    rows = {}
    for name, status, finished in [
        ("done-old", "SUCCESSFUL", long_ago),
        ("failed-old", "FAILED", long_ago),
        ("done-recent", "SUCCESSFUL", now - datetime.timedelta(days=13)),
        ("queued-old", "READY", None),
        ("running-old", "RUNNING", None),
    ]:
        row = DBTaskResult.objects.create(
            status=status,
            finished_at=finished,
            run_after=long_ago,
            args_kwargs={"args": [name], "kwargs": {}},
            task_path="notifications.tasks.send_outbox_task",
            backend_name="default",
        )
        rows[row.pk] = name
    assert leases.purge_finished(now, batch=1) == 2
    left = DBTaskResult.objects.filter(pk__in=list(rows)).values_list("pk", flat=True)
    assert sorted(rows[pk] for pk in left) == ["done-recent", "queued-old", "running-old"]


def test_the_housekeeping_job_is_registered_and_runs(settings: Any) -> None:
    from notifications.tasks import housekeeping_task

    assert "housekeeping" in {job.name for job in scheduler.daily_jobs()}
    key = SubmissionKey.objects.create(key=uuid.uuid4(), path="/z/")
    SubmissionKey.objects.filter(pk=key.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    result = housekeeping_task.call()
    assert result["submission_keys"] >= 1
    assert result["task_results"] == 0
    assert not SubmissionKey.objects.filter(pk=key.pk).exists()
