"""The public portal's own data: citizens' feedback (ý kiến nhân dân) routed to the Front."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import ScopedQuerySet, VersionedModel


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("Chờ kiểm duyệt")
    PUBLISHED = "published", _("Đã công khai")
    REJECTED = "rejected", _("Không công khai")


class FeedbackQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The queue belongs to the Front that receives it; the public sees published ones
        # only through the portal's own published queries.
        if scope.is_anonymous:
            return Q(pk__in=[])
        return scope.units_q("recipient__")

    def published(self) -> FeedbackQuerySet:
        return self.filter(status=FeedbackStatus.PUBLISHED)


class Feedback(VersionedModel):
    """A citizen's feedback or proposal, followed by its tracking code (mã tra cứu)."""

    tracking_code = models.CharField(_("mã tra cứu"), max_length=16, unique=True)
    recipient = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("nơi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    sender_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    sender_contact = models.CharField(_("điện thoại hoặc thư điện tử"), max_length=120, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), max_length=5000)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.PENDING,
    )
    answer = models.TextField(_("trả lời"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A keyed hash of the sender's address: enough to rate-limit, not to identify anyone.
    ip_hash = models.CharField(max_length=64, db_index=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến nhân dân")
        verbose_name_plural = _("ý kiến nhân dân")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.subject}"
