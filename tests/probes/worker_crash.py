"""The two halves of the worker crash test (tests/test_worker_crash.py), run as separate
processes against a copy of the test database named by ``DATABASE_URL``.

``setup``: a round due in a week on an open plan with a report for every unit that has someone
to remind, today's daily jobs marked as already queued (so ``khcn_worker --once`` runs only
what we queue), the reminder job queued. Prints the task id.
``check``: one JSON line describing what the run left: deliveries, notifications, outbox."""

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


def check(task_id: str, since: str, round_id: str) -> dict[str, object]:
    from django.db.models import Count
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from notifications.models import Notification, OutboxEmail
    from reminders.models import AUTOMATIC_KINDS, ReminderDelivery, ReminderLog

    today = timezone.localdate()
    start = datetime.datetime.fromisoformat(since)
    task = DBTaskResult.objects.get(pk=task_id)
    logs = ReminderLog.objects.filter(
        day=today, kind__in=AUTOMATIC_KINDS, unit_report__round_id=uuid.UUID(round_id)
    )
    wanted = sorted([str(log.pk), str(user.pk)] for log in logs for user in log.recipients.all())
    given = sorted(
        [str(log), str(user)]
        for log, user in ReminderDelivery.objects.filter(log__in=logs).values_list(
            "log_id", "recipient_id"
        )
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
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    django.setup()
    if sys.argv[1] == "setup":
        outcome = setup()
    else:
        outcome = check(sys.argv[2], sys.argv[3], sys.argv[4])
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
