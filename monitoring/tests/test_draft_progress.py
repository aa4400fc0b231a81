"""Draft sections never count in the dashboard's progress figures: a figure typed in a draft
(or in a report waiting for the unit leader) is the unit's work in progress, not a reported
figure — neither in the current round nor as the "previous" figure a task is compared with."""

from __future__ import annotations

from typing import Any

import pytest

from monitoring import queries
from monitoring.queries import Filters
from monitoring.tests.fixtures import TODAY, World, build
from reporting.models import ReportStatus, TaskReport, UnitReport
from reporting.progress import rebuild_plan


@pytest.fixture
def world(db: Any) -> World:
    return build()


def dashboard(w: World, demo: Any) -> dict[str, Any]:
    return queries.dashboard(demo.user("monitor"), Filters(plan_id=w.plan.pk, today=TODAY))


def section(w: World, report: UnitReport, progress: int) -> TaskReport:
    return TaskReport.objects.create(
        unit_report=report, task=w.tasks["T1"], role="lead", progress=progress
    )


def test_a_draft_in_the_current_round_is_not_a_stalled_task(world: World, demo: Any) -> None:
    # A1 typed 20% in its (never sent) Q2 draft and 10% in a Q3 draft: nothing was reported.
    section(world, world.reports[("A1", 2)], 20)
    q3 = UnitReport.objects.create(round=world.rounds[2], unit=world.units["A1"])
    section(world, q3, 10)
    rebuild_plan(world.plan.pk)
    data = dashboard(world, demo)
    assert data["stalled"]["count"] == 1
    assert data["stalled"]["tasks"][0]["units"] == [{"unit": "Đơn vị A", "progress": 40}]
    # The other progress figures are unchanged by the drafts.
    assert {g["group"]: g["progress"] for g in data["progress_by_group"]} == {
        "II.1": 55.0,
        "II.2": 50.0,
    }


def test_the_previous_figure_comes_from_sent_reports_only(world: World, demo: Any) -> None:
    # A1's Q2 draft says 90%, its sent Q3 report 50%: the task did not stall against a
    # figure nobody reported.
    section(world, world.reports[("A1", 2)], 90)
    q3 = UnitReport.objects.create(
        round=world.rounds[2], unit=world.units["A1"], status=ReportStatus.SUBMITTED
    )
    current = section(world, q3, 50)
    rebuild_plan(world.plan.pk)
    current.refresh_from_db()
    assert current.previous_progress is None
    units = [u["unit"] for t in dashboard(world, demo)["stalled"]["tasks"] for u in t["units"]]
    assert "Đơn vị A1" not in units

    # Once the Q2 report is sent, its figure is the previous one (kept by the actions too).
    UnitReport.objects.filter(pk=world.reports[("A1", 2)].pk).update(status=ReportStatus.SUBMITTED)
    rebuild_plan(world.plan.pk)
    current.refresh_from_db()
    assert current.previous_progress == 90
    units = [u["unit"] for t in dashboard(world, demo)["stalled"]["tasks"] for u in t["units"]]
    assert "Đơn vị A1" in units
