"""The database refuses an import job whose progress is not a percentage."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="importjob",
            constraint=models.CheckConstraint(
                condition=models.Q(progress__range=(0, 100)),
                name="import_job_progress_percentage",
                violation_error_message="Tiến độ phải là số từ 0 đến 100.",
            ),
        ),
    ]
