"""The issues register (sổ theo dõi vướng mắc): difficulties raised from unit reports or by
hand, followed by the owner unit to resolution. Split from ``reporting.models`` for size; the
names are re-exported there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ScopedQuerySet, VersionedModel
from core.permissions import FILE_REPORT
from core.scoping import scope_for
from reporting.reviewers import is_reviewer

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class IssueSeverity(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")
    CRITICAL = "critical", _("Nghiêm trọng")


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Mới phát sinh")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    RESOLVED = "resolved", _("Đã giải quyết")
    CLOSED = "closed", _("Đã đóng")


OPEN_ISSUE_STATUSES = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)


class IssueQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return scope.units_q("owner__") | scope.units_q("raised_by_unit__")


class Issue(VersionedModel):
    """A tracked difficulty (vướng mắc) from the issues register, followed to resolution."""

    # What the follow-up may change (form, action and audit).
    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "description",
        "owner",
        "severity",
        "due_date",
        "status",
        "resolution",
    )

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="issues")
    task = models.ForeignKey(
        "plans.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="issues"
    )
    source = models.ForeignKey(
        "reporting.TaskReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues",
    )
    raised_by_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="raised_issues"
    )
    owner = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị xử lý"),
        on_delete=models.PROTECT,
        related_name="owned_issues",
    )
    title = models.CharField(_("vướng mắc"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    severity = models.CharField(
        _("mức độ"), max_length=20, choices=IssueSeverity.choices, default=IssueSeverity.MEDIUM
    )
    due_date = models.DateField(_("hạn xử lý"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    resolution = models.TextField(_("kết quả xử lý"), blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("vướng mắc")
        verbose_name_plural = _("sổ theo dõi vướng mắc")
        ordering = ["status", "-created_at"]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ISSUE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_date and self.due_date < timezone.localdate())

    def can_edit(self, user: User | AnonymousUser) -> bool:
        """The monitoring office, the plan's editors and the owner unit follow an issue up."""
        if is_reviewer(user, self.plan):
            return True
        return scope_for(user).can(FILE_REPORT, self.owner.path)
