"""A reminder run killed half-way resumes per recipient (issue 11, class 8): the next run
delivers to those not reached yet and never to one who already got it. Reminders deliver
through notifications.dispatch, like every scheduled notice."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.models import Delivery, Notification
from reminders import actions
from reminders.models import ReminderLog


def reminder_deliveries(logs: Any) -> list[tuple[str, Any]]:
    """(dispatch key, recipient) of every copy given of these reminders."""
    keys = [actions.reminder_key(log) for log in logs]
    return sorted(
        Delivery.objects.filter(dispatch__key__in=keys).values_list("dispatch__key", "recipient_id")
    )


@pytest.mark.django_db
def test_a_killed_run_resumes_with_the_remaining_recipients(
    timeline: Any, monkeypatch: Any
) -> None:
    day = timeline.day(-1)  # the day before: every open report gets a reminder
    given_now = {"n": 0}

    def killed_after_two() -> None:
        # The worker dies after two people of the run got their copy.
        given_now["n"] += 1
        if given_now["n"] >= 2:
            raise SystemExit("SIGKILL")

    monkeypatch.setattr(actions, "_pause_for_crash_test", killed_after_two)
    with pytest.raises(SystemExit):
        actions.send_reminders(day)
    assert len(reminder_deliveries(ReminderLog.objects.filter(day=day))) == 2
    monkeypatch.undo()

    counts = actions.send_reminders(day)  # the next worker runs the job again
    wanted = sorted(
        (actions.reminder_key(log), user.pk)
        for log in ReminderLog.objects.filter(day=day)
        for user in log.recipients.all()
    )
    assert len(wanted) > 2
    logs = ReminderLog.objects.filter(day=day)
    assert reminder_deliveries(logs) == wanted  # everyone once
    assert counts["notifications"] == len(wanted) - 2
    # One notification per delivery: nobody reminded twice about one report.
    reminders = Notification.objects.filter(kind__in=["reminder", "overdue", "escalation"])
    assert reminders.count() == len(wanted)
    # A third run finds everything done.
    assert actions.send_reminders(day)["notifications"] == 0
    assert reminder_deliveries(logs) == wanted


@pytest.mark.django_db
def test_a_manual_reminder_reaches_each_person_once(timeline: Any) -> None:
    from accounts.models import User

    officer = User.objects.get(username="theodoi")
    log = actions.remind_manually(officer, timeline.ward, "Đề nghị nộp sớm")
    people = sorted(log.recipients.values_list("pk", flat=True))
    assert people
    assert reminder_deliveries([log]) == sorted((actions.reminder_key(log), pk) for pk in people)
    copies = Notification.objects.filter(topic=f"reporting.unitreport:{timeline.ward.pk}")
    assert sorted(copies.values_list("recipient_id", flat=True)) == people
    assert all("Đề nghị nộp sớm" in body for body in copies.values_list("body", flat=True))
