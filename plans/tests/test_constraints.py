"""Plans and tasks guard themselves: the database refuses years out of order, progress outside
0–100 and a second active assignment of a unit in one role; forms, the API and actions refuse
them first with a Vietnamese message."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from core.errors import ActionError
from plans import actions
from plans.models import AssignmentRole, Plan, Task, TaskAssignment
from plans.tests.test_api import api_for
from plans.tests.test_views import _task_form

pytestmark = pytest.mark.django_db


def refused(write: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_a_plan_cannot_end_before_it_starts(demo: Any) -> None:
    plans = Plan.objects.filter(pk=demo.seed_plan.pk)
    refused(lambda: plans.update(start_year=2030, end_year=2025))
    plans.update(start_year=2025, end_year=2025)  # one year is a valid plan
    plans.update(start_year=None, end_year=2025)  # an unknown bound is not compared


def test_a_task_cannot_end_before_it_starts_nor_exceed_100_percent(demo: Any) -> None:
    tasks = Task.objects.filter(pk=demo.task("II.1").pk)
    refused(lambda: tasks.update(start_year=2030, end_year=2025))
    refused(lambda: tasks.update(progress=101))
    tasks.update(progress=100, start_year=2025, end_year=None)


def test_only_one_active_assignment_per_task_unit_and_role(demo: Any) -> None:
    task = demo.task("II.1")
    active = task.assignments.filter(is_active=True, role=AssignmentRole.LEAD).first()
    assert active is not None

    def again(is_active: bool) -> TaskAssignment:
        return TaskAssignment.objects.create(
            task=task, unit=active.unit, role=active.role, is_active=is_active
        )

    refused(lambda: again(True))
    again(False)  # closed assignments are history: the same unit may have held the role before
    # The same unit may cooperate as well (the form refuses it, but the role differs).
    TaskAssignment.objects.create(task=task, unit=active.unit, role=AssignmentRole.COOPERATING)


def test_an_assignment_cannot_end_before_it_starts(demo: Any) -> None:
    assignment = demo.task("II.1").assignments.first()
    rows = TaskAssignment.objects.filter(pk=assignment.pk)
    refused(
        lambda: rows.update(
            started_on=datetime.date(2026, 1, 2), ended_on=datetime.date(2026, 1, 1)
        )
    )


def test_the_task_form_says_why_progress_over_100_is_refused(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    response = client.post(f"/plans/{demo.seed_plan.pk}/tasks/new/", _task_form(demo, progress=101))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["progress"] == ["Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 100 ."]
    assert not Task.objects.filter(code="II.6.c").exists()


def test_a_model_form_shows_the_constraint_message(demo: Any) -> None:
    """What the admin's form (a plain ModelForm of the model) says for years out of order."""
    form_class = modelform_factory(Plan, fields=["title", "owner", "start_year", "end_year"])
    form = form_class(
        data={"title": "X", "owner": demo.unit("UBND-DL").pk, "start_year": 2030, "end_year": 2025}
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["Năm kết thúc phải sau năm bắt đầu."]


def test_the_api_refuses_years_out_of_order_with_a_message(demo: Any) -> None:
    client = api_for(demo.user("monitor"))
    response = client.post(
        "/api/tasks/",
        {
            "plan": str(demo.seed_plan.pk),
            "title": "Nhiệm vụ thử",
            "start_year": 2030,
            "end_year": 2025,
            "lead_units": [str(demo.unit("PKT-DL").pk)],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"end_year": ["Năm kết thúc phải sau năm bắt đầu."]}
    # Only one bound sent: the stored one is compared by the action.
    task = demo.task("II.1")
    Task.objects.filter(pk=task.pk).update(start_year=2025)
    lead = [str(u.pk) for u in task.lead_units()]
    response = client.patch(
        f"/api/tasks/{task.pk}/",
        {"end_year": 2020, "lead_units": lead, "version": task.version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Năm kết thúc phải sau năm bắt đầu."}
    task.refresh_from_db()
    assert task.end_year != 2020


def test_the_action_refuses_years_out_of_order_and_changes_nothing(demo: Any) -> None:
    plan = demo.city_plan
    before = (plan.start_year, plan.end_year, plan.version)
    with pytest.raises(ActionError) as refusal:
        actions.update_plan(
            demo.user("monitor"),
            plan,
            expected_version=plan.version,
            start_year=2030,
            end_year=2025,
        )
    assert refusal.value.message == "Năm kết thúc phải sau năm bắt đầu."
    plan.refresh_from_db()
    assert (plan.start_year, plan.end_year, plan.version) == before
