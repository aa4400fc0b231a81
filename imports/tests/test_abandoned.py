"""A parse whose worker keeps dying (issue 11, class 8) does not stay "running 10 %" forever:
requeued while attempts remain (it restarts from the job's state), then failed with a message
the page shows, and the page stops polling and offers a new import."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from imports.models import ImportJob, ImportStatus
from notifications import leases

pytestmark = pytest.mark.django_db


def _stuck(job: ImportJob, workers: list[str]) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        started_at=timezone.now() - datetime.timedelta(hours=1),
        args_kwargs={"args": [str(job.pk)], "kwargs": {}},
        task_path="imports.tasks.parse_import_job",
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=workers,
    )


def test_a_parse_killed_too_often_ends_failed_with_a_message(demo: Any, settings: Any) -> None:
    settings.TASK_MAX_ATTEMPTS = 2
    user = demo.user("monitor")
    job = ImportJob.objects.create(
        created_by=user, filename="kehoach.docx", status=ImportStatus.RUNNING, progress=10
    )
    first = _stuck(job, ["w1"])
    assert leases.recover_expired()["requeued"] == 1  # one more try: the job keeps its state
    job.refresh_from_db()
    assert job.status == ImportStatus.RUNNING
    DBTaskResult.objects.filter(pk=first.pk).delete()
    _stuck(job, ["w1", "w2"])
    assert leases.recover_expired()["failed"] == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "Tiến trình nền bị dừng" in job.error
