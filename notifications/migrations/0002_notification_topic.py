"""Notification.unit_report (a foreign key to reporting) becomes a generic ``topic`` string,
"reporting.unitreport:<pk>", so the inbox no longer depends on reporting; existing rows keep
pointing at their report through it (and through ``link``, unchanged)."""

import uuid

from django.db import migrations, models

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
        ("notifications", "0001_initial"),
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="topic",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="chủ đề"),
        ),
        migrations.RunPython(fill_topics, restore_reports),
        migrations.RemoveField(model_name="notification", name="unit_report"),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["topic"], name="notification_topic_idx"),
        ),
    ]
