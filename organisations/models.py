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

from core.models import ScopedQuerySet, VersionedModel
from core.text import fold


class OrganisationKind(models.TextChoices):
    ST_ORGANISATION = "st_org", _("Tổ chức khoa học và công nghệ")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Tổ chức khác")


class OrganisationQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return (
            Q(is_published=True)
            | Q(unit__in=scope.units_subquery())
            | Q(created_by_id=scope.user_id)
        )


class Organisation(VersionedModel):
    """An organisation (tổ chức) named by the registries: host, proposer, partner, applier."""

    EDITABLE_FIELDS = (
        "kind",
        "name",
        "short_name",
        "tax_code",
        "address",
        "unit",
        "is_published",
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
    is_published = models.BooleanField(_("công khai"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["name"]
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
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Folded copy for diacritic-insensitive search ("vien nghien cuu" finds "Viện Nghiên cứu").
        self.search_text = fold(" ".join([self.name, self.short_name, self.tax_code, self.address]))
        super().save(*args, **kwargs)
