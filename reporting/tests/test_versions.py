"""Report decisions name the version they are based on; a POST without it changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from reporting import actions
from reporting.models import ReportStatus, UnitReport, UnitReportingPolicy
from reporting.tests.conftest import client_for, fill

pytestmark = pytest.mark.django_db

MISSING = "Thiếu phiên bản"


def _pending(demo: Any, report: UnitReport) -> UnitReport:
    UnitReportingPolicy.objects.filter(unit=report.unit).update(requires_leader_approval=True)
    report = UnitReport.objects.get(pk=report.pk)
    report.task_reports.update(results="Đã quán triệt")
    return actions.submit_report(demo.user("reporter"), report, expected_version=report.version)


def test_the_approve_button_without_version_is_refused(demo: Any, ward_report: Any) -> None:
    report = _pending(demo, ward_report)
    assert report.status == ReportStatus.PENDING_APPROVAL
    client = client_for("reporter")
    client.force_login(demo.user("donvi_lanhdao"))
    url = f"/reporting/reports/{report.pk}/approve/"
    response = client.post(url, {"action": "approve"}, follow=True)
    assert MISSING in response.content.decode()
    stored = UnitReport.objects.get(pk=report.pk)
    assert (stored.status, stored.version) == (ReportStatus.PENDING_APPROVAL, report.version)


def test_the_report_form_without_version_saves_nothing(ward_report: UnitReport) -> None:
    data = fill(ward_report, "Văn bản không có phiên bản")
    del data["version"]
    response = client_for("reporter").post(f"/reporting/reports/{ward_report.pk}/", data)
    assert response.status_code == 400
    assert MISSING in response.content.decode()
    assert not ward_report.task_reports.filter(results="Văn bản không có phiên bản").exists()


def test_the_review_form_without_version_decides_nothing(demo: Any, ward_report: Any) -> None:
    UnitReportingPolicy.objects.filter(unit=ward_report.unit).update(requires_leader_approval=False)
    report = UnitReport.objects.get(pk=ward_report.pk)
    report.task_reports.update(results="Đã quán triệt")
    report = actions.submit_report(demo.user("reporter"), report, expected_version=report.version)
    url = f"/reporting/reports/{report.pk}/review/"
    response = client_for("monitor").post(url, {"action": "accept", "comment": ""})
    assert response.status_code == 400 and MISSING in response.content.decode()
    assert UnitReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
