"""Statistics on unit path prefixes (PostgreSQL only, like 0001 and 0002).

The dashboard groups reports and sections by the child unit of the selected one: a prefix of
the unit's materialised path (monitoring.queries.base.child_key, SUBSTRING(path, 1, 13 × level)).
Without statistics on that expression PostgreSQL guesses it has tens of thousands of distinct
values, picks a sort instead of a hash for the grouping, and for the all-years view spilled the
sort of 120,000 reports to disk (bench/monitoring.py). One expression statistic per tree level
(the first eight) tells it the real number; ANALYZE (here, then autovacuum) keeps them current.
"""

from django.db import migrations

SEGMENT = 13  # monitoring.queries.SEGMENT
LEVELS = 8


def _name(level: int) -> str:
    return f"monitoring_unit_prefix_{level}"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for level in range(1, LEVELS + 1):
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {_name(level)} "
            f"ON (substring(path, 1, {SEGMENT * level})) FROM orgunits_orgunit"
        )
    schema_editor.execute("ANALYZE orgunits_orgunit")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for level in range(1, LEVELS + 1):
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {_name(level)}")


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_section_value_indexes"),
        ("orgunits", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
