"""Every reminder logged before per-recipient deliveries existed was delivered to its
recipients in one transaction: give each (reminder, recipient) its delivery row, so the first
run after the upgrade does not take today's earlier reminders for half-delivered ones."""

from django.db import migrations

BATCH = 2000


def backfill(apps, schema_editor):
    ReminderLog = apps.get_model("reminders", "ReminderLog")
    ReminderDelivery = apps.get_model("reminders", "ReminderDelivery")
    through = ReminderLog.recipients.through
    pairs = through.objects.order_by("pk").values_list("reminderlog_id", "user_id")
    batch = []
    for log_id, user_id in pairs.iterator(chunk_size=BATCH):
        batch.append(ReminderDelivery(log_id=log_id, recipient_id=user_id))
        if len(batch) >= BATCH:
            ReminderDelivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    ReminderDelivery.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("reminders", "0003_reminderdelivery")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
