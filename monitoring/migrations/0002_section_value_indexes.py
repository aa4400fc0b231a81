"""Once replaced 0001's raw-SQL section indexes with ones keyed by round (PostgreSQL only).

Those indexes are now declared in TaskReport.Meta and created by reporting 0004, which drops
the raw ones where this migration ran. Kept, empty, so databases that applied it keep a
consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_dashboard_indexes"),
        ("reporting", "0003_section_dashboard_values"),
    ]

    operations: list = []
