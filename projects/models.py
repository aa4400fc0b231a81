"""S&T projects (nhiệm vụ KH&CN) from proposal to application, and their records.

A project lives through an explicit status machine (``TRANSITIONS``): proposed by a unit, put
on a yearly list, selected (by call or direct assignment) by a council, contracted, carried
out (checked, adjusted, possibly suspended), accepted by a council with a rating, its result
registered — then applied and replicated elsewhere, which is what the registry exists to show.
Amounts are VND as integers; the database refuses negative amounts and out-of-range years.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before
from core.models import BaseModel, ScopedQuerySet, VersionedModel
from core.text import fold

MIN_YEAR, MAX_YEAR = 1990, 2100


class ProjectKind(models.TextChoices):
    TOPIC = "de_tai", _("Đề tài")
    PILOT_PRODUCTION = "sxtn", _("Dự án sản xuất thử nghiệm")
    ST_PROJECT = "du_an", _("Dự án KH&CN")
    SCHEME = "de_an", _("Đề án")
    INTERNATIONAL = "htqt", _("Nhiệm vụ hợp tác quốc tế")
    INITIATIVE = "sang_kien", _("Sáng kiến")


class ProjectLevel(models.TextChoices):
    BASE = "co_so", _("Cơ sở")
    DISTRICT = "huyen", _("Huyện/thành phố (trước 07/2025)")
    PROVINCE = "tinh", _("Tỉnh")
    MINISTRY = "bo", _("Bộ")
    NATIONAL = "quoc_gia", _("Quốc gia")


class ScienceField(models.TextChoices):
    """First level of Vietnam's S&T field classification (bảng phân loại lĩnh vực KH&CN)."""

    NATURAL = "1", _("Khoa học tự nhiên")
    ENGINEERING = "2", _("Khoa học kỹ thuật và công nghệ")
    MEDICAL = "3", _("Khoa học y, dược")
    AGRICULTURAL = "4", _("Khoa học nông nghiệp")
    SOCIAL = "5", _("Khoa học xã hội")
    HUMANITIES = "6", _("Khoa học nhân văn")


class Status(models.TextChoices):
    DRAFT = "draft", _("Nháp (chưa gửi)")
    PROPOSED = "proposed", _("Đã đề xuất")
    LISTED = "listed", _("Trong danh mục năm")
    SELECTED = "selected", _("Đã tuyển chọn/giao trực tiếp")
    CONTRACTED = "contracted", _("Đã ký hợp đồng")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    SUSPENDED = "suspended", _("Tạm dừng")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    FAILED = "failed", _("Nghiệm thu không đạt")
    REGISTERED = "registered", _("Đã đăng ký kết quả")
    CANCELLED = "cancelled", _("Đã hủy")


# The status machine: the only moves an action may make. There is no edge into ACCEPTED except
# from IN_PROGRESS (acceptance is never skipped), and none out of CANCELLED.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.PROPOSED, Status.CANCELLED}),
    Status.PROPOSED: frozenset({Status.LISTED, Status.CANCELLED}),
    Status.LISTED: frozenset({Status.SELECTED, Status.CANCELLED}),
    Status.SELECTED: frozenset({Status.CONTRACTED, Status.CANCELLED}),
    Status.CONTRACTED: frozenset({Status.IN_PROGRESS, Status.SUSPENDED, Status.CANCELLED}),
    Status.IN_PROGRESS: frozenset(
        {Status.ACCEPTED, Status.FAILED, Status.SUSPENDED, Status.CANCELLED}
    ),
    Status.SUSPENDED: frozenset({Status.IN_PROGRESS, Status.CANCELLED}),
    Status.ACCEPTED: frozenset({Status.REGISTERED}),
    Status.FAILED: frozenset(),
    Status.REGISTERED: frozenset(),
    Status.CANCELLED: frozenset(),
}
# Statuses whose results are done: applications may be reported.
FINISHED = frozenset({Status.ACCEPTED, Status.REGISTERED})
# Statuses after approval: the project has a host and a principal investigator.
APPROVED = frozenset(TRANSITIONS) - {Status.DRAFT, Status.PROPOSED, Status.LISTED}


class SelectionMethod(models.TextChoices):
    CALL = "call", _("Tuyển chọn")
    DIRECT = "direct", _("Giao trực tiếp")


class Rating(models.TextChoices):
    EXCELLENT = "xuat_sac", _("Xuất sắc")
    GOOD = "kha", _("Khá")
    PASS = "dat", _("Đạt")
    FAIL = "khong_dat", _("Không đạt")


class ProjectQuerySet(ScopedQuerySet):
    def visible_to_scope(self, scope: Any) -> Any:
        # Drafts stay private to their proposers, even from those who see everything.
        if scope.sees_everything:
            return self.exclude(Q(status=Status.DRAFT) & ~self._own_q(scope))
        # No DISTINCT: the condition names units through subqueries, never through a join
        # that could repeat a row, and DISTINCT would sort the whole registry for one page.
        return self.filter(self._visible_q(scope))

    @staticmethod
    def _own_q(scope: Any) -> Q:
        return Q(created_by_id=scope.user_id) | Q(unit__in=scope.units_subquery(own=True))

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        units = scope.units_subquery()
        submitted = ~Q(status=Status.DRAFT) & (Q(unit__in=units) | Q(managing_unit__in=units))
        return Q(is_published=True) | submitted | self._own_q(scope)


class Project(VersionedModel):
    """An S&T project (nhiệm vụ KH&CN: đề tài, dự án, đề án…) and where it stands."""

    # What the proposer types (and edits while the proposal is a draft or just proposed).
    PROPOSAL_FIELDS = (
        "title",
        "kind",
        "level",
        "science_field",
        "objectives",
        "expected_products",
        "abstract",
        "duration_months",
        "estimated_budget",
        "unit",
        "managing_unit",
        "proposer",
        "plan_tasks",
    )

    code = models.CharField(_("mã số"), max_length=40, blank=True, default="")
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    kind = models.CharField(_("loại nhiệm vụ"), max_length=20, choices=ProjectKind.choices)
    level = models.CharField(_("cấp quản lý"), max_length=20, choices=ProjectLevel.choices)
    science_field = models.CharField(_("lĩnh vực"), max_length=2, choices=ScienceField.choices)
    objectives = models.TextField(_("mục tiêu"), blank=True)
    expected_products = models.TextField(_("sản phẩm dự kiến"), blank=True)
    abstract = models.TextField(_("tóm tắt"), blank=True)
    duration_months = models.PositiveSmallIntegerField(_("thời gian thực hiện (tháng)"), default=24)
    estimated_budget = models.BigIntegerField(_("kinh phí dự kiến (đồng)"), default=0)
    # The unit of the tree that proposed (or registered) the project, and the office that
    # manages it (Sở KH&CN for provincial projects, Phòng Kinh tế for city ones).
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị đề xuất"),
        on_delete=models.PROTECT,
        related_name="proposed_projects",
    )
    managing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("cơ quan quản lý"),
        on_delete=models.PROTECT,
        related_name="managed_projects",
    )
    proposer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("tổ chức đề xuất, đặt hàng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposed_projects",
    )
    host = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("tổ chức chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_projects",
    )
    principal_investigator = models.CharField(_("chủ nhiệm"), max_length=200, blank=True)
    plan_tasks = models.ManyToManyField(
        "plans.Task", verbose_name=_("nhiệm vụ kế hoạch phục vụ"), blank=True, related_name="+"
    )
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("văn bản liên quan"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    list_year = models.PositiveSmallIntegerField(_("năm danh mục"), null=True, blank=True)
    selection_method = models.CharField(
        _("hình thức"), max_length=10, choices=SelectionMethod.choices, blank=True
    )
    selection_decision = models.CharField(_("quyết định phê duyệt"), max_length=200, blank=True)
    contract_number = models.CharField(_("số hợp đồng"), max_length=100, blank=True)
    contract_signed_on = models.DateField(_("ngày ký hợp đồng"), null=True, blank=True)
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    accepted_on = models.DateField(_("ngày nghiệm thu"), null=True, blank=True)
    rating = models.CharField(_("xếp loại"), max_length=20, choices=Rating.choices, blank=True)
    products_delivered = models.TextField(_("sản phẩm đã giao nộp"), blank=True)
    registration_number = models.CharField(
        _("số giấy chứng nhận đăng ký kết quả"), max_length=100, blank=True
    )
    registered_on = models.DateField(_("ngày đăng ký kết quả"), null=True, blank=True)
    closing_reason = models.TextField(_("lý do tạm dừng/hủy"), blank=True)
    # Accepted results are shown to every signed-in user (title, abstract, products).
    is_published = models.BooleanField(_("công khai kết quả"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ KH&CN")
        verbose_name_plural = _("nhiệm vụ KH&CN")
        ordering = ["-list_year", "title"]
        indexes = [
            models.Index(fields=["status", "level"], name="project_status_level"),
            models.Index(fields=["accepted_on"], name="project_accepted_on"),
            # The list's order: the first page is read off the index, not sorted.
            models.Index(fields=["-list_year", "title"], name="project_list_order"),
            # On SQLite the search pass also has a covering index, project_search_cover
            # (migration 0003, SQLite only: a B-tree on the text could overflow PostgreSQL's
            # index row limit, and PostgreSQL searches by its trigram index).
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="unique_project_code",
                violation_error_message=_("Đã có nhiệm vụ khác mang mã số này."),
            ),
            models.CheckConstraint(
                condition=Q(estimated_budget__gte=0) & Q(estimated_budget__lte=10**14),
                name="project_estimated_budget_range",
                violation_error_message=_("Kinh phí dự kiến phải từ 0 đến 100.000 tỷ đồng."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1) & Q(duration_months__lte=120),
                name="project_duration_range",
                violation_error_message=_("Thời gian thực hiện từ 1 đến 120 tháng."),
            ),
            models.CheckConstraint(
                condition=Q(list_year__isnull=True)
                | Q(list_year__gte=MIN_YEAR) & Q(list_year__lte=MAX_YEAR),
                name="project_list_year_range",
                violation_error_message=_("Năm danh mục không hợp lệ."),
            ),
            not_before(
                "start_date",
                "end_date",
                optional=["start_date", "end_date"],
                name="project_end_not_before_start",
                message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
            # Acceptance is never skipped: a rating exists exactly when the project was judged.
            models.CheckConstraint(
                condition=~Q(status__in=[Status.ACCEPTED, Status.REGISTERED, Status.FAILED])
                | Q(accepted_on__isnull=False) & ~Q(rating=""),
                name="project_accepted_has_rating",
                violation_error_message=_("Nhiệm vụ đã nghiệm thu phải có ngày và xếp loại."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}" if self.code else self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Folded copy for diacritic-insensitive search ("atiso" finds "Atisô").
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return project_search_text(self)

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


def project_search_text(project: Project) -> str:
    host = project.host.name if project.host_id and project.host else ""
    return fold(" ".join([project.code, project.title, project.principal_investigator, host]))


class StatusChange(BaseModel):
    """One move of the status machine: the spine of the project's timeline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    on = models.DateField(_("ngày"))
    note = models.TextField(_("ghi chú"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "created_at"]


class CouncilStage(models.TextChoices):
    SELECTION = "selection", _("Hội đồng tuyển chọn, xét giao trực tiếp")
    ACCEPTANCE = "acceptance", _("Hội đồng nghiệm thu")


class Council(BaseModel):
    """A council (hội đồng) that selected or accepted the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="councils")
    stage = models.CharField(_("hội đồng"), max_length=20, choices=CouncilStage.choices)
    decision_ref = models.CharField(_("quyết định thành lập"), max_length=200, blank=True)
    met_on = models.DateField(_("ngày họp"))
    conclusion = models.TextField(_("kết luận"), blank=True)

    class Meta:
        ordering = ["met_on"]

    @property
    def average_score(self) -> Any:
        scores = [m.score for m in self.members.all() if m.score is not None]
        return sum(scores) / len(scores) if scores else None


class CouncilMember(BaseModel):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ tên"), max_length=200)
    role = models.CharField(_("vai trò"), max_length=100, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0) & Q(score__lte=100),
                name="council_member_score_range",
                violation_error_message=_("Điểm từ 0 đến 100."),
            )
        ]


class ProjectMember(BaseModel):
    """A member of the research team (thành viên thực hiện)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ tên"), max_length=200)
    role = models.CharField(_("vai trò"), max_length=100, blank=True)
    affiliation = models.CharField(_("cơ quan"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at"]


class ProjectPartner(BaseModel):
    """A partner organisation (tổ chức phối hợp)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("nội dung phối hợp"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="unique_project_partner"
            )
        ]


class FundingSource(models.TextChoices):
    STATE_CENTRAL = "state_central", _("Ngân sách trung ương")
    STATE_PROVINCE = "state_province", _("Ngân sách tỉnh")
    STATE_DISTRICT = "state_district", _("Ngân sách huyện/thành phố")
    ENTERPRISE = "enterprise", _("Vốn đối ứng của doanh nghiệp")
    ENTERPRISE_FUND = "enterprise_fund", _("Quỹ phát triển KH&CN của doanh nghiệp")
    OTHER = "other", _("Nguồn xã hội hóa khác")


STATE_SOURCES = (
    FundingSource.STATE_CENTRAL,
    FundingSource.STATE_PROVINCE,
    FundingSource.STATE_DISTRICT,
)
ENTERPRISE_SOURCES = (FundingSource.ENTERPRISE, FundingSource.ENTERPRISE_FUND)


class BudgetLine(BaseModel):
    """Approved budget of one source for one year (kinh phí theo nguồn, theo năm), VND."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    source = models.CharField(_("nguồn vốn"), max_length=20, choices=FundingSource.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    amount = models.BigIntegerField(_("số tiền (đồng)"))

    class Meta:
        ordering = ["year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "source", "year"], name="unique_budget_line"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount__lte=10**14),
                name="budget_line_amount_range",
                violation_error_message=_("Số tiền phải từ 0 đến 100.000 tỷ đồng."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="budget_line_year_range",
                violation_error_message=_("Năm không hợp lệ."),
            ),
        ]


class Disbursement(BaseModel):
    """Money paid out (cấp phát, giải ngân) against the schedule."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="disbursements")
    paid_on = models.DateField(_("ngày cấp"))
    source = models.CharField(_("nguồn vốn"), max_length=20, choices=FundingSource.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["paid_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount__lte=10**14),
                name="disbursement_amount_range",
                violation_error_message=_("Số tiền cấp phải lớn hơn 0."),
            )
        ]


class ProgressCheck(BaseModel):
    """A periodic progress check (kiểm tra tiến độ) and its findings."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_checks")
    checked_on = models.DateField(_("ngày kiểm tra"))
    on_schedule = models.BooleanField(_("đúng tiến độ"), default=True)
    findings = models.TextField(_("kết quả kiểm tra"))

    class Meta:
        ordering = ["checked_on"]


class AdjustmentKind(models.TextChoices):
    EXTENSION = "extension", _("Gia hạn")
    CONTENT = "content", _("Điều chỉnh nội dung")
    BUDGET = "budget", _("Điều chỉnh kinh phí")


class Adjustment(BaseModel):
    """An approved adjustment (điều chỉnh) with its decision reference."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(_("loại điều chỉnh"), max_length=20, choices=AdjustmentKind.choices)
    decision_ref = models.CharField(_("số quyết định"), max_length=200)
    decided_on = models.DateField(_("ngày quyết định"))
    description = models.TextField(_("nội dung"), blank=True)
    new_end_date = models.DateField(_("thời hạn mới"), null=True, blank=True)

    class Meta:
        ordering = ["decided_on"]


class Application(BaseModel):
    """Where and by whom the results are applied (ứng dụng, nhân rộng kết quả)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="applications")
    applier = models.CharField(_("đơn vị, doanh nghiệp, hộ áp dụng"), max_length=300)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("tổ chức áp dụng (nếu có trong danh bạ)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField(_("địa điểm"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm"))
    area_ha = models.DecimalField(
        _("diện tích (ha)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    households = models.PositiveIntegerField(_("số hộ"), null=True, blank=True)
    output = models.CharField(_("sản lượng, quy mô khác"), max_length=300, blank=True)
    benefits = models.TextField(_("hiệu quả"), blank=True)
    is_replication = models.BooleanField(_("nhân rộng ngoài nơi thực hiện"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["year", "place"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="application_year_range",
                violation_error_message=_("Năm không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(area_ha__isnull=True) | Q(area_ha__gte=0) & Q(area_ha__lte=10**7),
                name="application_area_range",
                violation_error_message=_("Diện tích phải từ 0 đến 10.000.000 ha."),
            ),
        ]


class ApplicationReminder(BaseModel):
    """A yearly reminder (nhắc báo cáo ứng dụng) sent to the host: one per year after
    acceptance, for three years; the row makes the daily job idempotent."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="application_reminders"
    )
    round = models.PositiveSmallIntegerField(_("năm thứ"))
    sent_on = models.DateField(_("ngày gửi"))
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)

    class Meta:
        ordering = ["sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "round"], name="unique_application_reminder"
            ),
            models.CheckConstraint(
                condition=Q(round__gte=1) & Q(round__lte=3), name="application_reminder_round_range"
            ),
        ]
