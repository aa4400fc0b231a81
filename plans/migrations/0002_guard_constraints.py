"""The database guards plans and tasks: years in order, progress a percentage, and one active
assignment per task, unit and role (closed assignments are history and may repeat)."""

from django.db import migrations, models

YEARS_IN_ORDER = (
    models.Q(start_year__isnull=True)
    | models.Q(end_year__isnull=True)
    | models.Q(end_year__gte=models.F("start_year"))
)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.CheckConstraint(
                condition=YEARS_IN_ORDER,
                name="plan_end_year_not_before_start",
                violation_error_message="Năm kết thúc phải sau năm bắt đầu.",
            ),
        ),
        migrations.AddConstraint(
            model_name="task",
            constraint=models.CheckConstraint(
                condition=YEARS_IN_ORDER,
                name="task_end_year_not_before_start",
                violation_error_message="Năm kết thúc phải sau năm bắt đầu.",
            ),
        ),
        migrations.AddConstraint(
            model_name="task",
            constraint=models.CheckConstraint(
                condition=models.Q(progress__range=(0, 100)),
                name="task_progress_percentage",
                violation_error_message="Tiến độ phải là số từ 0 đến 100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="taskassignment",
            constraint=models.UniqueConstraint(
                condition=models.Q(is_active=True),
                fields=("task", "unit", "role"),
                name="unique_active_task_assignment",
                violation_error_message=(
                    "Đơn vị này đã được phân công với vai trò này trong nhiệm vụ."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="taskassignment",
            constraint=models.CheckConstraint(
                condition=models.Q(started_on__isnull=True)
                | models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="assignment_ended_not_before_started",
                violation_error_message="Ngày kết thúc phân công không được trước ngày bắt đầu.",
            ),
        ),
    ]
