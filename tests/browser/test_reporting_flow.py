"""The reporting cycle in a real browser: the ward's reporter fills and submits, the monitoring
officer returns it with a comment, the reporter fixes and resubmits, the officer accepts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from accounts.demo_passwords import DEMO_PASSWORDS

pytestmark = pytest.mark.browser


def login(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORDS[username])
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")


def logout(page: Any) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")


def test_report_is_returned_then_fixed_and_accepted(page: Any) -> None:
    from django.utils import timezone

    from accounts.models import User
    from orgunits.models import OrgUnit
    from plans.models import Plan
    from reporting import actions
    from reporting.models import PeriodKind, UnitReport, UnitReportingPolicy

    plan = Plan.objects.get(document__isnull=False, parent__isnull=True)
    ward = OrgUnit.objects.get(code="DB-phuong-1")
    # The leader approval path is covered by reporting/tests; here the ward submits directly.
    UnitReportingPolicy.objects.filter(unit=ward).update(requires_leader_approval=False)
    round_ = actions.create_round(
        User.objects.get(username="theodoi"),
        plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label="Báo cáo chuyên đề trình duyệt",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        due_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    report = UnitReport.objects.get(round=round_, unit=ward)

    login(page, "donvi")
    page.get_by_test_id("menu-group-reports").click()  # the menu's "Báo cáo" drop-down
    page.get_by_role("link", name="Báo cáo của đơn vị", exact=True).first.click()
    page.get_by_role("link", name="Báo cáo chuyên đề trình duyệt").first.click()
    assert "Đảng bộ Phường 1" in page.get_by_test_id("report-title").inner_text()
    card = page.get_by_test_id("task-card").first
    card.get_by_label("Kết quả đạt được").fill("Tổ chức 2 hội nghị quán triệt")
    card.get_by_label("Tiến độ (%)").fill("40")
    card.get_by_label("Khó khăn, vướng mắc").fill("Thiếu kinh phí in tài liệu")
    page.get_by_role("button", name="Lưu và nộp báo cáo").click()
    page.wait_for_selector("text=Đã nộp báo cáo.")
    assert page.get_by_test_id("report-status").first.inner_text() == "Đã nộp"
    logout(page)

    login(page, "theodoi")
    page.goto(f"/reporting/reports/{report.pk}/")
    page.get_by_role("link", name="Xem xét, tiếp nhận").click()
    page.get_by_label("Ý kiến").fill("Đề nghị nêu số đảng viên tham dự")
    page.get_by_role("button", name="Trả lại để bổ sung").click()
    page.wait_for_selector("text=Đã trả lại báo cáo cho đơn vị.")
    assert page.get_by_test_id("report-status").first.inner_text() == "Bị trả lại"
    logout(page)

    login(page, "donvi")
    page.goto(f"/reporting/reports/{report.pk}/")
    assert "Đề nghị nêu số đảng viên tham dự" in page.get_by_test_id("review-comment").inner_text()
    card = page.get_by_test_id("task-card").first
    card.get_by_label("Kết quả đạt được").fill(
        "Tổ chức 2 hội nghị quán triệt, 180 đảng viên tham dự"
    )
    page.get_by_role("button", name="Lưu và nộp báo cáo").click()
    page.wait_for_selector("text=Đã nộp báo cáo.")
    logout(page)

    login(page, "theodoi")
    page.goto(f"/reporting/reports/{report.pk}/review/")
    assert "180 đảng viên" in page.content()
    page.get_by_role("button", name="Tiếp nhận báo cáo").click()
    page.wait_for_selector("text=Đã tiếp nhận báo cáo.")
    assert page.get_by_test_id("report-status").first.inner_text() == "Đã tiếp nhận"
    page.goto(f"/reporting/reports/{report.pk}/revisions/")
    page.get_by_role("button", name="So sánh hai phiên bản").click()
    assert page.get_by_test_id("compare").is_visible()
    report.refresh_from_db()
    assert report.status == "accepted"
    assert report.revisions.filter(action="return").exists()
