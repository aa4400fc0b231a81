"""A reminder run killed half-way resumes per recipient (issue 11, class 8): the next run
delivers to those not reached yet and never to one who already got it."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.models import Notification
from reminders import actions
from reminders.models import ReminderDelivery, ReminderLog


@pytest.mark.django_db
def test_a_killed_run_resumes_with_the_remaining_recipients(
    timeline: Any, monkeypatch: Any
) -> None:
    day = timeline.day(-1)  # the day before: every open report gets a reminder
    real = actions.deliver
    calls = {"n": 0}

    def killed_after_two(log: Any, recipients: Any, **kwargs: Any) -> int:
        # The worker dies after two people of the run got their copy.
        room = 2 - calls["n"]
        if room <= 0:
            raise SystemExit("SIGKILL")
        done = real(log, list(recipients)[:room], **kwargs)
        calls["n"] += done
        if len(recipients) > room:
            raise SystemExit("SIGKILL")
        return done

    monkeypatch.setattr(actions, "deliver", killed_after_two)
    with pytest.raises(SystemExit):
        actions.send_reminders(day)
    assert ReminderDelivery.objects.count() == 2
    monkeypatch.setattr(actions, "deliver", real)

    actions.send_reminders(day)  # the next worker runs the job again
    wanted = {
        (log.pk, user.pk)
        for log in ReminderLog.objects.filter(day=day)
        for user in log.recipients.all()
    }
    given = list(ReminderDelivery.objects.values_list("log_id", "recipient_id"))
    assert len(wanted) > 2
    assert sorted(given) == sorted(wanted)  # everyone once
    # One notification per delivery: nobody reminded twice about one report.
    reminders = Notification.objects.filter(kind__in=["reminder", "overdue", "escalation"])
    assert reminders.count() == len(wanted)
    # A third run finds everything done.
    assert actions.send_reminders(day)["notifications"] == 0
    assert ReminderDelivery.objects.count() == len(wanted)


@pytest.mark.django_db
def test_reminders_logged_before_the_upgrade_count_as_delivered(timeline: Any) -> None:
    import importlib

    from django.apps import apps

    day = timeline.day(-1)
    actions.send_reminders(day)
    pairs = ReminderLog.recipients.through.objects.count()
    assert pairs > 0
    ReminderDelivery.objects.all().delete()  # as the table was before the upgrade
    migration = importlib.import_module("reminders.migrations.0004_backfill_deliveries")
    migration.backfill(apps, None)
    assert ReminderDelivery.objects.count() == pairs
    before = Notification.objects.count()
    assert actions.send_reminders(day)["notifications"] == 0  # nothing taken as unfinished
    assert Notification.objects.count() == before
