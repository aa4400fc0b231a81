"""In Chromium: the reporter types the report's text and an indicator figure and picks an
evidence file, clicks "Lưu nháp", reloads — all three are there (one form, one save)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def test_text_and_figure_survive_save_draft_and_reload(page: Any, tmp_path: Any) -> None:
    from orgunits.models import OrgUnit
    from plans.models import Plan
    from reporting.models import PeriodKind, ReportingRound, UnitReport

    ward = OrgUnit.objects.get(code="DB-phuong-1")
    round_, _ = ReportingRound.objects.get_or_create(
        plan=Plan.objects.get(owner=ward),
        kind=PeriodKind.QUARTER,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        defaults={"label": "Quý I/2026", "due_date": datetime.date(2026, 4, 15)},
    )
    report, _ = UnitReport.objects.get_or_create(round=round_, unit=ward)
    login(page, "donvi")
    page.goto(f"/reporting/reports/{report.pk}/")
    page.get_by_label("Đánh giá chung").fill("Quý I tổ chức 7 buổi tuyên truyền")
    figure = page.locator('input[name="ind_PB-BUOI"]')
    figure.fill("7")
    evidence = tmp_path / "bien-ban-quy-1.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.locator("#id_file").set_input_files(str(evidence))
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_selector("text=Đã lưu bản nháp.")
    page.reload()
    assert page.get_by_label("Đánh giá chung").input_value() == "Quý I tổ chức 7 buổi tuyên truyền"
    assert page.locator('input[name="ind_PB-BUOI"]').input_value() == "7"
    assert "bien-ban-quy-1.pdf" in page.get_by_test_id("evidence-list").inner_text()
