"""The brokers' reminder resumes per person (issue 11, class 8): a run that dies after one
broker is finished by the next run, every broker told once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.models import Membership, User
from core.permissions import BROKER_CONNECTIONS
from market import actions, reminders
from market.models import Connection, Offer
from market.tests.test_market import post_need
from notifications.tests.test_dispatch import Killed, assert_everyone_once, crash_after


@pytest.mark.django_db
def test_a_killed_broker_reminder_run_resumes_per_person(demo, monkeypatch):
    office = Membership.objects.filter(role__in=BROKER_CONNECTIONS.everywhere).first()
    assert office is not None
    for number in range(2):  # a few brokers, so a crash leaves some waiting
        user = User.objects.create_user(f"moigioi{number}", email=f"mg{number}@khcn.example.vn")
        Membership.objects.create(user=user, unit=office.unit, role=office.role)
    need = post_need(demo)
    c = actions.request_connection(
        demo.user("reporter"), need, Offer.objects.get(external_id="off-064")
    )
    Connection.objects.filter(pk=c.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=5)
    )
    people = actions.brokers()
    assert len(people) >= 3
    since = timezone.now()
    crash_after(monkeypatch, 1)
    with pytest.raises(Killed):
        reminders.remind_brokers()
    monkeypatch.undo()
    assert reminders.remind_brokers()["waiting"] == 0  # claimed by the killed run
    assert assert_everyone_once(reminders.KEY, since) == len(people)
    assert reminders.remind_brokers() == {"waiting": 0, "sent": 0}
    assert assert_everyone_once(reminders.KEY, since) == len(people)
