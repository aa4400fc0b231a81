"""The database refuses an indicator whose maximum is below its minimum and a value whose
period ends before it starts."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(max_value__gte=models.F("min_value")),
                name="indicator_max_not_below_min",
                violation_error_message="Giá trị tối đa không được nhỏ hơn giá trị tối thiểu.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorvalue",
            constraint=models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="indicator_value_period_end_not_before_start",
                violation_error_message="Ngày kết thúc kỳ phải sau ngày bắt đầu.",
            ),
        ),
    ]
