"""A small reporting history with known statuses and dates, independent of the demo.

Units: R (root) → A → A1, and R → B. Plan P (published, owned by R) has sections II.1 and
II.2 with tasks T1 and T2, and three quarterly rounds of 2024 (due 15/04, 15/07, 15/10).

    unit  Q1                     Q2                      Q3
    A     accepted, on time      accepted, late          submitted, on time
    A1    returned               draft (→ missing)       —  (no report expected)
    B     accepted, on time      pending approval (→ missing)  accepted, on time
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from accounts.models import Membership, Role, User
from orgunits.models import OrgUnit
from plans.models import Plan, PlanStatus, Section, Task
from reporting.models import (
    Issue,
    IssueSeverity,
    IssueStatus,
    PeriodKind,
    ReportingRound,
    ReportStatus,
    TaskReport,
    UnitReport,
)
from reporting.progress import rebuild_plan

TODAY = datetime.date(2024, 12, 1)
UTC = datetime.UTC


def at(y: int, m: int, d: int) -> datetime.datetime:
    return datetime.datetime(y, m, d, 3, 0, tzinfo=UTC)  # 10:00 in Việt Nam


@dataclass
class World:
    units: dict[str, OrgUnit] = field(default_factory=dict)
    plan: Any = None
    tasks: dict[str, Task] = field(default_factory=dict)
    rounds: list[ReportingRound] = field(default_factory=list)
    reports: dict[tuple[str, int], UnitReport] = field(default_factory=dict)
    unit_user: Any = None


def unit(code: str, parent: OrgUnit | None = None) -> OrgUnit:
    return OrgUnit.objects.create(
        name=f"Đơn vị {code}", code=f"MON-{code}", kind="other", parent=parent
    )


def build() -> World:
    w = World()
    w.units["R"] = unit("R")
    w.units["A"] = unit("A", w.units["R"])
    w.units["A1"] = unit("A1", w.units["A"])
    w.units["B"] = unit("B", w.units["R"])
    w.plan = Plan.objects.create(
        title="Kế hoạch theo dõi thử nghiệm",
        owner=w.units["R"],
        status=PlanStatus.ACTIVE,
        is_published=True,
    )
    top = Section.objects.create(plan=w.plan, label="II", heading="Nhiệm vụ", order=1)
    s1 = Section.objects.create(plan=w.plan, parent=top, label="1", heading="Tuyên truyền", order=2)
    s2 = Section.objects.create(plan=w.plan, parent=top, label="2", heading="Cơ chế", order=3)
    w.tasks["T1"] = Task.objects.create(plan=w.plan, section=s1, code="II.1", title="Nhiệm vụ 1")
    w.tasks["T2"] = Task.objects.create(plan=w.plan, section=s2, code="II.2", title="Nhiệm vụ 2")
    for q, (start, end, due) in enumerate(
        [
            ((2024, 1, 1), (2024, 3, 31), (2024, 4, 15)),
            ((2024, 4, 1), (2024, 6, 30), (2024, 7, 15)),
            ((2024, 7, 1), (2024, 9, 30), (2024, 10, 15)),
        ],
        start=1,
    ):
        w.rounds.append(
            ReportingRound.objects.create(
                plan=w.plan,
                kind=PeriodKind.QUARTER,
                label=f"Quý {q}/2024",
                period_start=datetime.date(*start),
                period_end=datetime.date(*end),
                due_date=datetime.date(*due),
            )
        )
    plan_reports = [
        ("A", 1, ReportStatus.ACCEPTED, at(2024, 4, 10)),
        ("A", 2, ReportStatus.ACCEPTED, at(2024, 7, 20)),
        ("A", 3, ReportStatus.SUBMITTED, at(2024, 10, 14)),
        ("A1", 1, ReportStatus.RETURNED, at(2024, 4, 12)),
        ("A1", 2, ReportStatus.DRAFT, None),
        ("B", 1, ReportStatus.ACCEPTED, at(2024, 4, 15)),
        ("B", 2, ReportStatus.PENDING_APPROVAL, None),
        ("B", 3, ReportStatus.ACCEPTED, at(2024, 10, 1)),
    ]
    for code, q, status, submitted_at in plan_reports:
        w.reports[(code, q)] = UnitReport.objects.create(
            round=w.rounds[q - 1], unit=w.units[code], status=status, submitted_at=submitted_at
        )
    sections = [
        ("A", 2, "T1", 40, "Thiếu kinh phí thực hiện."),
        ("A", 3, "T1", 40, "thieu kinh phi  thuc hien"),
        ("A", 2, "T2", 20, ""),
        ("A", 3, "T2", 50, "Chưa có hướng dẫn"),
        ("B", 2, "T1", 60, ""),
        ("B", 3, "T1", 70, "THIẾU KINH PHÍ THỰC HIỆN!"),
    ]
    for code, q, task, progress, difficulties in sections:
        TaskReport.objects.create(
            unit_report=w.reports[(code, q)],
            task=w.tasks[task],
            role="lead",
            progress=progress,
            difficulties=difficulties,
        )
    Issue.objects.create(
        plan=w.plan,
        raised_by_unit=w.units["A"],
        owner=w.units["A"],
        title="Vướng mắc của A",
        severity=IssueSeverity.HIGH,
        due_date=datetime.date(2024, 11, 1),
    )
    Issue.objects.create(
        plan=w.plan,
        raised_by_unit=w.units["B"],
        owner=w.units["B"],
        title="Vướng mắc của B",
        severity=IssueSeverity.LOW,
    )
    Issue.objects.create(
        plan=w.plan,
        raised_by_unit=w.units["B"],
        owner=w.units["B"],
        title="Vướng mắc đã xong",
        status=IssueStatus.CLOSED,
    )
    w.unit_user = User.objects.create_user(username="mon-a", password="x-Monitoring-2024")
    Membership.objects.create(user=w.unit_user, unit=w.units["A"], role=Role.REPORTER)
    rebuild_plan(w.plan.pk)  # sections were written directly, not through the actions
    return w


def add_units(w: World, n: int, prefix: str = "X") -> None:
    """More reporting units under B, each with a report and a section in every round."""
    for i in range(n):
        extra = unit(f"{prefix}{i}", w.units["B"])
        for q, round_ in enumerate(w.rounds, start=1):
            report = UnitReport.objects.create(
                round=round_,
                unit=extra,
                status=ReportStatus.ACCEPTED,
                submitted_at=at(2024, 3 * q + 1, 1),
            )
            TaskReport.objects.create(
                unit_report=report,
                task=w.tasks["T1"],
                role="lead",
                progress=10,
                difficulties=f"Khó khăn riêng {prefix}{i} kỳ {q}",
            )
    rebuild_plan(w.plan.pk)
