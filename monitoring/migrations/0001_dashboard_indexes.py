"""Covering indexes for the monitoring dashboard's aggregates (PostgreSQL only).

The dashboard reads task report sections by unit report (progress per round, stalled tasks,
recurring difficulties). With these, PostgreSQL answers from the index alone instead of
visiting a million-row table; SQLite (development) does without them. The tables belong to
the reporting app; the indexes live here because only the dashboard needs them.
"""

from django.db import migrations

INDEXES = [
    (
        "monitoring_tr_progress",
        "CREATE INDEX IF NOT EXISTS monitoring_tr_progress ON reporting_taskreport "
        "(unit_report_id) INCLUDE (task_id, progress)",
    ),
    (
        "monitoring_tr_difficulties",
        "CREATE INDEX IF NOT EXISTS monitoring_tr_difficulties ON reporting_taskreport "
        "(unit_report_id) INCLUDE (difficulties) WHERE difficulties <> ''",
    ),
    (
        "monitoring_ur_round_cover",
        "CREATE INDEX IF NOT EXISTS monitoring_ur_round_cover ON reporting_unitreport "
        "(round_id) INCLUDE (unit_id, status, submitted_at)",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_evidence_sha256_issue_created_by_and_more")]

    operations = [migrations.RunPython(create, drop)]
