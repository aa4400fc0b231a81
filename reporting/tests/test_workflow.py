from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from plans.models import Task
from reporting import actions
from reporting.models import ReportStatus, UnitReport, UnitReportingPolicy
from reporting.tests.conftest import client_for, fill

pytestmark = pytest.mark.django_db


def test_reporter_fills_submits_monitor_returns_reporter_resubmits_monitor_accepts(
    demo: Any, ward_report: UnitReport
) -> None:
    reporter, monitor = client_for("reporter"), client_for("monitor")
    url = f"/reporting/reports/{ward_report.pk}/"
    page = reporter.get(url).content.decode()
    assert "III.2" in page and 'data-testid="report-form"' in page

    response = reporter.post(url, {**fill(ward_report), "action": "save"})
    assert response.status_code == 302
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.DRAFT
    section = ward_report.task_reports.get()
    assert section.results == "Tổ chức 3 hội nghị quán triệt" and section.progress == 40

    reporter.post(url, {**fill(ward_report), "action": "submit"})
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.SUBMITTED and ward_report.submitted_at

    # The reporter may not review; the monitor sees the review page.
    assert reporter.get(f"{url}review/").status_code == 404
    assert monitor.get(f"{url}review/").status_code == 200
    response = monitor.post(
        f"{url}review/", {"version": ward_report.version, "action": "return", "comment": ""}
    )
    assert response.status_code == 400
    assert "Hãy ghi ý kiến" in response.content.decode()
    monitor.post(
        f"{url}review/",
        {"version": ward_report.version, "action": "return", "comment": "Bổ sung số liệu"},
    )
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.RETURNED
    assert "Bổ sung số liệu" in reporter.get(url).content.decode()

    reporter.post(
        url, {**fill(ward_report, "Tổ chức 3 hội nghị, 250 đảng viên"), "action": "submit"}
    )
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.SUBMITTED
    monitor.post(
        f"{url}review/", {"version": ward_report.version, "action": "accept", "comment": ""}
    )
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.ACCEPTED
    assert not ward_report.can_edit(demo.user("reporter"))
    actions_kept = list(ward_report.revisions.values_list("action", flat=True))
    assert actions_kept == ["save", "save", "submit", "return", "save", "submit", "accept"]
    audit = set(
        AuditEntry.objects.filter(target_id=str(ward_report.pk)).values_list("action", flat=True)
    )
    assert {"report.save", "report.submit", "report.return", "report.accept"} <= audit


def test_submitting_needs_results_for_every_task(demo: Any, ward_report: UnitReport) -> None:
    with pytest.raises(ActionError, match="III.2"):
        actions.submit_report(
            demo.user("reporter"), ward_report, expected_version=ward_report.version
        )
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.DRAFT


def test_leader_approval_path(demo: Any, ward_report: UnitReport) -> None:
    UnitReportingPolicy.objects.filter(unit=ward_report.unit).update(requires_leader_approval=True)
    ward_report = UnitReport.objects.get(pk=ward_report.pk)
    reporter, leader, monitor = (
        demo.user("reporter"),
        demo.user("donvi_lanhdao"),
        demo.user("monitor"),
    )
    section = ward_report.task_reports.get()
    actions.save_report(
        reporter,
        ward_report,
        expected_version=ward_report.version,
        sections={str(section.pk): {"results": "Đã quán triệt", "progress": 50}},
    )
    actions.submit_report(reporter, ward_report, expected_version=ward_report.version)
    assert ward_report.status == ReportStatus.PENDING_APPROVAL
    assert not ward_report.can_review(monitor)  # not yet out of the unit
    assert not ward_report.can_approve(reporter)
    assert ward_report.can_approve(leader)
    with pytest.raises(NotAllowed):
        actions.approve_report(reporter, ward_report, expected_version=ward_report.version)
    # The leader sends it back once, then approves the fixed version.
    with pytest.raises(ActionError):
        actions.send_back_to_drafting(
            leader, ward_report, comment=" ", expected_version=ward_report.version
        )
    actions.send_back_to_drafting(
        leader, ward_report, comment="Ghi rõ số đảng viên", expected_version=ward_report.version
    )
    assert ward_report.status == ReportStatus.DRAFT
    actions.submit_report(reporter, ward_report, expected_version=ward_report.version)
    client = client_for("reporter")
    client.force_login(leader)
    response = client.post(
        f"/reporting/reports/{ward_report.pk}/approve/",
        {"version": ward_report.version, "action": "approve"},
    )
    assert response.status_code == 302
    ward_report.refresh_from_db()
    assert ward_report.status == ReportStatus.SUBMITTED
    assert ward_report.approved_by == leader and ward_report.submitted_at
    assert ward_report.can_review(monitor)


def test_a_leader_submitting_skips_the_approval_step(demo: Any, ward_report: UnitReport) -> None:
    UnitReportingPolicy.objects.filter(unit=ward_report.unit).update(requires_leader_approval=True)
    ward_report = UnitReport.objects.get(pk=ward_report.pk)
    leader = demo.user("donvi_lanhdao")
    section = ward_report.task_reports.get()
    actions.save_report(
        leader,
        ward_report,
        expected_version=ward_report.version,
        sections={str(section.pk): {"results": "Đã quán triệt"}},
    )
    actions.submit_report(leader, ward_report, expected_version=ward_report.version)
    assert ward_report.status == ReportStatus.SUBMITTED and ward_report.approved_by == leader


def test_accepting_updates_the_tasks_progress(demo: Any, fresh_round: Any) -> None:
    report = UnitReport.objects.get(round=fresh_round, unit=demo.unit("PKT-DL"))
    reporter = demo.user("monitor")
    sections = {
        str(s.pk): {"results": "Kết quả", "progress": 88, "status": "in_progress"}
        for s in report.task_reports.all()
    }
    # The monitor is not a member of the unit: the unit's own people write.
    with pytest.raises(NotAllowed):
        actions.save_report(reporter, report, expected_version=report.version, sections=sections)
    from accounts.models import Membership, Role
    from core.scoping import forget_scope

    writer = demo.user("reporter")
    Membership.objects.create(user=writer, unit=report.unit, role=Role.REPORTER)
    forget_scope(writer)
    actions.save_report(writer, report, expected_version=report.version, sections=sections)
    actions.submit_report(writer, report, expected_version=report.version)
    task = Task.objects.get(plan=demo.seed_plan, code="II.2.c")  # PKT-DL leads it
    coop = Task.objects.get(plan=demo.seed_plan, code="II.2.a")  # PKT-DL cooperates
    coop_before = coop.progress
    actions.accept_report(demo.user("monitor"), report, expected_version=report.version)
    task.refresh_from_db()
    coop.refresh_from_db()
    assert task.progress == 88
    assert coop.progress == coop_before
    assert AuditEntry.objects.filter(
        action="task.progress_from_report", target_id=str(task.pk)
    ).exists()


def test_outsider_and_other_units_cannot_reach_the_report(
    demo: Any, ward_report: UnitReport
) -> None:
    outsider = client_for("outsider")
    for url in (
        f"/reporting/reports/{ward_report.pk}/",
        f"/reporting/reports/{ward_report.pk}/revisions/",
        f"/reporting/reports/{ward_report.pk}/compare/",
        f"/reporting/reports/{ward_report.pk}/review/",
    ):
        assert outsider.get(url).status_code == 404, url
    assert (
        outsider.post(f"/reporting/reports/{ward_report.pk}/", fill(ward_report)).status_code == 404
    )
    assert not ward_report.can_edit(demo.user("outsider"))
    assert not ward_report.can_edit(demo.user("supervisor"))
