"""The market end to end in Chromium: a ward officer posts a need in everyday words, sees offers
with reasons and asks for a connection; the broker introduces the two sides and records the
transfer contract; the computed indicator counts it, with its drill-down."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def contracts_counted(page: Any) -> int:
    """The computed indicator "transfer contracts" for the ward, read through its drill-down."""
    from indicators.models import Indicator
    from orgunits.models import OrgUnit

    indicator = Indicator.objects.get(code="CN-HOPDONG")
    ward = OrgUnit.objects.get(code="DB-phuong-1")
    page.goto(f"/indicators/{indicator.pk}/?unit={ward.pk}")
    page.get_by_test_id("computed-source").get_by_role("link").click()
    return int(re.sub(r"\D", "", page.get_by_test_id("figure").inner_text()) or 0)


def test_need_to_contract(page: Any) -> None:
    login(page, "theodoi")
    before = contracts_counted(page)
    page.context.clear_cookies()

    login(page, "donvi")
    page.goto("/market/")
    page.get_by_role("link", name="Đăng nhu cầu").first.click()
    page.get_by_label("Tiêu đề").fill("Rệp và bọ trĩ phá hoa hồng")
    page.get_by_label("Mô tả vấn đề").fill(
        "Bọ trĩ với rệp phá hoa trong nhà màng, xịt thuốc hoài không hết mà sợ tồn dư thuốc"
    )
    page.get_by_label("Người, tổ chức có nhu cầu").fill("Hộ bà Nguyễn Thị Hoa")
    page.get_by_label("Đăng ngay lên chợ công nghệ").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("h1:has-text('Rệp và bọ trĩ phá hoa hồng')")
    suggestions = page.get_by_test_id("suggestions")
    assert "Beauveria" in suggestions.inner_text()
    assert "Vì sao gợi ý" in suggestions.inner_text()
    suggestions.get_by_role("button", name=re.compile("Kết nối với .*Beauveria")).click()
    page.wait_for_selector("[data-testid=connection-status]")
    assert "Chờ môi giới" in page.get_by_test_id("connection-status").inner_text()
    connection_url = page.url
    page.context.clear_cookies()

    login(page, "theodoi")
    page.goto(connection_url)
    introduce = page.get_by_role("form", name="Giới thiệu hai bên")
    introduce.get_by_role("button", name="Giới thiệu").click()
    page.wait_for_selector("[data-testid=connection-status]:has-text('Đã giới thiệu')")
    form = page.get_by_test_id("contract-form")
    form.get_by_label("Số hợp đồng").fill("07/2026/HĐCGCN")
    form.get_by_label("Giá trị (đồng)").fill("85000000")
    form.get_by_label("Hình thức chuyển giao").select_option("know_how")
    form.get_by_role("button", name="Ghi hợp đồng").click()
    page.wait_for_selector("[data-testid=contract]")
    assert "85.000.000" in page.get_by_test_id("contract").inner_text()

    assert contracts_counted(page) == before + 1
    assert "Rệp và bọ trĩ phá hoa hồng" in page.content()
