"""The reporting cycle: calendars, rounds, unit reports with a section per task, versions,
evidence and the issues register (vướng mắc)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before, percentage
from core.files import RandomName
from core.models import BaseModel, ScopedQuerySet, VersionedModel
from core.permissions import APPROVE_REPORT, FILE_REPORT
from core.scoping import scope_for
from core.text import text_key
from plans.models import TaskStatus
from reporting.reviewers import is_reviewer

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")
    INTERIM_REVIEW = "interim", _("Sơ kết")
    FINAL_REVIEW = "final", _("Tổng kết")


REGULAR_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR)
PROGRESS_RANGE_MESSAGE = _("Tiến độ phải là số từ 0 đến 100.")


class ReportingScheduleQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        from plans.models import Plan

        return Q(plan__in=Plan.objects.visible_to_scope(scope).values("pk"))


class ReportingSchedule(BaseModel):
    """A regular reporting calendar of a plan (lịch báo cáo định kỳ): e.g. quarterly, due on
    day 15 after the quarter ends. Rounds are derived from it."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="reporting_schedules"
    )
    kind = models.CharField(
        _("kỳ báo cáo"), max_length=20, choices=[(k.value, k.label) for k in REGULAR_KINDS]
    )
    due_days_after_end = models.PositiveSmallIntegerField(
        _("hạn nộp (số ngày sau khi kết thúc kỳ)"), default=15
    )
    start_date = models.DateField(_("áp dụng từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    objects = ReportingScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch báo cáo định kỳ")
        verbose_name_plural = _("lịch báo cáo định kỳ")
        constraints = [
            not_before(
                "start_date",
                "end_date",
                optional=["end_date"],
                name="schedule_end_not_before_start",
                message=_("Ngày kết thúc phải sau ngày bắt đầu áp dụng."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.plan}"


class ReportingRoundQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # A round is visible wherever its plan is.
        from plans.models import Plan

        return Q(plan__in=Plan.objects.visible_to_scope(scope).values("pk"))


class ReportingRound(BaseModel):
    """One reporting round (kỳ báo cáo): a regular period or a one-off sơ kết / tổng kết round,
    with its deadline and the template the units follow."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="rounds")
    schedule = models.ForeignKey(
        ReportingSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds"
    )
    kind = models.CharField(_("loại kỳ"), max_length=20, choices=PeriodKind.choices)
    label = models.CharField(_("tên kỳ"), max_length=120)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    due_date = models.DateField(_("hạn nộp"))
    template = models.TextField(_("đề cương, hướng dẫn báo cáo"), blank=True)

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-period_end", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "period_start", "period_end"], name="unique_round"
            ),
            not_before(
                "period_start",
                "period_end",
                name="round_period_end_not_before_start",
                message=_("Ngày kết thúc kỳ phải sau ngày bắt đầu."),
            ),
            not_before(
                "period_start",
                "due_date",
                name="round_due_not_before_start",
                message=_("Hạn nộp không thể trước ngày bắt đầu kỳ."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PENDING_APPROVAL = "pending_approval", _("Chờ lãnh đạo đơn vị duyệt")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
# Not yet in the monitoring office's hands: counts as missing once the due date has passed.
OUTSTANDING_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.PENDING_APPROVAL)
# The text of a report in these states is the unit's own work in progress (a draft, a redraft
# after a return, or waiting for the unit leader): only the unit's own people (memberships in
# the unit or above it) read it; the monitoring office sees its status, not its text.
PRIVATE_STATUSES = OUTSTANDING_STATUSES
# In the monitoring office's hands: only these reports' figures count in progress (a draft's
# figure is the unit's work in progress, not yet a reported figure).
RECEIVED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
# Revisions that record what left the unit (the office may read them whatever the status now).
SENT_REVISION_ACTIONS = ("submit", "approve", "return", "accept")


class UnitReportQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # Drafts never leave the unit: only the unit's own subtree (and the monitoring office,
        # which sees everything) reads a unit report; a read-only grant (a supervision team)
        # reads accepted ones only.
        if scope.is_anonymous:
            return Q(pk__in=[])
        granted = scope.granted_units_q("unit__") & Q(status=ReportStatus.ACCEPTED)
        return scope.units_q("unit__") | granted


class UnitReport(VersionedModel):
    """A unit's report for one round (báo cáo của đơn vị), with one section per task."""

    # A detail read through a supervision grant is audited (core.scoping.note_granted_read).
    GRANT_UNIT: ClassVar[str] = "unit"

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="unit_reports"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("đánh giá chung"), blank=True)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the unit's drafter last sent it to the unit leader (chờ lãnh đạo duyệt từ ngày…).
    approval_requested_at = models.DateTimeField(_("gửi lãnh đạo duyệt lúc"), null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến của cơ quan theo dõi"), blank=True)
    # Sum and number of the progress figures in its sections, kept by reporting.progress: the
    # dashboard's progress per unit then reads reports, not their sections.
    progress_total = models.PositiveIntegerField(default=0, editable=False)
    progress_count = models.PositiveIntegerField(default=0, editable=False)

    objects = UnitReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["-round__period_end", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="unique_unit_report"),
            # The kept total sums percentages: at most 100 for each section it counts.
            models.CheckConstraint(
                condition=Q(progress_total__lte=F("progress_count") * 100),
                name="unit_report_progress_total_in_range",
                violation_error_message=PROGRESS_RANGE_MESSAGE,
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["unit", "round"]),
            # The dashboard's reports of a round, read from the index alone (PostgreSQL keeps
            # the INCLUDE columns in the index; SQLite ignores them).
            models.Index(
                fields=["round"],
                include=["unit", "status", "submitted_at"],
                name="unit_report_round_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"

    @property
    def is_late(self) -> bool:
        """Submitted after the due date, or not yet submitted and past it."""
        if self.submitted_at:
            return timezone.localdate(self.submitted_at) > self.round.due_date
        return timezone.localdate() > self.round.due_date

    @property
    def waiting_days(self) -> int | None:
        """Days the report has been waiting for the unit leader's approval (None otherwise)."""
        if self.status != ReportStatus.PENDING_APPROVAL or self.approval_requested_at is None:
            return None
        return (timezone.localdate() - timezone.localdate(self.approval_requested_at)).days

    @property
    def is_open(self) -> bool:
        """Still in the unit's hands (being written or sent back)."""
        return self.status in EDITABLE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status in OUTSTANDING_STATUSES and timezone.localdate() > self.round.due_date

    def requires_leader_approval(self) -> bool:
        try:
            return bool(self.unit.reporting_policy.requires_leader_approval)
        except UnitReportingPolicy.DoesNotExist:
            return False

    def is_unit_member(self, user: User | AnonymousUser) -> bool:
        return scope_for(user).can(FILE_REPORT, self.unit.path)

    def is_unit_leader(self, user: User | AnonymousUser) -> bool:
        return scope_for(user).can(APPROVE_REPORT, self.unit.path)

    def can_read_text(self, user: User | AnonymousUser) -> bool:
        """Is the text (summary, sections, evidence) readable by ``user``? A report still with
        the unit is private to the unit's own subtree, even for those who see everything."""
        from reporting.privacy import own_unit

        return self.status not in PRIVATE_STATUSES or own_unit(user, self.unit.path)

    def can_edit(self, user: User | AnonymousUser) -> bool:
        """The unit's own reporters, leaders and managers write while the report is open."""
        return self.is_open and self.is_unit_member(user)

    def can_submit(self, user: User | AnonymousUser) -> bool:
        return self.can_edit(user)

    def can_approve(self, user: User | AnonymousUser) -> bool:
        return self.status == ReportStatus.PENDING_APPROVAL and self.is_unit_leader(user)

    def can_review(self, user: User | AnonymousUser) -> bool:
        """The monitoring office (or the plan's editors, outside the unit) accepts or returns."""
        if self.status != ReportStatus.SUBMITTED:
            return False
        return is_reviewer(user, self.round.plan) and not (
            self.is_unit_member(user) and not scope_for(user).sees_everything
        )


class TaskReportQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        granted = scope.granted_units_q("unit_report__unit__") & Q(
            unit_report__status=ReportStatus.ACCEPTED
        )
        return scope.units_q("unit_report__unit__") | granted

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        objs = list(objs)
        for obj in objs:  # bulk_create skips save(): keep the copied values here too
            obj.fill_copies()
        return super().bulk_create(objs, *args, **kwargs)


class TaskReport(BaseModel):
    """A unit report's section on one task (báo cáo nhiệm vụ): results, progress, difficulties."""

    GRANT_UNIT: ClassVar[str] = "unit_report.unit"

    # What the unit fills in (section form, revision content, action and audit).
    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "results",
        "status",
        "progress",
        "difficulties",
        "proposals",
    )

    unit_report = models.ForeignKey(
        UnitReport, on_delete=models.CASCADE, related_name="task_reports"
    )
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="task_reports")
    # Copies of unit_report.round and unit_report.unit (a report never changes either), set by
    # save() and bulk_create(): the dashboard's year-wide aggregates over sections then need
    # no join through the unit report table. Scoping still goes through unit_report.
    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        editable=False,
        db_index=False,
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        db_index=False,
    )
    role = models.CharField(_("vai trò"), max_length=20)  # AssignmentRole value at derivation
    results = models.TextField(_("kết quả đạt được"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # The progress this unit last reported on this task in an earlier round (tiến độ kỳ
    # trước), kept by reporting.progress: the dashboard finds stalled tasks in the current
    # round alone instead of pairing two rounds of sections at query time.
    previous_progress = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    # ``difficulties`` folded (core.text.text_key), kept by save() and bulk_create(): the
    # dashboard counts recurring difficulties with one GROUP BY, and diacritic folding has no
    # portable SQL form.
    difficulty_key = models.TextField(blank=True, default="", editable=False)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)

    objects = TaskReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo nhiệm vụ")
        verbose_name_plural = _("báo cáo nhiệm vụ")
        ordering = ["task__order"]
        constraints = [
            models.UniqueConstraint(fields=["unit_report", "task"], name="unique_task_report"),
            percentage(
                "progress",
                optional=True,
                name="task_report_progress_percentage",
                message=PROGRESS_RANGE_MESSAGE,
            ),
            percentage(
                "previous_progress",
                optional=True,
                name="task_report_previous_progress_percentage",
                message=PROGRESS_RANGE_MESSAGE,
            ),
        ]
        indexes = [
            models.Index(fields=["task", "unit_report"]),
            # The dashboard reads sections by round (the kept copy), never by report: these let
            # PostgreSQL answer from the index alone (docs/decisions/dashboard-kept-values.md).
            models.Index(
                fields=["round"],
                include=["unit_report", "task", "progress"],
                name="task_report_round_cover",
            ),
            # Recurring difficulties: only the sections that name one; with the report, which
            # the draft-privacy filter reads, so the all-years count never visits the table.
            models.Index(
                fields=["round"],
                include=["unit", "difficulty_key", "difficulties", "unit_report"],
                condition=~Q(difficulty_key=""),
                name="task_report_difficulty_cover",
            ),
            # Stalled tasks: only the sections that did not progress since the unit's last figure.
            models.Index(
                fields=["round"],
                include=["unit", "task", "progress"],
                condition=Q(progress__lte=F("previous_progress"), progress__lt=100),
                name="task_report_stalled_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.code} — {self.unit_report}"

    def fill_copies(self) -> None:
        """The values kept for the dashboard: the folded difficulties, the round and unit."""
        self.difficulty_key = text_key(self.difficulties)
        if self.round_id is None or self.unit_id is None:
            self.round_id = self.unit_report.round_id
            self.unit_id = self.unit_report.unit_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_copies()
        fields = kwargs.get("update_fields")
        if fields is not None and "difficulties" in fields:
            kwargs["update_fields"] = {*fields, "difficulty_key"}
        super().save(*args, **kwargs)


class ReportRevision(BaseModel):
    """A frozen copy of a unit report at a save, submit, return or acceptance (phiên bản)."""

    unit_report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=30)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField(default=dict)
    # A save that lost a concurrent edit: its text is kept here, never silently dropped.
    is_conflict = models.BooleanField(_("bản xung đột"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("phiên bản báo cáo")
        verbose_name_plural = _("phiên bản báo cáo")
        ordering = ["unit_report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit_report", "number"], name="unique_revision")
        ]

    def __str__(self) -> str:
        return f"{self.unit_report} v{self.number}"


class EvidenceQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # Evidence is part of the text: a draft's files stay inside the unit.
        from reporting.privacy import private_text_q

        if scope.is_anonymous:
            return Q(pk__in=[])
        # A supervision team reads the files of accepted reports of the units it supervises.
        granted = scope.granted_units_q("unit_report__unit__") & Q(
            unit_report__status=ReportStatus.ACCEPTED
        )
        return private_text_q(scope, "unit_report__") | granted


class Evidence(BaseModel):
    """A file attached to a report as evidence (minh chứng); type checked on content."""

    GRANT_UNIT: ClassVar[str] = "unit_report.unit"

    unit_report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="evidence")
    task_report = models.ForeignKey(
        TaskReport, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to=RandomName("evidence"))
    sha256 = models.CharField(max_length=64, blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.original_name


class UnitReportingPolicy(BaseModel):
    """Per-unit reporting rules: leader approval before submission, escalation delay."""

    unit = models.OneToOneField(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="reporting_policy"
    )
    requires_leader_approval = models.BooleanField(
        _("lãnh đạo đơn vị phải duyệt trước khi nộp"), default=False
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("số ngày quá hạn thì báo lãnh đạo đơn vị"), default=7
    )

    class Meta:
        verbose_name = _("quy định báo cáo của đơn vị")
        verbose_name_plural = _("quy định báo cáo của đơn vị")

    def __str__(self) -> str:
        return str(self.unit)


# The issues register lives in its own module; its names stay importable from here.
from reporting.issue_models import (  # noqa: E402
    OPEN_ISSUE_STATUSES,
    Issue,
    IssueQuerySet,
    IssueSeverity,
    IssueStatus,
)

__all__ = [
    "OPEN_ISSUE_STATUSES",
    "Issue",
    "IssueQuerySet",
    "IssueSeverity",
    "IssueStatus",
    "is_reviewer",
]
