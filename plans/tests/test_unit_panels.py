"""Plans' contributions to the unit registry (core.panels): open-task counts, the tasks panel."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgunits.models import OrgUnit, UnitKind
from plans.models import AssignmentRole, TaskAssignment


@pytest.mark.django_db
def test_listing_5000_units_with_parents_and_open_task_counts_is_constant_queries(
    demo: Any, as_persona: Any
) -> None:
    client = as_persona("monitor")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/units/?per_page=5000")
            assert response.status_code == 200
        return len(ctx.captured_queries)

    small = count_queries()
    root = demo.unit("TU-LD")
    task = demo.task("III.2")
    units = [
        OrgUnit(name=f"Chi bộ số {i}", code=f"CB-{i}", kind=UnitKind.PARTY_GRASSROOTS, parent=root)
        for i in range(5000)
    ]
    for unit in units:
        unit.compute_path()
    OrgUnit.objects.bulk_create(units, batch_size=500)
    TaskAssignment.objects.bulk_create(
        [TaskAssignment(task=task, unit=u, role=AssignmentRole.LEAD) for u in units[:2000]],
        batch_size=500,
    )
    large = count_queries()
    assert large == small
    api = client.get("/api/units/?page_size=100")
    assert api.status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/units/")
    # The API rate limit's counter (the shared cache table) and the scope's read grants (a
    # supervision team's, one query) are constant costs, not the listing's.
    listing = [
        q
        for q in ctx.captured_queries
        if "khcn_cache" not in q["sql"] and "supervision_supervision" not in q["sql"]
    ]
    assert len(listing) <= 8


@pytest.mark.django_db
def test_unit_pages_show_open_task_counts_and_assigned_tasks(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    task = demo.task("III.2")
    unit = task.lead_units()[0]
    listing = client.get("/units/").content.decode()
    assert "Nhiệm vụ đang mở" in listing  # the column plans contributes
    detail = client.get(f"/units/{unit.pk}/").content.decode()
    assert f"/plans/tasks/{task.pk}/" in detail  # the tasks panel plans contributes
    api = client.get(f"/api/units/{unit.pk}/").json()
    assert api["open_tasks"] >= 1
