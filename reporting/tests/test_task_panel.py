"""The task page lists the unit reports on the task over time (panel "plans.task_detail")."""

from __future__ import annotations

from typing import Any

import pytest

from reporting.models import TaskReport
from reporting.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_task_page_lists_its_unit_reports_round_by_round_scoped(demo: Any) -> None:
    task = demo.task("III.2")
    url = f"/plans/tasks/{task.pk}/"
    page = client_for("monitor").get(url)
    assert page.status_code == 200
    rows = page.context["task_report_rows"]
    expected = TaskReport.objects.filter(task=task).count()
    assert len(rows) == min(expected, 200) > 1
    ends = [row.unit_report.round.period_end for row in rows]
    assert ends == sorted(ends, reverse=True)
    html = page.content.decode()
    assert html.count('data-testid="task-report-row"') == len(rows)
    assert rows[0].unit_report.round.label in html
    mine = client_for("reporter").get(url).context["task_report_rows"]
    assert mine and {row.unit_report.unit.code for row in mine} == {"DB-phuong-1"}
    outsider = client_for("outsider").get(url)
    if outsider.status_code == 200:
        assert outsider.context["task_report_rows"] == []
        assert 'data-testid="task-report-row"' not in outsider.content.decode()
