"""The unit hears about its report being returned or accepted, in the notification centre."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.models import Notification
from reporting import actions
from reporting.models import UnitReport, UnitReportingPolicy

pytestmark = pytest.mark.django_db


def _submitted(demo: Any, report: UnitReport) -> UnitReport:
    reporter = demo.user("reporter")
    report.task_reports.update(results="Đã tổ chức hội nghị quán triệt", progress=50)
    UnitReportingPolicy.objects.update_or_create(
        unit=report.unit, defaults={"requires_leader_approval": False}
    )
    report = UnitReport.objects.get(pk=report.pk)
    return actions.submit_report(reporter, report, expected_version=report.version)


def test_returning_and_accepting_notify_the_units_members(demo: Any, ward_report: Any) -> None:
    monitor, reporter = demo.user("monitor"), demo.user("reporter")
    report = _submitted(demo, ward_report)
    actions.return_report(
        monitor,
        report,
        comment="Bổ sung số liệu đảng viên tham dự",
        expected_version=report.version,
    )
    note = Notification.objects.about(report).filter(recipient=reporter).get()
    assert "bị trả lại" in note.title and "Bổ sung số liệu" in note.body
    assert note.link == f"/reporting/reports/{report.pk}/"
    assert not Notification.objects.about(report).filter(recipient=demo.user("outsider")).exists()
    report = _submitted(demo, UnitReport.objects.get(pk=report.pk))
    actions.accept_report(monitor, report, expected_version=report.version)
    titles = list(
        Notification.objects.about(report)
        .filter(recipient=reporter)
        .values_list("title", flat=True)
    )
    assert any("đã được tiếp nhận" in t for t in titles)
