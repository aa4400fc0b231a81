"""Round generation is bounded (issue 11, class 1): a date centuries away is refused with a
clear message and creates nothing, instead of thousands of rounds in one transaction."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from core.errors import ActionError
from reporting import actions
from reporting.models import PeriodKind, ReportingRound

pytestmark = pytest.mark.django_db


def test_absurd_ranges_are_refused_and_create_nothing(demo: Any) -> None:
    monitor = demo.user("monitor")
    schedule = actions.create_schedule(
        monitor,
        demo.seed_plan,
        kind=PeriodKind.MONTH,
        due_days_after_end=10,
        start_date=datetime.date(1900, 1, 1),
    )
    before = ReportingRound.objects.count()
    for until in (datetime.date(2400, 12, 31), datetime.date(2035, 12, 31)):
        with pytest.raises(ActionError):
            actions.generate_rounds(monitor, schedule, until, derive=False)
    assert ReportingRound.objects.count() == before
