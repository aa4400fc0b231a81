"""Cooperation agreements (thỏa thuận, chương trình hợp tác KH&CN), seed plan II.6.

Partners are organisations of the registry (domestic or foreign) and, for foreign partners not
registered here, their names as written in the agreement. An agreement belongs to a unit of the
tree (``owner_unit``): that unit and the managing office edit it; others see it once published.
Linked S&T projects are referenced by name (``projects`` is a sibling layer).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.field_groups import FieldGroup, PublishedGroupsMixin
from core.models import ScopedQuerySet, VersionedModel


class AgreementQuerySet(ScopedQuerySet):
    visible_rows_may_repeat = False  # own columns and subqueries only

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return Q(is_published=True) | Q(owner_unit__in=scope.units_subquery())


class PartnerScope(models.TextChoices):
    DOMESTIC = "domestic", _("Trong nước")
    FOREIGN = "foreign", _("Nước ngoài")


class AgreementStatus(models.TextChoices):
    NEGOTIATING = "negotiating", _("Đang đàm phán")
    ACTIVE = "active", _("Đang hiệu lực")
    EXPIRED = "expired", _("Hết hạn")
    TERMINATED = "terminated", _("Chấm dứt trước hạn")


class Agreement(PublishedGroupsMixin, VersionedModel):
    """One cooperation agreement (thỏa thuận hợp tác).

    Field groups published (``core.field_groups``): the identity (title, number, partners,
    scope, dates, status) with the record; the results (kết quả) and the linked S&T projects
    each by their own flag.
    """

    FIELD_GROUPS = (
        FieldGroup(
            "identity",
            _("Thông tin chung"),
            (
                "title",
                "number",
                "partner_scope",
                "partners",
                "foreign_partner_names",
                "scope",
                "signed_on",
                "valid_until",
                "status",
            ),
        ),
        FieldGroup("results", _("Kết quả"), ("results",), "publish_results"),
        FieldGroup("projects", _("Nhiệm vụ KH&CN liên quan"), ("projects",), "publish_projects"),
    )

    EDITABLE_FIELDS = (
        "title",
        "number",
        "partner_scope",
        "foreign_partner_names",
        "owner_unit",
        "scope",
        "signed_on",
        "valid_until",
        "status",
        "results",
        "is_published",
        "publish_results",
        "publish_projects",
    )

    title = models.CharField(_("tên thỏa thuận"), max_length=300)
    number = models.CharField(_("số hiệu"), max_length=60, blank=True)
    partner_scope = models.CharField(
        _("đối tác"), max_length=10, choices=PartnerScope.choices, default=PartnerScope.DOMESTIC
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("tổ chức đối tác"),
        blank=True,
        related_name="agreements",
    )
    foreign_partner_names = models.CharField(
        _("đối tác nước ngoài (chưa có trong danh bạ)"), max_length=400, blank=True
    )
    owner_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị quản lý hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scope = models.TextField(_("nội dung, phạm vi hợp tác"))
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.NEGOTIATING,
    )
    results = models.TextField(_("kết quả"), blank=True)
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("nhiệm vụ KH&CN liên quan"),
        blank=True,
        related_name="agreements",
    )
    is_published = models.BooleanField(_("công khai"), default=True)
    publish_results = models.BooleanField(_("công khai kết quả"), default=False)
    publish_projects = models.BooleanField(_("công khai nhiệm vụ KH&CN liên quan"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    # The same words from the published field groups only: what the public portal searches.
    public_search_text = models.TextField(editable=False, default="")

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("thỏa thuận hợp tác")
        verbose_name_plural = _("thỏa thuận hợp tác")
        ordering = ["-signed_on", "title"]
        # The list's order: its first page is read off the index, not sorted.
        indexes = [models.Index(fields=["-signed_on", "title"], name="agreement_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | (Q(signed_on__isnull=False) & Q(valid_until__gte=F("signed_on"))),
                name="agreement_valid_after_signing",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày ký."),
            ),
            models.CheckConstraint(
                condition=Q(status="negotiating") | Q(signed_on__isnull=False),
                name="agreement_signed_unless_negotiating",
                violation_error_message=_("Thỏa thuận đã ký cần ngày ký."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        self.public_search_text = self.build_public_search_text()
        super().save(*args, **kwargs)

    def search_parts(self) -> list[tuple[str, str]]:
        return [
            ("title", self.title),
            ("number", self.number),
            ("foreign_partner_names", self.foreign_partner_names),
            ("scope", self.scope[:500]),
        ]
