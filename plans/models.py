"""Plans, their sections and tasks: the cascade from a directive to each unit's duties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before, percentage
from core.models import BaseModel, ScopedQuerySet, VersionedModel
from core.permissions import EDIT_LED_TASK, EDIT_PLAN
from core.scoping import scope_for
from core.text import fold

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def _years_in_order(name: str) -> models.CheckConstraint:
    """The end year (đến năm) is not before the start year (từ năm); either may be unknown."""
    return not_before(
        "start_year",
        "end_year",
        optional=["start_year", "end_year"],
        name=name,
        message=_("Năm kết thúc phải sau năm bắt đầu."),
    )


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ACTIVE = "active", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class PlanQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        published = Q(is_published=True)
        if scope.is_anonymous:
            return published
        return published | Q(owner__in=scope.units_subquery()) | Q(created_by_id=scope.user_id)


class Plan(VersionedModel):
    """A plan or programme (kế hoạch, chương trình) that carries out a parent document or tasks.

    A unit's own programme is a sub-plan: ``parent`` points at the plan it serves and
    ``implements`` at the parent tasks it carries out, so traceability runs both ways.
    """

    # What a person may change (form, API, action and audit all read this one list).
    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "owner",
        "parent",
        "start_year",
        "end_year",
        "status",
        "is_published",
        "summary",
    )

    title = models.TextField(_("tên kế hoạch"))
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan",
    )
    owner = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị chủ quản"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subplans",
    )
    implements: models.ManyToManyField[Task, Any] = models.ManyToManyField(
        "Task",
        verbose_name=_("thực hiện nhiệm vụ cấp trên"),
        blank=True,
        related_name="implementing_plans",
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    is_published = models.BooleanField(_("công khai"), default=False)
    summary = models.TextField(_("mục đích, yêu cầu"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-created_at"]
        constraints = [_years_in_order("plan_end_year_not_before_start")]

    def __str__(self) -> str:
        return str(self.title)[:150]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(self.title)
        super().save(*args, **kwargs)

    def can_edit(self, user: User | AnonymousUser) -> bool:
        return scope_for(user).can(EDIT_PLAN, self.owner.path)


class Section(BaseModel):
    """A numbered part of a plan (I. Mục đích, yêu cầu; II.1 …), forming a tree."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    label = models.CharField(_("số mục"), max_length=30)
    heading = models.TextField(_("tiêu đề"))
    body = models.TextField(_("nội dung"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.label}. {self.heading}"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    SUSPENDED = "suspended", _("Tạm dừng")
    COMPLETED = "completed", _("Hoàn thành")
    CLOSED = "closed", _("Đã đóng")


OPEN_TASK_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.SUSPENDED)


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")
    PERIODIC = "periodic", _("Định kỳ (sơ kết, tổng kết)")
    CONTINUOUS = "continuous", _("Thường xuyên")
    ONCE = "once", _("Một lần")


class TaskQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        in_visible_plan = Q(plan__in=Plan.objects.visible_to_scope(scope).values("pk"))
        if scope.is_anonymous:
            return in_visible_plan
        return in_visible_plan | Q(assignments__unit__in=scope.units_subquery())

    def open(self) -> TaskQuerySet:
        return self.filter(status__in=OPEN_TASK_STATUSES)


class Task(VersionedModel):
    """A task (nhiệm vụ) of a plan, carried out by lead and cooperating units."""

    # What a person may change (form, API, action and audit all read this one list); the
    # assignments and milestones are written beside these fields by the same actions.
    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "code",
        "title",
        "description",
        "section",
        "parent_task",
        "start_year",
        "end_year",
        "deadline",
        "frequency",
        "status",
        "progress",
    )

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section,
        verbose_name=_("mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    parent_task = models.ForeignKey(
        "self",
        verbose_name=_("nhiệm vụ cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_tasks",
    )
    code = models.CharField(_("số hiệu"), max_length=30, blank=True)
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    frequency = models.CharField(
        _("tần suất báo cáo"), max_length=20, choices=Frequency.choices, default=Frequency.YEARLY
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    order = models.PositiveIntegerField(default=0)
    closing_note = models.TextField(_("ghi chú khi đóng"), blank=True)
    units = models.ManyToManyField(
        "orgunits.OrgUnit", through="TaskAssignment", related_name="tasks"
    )
    search_text = models.TextField(editable=False, default="")

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "order", "code"]
        constraints = [
            _years_in_order("task_end_year_not_before_start"),
            percentage(
                "progress",
                name="task_progress_percentage",
                message=_("Tiến độ phải là số từ 0 đến 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.code} {self.title} {self.description}")
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TASK_STATUSES

    def active_assignments(self) -> list[TaskAssignment]:
        return [a for a in self.assignments.all() if a.is_active]

    def lead_units(self) -> list[Any]:
        return [a.unit for a in self.active_assignments() if a.role == AssignmentRole.LEAD]

    def cooperating_units(self) -> list[Any]:
        return [a.unit for a in self.active_assignments() if a.role == AssignmentRole.COOPERATING]

    def can_edit(self, user: User | AnonymousUser) -> bool:
        """Plan authors, and managers/leaders of a lead unit, may change the task itself."""
        if self.plan.can_edit(user):
            return True
        scope = scope_for(user)
        return any(scope.can(EDIT_LED_TASK, u.path) for u in self.lead_units())

    def can_close(self, user: User | AnonymousUser) -> bool:
        return self.is_open and self.can_edit(user)

    def dissolved_assignments(self) -> list[TaskAssignment]:
        """Active assignments held by units that no longer exist (2025 reorganisation)."""
        return [a for a in self.active_assignments() if a.unit.is_dissolved]


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COOPERATING = "cooperating", _("Phối hợp")


class TaskAssignment(BaseModel):
    """A unit's part in a task (phân công): lead (chủ trì) or cooperating (phối hợp).

    Reassignment never deletes: the old row is closed (``is_active=False``, ``ended_on``) and a
    new one records whom it was taken over from, so the history of who was responsible stays.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=AssignmentRole.choices)
    is_active = models.BooleanField(default=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    taken_over_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["role", "unit__name"]
        constraints = [
            # Closed assignments stay as history; only the active ones must not repeat.
            models.UniqueConstraint(
                fields=["task", "unit", "role"],
                condition=Q(is_active=True),
                name="unique_active_task_assignment",
                violation_error_message=_(
                    "Đơn vị này đã được phân công với vai trò này trong nhiệm vụ."
                ),
            ),
            not_before(
                "started_on",
                "ended_on",
                optional=["started_on", "ended_on"],
                name="assignment_ended_not_before_started",
                message=_("Ngày kết thúc phân công không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


class Milestone(BaseModel):
    """A yearly milestone (mốc, lộ trình) of a task: what should be reached by that year."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("năm"))
    target = models.TextField(_("mục tiêu"))
    is_met = models.BooleanField(_("đạt"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc năm")
        verbose_name_plural = _("mốc năm")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["task", "year"], name="unique_task_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.target}"
