"""Reporting guards itself, and declares the dashboard's indexes on its own tables.

Constraints: periods and calendars end no earlier than they start and a round is not due
before it starts (the forms and actions already refused both); progress figures, and the
previous figure kept beside them, are percentages; a report's kept progress total is at most
100 per counted section.

Indexes: monitoring 0001 and 0002 created covering and partial indexes on these tables with raw
SQL (PostgreSQL only). They are now declared in TaskReport.Meta and UnitReport.Meta, so the
model is the one place that says how its rows are read; the raw ones are dropped where those
migrations ran (every name either of them ever created). SQLite builds the declared indexes
without their INCLUDE columns, which only PostgreSQL stores.
"""

from django.db import migrations, models

RAW_INDEXES = [
    "monitoring_tr_progress",
    "monitoring_tr_difficulties",
    "monitoring_ur_round_cover",
    "monitoring_tr_round",
    "monitoring_tr_difficulty_key",
    "monitoring_tr_stalled",
]


def percentage(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__range": (0, 100)}),
        name=name,
        violation_error_message="Tiến độ phải là số từ 0 đến 100.",
    )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_section_dashboard_values")]

    operations = [
        # DROP INDEX IF EXISTS reads the same on PostgreSQL and SQLite (where there is none).
        migrations.RunSQL(
            [f"DROP INDEX IF EXISTS {name}" for name in RAW_INDEXES],
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="taskreport",
            index=models.Index(
                fields=["round"],
                include=("unit_report", "task", "progress"),
                name="task_report_round_cover",
            ),
        ),
        migrations.AddIndex(
            model_name="taskreport",
            index=models.Index(
                condition=~models.Q(difficulty_key=""),
                fields=["round"],
                include=("unit", "difficulty_key", "difficulties"),
                name="task_report_difficulty_cover",
            ),
        ),
        migrations.AddIndex(
            model_name="taskreport",
            index=models.Index(
                condition=models.Q(progress__lt=100, progress__lte=models.F("previous_progress")),
                fields=["round"],
                include=("unit", "task", "progress"),
                name="task_report_stalled_cover",
            ),
        ),
        migrations.AddIndex(
            model_name="unitreport",
            index=models.Index(
                fields=["round"],
                include=("unit", "status", "submitted_at"),
                name="unit_report_round_cover",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportingschedule",
            constraint=models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="schedule_end_not_before_start",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu áp dụng.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportinground",
            constraint=models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="round_period_end_not_before_start",
                violation_error_message="Ngày kết thúc kỳ phải sau ngày bắt đầu.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportinground",
            constraint=models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("period_start")),
                name="round_due_not_before_start",
                violation_error_message="Hạn nộp không thể trước ngày bắt đầu kỳ.",
            ),
        ),
        migrations.AddConstraint(
            model_name="taskreport",
            constraint=percentage("progress", "task_report_progress_percentage"),
        ),
        migrations.AddConstraint(
            model_name="taskreport",
            constraint=percentage("previous_progress", "task_report_previous_progress_percentage"),
        ),
        migrations.AddConstraint(
            model_name="unitreport",
            constraint=models.CheckConstraint(
                condition=models.Q(progress_total__lte=models.F("progress_count") * 100),
                name="unit_report_progress_total_in_range",
                violation_error_message="Tiến độ phải là số từ 0 đến 100.",
            ),
        ),
    ]
