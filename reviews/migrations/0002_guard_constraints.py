"""The database refuses a compiled report whose period ends before it starts."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="review_period_end_not_before_start",
                violation_error_message="Ngày kết thúc kỳ phải sau ngày bắt đầu.",
            ),
        ),
    ]
