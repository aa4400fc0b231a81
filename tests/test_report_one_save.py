"""A unit report is saved in one go: "Lưu nháp" keeps the text and the indicator figures typed
on the page together, or — when any part is refused — nothing, with every typed value back."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from indicators.models import IndicatorValue
from reporting.models import PeriodKind, ReportingRound, UnitReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_report(demo: Any) -> UnitReport:
    round_, _ = ReportingRound.objects.get_or_create(
        plan=demo.ward_plan,
        kind=PeriodKind.QUARTER,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        defaults={"label": "Quý I/2026", "due_date": datetime.date(2026, 4, 15)},
    )
    report, _ = UnitReport.objects.get_or_create(round=round_, unit=demo.unit("DB-phuong-1"))
    return report


def figure(report: UnitReport, code: str) -> Any:
    row = IndicatorValue.objects.filter(
        unit=report.unit,
        indicator__code=code,
        period_start=report.round.period_start,
        period_end=report.round.period_end,
    ).first()
    return None if row is None else row.value


def test_save_draft_keeps_text_and_figures_together(as_persona: Any, ward_report: Any) -> None:
    url = f"/reporting/reports/{ward_report.pk}/"
    client = as_persona("reporter")
    data = {
        "version": ward_report.version,
        "summary": "Tổ chức 4 buổi tuyên truyền trong quý",
        "ind_PB-BUOI": "4",
        "action": "save",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    ward_report.refresh_from_db()
    assert ward_report.summary == "Tổ chức 4 buổi tuyên truyền trong quý"
    assert figure(ward_report, "PB-BUOI") == 4
    page = client.get(url).content.decode()
    assert 'value="4"' in page and "Tổ chức 4 buổi tuyên truyền trong quý" in page


def test_an_invalid_figure_saves_nothing_and_keeps_everything_typed(
    as_persona: Any, ward_report: Any
) -> None:
    url = f"/reporting/reports/{ward_report.pk}/"
    before = ward_report.version
    data = {
        "version": before,
        "summary": "Văn bản không được mất",
        "ind_PB-BUOI": "bốn",
        "ind_PB-NGUOI": "120",
        "action": "save",
    }
    response = as_persona("reporter").post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Văn bản không được mất" in body and 'value="bốn"' in body and 'value="120"' in body
    assert "giá trị phải là số" in body  # the message sits at the field
    ward_report.refresh_from_db()
    assert ward_report.version == before and ward_report.summary != "Văn bản không được mất"
    assert figure(ward_report, "PB-NGUOI") is None


def test_a_figure_refused_by_the_action_undoes_the_text(
    as_persona: Any, ward_report: Any, monkeypatch: Any
) -> None:
    """The forms accept everything, the owning app's action refuses (e.g. a figure entered
    meanwhile for an overlapping period): the text saved in the same transaction is undone."""
    from core.errors import ActionError
    from indicators import actions as indicator_actions

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise ActionError("PB-BUOI: đơn vị đã có số liệu kỳ trùng thời gian với kỳ này")

    monkeypatch.setattr(indicator_actions, "save_report_values", refuse)
    url = f"/reporting/reports/{ward_report.pk}/"
    before = ward_report.version
    data = {"version": before, "summary": "Không lưu một nửa", "ind_PB-BUOI": "4"}
    response = as_persona("reporter").post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Không lưu một nửa" in body and 'value="4"' in body and "trùng thời gian" in body
    ward_report.refresh_from_db()
    assert ward_report.version == before and ward_report.summary != "Không lưu một nửa"
    assert not ward_report.revisions.exists()


def test_a_post_without_the_figures_leaves_them_alone(as_persona: Any, ward_report: Any) -> None:
    client = as_persona("reporter")
    url = f"/reporting/reports/{ward_report.pk}/"
    client.post(url, {"version": ward_report.version, "summary": "a", "ind_PB-BUOI": "5"})
    ward_report.refresh_from_db()
    assert figure(ward_report, "PB-BUOI") == 5
    response = client.post(url, {"version": ward_report.version, "summary": "b"})
    assert response.status_code == 302
    ward_report.refresh_from_db()
    assert ward_report.summary == "b" and figure(ward_report, "PB-BUOI") == 5
