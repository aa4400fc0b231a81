"""The monitoring officer compiles a report, edits a paragraph inline (htmx) and approves it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def test_compile_edit_inline_and_approve(page: Any) -> None:
    from conftest import Demo
    from reviews.tests.factories import ROUND_LABEL, known_round

    demo = Demo()
    known_round(demo)
    plan = demo.seed_plan
    login(page, "theodoi")
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Báo cáo tổng hợp").click()
    page.get_by_test_id("compile-link").click()
    page.get_by_label("Kỳ báo cáo").select_option(label=f"{ROUND_LABEL} (01/01/2030 – 30/06/2030)")
    page.get_by_role("button", name="Tổng hợp").click()
    page.wait_for_selector("[data-testid=review-body]")
    paragraph = page.locator("[data-testid=paragraph]", has_text="Nhiệm vụ II.1 (tuyên").first
    assert "Ban Tuyên giáo Thành ủy Đà Lạt" in paragraph.get_by_test_id("sources").inner_text()
    paragraph.get_by_role("button", name="Sửa").click()
    editor = page.locator("textarea[name=text]")
    editor.fill("Kết quả tuyên truyền đã được biên tập lại.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Kết quả tuyên truyền đã được biên tập lại.")
    assert page.locator("textarea[name=text]").count() == 0  # swapped back without reload
    page.reload()
    assert "đã sửa" in page.get_by_test_id("review-body").inner_text()
    # Approval is the issuing body's leader's (APPROVE_REVIEW), not the compiling office's.
    review_url = page.url
    assert page.get_by_test_id("approve").count() == 0
    page.context.clear_cookies()
    login(page, "lanhdao")
    page.goto(review_url)
    page.get_by_test_id("approve").click()
    assert page.get_by_test_id("review-status").inner_text() == "Đã duyệt"
