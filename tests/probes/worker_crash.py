"""The two halves of the worker crash test (tests/test_worker_crash.py), run as separate
processes against a copy of the test database named by ``DATABASE_URL``.

``setup``: a round due in a week on an open plan with a report for every unit that has someone
to remind, today's daily jobs marked as already queued (so ``khcn_worker --once`` runs only
what we queue), the reminder job queued. Prints the task id.
``setup_pair`` (two workers at once): the same, the reminder job queued three times, an IP
title about to expire (a ``notifications.dispatch`` to several people, its job queued twice)
and three invitations in the outbox.
``check``: one JSON line describing what the run left: deliveries, notifications, outbox,
dispatches."""

from __future__ import annotations

import datetime
import json
import os
import sys
import uuid

import django


def setup() -> dict[str, object]:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from accounts.models import Membership, Role, User
    from notifications.models import JobRun
    from notifications.scheduler import daily_jobs
    from orgunits.models import OrgUnit
    from plans.models import Plan, PlanStatus
    from reminders.tasks import send_reminders_task
    from reporting.models import PeriodKind, ReportingRound, UnitReport
    from reporting.notices import REMINDER_ROLES

    today = timezone.localdate()
    DBTaskResult.objects.all().delete()  # whatever the demo queued: only our job runs
    for job in daily_jobs():
        JobRun.objects.get_or_create(job=job.name, day=today)
    plan = Plan.objects.filter(status=PlanStatus.ACTIVE).order_by("created_at").first()
    assert plan is not None
    round_ = ReportingRound.objects.create(
        plan=plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label="Kỳ thử sự cố tiến trình nền",
        period_start=today - datetime.timedelta(days=401),
        period_end=today - datetime.timedelta(days=37),
        due_date=today + datetime.timedelta(days=7),
    )
    # A province-like run: twenty more units with a reporter each (the probe killed
    # the worker after 7 of 26 reports).
    for number, unit in enumerate(
        OrgUnit.objects.filter(valid_to__isnull=True).exclude(memberships__isnull=False)[:20]
    ):
        user = User.objects.create_user(
            f"crash{number}", email=f"crash{number}@khcn.example.vn", full_name=f"Cán bộ {number}"
        )
        Membership.objects.create(user=user, unit=unit, role=Role.REPORTER)
    units = (
        Membership.objects.filter(is_active=True, role__in=REMINDER_ROLES, user__is_active=True)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    for unit_id in units:
        UnitReport.objects.create(round=round_, unit_id=unit_id)
    result = send_reminders_task.enqueue(today.isoformat())
    return {"task": str(result.id), "round": str(round_.pk), "since": timezone.now().isoformat()}


def setup_pair() -> dict[str, object]:
    from django.utils import timezone

    from accounts.actions import invite_person
    from accounts.models import Role, User
    from ip.models import IpTitle
    from ip.tasks import remind_expiring_titles_task
    from orgunits.models import OrgUnit
    from reminders.tasks import send_reminders_task

    outcome = setup()
    today = timezone.localdate()
    for _ in range(2):  # the same job queued again: two workers may run it at once
        send_reminders_task.enqueue(today.isoformat())
    # A granted title, chosen by number: keys are random UUIDs, and a title without a grant
    # date may not carry a validity date (ip_title_valid_after_grant).
    title = IpTitle.objects.filter(grant_date__isnull=False).order_by("number", "pk").first()
    assert title is not None
    IpTitle.objects.filter(pk=title.pk).update(
        valid_until=today + datetime.timedelta(days=30), reminded_for=None
    )
    for _ in range(2):
        remind_expiring_titles_task.enqueue(today.isoformat())
    monitor = User.objects.get(username="theodoi")
    unit = OrgUnit.objects.filter(valid_to__isnull=True).order_by("path").first()
    assert unit is not None
    for number in range(3):
        invite_person(
            monitor,
            username=f"moi_song_song{number}",
            full_name=f"Người mời {number}",
            email=f"moi{number}@khcn.example.vn",
            unit=unit,
            role=Role.REPORTER,
        )
    return outcome


def check(task_id: str, since: str, round_id: str) -> dict[str, object]:
    from django.db.models import Count
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from notifications.models import Delivery, Dispatch, Notification, OutboxEmail
    from reminders.actions import reminder_key
    from reminders.models import AUTOMATIC_KINDS, ReminderLog

    today = timezone.localdate()
    start = datetime.datetime.fromisoformat(since)
    task = DBTaskResult.objects.get(pk=task_id)
    logs = ReminderLog.objects.filter(
        day=today, kind__in=AUTOMATIC_KINDS, unit_report__round_id=uuid.UUID(round_id)
    )
    wanted = sorted(
        [reminder_key(log), str(user.pk)] for log in logs for user in log.recipients.all()
    )
    given = sorted(
        [key, str(user)]
        for key, user in Delivery.objects.filter(
            dispatch__key__in=[reminder_key(log) for log in logs]
        ).values_list("dispatch__key", "recipient_id")
    )
    topics = [f"reporting.unitreport:{log.unit_report_id}" for log in logs]
    notes = Notification.objects.filter(
        created_at__gte=start,
        kind__in=["reminder", "overdue", "escalation"],
        topic__in=topics,
    )
    doubled = (
        notes.values("recipient", "topic", "kind").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    mails = OutboxEmail.objects.filter(created_at__gte=start, topic__in=topics)
    dispatches = Dispatch.objects.filter(created_at__gte=start)
    dispatch_wanted = dispatch_given = dispatch_told = 0
    for row in dispatches:
        wanted_ids = sorted(row.recipients.values_list("pk", flat=True))
        dispatch_wanted += len(wanted_ids)
        dispatch_given += int(
            sorted(row.deliveries.values_list("recipient_id", flat=True)) == wanted_ids
        ) * len(wanted_ids)
        told = Notification.objects.filter(
            created_at__gte=start, topic=row.topic, title=row.title, link=row.link
        ).values_list("recipient_id", flat=True)
        dispatch_told += int(sorted(told) == wanted_ids) * len(wanted_ids)
    every_mail = OutboxEmail.objects.filter(created_at__gte=start)
    return {
        "status": task.status,
        "workers": len(task.worker_ids),
        "wanted": len(wanted),
        "delivered": len(given),
        "same": wanted == given,
        "notifications": notes.count(),
        "doubled_notifications": doubled,
        "outbox": mails.count(),
        "outbox_unsent": mails.filter(sent_at__isnull=True).count(),
        "outbox_keys": [str(k) for k in mails.values_list("key", flat=True)],
        "tasks_unfinished": DBTaskResult.objects.exclude(status="SUCCESSFUL")
        .filter(enqueued_at__gte=start)
        .count(),
        # Which workers ran the tasks queued since the start (diagnostics of the pair test).
        "task_workers": sorted(
            {
                worker
                for ids in DBTaskResult.objects.filter(enqueued_at__gte=start).values_list(
                    "worker_ids", flat=True
                )
                for worker in ids
            }
        ),
        "dispatches": dispatches.count(),
        "dispatch_wanted": dispatch_wanted,
        "dispatch_delivered": dispatch_given,
        "dispatch_told": dispatch_told,
        "all_outbox_keys": [str(k) for k in every_mail.values_list("key", flat=True)],
        "all_outbox_unsent": every_mail.filter(sent_at__isnull=True).count(),
        "invitations": every_mail.filter(topic__startswith="invitation:").count(),
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    django.setup()
    if sys.argv[1] == "setup":
        outcome = setup()
    elif sys.argv[1] == "setup_pair":
        outcome = setup_pair()
    else:
        outcome = check(sys.argv[2], sys.argv[3], sys.argv[4])
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
