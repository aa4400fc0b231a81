"""Pages of the reminders: the log (nhật ký đôn đốc) and the officer's "đôn đốc" forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import ActionError
from core.views import ScopedActionView, ScopedListView
from notifications.views import safe_next
from reminders import actions
from reminders.filtersets import ReminderLogFilterSet
from reminders.forms import RemindForm
from reminders.models import ReminderLog
from reporting.models import ReportingRound, UnitReport


class ReminderLogListView(ScopedListView):
    """The reminder log (nhật ký đôn đốc): the office sees all, a unit its own subtree."""

    model = ReminderLog
    filterset_class = ReminderLogFilterSet
    template_name = "reminders/reminder_list.html"
    partial_template_name = "reminders/_reminder_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related(
                "unit_report", "unit_report__unit", "unit_report__round", "sent_by"
            )
            .prefetch_related("recipients")
            .annotate(recipient_count=Count("recipients", distinct=True))
            .order_by("-sent_at")
        )


class RemindView(ScopedActionView):
    """Remind ("đôn đốc") one unit report, with a message (monitoring office, plan managers)."""

    model = UnitReport
    template_name = "reminders/remind.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit", "round", "round__plan", "round__plan__owner")

    def allowed(self, obj: Any) -> bool:
        return actions.can_remind(self.request.user, obj)

    def _render(self, request: HttpRequest, report: UnitReport, form: RemindForm) -> HttpResponse:
        history = (
            ReminderLog.objects.visible_to(request.user)
            .filter(unit_report=report)
            .select_related("sent_by")
            .annotate(recipient_count=Count("recipients", distinct=True))
            .order_by("-sent_at")[:20]
        )
        return render(
            request,
            self.template_name,
            {
                "report": report,
                "form": form,
                "history": history,
                "remindable": actions.is_remindable(report),
            },
        )

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        return self._render(request, self.get_object(), RemindForm())

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        form = RemindForm(request.POST)
        if form.is_valid():
            try:
                log = actions.remind_manually(request.user, report, form.cleaned_data["message"])
                messages.success(
                    request,
                    _("Đã đôn đốc %(unit)s (%(n)s người nhận).")
                    % {"unit": report.unit.name, "n": log.recipients.count()},
                )
                return redirect(safe_next(request, request.POST.get("next", ""), request.path))
            except ActionError as error:
                self.action_failed(request, error)
        return self._render(request, report, form)


class RemindRoundView(ScopedActionView):
    """Remind ("đôn đốc") every report of a round that has not been submitted yet."""

    model = ReportingRound
    template_name = "reminders/remind_round.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("plan", "plan__owner")

    def allowed(self, obj: Any) -> bool:
        return actions.can_remind_for_plan(self.request.user, obj.plan)

    def _render(
        self, request: HttpRequest, round_: ReportingRound, form: RemindForm
    ) -> HttpResponse:
        missing = (
            UnitReport.objects.visible_to(request.user)
            .filter(round=round_)
            .exclude(status__in=actions.DONE_STATUSES)
            .select_related("unit")
            .annotate(reminder_count=Count("reminder_logs"))
            .order_by("unit__name")
        )
        return render(
            request,
            self.template_name,
            {"round": round_, "form": form, "missing": missing},
        )

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        return self._render(request, self.get_object(), RemindForm())

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        round_ = self.get_object()
        form = RemindForm(request.POST)
        if form.is_valid():
            try:
                logs = actions.remind_round(request.user, round_, form.cleaned_data["message"])
                messages.success(
                    request, _("Đã đôn đốc %(n)s đơn vị chưa nộp báo cáo.") % {"n": len(logs)}
                )
                return redirect(safe_next(request, request.POST.get("next", ""), request.path))
            except ActionError as error:
                self.action_failed(request, error)
        return self._render(request, round_, form)
