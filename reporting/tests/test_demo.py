from __future__ import annotations

import datetime
from typing import Any

import pytest

from reporting.models import PeriodKind, ReportingRound, ReportStatus, UnitReport

pytestmark = pytest.mark.django_db


def test_five_years_of_rounds_with_a_realistic_mix(demo: Any) -> None:
    rounds = ReportingRound.objects.filter(plan=demo.seed_plan)
    assert (
        rounds.filter(kind=PeriodKind.HALF_YEAR, period_end__year__range=(2020, 2025)).count() == 12
    )
    assert rounds.filter(kind=PeriodKind.YEAR).count() == 6
    assert rounds.filter(kind=PeriodKind.INTERIM_REVIEW).count() == 1
    reports = UnitReport.objects.filter(round__plan=demo.seed_plan)
    accepted = reports.filter(status=ReportStatus.ACCEPTED).count()
    assert accepted > reports.count() * 0.7
    late = [
        r for r in reports.filter(submitted_at__isnull=False).select_related("round") if r.is_late
    ]
    assert late
    assert reports.filter(
        status=ReportStatus.DRAFT, round__period_end__lt=datetime.date(2025, 1, 1)
    ).exists()


def test_the_latest_rounds_go_to_the_successor_units(demo: Any) -> None:
    latest = ReportingRound.objects.get(
        plan=demo.seed_plan, kind=PeriodKind.HALF_YEAR, period_end=datetime.date(2025, 12, 31)
    )
    codes = set(latest.reports.values_list("unit__code", flat=True))
    assert "DB-phuong-1" not in codes and "DU-xuan-huong" in codes
    assert not any(c.endswith("-DL") for c in codes)
    assert latest.reports.filter(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]).exists()
    ward = UnitReport.objects.filter(unit__code="DB-phuong-1", status=ReportStatus.ACCEPTED).first()
    assert ward is not None and ward.approved_by is not None
    assert ward.approved_by.username == "donvi_lanhdao"


def test_the_demo_leader_signs_in_and_has_a_report_to_approve(demo: Any) -> None:
    from django.test import Client

    from accounts.demo_passwords import DEMO_PASSWORDS

    waiting = UnitReport.objects.get(unit__code="DB-phuong-1", status=ReportStatus.PENDING_APPROVAL)
    assert waiting.approval_requested_at is not None
    assert waiting.waiting_days is not None and waiting.waiting_days > 0
    client = Client()
    assert client.login(username="donvi_lanhdao", password=DEMO_PASSWORDS["donvi_lanhdao"])
    page = client.get(f"/reporting/reports/{waiting.pk}/").content.decode()
    assert 'data-testid="approve-form"' in page
    monitor = Client()
    monitor.force_login(demo.user("monitor"))
    page = monitor.get(f"/reporting/rounds/{waiting.round_id}/").content.decode()
    assert f"chờ lãnh đạo duyệt {waiting.waiting_days} ngày" in page
