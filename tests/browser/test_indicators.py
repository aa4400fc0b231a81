"""The city's manager opens an indicator: the target-vs-actual chart renders in Chromium, and
the drill-down table leads to a sub-unit."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def test_indicator_chart_and_drill_down(page: Any) -> None:
    login(page, "ubnd")
    page.get_by_role("link", name="Chỉ tiêu", exact=True).first.click()
    page.wait_for_url("**/indicators/")
    page.get_by_role("link", name="TL-NS-KHCN", exact=True).click()
    page.wait_for_selector("#indicator-chart")
    info = page.evaluate(
        """() => {
            const chart = window.Chart.getChart(document.getElementById("indicator-chart"));
            return {labels: chart.data.labels.length,
                    actual: chart.data.datasets[0].data.filter((v) => v !== null).length,
                    target: chart.data.datasets[1].data.filter((v) => v !== null).length};
        }"""
    )
    assert info["labels"] == 11  # 2020 … 2030
    assert info["actual"] >= 5 and info["target"] == 2
    page.goto("/indicators/units/")
    page.get_by_role("link", name="Ủy ban nhân dân thành phố Đà Lạt").click()
    table = page.get_by_test_id("unit-indicator-table")
    assert "Tổng chi ngân sách địa phương" in table.inner_text()
    table.get_by_role("link", name="Phòng Kinh tế thành phố Đà Lạt").click()
    page.wait_for_selector("h1:has-text('Phòng Kinh tế thành phố Đà Lạt')")
