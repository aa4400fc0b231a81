"""Escalation of recommendations left unanswered past their deadline, on a frozen clock: the
worker's morning job tells the unit's leaders and the Front, later the unit above, each level
once per missed deadline, with an audit row and a line on the recommendation's page."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, User
from audit.models import AuditEntry
from core.permissions import Role
from notifications import scheduler
from notifications.models import Notification, NotificationKind
from supervision import actions
from supervision.escalation import escalate, escalate_overdue
from supervision.models import EscalationLevel, RecommendationEscalation
from supervision.tests.test_supervision import END, START, front, frozen, plan_supervision

pytestmark = pytest.mark.django_db
__all__ = ["front"]  # the fixture, shared with the supervision tests


def _morning(day: datetime.date) -> Any:
    """The worker's tick at 07:30 in Hà Nội (UTC+7) of ``day``: the clock stands there."""
    moment = datetime.datetime.combine(day, datetime.time(0, 30), tzinfo=datetime.UTC)
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def setup(demo: Any, front: Any, settings: Any) -> dict[str, Any]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SUPERVISION_ESCALATION_DAYS = (1, 15)
    ward = demo.unit("DB-phuong-1")
    superior = User.objects.create_user("captren_lanhdao", password="x", first_name="Cấp trên")
    Membership.objects.create(user=superior, unit=ward.parent, role=Role.LEADER)
    supervision = plan_supervision(demo, front, ["DB-phuong-1"])
    with frozen(START):
        rec = actions.issue_recommendation(
            front, supervision, unit=ward, finding="Chậm giải ngân", text="Đẩy nhanh", due_date=END
        )
    return {"rec": rec, "superior": superior, "leader": demo.user("donvi_lanhdao")}


def _escalations(rec: Any) -> list[tuple[int, datetime.date]]:
    return list(rec.escalations.order_by("level").values_list("level", "day"))


def _told(user: User, rec: Any) -> int:
    return (
        Notification.objects.about(rec)
        .filter(recipient=user, kind=NotificationKind.ESCALATION)
        .count()
    )


def test_the_worker_escalates_each_level_once_per_missed_deadline(
    setup: dict[str, Any], demo: Any, front: Any
) -> None:
    rec, leader, superior = setup["rec"], setup["leader"], setup["superior"]
    reporter = demo.user("reporter")
    for day in (END, END):  # on the deadline day: not yet overdue
        with _morning(day):
            scheduler.run_due_jobs(force=True)
    assert _escalations(rec) == []
    late = END + datetime.timedelta(days=1)
    with _morning(late):
        assert "escalate_recommendations" in scheduler.run_due_jobs()
        assert scheduler.run_due_jobs() == []  # the same morning again: nothing more
    assert _escalations(rec) == [(EscalationLevel.UNIT_LEADER, late)]
    assert _told(leader, rec) == 1 and _told(front, rec) == 1
    assert _told(reporter, rec) == 0 and _told(superior, rec) == 0  # leaders only, not staff
    # Running the job again (a second worker, a retry) sends nothing twice.
    assert escalate_overdue(late + datetime.timedelta(days=3)) == {"escalated": 0, "skipped": 0}
    with pytest.raises(IntegrityError):
        escalate(rec, EscalationLevel.UNIT_LEADER, late)
    assert _told(leader, rec) == 1
    # Two weeks on, the unit above is told (and the Front again), once.
    second = END + datetime.timedelta(days=15)
    with _morning(second):
        scheduler.run_due_jobs()
    with _morning(second + datetime.timedelta(days=1)):
        scheduler.run_due_jobs()
    assert _escalations(rec) == [
        (EscalationLevel.UNIT_LEADER, late),
        (EscalationLevel.SUPERIOR, second),
    ]
    assert _told(superior, rec) == 1 and _told(front, rec) == 2 and _told(leader, rec) == 1
    entries = AuditEntry.objects.filter(
        action="supervision.recommendation.escalate", target_id=str(rec.pk)
    )
    assert sorted(e.changes["escalation_level"][1] for e in entries) == [1, 2]
    # The Front's page of the recommendation lists both.
    client = Client()
    client.force_login(front)
    page = client.get(reverse("supervision:recommendation", args=[rec.pk])).content.decode()
    assert 'data-testid="escalations"' in page and "Cấp trên" in page


def test_an_answer_stops_escalation_and_a_new_deadline_escalates_afresh(
    setup: dict[str, Any], front: Any
) -> None:
    rec, leader = setup["rec"], setup["leader"]
    late = END + datetime.timedelta(days=2)  # a missed morning is caught up the next day
    assert escalate_overdue(late)["escalated"] == 1
    with frozen(late):
        rec = actions.answer_recommendation(
            leader, rec, expected_version=rec.version, kind="accepted", response="Sẽ làm"
        )
    assert escalate_overdue(END + datetime.timedelta(days=20))["escalated"] == 0
    new_due = END + datetime.timedelta(days=30)
    with frozen(END + datetime.timedelta(days=21)):
        rec = actions.reopen_recommendation(
            front, rec, expected_version=rec.version, note="Chưa rõ lộ trình", due_date=new_due
        )
    assert escalate_overdue(new_due)["escalated"] == 0
    assert escalate_overdue(new_due + datetime.timedelta(days=1))["escalated"] == 1
    rows = RecommendationEscalation.objects.filter(recommendation=rec)
    assert sorted((r.level, r.due_date) for r in rows) == [(1, END), (1, new_due)]


def test_a_unit_without_leaders_is_logged_as_undelivered(setup: dict[str, Any], front: Any) -> None:
    rec = setup["rec"]
    Membership.objects.filter(unit=rec.unit, role=Role.LEADER).update(is_active=False)
    escalate_overdue(END + datetime.timedelta(days=1))
    row = rec.escalations.get()
    assert not row.delivered
    assert list(row.recipients.all()) == [front]  # the Front still hears of it
