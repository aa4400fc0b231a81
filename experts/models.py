"""Experts and young talents (chuyên gia, nhà khoa học), under Nghị định 13/2023/NĐ-CP.

Personal data is processed for a recorded purpose with the person's consent. The consent names
the field groups that may be shown beyond the people who manage the record (the managing office
and the managers of the owning unit): the professional profile, personal details (birth year,
gender), contact, and projects. Nobody else sees a record without a consented, published
profile, nor a field group the person did not consent to (``Expert.shown_groups``).

Withdrawal anonymises the record (``actions.withdraw_consent``): name, contact, keywords,
affiliation and project links are erased; degree, title, field and birth year stay, so the
counts by degree and age band keep working. Personal values never go into the audit log (only
the names of changed fields), so anonymising the record leaves no copy behind.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.models import ScopedQuerySet, VersionedModel
from core.text import fold


class ExpertQuerySet(ScopedQuerySet):
    visible_rows_may_repeat = False  # own columns and subqueries only

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return Q(is_published=True, consent_profile=True, is_anonymised=False) | Q(
            owner_unit__in=scope.units_subquery()
        )


class Gender(models.TextChoices):
    UNSPECIFIED = "", _("Không nêu")
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")


class Degree(models.TextChoices):
    """Học vị, in ascending order (the ``rank`` of a degree is its index)."""

    NONE = "none", _("Không có học vị")
    BACHELOR = "bachelor", _("Cử nhân, kỹ sư")
    MASTER = "master", _("Thạc sĩ")
    DOCTOR = "doctor", _("Tiến sĩ")
    DSC = "dsc", _("Tiến sĩ khoa học")


class AcademicTitle(models.TextChoices):
    NONE = "", _("Không có học hàm")
    ASSOCIATE_PROFESSOR = "assoc_prof", _("Phó Giáo sư")
    PROFESSOR = "prof", _("Giáo sư")


class Field(models.TextChoices):
    NATURAL = "natural", _("Khoa học tự nhiên")
    ENGINEERING = "engineering", _("Khoa học kỹ thuật và công nghệ")
    MEDICAL = "medical", _("Khoa học y, dược")
    AGRICULTURE = "agriculture", _("Khoa học nông nghiệp")
    SOCIAL = "social", _("Khoa học xã hội")
    HUMANITIES = "humanities", _("Khoa học nhân văn")


#: Field groups a person may consent to show beyond the managers of the record.
GROUPS = {
    "profile": ("full_name", "degree", "academic_title", "field", "affiliation", "keywords"),
    "personal": ("birth_year", "gender"),
    "contact": ("email", "phone"),
    "projects": ("projects",),
}
# Stored as the record's text (the purpose the person agreed to), hence not translated.
DEFAULT_PURPOSE = "Kết nối chuyên gia với nhiệm vụ KH&CN, hội đồng tư vấn và doanh nghiệp"
PERSONAL_FIELDS = ("full_name", "birth_year", "gender", "email", "phone", "keywords", "affiliation")


class Expert(VersionedModel):
    """One expert or scientist (chuyên gia, nhà khoa học) and the consent for their data."""

    EDITABLE_FIELDS = (
        "full_name",
        "birth_year",
        "gender",
        "degree",
        "academic_title",
        "field",
        "affiliation",
        "keywords",
        "email",
        "phone",
        "owner_unit",
        "purpose",
        "consent_on",
        "consent_profile",
        "consent_personal",
        "consent_contact",
        "consent_projects",
        "is_published",
    )

    full_name = models.CharField(_("họ và tên"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    degree = models.CharField(_("học vị"), max_length=10, choices=Degree.choices)
    academic_title = models.CharField(
        _("học hàm"), max_length=12, choices=AcademicTitle.choices, blank=True
    )
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field.choices)
    affiliation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("cơ quan công tác"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    keywords = models.CharField(
        _("chuyên môn (từ khóa)"),
        max_length=500,
        blank=True,
        help_text=_("Các từ khóa cách nhau bởi dấu phẩy, ví dụ: nuôi cấy mô, hoa lan, vi sinh"),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("nhiệm vụ KH&CN"), blank=True, related_name="experts"
    )
    owner_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị quản lý hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Consent (sự đồng ý của chủ thể dữ liệu, Nghị định 13/2023/NĐ-CP, Điều 11).
    purpose = models.CharField(
        _("mục đích xử lý dữ liệu cá nhân"),
        max_length=400,
        default=DEFAULT_PURPOSE,
    )
    consent_on = models.DateField(_("ngày đồng ý"), null=True, blank=True)
    consent_profile = models.BooleanField(_("đồng ý công khai hồ sơ chuyên môn"), default=False)
    consent_personal = models.BooleanField(_("đồng ý công khai năm sinh, giới tính"), default=False)
    consent_contact = models.BooleanField(_("đồng ý công khai liên hệ"), default=False)
    consent_projects = models.BooleanField(_("đồng ý công khai nhiệm vụ tham gia"), default=False)
    consent_withdrawn_on = models.DateField(_("ngày rút lại đồng ý"), null=True, blank=True)
    is_anonymised = models.BooleanField(_("đã ẩn danh"), default=False)
    is_published = models.BooleanField(_("công khai"), default=False)
    search_text = models.TextField(editable=False, default="")

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên gia")
        verbose_name_plural = _("chuyên gia")
        ordering = ["full_name"]
        # The finder's order: its first page is read off the index, not sorted.
        indexes = [
            models.Index(fields=["full_name"], name="expert_list_order"),
            # The duplicate warning and the import ask for an e-mail whatever its case.
            models.Index(Lower("email"), name="expert_email_lower"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__gte=1900, birth_year__lte=2100),
                name="expert_birth_year_range",
                violation_error_message=_("Năm sinh phải trong khoảng 1900–2100."),
            ),
            # Nothing is shown beyond the managers without a dated consent.
            models.CheckConstraint(
                condition=Q(consent_on__isnull=False)
                | Q(
                    consent_profile=False,
                    consent_personal=False,
                    consent_contact=False,
                    consent_projects=False,
                ),
                name="expert_consent_dated",
                violation_error_message=_("Ghi ngày người này đồng ý trước khi chọn công khai."),
            ),
            models.CheckConstraint(
                condition=Q(is_anonymised=False)
                | Q(email="", phone="", keywords="", affiliation__isnull=True, is_published=False),
                name="expert_anonymised_has_no_personal_data",
                violation_error_message=_("Hồ sơ đã ẩn danh không còn dữ liệu cá nhân."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        # Only professional data is searchable: contact and personal details never are.
        return fold(" ".join([self.full_name, self.keywords]))

    def age_in(self, year: int) -> int:
        return year - self.birth_year

    def shown_groups(self, full: bool) -> set[str]:
        """The field groups a viewer may see: all for the record's managers (``full``), else
        the consented ones (none after withdrawal)."""
        if full:
            return set(GROUPS)
        if self.is_anonymised or self.consent_withdrawn_on is not None:
            return set()
        return {
            name
            for name, consented in (
                ("profile", self.consent_profile),
                ("personal", self.consent_personal),
                ("contact", self.consent_contact),
                ("projects", self.consent_projects),
            )
            if consented
        }
