"""Pages of the reminders: the log (nhật ký đôn đốc) and the officer's "đôn đốc" forms."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from core.forms_views import ScopedFormActionView
from core.views import ScopedListView
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


class RemindView(ScopedFormActionView):
    """Remind ("đôn đốc") one unit report, with a message (monitoring office, plan managers)."""

    model = UnitReport
    form_class = RemindForm
    template_name = "reminders/remind.html"
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
            obj,
            form,
            history=history,
            remindable=actions.is_remindable(obj),
            recipients=actions.reachability([obj])[obj.pk],
            **extra,
        )

    def perform(self, form: Any, obj: Any) -> ReminderLog:
        return actions.remind_manually(
            cast(User, self.request.user), obj, form.cleaned_data["message"]
        )

    def get_success_message(self, result: Any) -> str:
        return _("Đã đôn đốc %(unit)s (%(n)s người nhận).") % {
            "unit": self.object.unit.name,
            "n": result.recipients.count(),
        }

    def success_url(self, result: Any) -> str:
        return safe_next(self.request, self.request.POST.get("next", ""), self.request.path)


class RemindRoundView(ScopedFormActionView):
    """Remind ("đôn đốc") every report of a round that has not been submitted yet."""

    model = ReportingRound
    form_class = RemindForm
    template_name = "reminders/remind_round.html"
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
        reports = list(missing)
        reach = actions.reachability(reports)
        for report in reports:
            report.recipients = reach[report.pk]  # type: ignore[attr-defined]
        unreachable = [r for r in reports if not reach[r.pk]]
        return super().get_context_data(
            obj, form, missing=reports, unreachable=unreachable, **extra
        )

    def perform(self, form: Any, obj: Any) -> list[ReminderLog]:
        return actions.remind_round(
            cast(User, self.request.user), obj, form.cleaned_data["message"]
        )

    def get_success_message(self, result: Any) -> str:
        failed = [log.unit_report.unit.name for log in result if not log.delivered]
        sent = len(result) - len(failed)
        text = _("Đã đôn đốc %(n)s đơn vị chưa nộp báo cáo.") % {"n": sent}
        if failed:
            text += " " + _(
                "%(m)s đơn vị không có người nhận, đã ghi vào nhật ký là không gửi được: %(units)s."
            ) % {"m": len(failed), "units": ", ".join(failed)}
        return text

    def success_url(self, result: Any) -> str:
        return safe_next(self.request, self.request.POST.get("next", ""), self.request.path)
