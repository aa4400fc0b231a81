"""The yearly application reminders resume per person (issue 11, class 8): a run that dies
after one of several people is finished by the next run, everyone told once."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Membership, Role, User
from notifications.tests.test_dispatch import Killed, assert_everyone_once, crash_after
from projects import reminders
from projects.models import ApplicationReminder
from projects.tests.helpers import proposal, walk_to


@pytest.mark.django_db
def test_a_killed_application_reminder_run_resumes_per_person(demo: Any, monkeypatch: Any) -> None:
    project = walk_to(demo, proposal(demo), "accepted")
    assert project.accepted_on is not None
    unit = project.host.unit if project.host_id and project.host and project.host.unit else None
    for number in range(3):  # enough people that a crash leaves some waiting
        user = User.objects.create_user(f"ungdung{number}", email=f"ud{number}@khcn.example.vn")
        Membership.objects.create(user=user, unit=unit or project.unit, role=Role.REPORTER)
    people = reminders.recipients(project)
    assert len(people) >= 3
    since = timezone.now()
    day = reminders.anniversary(project.accepted_on, 1)
    crash_after(monkeypatch, 1)
    with pytest.raises(Killed):
        reminders.remind_applications(day)
    monkeypatch.undo()
    # The round is claimed (with its audit row) though only one person was told.
    assert ApplicationReminder.objects.filter(project=project, round=1).exists()
    reminders.remind_applications(day)  # the job runs again (the lease expired)
    told = assert_everyone_once(f"{reminders.KEY}{project.pk}:", since)
    assert told == len(people)
    assert_everyone_once(reminders.KEY, since)  # other projects due that day too
    reminders.remind_applications(day)  # a third run: nothing more
    assert assert_everyone_once(f"{reminders.KEY}{project.pk}:", since) == len(people)
