"""Recommendation reminders and escalations resume per person (issue 11, class 8): a run that
dies after one of several people is finished by the next run, everyone told once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Membership, User
from core.permissions import Role
from notifications.tests.test_dispatch import Killed, assert_everyone_once, crash_after
from supervision import actions, escalation, reminders
from supervision.models import EscalationLevel
from supervision.tests.test_supervision import END, START, front, frozen, plan_supervision

pytestmark = pytest.mark.django_db
__all__ = ["front"]  # the fixture, shared with the supervision tests


def _recommendation(demo: Any, front: Any, code: str) -> Any:
    supervision = plan_supervision(demo, front, [code])
    with frozen(START):
        return actions.issue_recommendation(
            front, supervision, unit=demo.unit(code), finding="a", text="b", due_date=END
        )


def test_a_killed_recommendation_reminder_run_resumes_per_person(
    demo: Any, front: Any, monkeypatch: Any
) -> None:
    rec = _recommendation(demo, front, "UBND-DL")
    for number in range(2):  # enough answerers that a crash leaves some waiting
        user = User.objects.create_user(f"traloi{number}", email=f"tl{number}@khcn.example.vn")
        Membership.objects.create(user=user, unit=rec.unit, role=Role.MANAGER)
    people = actions.answerers(rec.unit)
    assert len(people) >= 3
    since = timezone.now()
    day = END - datetime.timedelta(days=2)
    crash_after(monkeypatch, 1)
    with pytest.raises(Killed):
        reminders.remind_units(day)
    monkeypatch.undo()
    assert reminders.remind_units(day)["reminded"] == 0  # claimed by the killed run
    assert assert_everyone_once(f"{reminders.KEY}{rec.pk}:", since) == len(people)
    assert_everyone_once(reminders.KEY, since)
    assert reminders.remind_units(day)["reminded"] == 0
    assert assert_everyone_once(f"{reminders.KEY}{rec.pk}:", since) == len(people)


def test_a_killed_escalation_run_resumes_per_person(
    demo: Any, front: Any, monkeypatch: Any, settings: Any
) -> None:
    settings.SUPERVISION_ESCALATION_DAYS = (1, 15)
    rec = _recommendation(demo, front, "DB-phuong-1")
    for number in range(2):
        user = User.objects.create_user(f"lanhdao{number}", email=f"ld{number}@khcn.example.vn")
        Membership.objects.create(user=user, unit=rec.unit, role=Role.LEADER)
    people = set(escalation.unit_leaders(rec.unit_id)) | set(escalation.front_people(rec))
    assert len(people) >= 3
    since = timezone.now()
    late = END + datetime.timedelta(days=1)
    crash_after(monkeypatch, 2)
    with pytest.raises(Killed):
        escalation.escalate_overdue(late)
    monkeypatch.undo()
    assert list(rec.escalations.values_list("level", flat=True)) == [EscalationLevel.UNIT_LEADER]
    assert escalation.escalate_overdue(late) == {"escalated": 0, "skipped": 0}
    assert assert_everyone_once(escalation.KEY, since) == len(people)
    escalation.escalate_overdue(late + datetime.timedelta(days=1))
    assert assert_everyone_once(escalation.KEY, since) == len(people)
