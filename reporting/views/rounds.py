"""Pages of the reporting calendar: a plan's schedules and rounds, a round's reports."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView
from plans.models import Plan
from reporting import actions
from reporting.forms import (
    GenerateRoundsForm,
    RoundForm,
    ScheduleForm,
)
from reporting.models import (
    ReportingRound,
    ReportingSchedule,
    ReportStatus,
    UnitReport,
    is_reviewer,
)


def completeness(reports: QuerySet) -> dict[Any, dict[str, int]]:
    """Counts per round id: total, each status, and submitted-or-later."""
    counts: dict[Any, dict[str, int]] = {}
    for row in reports.values("round_id", "status").annotate(n=Count("pk")).order_by():
        entry = counts.setdefault(row["round_id"], Counter())
        entry[row["status"]] += row["n"]
        entry["total"] += row["n"]
        if row["status"] in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
            entry["in"] += row["n"]
    return counts


class PlanCalendarView(ScopedDetailView):
    """The plan's reporting calendar (lịch báo cáo) and its rounds with completeness counts."""

    model = Plan
    template_name = "reporting/plan_calendar.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan: Plan = self.object
        user = self.request.user
        rounds = list(plan.rounds.all().order_by("-period_end", "kind"))
        counts = completeness(UnitReport.objects.visible_to(user).filter(round__plan=plan))
        for round_ in rounds:
            round_.counts = counts.get(round_.pk, {})  # type: ignore[attr-defined]
        can_manage = is_reviewer(user, plan)
        context.update(
            schedules=plan.reporting_schedules.all().order_by("kind"),
            rounds=rounds,
            can_manage=can_manage,
            schedule_form=ScheduleForm() if can_manage else None,
            generate_form=GenerateRoundsForm(initial={"until": timezone.localdate()}),
            today=timezone.localdate(),
        )
        return context


class ScheduleCreateView(ScopedFormActionView):
    """A button on the calendar: add a regular schedule (lịch báo cáo định kỳ)."""

    model = Plan
    form_class = ScheduleForm
    success_message = gettext_lazy("Đã thêm lịch báo cáo định kỳ.")
    invalid_message = gettext_lazy("Thông tin lịch báo cáo chưa hợp lệ: kiểm tra các ngày.")

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.create_schedule(cast(User, self.request.user), obj, **form.cleaned_data)

    def return_url(self) -> str:
        return reverse("reporting:plan_calendar", kwargs={"pk": self.object.pk})


class GenerateRoundsView(ScopedFormActionView):
    model = ReportingSchedule
    form_class = GenerateRoundsForm
    invalid_message = gettext_lazy("Ngày không hợp lệ (dd/mm/yyyy).")

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.plan)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.generate_rounds(
            cast(User, self.request.user), obj, form.cleaned_data["until"]
        )

    def get_success_message(self, result: Any) -> str:
        message = _("Đã tạo %(n)s kỳ báo cáo mới.") % {"n": len(result)}
        later = len(result) - actions.rounds.DERIVE_IN_REQUEST
        if later > 0:
            message += " " + _(
                "Báo cáo cần nộp của %(n)s kỳ sau đang được tạo ở tiến trình nền."
            ) % {"n": later}
        return message

    def return_url(self) -> str:
        return reverse("reporting:plan_calendar", kwargs={"pk": self.object.plan_id})


class RoundCreateView(ScopedFormActionView):
    """A one-off round (sơ kết, tổng kết) with its own deadline and template."""

    model = Plan
    form_class = RoundForm
    template_name = "reporting/round_form.html"
    object_name = "plan"
    success_message = gettext_lazy("Đã tạo kỳ báo cáo và các báo cáo cần nộp.")

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.create_round(cast(User, self.request.user), obj, **form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return reverse("reporting:round_detail", kwargs={"pk": result.pk})


class RoundDetailView(ScopedDetailView):
    model = ReportingRound
    template_name = "reporting/round_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("plan")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        round_: ReportingRound = self.object
        user = self.request.user
        reports = list(
            UnitReport.objects.visible_to(user)
            .filter(round=round_)
            .select_related("unit", "round")
            .annotate(sections=Count("task_reports"))
            .order_by("unit__name")
        )
        context.update(
            reports=reports,
            counts=Counter(r.status for r in reports),
            can_manage=is_reviewer(user, round_.plan),
            history=history_for(round_)[:20],
        )
        return context


class DeriveReportsView(ScopedFormActionView):
    """A button: add the reports and task sections a round is missing."""

    model = ReportingRound

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.plan)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.derive_reports(cast(User, self.request.user), obj)

    def get_success_message(self, result: Any) -> str:
        if result["orphans"]:
            messages.warning(
                self.request,
                _("Đơn vị đã giải thể chưa có đơn vị kế thừa: %s") % ", ".join(result["orphans"]),
            )
        return _("Đã bổ sung %(r)s báo cáo và %(s)s phần nhiệm vụ.") % {
            "r": result["reports"],
            "s": result["sections"],
        }

    def return_url(self) -> str:
        return reverse("reporting:round_detail", kwargs={"pk": self.object.pk})
