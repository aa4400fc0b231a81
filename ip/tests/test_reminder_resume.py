"""IP title expiry notices resume per person (issue 11, class 8): a run that dies after one
of several people is finished by the next run, everyone told once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from ip import reminders
from ip.tests.test_ip import new_title
from notifications.tests.test_dispatch import Killed, assert_everyone_once, crash_after

D = datetime.date


@pytest.mark.django_db
def test_a_killed_expiry_run_resumes_per_person(demo, monkeypatch):
    title = new_title(demo, valid_until=D(2026, 3, 1), number="4-0999077-000")
    people = reminders._recipients(title)
    assert len(people) >= 2
    since = timezone.now()
    crash_after(monkeypatch, 1)
    with pytest.raises(Killed):
        reminders.remind_expiring_titles(D(2025, 12, 1))
    monkeypatch.undo()
    title.refresh_from_db()
    assert title.reminded_for == title.valid_until  # claimed, with one person told
    reminders.remind_expiring_titles(D(2025, 12, 1))
    told = assert_everyone_once(f"{reminders.KEY}{title.pk}:", since)
    assert told == len(people)
    assert_everyone_once(reminders.KEY, since)
    reminders.remind_expiring_titles(D(2025, 12, 2))  # the next day: nothing more
    assert assert_everyone_once(f"{reminders.KEY}{title.pk}:", since) == len(people)
