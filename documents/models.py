"""The document registry and its citation graph."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.files import RandomName
from core.models import BaseModel, ScopedQuerySet
from core.text import fold


class DocumentKind(models.TextChoices):
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    CONCLUSION = "ket_luan", _("Kết luận")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    PLAN = "ke_hoach", _("Kế hoạch")
    PROGRAM = "chuong_trinh", _("Chương trình")
    DECISION = "quyet_dinh", _("Quyết định")
    REPORT = "bao_cao", _("Báo cáo")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    NOTICE = "thong_bao", _("Thông báo")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    REGULATION = "quy_dinh", _("Quy định")
    LAW = "luat", _("Luật")
    DECREE = "nghi_dinh", _("Nghị định")
    CIRCULAR = "thong_tu", _("Thông tư")
    PROJECT = "de_an", _("Đề án")
    SUBMISSION = "to_trinh", _("Tờ trình")
    OTHER = "khac", _("Văn bản khác")

    @classmethod
    def from_label(cls, label: str | None) -> DocumentKind:
        """Map a Vietnamese kind name as written ("Kế hoạch", "KẾ HOẠCH") to a kind."""
        if not label:
            return cls.OTHER
        wanted = fold(label)
        for kind in cls:
            if fold(str(kind.label)) == wanted:
                return kind
        if wanted.startswith("chuong trinh"):
            return cls.PROGRAM
        return cls.OTHER


class DocumentQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        published = Q(is_published=True)
        if scope.is_anonymous:
            return published
        return published | Q(issuer__in=scope.units_subquery()) | Q(created_by_id=scope.user_id)


class Document(BaseModel):
    """An official document (văn bản): a resolution, conclusion, plan, decision, report…"""

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=100, blank=True, db_index=True)
    issuer = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
    )
    issuer_name = models.CharField(_("cơ quan ban hành (như ghi)"), max_length=300, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.TextField(_("trích yếu"))
    text = models.TextField(_("toàn văn"), blank=True)
    file = models.FileField(_("tệp"), upload_to=RandomName("documents"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    is_published = models.BooleanField(_("công khai"), default=False)
    # A document known only because another cites it ("Kết luận số 50-KL/TW"): a placeholder
    # until someone uploads or fills it in.
    is_placeholder = models.BooleanField(_("chỉ là tham chiếu"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    cites = models.ManyToManyField(
        "self", through="DocumentReference", symmetrical=False, related_name="cited_by"
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "number_symbol"]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return (
            f"{label} {self.number_symbol}".strip() if self.number_symbol else str(self.title)[:120]
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Folded copy for diacritic-insensitive search ("nghi quyet 20" finds "Nghị quyết 20").
        self.search_text = fold(
            " ".join([self.get_kind_display(), self.number_symbol, self.title, self.issuer_name])
        )
        super().save(*args, **kwargs)

    @property
    def issuer_display(self) -> str:
        return self.issuer.name if self.issuer else self.issuer_name


class ReferenceRelation(models.TextChoices):
    IMPLEMENTS = "implements", _("Triển khai thực hiện")
    CITES = "cites", _("Dẫn chiếu")


class DocumentReference(BaseModel):
    """A citation (căn cứ, dẫn chiếu) from one document to another."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="references")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="referenced_by")
    relation = models.CharField(
        _("quan hệ"), max_length=20, choices=ReferenceRelation.choices, default="cites"
    )
    text = models.TextField(_("trích dẫn"), blank=True)

    class Meta:
        verbose_name = _("dẫn chiếu văn bản")
        verbose_name_plural = _("dẫn chiếu văn bản")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_document_reference"),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="document_reference_not_itself",
                violation_error_message=_("Văn bản không thể dẫn chiếu chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"
