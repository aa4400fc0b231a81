"""Log in, open the seed plan, create a task, see it listed, log out — in a real browser."""

from __future__ import annotations

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


def test_monitor_creates_a_task_in_the_seed_plan(page: Any) -> None:
    login(page, "theodoi")
    assert "Nguyễn Thị Thu Hà" in page.get_by_test_id("current-user").inner_text()
    page.get_by_role("link", name="Kế hoạch", exact=True).first.click()
    page.get_by_role("link", name="Kế hoạch triển khai thực hiện Kế hoạch số 101-KH/TU").click()
    assert "101-KH/TU" in page.get_by_test_id("plan-title").inner_text()
    assert page.get_by_test_id("task-row").count() >= 20

    page.get_by_role("link", name="Thêm nhiệm vụ").click()
    page.get_by_label("Số hiệu").fill("II.6.c")
    page.get_by_label("Tên nhiệm vụ").fill("Kết nối mạng lưới chuyên gia khoa học người Đà Lạt")
    page.get_by_label("Từ năm").fill("2026")
    page.get_by_label("Đến năm").fill("2030")
    page.get_by_label("Hạn hoàn thành").fill("15/12/2030")
    # The picker offers current units only (Phòng Kinh tế thành phố was dissolved in 2025).
    page.get_by_label("Tìm đơn vị: Đơn vị chủ trì").fill("kinh te ha tang xuan huong")
    lead = "Phòng Kinh tế, Hạ tầng và Đô thị phường Xuân Hương - Đà Lạt"
    page.wait_for_selector(f"#id_lead_units option:text-is('{lead}')", state="attached")
    page.locator("#id_lead_units").select_option(label=lead)
    page.get_by_label("Mốc theo năm").fill("2026: Lập danh sách\n2030: 100 chuyên gia")
    page.get_by_role("button", name="Lưu nhiệm vụ").click()

    assert "Kết nối mạng lưới chuyên gia" in page.get_by_test_id("task-title").inner_text()
    assert "15/12/2030" in page.content()
    assert lead in page.get_by_test_id("lead-units").inner_text()

    page.get_by_role("link", name="Nhiệm vụ", exact=True).first.click()
    page.get_by_label("Tìm kiếm").fill("mang luoi chuyen gia")  # without diacritics
    page.wait_for_selector("text=Kết nối mạng lưới chuyên gia khoa học người Đà Lạt")

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")
    page.goto("/plans/")
    assert "/accounts/login/" in page.url


def test_outsider_cannot_open_a_units_draft(page: Any) -> None:
    from plans.models import Plan

    draft = Plan.objects.get(owner__code="DB-phuong-1")
    login(page, "ngoai")
    response = page.goto(f"/plans/{draft.pk}/")
    assert response.status == 404
