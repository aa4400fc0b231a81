from __future__ import annotations

from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.params import uuid_param
from core.permissions import EDIT_PLAN
from core.scoping import scope_for
from core.views import ScopedDetailView, ScopedListView
from plans import actions
from plans.filtersets import PlanFilterSet, TaskFilterSet
from plans.forms import CloseTaskForm, PlanForm, ReassignForm, TaskForm
from plans.models import Plan, Task, TaskAssignment

ASSIGNMENTS = Prefetch(
    "assignments",
    queryset=TaskAssignment.objects.select_related("unit").order_by("role", "unit__name"),
)


class PlanListView(ScopedListView):
    model = Plan
    filterset_class = PlanFilterSet
    template_name = "plans/plan_list.html"
    partial_template_name = "plans/_plan_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("owner", "document", "parent").order_by(
            "parent_id", "-created_at"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = scope_for(self.request.user).can(EDIT_PLAN)
        return context


class PlanDetailView(ScopedDetailView):
    model = Plan
    template_name = "plans/plan_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("owner", "document", "document__issuer", "parent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan: Plan = self.object
        user = self.request.user
        tasks = list(
            Task.objects.visible_to(user)
            .filter(plan=plan)
            .prefetch_related(ASSIGNMENTS)
            .order_by("order", "code")
        )
        by_section: dict[Any, list[Task]] = {}
        for task in tasks:
            by_section.setdefault(task.section_id, []).append(task)
        sections = list(plan.sections.all())
        for section in sections:
            section.task_list = by_section.get(section.pk, [])  # type: ignore[attr-defined]
        document = plan.document
        context.update(
            sections=sections,
            unsectioned_tasks=by_section.get(None, []),
            task_count=len(tasks),
            references=(
                document.references.filter(
                    target__in=type(document).objects.visible_to(user).values("pk")
                ).select_related("target")
                if document
                else []
            ),
            subplans=Plan.objects.visible_to(user).filter(parent=plan).select_related("owner"),
            implements=Task.objects.visible_to(user)
            .filter(implementing_plans=plan)
            .select_related("plan"),
            can_edit=plan.can_edit(user),
            history=history_for(plan)[:50],
        )
        return context


class PlanRoadmapView(ScopedDetailView):
    """Roadmap (lộ trình): tasks against years, with each year's milestone and the timeframe."""

    model = Plan
    template_name = "plans/plan_roadmap.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan: Plan = self.object
        tasks = list(
            Task.objects.visible_to(self.request.user)
            .filter(plan=plan)
            .prefetch_related("milestones", ASSIGNMENTS)
            .order_by("order", "code")
        )
        years = sorted(
            {y for t in tasks for y in (t.start_year, t.end_year) if y}
            | {m.year for t in tasks for m in t.milestones.all()}
        )
        if years:
            years = list(range(years[0], years[-1] + 1))
        rows = []
        for task in tasks:
            by_year = {m.year: m for m in task.milestones.all()}
            cells = [
                {
                    "year": year,
                    "active": bool(
                        task.start_year
                        and task.end_year
                        and task.start_year <= year <= task.end_year
                    ),
                    "milestone": by_year.get(year),
                }
                for year in years
            ]
            rows.append({"task": task, "cells": cells})
        context.update(years=years, rows=rows)
        return context


class TaskListView(ScopedListView):
    model = Task
    filterset_class = TaskFilterSet
    template_name = "plans/task_list.html"
    partial_template_name = "plans/_task_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related("plan").prefetch_related(ASSIGNMENTS).order_by("plan", "order")
        )


class TaskDetailView(ScopedDetailView):
    model = Task
    template_name = "plans/task_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(
            "plan", "plan__owner", "section", "parent_task"
        ).prefetch_related(ASSIGNMENTS, "milestones")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        task: Task = self.object
        user = self.request.user
        can_edit = task.can_edit(user)
        dissolved = [
            {"assignment": a, "successors": a.unit.current_successors()}
            for a in task.dissolved_assignments()
        ]
        context.update(
            can_edit=can_edit,
            can_close=task.can_close(user),
            dissolved=dissolved,
            past_assignments=[a for a in task.assignments.all() if not a.is_active],
            implementing_plans=Plan.objects.visible_to(user)
            .filter(implements=task)
            .select_related("owner"),
            child_tasks=Task.objects.visible_to(user)
            .filter(parent_task=task)
            .select_related("plan"),
            history=history_for(task)[:50],
        )
        return context


class PlanEditView(ScopedFormActionView):
    """Create a plan or sub-plan (no pk), or edit one."""

    model = Plan
    form_class = PlanForm
    template_name = "plans/plan_form.html"
    object_name = "plan"
    optional_object = True

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        initial = super().get_initial(obj)
        parent = uuid_param(self.request.GET, "parent") if obj is None else None
        if parent is not None:
            visible = Plan.objects.visible_to(self.request.user)
            initial["parent"] = visible.filter(pk=parent).first()
        return initial

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> Plan:
        implements = list(form.cleaned_data["implements"])
        if obj is None:
            return actions.create_plan(
                cast(User, self.request.user), implements=implements, **form.action_fields()
            )
        return actions.update_plan(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            implements=implements,
            **form.action_fields(),
        )

    def get_success_message(self, result: Any) -> str:
        return _("Đã tạo kế hoạch.") if self.object is None else _("Đã lưu thay đổi.")

    def success_url(self, result: Any) -> str:
        return reverse("plans:detail", kwargs={"pk": result.pk})


class TaskCreateView(ScopedFormActionView):
    """A new task in a plan: the plan is the scoped object, the task is the action's result."""

    model = Plan
    form_class = TaskForm
    template_name = "plans/task_form.html"
    object_name = "plan"
    success_message = gettext_lazy("Đã tạo nhiệm vụ.")

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user, "plan": obj}

    def perform(self, form: Any, obj: Any) -> Task:
        return actions.create_task(cast(User, self.request.user), obj, **form.action_fields())

    def success_url(self, result: Any) -> str:
        return reverse("plans:task_detail", kwargs={"pk": result.pk})


class TaskEditView(ScopedFormActionView):
    model = Task
    form_class = TaskForm
    template_name = "plans/task_form.html"
    object_name = "task"
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user, "plan": obj.plan}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return super().get_context_data(obj, form, plan=obj.plan, **extra)

    def perform(self, form: Any, obj: Any) -> Task:
        return actions.update_task(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            **form.action_fields(),
        )

    def success_url(self, result: Any) -> str:
        return reverse("plans:task_detail", kwargs={"pk": result.pk})


class TaskCloseView(ScopedFormActionView):
    model = Task
    form_class = CloseTaskForm
    template_name = "plans/task_close.html"
    object_name = "task"
    success_message = gettext_lazy("Đã đóng nhiệm vụ.")

    def allowed(self, obj: Any) -> bool:
        return obj.can_close(self.request.user)

    def perform(self, form: Any, obj: Any) -> Task:
        return actions.close_task(
            cast(User, self.request.user),
            obj,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )

    def success_url(self, result: Any) -> str:
        return reverse("plans:task_detail", kwargs={"pk": result.pk})


class TaskReassignView(ScopedFormActionView):
    """A button: hand one dissolved unit's assignment to a chosen successor."""

    model = Task
    form_class = ReassignForm
    success_message = gettext_lazy("Đã chuyển nhiệm vụ cho đơn vị kế thừa.")
    invalid_message = gettext_lazy("Hãy chọn một đơn vị kế thừa.")

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> Any:
        self.assignment = obj.assignments.filter(pk=self.request.POST.get("assignment")).first()
        if self.assignment is None:
            raise Http404
        return ReassignForm(data, successors=self.assignment.unit.current_successors())

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.reassign_to_successor(
            cast(User, self.request.user), obj, self.assignment, form.cleaned_data["successor"]
        )

    def return_url(self) -> str:
        return reverse("plans:task_detail", kwargs={"pk": self.object.pk})
