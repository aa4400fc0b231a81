"""Entering figures in a unit report: permissions, validation, XLSX template round trip."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from indicators import actions, excel
from indicators.models import Indicator, IndicatorValue, ValueSource


def codes(report: Any) -> dict[str, Decimal]:
    return {
        v.indicator.code: v.value
        for v in IndicatorValue.objects.filter(
            unit=report.unit,
            period_start=report.round.period_start,
            period_end=report.round.period_end,
        ).select_related("indicator")
    }


def required_values() -> dict[str, str]:
    return {i.code: "1" for i in actions.entry_indicators() if i.is_required and not i.unit_kinds}


def form_data(values: dict[str, str]) -> dict[str, str]:
    return {f"ind_{code}": v for code, v in values.items()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "raw", "message"),
    [
        ("PB-BUOI", "abc", "giá trị phải là số"),
        ("PB-BUOI", "2.5", "số nguyên"),
        ("PB-BUOI", "-1", "nhỏ hơn 0"),
        ("PB-BUOI", "501", "lớn hơn 500"),
        ("TL-BD", "120", "lớn hơn 100"),
        ("KH-NAM", "có lẽ", "Có hoặc Không"),
    ],
)
def test_parse_value_refuses_bad_input(code: str, raw: str, message: str) -> None:
    with pytest.raises(actions.InvalidValue, match=message):
        actions.parse_value(Indicator.objects.get(code=code), raw)


@pytest.mark.django_db
def test_parse_value_accepts_vietnamese_numbers() -> None:
    area = Indicator.objects.get(code="NN-CNC")
    assert actions.parse_value(area, "1.234,5") == Decimal("1234.5")
    assert actions.parse_value(area, "12,5") == Decimal("12.5")
    assert actions.parse_value(area, 7) == Decimal("7")
    assert actions.parse_value(area, "  ") is None
    assert actions.parse_value(Indicator.objects.get(code="KH-NAM"), "Không") == Decimal(0)


@pytest.mark.django_db
def test_limits_in_messages_are_written_as_the_user_reads_numbers() -> None:
    """A decimal limit reads 2,5 (django.utils.formats), the way the form accepts it back."""
    area = Indicator.objects.get(code="NN-CNC")
    area.min_value = Decimal("2.50")
    with pytest.raises(actions.InvalidValue, match="nhỏ hơn 2,5$"):
        actions.parse_value(area, "1")
    assert actions.parse_value(area, "2,5") == Decimal("2.5")


@pytest.mark.django_db
def test_reporter_enters_values_through_the_report_form(as_persona: Any, ward_report: Any) -> None:
    client = as_persona("reporter")
    values = required_values() | {"PB-BUOI": "4", "PB-NGUOI": "230", "KH-NAM": "1"}
    response = client.post(f"/indicators/reports/{ward_report.pk}/", form_data(values))
    assert response.status_code == 302
    saved = codes(ward_report)
    assert saved["PB-BUOI"] == Decimal(4) and saved["PB-NGUOI"] == Decimal(230)
    entry = AuditEntry.objects.filter(
        action="indicators.enter", target_id=str(ward_report.pk)
    ).get()
    assert entry.changes["PB-BUOI"] == [None, "4"]
    # Clearing an optional figure removes it.
    values.pop("KH-NAM")
    assert (
        client.post(f"/indicators/reports/{ward_report.pk}/", form_data(values)).status_code == 302
    )
    assert "KH-NAM" not in codes(ward_report)


@pytest.mark.django_db
def test_form_validation_rejects_the_whole_submission(as_persona: Any, ward_report: Any) -> None:
    client = as_persona("reporter")
    values = required_values() | {"PB-BUOI": "nhiều", "PB-NGUOI": "230"}
    response = client.post(f"/indicators/reports/{ward_report.pk}/", form_data(values))
    assert response.status_code == 400
    body = response.content.decode()
    assert "giá trị phải là số" in body
    assert codes(ward_report) == {}
    missing = {"PB-NGUOI": "10"}  # required indicators left empty
    response = client.post(f"/indicators/reports/{ward_report.pk}/", form_data(missing))
    assert response.status_code == 400
    assert "Chỉ tiêu bắt buộc" in response.content.decode()
    assert codes(ward_report) == {}


@pytest.mark.django_db
def test_other_units_cannot_enter_or_see(as_persona: Any, ward_report: Any, demo: Any) -> None:
    url = f"/indicators/reports/{ward_report.pk}/"
    data = form_data(required_values())
    for persona in ("outsider", "manager", "supervisor"):
        client = as_persona(persona)
        assert client.get(url).status_code == 404, persona
        assert client.post(url, data).status_code == 404, persona
        assert client.get(url + "template.xlsx").status_code == 404, persona
        assert client.get(url + "import/").status_code == 404, persona
    assert codes(ward_report) == {}
    with pytest.raises(NotAllowed):
        actions.save_report_values(demo.user("manager"), ward_report, {})


@pytest.mark.django_db
def test_the_monitor_reads_but_does_not_enter(as_persona: Any, ward_report: Any) -> None:
    client = as_persona("monitor")
    url = f"/indicators/reports/{ward_report.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, form_data(required_values())).status_code == 404
    assert client.get(url + "import/").status_code == 404


@pytest.mark.django_db
def test_a_submitted_report_is_locked(demo: Any, ward_report: Any) -> None:
    from reporting.models import ReportStatus

    ward_report.status = ReportStatus.SUBMITTED
    ward_report.save()
    with pytest.raises(NotAllowed):
        actions.save_report_values(demo.user("reporter"), ward_report, {})


@pytest.mark.django_db
def test_a_period_overlapping_other_figures_is_refused(demo: Any, ward_report: Any) -> None:
    import datetime

    ind = Indicator.objects.get(code="PB-BUOI")
    IndicatorValue.objects.create(
        indicator=ind,
        unit=ward_report.unit,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
        value=Decimal(2),
    )
    with pytest.raises(ActionError, match="trùng thời gian"):
        actions.save_report_values(demo.user("reporter"), ward_report, {ind: "3"})
    assert "PB-BUOI" not in codes(ward_report)


def _fill(data: bytes, values: dict[str, Any]) -> tuple[bytes, dict[str, int]]:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    rows = {}
    for row in range(excel.FIRST_ROW, sheet.max_row + 1):
        code = sheet.cell(row=row, column=1).value
        rows[code] = row
        if code in values:
            sheet.cell(row=row, column=3, value=values[code])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), rows


def _upload(client: Any, report: Any, data: bytes, name: str = "chi-tieu.xlsx") -> Any:
    return client.post(
        f"/indicators/reports/{report.pk}/import/",
        {"file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.django_db
def test_xlsx_round_trip(as_persona: Any, ward_report: Any) -> None:
    client = as_persona("reporter")
    response = client.get(f"/indicators/reports/{ward_report.pk}/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    values = {code: 1 for code in required_values()} | {"PB-BUOI": 6, "TL-BD": "62,75"}
    filled, _rows = _fill(response.content, values)
    response = _upload(client, ward_report, filled)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = codes(ward_report)
    assert saved["PB-BUOI"] == Decimal(6) and saved["TL-BD"] == Decimal("62.75")
    assert IndicatorValue.objects.filter(
        report=ward_report, source=ValueSource.IMPORT
    ).count() == len(saved)
    # The downloaded template now carries the figures already entered.
    again = client.get(f"/indicators/reports/{ward_report.pk}/template.xlsx").content
    sheet = load_workbook(io.BytesIO(again)).worksheets[0]
    by_code = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=3).value
        for r in range(5, sheet.max_row + 1)
    }
    assert by_code["PB-BUOI"] == 6


@pytest.mark.django_db
def test_a_bad_row_is_reported_and_nothing_is_imported(as_persona: Any, ward_report: Any) -> None:
    client = as_persona("reporter")
    template = client.get(f"/indicators/reports/{ward_report.pk}/template.xlsx").content
    values = {code: 1 for code in required_values()} | {"PB-BUOI": 6, "PB-NGUOI": "nhiều lắm"}
    filled, rows = _fill(template, values)
    response = _upload(client, ward_report, filled)
    assert response.status_code == 400
    body = response.content.decode()
    assert f"Dòng {rows['PB-NGUOI']}, cột C: giá trị phải là số" in body
    assert codes(ward_report) == {}


@pytest.mark.django_db
def test_unknown_code_and_missing_required_rows(demo: Any, ward_report: Any) -> None:
    template = excel.build_template(ward_report)
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    sheet.cell(row=excel.FIRST_ROW, column=1, value="KHONG-CO")
    sheet.cell(row=excel.FIRST_ROW, column=3, value=1)
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(excel.ImportRejected) as rejected:
        excel.import_values(demo.user("reporter"), ward_report, out.getvalue())
    messages = [str(e) for e in rejected.value.errors]
    assert f"Dòng {excel.FIRST_ROW}, cột A: không có chỉ tiêu mã KHONG-CO" in messages
    assert any("chưa nhập giá trị" in m for m in messages)
    assert codes(ward_report) == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("chi-tieu.csv", b"a,b,c\n", "đuôi .xlsx"),
        ("chi-tieu.xlsx", b"%PDF-1.4 not a workbook", "không phải bảng tính"),
        ("chi-tieu.xlsx", b"PK\x03\x04broken zip", "không phải bảng tính"),
        ("chi-tieu.xlsx", b"PK" + b"0" * (excel.MAX_BYTES + 10), "quá lớn"),
    ],
)
def test_non_xlsx_corrupt_and_oversize_files_are_refused(
    as_persona: Any, ward_report: Any, name: str, data: bytes, message: str
) -> None:
    response = _upload(as_persona("reporter"), ward_report, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert codes(ward_report) == {}


@pytest.mark.django_db
def test_a_template_of_another_report_is_refused(demo: Any, ward_report: Any) -> None:
    import datetime

    from reporting.models import PeriodKind, ReportingRound, UnitReport

    other_round = ReportingRound.objects.create(
        plan=ward_report.round.plan,
        kind=PeriodKind.QUARTER,
        label="Quý II/2026",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 6, 30),
        due_date=datetime.date(2026, 7, 15),
    )
    other = UnitReport.objects.create(round=other_round, unit=ward_report.unit)
    with pytest.raises(ActionError, match="báo cáo khác"):
        excel.import_values(demo.user("reporter"), ward_report, excel.build_template(other))
