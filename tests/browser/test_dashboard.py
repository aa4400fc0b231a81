"""The monitoring officer opens the dashboard and the Chart.js charts render in Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def _history() -> Any:
    from monitoring.tests.fixtures import build

    return build()


def test_monitor_sees_charts_and_heatmap(page: Any) -> None:
    world = _history()
    login(page, "theodoi")
    page.get_by_role("link", name="Theo dõi", exact=True).first.click()
    page.wait_for_url("**/monitoring/**")
    page.goto(f"/monitoring/?plan={world.plan.pk}&year=2024")
    page.wait_for_selector("#monitoring-charts[data-loaded='1']")
    assert page.evaluate("typeof window.Chart") == "function"
    for canvas_id in ("chart-rounds", "chart-groups", "chart-units"):
        info = page.evaluate(
            """(id) => {
                const canvas = document.getElementById(id);
                const chart = window.Chart.getChart(canvas);
                return {w: canvas.width, h: canvas.height, chart: !!chart,
                        points: chart ? chart.data.datasets[0].data.length : 0};
            }""",
            canvas_id,
        )
        assert info["chart"], canvas_id
        assert info["w"] > 0 and info["h"] > 0, canvas_id
        assert info["points"] > 0, canvas_id
    assert page.get_by_test_id("heatmap-row").count() == 3
    late = page.locator("td[data-kind='late']")
    assert late.count() == 1
    assert "Đã tiếp nhận, nộp muộn" in late.first.inner_text()  # text, not colour alone

    units = page.get_by_test_id("unit-table")
    units.get_by_role("link", name="Đơn vị R", exact=True).click()  # drill down the tree
    page.wait_for_selector("#monitoring-charts[data-loaded='1']")
    page.get_by_test_id("unit-table").get_by_role("link", name="Đơn vị A", exact=True).click()
    page.wait_for_selector("#monitoring-charts[data-loaded='1']")
    assert page.get_by_test_id("heatmap-row").count() == 2
    assert "Đơn vị R" in page.get_by_test_id("breadcrumbs").inner_text()
