"""The reminder log (nhật ký đôn đốc): every reminder about a unit report's deadline, automatic
or sent by an officer. The table keeps its old name from when reminders lived in
``notifications`` (moved without copying rows, see migrations/0001_initial.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel, ScopedQuerySet


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("Nhắc trước hạn")
    DUE_TODAY = "due_today", _("Nhắc đúng hạn")
    OVERDUE = "overdue", _("Nhắc quá hạn")
    ESCALATION = "escalation", _("Báo lãnh đạo đơn vị")
    MANUAL = "manual", _("Đôn đốc trực tiếp")


AUTOMATIC_KINDS = (
    ReminderKind.BEFORE_DUE,
    ReminderKind.DUE_TODAY,
    ReminderKind.OVERDUE,
    ReminderKind.ESCALATION,
)


class Channel(models.TextChoices):
    IN_APP = "in_app", _("Trong hệ thống")
    IN_APP_EMAIL = "in_app_email", _("Trong hệ thống và thư điện tử")


class ReminderLogQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The same reach as the unit report itself: its unit's subtree (and the monitoring
        # office, which sees everything). An outsider never reads another unit's reminders.
        if scope.is_anonymous:
            return Q(pk__in=[])
        return scope.units_q("unit_report__unit__")


class ReminderLog(BaseModel):
    """One reminder (lượt đôn đốc) about a unit report: automatic or sent by an officer."""

    unit_report = models.ForeignKey(
        "reporting.UnitReport", on_delete=models.CASCADE, related_name="reminder_logs"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=ReminderKind.choices)
    # The calendar day the reminder belongs to; automatic reminders are unique per day.
    day = models.DateField(_("ngày"))
    sent_at = models.DateTimeField(_("thời điểm gửi"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đôn đốc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        blank=True,
        related_name="+",
        db_table="notifications_reminderlog_recipients",
    )
    channel = models.CharField(
        _("kênh"), max_length=20, choices=Channel.choices, default=Channel.IN_APP
    )
    message = models.TextField(_("nội dung"), blank=True)
    # False when nobody could receive it (the unit has no active person who files its reports,
    # or no leader for an escalation): the log says "không gửi được" instead of pretending.
    delivered = models.BooleanField(_("đã gửi tới người nhận"), default=True)

    objects = ReminderLogQuerySet.as_manager()

    class Meta:
        db_table = "notifications_reminderlog"
        verbose_name = _("nhật ký đôn đốc")
        verbose_name_plural = _("nhật ký đôn đốc")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_report", "kind", "day"],
                condition=~Q(kind="manual"),
                name="unique_automatic_reminder_per_day",
            )
        ]
        indexes = [
            # The name Django generated when the model lived in notifications: the index exists
            # under it in every database.
            models.Index(
                fields=["unit_report", "kind", "day"], name="notificatio_unit_re_f0763f_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.unit_report} — {self.day:%d/%m/%Y}"
