"""In-app notifications, e-mail preferences, the reminder log (đôn đốc) and the scheduler's
record of periodic runs."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel, ScopedQuerySet


class NotificationKind(models.TextChoices):
    REMINDER = "reminder", _("Nhắc hạn báo cáo")
    OVERDUE = "overdue", _("Báo cáo quá hạn")
    ESCALATION = "escalation", _("Báo cáo lãnh đạo đơn vị")
    MANUAL = "manual", _("Đôn đốc")
    INFO = "info", _("Thông báo")


class NotificationQuerySet(ScopedQuerySet):
    """A notification is private to its recipient, even for those who see everything else."""

    def visible_to_scope(self, scope: Any) -> Self:
        if scope.is_anonymous:
            return self.none()
        return self.filter(recipient_id=scope.user_id)

    def _visible_q(self, scope: Any) -> Q:
        return Q(recipient_id=scope.user_id)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(BaseModel):
    """An in-app notification (thông báo) for one person; also e-mailed per their preference."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(
        _("loại"), max_length=20, choices=NotificationKind.choices, default=NotificationKind.INFO
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    unit_report = models.ForeignKey(
        "reporting.UnitReport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    # Set when the notification went out by e-mail (immediately or in a digest), so a digest
    # never repeats it; set too when the recipient's preference is "off".
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "emailed_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi ngay từng thông báo")
    DIGEST = "digest", _("Gửi một thư tổng hợp mỗi ngày")
    OFF = "off", _("Không gửi thư điện tử")


class NotificationPreferenceQuerySet(ScopedQuerySet):
    def visible_to_scope(self, scope: Any) -> Self:
        if scope.is_anonymous:
            return self.none()
        return self.filter(user_id=scope.user_id)

    def _visible_q(self, scope: Any) -> Q:
        return Q(user_id=scope.user_id)


class NotificationPreference(BaseModel):
    """A person's choice of how notifications reach them by e-mail (tùy chọn nhận thông báo)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_mode = models.CharField(
        _("nhận thư điện tử"),
        max_length=20,
        choices=EmailMode.choices,
        default=EmailMode.IMMEDIATE,
    )

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tùy chọn nhận thông báo")
        verbose_name_plural = _("tùy chọn nhận thông báo")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_email_mode_display()}"


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
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), blank=True, related_name="+"
    )
    channel = models.CharField(
        _("kênh"), max_length=20, choices=Channel.choices, default=Channel.IN_APP
    )
    message = models.TextField(_("nội dung"), blank=True)

    objects = ReminderLogQuerySet.as_manager()

    class Meta:
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
        indexes = [models.Index(fields=["unit_report", "kind", "day"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.unit_report} — {self.day:%d/%m/%Y}"


class JobRun(models.Model):
    """A periodic job's run for one day (lượt chạy định kỳ); the scheduler enqueues a job only
    when it can create this row, so restarts and a second worker never double-send."""

    job = models.CharField(max_length=60)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("lượt chạy định kỳ")
        verbose_name_plural = _("lượt chạy định kỳ")
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="unique_job_run")]

    def __str__(self) -> str:
        return f"{self.job} {self.day:%d/%m/%Y}"
