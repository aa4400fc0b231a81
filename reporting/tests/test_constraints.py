"""Reporting guards itself: the database refuses periods out of order, progress outside 0–100
and a kept total above what its sections allow; the pages refuse them first with a Vietnamese
message. The dashboard's indexes are declared on the models (PostgreSQL keeps their INCLUDE
columns and conditions)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.forms import modelform_factory

from reporting.models import (
    ReportingRound,
    ReportingSchedule,
    TaskReport,
    UnitReport,
)
from reporting.tests.conftest import client_for, fill

pytestmark = pytest.mark.django_db


def refused(write: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_a_round_cannot_end_before_it_starts_nor_be_due_before_it(
    fresh_round: ReportingRound,
) -> None:
    rounds = ReportingRound.objects.filter(pk=fresh_round.pk)
    refused(lambda: rounds.update(period_end=datetime.date(2023, 12, 31)))
    refused(lambda: rounds.update(due_date=datetime.date(2023, 12, 31)))
    rounds.update(period_end=datetime.date(2024, 1, 1), due_date=datetime.date(2024, 1, 1))


def test_a_schedule_cannot_end_before_it_starts(demo: Any) -> None:
    schedule = ReportingSchedule.objects.filter(plan=demo.seed_plan).first()
    assert schedule is not None
    rows = ReportingSchedule.objects.filter(pk=schedule.pk)
    refused(lambda: rows.update(end_date=schedule.start_date - datetime.timedelta(days=1)))
    rows.update(end_date=schedule.start_date)


def test_progress_figures_are_percentages(ward_report: UnitReport) -> None:
    sections = TaskReport.objects.filter(unit_report=ward_report)
    refused(lambda: sections.update(progress=101))
    refused(lambda: sections.update(previous_progress=101))
    sections.update(progress=100, previous_progress=None)


def test_the_kept_total_is_at_most_100_per_counted_section(ward_report: UnitReport) -> None:
    reports = UnitReport.objects.filter(pk=ward_report.pk)
    refused(lambda: reports.update(progress_total=101, progress_count=1))
    refused(lambda: reports.update(progress_total=1, progress_count=0))
    reports.update(progress_total=200, progress_count=2)


def test_the_report_page_says_why_progress_over_100_is_refused(
    ward_report: UnitReport,
) -> None:
    data = fill(ward_report)
    section = ward_report.task_reports.get()
    data[f"s-{section.pk}-progress"] = "101"
    response = client_for("reporter").post(f"/reporting/reports/{ward_report.pk}/", data)
    assert response.status_code == 400
    assert "Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 100 ." in response.content.decode()
    section.refresh_from_db()
    assert section.progress is None


def test_the_round_page_says_why_an_end_before_the_start_is_refused(demo: Any) -> None:
    response = client_for("monitor").post(
        f"/reporting/plans/{demo.seed_plan.pk}/rounds/new/",
        {
            "kind": "interim",
            "label": "Sơ kết thử",
            "period_start": "01/07/2024",
            "period_end": "30/06/2024",
            "due_date": "15/07/2024",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == [
        "Ngày kết thúc kỳ phải sau ngày bắt đầu."
    ]
    assert not ReportingRound.objects.filter(label="Sơ kết thử").exists()


def test_a_model_form_shows_the_constraint_message(demo: Any) -> None:
    """What the admin's form (a plain ModelForm of the model) says for a period out of order."""
    form_class = modelform_factory(
        ReportingRound, fields=["plan", "kind", "label", "period_start", "period_end", "due_date"]
    )
    form = form_class(
        data={
            "plan": demo.seed_plan.pk,
            "kind": "interim",
            "label": "Sơ kết thử",
            "period_start": "01/07/2024",
            "period_end": "30/06/2024",
            "due_date": "15/07/2024",
        }
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["Ngày kết thúc kỳ phải sau ngày bắt đầu."]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="INCLUDE columns: PostgreSQL only")
def test_the_dashboard_indexes_are_the_declared_ones(db: Any) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename IN ('reporting_taskreport', 'reporting_unitreport')"
        )
        definitions = dict(cur.fetchall())
    assert not [name for name in definitions if name.startswith("monitoring_")]
    assert "INCLUDE (unit_report_id, task_id, progress)" in definitions["task_report_round_cover"]
    difficulty = definitions["task_report_difficulty_cover"]
    # The report key too: the recurring-difficulties query reads only the index (monitoring).
    assert "INCLUDE (unit_id, difficulty_key, difficulties, unit_report_id)" in difficulty
    assert "difficulty_key = ''" in difficulty.split(" WHERE ")[1]
    stalled = definitions["task_report_stalled_cover"].split(" WHERE ")[1]
    assert "progress < 100" in stalled and "progress <= previous_progress" in stalled
    assert "INCLUDE (unit_id, status, submitted_at)" in definitions["unit_report_round_cover"]
