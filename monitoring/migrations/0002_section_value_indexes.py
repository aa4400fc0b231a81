"""Indexes for the values reporting 0003 keeps on each section (PostgreSQL only, like 0001),
replacing 0001's section indexes keyed by unit report: sections are now read by round;
recurring difficulties are read by round (the section's own copy) and grouped by the folded
key, not the raw text; stalled tasks are read by round from a partial index holding only the
sections that did not progress."""

from django.db import migrations

OLD = [
    (
        "monitoring_tr_difficulties",
        "CREATE INDEX IF NOT EXISTS monitoring_tr_difficulties ON reporting_taskreport "
        "(unit_report_id) INCLUDE (difficulties) WHERE difficulties <> ''",
    ),
    (
        "monitoring_tr_progress",
        "CREATE INDEX IF NOT EXISTS monitoring_tr_progress ON reporting_taskreport "
        "(unit_report_id) INCLUDE (task_id, progress)",
    ),
]
NEW = [
    (
        "monitoring_tr_round",
        "CREATE INDEX IF NOT EXISTS monitoring_tr_round ON reporting_taskreport "
        "(round_id) INCLUDE (unit_report_id, task_id, progress)",
    ),
    (
        "monitoring_tr_difficulty_key",
        "CREATE INDEX IF NOT EXISTS monitoring_tr_difficulty_key ON reporting_taskreport "
        "(round_id) INCLUDE (unit_id, difficulty_key, difficulties) WHERE difficulty_key <> ''",
    ),
    (
        "monitoring_tr_stalled",
        "CREATE INDEX IF NOT EXISTS monitoring_tr_stalled ON reporting_taskreport "
        "(round_id) INCLUDE (unit_id, task_id, progress) "
        "WHERE progress <= previous_progress AND progress < 100",
    ),
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _sql in OLD:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        for _name, sql in NEW:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _sql in NEW:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        for _name, sql in OLD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_dashboard_indexes"),
        ("reporting", "0003_section_dashboard_values"),
    ]

    operations = [migrations.RunPython(forward, backward)]
