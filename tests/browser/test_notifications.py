"""The monitoring officer sends a "đôn đốc"; the unit's reporter sees it under the bell."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def test_a_manual_reminder_reaches_the_units_bell(page: Any) -> None:
    from orgunits.models import OrgUnit
    from plans.models import Plan
    from reporting.models import PeriodKind, ReportingRound, UnitReport

    seed_plan = Plan.objects.get(document__isnull=False, parent__isnull=True)
    round_ = ReportingRound.objects.create(
        plan=seed_plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label="Sơ kết giữa nhiệm kỳ (thử nghiệm)",
        period_start=datetime.date(2041, 1, 1),
        period_end=datetime.date(2041, 6, 30),
        due_date=datetime.date(2041, 7, 15),
    )
    report = UnitReport.objects.create(round=round_, unit=OrgUnit.objects.get(code="DB-phuong-1"))

    login(page, "theodoi")
    page.goto(f"/notifications/remind/{report.pk}/")
    page.get_by_label("Nội dung đôn đốc").fill("Đề nghị Phường 1 gửi báo cáo sơ kết trước 15/7.")
    page.get_by_role("button", name="Gửi đôn đốc").click()
    page.wait_for_selector("text=Đã đôn đốc Đảng bộ Phường 1")
    page.goto(f"/notifications/reminders/?report={report.pk}")
    assert page.get_by_test_id("reminder-row").count() == 1
    assert "Lê Thị Mai" in page.get_by_test_id("reminder-table").inner_text()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")

    from notifications.models import Notification

    unread = Notification.objects.filter(recipient__username="donvi", read_at__isnull=True)
    assert unread.filter(body__contains="trước 15/7").count() == 1
    count = unread.count()  # the demo may have left a few unread as well
    login(page, "donvi")
    assert page.get_by_test_id("unread-badge").inner_text() == str(count)
    page.get_by_test_id("notification-bell").click()
    assert "gửi báo cáo sơ kết trước 15/7" in page.get_by_test_id("notification-list").inner_text()
    page.get_by_test_id("read-all").click()
    page.wait_for_selector(f"text=Đã đánh dấu {count} thông báo là đã đọc.")
    assert page.get_by_test_id("unread-badge").count() == 0
