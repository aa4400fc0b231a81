"""ReminderLog, taken over from ``notifications`` without touching the database: the table
notifications_reminderlog (and notifications_reminderlog_recipients) keeps its name and rows,
only the migration state moves (notifications/migrations/0005 removed it there). The content
type follows too, so permissions and admin history stay attached to the model."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=target, model="reminderlog").exists():
        return
    ContentType.objects.filter(app_label=source, model="reminderlog").update(app_label=target)


def forwards(apps, schema_editor):
    _move_content_type(apps, "notifications", "reminders")


def backwards(apps, schema_editor):
    _move_content_type(apps, "reminders", "notifications")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0005_move_reminderlog_to_reminders"),
        ("reporting", "0003_section_dashboard_values"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ReminderLog",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("kind", models.CharField(choices=[("before_due", "Nhắc trước hạn"), ("due_today", "Nhắc đúng hạn"), ("overdue", "Nhắc quá hạn"), ("escalation", "Báo lãnh đạo đơn vị"), ("manual", "Đôn đốc trực tiếp")], max_length=20, verbose_name="hình thức")),
                        ("day", models.DateField(verbose_name="ngày")),
                        ("sent_at", models.DateTimeField(verbose_name="thời điểm gửi")),
                        ("channel", models.CharField(choices=[("in_app", "Trong hệ thống"), ("in_app_email", "Trong hệ thống và thư điện tử")], default="in_app", max_length=20, verbose_name="kênh")),
                        ("message", models.TextField(blank=True, verbose_name="nội dung")),
                        ("recipients", models.ManyToManyField(blank=True, db_table="notifications_reminderlog_recipients", related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người nhận")),
                        ("sent_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người đôn đốc")),
                        ("unit_report", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reminder_logs", to="reporting.unitreport")),
                    ],
                    options={
                        "verbose_name": "nhật ký đôn đốc",
                        "verbose_name_plural": "nhật ký đôn đốc",
                        "db_table": "notifications_reminderlog",
                        "ordering": ["-sent_at"],
                        "indexes": [models.Index(fields=["unit_report", "kind", "day"], name="notificatio_unit_re_f0763f_idx")],
                        "constraints": [models.UniqueConstraint(condition=models.Q(("kind", "manual"), _negated=True), fields=("unit_report", "kind", "day"), name="unique_automatic_reminder_per_day")],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
