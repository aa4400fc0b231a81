from __future__ import annotations

import datetime
from typing import Any

import pytest


@pytest.fixture
def ward_report(demo: Any) -> Any:
    """An open report of Đảng bộ Phường 1 (the reporter persona's unit) for Q1/2026."""
    from reporting.models import PeriodKind, ReportingRound, UnitReport

    round_, _ = ReportingRound.objects.get_or_create(
        plan=demo.ward_plan,
        kind=PeriodKind.QUARTER,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        defaults={"label": "Quý I/2026", "due_date": datetime.date(2026, 4, 15)},
    )
    report, _ = UnitReport.objects.get_or_create(round=round_, unit=demo.unit("DB-phuong-1"))
    return report
