"""The issues register (sổ theo dõi vướng mắc): promote a difficulty, list, follow up."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from reporting import issue_actions as actions
from reporting.filtersets import IssueFilterSet
from reporting.forms import IssueForm, PromoteIssueForm
from reporting.models import Issue, IssueStatus, TaskReport, is_reviewer


class PromoteIssueView(ScopedActionView):
    """Turn a task report's difficulty into a tracked issue."""

    model = TaskReport
    template_name = "reporting/issue_promote.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(
            "task", "unit_report", "unit_report__unit", "unit_report__round__plan"
        )

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.unit_report.round.plan)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        section = self.get_object()
        form = PromoteIssueForm(
            user=request.user,
            initial={
                "title": section.difficulties.split("\n")[0][:300],
                "description": section.difficulties,
                "owner": section.unit_report.unit,
            },
        )
        return render(request, self.template_name, {"form": form, "section": section})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        section = self.get_object()
        form = PromoteIssueForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                issue = actions.promote_issue(
                    cast(User, request.user), section, **form.cleaned_data
                )
                messages.success(request, _("Đã đưa vào sổ theo dõi vướng mắc."))
                return redirect("reporting:issue_detail", pk=issue.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "section": section})


class IssueListView(ScopedListView):
    model = Issue
    filterset_class = IssueFilterSet
    template_name = "reporting/issue_list.html"
    partial_template_name = "reporting/_issue_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("plan", "task", "owner", "raised_by_unit").order_by(
            "status", "-severity", "due_date"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        base = Issue.objects.visible_to(self.request.user)
        context["open_count"] = base.filter(
            status__in=(IssueStatus.OPEN, IssueStatus.IN_PROGRESS)
        ).count()
        return context


class IssueDetailView(ScopedDetailView):
    model = Issue
    template_name = "reporting/issue_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(
            "plan", "task", "owner", "raised_by_unit", "source__unit_report__round", "created_by"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        issue: Issue = self.object
        context.update(can_edit=issue.can_edit(self.request.user), history=history_for(issue))
        return context


class IssueEditView(ScopedActionView):
    model = Issue
    template_name = "reporting/issue_form.html"

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        issue = self.get_object()
        form = IssueForm(instance=issue, user=request.user)
        return render(request, self.template_name, {"form": form, "issue": issue})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        issue = self.get_object()
        form = IssueForm(request.POST, instance=issue, user=request.user)
        if form.is_valid():
            try:
                stored = Issue.objects.get(pk=issue.pk)
                actions.update_issue(
                    cast(User, request.user),
                    stored,
                    expected_version=form.cleaned_data["version"],
                    **form.action_fields(),
                )
                messages.success(request, _("Đã cập nhật vướng mắc."))
                return redirect("reporting:issue_detail", pk=issue.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "issue": issue})
