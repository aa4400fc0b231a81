"""Existing notifications about a unit report keep pointing at it through ``topic`` (their
``link`` is unchanged); going back restores the foreign key from the topic."""

import uuid

from django.db import migrations

UNIT_REPORT = "reporting.unitreport:"


def fill_topics(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    report_ids = (
        Notification.objects.filter(unit_report__isnull=False)
        .values_list("unit_report_id", flat=True)
        .distinct()
    )
    for report_id in list(report_ids):
        Notification.objects.filter(unit_report_id=report_id).update(
            topic=f"{UNIT_REPORT}{report_id}"
        )


def restore_reports(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    UnitReport = apps.get_model("reporting", "UnitReport")
    topics = (
        Notification.objects.filter(topic__startswith=UNIT_REPORT)
        .values_list("topic", flat=True)
        .distinct()
    )
    for topic in list(topics):
        try:
            report_id = uuid.UUID(topic.removeprefix(UNIT_REPORT))
        except ValueError:
            continue
        if UnitReport.objects.filter(pk=report_id).exists():
            Notification.objects.filter(topic=topic).update(unit_report_id=report_id)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_notification_topic"),
        ("reporting", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill_topics, restore_reports)]
