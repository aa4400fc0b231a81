"""Today's work for the personas of today's units (công việc hiện hành của đơn vị mới).

The fixed demo dataset (``load_demo.load_all``) tells the story up to the end of 2025; its
first personas belong to bodies dissolved on 30/06/2025 and show that history. On a fresh
``make run`` the demo then does what the monitoring office and the calendar would have done
since: the dissolved units' parts in the open tasks are handed to their current successors
(Đảng ủy phường Xuân Hương - Đà Lạt took over Phường 1, 2 and 10; the ward people's committees
took over the city's), the calendar opens the rounds up to today, and the new ward's reporter
starts the current report while last half-year's waits for the ward's leader. Everything goes
through the apps' actions, so it is audited like real use. Kept out of ``load_all``: it depends
on today's date, and tests need a fixed dataset (they call it with a frozen day).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from accounts.models import User
from orgunits.models import OrgUnit
from plans import actions as plan_actions
from plans.models import AssignmentRole, PlanStatus, Task, TaskStatus
from reporting import actions as report_actions
from reporting.models import EDITABLE_STATUSES, UnitReport, UnitReportingPolicy

WARD = "DU-xuan-huong"  # Đảng ủy phường Xuân Hương - Đà Lạt
WARD_GOVERNMENT = "UBND-xuan-huong"  # Ủy ban nhân dân phường Xuân Hương - Đà Lạt


def _successors(unit: OrgUnit, today: datetime.date) -> list[OrgUnit]:
    if unit.is_active_on(today):
        return [unit]
    return [u for u in unit.current_successors() if u.is_active_on(today)]


def hand_over_tasks(actor: User, today: datetime.date) -> int:
    """Give every open task of the active plans its current units in place of the dissolved
    ones (lead wins over cooperating); returns how many tasks changed."""
    changed = 0
    tasks = (
        Task.objects.filter(plan__status=PlanStatus.ACTIVE)
        .exclude(status=TaskStatus.CLOSED)
        .prefetch_related("assignments__unit")
        .order_by("plan_id", "order")
    )
    for task in tasks:
        active = [a for a in task.assignments.all() if a.is_active]
        if all(a.unit.is_active_on(today) for a in active):
            continue
        lead: dict[Any, OrgUnit] = {}
        cooperating: dict[Any, OrgUnit] = {}
        for assignment in active:
            target = lead if assignment.role == AssignmentRole.LEAD else cooperating
            for unit in _successors(assignment.unit, today):
                target[unit.pk] = unit
        if not lead:
            continue  # nobody took the lead over: left for the monitoring office to decide
        plan_actions.update_task(
            actor,
            task,
            expected_version=task.version,
            lead_units=list(lead.values()),
            cooperating_units=[u for pk, u in cooperating.items() if pk not in lead],
        )
        changed += 1
    return changed


def _fill(actor: User, report: UnitReport, *, complete: bool) -> UnitReport:
    sections = list(report.task_reports.select_related("task").order_by("task__order"))
    texts: dict[str, dict[str, Any]] = {}
    for index, section in enumerate(sections):
        if not complete and index > 0:
            break  # the reporter has started with the first task
        texts[str(section.pk)] = {
            "results": (
                f"Đảng ủy phường quán triệt nhiệm vụ {section.task.code} tới các chi bộ trực "
                "thuộc; lồng ghép vào chương trình công tác của phường sau sắp xếp."
            ),
            "status": TaskStatus.IN_PROGRESS,
            "progress": 40 if complete else 55,
        }
    return report_actions.save_report(
        actor,
        report,
        expected_version=report.version,
        summary=(
            f"{report.unit.name} triển khai các nhiệm vụ được giao trong kỳ "
            f"{report.round.label.lower()}."
        ),
        sections=texts,
    )


@transaction.atomic
def load_current(today: datetime.date) -> dict[str, Any]:
    """Hand over the dissolved units' tasks, open the rounds up to ``today`` and give the
    current personas a report in progress and one waiting for the leader."""
    users = {u.username: u for u in User.objects.filter(username__in=["theodoi", "phuong"])}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[WARD, WARD_GOVERNMENT])}
    handed = hand_over_tasks(users["theodoi"], today)
    # The new ward's leader signs its reports off before they go to the monitoring office.
    UnitReportingPolicy.objects.get_or_create(
        unit=units[WARD], defaults={"requires_leader_approval": True, "escalation_days": 5}
    )
    opened = report_actions.open_current_rounds(today)["opened"]
    started = waiting = 0
    # This year's rounds of the new ward, the earliest due first.
    ward_reports = list(
        UnitReport.objects.filter(
            unit=units[WARD],
            status__in=EDITABLE_STATUSES,
            round__plan__status=PlanStatus.ACTIVE,
            round__period_start__lte=today,
            round__period_end__year=today.year,
        )
        .select_related("round", "unit")
        .order_by("round__due_date", "round__kind")
    )
    reporter = users.get("phuong")
    if reporter is not None and ward_reports:
        # The earliest due (overdue) report is written and sent to the leader; the next one
        # is a draft in progress.
        first = _fill(reporter, ward_reports[0], complete=True)
        report_actions.submit_report(reporter, first, expected_version=first.version)
        waiting += 1
        for report in ward_reports[1:2]:
            _fill(reporter, report, complete=False)
            started += 1
    return {"handed_over": handed, "opened": opened, "started": started, "waiting": waiting}
