"""ReminderLog moves to the ``reminders`` app. Only the migration state changes here: the table
(notifications_reminderlog) and its recipients table stay where they are, with their rows;
reminders/migrations/0001_initial.py takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_remove_notification_unit_report"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ReminderLog")],
            database_operations=[],
        ),
    ]
