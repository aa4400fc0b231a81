"""The registry guards itself, and PostgreSQL learns how many units each tree level has.

Constraints: a unit's path is unique; its validity ends no earlier than it starts (either
bound may be open); a unit never succeeds itself.

Statistics on unit path prefixes (PostgreSQL only; moved here from monitoring 0003, which
created them on this app's table). The dashboard groups reports and sections by the child unit
of the selected one: a prefix of the unit's materialised path (monitoring.queries.base.child_key,
SUBSTRING(path, 1, 13 × level)). Without statistics on that expression PostgreSQL guesses it
has tens of thousands of distinct values, picks a sort instead of a hash for the grouping, and
for the all-years view spilled the sort of 120,000 reports to disk (bench/monitoring.py). One
expression statistic per tree level (the first eight) tells it the real number; ANALYZE (here,
then autovacuum) keeps them current. A statistics object has no Django model equivalent (Meta
declares indexes and constraints only), so it stays raw SQL.
"""

from django.db import migrations, models

SEGMENT = 13  # OrgUnit.segment: 12 hex digits and "/" (monitoring.queries.base.SEGMENT)
LEVELS = 8
# The names monitoring 0003 gave them, dropped where that migration ran.
OLD_NAMES = [f"monitoring_unit_prefix_{level}" for level in range(1, LEVELS + 1)]


def _name(level: int) -> str:
    return f"orgunit_path_prefix_{level}"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in OLD_NAMES:
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")
    for level in range(1, LEVELS + 1):
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {_name(level)} "
            f"ON (substring(path, 1, {SEGMENT * level})) FROM orgunits_orgunit"
        )
    schema_editor.execute("ANALYZE orgunits_orgunit")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for level in range(1, LEVELS + 1):
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {_name(level)}")


class Migration(migrations.Migration):
    dependencies = [("orgunits", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="orgunit",
            name="path",
            field=models.CharField(editable=False, max_length=800, unique=True),
        ),
        migrations.AddConstraint(
            model_name="orgunit",
            constraint=models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_to_not_before_from",
                violation_error_message=("Ngày kết thúc hiệu lực phải sau ngày bắt đầu."),
            ),
        ),
        migrations.AddConstraint(
            model_name="unitsuccession",
            constraint=models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="unit_succession_not_itself",
                violation_error_message="Đơn vị không thể kế thừa chính nó.",
            ),
        ),
        migrations.RunPython(create_statistics, drop_statistics),
    ]
