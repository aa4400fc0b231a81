"""Characteristic products and intellectual property titles (sản phẩm đặc trưng, văn bằng SHTT).

Quyết định 2556/QĐ-UBND names the city's products — flowers, vegetables, tea, coffee, artichoke,
medicinal plants — and asks for their protection. A product has producers (organisations of the
registry), standards (VietGAP…) and an OCOP rating; an IP title has a holder, a number, filing,
grant and validity dates; collective and certification marks and geographical indications have
authorised users (tổ chức được cấp quyền sử dụng). Every record belongs to a unit of the tree
(``owner_unit``): that unit and the managing office edit it, others see it once published.
Projects that produced a title are linked by a nullable foreign key (``projects`` is a sibling
layer: referenced by name, never imported).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.field_groups import FieldGroup, PublishedGroupsMixin
from core.models import ScopedQuerySet, VersionedModel
from core.text import fold


class OwnedQuerySet(ScopedQuerySet):
    """Published records, plus every record of a unit in the user's scope."""

    owner_path = "owner_unit"
    visible_rows_may_repeat = False  # own columns and subqueries only

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return Q(is_published=True) | Q(**{f"{self.owner_path}__in": scope.units_subquery()})


class AuthorisedUserQuerySet(OwnedQuerySet):
    owner_path = "title__owner_unit"
    visible_rows_may_repeat = True  # reaches the title through a join

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        # Beyond the owners only where the title publishes its users' group.
        return Q(title__is_published=True, title__publish_users=True) | Q(
            title__owner_unit__in=scope.units_subquery()
        )


class ProductGroup(models.TextChoices):
    FLOWERS = "flowers", _("Hoa")
    VEGETABLES = "vegetables", _("Rau")
    TEA = "tea", _("Chè (trà)")
    COFFEE = "coffee", _("Cà phê")
    ARTICHOKE = "artichoke", _("Atisô")
    MEDICINAL = "medicinal", _("Dược liệu")
    FRUIT = "fruit", _("Cây ăn quả")
    OTHER = "other", _("Khác")


class TitleKind(models.TextChoices):
    INVENTION = "invention", _("Bằng độc quyền sáng chế")
    UTILITY_SOLUTION = "utility", _("Bằng độc quyền giải pháp hữu ích")
    TRADEMARK = "trademark", _("Nhãn hiệu")
    COLLECTIVE_MARK = "collective", _("Nhãn hiệu tập thể")
    CERTIFICATION_MARK = "certification", _("Nhãn hiệu chứng nhận")
    GEOGRAPHICAL_INDICATION = "gi", _("Chỉ dẫn địa lý")
    PLANT_VARIETY = "plant_variety", _("Bằng bảo hộ giống cây trồng")
    INDUSTRIAL_DESIGN = "design", _("Kiểu dáng công nghiệp")


#: Kinds whose use is granted to others (quyền sử dụng): they have authorised users.
SHARED_KINDS = (
    TitleKind.COLLECTIVE_MARK,
    TitleKind.CERTIFICATION_MARK,
    TitleKind.GEOGRAPHICAL_INDICATION,
)


class Product(VersionedModel):
    """A characteristic product of the area (sản phẩm đặc trưng)."""

    EDITABLE_FIELDS = (
        "name",
        "group",
        "area",
        "owner_unit",
        "vietgap",
        "globalgap",
        "organic",
        "ocop_stars",
        "description",
        "is_published",
    )

    name = models.CharField(_("tên sản phẩm"), max_length=300)
    group = models.CharField(_("nhóm sản phẩm"), max_length=20, choices=ProductGroup.choices)
    area = models.CharField(_("vùng sản xuất"), max_length=300, blank=True)
    owner_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị quản lý hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    producers = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("tổ chức sản xuất"),
        blank=True,
        related_name="products",
    )
    vietgap = models.BooleanField(_("đạt VietGAP"), default=False)
    globalgap = models.BooleanField(_("đạt GlobalGAP"), default=False)
    organic = models.BooleanField(_("hữu cơ"), default=False)
    ocop_stars = models.PositiveSmallIntegerField(_("hạng OCOP (số sao)"), null=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    is_published = models.BooleanField(_("công khai"), default=True)
    search_text = models.TextField(editable=False, default="")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sản phẩm đặc trưng")
        verbose_name_plural = _("sản phẩm đặc trưng")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ocop_stars__isnull=True) | Q(ocop_stars__gte=3, ocop_stars__lte=5),
                name="product_ocop_stars_range",
                violation_error_message=_("Hạng OCOP là 3, 4 hoặc 5 sao."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return fold(" ".join([self.name, self.area, self.description[:500]]))


class IpTitle(PublishedGroupsMixin, VersionedModel):
    """An intellectual property title (văn bằng bảo hộ sở hữu trí tuệ) or a pending filing.

    Field groups published (``core.field_groups``): the identity as in the official gazette
    (kind, name, holder, title number, grant and expiry dates, product) with the record; the
    filing details (application number, filing and renewal dates, the project that produced
    it) and the authorised users (tổ chức được cấp quyền sử dụng: area, volume, period) each by
    their own flag.
    """

    FIELD_GROUPS = (
        FieldGroup(
            "identity",
            _("Thông tin văn bằng"),
            ("kind", "name", "holder", "number", "grant_date", "valid_until", "product"),
        ),
        FieldGroup(
            "filing",
            _("Hồ sơ đơn"),
            ("application_number", "filing_date", "renewed_on", "project"),
            "publish_filing",
        ),
        FieldGroup("users", _("Tổ chức được cấp quyền sử dụng"), ("users",), "publish_users"),
    )

    EDITABLE_FIELDS = (
        "kind",
        "name",
        "holder",
        "owner_unit",
        "product",
        "project",
        "application_number",
        "number",
        "filing_date",
        "grant_date",
        "valid_until",
        "renewed_on",
        "is_published",
        "publish_filing",
        "publish_users",
    )

    kind = models.CharField(_("loại văn bằng"), max_length=20, choices=TitleKind.choices)
    name = models.CharField(_("tên đối tượng bảo hộ"), max_length=300)
    holder = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("chủ văn bằng"),
        on_delete=models.PROTECT,
        related_name="ip_titles",
    )
    owner_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị quản lý hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    product = models.ForeignKey(
        Product,
        verbose_name=_("sản phẩm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="titles",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("nhiệm vụ KH&CN tạo ra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_titles",
    )
    application_number = models.CharField(_("số đơn"), max_length=50, blank=True)
    number = models.CharField(_("số văn bằng"), max_length=50, blank=True)
    filing_date = models.DateField(_("ngày nộp đơn"), null=True, blank=True)
    grant_date = models.DateField(_("ngày cấp văn bằng"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    renewed_on = models.DateField(_("ngày gia hạn gần nhất"), null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)  # expiry last reminded
    is_published = models.BooleanField(_("công khai"), default=True)
    publish_filing = models.BooleanField(_("công khai hồ sơ đơn"), default=False)
    publish_users = models.BooleanField(
        _("công khai tổ chức được cấp quyền sử dụng"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    # The same words from the published field groups only: what the public portal searches.
    public_search_text = models.TextField(editable=False, default="")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bằng sở hữu trí tuệ")
        verbose_name_plural = _("văn bằng sở hữu trí tuệ")
        ordering = ["-grant_date", "name"]
        # The list's order: its first page is read off the index, not sorted.
        indexes = [models.Index(fields=["-grant_date", "name"], name="iptitle_list_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=~Q(number=""),
                name="unique_ip_title_number",
                violation_error_message=_("Đã có văn bằng cùng loại mang số này."),
            ),
            # A granted title has its number and grant date together.
            models.CheckConstraint(
                condition=Q(number="", grant_date__isnull=True)
                | (~Q(number="") & Q(grant_date__isnull=False)),
                name="ip_title_granted_complete",
                violation_error_message=_("Văn bằng đã cấp cần cả số văn bằng và ngày cấp."),
            ),
            models.CheckConstraint(
                condition=Q(filing_date__isnull=True)
                | Q(grant_date__isnull=True)
                | Q(grant_date__gte=F("filing_date")),
                name="ip_title_granted_after_filing",
                violation_error_message=_("Ngày cấp văn bằng không thể trước ngày nộp đơn."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | (Q(grant_date__isnull=False) & Q(valid_until__gt=F("grant_date"))),
                name="ip_title_valid_after_grant",
                violation_error_message=_(
                    "Hiệu lực chỉ có với văn bằng đã cấp và phải sau ngày cấp."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        self.public_search_text = self.build_public_search_text()
        super().save(*args, **kwargs)

    def search_parts(self) -> list[tuple[str, str]]:
        # The holder's name is a copy: ip.renames refreshes it when the holder is renamed.
        return [
            ("name", self.name),
            ("number", self.number),
            ("application_number", self.application_number),
            ("holder", str(self.holder)),
        ]

    @property
    def has_authorised_users(self) -> bool:
        return self.kind in SHARED_KINDS


class AuthorisedUser(VersionedModel):
    """Who may use a collective/certification mark or a geographical indication
    (tổ chức, cá nhân được cấp quyền sử dụng): where, how much, from when to when."""

    EDITABLE_FIELDS = ("organisation", "area", "volume_tonnes", "valid_from", "valid_to", "note")

    title = models.ForeignKey(
        IpTitle, verbose_name=_("văn bằng"), on_delete=models.CASCADE, related_name="users"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("tổ chức được sử dụng"),
        on_delete=models.PROTECT,
        related_name="ip_authorisations",
    )
    area = models.CharField(_("vùng sản xuất"), max_length=300, blank=True)
    volume_tonnes = models.DecimalField(
        _("sản lượng (tấn/năm)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    valid_from = models.DateField(_("được sử dụng từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=400, blank=True)

    objects = AuthorisedUserQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức được cấp quyền sử dụng")
        verbose_name_plural = _("tổ chức được cấp quyền sử dụng")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="ip_user_period_order",
                violation_error_message=_("Ngày kết thúc không thể trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(volume_tonnes__isnull=True)
                | Q(volume_tonnes__gte=0, volume_tonnes__lte=10_000_000),
                name="ip_user_volume_range",
                violation_error_message=_("Sản lượng phải từ 0 đến 10 triệu tấn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.title.name}"
