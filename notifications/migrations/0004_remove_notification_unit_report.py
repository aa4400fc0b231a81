from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_fill_notification_topic"),
    ]

    operations = [
        migrations.RemoveField(model_name="notification", name="unit_report"),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["topic"], name="notification_topic_idx"),
        ),
    ]
