"""The database refuses a document that cites itself (the import already skips such a reference)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="documentreference",
            constraint=models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="document_reference_not_itself",
                violation_error_message="Văn bản không thể dẫn chiếu chính nó.",
            ),
        ),
    ]
