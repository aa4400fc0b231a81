"""An outsider never sees another unit's drafts or reports: lists, pages, files, API."""

from __future__ import annotations

from typing import Any

import pytest

from reporting.models import Issue, ReportStatus, UnitReport
from reporting.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_list_pages_show_only_the_users_units(demo: Any) -> None:
    ward = demo.unit("DB-phuong-1")
    assert UnitReport.objects.filter(unit=ward).exists()
    outsider = client_for("outsider").get("/reporting/?page=1").content.decode()
    assert "Đảng bộ Phường 1" not in outsider
    reporter = client_for("reporter").get("/reporting/").content.decode()
    assert "Đảng bộ Phường 1" in reporter and "Phòng Kinh tế thành phố" not in reporter
    monitor = client_for("monitor").get("/reporting/?state=overdue").content.decode()
    assert 'data-testid="report-row"' in monitor


def test_round_pages_list_only_visible_reports(demo: Any) -> None:
    report = UnitReport.objects.filter(unit__code="DB-phuong-1").select_related("round").first()
    assert report is not None
    url = f"/reporting/rounds/{report.round.pk}/"
    outsider = client_for("outsider").get(url)
    assert outsider.status_code == 200  # the seed plan is published; its rounds are not secret
    assert "Đảng bộ Phường 1" not in outsider.content.decode()
    assert "Đảng bộ Phường 1" in client_for("monitor").get(url).content.decode()
    calendar = client_for("outsider").get(f"/reporting/plans/{demo.seed_plan.pk}/").content.decode()
    assert "Thêm kỳ sơ kết" not in calendar


def test_drafts_stay_inside_the_unit(demo: Any) -> None:
    draft = UnitReport.objects.filter(status=ReportStatus.DRAFT).select_related("unit").first()
    assert draft is not None
    assert client_for("outsider").get(f"/reporting/reports/{draft.pk}/").status_code == 404
    assert client_for("supervisor").get(f"/reporting/reports/{draft.pk}/").status_code == 404
    assert client_for("monitor").get(f"/reporting/reports/{draft.pk}/").status_code == 200


def test_the_api_is_scoped(demo: Any) -> None:
    outsider = client_for("outsider")
    reports = outsider.get("/api/unit-reports/?page_size=1000").json()
    assert reports["count"] == 0
    assert outsider.get("/api/issues/").json()["count"] == 0
    rounds = outsider.get("/api/reporting-rounds/").json()
    assert rounds["count"] > 0  # rounds of a published plan
    mine = client_for("reporter").get("/api/unit-reports/?page_size=1000").json()
    units = {row["unit_name"] for row in mine["results"]}
    assert units == {"Đảng bộ Phường 1"}
    first = mine["results"][0]
    assert first["task_reports"] and first["task_reports"][0]["task_code"] == "III.2"
    ward_report = UnitReport.objects.filter(unit__code="DB-phuong-1").first()
    assert ward_report is not None
    assert outsider.get(f"/api/unit-reports/{ward_report.pk}/").status_code == 404
    all_issues = client_for("monitor").get("/api/issues/").json()["count"]
    assert all_issues == Issue.objects.count() > 0


def test_my_reports_counts_what_is_due_overdue_and_returned(demo: Any) -> None:
    from reporting.tests.conftest import client_for as login

    monitor = login("monitor").get("/reporting/")
    summary = monitor.context["summary"]
    returned = UnitReport.objects.filter(status=ReportStatus.RETURNED).count()
    assert summary["returned"] == returned > 0 and summary["overdue"] > 0
    outsider = login("outsider").get("/reporting/").context["summary"]
    assert outsider == {"due": 0, "overdue": 0, "returned": 0}


def test_a_draft_text_stays_with_its_unit_the_office_sees_the_status(
    demo: Any, ward_report: UnitReport
) -> None:
    from reporting import actions
    from reporting.tests.conftest import fill

    secret = "Kết quả nháp chưa gửi đi"
    data = fill(ward_report, secret)
    sections = {
        str(s.pk): {f: data[f"s-{s.pk}-{f}"] for f in ("results", "difficulties", "proposals")}
        | {"status": "in_progress", "progress": 40}
        for s in ward_report.task_reports.all()
    }
    draft = actions.save_report(
        demo.user("reporter"),
        ward_report,
        expected_version=ward_report.version,
        summary="Đánh giá nháp riêng của đơn vị",
        sections=sections,
    )
    section = draft.task_reports.first()
    assert section is not None and section.results == secret
    monitor = client_for("monitor")
    page = monitor.get(f"/reporting/reports/{draft.pk}/").content.decode()
    assert draft.get_status_display() in page and 'data-testid="text-private"' in page
    assert secret not in page and draft.summary not in page
    api = monitor.get(f"/api/unit-reports/{draft.pk}/").json()
    assert api["status"] == "draft" and api["summary"] == "" and api["task_reports"] == []
    revisions = monitor.get(f"/reporting/reports/{draft.pk}/revisions/")
    assert all(r.action != "save" for r in revisions.context["revisions"])
    own = client_for("reporter").get(f"/reporting/reports/{draft.pk}/").content.decode()
    assert secret in own
    # The predicate and the section query agree.
    assert not draft.can_read_text(demo.user("monitor")) and draft.can_read_text(
        demo.user("reporter")
    )
    from reporting.models import TaskReport
    from reporting.privacy import sections_with_text

    for persona, readable in (("monitor", False), ("reporter", True)):
        user = demo.user(persona)
        mine = sections_with_text(TaskReport.objects.visible_to(user), user)
        assert mine.filter(pk=section.pk).exists() is readable
    submitted = UnitReport.objects.filter(status=ReportStatus.ACCEPTED).first()
    assert submitted is not None and submitted.can_read_text(demo.user("monitor"))
