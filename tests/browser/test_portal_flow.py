"""The public portal in Chromium at phone width: a citizen reads the published plan, sends
feedback and follows it by its tracking code; the Front moderates and answers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def fits(page: Any) -> bool:
    """No horizontal scrolling at the phone's width."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_citizen_sends_feedback_and_follows_it(page: Any) -> None:
    from django.core.cache import cache

    cache.clear()
    page.set_viewport_size(PHONE)
    page.goto("/cong-khai/")
    assert fits(page)
    page.locator("main table a").first.click()
    page.wait_for_selector("[data-testid=figures]")
    assert fits(page)
    page.get_by_role("link", name="Gửi ý kiến").first.click()
    page.wait_for_url("**/y-kien/gui/")
    page.get_by_label("Tiêu đề").fill("Lớp tập huấn trồng lan cho hộ nghèo")
    page.get_by_label("Nội dung ý kiến, kiến nghị").fill(
        "Đề nghị mở lớp tập huấn kỹ thuật trồng lan cho các hộ nghèo ở phường."
    )
    assert fits(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_selector("[data-testid=tracking-code]")
    code = page.get_by_test_id("tracking-code").locator("strong").inner_text()
    assert page.get_by_test_id("feedback-status").inner_text() == "Chờ kiểm duyệt"

    login(page, "mttqphuong")  # today's Front committee moderates
    page.goto("/cong-khai/kiem-duyet/")
    page.get_by_role("link", name="Lớp tập huấn trồng lan cho hộ nghèo").click()
    page.get_by_label("Kiểm duyệt").select_option("published")
    page.get_by_label("Trả lời").fill("Đã đề nghị Hội Nông dân mở lớp trong quý tới.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/kiem-duyet/")
    page.context.clear_cookies()

    page.goto("/cong-khai/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_selector("[data-testid=feedback-answer]")
    assert "Hội Nông dân" in page.get_by_test_id("feedback-answer").inner_text()
    assert page.get_by_test_id("feedback-status").inner_text() == "Đã công khai"
