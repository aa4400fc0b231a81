"""Partial updates change only what is sent (issue 11, class 6)."""

from __future__ import annotations

from typing import Any

import pytest

from plans.tests.test_api import api_for

pytestmark = pytest.mark.django_db


def _task_with_cooperation(demo: Any) -> Any:
    from plans.models import AssignmentRole

    task = next(
        t
        for t in demo.seed_plan.tasks.all()
        if t.assignments.filter(is_active=True, role=AssignmentRole.COOPERATING).exists()
    )
    return task


def _active(task: Any, role: str) -> set[Any]:
    return set(task.assignments.filter(is_active=True, role=role).values_list("unit_id", flat=True))


def test_patch_with_lead_units_keeps_cooperating_units(demo: Any) -> None:
    from plans.models import AssignmentRole

    task = _task_with_cooperation(demo)
    cooperating = _active(task, AssignmentRole.COOPERATING)
    leads = [str(u) for u in _active(task, AssignmentRole.LEAD)]
    response = api_for(demo.user("monitor")).patch(
        f"/api/tasks/{task.pk}/", {"lead_units": leads, "version": task.version}, format="json"
    )
    assert response.status_code == 200, response.content
    assert _active(task, AssignmentRole.COOPERATING) == cooperating


def test_patch_without_lead_units_changes_only_what_is_sent(demo: Any) -> None:
    from plans.models import AssignmentRole

    task = _task_with_cooperation(demo)
    leads, cooperating = (
        _active(task, AssignmentRole.LEAD),
        _active(task, AssignmentRole.COOPERATING),
    )
    response = api_for(demo.user("monitor")).patch(
        f"/api/tasks/{task.pk}/", {"progress": 40, "version": task.version}, format="json"
    )
    assert response.status_code == 200, response.content
    task.refresh_from_db()
    assert task.progress == 40
    assert _active(task, AssignmentRole.LEAD) == leads
    assert _active(task, AssignmentRole.COOPERATING) == cooperating
