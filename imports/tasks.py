"""Background parsing of an import job (django-tasks). Takes the job id, never objects."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from imports import actions


@task()
def parse_import_job(job_id: str) -> str:
    return actions.run_parse(job_id)


def enqueue_parse(job: Any) -> None:
    parse_import_job.enqueue(str(job.pk))
