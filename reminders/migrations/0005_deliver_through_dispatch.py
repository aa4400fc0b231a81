"""Reminders deliver through ``notifications.dispatch``, like every other notice of a scheduled
run, and their own per-recipient table goes.

A reminder a run left half-delivered before the upgrade (fewer deliveries than recipients)
becomes an unfinished dispatch: its intended recipients, those already reached as deliveries,
and the text the others got (taken from a copy already given; without one, rebuilt from the
log), so the first run after the upgrade finishes it and reaches nobody twice. A completed
reminder needs nothing: who was meant to get it stays on the log, what they got in their
notifications."""

from django.db import migrations
from django.db.models import Count, F

KEY_PREFIX = "reminders.reminder:"
NOTIFICATION_KIND = {
    "before_due": "reminder",
    "due_today": "reminder",
    "overdue": "overdue",
    "escalation": "escalation",
    "manual": "manual",
}
FALLBACK_TITLE = "Đôn đốc nộp báo cáo"


def _link(report_id):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("reporting:report_detail", args=[report_id])
    except NoReverseMatch:
        return ""


def convert(apps, schema_editor):
    ReminderLog = apps.get_model("reminders", "ReminderLog")
    ReminderDelivery = apps.get_model("reminders", "ReminderDelivery")
    Dispatch = apps.get_model("notifications", "Dispatch")
    Delivery = apps.get_model("notifications", "Delivery")
    Notification = apps.get_model("notifications", "Notification")
    unfinished = (
        ReminderLog.objects.filter(delivered=True)
        .annotate(
            wanted=Count("recipients", distinct=True), given=Count("deliveries", distinct=True)
        )
        .filter(given__lt=F("wanted"))
        .order_by("pk")
    )
    for log in unfinished.iterator(chunk_size=500):
        kind = NOTIFICATION_KIND.get(log.kind, "reminder")
        topic = f"reporting.unitreport:{log.unit_report_id}"
        reached = list(ReminderDelivery.objects.filter(log=log).values_list("recipient_id", flat=True))
        copy = (
            Notification.objects.filter(recipient_id__in=reached, topic=topic, kind=kind)
            .order_by("-created_at")
            .first()
        )
        row, _created = Dispatch.objects.get_or_create(
            key=f"{KEY_PREFIX}{log.pk}",
            defaults={
                "kind": kind,
                "title": copy.title if copy else FALLBACK_TITLE,
                "body": copy.body if copy else log.message,
                "link": copy.link if copy else _link(log.unit_report_id),
                "topic": topic,
                "email": log.channel == "in_app_email",
            },
        )
        row.recipients.set(log.recipients.all())
        Delivery.objects.bulk_create(
            [Delivery(dispatch=row, recipient_id=user_id) for user_id in reached],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0004_backfill_deliveries"),
        ("notifications", "0007_dispatch_delivery"),
    ]

    operations = [
        migrations.RunPython(convert, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReminderDelivery"),
    ]
