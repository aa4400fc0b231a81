from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.permissions import EDIT_PLAN
from core.scoping import scope_for
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
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


class PlanEditView(ScopedActionView):
    """Create a plan or sub-plan (no pk), or edit one."""

    model = Plan
    template_name = "plans/plan_form.html"

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        plan = self.get_object() if pk else None
        initial = {}
        if plan is None and request.GET.get("parent"):
            parent = Plan.objects.visible_to(request.user).filter(pk=request.GET["parent"]).first()
            initial = {"parent": parent}
        form = PlanForm(instance=plan, user=request.user, initial=initial)
        return render(request, self.template_name, {"form": form, "plan": plan})

    def post(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        plan = self.get_object() if pk else None
        form = PlanForm(request.POST, instance=plan, user=request.user)
        if form.is_valid():
            try:
                fields = form.action_fields()
                implements = list(form.cleaned_data["implements"])
                if plan is None:
                    plan = actions.create_plan(
                        cast(User, request.user), implements=implements, **fields
                    )
                    messages.success(request, _("Đã tạo kế hoạch."))
                else:
                    stored = Plan.objects.get(pk=plan.pk)
                    plan = actions.update_plan(
                        cast(User, request.user),
                        stored,
                        expected_version=form.cleaned_data["version"],
                        implements=implements,
                        **fields,
                    )
                    messages.success(request, _("Đã lưu thay đổi."))
                return redirect("plans:detail", pk=plan.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "plan": plan})


class TaskCreateView(ScopedActionView):
    model = Plan
    template_name = "plans/task_form.html"

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        plan = self.get_object()
        form = TaskForm(user=request.user, plan=plan)
        return render(request, self.template_name, {"form": form, "plan": plan})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        plan = self.get_object()
        form = TaskForm(request.POST, user=request.user, plan=plan)
        if form.is_valid():
            try:
                task = actions.create_task(cast(User, request.user), plan, **form.action_fields())
                messages.success(request, _("Đã tạo nhiệm vụ."))
                return redirect("plans:task_detail", pk=task.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "plan": plan})


class TaskEditView(ScopedActionView):
    model = Task
    template_name = "plans/task_form.html"

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        task = self.get_object()
        form = TaskForm(instance=task, user=request.user, plan=task.plan)
        return render(request, self.template_name, {"form": form, "plan": task.plan, "task": task})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        task = self.get_object()
        form = TaskForm(request.POST, instance=task, user=request.user, plan=task.plan)
        if form.is_valid():
            try:
                stored = Task.objects.get(pk=task.pk)
                actions.update_task(
                    cast(User, request.user),
                    stored,
                    expected_version=form.cleaned_data["version"],
                    **form.action_fields(),
                )
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("plans:task_detail", pk=task.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "plan": task.plan, "task": task})


class TaskCloseView(ScopedActionView):
    model = Task
    template_name = "plans/task_close.html"

    def allowed(self, obj: Any) -> bool:
        return obj.can_close(self.request.user)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        task = self.get_object()
        form = CloseTaskForm(initial={"version": task.version})
        return render(request, self.template_name, {"form": form, "task": task})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        task = self.get_object()
        form = CloseTaskForm(request.POST)
        if form.is_valid():
            try:
                actions.close_task(
                    cast(User, request.user),
                    task,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Đã đóng nhiệm vụ."))
                return redirect("plans:task_detail", pk=task.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "task": task})


class TaskReassignView(ScopedActionView):
    """POST only: hand one dissolved unit's assignment to a chosen successor."""

    model = Task

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        task = self.get_object()
        assignment = task.assignments.filter(pk=request.POST.get("assignment")).first()
        if assignment is None:
            raise Http404
        form = ReassignForm(request.POST, successors=assignment.unit.current_successors())
        if form.is_valid():
            try:
                actions.reassign_to_successor(
                    cast(User, request.user), task, assignment, form.cleaned_data["successor"]
                )
                messages.success(request, _("Đã chuyển nhiệm vụ cho đơn vị kế thừa."))
            except ActionError as error:
                self.action_failed(request, error)
        else:
            messages.error(request, _("Hãy chọn một đơn vị kế thừa."))
        return redirect("plans:task_detail", pk=task.pk)
