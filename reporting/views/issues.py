"""The issues register (sổ theo dõi vướng mắc): promote a difficulty, list, follow up."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView, ScopedListView
from reporting.actions import issues as actions
from reporting.filtersets import IssueFilterSet
from reporting.forms import IssueForm, PromoteIssueForm
from reporting.models import Issue, IssueStatus, TaskReport, is_reviewer


class PromoteIssueView(ScopedFormActionView):
    """Turn a task report's difficulty into a tracked issue."""

    model = TaskReport
    form_class = PromoteIssueForm
    template_name = "reporting/issue_promote.html"
    object_name = "section"
    success_message = gettext_lazy("Đã đưa vào sổ theo dõi vướng mắc.")

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(
            "task", "unit_report", "unit_report__unit", "unit_report__round__plan"
        )

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.unit_report.round.plan)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {
            "title": obj.difficulties.split("\n")[0][:300],
            "description": obj.difficulties,
            "owner": obj.unit_report.unit,
        }

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user}

    def perform(self, form: Any, obj: Any) -> Issue:
        return actions.promote_issue(cast(User, self.request.user), obj, **form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return reverse("reporting:issue_detail", kwargs={"pk": result.pk})


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


class IssueEditView(ScopedFormActionView):
    model = Issue
    form_class = IssueForm
    template_name = "reporting/issue_form.html"
    object_name = "issue"
    success_message = gettext_lazy("Đã cập nhật vướng mắc.")

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> Issue:
        return actions.update_issue(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            **form.action_fields(),
        )

    def success_url(self, result: Any) -> str:
        return reverse("reporting:issue_detail", kwargs={"pk": result.pk})
