"""Document import jobs: an uploaded file, its extracted text, the parsed draft and its outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import percentage
from core.files import RandomName
from core.models import ScopedQuerySet, VersionedModel
from imports.draft import Draft

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang phân tích")
    DONE = "done", _("Chờ rà soát")
    FAILED = "failed", _("Lỗi")
    CONFIRMED = "confirmed", _("Đã nhập")


class ImportJobQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # Only the person who uploaded the file (and the monitoring officer, who sees
        # everything through the scope) may see a job: drafts are private working copies.
        if scope.is_anonymous:
            return Q(pk__in=[])
        return Q(created_by_id=scope.user_id)


class ImportJob(VersionedModel):
    """A document import (nhập văn bản): upload → background parsing → review → confirm."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file = models.FileField(_("tệp gốc"), upload_to=RandomName("imports"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    message = models.CharField(_("thông báo"), max_length=300, blank=True)
    text = models.TextField(_("văn bản trích xuất"), blank=True)
    parsed = models.JSONField(_("kết quả phân tích"), default=dict, blank=True)
    # Read and written through ``get_draft``/``set_draft``: the shape is ``imports.draft.Draft``.
    draft = models.JSONField(_("bản rà soát"), default=dict, blank=True)
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhập văn bản")
        verbose_name_plural = _("lượt nhập văn bản")
        ordering = ["-created_at"]
        constraints = [
            percentage(
                "progress",
                name="import_job_progress_percentage",
                message=_("Tiến độ phải là số từ 0 đến 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.filename or str(_("Văn bản dán vào"))

    def get_draft(self) -> Draft:
        """The review draft, typed (drafts stored by older code get defaults)."""
        return Draft.from_json(self.draft)

    def set_draft(self, draft: Draft) -> None:
        self.draft = draft.to_json()

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CONFIRMED)

    @property
    def is_reviewable(self) -> bool:
        return self.status == ImportStatus.DONE

    def can_edit(self, user: User | AnonymousUser) -> bool:
        return bool(user.pk == self.created_by_id or getattr(user, "is_superuser", False))
