"""An import job's progress is a percentage (the database refuses anything else)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from imports.models import ImportJob

pytestmark = pytest.mark.django_db


def test_an_import_progress_is_a_percentage(demo: Any) -> None:
    job = ImportJob.objects.create(created_by=demo.user("monitor"), text="Kế hoạch thử")
    rows = ImportJob.objects.filter(pk=job.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(progress=101)
    rows.update(progress=100)
