"""Supervision end to end in Chromium: the Front plans a supervision, reads a supervised unit's
accepted report through the team's grant, issues a recommendation; the unit answers; the Front
closes it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def test_plan_read_recommend_answer_close(page: Any) -> None:
    from accounts.models import User
    from orgunits.models import OrgUnit

    city = OrgUnit.objects.get(code="UBND-DL")
    mttq = User.objects.get(username="mttq")
    today = timezone.localdate()

    login(page, "mttq")
    page.goto("/supervision/")
    page.get_by_role("link", name="Thêm cuộc giám sát").first.click()
    page.get_by_label("Nội dung giám sát").fill("Giám sát sử dụng kinh phí đề tài cấp cơ sở")
    page.get_by_label("Hình thức giám sát").select_option("team")
    page.get_by_label("Từ ngày").fill((today - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_label("Đến ngày").fill((today + datetime.timedelta(days=30)).strftime("%d/%m/%Y"))
    page.get_by_label("Đơn vị chịu sự giám sát").select_option(str(city.pk))
    page.get_by_label("Thành viên đoàn giám sát").select_option(str(mttq.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("h1:has-text('Giám sát sử dụng kinh phí đề tài cấp cơ sở')")
    supervision_url = page.url

    # The grant: the team reads an accepted report of the supervised unit.
    link = page.locator("section[aria-labelledby=h-material] li a").first
    unit_name, _, round_label = link.inner_text().partition(" — ")
    link.click()
    page.wait_for_url("**/reporting/reports/**")
    title = page.get_by_test_id("report-title").inner_text()
    assert unit_name in title and round_label in title
    page.goto(supervision_url)

    page.locator("details:has-text('Thêm kiến nghị') summary").click()
    form = page.locator("form[action$='/recommend/']")
    form.get_by_label("Đơn vị nhận kiến nghị").select_option(str(city.pk))
    form.get_by_label("Phát hiện qua giám sát").fill("Hồ sơ thanh toán đề tài chậm 3 tháng")
    form.locator("textarea[name=text]").fill("Rút ngắn thời gian thanh toán hồ sơ đề tài")
    form.get_by_label("Hạn trả lời").fill(
        (today + datetime.timedelta(days=20)).strftime("%d/%m/%Y")
    )
    form.get_by_role("button", name="Gửi kiến nghị").click()
    page.get_by_role("link", name="Rút ngắn thời gian thanh toán hồ sơ đề tài").click()
    page.wait_for_selector("[data-testid=status]:has-text('Chờ trả lời')")
    recommendation_url = page.url
    page.context.clear_cookies()

    login(page, "ubnd")
    page.goto(recommendation_url)
    page.get_by_label("Hình thức trả lời").select_option("accepted")
    page.get_by_label("Nội dung (kế hoạch thực hiện, giải trình hoặc lý do)").fill(
        "Quy định thời hạn thanh toán 15 ngày làm việc kể từ ngày nhận đủ hồ sơ"
    )
    page.get_by_role("button", name="Gửi trả lời").click()
    page.wait_for_selector("[data-testid=status]:has-text('Đã trả lời')")
    page.context.clear_cookies()

    login(page, "mttq")
    page.goto(recommendation_url)
    assert "15 ngày làm việc" in page.content()
    page.get_by_label("Ý kiến của Mặt trận").fill("Đã kiểm tra, đạt yêu cầu")
    page.get_by_role("button", name="Đóng kiến nghị").click()
    page.wait_for_selector("[data-testid=status]:has-text('Đã đóng')")
