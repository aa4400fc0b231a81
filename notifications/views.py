from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ActionError
from core.views import ScopedActionView, ScopedListView
from notifications import actions
from notifications.filtersets import NotificationFilterSet, ReminderLogFilterSet
from notifications.forms import PreferenceForm, RemindForm
from notifications.models import (
    EmailMode,
    Notification,
    NotificationPreference,
    ReminderLog,
)
from reporting.models import ReportingRound, UnitReport


def _safe_next(request: HttpRequest, target: str, default: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class NotificationListView(ScopedListView):
    """The notification centre (trung tâm thông báo): only the signed-in person's own."""

    model = Notification
    filterset_class = NotificationFilterSet
    template_name = "notifications/notification_list.html"
    partial_template_name = "notifications/_notification_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-created_at")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["unread_count"] = (
            Notification.objects.visible_to(self.request.user).unread().count()
        )
        return context


class NotificationOpenView(ScopedActionView):
    """Open a notification: mark it read and go to what it is about."""

    model = Notification

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        notification = self.get_object()
        actions.mark_read(cast(User, request.user), notification)
        return redirect(_safe_next(request, notification.link, "notifications:list"))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        notification = self.get_object()
        actions.mark_read(cast(User, request.user), notification)
        return redirect(_safe_next(request, request.POST.get("next", ""), "notifications:list"))


class MarkAllReadView(ScopedActionView):
    model = Notification

    def post(self, request: HttpRequest) -> HttpResponse:
        count = actions.mark_all_read(cast(User, request.user))
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
        return redirect(_safe_next(request, request.POST.get("next", ""), "notifications:list"))


class PreferenceView(ScopedActionView):
    """The person's own e-mail preference (immediate, daily digest, off)."""

    model = NotificationPreference
    template_name = "notifications/preferences.html"

    def _current(self) -> str:
        preference = self.scoped_queryset().first()
        return preference.email_mode if preference else EmailMode.IMMEDIATE

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PreferenceForm(initial={"email_mode": self._current()})
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PreferenceForm(request.POST)
        if form.is_valid():
            try:
                actions.set_email_mode(cast(User, request.user), form.cleaned_data["email_mode"])
                messages.success(request, _("Đã lưu tùy chọn nhận thông báo."))
                return redirect("notifications:preferences")
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form})


class ReminderLogListView(ScopedListView):
    """The reminder log (nhật ký đôn đốc): the office sees all, a unit its own subtree."""

    model = ReminderLog
    filterset_class = ReminderLogFilterSet
    template_name = "notifications/reminder_list.html"
    partial_template_name = "notifications/_reminder_table.html"

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
    template_name = "notifications/remind.html"

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
                log = actions.remind_manually(
                    cast(User, request.user), report, form.cleaned_data["message"]
                )
                messages.success(
                    request,
                    _("Đã đôn đốc %(unit)s (%(n)s người nhận).")
                    % {"unit": report.unit.name, "n": log.recipients.count()},
                )
                return redirect(_safe_next(request, request.POST.get("next", ""), request.path))
            except ActionError as error:
                self.action_failed(request, error)
        return self._render(request, report, form)


class RemindRoundView(ScopedActionView):
    """Remind ("đôn đốc") every report of a round that has not been submitted yet."""

    model = ReportingRound
    template_name = "notifications/remind_round.html"

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
                logs = actions.remind_round(
                    cast(User, request.user), round_, form.cleaned_data["message"]
                )
                messages.success(
                    request, _("Đã đôn đốc %(n)s đơn vị chưa nộp báo cáo.") % {"n": len(logs)}
                )
                return redirect(_safe_next(request, request.POST.get("next", ""), request.path))
            except ActionError as error:
                self.action_failed(request, error)
        return self._render(request, round_, form)
