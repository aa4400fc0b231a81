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


def test_the_largest_request_allowed_is_120_rounds_and_one_more_is_refused(demo: Any) -> None:
    monitor = demo.user("monitor")
    schedule = actions.create_schedule(
        monitor,
        demo.seed_plan,
        kind=PeriodKind.MONTH,
        due_days_after_end=10,
        start_date=datetime.date(2020, 1, 1),
    )
    before = ReportingRound.objects.count()
    with pytest.raises(ActionError):  # Jan 2020 … Jan 2030: 121 months
        actions.generate_rounds(monitor, schedule, datetime.date(2030, 1, 1), derive=False)
    assert ReportingRound.objects.count() == before
    created = actions.generate_rounds(monitor, schedule, datetime.date(2029, 12, 1), derive=False)
    assert len(created) == ReportingRound.objects.count() - before <= 120
    months = ReportingRound.objects.filter(plan=demo.seed_plan, kind=PeriodKind.MONTH)
    assert months.filter(period_start__gte=datetime.date(2020, 1, 1)).count() == 120


def test_the_calendar_opens_a_long_schedule_in_bounded_transactions(
    demo: Any, monkeypatch: Any
) -> None:
    from django.db import connection

    from reporting.actions import rounds

    monitor = demo.user("monitor")
    plan = demo.seed_plan
    assert plan.status == "active"
    actions.create_schedule(
        monitor,
        plan,
        kind=PeriodKind.MONTH,
        due_days_after_end=10,
        start_date=datetime.date(2024, 1, 1),
    )
    monkeypatch.setattr(rounds, "ROUNDS_PER_TRANSACTION", 4)
    batches: list[int] = []
    real = rounds._open_rounds_batch

    def counted(today: Any, limit: int) -> Any:
        depth = len(connection.savepoint_ids)
        opened, schedules = real(today, limit)
        assert len(connection.savepoint_ids) == depth  # its transaction ended with it
        batches.append(len(opened))
        return opened, schedules

    monkeypatch.setattr(rounds, "_open_rounds_batch", counted)
    today = datetime.date(2026, 11, 30)
    result = actions.open_current_rounds(today)
    months = ReportingRound.objects.filter(
        plan=plan, kind=PeriodKind.MONTH, period_start__gte=datetime.date(2024, 1, 1)
    )
    assert months.count() == 35  # January 2024 … November 2026
    assert max(batches) <= 4 and len(batches) >= 9  # never more than 4 rounds at once
    assert sum(batches) == len(result["opened"])
    assert actions.open_current_rounds(today)["opened"] == []  # idempotent


def test_a_long_generation_derives_a_bounded_part_in_the_request_and_the_rest_in_the_worker(
    demo: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from reporting.actions import rounds
    from reporting.models import UnitReport

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monitor = demo.user("monitor")
    schedule = actions.create_schedule(
        monitor,
        demo.seed_plan,
        kind=PeriodKind.MONTH,
        due_days_after_end=10,
        start_date=datetime.date(2027, 1, 1),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = actions.generate_rounds(monitor, schedule, datetime.date(2029, 12, 1))
    assert len(created) == 36
    with_reports = {r.round_id for r in UnitReport.objects.filter(round__in=created)}
    assert len(with_reports) == rounds.DERIVE_IN_REQUEST == 12  # the request's bounded part
    assert with_reports == {r.pk for r in created[:12]}
    for callback in callbacks:
        callback()  # after commit: the worker derives the other 24, one round per transaction
    assert {r.round_id for r in UnitReport.objects.filter(round__in=created)} == {
        r.pk for r in created
    }
    per_round = UnitReport.objects.filter(round=created[0]).count()
    assert UnitReport.objects.filter(round=created[-1]).count() == per_round > 0
