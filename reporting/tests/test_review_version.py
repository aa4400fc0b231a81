"""Accepting or returning a report without the version it was read at is refused, never
last-writer-wins (issue 11, class 6)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_accept_or_return_without_a_version_is_refused(demo: Any, ward_report: Any) -> None:
    from reporting.models import ReportStatus
    from reporting.tests.conftest import client_for, fill

    client_for("reporter").post(
        f"/reporting/reports/{ward_report.pk}/", {**fill(ward_report), "action": "submit"}
    )
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.SUBMITTED
    for action in ("accept", "return"):
        response = client_for("monitor").post(
            f"/reporting/reports/{ward_report.pk}/review/", {"action": action, "comment": "x"}
        )
        assert response.status_code in (400, 409)
        ward_report.refresh_from_db()
        assert ward_report.status == ReportStatus.SUBMITTED
