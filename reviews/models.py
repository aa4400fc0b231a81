"""Compiled official reports (báo cáo sơ kết, tổng kết): drafted from accepted unit reports,
edited paragraph by paragraph, versioned, approved, exported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before
from core.models import BaseModel, ScopedQuerySet, VersionedModel
from core.permissions import APPROVE_REVIEW, COMPILE_REVIEW, PUBLISH_REVIEW
from core.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã duyệt")


class Layout(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")


class ReviewQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # Compiled reports are internal to the plan's owner (and the monitoring office, which
        # sees everything): a reporting unit sees none unless it owns the plan.
        if scope.is_anonymous:
            return Q(pk__in=[])
        return Q(plan__owner__in=scope.units_subquery()) | Q(created_by_id=scope.user_id)

    def published(self) -> ReviewQuerySet:
        """What the public portal may show: approved *and* published (both, always)."""
        return self.filter(is_published=True, status=ReviewStatus.APPROVED)


class Review(VersionedModel):
    """A compiled review report (báo cáo sơ kết, tổng kết, báo cáo định kỳ) of a plan."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="reviews")
    round = models.ForeignKey(
        "reporting.ReportingRound",
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    title = models.TextField(_("trích yếu"))
    period_label = models.CharField(_("kỳ"), max_length=120)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    layout = models.CharField(_("thể thức"), max_length=10, choices=Layout.choices)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=300)
    superior_name = models.CharField(_("cơ quan cấp trên"), max_length=300, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_title = models.CharField(_("thẩm quyền ký"), max_length=200, blank=True)
    signer_role = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    annexes = models.JSONField(_("phụ lục"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_published = models.BooleanField(_("công khai"), default=False)
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")
        ordering = ["-created_at"]
        constraints = [
            not_before(
                "period_start",
                "period_end",
                name="review_period_end_not_before_start",
                message=_("Ngày kết thúc kỳ phải sau ngày bắt đầu."),
            ),
            # Nothing unapproved is ever public, whatever path wrote the row.
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(status=ReviewStatus.APPROVED),
                name="review_published_only_if_approved",
                violation_error_message=_("Chỉ công khai báo cáo đã được duyệt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"[:300]

    @property
    def is_approved(self) -> bool:
        return self.status == ReviewStatus.APPROVED

    def can_edit(self, user: User | AnonymousUser) -> bool:
        """Monitoring officers and the plan's editors compile and edit the draft."""
        return scope_for(user).can(COMPILE_REVIEW, self.plan.owner.path)

    def can_approve(self, user: User | AnonymousUser) -> bool:
        """A leader of the issuing body approves (a separate capability from compiling); the
        person who compiled the draft approves it only when holding both roles explicitly."""
        if self.is_approved:
            return False
        scope = scope_for(user)
        path = self.plan.owner.path
        if not scope.can(APPROVE_REVIEW, path):
            return False
        if self.created_by_id is None or self.created_by_id != getattr(user, "pk", None):
            return True
        return holds_both_roles(user, path)

    def can_publish(self, user: User | AnonymousUser) -> bool:
        """Only an approved report goes to the public portal, by the issuing body's leader or
        the monitoring office (``PUBLISH_REVIEW``); the same people take it down."""
        return self.is_approved and scope_for(user).can(PUBLISH_REVIEW, self.plan.owner.path)

    def can_change_text(self, user: User | AnonymousUser) -> bool:
        return not self.is_approved and self.can_edit(user)


def holds_both_roles(user: User | AnonymousUser, path: str) -> bool:
    """Does ``user`` hold, over the unit at ``path``, a role that compiles *and* a different
    role that approves (e.g. a monitoring membership and a leader's one)? One role granting
    both is not enough for the same person to compile and approve."""
    scope = scope_for(user)
    approving = APPROVE_REVIEW.roles
    compiling = COMPILE_REVIEW.all_roles - approving
    approves = scope.has_role_over(path, approving)
    compiles = any(
        role in compiling and (path.startswith(p) or role in COMPILE_REVIEW.everywhere)
        for p, role in scope.grants
    )
    return approves and compiles


class ParagraphKind(models.TextChoices):
    HEADING = "heading", _("Tiêu đề mục")
    SUBHEADING = "subheading", _("Tiêu đề tiểu mục")
    TEXT = "text", _("Đoạn văn")


class ReviewParagraph(BaseModel):
    """A paragraph (đoạn) of a compiled report, with links to the unit reports it came from."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="paragraphs")
    order = models.PositiveIntegerField()
    part = models.CharField(_("phần"), max_length=30)
    kind = models.CharField(
        max_length=12, choices=ParagraphKind.choices, default=ParagraphKind.TEXT
    )
    text = models.TextField(_("nội dung"))
    generated_text = models.TextField(editable=False, default="")
    source_reports = models.ManyToManyField(
        "reporting.UnitReport", blank=True, related_name="review_paragraphs"
    )
    source_task_reports = models.ManyToManyField(
        "reporting.TaskReport", blank=True, related_name="review_paragraphs"
    )

    class Meta:
        verbose_name = _("đoạn báo cáo")
        verbose_name_plural = _("đoạn báo cáo")
        ordering = ["review", "order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "order"], name="unique_review_paragraph")
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_edited(self) -> bool:
        return self.text != self.generated_text


class ReviewVersion(BaseModel):
    """A frozen copy of a compiled report at compile, each save and approval (phiên bản)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=30)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField(default=list)

    class Meta:
        verbose_name = _("phiên bản báo cáo tổng hợp")
        verbose_name_plural = _("phiên bản báo cáo tổng hợp")
        ordering = ["review", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="unique_review_version")
        ]

    def __str__(self) -> str:
        return f"{self.review} v{self.number}"

    def texts(self) -> dict[str, str]:
        return {row["id"]: row["text"] for row in self.content}


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class PdfRender(BaseModel):
    """A PDF made from a DOCX by the worker (bản PDF dựng nền).

    LibreOffice may take a minute on a large report, so no request waits on it (issue 11,
    class 1): the export page queues a render and answers at once; the worker converts, with
    the conversion's own timeout. A render is keyed by the SHA-256 of the DOCX it converts, so
    the same content is converted once, and a changed report is a new render. Rows carry no
    scope of their own: they are only ever reached through the scoped export view that built
    the DOCX (the key cannot be guessed without the content).
    """

    key = models.CharField(max_length=64, unique=True)
    source = models.BinaryField(editable=False)
    status = models.CharField(
        max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    content = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bản PDF dựng nền")
        verbose_name_plural = _("bản PDF dựng nền")

    def __str__(self) -> str:
        return f"PDF {self.key[:12]} ({self.get_status_display()})"
