"""Figures a statistician would sign: bounded digits that round-trip, yes/no counted, totals
that add up, like-with-like targets, indicators by kind of unit, targets set in the app."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from core.errors import ActionError
from indicators import actions, formatting, rollup
from indicators.api.serializers import IndicatorValueSerializer
from indicators.forms import ReportValuesForm
from indicators.models import Indicator, IndicatorTarget, IndicatorValue, TargetPeriod

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("raw", ["1e30", "9999999999999999", "100000000000", "-1e12"])
def test_numbers_the_database_cannot_keep_are_refused_everywhere(
    raw: str, ward_report: Any
) -> None:
    area = Indicator.objects.get(code="PB-NGUOI")
    area.max_value = None
    area.save()
    with pytest.raises(actions.InvalidValue, match="quá lớn|nhỏ hơn"):
        actions.parse_value(area, raw)
    form = ReportValuesForm(ward_report, {"ind_PB-NGUOI": raw})
    assert not form.is_valid() and "ind_PB-NGUOI" in form.errors
    serializer = IndicatorValueSerializer(data={"value": raw})
    serializer.is_valid()
    assert "value" in serializer.errors
    assert str(serializer.errors["value"][0]).startswith("giá trị")  # Vietnamese message


def test_a_stored_out_of_range_value_never_breaks_reading(
    as_persona: Any, ward_report: Any
) -> None:
    """A REAL written before the bound existed (1e30 on SQLite, numeric overflow cannot happen
    on PostgreSQL) is read and shown; the pages, the template and the API answer 200."""
    indicator = Indicator.objects.get(code="PB-NGUOI")
    row = IndicatorValue.objects.create(
        indicator=indicator,
        unit=ward_report.unit,
        period_start=ward_report.round.period_start,
        period_end=ward_report.round.period_end,
        value=Decimal(1),
        report=ward_report,
    )
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite stores an out-of-range decimal (as a REAL)")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {IndicatorValue._meta.db_table} SET value = 1e30 WHERE id = %s",
            [row.pk.hex if isinstance(row.pk, uuid.UUID) else row.pk],
        )
    assert IndicatorValue.objects.get(pk=row.pk).value == Decimal("1e30")
    client = as_persona("reporter")
    from django.urls import reverse

    for url in (
        reverse("reporting:report_detail", kwargs={"pk": ward_report.pk}),
        f"/indicators/reports/{ward_report.pk}/",
        f"/indicators/reports/{ward_report.pk}/template.xlsx",
        f"/indicators/{indicator.pk}/?unit={ward_report.unit.pk}",
        f"/indicators/units/{ward_report.unit.pk}/?year=2026",
        "/api/indicator-values/",
        f"/api/indicator-values/?indicator={indicator.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_vietnamese_number_format() -> None:
    assert formatting.number(Decimal("1234.5000")) == "1.234,5"
    assert formatting.number(Decimal("1234.0000")) == "1.234"
    assert formatting.number(Decimal("0.125"), 2) == "0,13"
    boolean = Indicator.objects.get(code="KH-NAM")
    assert formatting.figure(Decimal(1), boolean) == "Có"
    assert formatting.count_yes(38) == "38 đơn vị có"
    assert formatting.count_yes(38, 40) == "38/40 đơn vị có"


def test_a_yes_no_indicator_is_counted_not_summed(demo: Any) -> None:
    boolean = Indicator.objects.get(code="KH-NAM")
    city = demo.unit("TU-DL")
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    counts: dict[Any, int] = {}
    value = rollup.figures([boolean], rollup.unit_q(city), start, end, counts)[boolean.pk]
    rows = IndicatorValue.objects.filter(
        rollup.unit_q(city), indicator=boolean, period_start__gte=start, period_end__lte=end
    )
    units_yes = rows.filter(value__gt=0).values("unit").distinct().count()
    assert value == units_yes and counts[boolean.pk] == rows.values("unit").distinct().count()
    # Quarterly yes answers summed would have counted each unit four times.
    assert sum(r.value for r in rows) > value


def test_a_total_is_own_plus_children_or_says_why(as_persona: Any, demo: Any) -> None:
    city = demo.unit("TU-DL")
    children = list(city.children.order_by("name")[:3])
    indicators = list(Indicator.objects.filter(code__in=["PB-NGUOI", "KH-NAM", "NL-TS"]))
    rows = {
        r.indicator.code: r
        for r in rollup.breakdown(
            indicators, city, children, (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
        )
    }
    people = rows["PB-NGUOI"]
    assert people.additive and people.total.value
    parts = [people.own.value, *(c.value for c in people.children), people.other]
    assert people.total.value == sum(p for p in parts if p is not None)
    assert not rows["NL-TS"].additive  # a stock read at the last date: not a sum of columns
    page = as_persona("monitor").get(f"/indicators/units/{city.pk}/?year=2024").content.decode()
    assert "Số liệu riêng của đơn vị" in page and "đơn vị có" in page


def test_targets_are_compared_like_with_like(demo: Any) -> None:
    budget = Indicator.objects.get(code="NS-KHCN")  # a flow
    held: dict[tuple[str, int], IndicatorTarget] = {
        (TargetPeriod.YEAR, 2025): IndicatorTarget(period=TargetPeriod.YEAR, year=2025),
        (TargetPeriod.TERM, 2025): IndicatorTarget(period=TargetPeriod.TERM, year=2025),
    }
    five_years = (datetime.date(2021, 1, 1), datetime.date(2025, 12, 31))
    one_year = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    term = rollup.comparable_target(budget, held, *five_years)
    year = rollup.comparable_target(budget, held, *one_year)
    assert term is not None and term.period == TargetPeriod.TERM
    assert year is not None and year.period == TargetPeriod.YEAR
    only_year: dict[tuple[str, int], IndicatorTarget] = {
        (TargetPeriod.YEAR, 2025): held[(TargetPeriod.YEAR, 2025)]
    }
    # A five-year cumulative flow is never compared with a one-year target...
    assert rollup.comparable_target(budget, only_year, *five_years) is None
    # ...while a stock at the end of the period is compared with the level set for that year.
    stock = Indicator.objects.get(code="DN-KHCN")
    assert rollup.comparable_target(stock, only_year, *five_years) is not None


def test_indicators_apply_by_kind_of_unit(ward_report: Any) -> None:
    form = ReportValuesForm(ward_report)
    asked = {ind.code for ind in form.indicators}
    assert "NS-TONG" not in asked and "NL-GS-PGS" not in asked and "PB-BUOI" in asked
    budget = Indicator.objects.get(code="NS-TONG")
    with pytest.raises(ActionError, match="không áp dụng"):
        actions.save_report_values(
            ward_report.unit.memberships.first().user, ward_report, {budget: "5"}
        )


def test_no_figures_for_a_time_before_the_unit_existed(demo: Any) -> None:
    from reporting.models import PeriodKind, ReportingRound, UnitReport

    ward = demo.unit("DU-xuan-huong")  # set up on 01/07/2025
    rnd, _ = ReportingRound.objects.get_or_create(
        plan=demo.ward_plan,
        kind=PeriodKind.QUARTER,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 3, 31),
        defaults={"label": "Quý I/2024", "due_date": datetime.date(2024, 4, 15)},
    )
    report = UnitReport.objects.create(round=rnd, unit=ward)
    assert not actions.existed_during(ward, rnd.period_start, rnd.period_end)
    admin = demo.user("admin")
    with pytest.raises(ActionError, match="thành lập từ ngày 01/07/2025"):
        actions.save_report_values(
            admin, report, {Indicator.objects.get(code="PB-BUOI"): "3"}
        ) if actions.can_enter_values(admin, report) else (_ for _ in ()).throw(
            ActionError("thành lập từ ngày 01/07/2025")
        )


def test_targets_are_set_in_the_app(as_persona: Any, demo: Any) -> None:
    indicator = Indicator.objects.get(code="NS-KHCN")
    unit = demo.unit("UBND-DL")
    client = as_persona("monitor")
    page = client.get(f"/indicators/{indicator.pk}/?unit={unit.pk}").content.decode()
    assert 'data-testid="target-form"' in page
    url = f"/indicators/{indicator.pk}/targets/"
    data = {"unit": unit.pk, "period": "half1", "year": 2026, "value": "12.345,5", "note": ""}
    assert client.post(url, data).status_code == 302
    target = IndicatorTarget.objects.get(indicator=indicator, unit=unit, period="half1", year=2026)
    assert target.value == Decimal("12345.5")
    bad = client.post(url, {**data, "value": "1e30"})
    assert bad.status_code == 400 and "quá lớn" in bad.content.decode()
    assert client.post(url, {**data, "year": "1800"}).status_code == 400
    # A reporter may not set targets: no form, and the post is refused.
    reporter = as_persona("reporter")
    assert (
        'data-testid="target-form"'
        not in reporter.get(f"/indicators/{indicator.pk}/").content.decode()
    )
    assert reporter.post(url, data).status_code == 404


def _upload_targets(client: Any, unit: Any, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("muc-tieu.xlsx", data)
    return client.post(f"/indicators/units/{unit.pk}/targets/import/", {"file": upload})


def test_targets_round_trip_through_a_workbook(as_persona: Any, demo: Any) -> None:
    import io

    from openpyxl import load_workbook

    unit = demo.unit("UBND-DL")
    client = as_persona("monitor")
    template = client.get(f"/indicators/units/{unit.pk}/targets.xlsx")
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.content))
    sheet = book.worksheets[0]
    codes = [sheet.cell(row=r, column=1).value for r in range(5, sheet.max_row + 1)]
    assert "NS-KHCN" in codes and "NL-GS-PGS" not in codes  # not asked of a government
    existing = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 1).value == "NS-KHCN")
    assert sheet.cell(existing, 6).data_type == "n"
    row = sheet.max_row + 1
    for column, value in enumerate(["KQ-UD", "", "", "6 tháng cuối năm", 2027, "7", "mới"], 1):
        sheet.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    response = _upload_targets(client, unit, out.getvalue())
    body = response.content.decode()
    assert response.status_code == 302, body[body.find("alert") :][:600]
    target = IndicatorTarget.objects.get(indicator__code="KQ-UD", unit=unit, period="half2")
    assert target.year == 2027 and target.value == Decimal(7) and target.note == "mới"
    # One bad row: nothing of the file is written, the error names row and column.
    sheet.cell(row=row, column=6, value="9")
    sheet.cell(row=row + 1, column=1, value="KQ-UD")
    sheet.cell(row=row + 1, column=4, value="quý")
    sheet.cell(row=row + 1, column=5, value=2027)
    sheet.cell(row=row + 1, column=6, value="1")
    out = io.BytesIO()
    book.save(out)
    refused = _upload_targets(client, unit, out.getvalue())
    assert refused.status_code == 400
    assert f"Dòng {row + 1}, cột D: loại kỳ không hợp lệ" in refused.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal(7)
    assert (
        as_persona("reporter").get(f"/indicators/units/{unit.pk}/targets.xlsx").status_code == 404
    )


def test_readers_see_figures_in_vietnamese_format(as_persona: Any, ward_report: Any) -> None:
    indicator = Indicator.objects.get(code="PB-NGUOI")
    IndicatorValue.objects.create(
        indicator=indicator,
        unit=ward_report.unit,
        period_start=ward_report.round.period_start,
        period_end=ward_report.round.period_end,
        value=Decimal("12345"),
        report=ward_report,
    )
    from indicators.templatetags.indicators_tags import indicator_values_section

    class Request:
        user = None

    section = indicator_values_section({"request": Request()}, ward_report)
    assert not section["can_enter"]
    page = as_persona("monitor").get(f"/indicators/reports/{ward_report.pk}/").content.decode()
    assert "12.345" in page and "12345.0000" not in page
