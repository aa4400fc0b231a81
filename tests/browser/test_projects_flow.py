"""An S&T project's life in a real browser: the city's economic office proposes, selects,
contracts and accepts a project, records where its results are applied, and the computed
indicator counts it, with a drill-down that lists it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser

HOST = "Trung tâm Nghiên cứu Khoai tây, Rau và Hoa"
TITLE = "Thử nghiệm giống hoa mõm sói chịu lạnh cho vùng Trạm Hành"


def _click_step(page: Any, name: str) -> None:
    page.get_by_test_id("project-steps").get_by_role("button", name=name).or_(
        page.get_by_test_id("project-steps").get_by_role("link", name=name)
    ).first.click()


def test_propose_select_contract_accept_apply_then_the_indicator_counts_it(page: Any) -> None:
    from orgunits.models import OrgUnit

    city = OrgUnit.objects.get(code="UBND-DL")
    login(page, "ubnd")
    page.get_by_test_id("menu-group-registries").click()  # the menu's "Sổ KH&CN" drop-down
    page.get_by_role("link", name="Nhiệm vụ KH&CN", exact=True).first.click()
    page.get_by_role("link", name="Đề xuất nhiệm vụ").click()
    page.get_by_label("Tên nhiệm vụ").fill(TITLE)
    page.get_by_label("Loại nhiệm vụ").select_option(label="Đề tài")
    page.get_by_label("Cấp quản lý").select_option(label="Cơ sở")
    page.get_by_label("Lĩnh vực").select_option(label="Khoa học nông nghiệp")
    page.get_by_label("Kinh phí dự kiến (đồng)").fill("420.000.000")
    page.get_by_label("Đơn vị đề xuất").select_option(value=str(city.pk))
    page.get_by_label("Cơ quan quản lý").select_option(value=str(city.pk))
    page.get_by_role("button", name="Lưu").click()
    assert "Nháp" in page.get_by_test_id("project-status").inner_text()

    _click_step(page, "Gửi đề xuất")
    assert "Đã đề xuất" in page.get_by_test_id("project-status").inner_text()

    _click_step(page, "Đưa vào danh mục năm")
    page.get_by_label("Năm danh mục").fill("2024")
    page.get_by_role("button", name="Lưu").click()

    _click_step(page, "Tuyển chọn / giao trực tiếp")
    page.get_by_label("Hình thức").select_option(label="Giao trực tiếp")
    page.get_by_label("Ngày phê duyệt").fill("20/02/2024")
    page.get_by_label("Tổ chức chủ trì").select_option(label=HOST)
    page.get_by_label(re.compile(r"^Chủ nhiệm")).fill("ThS. Lương Thị Mơ")
    page.get_by_role("button", name="Lưu").click()
    assert "Đã tuyển chọn" in page.get_by_test_id("project-status").inner_text()

    _click_step(page, "Ký hợp đồng")
    page.get_by_label("Số hợp đồng").fill("11/2024/HĐ-KT")
    page.get_by_label("Ngày ký").fill("01/03/2024")
    page.get_by_label(re.compile(r"^Bắt đầu")).fill("15/03/2024")
    page.get_by_label(re.compile(r"^Kết thúc")).fill("14/09/2025")
    page.get_by_label("Kinh phí theo nguồn và năm").fill(
        "2024 | Ngân sách huyện/thành phố | 300.000.000\n"
        "2025 | Vốn đối ứng của doanh nghiệp | 120.000.000"
    )
    page.get_by_role("button", name="Lưu").click()
    _click_step(page, "Bắt đầu thực hiện")
    assert "Đang thực hiện" in page.get_by_test_id("project-status").inner_text()

    _click_step(page, "Nghiệm thu")
    page.get_by_label("Ngày nghiệm thu").fill("10/10/2025")
    page.get_by_label("Xếp loại").select_option(label="Khá")
    page.get_by_label("Sản phẩm đã giao nộp (so với dự kiến)").fill(
        "Quy trình canh tác; 1 ha mô hình"
    )
    page.get_by_label("Ngày họp hội đồng").fill("10/10/2025")
    page.get_by_label("Thành viên hội đồng").fill(
        "TS. Hồ Văn Lâm | Chủ tịch | 86\nTS. Y Niê | Phản biện | 82"
    )
    page.get_by_role("button", name="Lưu").click()
    assert "Đã nghiệm thu" in page.get_by_test_id("project-status").inner_text()

    _click_step(page, "Báo cáo ứng dụng kết quả")
    page.get_by_label("Đơn vị, doanh nghiệp, hộ áp dụng").fill("Tổ hợp tác hoa Trạm Hành")
    page.get_by_label("Địa điểm").fill("Trạm Hành, Đà Lạt")
    page.get_by_label(re.compile(r"^Năm")).fill("2025")
    page.get_by_label("Diện tích (ha)").fill("4,5")
    page.get_by_label("Nhân rộng ngoài nơi thực hiện nhiệm vụ").check()
    page.get_by_role("button", name="Lưu").click()
    assert "Tổ hợp tác hoa Trạm Hành" in page.get_by_test_id("applications").inner_text()
    timeline = page.get_by_test_id("timeline").inner_text()
    for step in ("Đã đề xuất", "Đã ký hợp đồng", "Hội đồng nghiệm thu", "Nhân rộng"):
        assert step in timeline, step

    page.goto(f"/indicators/units/{city.pk}/?year=2025")
    row = page.locator("tr", has_text="Nhiệm vụ có kết quả được ứng dụng (tính từ sổ nhiệm vụ)")
    figure = row.get_by_test_id("computed-drilldown").first
    assert int(figure.inner_text().split(",")[0]) >= 1
    figure.click()
    page.wait_for_url("**/projects/?counted=projects.applied*")
    assert "projects.applied" not in page.get_by_test_id("drilldown-note").inner_text()
    assert TITLE in page.get_by_test_id("project-table").inner_text()
