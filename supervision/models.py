"""Supervision by the Fatherland Front (giám sát của Mặt trận Tổ quốc): yearly programmes,
supervisions with their team and supervised units, and recommendations (kiến nghị) that the
units must answer."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before
from core.models import BaseModel, ScopedQuerySet, VersionedModel


class SupervisionMethod(models.TextChoices):
    """Hình thức giám sát (Luật MTTQ Việt Nam 2015, Điều 27)."""

    DOCUMENTS = "documents", _("Nghiên cứu, xem xét văn bản, báo cáo")
    TEAM = "team", _("Tổ chức đoàn giám sát")
    PEOPLES_INSPECTION = "peoples_inspection", _("Thông qua Ban Thanh tra nhân dân")
    COMMUNITY_INVESTMENT = "community_investment", _("Thông qua Ban Giám sát đầu tư của cộng đồng")


class ProgrammeQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            scope.units_q("organiser__")
            | Q(supervisions__team__id=scope.user_id)
            | Q(supervisions__supervised_units__in=scope.units_subquery())
        )


class Programme(VersionedModel):
    """The yearly supervision programme (chương trình giám sát năm) of the Front or of a
    socio-political organisation."""

    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = ("title", "note")

    organiser = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="supervision_programmes",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("chương trình giám sát")
        verbose_name_plural = _("chương trình giám sát")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "year"], name="one_programme_a_year"),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100), name="programme_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class SupervisionQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The Front's own people, the team, and the supervised units (who learn they are
        # supervised; what they may read of recommendations is decided per recommendation).
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            scope.units_q("programme__organiser__")
            | Q(team__id=scope.user_id)
            | Q(supervised_units__in=scope.units_subquery())
            | Q(conclusion_published=True)
        )

    def published(self) -> SupervisionQuerySet:
        return self.filter(conclusion_published=True)


class Supervision(VersionedModel):
    """One supervision (cuộc giám sát): subject, legal basis, form, units, period, team."""

    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "subject",
        "legal_basis",
        "form",
        "period_start",
        "period_end",
    )

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="supervisions")
    subject = models.CharField(_("nội dung giám sát"), max_length=400)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    form = models.CharField(
        _("hình thức giám sát"),
        max_length=30,
        choices=SupervisionMethod.choices,
        default=SupervisionMethod.TEAM,
    )
    supervised_units = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("đơn vị chịu sự giám sát"), related_name="+"
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("thành viên đoàn giám sát"), related_name="+"
    )
    conclusion = models.TextField(_("kết luận giám sát"), blank=True)
    conclusion_published = models.BooleanField(_("công khai kết luận"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SupervisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc giám sát")
        verbose_name_plural = _("cuộc giám sát")
        ordering = ["-period_start"]
        constraints = [
            not_before(
                "period_start",
                "period_end",
                name="supervision_end_not_before_start",
                message=_("Ngày kết thúc giám sát phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def grant_active(self, day: datetime.date | None = None) -> bool:
        """The team's read access runs with the supervision period, both days included."""
        day = day or timezone.localdate()
        return self.period_start <= day <= self.period_end


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")


class ResponseKind(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu, có kế hoạch thực hiện")
    EXPLAINED = "explained", _("Giải trình")
    DISAGREED = "disagreed", _("Không đồng ý (nêu lý do)")


class RecommendationQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # A supervised unit reads only what is addressed to it (and its subtree's).
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            scope.units_q("supervision__programme__organiser__")
            | Q(supervision__team__id=scope.user_id)
            | scope.units_q("unit__")
        )

    def overdue(self, day: datetime.date | None = None) -> RecommendationQuerySet:
        day = day or timezone.localdate()
        return self.filter(status=RecommendationStatus.OPEN, due_date__lt=day)


class Recommendation(VersionedModel):
    """A finding and recommendation (kiến nghị) addressed to one unit, with a deadline."""

    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = ("unit", "finding", "text", "due_date")

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="recommendations"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị nhận kiến nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    finding = models.TextField(_("phát hiện qua giám sát"))
    text = models.TextField(_("kiến nghị"))
    due_date = models.DateField(_("hạn trả lời"))
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    response_kind = models.CharField(
        _("hình thức trả lời"), max_length=20, choices=ResponseKind.choices, blank=True
    )
    response = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    front_note = models.TextField(_("ý kiến của Mặt trận"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["due_date", "created_at"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_overdue(self) -> bool:
        return self.status == RecommendationStatus.OPEN and self.due_date < timezone.localdate()


class EscalationLevel(models.IntegerChoices):
    """How far up an unanswered recommendation goes (cấp báo cáo khi quá hạn trả lời)."""

    UNIT_LEADER = 1, _("Báo lãnh đạo đơn vị nhận kiến nghị và Mặt trận")
    SUPERIOR = 2, _("Báo lãnh đạo cấp trên trực tiếp và Mặt trận")


class EscalationQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The same readers as the recommendation itself.
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            scope.units_q("recommendation__supervision__programme__organiser__")
            | Q(recommendation__supervision__team__id=scope.user_id)
            | scope.units_q("recommendation__unit__")
        )


class RecommendationEscalation(BaseModel):
    """One escalation (báo cáo vượt cấp) of a recommendation whose answer is overdue: at most
    one per level for each deadline the unit misses (a re-opened recommendation gets a new
    deadline and may escalate again)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="escalations"
    )
    level = models.PositiveSmallIntegerField(_("cấp"), choices=EscalationLevel.choices)
    due_date = models.DateField(_("hạn trả lời đã lỡ"))
    day = models.DateField(_("ngày"))
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), blank=True, related_name="+"
    )
    # False when the unit side had nobody to tell (no leader, no superior): the page says so.
    delivered = models.BooleanField(_("đã gửi tới lãnh đạo"), default=True)

    objects = EscalationQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo vượt cấp kiến nghị quá hạn")
        verbose_name_plural = _("báo cáo vượt cấp kiến nghị quá hạn")
        ordering = ["recommendation", "due_date", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "level", "due_date"],
                name="one_escalation_per_level_and_deadline",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} — {self.recommendation} — {self.day:%d/%m/%Y}"


class GrantReadQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The office that runs the supervision (and the reader, of their own reads).
        if scope.is_anonymous:
            return Q(pk__in=[])
        return scope.units_q("supervision__programme__organiser__") | Q(user_id=scope.user_id)


class GrantRead(models.Model):
    """One read (lượt xem) of a supervised unit's record that only the supervision's grant
    allowed: who, what, when, under which supervision. Written by every detail page reached
    through the grant (``core.scoping.note_granted_read``), never by list pages."""

    id = models.BigAutoField(primary_key=True)
    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    object_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("tài liệu"), max_length=300)
    read_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)

    objects = GrantReadQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt xem theo quyền giám sát")
        verbose_name_plural = _("lượt xem theo quyền giám sát")
        ordering = ["-read_at", "-id"]
        indexes = [
            models.Index(fields=["supervision", "-read_at"], name="grantread_by_supervision")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.object_repr} — {self.read_at:%d/%m/%Y %H:%M}"


# --- social critique (phản biện xã hội) ---------------------------------------------------


class CritiqueStatus(models.TextChoices):
    OPEN = "open", _("Đang lấy ý kiến")
    SENT = "sent", _("Đã gửi văn bản phản biện")
    ANSWERED = "answered", _("Cơ quan soạn thảo đã trả lời")


class CritiqueQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The Front, the invited experts and the drafting body; the public only once published.
        if scope.is_anonymous:
            return Q(is_published=True)
        return (
            scope.units_q("organiser__")
            | Q(experts__id=scope.user_id)
            | scope.units_q("plan__owner__")
            | Q(is_published=True)
        )


class Critique(VersionedModel):
    """A critique round (phản biện xã hội) on a draft plan: invited experts comment on its
    paragraphs (tasks) until the deadline; the Front consolidates points and sends them; the
    drafting body answers every point."""

    organiser = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("cơ quan chủ trì phản biện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("dự thảo"),
        on_delete=models.CASCADE,
        related_name="critiques",
    )
    deadline = models.DateField(_("hạn góp ý"))
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("chuyên gia, tổ chức được mời"), related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CritiqueStatus.choices, default=CritiqueStatus.OPEN
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    is_published = models.BooleanField(_("công khai"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CritiqueQuerySet.as_manager()

    class Meta:
        verbose_name = _("phản biện xã hội")
        verbose_name_plural = _("phản biện xã hội")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.plan)


class CritiqueComment(BaseModel):
    """An expert's comment anchored to one paragraph (task) of the draft, or to the whole."""

    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="comments")
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("đoạn (nhiệm vụ) được góp ý"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("ý kiến"), max_length=5000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:80]}"


class CritiquePoint(BaseModel):
    """A consolidated point of the critique document, linked to the paragraph it concerns,
    with the drafting body's answer (tiếp thu / giải trình)."""

    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="points")
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("đoạn (nhiệm vụ)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("nội dung phản biện"), max_length=5000)
    sources = models.ManyToManyField(CritiqueComment, related_name="points", blank=True)
    answer_kind = models.CharField(
        _("trả lời"),
        max_length=20,
        choices=[
            (ResponseKind.ACCEPTED.value, _("Tiếp thu")),
            (ResponseKind.EXPLAINED.value, _("Giải trình")),
        ],
        blank=True,
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:80]
