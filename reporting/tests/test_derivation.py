from __future__ import annotations

import datetime
from typing import Any

import pytest

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from reporting import actions
from reporting.models import PeriodKind, ReportingRound, TaskReport, UnitReport
from reporting.periods import periods

pytestmark = pytest.mark.django_db


def test_a_round_gets_one_report_per_responsible_unit_with_a_section_per_task(
    demo: Any, fresh_round: ReportingRound
) -> None:
    reports = {r.unit.code: r for r in fresh_round.reports.select_related("unit")}
    # Lead and cooperating units of the seed plan's tasks, before the reorganisation.
    assert {"DB-phuong-1", "PKT-DL", "UBND-DL", "DHDL", "PN-DL"} <= set(reports)
    ward = reports["DB-phuong-1"].task_reports.select_related("task")
    assert [(s.task.code, s.role) for s in ward] == [("III.2", "lead")]
    pkt_codes = set(reports["PKT-DL"].task_reports.values_list("task__code", flat=True))
    assert {"II.2.c", "II.3.a", "II.2.a"} <= pkt_codes  # lead and cooperating tasks
    roles = dict(reports["PKT-DL"].task_reports.values_list("task__code", "role"))
    assert roles["II.2.c"] == "lead" and roles["II.2.a"] == "cooperating"
    assert AuditEntry.objects.filter(
        action="reporting.round.derive", target_id=str(fresh_round.pk)
    ).exists()


def test_derivation_is_idempotent(demo: Any, fresh_round: ReportingRound) -> None:
    before = (
        fresh_round.reports.count(),
        TaskReport.objects.filter(unit_report__round=fresh_round).count(),
    )
    result = actions.derive_reports(demo.user("monitor"), fresh_round)
    assert result["reports"] == 0 and result["sections"] == 0
    after = (
        fresh_round.reports.count(),
        TaskReport.objects.filter(unit_report__round=fresh_round).count(),
    )
    assert before == after


def test_rounds_ending_after_a_dissolution_go_to_the_successors(demo: Any) -> None:
    round_ = actions.create_round(
        demo.user("monitor"),
        demo.seed_plan,
        kind=PeriodKind.FINAL_REVIEW,
        label="Tổng kết thử",
        period_start=datetime.date(2031, 1, 1),
        period_end=datetime.date(2031, 12, 31),
        due_date=datetime.date(2032, 1, 31),
    )
    codes = set(round_.reports.values_list("unit__code", flat=True))
    assert "DB-phuong-1" not in codes and "UBND-DL" not in codes and "PKT-DL" not in codes
    assert {"DU-xuan-huong", "UBND-xuan-huong", "PKT-lam-vien", "BTG-TU-LD"} <= codes
    assert "DHDL" in codes  # still exists: answers for itself
    # Đảng ủy phường Xuân Hương took over Phường 1, 2 and 10: one section for III.2, as lead.
    merged = UnitReport.objects.get(round=round_, unit__code="DU-xuan-huong")
    assert list(merged.task_reports.values_list("task__code", "role")) == [("III.2", "lead")]
    # Units dissolved without a successor are named, not silently dropped.
    result = actions.derive_reports(demo.user("monitor"), round_)
    assert "Phòng Nội vụ thành phố Đà Lạt" in result["orphans"]


def test_generate_rounds_follows_the_calendar_and_is_idempotent(demo: Any) -> None:
    monitor = demo.user("monitor")
    schedule = actions.create_schedule(
        monitor,
        demo.seed_plan,
        kind=PeriodKind.QUARTER,
        due_days_after_end=10,
        start_date=datetime.date(2034, 2, 10),
    )
    created = actions.generate_rounds(monitor, schedule, datetime.date(2034, 12, 1), derive=False)
    assert [r.label for r in created] == [
        "Quý I/2034",
        "Quý II/2034",
        "Quý III/2034",
        "Quý IV/2034",
    ]
    assert created[0].due_date == datetime.date(2034, 4, 10)
    assert actions.generate_rounds(monitor, schedule, datetime.date(2034, 12, 1)) == []


def test_period_labels() -> None:
    half = list(periods(PeriodKind.HALF_YEAR, datetime.date(2024, 3, 1), datetime.date(2024, 9, 1)))
    assert [(p.label, p.end) for p in half] == [
        ("6 tháng đầu năm 2024", datetime.date(2024, 6, 30)),
        ("6 tháng cuối năm 2024", datetime.date(2024, 12, 31)),
    ]
    months = list(periods(PeriodKind.MONTH, datetime.date(2024, 2, 1), datetime.date(2024, 2, 28)))
    assert months[0].end == datetime.date(2024, 2, 29)


def test_only_the_monitoring_office_or_plan_editors_set_the_calendar(demo: Any) -> None:
    with pytest.raises(NotAllowed):
        actions.create_schedule(
            demo.user("reporter"),
            demo.seed_plan,
            kind=PeriodKind.YEAR,
            due_days_after_end=10,
            start_date=datetime.date(2030, 1, 1),
        )
    with pytest.raises(ActionError):
        actions.create_round(
            demo.user("monitor"),
            demo.seed_plan,
            kind=PeriodKind.INTERIM_REVIEW,
            label="Sai ngày",
            period_start=datetime.date(2030, 6, 1),
            period_end=datetime.date(2030, 1, 1),
            due_date=datetime.date(2030, 7, 1),
        )
    from reporting.tests.conftest import client_for

    client = client_for("reporter")
    response = client.post(f"/reporting/plans/{demo.seed_plan.pk}/rounds/new/", {})
    assert response.status_code == 404


def test_monitor_creates_a_one_off_round_through_the_page(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    page = client.get(f"/reporting/plans/{demo.seed_plan.pk}/")
    assert page.status_code == 200 and "6 tháng đầu năm 2024" in page.content.decode()
    response = client.post(
        f"/reporting/plans/{demo.seed_plan.pk}/rounds/new/",
        {
            "kind": "final",
            "label": "Tổng kết thử nghiệm",
            "period_start": "01/01/2024",
            "period_end": "31/12/2024",
            "due_date": "15/01/2036",
            "template": "Đề cương",
        },
    )
    round_ = ReportingRound.objects.get(label="Tổng kết thử nghiệm")
    assert response.status_code == 302 and round_.reports.count() > 20
    detail = client.get(f"/reporting/rounds/{round_.pk}/").content.decode()
    assert "Đảng bộ Phường 1" in detail
