"""Recommendations (kiến nghị): issue, answer, close or re-open; the dashboard by unit/year."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView, ScopedViewMixin
from supervision import actions
from supervision.forms import AnswerForm, CloseForm, RecommendationForm, ReopenForm
from supervision.models import Recommendation, RecommendationStatus, Supervision


class IssueView(ScopedFormActionView):
    """Issue a recommendation from the supervision page (pk: the supervision)."""

    model = Supervision
    form_class = RecommendationForm
    template_name = "supervision/form.html"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã gửi kiến nghị.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage(self.request.user, obj)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"supervision": obj}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return {**super().get_context_data(obj, form, **extra), "heading": _("Kiến nghị")}

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.issue_recommendation(cast(User, self.request.user), obj, **form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return reverse("supervision:detail", kwargs={"pk": result.supervision_id})


class RecommendationDetailView(ScopedDetailView):
    model = Recommendation
    template_name = "supervision/recommendation.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit", "supervision__programme__organiser", "answered_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, rec = self.request.user, self.object
        manage = actions.can_manage(user, rec.supervision)
        initial = {"version": rec.version}
        if actions.can_answer(user, rec):
            context["answer_form"] = AnswerForm(initial=initial)
        if manage and rec.status != RecommendationStatus.CLOSED:
            context["close_form"] = CloseForm(initial=initial)
        if manage and rec.status != RecommendationStatus.OPEN:
            context["reopen_form"] = ReopenForm(initial=initial)
        context["escalations"] = rec.escalations.order_by("day", "level").prefetch_related(
            "recipients"
        )
        context["history"] = history_for(rec)[:30]
        return context


class _RecommendationStep(ScopedFormActionView):
    model = Recommendation
    template_name = "supervision/recommendation_step.html"
    errors_on_form = True
    invalid_status = 400

    def success_url(self, result: Any) -> str:
        return reverse("supervision:recommendation", kwargs={"pk": result.pk})


class AnswerView(_RecommendationStep):
    form_class = AnswerForm
    success_message = _("Đã gửi trả lời kiến nghị.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_answer(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.answer_recommendation(
            cast(User, self.request.user),
            obj,
            expected_version=data["version"],
            kind=data["kind"],
            response=data["response"],
        )


class CloseView(_RecommendationStep):
    form_class = CloseForm
    success_message = _("Đã đóng kiến nghị.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage(self.request.user, obj.supervision)

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.close_recommendation(
            cast(User, self.request.user), obj, expected_version=data["version"], note=data["note"]
        )


class ReopenView(_RecommendationStep):
    form_class = ReopenForm
    success_message = _("Đã mở lại kiến nghị.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage(self.request.user, obj.supervision)

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.reopen_recommendation(
            cast(User, self.request.user),
            obj,
            expected_version=data["version"],
            note=data["note"],
            due_date=data["due_date"],
        )


def _year(value: str | None, default: int) -> int:
    try:
        year = int(value or default)
    except ValueError:
        return default
    return year if 1990 <= year <= 2100 else default


class DashboardView(ScopedViewMixin, TemplateView):
    """Recommendations by unit for a year: open, overdue, answered, closed."""

    model = Recommendation
    template_name = "supervision/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = _year(self.request.GET.get("year"), today.year)
        visible = self.scoped_queryset()
        open_q = Q(status=RecommendationStatus.OPEN)
        rows = (
            visible.filter(supervision__programme__year=year)
            .values("unit__name")
            .annotate(
                open=Count("pk", filter=open_q & Q(due_date__gte=today), distinct=True),
                overdue=Count("pk", filter=open_q & Q(due_date__lt=today), distinct=True),
                answered=Count("pk", filter=Q(status=RecommendationStatus.ANSWERED), distinct=True),
                closed=Count("pk", filter=Q(status=RecommendationStatus.CLOSED), distinct=True),
                total=Count("pk", distinct=True),
            )
            .order_by("unit__name")
        )
        rows = list(rows)
        context["rows"] = rows
        context["year"] = year
        context["years"] = sorted(
            set(visible.values_list("supervision__programme__year", flat=True)) | {today.year},
            reverse=True,
        )
        context["totals"] = {
            key: sum(r[key] for r in rows)
            for key in ("open", "overdue", "answered", "closed", "total")
        }
        return context
