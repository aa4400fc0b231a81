"""The figures kept for the dashboard (reporting.progress): previous progress along each
(unit, task) chain, report totals, and the section's copies of round, unit and folded text."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest

from reporting import actions
from reporting.models import (
    RECEIVED_STATUSES,
    PeriodKind,
    ReportingRound,
    TaskReport,
    UnitReport,
)
from reporting.progress import previous_values, rebuild_plan

if TYPE_CHECKING:
    from accounts.models import User

pytestmark = pytest.mark.django_db

D = datetime.date


def test_previous_values_follow_each_chain_and_skip_rounds_ending_the_same_day() -> None:
    rows = [
        # pk, unit, task, period end, progress, stored
        ("a1", "U", "T", D(2024, 6, 30), 20, None),
        ("a2", "U", "T", D(2024, 12, 31), None, None),  # not filled: skipped as a source
        ("a3", "U", "T", D(2024, 12, 31), 35, None),  # same end as a2: neither sees the other
        ("a4", "U", "T", D(2025, 6, 30), 35, None),
        ("b1", "U", "T2", D(2025, 6, 30), 10, None),  # a new chain starts empty
    ]
    assert dict(previous_values(rows)) == {"a1": None, "a2": 20, "a3": 20, "a4": 35, "b1": None}


def _round(demo: Any, label: str, start: datetime.date, end: datetime.date) -> ReportingRound:
    return actions.create_round(
        demo.user("monitor"),
        demo.seed_plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label=label,
        period_start=start,
        period_end=end,
        due_date=end + datetime.timedelta(days=15),
        template="",
    )


UNIT = "UBND-xuan-huong"  # a ward formed on 01/07/2025: its only history is the demo's late 2025


@pytest.fixture
def ward_reporter(demo: Any) -> Any:
    from accounts.models import Membership, Role, User

    user = User.objects.create_user(username="bc-xuan-huong", password="x-Kiem-thu-2030")
    Membership.objects.create(user=user, unit=demo.unit(UNIT), role=Role.REPORTER)
    return user


def _section(demo: Any, round_: ReportingRound) -> TaskReport:
    """The ward's section on its first task (by code) in the round."""
    section = (
        TaskReport.objects.filter(unit_report__round=round_, unit=demo.unit(UNIT))
        .order_by("task__code")
        .first()
    )
    assert section is not None
    return section


def _save_progress(demo: Any, user: User, round_: ReportingRound, progress: int) -> TaskReport:
    section = _section(demo, round_)
    report = section.unit_report
    actions.save_report(
        user,
        report,
        expected_version=report.version,
        sections={str(section.pk): {"results": "Đã triển khai", "progress": progress}},
    )
    section.refresh_from_db()
    return section


def _submit(user: User, round_: ReportingRound, demo: Any) -> None:
    report = UnitReport.objects.get(round=round_, unit=demo.unit(UNIT))
    empty = {
        str(s.pk): {"results": "Đã triển khai"} for s in report.task_reports.filter(results="")
    }
    report = actions.save_report(user, report, expected_version=report.version, sections=empty)
    actions.submit_report(user, report, expected_version=report.version)


def test_the_actions_keep_previous_progress_and_report_totals(
    demo: Any, ward_reporter: Any
) -> None:
    first = _round(demo, "Kỳ thử 1", D(2030, 1, 1), D(2030, 6, 30))
    history = (
        TaskReport.objects.filter(
            unit=demo.unit(UNIT),
            task=_section(demo, first).task,
            progress__isnull=False,
            unit_report__status__in=RECEIVED_STATUSES,
        )
        .exclude(round=first)
        .order_by("-round__period_end")
        .values_list("progress", flat=True)
    )
    before = history[0]  # the last figure the ward reported (sent) in the demo history
    assert _section(demo, first).previous_progress == before
    _save_progress(demo, ward_reporter, first, 40)
    report = UnitReport.objects.get(round=first, unit=demo.unit(UNIT))
    assert (report.progress_total, report.progress_count) == (40, 1)

    # Derived after the first was filled as a draft: a draft's figure was never reported.
    last = _round(demo, "Kỳ thử 3", D(2030, 10, 1), D(2030, 12, 31))
    assert _section(demo, last).previous_progress == before
    # Changed, then sent: the later section's previous figure follows.
    _save_progress(demo, ward_reporter, first, 55)
    assert _section(demo, last).previous_progress == before
    _submit(ward_reporter, first, demo)
    assert _section(demo, last).previous_progress == 55
    report.refresh_from_db()
    assert report.progress_total == 55

    # A round inserted in between changes nothing until it has a sent figure, then takes over.
    middle = _round(demo, "Kỳ thử 2", D(2030, 7, 1), D(2030, 9, 30))
    assert _section(demo, middle).previous_progress == 55
    assert _section(demo, last).previous_progress == 55
    _save_progress(demo, ward_reporter, middle, 60)
    assert _section(demo, last).previous_progress == 55
    _submit(ward_reporter, middle, demo)
    assert _section(demo, last).previous_progress == 60

    # Rebuilding the plan from scratch gives the same values.
    TaskReport.objects.filter(unit_report__round__in=[first, middle, last]).update(
        previous_progress=None
    )
    rebuild_plan(demo.seed_plan.pk)
    assert [_section(demo, r).previous_progress for r in (first, middle, last)] == [before, 55, 60]


def test_sections_carry_their_reports_round_unit_and_folded_difficulties(demo: Any) -> None:
    section = TaskReport.objects.filter(difficulty_key__gt="").select_related("unit_report")[0]
    assert section.round_id == section.unit_report.round_id
    assert section.unit_id == section.unit_report.unit_id
    assert not TaskReport.objects.filter(round__isnull=True).exists()
    section.difficulties = "THIẾU KINH PHÍ, Đất đai!"
    section.save(update_fields=["difficulties"])
    section.refresh_from_db()
    assert section.difficulty_key == "thieu kinh phi dat dai"


def test_rebuild_progress_command_repairs_the_kept_figures(demo: Any) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    sections = TaskReport.objects.filter(round__plan=demo.seed_plan)
    kept = sorted(sections.values_list("pk", "previous_progress"))
    assert any(value is not None for _pk, value in kept)
    sections.update(previous_progress=None)
    UnitReport.objects.filter(round__plan=demo.seed_plan).update(progress_total=0)
    out = StringIO()
    call_command("rebuild_progress", str(demo.seed_plan.pk), stdout=out)
    assert sorted(sections.values_list("pk", "previous_progress")) == kept
    assert UnitReport.objects.filter(round__plan=demo.seed_plan, progress_total__gt=0).exists()
    assert "phần báo cáo được cập nhật" in out.getvalue()
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("rebuild_progress", "00000000-0000-0000-0000-000000000000")
