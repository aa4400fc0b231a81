"""Migration 0005: a reminder left half-delivered before the upgrade is finished by the first
run after it, from the text the others got, and nobody gets it twice; completed reminders
are left as they are. Runs the real migration backwards and forwards (the database is
emptied afterwards: ordered last, see conftest)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("reminders", "0004_backfill_deliveries")]


@pytest.mark.flushes
@pytest.mark.django_db(transaction=True)
def test_a_half_delivered_reminder_is_finished_after_the_upgrade() -> None:
    from accounts.models import User
    from notifications import dispatch
    from notifications.models import Delivery, Dispatch, Notification
    from orgunits.models import OrgUnit
    from plans.models import Plan
    from reminders import actions
    from reminders.models import ReminderLog
    from reporting.models import ReportingRound, UnitReport

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("reminders")
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        OldDelivery = old.get_model("reminders", "ReminderDelivery")  # noqa: N806
        owner = OrgUnit.objects.create(name="Sở Khoa học và Công nghệ thử", code="MIG-SO")
        unit = OrgUnit.objects.create(name="Phường thử nghiệm", code="MIG-PHUONG", parent=owner)
        plan = Plan.objects.create(title="Kế hoạch thử", owner=owner)
        day = datetime.date(2030, 1, 10)
        round_ = ReportingRound.objects.create(
            plan=plan,
            label="Quý 4/2029",
            period_start=datetime.date(2029, 10, 1),
            period_end=datetime.date(2029, 12, 31),
            due_date=day,
        )
        report = UnitReport.objects.create(round=round_, unit=unit)
        people = [
            User.objects.create_user(f"mig_nguoinhan{i}", email=f"mig{i}@khcn.example.vn")
            for i in range(3)
        ]
        logs = {}
        for name, reached in (("half", people[:1]), ("done", people)):
            log = ReminderLog.objects.create(
                unit_report=report,
                kind="overdue" if name == "half" else "manual",
                day=day,
                sent_at=timezone.now(),
                message=f"Báo cáo quá hạn ({name})",
                delivered=True,
            )
            log.recipients.set(people)
            for user in reached:
                OldDelivery.objects.create(log_id=log.pk, recipient_id=user.pk)
                Notification.objects.create(
                    recipient=user,
                    kind="overdue" if name == "half" else "manual",
                    title=f"Quá hạn nộp báo cáo ({name})",
                    body=log.message,
                    link=f"/reports/{report.pk}/",
                    topic=f"reporting.unitreport:{report.pk}",
                )
            logs[name] = log
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)

    half = Dispatch.objects.get(key=actions.reminder_key(logs["half"]))
    assert half.completed_at is None
    assert half.title == "Quá hạn nộp báo cáo (half)" and half.kind == "overdue"
    assert half.link == f"/reports/{report.pk}/"
    assert not Dispatch.objects.filter(key=actions.reminder_key(logs["done"])).exists()
    assert dispatch.resume(actions.KEY_PREFIX) == 2  # the two not reached before
    assert sorted(
        Delivery.objects.filter(dispatch=half).values_list("recipient_id", flat=True)
    ) == sorted(u.pk for u in people)
    copies = Notification.objects.filter(title="Quá hạn nộp báo cáo (half)")
    assert sorted(copies.values_list("recipient_id", flat=True)) == sorted(u.pk for u in people)
    assert dispatch.resume(actions.KEY_PREFIX) == 0
