"""Notification.unit_report (a foreign key to reporting) gives way to a generic ``topic``
string, "reporting.unitreport:<pk>", so the inbox no longer depends on reporting. Three steps,
each in its own transaction: PostgreSQL refuses to alter a table in the transaction that has
just updated its rows (deferred foreign-key checks still pending)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="topic",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="chủ đề"),
        ),
    ]
