"""What plans shows on other apps' pages (registered in ``PlansConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from plans.models import OPEN_TASK_STATUSES, Plan, Task


def open_task_count() -> Count:
    """A unit's open tasks: one aggregate over the unit list, never a query per row."""
    return Count(
        "assignments__task",
        filter=Q(assignments__is_active=True, assignments__task__status__in=OPEN_TASK_STATUSES),
        distinct=True,
    )


def unit_tasks(page: Any) -> dict[str, Any]:
    """The tasks assigned to the unit shown on its detail page, as its viewer may see them."""
    unit, user = page["object"], page["user"]
    tasks = (
        Task.objects.visible_to(user)
        .filter(assignments__unit=unit, assignments__is_active=True)
        .select_related("plan")
        .distinct()[:200]
    )
    return {"unit_tasks": tasks}


def document_plan(page: Any) -> dict[str, Any]:
    """The plan that carries out the document shown, if its viewer may see it."""
    plan = Plan.objects.visible_to(page["user"]).filter(document=page["object"]).first()
    return {"document_plan": plan}
