"""The generic inbox: in-app notifications, e-mail preferences and the scheduler's record of
periodic runs. It knows nothing of what a notification is about beyond its ``topic`` and
``link``: the apps above (reporting, reminders…) decide whom to tell what."""

from __future__ import annotations

import uuid
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
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

    def about(self, obj: models.Model) -> Self:
        return self.filter(topic=topic_of(obj))


def topic_of(obj: models.Model | None) -> str:
    """The ``topic`` key of a notification about ``obj`` (empty when about nothing)."""
    if obj is None:
        return ""
    return f"{obj._meta.label_lower}:{obj.pk}"


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
    # What the notification is about, as "<app_label>.<model>:<pk>" (see ``topic_of``): a key to
    # find the notifications about one object without the inbox knowing the other apps' models.
    topic = models.CharField(_("chủ đề"), max_length=200, blank=True, default="")
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
            models.Index(fields=["topic"], name="notification_topic_idx"),
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


class TaskLease(models.Model):
    """The lease (quyền giữ việc) of a running background task: the worker that claimed the
    task renews ``expires_at`` with a heartbeat while it runs. A worker killed mid-task stops
    beating; once the lease expires another worker puts the task back in the queue
    (``notifications.leases.recover_expired``)."""

    task_id = models.UUIDField(primary_key=True)  # django_tasks_db DBTaskResult.id
    worker_id = models.CharField(max_length=64)
    heartbeat_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("quyền giữ việc nền")
        verbose_name_plural = _("quyền giữ việc nền")

    def __str__(self) -> str:
        return f"{self.task_id} @ {self.worker_id}"


class OutboxEmail(models.Model):
    """An e-mail waiting to go out (thư chờ gửi). The row is committed before anything is sent
    (in the transaction of the notification it carries); the sender claims it, sends it with
    its key as the Message-ID and ``X-Idempotency-Key`` header, then marks it sent. A crash
    between the send and the mark resends it with the same key (at least once, never lost)."""

    key = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    topic = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    # When the next attempt is due (now for a new row; later after a failure: back-off).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A sender holds the row until then; a sender killed while holding it loses it after.
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Given up after OUTBOX_MAX_ATTEMPTS failures: kept for the administrator to see.
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("thư chờ gửi")
        indexes = [
            models.Index(fields=["sent_at", "failed_at", "next_attempt_at"], name="outbox_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Dispatch(models.Model):
    """One notification a scheduled run sends to a fixed list of people (đợt gửi thông báo):
    a reminder round of a project, a recommendation's reminder or escalation, an IP title's
    expiry notice, the brokers' daily reminder. Created in the transaction that claims the
    run (the app's own "already reminded" mark), with the text and the intended recipients;
    each person then gets their copy in its own transaction (``Delivery``). A run killed
    half-way is finished by the next one (``notifications.dispatch.resume``) and never reaches
    anyone twice."""

    # "<app>.<what>:<object>[:<occasion>]", unique: the same occasion is never dispatched twice.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    topic = models.CharField(max_length=200, blank=True, default="")
    email = models.BooleanField(default=True)
    recipients: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once everyone in ``recipients`` has their ``Delivery``: resume looks only at the rest.
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đợt gửi thông báo")
        verbose_name_plural = _("đợt gửi thông báo")
        indexes = [models.Index(fields=["completed_at", "key"], name="dispatch_open_idx")]

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """One person's copy of a dispatch (lượt gửi tới một người): created in the transaction
    of their notification (and its outbox e-mail), unique per dispatch and person."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    delivered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lượt gửi thông báo")
        verbose_name_plural = _("lượt gửi thông báo")
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "recipient"], name="unique_dispatch_delivery"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dispatch_id} → {self.recipient_id}"
