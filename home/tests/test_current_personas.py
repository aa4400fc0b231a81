"""Personas of today's units: on 30/11/2026 the ward formed on 01/07/2025 (its reporter and
its leader) and the ward's people's committee (its manager) see work due this year on their
home page, and the manager adds people to their current unit. The first demo personas stay in
the bodies dissolved on 30/06/2025 (they show the history)."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest

from accounts.models import Membership, Role
from audit.models import AuditEntry
from home.demo_current import WARD, WARD_GOVERNMENT, load_current
from reporting.models import ReportStatus

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
# 09:00 in Hà Nội (UTC+7), the project's zone.
NOW = datetime.datetime(2026, 11, 30, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def current(demo: Any) -> Any:
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        result = load_current(TODAY)
        yield result


@pytest.mark.parametrize(
    ("persona", "unit"),
    [("ward_reporter", WARD), ("ward_leader", WARD), ("ward_manager", WARD_GOVERNMENT)],
)
def test_each_current_persona_sees_a_report_due_this_year(
    current: Any, as_persona: Any, persona: str, unit: str
) -> None:
    page = as_persona(persona).get("/")
    due = list(page.context["due_reports"])
    this_year = [r for r in due if r.round.period_end.year == TODAY.year and r.unit.code == unit]
    assert this_year, [(r.round.label, r.unit.code) for r in due]
    assert this_year[0].round.label in page.content.decode()
    # …and tasks of their unit, handed over from the dissolved bodies.
    assert page.context["my_tasks"]


def test_the_demo_story_of_today(current: Any, demo: Any) -> None:
    ward = demo.unit(WARD)
    assert current["handed_over"] > 0 and len(current["opened"]) == 3
    assert demo.task("III.2").assignments.filter(unit=ward, is_active=True).exists()
    # Last half-year's report waits for the ward's leader, this one is a draft in progress.
    waiting = ward.unit_reports.get(round__label="6 tháng đầu năm 2026", round__plan__parent=None)
    assert waiting.status == ReportStatus.PENDING_APPROVAL
    assert waiting.can_approve(demo.user("ward_leader"))
    draft = ward.unit_reports.get(round__label="6 tháng cuối năm 2026", round__plan__parent=None)
    assert draft.status == ReportStatus.DRAFT and draft.task_reports.exclude(results="").exists()
    # The history personas stay where they were.
    assert Membership.objects.filter(user__username="donvi", unit__code="DB-phuong-1").exists()
    assert Membership.objects.filter(user__username="ubnd", unit__code="UBND-DL").exists()


def test_the_current_manager_adds_a_member_to_their_unit(as_persona: Any, demo: Any) -> None:
    unit = demo.unit(WARD_GOVERNMENT)
    client = as_persona("ward_manager")
    form = client.get(f"/accounts/members/new/?unit={unit.pk}")
    assert form.status_code == 200
    response = client.post(
        "/accounts/members/new/",
        {"unit": unit.pk, "role": Role.REPORTER, "username": "ngoai"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="ngoai", unit=unit, is_active=True)
    assert AuditEntry.objects.filter(action="membership.grant", target_id=str(membership.pk))
    # Not in a unit outside their own (the dissolved city government).
    refused = client.post(
        "/accounts/members/new/",
        {"unit": demo.unit("UBND-DL").pk, "role": Role.REPORTER, "username": "mttq"},
    )
    assert refused.status_code == 400
    assert not Membership.objects.filter(user__username="mttq", unit__code="UBND-DL").exists()


def test_the_old_manager_cannot_add_to_a_current_unit(as_persona: Any, demo: Any) -> None:
    """Why the current manager persona exists: ``ubnd`` manages a dissolved body."""
    response = as_persona("manager").post(
        "/accounts/members/new/",
        {"unit": demo.unit(WARD_GOVERNMENT).pk, "role": Role.REPORTER, "username": "ngoai"},
    )
    assert response.status_code in (400, 404)
    assert not Membership.objects.filter(user__username="ngoai", unit__code=WARD_GOVERNMENT)
