"""Pages and API: catalogue for everyone signed in, figures only inside the unit scope."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from indicators.models import Indicator, IndicatorValue


@pytest.mark.django_db
def test_catalogue_and_detail_for_every_signed_in_user(as_persona: Any, anonymous: Any) -> None:
    ratio = Indicator.objects.get(code="TL-NS-KHCN")
    for persona in ("monitor", "manager", "reporter", "supervisor", "outsider"):
        client = as_persona(persona)
        body = client.get("/indicators/?q=ngan sach").content.decode()
        assert "Tỷ lệ chi ngân sách cho khoa học và công nghệ" in body, persona
        assert "Nhà khoa học có trình độ tiến sĩ" not in body  # search narrows the list
        assert client.get(f"/indicators/{ratio.pk}/").status_code == 200
    assert anonymous.get("/indicators/").status_code == 302


@pytest.mark.django_db
def test_detail_chart_shows_targets_and_actuals_of_a_unit(as_persona: Any, demo: Any) -> None:
    ratio = Indicator.objects.get(code="TL-NS-KHCN")
    city = demo.unit("UBND-DL")
    response = as_persona("manager").get(f"/indicators/{ratio.pk}/?unit={city.pk}")
    assert response.status_code == 200
    chart = response.context["chart"]
    assert chart["labels"][0] == "2020" and chart["labels"][-1] == "2030"
    assert chart["target"][0] == 0.9 and chart["target"][5] == 1.2
    assert chart["actual"][4] is not None and 0.3 < chart["actual"][4] < 3
    assert "vendor/chart.umd.js" in response.content.decode()


@pytest.mark.django_db
def test_figures_of_units_outside_the_scope_are_404(as_persona: Any, demo: Any) -> None:
    ward = demo.unit("DB-phuong-1")
    ind = Indicator.objects.get(code="PB-BUOI")
    outsider = as_persona("outsider")
    assert outsider.get(f"/indicators/units/{ward.pk}/").status_code == 404
    assert outsider.get(f"/indicators/units/{ward.pk}/?export=xlsx").status_code == 404
    assert outsider.get(f"/indicators/{ind.pk}/?unit={ward.pk}").status_code == 404
    assert as_persona("reporter").get(f"/indicators/units/{ward.pk}/").status_code == 200
    assert as_persona("monitor").get(f"/indicators/units/{ward.pk}/").status_code == 200
    # The reporter's own drill-down lists its unit; the outsider's does not.
    assert "Đảng bộ Phường 1" in as_persona("reporter").get("/indicators/units/").content.decode()
    assert "Đảng bộ Phường 1" not in outsider.get("/indicators/units/").content.decode()


@pytest.mark.django_db
def test_drill_down_table_and_xlsx_export(as_persona: Any, demo: Any) -> None:
    city = demo.unit("UBND-DL")
    client = as_persona("manager")
    response = client.get(f"/indicators/units/{city.pk}/?year=2024")
    assert response.status_code == 200
    columns = response.context["columns"]
    assert columns[0] == city and demo.unit("PKT-DL") in columns
    body = response.content.decode()
    assert "Phòng Kinh tế thành phố Đà Lạt" in body
    export = client.get(f"/indicators/units/{city.pk}/?year=2024&export=xlsx")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["NS-TONG"][3] > 1_000_000  # city budget for 2024, in million VND
    assert rows["TL-NS-KHCN"][3] is not None


@pytest.mark.django_db
def test_api_is_read_only_and_scoped(as_persona: Any, demo: Any) -> None:
    outsider = as_persona("outsider")
    catalogue = outsider.get("/api/indicators/?page_size=200").json()
    assert any(row["code"] == "TL-NS-KHCN" for row in catalogue["results"])
    values = outsider.get("/api/indicator-values/").json()
    assert values["count"] == 0  # Bảo Lộc reports no indicator values in the demo
    reporter = as_persona("reporter").get("/api/indicator-values/?page_size=1000").json()
    ward = demo.unit("DB-phuong-1")
    assert (
        reporter["count"]
        == IndicatorValue.objects.filter(unit__path__startswith=ward.path).count()
        > 0
    )
    assert {row["unit_code"] for row in reporter["results"]} == {"DB-phuong-1"}
    assert as_persona("monitor").post("/api/indicators/", {}).status_code == 405


@pytest.mark.django_db
def test_the_unit_report_page_carries_the_indicator_section(
    as_persona: Any, ward_report: Any
) -> None:
    url = f"/reporting/reports/{ward_report.pk}/"
    body = as_persona("reporter").get(url).content.decode()
    assert 'data-testid="indicator-values"' in body
    # The figures are part of the report's own form, saved by its "Lưu nháp".
    assert f'action="/indicators/reports/{ward_report.pk}/"' not in body
    form = body.split('id="report-form"', 1)[1].split("</form>", 1)[0]
    assert 'name="ind_PB-BUOI"' in form
    assert 'name="ind_PB-BUOI"' in body
    # The monitoring officer reads the section but gets no entry form.
    monitor = as_persona("monitor").get(url).content.decode()
    assert 'data-testid="indicator-values"' in monitor and 'name="ind_PB-BUOI"' not in monitor
