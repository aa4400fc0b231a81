from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms_views import ScopedFormActionView
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
        actions.mark_read(request.user, notification)
        return redirect(_safe_next(request, notification.link, "notifications:list"))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        notification = self.get_object()
        actions.mark_read(request.user, notification)
        return redirect(_safe_next(request, request.POST.get("next", ""), "notifications:list"))


class MarkAllReadView(ScopedActionView):
    model = Notification

    def post(self, request: HttpRequest) -> HttpResponse:
        count = actions.mark_all_read(request.user)
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
        return redirect(_safe_next(request, request.POST.get("next", ""), "notifications:list"))


class PreferenceView(ScopedFormActionView):
    """The person's own e-mail preference (immediate, daily digest, off)."""

    model = NotificationPreference
    form_class = PreferenceForm
    template_name = "notifications/preferences.html"
    optional_object = True  # no pk: the signed-in person's own row (see get_initial)
    success_message = gettext_lazy("Đã lưu tùy chọn nhận thông báo.")

    def get_initial(self, obj: Any) -> dict[str, Any]:
        preference = self.scoped_queryset().first()
        return {"email_mode": preference.email_mode if preference else EmailMode.IMMEDIATE}

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.set_email_mode(self.request.user, form.cleaned_data["email_mode"])

    def success_url(self, result: Any) -> str:
        return reverse("notifications:preferences")


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


class RemindView(ScopedFormActionView):
    """Remind ("đôn đốc") one unit report, with a message (monitoring office, plan managers)."""

    model = UnitReport
    form_class = RemindForm
    template_name = "notifications/remind.html"
    object_name = "report"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit", "round", "round__plan", "round__plan__owner")

    def allowed(self, obj: Any) -> bool:
        return actions.can_remind(self.request.user, obj)

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        history = (
            ReminderLog.objects.visible_to(self.request.user)
            .filter(unit_report=obj)
            .select_related("sent_by")
            .annotate(recipient_count=Count("recipients", distinct=True))
            .order_by("-sent_at")[:20]
        )
        return super().get_context_data(
            obj, form, history=history, remindable=actions.is_remindable(obj), **extra
        )

    def perform(self, form: Any, obj: Any) -> ReminderLog:
        return actions.remind_manually(self.request.user, obj, form.cleaned_data["message"])

    def get_success_message(self, result: Any) -> str:
        return _("Đã đôn đốc %(unit)s (%(n)s người nhận).") % {
            "unit": self.object.unit.name,
            "n": result.recipients.count(),
        }

    def success_url(self, result: Any) -> str:
        return _safe_next(self.request, self.request.POST.get("next", ""), self.request.path)


class RemindRoundView(ScopedFormActionView):
    """Remind ("đôn đốc") every report of a round that has not been submitted yet."""

    model = ReportingRound
    form_class = RemindForm
    template_name = "notifications/remind_round.html"
    object_name = "round"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("plan", "plan__owner")

    def allowed(self, obj: Any) -> bool:
        return actions.can_remind_for_plan(self.request.user, obj.plan)

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        missing = (
            UnitReport.objects.visible_to(self.request.user)
            .filter(round=obj)
            .exclude(status__in=actions.DONE_STATUSES)
            .select_related("unit")
            .annotate(reminder_count=Count("reminder_logs"))
            .order_by("unit__name")
        )
        return super().get_context_data(obj, form, missing=missing, **extra)

    def perform(self, form: Any, obj: Any) -> list[ReminderLog]:
        return actions.remind_round(self.request.user, obj, form.cleaned_data["message"])

    def get_success_message(self, result: Any) -> str:
        return _("Đã đôn đốc %(n)s đơn vị chưa nộp báo cáo.") % {"n": len(result)}

    def success_url(self, result: Any) -> str:
        return _safe_next(self.request, self.request.POST.get("next", ""), self.request.path)
