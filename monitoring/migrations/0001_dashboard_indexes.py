"""Once created covering indexes on reporting's tables with raw SQL (PostgreSQL only).

Those indexes now belong to the models they index: TaskReport.Meta and UnitReport.Meta declare
them and reporting 0004 creates them, dropping the raw ones where this migration ran. Kept,
empty, so databases that applied it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_evidence_sha256_issue_created_by_and_more")]

    operations: list = []
