"""The technology market (chợ công nghệ): offers, needs, and the connections brokered between them.

An offer (chào bán / chuyển giao) is a technology, equipment or solution an organisation makes
available; a need (nhu cầu đổi mới công nghệ) is a problem a farm, cooperative or firm states in
its own words. The managing office brokers (môi giới) connections: request → review →
introduction → meetings → a transfer contract or no deal → follow-up. Contacts are shared only
when both sides have agreed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel, ScopedQuerySet, VersionedModel
from core.text import fold

#: Kinds of S&T events (events registry) at which supply and demand meet: a connection session
#: (phiên kết nối cung – cầu), a techmart, a fair, an exhibition.
SESSION_KINDS = ("connection", "techmart", "fair", "exhibition")

#: Largest amount typed in VND (one hundred thousand billion): bounds every money field.
MAX_VND = 10**14


class Field(models.TextChoices):
    """Field taxonomy of offers and needs (lĩnh vực), as national exchanges group them."""

    VARIETIES = "giống cây trồng", _("Giống cây trồng")
    TISSUE_CULTURE = "nuôi cấy mô", _("Nuôi cấy mô")
    BIO_PRODUCTS = "chế phẩm sinh học", _("Chế phẩm sinh học")
    POST_HARVEST = "bảo quản sau thu hoạch", _("Bảo quản sau thu hoạch")
    PROCESSING = "chế biến", _("Chế biến")
    MECHANISATION = "cơ giới hóa/nhà kính", _("Cơ giới hóa, nhà kính")
    IRRIGATION = "tưới tiết kiệm", _("Tưới tiết kiệm")
    ENVIRONMENT = "môi trường/xử lý chất thải", _("Môi trường, xử lý chất thải")
    ENERGY = "năng lượng", _("Năng lượng")
    IT = "công nghệ thông tin/IoT", _("Công nghệ thông tin, IoT")
    MATERIALS = "vật liệu mới", _("Vật liệu mới")
    MEDICINE = "y dược/dược liệu", _("Y dược, dược liệu")
    FOOD = "thực phẩm", _("Thực phẩm")
    OTHER = "other", _("Lĩnh vực khác")


class Readiness(models.TextChoices):
    """Mức độ sẵn sàng của công nghệ."""

    IDEA = "idea", _("Ý tưởng")
    PROTOTYPE = "prototype", _("Mẫu thử")
    PILOT = "pilot", _("Thử nghiệm, sản xuất thử")
    COMMERCIAL = "commercial", _("Thương mại")
    UNKNOWN = "", _("Chưa rõ")


class TransferForm(models.TextChoices):
    """Hình thức chuyển giao (Luật Chuyển giao công nghệ)."""

    LICENCE = "licence", _("Chuyển quyền sử dụng")
    OWNERSHIP = "ownership", _("Chuyển quyền sở hữu")
    KNOW_HOW = "know_how", _("Chuyển giao bí quyết, quy trình")
    CONSULTANCY = "consultancy", _("Tư vấn, đào tạo, dịch vụ")
    JOINT_VENTURE = "joint_venture", _("Góp vốn, liên doanh")
    EQUIPMENT = "equipment", _("Bán thiết bị kèm chuyển giao")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    PUBLISHED = "published", _("Đang đăng")
    CLOSED = "closed", _("Đã đóng")


class ListingQuerySet(ScopedQuerySet):
    """Published listings are seen by every signed-in user; drafts only by the owning units
    and the brokers over them."""

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            Q(status=ListingStatus.PUBLISHED)
            | Q(owner_unit__in=scope.units_subquery())
            | Q(created_by_id=scope.user_id)
        )

    def published(self) -> ListingQuerySet:
        return self.filter(status=ListingStatus.PUBLISHED)


class Listing(VersionedModel):
    """What offers and needs share: an owner unit (who may edit), a field, a place, a status."""

    owner_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị đăng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    field = models.CharField(
        _("lĩnh vực"), max_length=40, choices=Field.choices, default=Field.OTHER
    )
    place = models.CharField(_("địa bàn"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    contact_name = models.CharField(_("người liên hệ"), max_length=200, blank=True)
    contact_phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = ListingQuerySet.as_manager()

    class Meta:
        abstract = True

    def search_parts(self) -> list[str]:
        return [self.title, self.place]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Folded copy: "say lanh" finds "sấy lạnh".
        self.search_text = fold(" ".join(p for p in self.search_parts() if p))
        super().save(*args, **kwargs)


class Offer(Listing):
    """A technology offer (chào bán, chuyển giao công nghệ)."""

    EDITABLE_FIELDS = (
        "title", "field", "summary", "keywords", "readiness", "transfer_forms", "price_note",
        "ip_status", "origin_project", "organisation", "provider_name", "place",
        "contact_name", "contact_phone", "contact_email",
    )  # fmt: skip

    summary = models.TextField(_("mô tả"), max_length=6000)
    keywords = models.CharField(
        _("từ khóa"), max_length=600, blank=True, help_text=_("Cách nhau bằng dấu phẩy.")
    )
    readiness = models.CharField(
        _("mức độ sẵn sàng"), max_length=12, choices=Readiness.choices, blank=True, default=""
    )
    transfer_forms = models.JSONField(_("hình thức chuyển giao"), default=list, blank=True)
    price_note = models.CharField(_("giá tham khảo"), max_length=300, blank=True)
    ip_status = models.CharField(_("tình trạng sở hữu trí tuệ"), max_length=300, blank=True)
    origin_project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("nhiệm vụ KH&CN tạo ra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    provider_name = models.CharField(_("đơn vị cung cấp"), max_length=300)
    external_id = models.CharField(_("mã trên sàn khác"), max_length=64, blank=True)
    source_url = models.URLField(_("nguồn"), max_length=600, blank=True)
    is_example = models.BooleanField(
        _("ví dụ giả định"), default=False, help_text=_("Chào bán viết để minh họa, không có thật.")
    )

    class Meta:
        verbose_name = _("chào bán công nghệ")
        verbose_name_plural = _("chào bán công nghệ")
        ordering = ["-published_at", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="unique_offer_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def search_parts(self) -> list[str]:
        return [self.title, self.keywords, self.provider_name, self.place, self.summary]

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    def transfer_form_labels(self) -> list[str]:
        labels = dict(TransferForm.choices)
        return [str(labels.get(code, code)) for code in self.transfer_forms]


class Need(Listing):
    """A need for technology (nhu cầu đổi mới công nghệ), in the asker's own words."""

    EDITABLE_FIELDS = (
        "title", "description", "field", "place", "budget_min", "budget_max", "requester_name",
        "organisation", "entered_by_broker", "contact_name", "contact_phone", "contact_email",
    )  # fmt: skip

    description = models.TextField(_("mô tả vấn đề"), max_length=4000)
    budget_min = models.BigIntegerField(
        _("kinh phí từ (đồng)"), null=True, blank=True, validators=[MaxValueValidator(MAX_VND)]
    )
    budget_max = models.BigIntegerField(
        _("kinh phí đến (đồng)"), null=True, blank=True, validators=[MaxValueValidator(MAX_VND)]
    )
    requester_name = models.CharField(
        _("người, tổ chức có nhu cầu"),
        max_length=300,
        help_text=_("Hộ, trang trại, HTX, doanh nghiệp…"),
    )
    entered_by_broker = models.BooleanField(
        _("cán bộ nhập thay"), default=False, help_text=_("Nhu cầu do cán bộ môi giới ghi hộ.")
    )

    class Meta:
        verbose_name = _("nhu cầu công nghệ")
        verbose_name_plural = _("nhu cầu công nghệ")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True) | Q(budget_min__gte=0),
                name="need_budget_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_max__gte=models.F("budget_min")),
                name="need_budget_range_ordered",
                violation_error_message=_("Kinh phí “đến” phải không nhỏ hơn kinh phí “từ”."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def search_parts(self) -> list[str]:
        return [self.title, self.description, self.requester_name, self.place]

    @property
    def text(self) -> str:
        """What matching reads: the title and the problem as the asker wrote it."""
        return f"{self.title}. {self.description}"


class ConnectionStatus(models.TextChoices):
    REQUESTED = "requested", _("Chờ môi giới xem xét")
    INTRODUCED = "introduced", _("Đã giới thiệu hai bên")
    MEETING = "meeting", _("Đang gặp gỡ, đàm phán")
    DEAL = "deal", _("Đã ký hợp đồng chuyển giao")
    NO_DEAL = "no_deal", _("Không thành")
    DECLINED = "declined", _("Môi giới từ chối")


#: The only moves a connection may make; DEAL and NO_DEAL close it (follow-ups are notes).
CONNECTION_MOVES: dict[str, frozenset[str]] = {
    ConnectionStatus.REQUESTED: frozenset({ConnectionStatus.INTRODUCED, ConnectionStatus.DECLINED}),
    ConnectionStatus.INTRODUCED: frozenset(
        {ConnectionStatus.MEETING, ConnectionStatus.DEAL, ConnectionStatus.NO_DEAL}
    ),
    ConnectionStatus.MEETING: frozenset({ConnectionStatus.DEAL, ConnectionStatus.NO_DEAL}),
    ConnectionStatus.DEAL: frozenset(),
    ConnectionStatus.NO_DEAL: frozenset(),
    ConnectionStatus.DECLINED: frozenset(),
}
OPEN_CONNECTIONS = (
    ConnectionStatus.REQUESTED,
    ConnectionStatus.INTRODUCED,
    ConnectionStatus.MEETING,
)


class ConnectionQuerySet(ScopedQuerySet):
    """A connection is seen by both sides' units, by whoever asked, and by the brokers."""

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        # The brokers (the managing office) see everything through their scope's units.
        return (
            Q(need__owner_unit__in=scope.units_subquery())
            | Q(offer__owner_unit__in=scope.units_subquery())
            | Q(requested_by_id=scope.user_id)
        )


class Connection(VersionedModel):
    """A request to connect one need and one offer (yêu cầu kết nối), brokered by the office."""

    need = models.ForeignKey(
        Need, verbose_name=_("nhu cầu"), on_delete=models.PROTECT, related_name="connections"
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("chào bán"), on_delete=models.PROTECT, related_name="connections"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=ConnectionStatus.choices,
        default=ConnectionStatus.REQUESTED,
    )
    message = models.TextField(_("lời nhắn"), max_length=2000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("ngày gửi yêu cầu"), auto_now_add=True)
    first_response_at = models.DateTimeField(_("phản hồi đầu tiên"), null=True, blank=True)
    need_consents = models.BooleanField(_("bên cầu đồng ý chia sẻ liên hệ"), default=False)
    offer_consents = models.BooleanField(_("bên cung đồng ý chia sẻ liên hệ"), default=False)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    outcome_note = models.TextField(_("kết quả"), max_length=4000, blank=True)
    reminded_on = models.DateField(_("ngày nhắc môi giới"), null=True, blank=True, editable=False)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("giới thiệu tại sự kiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="market_connections",
        help_text=_(
            "Phiên kết nối cung – cầu, chợ công nghệ, hội chợ… nơi hai bên được giới thiệu."
        ),
    )

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết nối cung – cầu")
        verbose_name_plural = _("kết nối cung – cầu")
        ordering = ["-requested_at"]
        constraints = [
            # One open request per pair: a double click or a second visitor joins the first.
            models.UniqueConstraint(
                fields=["need", "offer"],
                condition=Q(status__in=["requested", "introduced", "meeting"]),
                name="one_open_connection_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.offer}"

    @property
    def contacts_shared(self) -> bool:
        return self.need_consents and self.offer_consents

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CONNECTIONS


class Meeting(BaseModel):
    """A meeting between the two sides (gặp gỡ, đàm phán), with its outcome."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("ngày gặp"))
    starts_at = models.TimeField(_("giờ gặp"), null=True, blank=True)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("tại sự kiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="market_meetings",
    )
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    notes = models.TextField(_("nội dung, kết quả"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("buổi gặp")
        verbose_name_plural = _("buổi gặp")
        ordering = ["held_on", "starts_at", "created_at"]


class TransferContract(BaseModel):
    """The technology transfer contract a connection ended in (hợp đồng chuyển giao công nghệ)."""

    connection = models.OneToOneField(Connection, on_delete=models.PROTECT, related_name="contract")
    number = models.CharField(_("số hợp đồng"), max_length=100, blank=True)
    signed_on = models.DateField(_("ngày ký"))
    value = models.BigIntegerField(
        _("giá trị (đồng)"), validators=[MaxValueValidator(MAX_VND)], help_text=_("Số tiền, đồng.")
    )
    form = models.CharField(_("hình thức chuyển giao"), max_length=20, choices=TransferForm.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hợp đồng chuyển giao")
        verbose_name_plural = _("hợp đồng chuyển giao")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="contract_value_not_negative"),
        ]


class FollowUp(BaseModel):
    """A note after the connection closed (theo dõi sau chuyển giao)."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="follow_ups")
    noted_on = models.DateField(_("ngày"))
    notes = models.TextField(_("nội dung"), max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["noted_on"]
