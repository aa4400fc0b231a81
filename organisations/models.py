"""The registry of organisations (danh bạ tổ chức): S&T organisations, enterprises, others.

An organisation that is also a unit of the tree (a research institute under the province) is
linked to that unit, never duplicated: the unit keeps its place in the tree, the organisation
row adds what the registries need (tax code, kind, address). Registries above (S&T projects,
later certificates and S&T funds) point here for their host, proposer and partners.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.field_groups import FieldGroup, PublishedGroupsMixin
from core.models import ScopedQuerySet, VersionedModel


class OrganisationKind(models.TextChoices):
    ST_ORGANISATION = "st_org", _("Tổ chức khoa học và công nghệ")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Tổ chức khác")


class OrganisationQuerySet(ScopedQuerySet):
    visible_rows_may_repeat = False  # own columns and subqueries only

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            Q(is_published=True)
            | Q(unit__in=scope.units_subquery())
            | Q(area__in=scope.units_subquery())
            | Q(created_by_id=scope.user_id)
        )


class Organisation(PublishedGroupsMixin, VersionedModel):
    """An organisation (tổ chức) named by the registries: host, proposer, partner, applier.

    Field groups published (``core.field_groups``): the identity with the record; the
    certificates (S&T registration, S&T enterprise certificate) and the S&T fund figures
    (quỹ phát triển KH&CN, the ``StFund`` rows) each by their own flag.
    """

    FIELD_GROUPS = (
        FieldGroup(
            "identity",
            _("Thông tin chung"),
            (
                "kind",
                "name",
                "short_name",
                "tax_code",
                "address",
                "unit",
                "area",
                "is_innovative_startup",
            ),
        ),
        FieldGroup(
            "certificates",
            _("Giấy chứng nhận"),
            (
                "registration_number",
                "registration_date",
                "registration_issuer",
                "st_certificate_number",
                "st_certificate_date",
                "st_certificate_issuer",
            ),
            "publish_certificates",
        ),
        FieldGroup("funds", _("Quỹ phát triển KH&CN"), ("funds",), "publish_funds"),
    )

    EDITABLE_FIELDS = (
        "kind",
        "name",
        "short_name",
        "tax_code",
        "address",
        "unit",
        "area",
        "registration_number",
        "registration_date",
        "registration_issuer",
        "st_certificate_number",
        "st_certificate_date",
        "st_certificate_issuer",
        "is_innovative_startup",
        "is_published",
        "publish_certificates",
        "publish_funds",
    )

    kind = models.CharField(
        _("loại tổ chức"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.ST_ORGANISATION,
    )
    name = models.CharField(_("tên tổ chức"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=400, blank=True)
    unit = models.OneToOneField(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị trong cây tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisation",
    )
    area = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("địa bàn (đơn vị quản lý)"),
        help_text=_("Đơn vị hành chính nơi tổ chức đặt trụ sở; đơn vị đó sửa được hồ sơ này."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Giấy chứng nhận đăng ký hoạt động KH&CN (S&T organisations, Nghị định 08/2014).
    registration_number = models.CharField(
        _("số giấy chứng nhận đăng ký hoạt động KH&CN"), max_length=50, blank=True
    )
    registration_date = models.DateField(_("ngày cấp giấy đăng ký"), null=True, blank=True)
    registration_issuer = models.CharField(
        _("cơ quan cấp giấy đăng ký"), max_length=200, blank=True
    )
    # Giấy chứng nhận doanh nghiệp KH&CN (enterprises, Nghị định 13/2019).
    st_certificate_number = models.CharField(
        _("số giấy chứng nhận doanh nghiệp KH&CN"), max_length=50, blank=True
    )
    st_certificate_date = models.DateField(
        _("ngày cấp giấy chứng nhận doanh nghiệp KH&CN"), null=True, blank=True
    )
    st_certificate_issuer = models.CharField(
        _("cơ quan cấp giấy chứng nhận doanh nghiệp KH&CN"), max_length=200, blank=True
    )
    is_innovative_startup = models.BooleanField(
        _("doanh nghiệp khởi nghiệp đổi mới sáng tạo"), default=False
    )
    is_published = models.BooleanField(_("công khai"), default=True)
    publish_certificates = models.BooleanField(_("công khai giấy chứng nhận"), default=False)
    publish_funds = models.BooleanField(_("công khai số liệu quỹ phát triển KH&CN"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    # The same words from the published field groups only: what the public portal searches.
    public_search_text = models.TextField(editable=False, default="")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["name"]
        # The list's order: its first page is read off the index, not sorted.
        indexes = [models.Index(fields=["name"], name="organisation_list_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=~Q(tax_code=""),
                name="unique_organisation_tax_code",
                violation_error_message=_("Đã có tổ chức khác mang mã số thuế này."),
            ),
            models.CheckConstraint(
                condition=Q(tax_code="") | Q(tax_code__regex=r"^[0-9]{10}(-[0-9]{3})?$"),
                name="organisation_tax_code_format",
                violation_error_message=_(
                    "Mã số thuế gồm 10 chữ số (chi nhánh: thêm dấu gạch và 3 chữ số)."
                ),
            ),
            # A certificate is a number and a date together, never half of one.
            models.CheckConstraint(
                condition=Q(registration_number="", registration_date__isnull=True)
                | (~Q(registration_number="") & Q(registration_date__isnull=False)),
                name="organisation_registration_complete",
                violation_error_message=_("Giấy đăng ký hoạt động KH&CN cần cả số và ngày cấp."),
            ),
            models.CheckConstraint(
                condition=Q(st_certificate_number="", st_certificate_date__isnull=True)
                | (
                    ~Q(st_certificate_number="")
                    & Q(st_certificate_date__isnull=False)
                    & Q(kind="enterprise")
                ),
                name="organisation_st_certificate_enterprise",
                violation_error_message=_(
                    "Giấy chứng nhận doanh nghiệp KH&CN cần cả số và ngày cấp, "
                    "và chỉ cấp cho doanh nghiệp."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_innovative_startup=False) | Q(kind="enterprise"),
                name="organisation_startup_enterprise",
                violation_error_message=_("Chỉ doanh nghiệp mới là khởi nghiệp đổi mới sáng tạo."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        self.public_search_text = self.build_public_search_text()
        super().save(*args, **kwargs)

    def search_parts(self) -> list[tuple[str, str]]:
        """The searched words, each under its field (``core.field_groups``: the public column
        keeps only those of published groups). Folded by ``build_search_text`` ("vien nghien
        cuu" finds "Viện Nghiên cứu"); save() stores it, bulk loaders call it."""
        return [
            ("name", self.name),
            ("short_name", self.short_name),
            ("tax_code", self.tax_code),
            ("address", self.address),
            ("registration_number", self.registration_number),
            ("st_certificate_number", self.st_certificate_number),
        ]

    @property
    def is_st_enterprise(self) -> bool:
        return bool(self.st_certificate_number)

    def subtree_path(self) -> str | None:
        """The tree path that decides who edits it: its own unit, else its area."""
        if self.unit is not None:
            return str(self.unit.path)
        if self.area is not None:
            return str(self.area.path)
        return None


class FundPurpose(models.TextChoices):
    """What an enterprise S&T development fund was used for (mục đích sử dụng quỹ)."""

    RESEARCH = "research", _("Thực hiện nhiệm vụ KH&CN")
    INNOVATION = "innovation", _("Đổi mới, chuyển giao công nghệ, mua máy móc thiết bị")
    TRAINING = "training", _("Đào tạo nhân lực KH&CN")
    OTHER = "other", _("Mục đích khác")


# One VND amount may not exceed a thousand billion: beyond that it is a typing slip.
MAX_VND = 10**15


class FundQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            # Beyond its owners a fund row shows when the organisation publishes its fund
            # group (``Organisation.FIELD_GROUPS``) and the row itself is published.
            Q(is_published=True, organisation__is_published=True, organisation__publish_funds=True)
            | Q(organisation__unit__in=scope.units_subquery())
            | Q(organisation__area__in=scope.units_subquery())
            | Q(organisation__created_by_id=scope.user_id)
        )


FUND_USED_FIELDS = ("used_research", "used_innovation", "used_training", "used_other")
FUND_AMOUNT_FIELDS = ("amount_set_aside", *FUND_USED_FIELDS)


def _amount(label: Any) -> models.BigIntegerField:
    return models.BigIntegerField(label, default=0, help_text=_("đồng"))


class StFund(VersionedModel):
    """One enterprise's S&T development fund in one year (quỹ phát triển KH&CN của doanh
    nghiệp): set up or not, the amount set aside, the amounts used by purpose, in VND."""

    EDITABLE_FIELDS = (
        "year",
        "is_established",
        "amount_set_aside",
        "used_research",
        "used_innovation",
        "used_training",
        "used_other",
        "note",
        "is_published",
    )
    USED_FIELDS = FUND_USED_FIELDS

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("doanh nghiệp"), on_delete=models.CASCADE, related_name="funds"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    is_established = models.BooleanField(_("đã thành lập quỹ"), default=True)
    amount_set_aside = _amount(_("số trích lập trong năm"))
    used_research = _amount(_("sử dụng: thực hiện nhiệm vụ KH&CN"))
    used_innovation = _amount(_("sử dụng: đổi mới, chuyển giao công nghệ"))
    used_training = _amount(_("sử dụng: đào tạo nhân lực KH&CN"))
    used_other = _amount(_("sử dụng: mục đích khác"))
    note = models.CharField(_("ghi chú"), max_length=400, blank=True)
    is_published = models.BooleanField(_("công khai"), default=False)

    objects = FundQuerySet.as_manager()

    class Meta:
        verbose_name = _("quỹ phát triển KH&CN của doanh nghiệp")
        verbose_name_plural = _("quỹ phát triển KH&CN của doanh nghiệp")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="unique_fund_organisation_year",
                violation_error_message=_("Doanh nghiệp đã có số liệu quỹ của năm này."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="fund_year_range",
                violation_error_message=_("Năm phải trong khoảng 1990–2100."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}) & Q(**{f"{name}__lte": MAX_VND}),
                    name=f"fund_{name}_range",
                    violation_error_message=_(
                        "Số tiền phải từ 0 đến 1.000.000 tỷ đồng (nhập theo đồng)."
                    ),
                )
                for name in FUND_AMOUNT_FIELDS
            ],
            # A fund not set up has nothing set aside and nothing spent.
            models.CheckConstraint(
                condition=Q(is_established=True)
                | Q(
                    amount_set_aside=0,
                    used_research=0,
                    used_innovation=0,
                    used_training=0,
                    used_other=0,
                ),
                name="fund_amounts_need_fund",
                violation_error_message=_(
                    "Doanh nghiệp chưa thành lập quỹ thì không có số trích lập, sử dụng."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.year}"

    @property
    def amount_used(self) -> int:
        return sum(getattr(self, name) for name in self.USED_FIELDS)
