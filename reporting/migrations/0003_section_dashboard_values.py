"""Values kept for the monitoring dashboard. On each task report section: ``difficulty_key``
(the folded difficulties text it groups by), ``previous_progress`` (what the unit last
reported on the task, see reporting.progress) and copies of the report's ``round`` and
``unit``; on each unit report, the total and count of its sections' progress figures.
Existing rows are filled."""

import django.db.models.deletion
from django.db import migrations, models

from core.text import text_key
from reporting.progress import previous_values


def fill(apps, schema_editor):
    TaskReport = apps.get_model("reporting", "TaskReport")
    UnitReport = apps.get_model("reporting", "UnitReport")
    report = UnitReport.objects.filter(pk=models.OuterRef("unit_report_id"))
    TaskReport.objects.update(
        round_id=models.Subquery(report.values("round_id")[:1]),
        unit_id=models.Subquery(report.values("unit_id")[:1]),
    )
    batch = []
    rows = TaskReport.objects.exclude(difficulties="").only("pk", "difficulties")
    for row in rows.iterator(chunk_size=2000):
        row.difficulty_key = text_key(row.difficulties)
        batch.append(row)
        if len(batch) >= 2000:
            TaskReport.objects.bulk_update(batch, ["difficulty_key"])
            batch = []
    TaskReport.objects.bulk_update(batch, ["difficulty_key"])
    chains = TaskReport.objects.order_by(
        "unit_report__round__plan_id",
        "unit_report__unit_id",
        "task_id",
        "unit_report__round__period_end",
        "unit_report__round__period_start",
        "unit_report__round_id",
    ).values_list(
        "pk",
        "unit_report__unit_id",
        "task_id",
        "unit_report__round__period_end",
        "progress",
        "previous_progress",
    )
    # A (unit, task) chain never spans two plans: tasks belong to one plan.
    changed = [
        TaskReport(pk=pk, previous_progress=value)
        for pk, value in previous_values(chains.iterator(chunk_size=5000))
        if value is not None
    ]
    TaskReport.objects.bulk_update(changed, ["previous_progress"], batch_size=2000)
    sums = (
        TaskReport.objects.filter(progress__isnull=False)
        .values("unit_report_id")
        .annotate(total=models.Sum("progress"), n=models.Count("progress"))
        .order_by()
    )
    reports = [
        UnitReport(pk=row["unit_report_id"], progress_total=row["total"], progress_count=row["n"])
        for row in sums.iterator(chunk_size=5000)
    ]
    UnitReport.objects.bulk_update(reports, ["progress_total", "progress_count"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("orgunits", "0001_initial"),
        ("reporting", "0002_evidence_sha256_issue_created_by_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="taskreport",
            name="difficulty_key",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="taskreport",
            name="previous_progress",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="taskreport",
            name="round",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="reporting.reportinground",
            ),
        ),
        migrations.AddField(
            model_name="taskreport",
            name="unit",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgunits.orgunit",
            ),
        ),
        migrations.AddField(
            model_name="unitreport",
            name="progress_total",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="unitreport",
            name="progress_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
