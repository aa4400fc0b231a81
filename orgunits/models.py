"""The organisation registry: units in a tree, valid over a period, linked to their successors."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constraints import not_before
from core.models import BaseModel, ScopedQuerySet
from core.text import fold


class UnitKind(models.TextChoices):
    CENTRAL = "central", _("Cơ quan Trung ương")
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
    PARTY_AGENCY = "party_agency", _("Ban, cơ quan tham mưu của Đảng")
    PARTY_GRASSROOTS = "party_grassroots", _("Tổ chức cơ sở đảng")
    GOVERNMENT = "government", _("Chính quyền (HĐND, UBND)")
    GOVERNMENT_AGENCY = "government_agency", _("Sở, phòng, ban, ngành")
    FRONT = "front", _("Mặt trận Tổ quốc")
    MASS_ORGANISATION = "mass_org", _("Đoàn thể chính trị - xã hội")
    ST_ORGANISATION = "st_org", _("Tổ chức khoa học và công nghệ")
    SCHOOL = "school", _("Trường học, đại học")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Khác")


class OrgUnitQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # The registry itself is not secret: every signed-in user may look units up (to address
        # a report, to pick a cooperating unit). Anonymous visitors see none of it.
        return Q(pk__isnull=False) if not scope.is_anonymous else Q(pk__in=[])

    def active_on(self, day: datetime.date) -> OrgUnitQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        return self.filter(path__startswith=unit.path)


class OrgUnit(BaseModel):
    """An organisation unit (đơn vị, tổ chức): a Party committee, a department, a ward, a school.

    ``path`` is the materialised path of ancestors' segments, so a subtree is one indexed
    ``LIKE 'prefix%'`` query and listing thousands of units never walks the tree in Python.
    """

    # What the registry's editors may change (form, action and audit); the form types
    # ``aliases`` as one line of text (``aliases_text``).
    EDITABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "short_name",
        "code",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "email",
        "aliases",
    )

    name = models.CharField(_("tên đơn vị"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    code = models.CharField(_("mã"), max_length=50, unique=True)
    kind = models.CharField(_("loại"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Unique: a path ends with the unit's own segment, so two rows sharing one would make every
    # subtree query read a unit twice.
    path = models.CharField(max_length=800, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)
    search_text = models.TextField(editable=False, default="")
    email = models.EmailField(_("thư điện tử"), blank=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            not_before(
                "valid_from",
                "valid_to",
                optional=["valid_from", "valid_to"],
                name="orgunit_valid_to_not_before_from",
                message=_("Ngày kết thúc hiệu lực phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def segment(self) -> str:
        return f"{self.id.hex[:12]}/"

    def compute_path(self) -> None:
        self.path = (self.parent.path if self.parent else "") + self.segment
        self.depth = self.parent.depth + 1 if self.parent else 0
        self.search_text = fold(" ".join([self.name, self.short_name, *self.aliases]))

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The path is derived data; keeping it in save() means bulk tools and the admin cannot
        # forget it. Moving a unit with children goes through orgunits.actions.move_unit.
        self.compute_path()
        super().save(*args, **kwargs)

    def is_active_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def is_dissolved(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    def current_successors(self) -> list[OrgUnit]:
        """Follow successor links until units that are still active (rename → merge → …)."""
        result: list[OrgUnit] = []
        seen = {self.pk}
        frontier = [self]
        while frontier:
            unit = frontier.pop(0)
            links = list(unit.successor_links.select_related("successor"))
            if not links and unit is not self:
                result.append(unit)
                continue
            for link in links:
                nxt = link.successor
                if nxt.pk in seen:
                    continue
                seen.add(nxt.pk)
                if nxt.is_dissolved:
                    frontier.append(nxt)
                else:
                    result.append(nxt)
        return result

    def ancestors(self) -> list[OrgUnit]:
        """Ancestors from the root down, in one query (segments of the materialised path)."""
        segments = [s for s in self.path.split("/") if s][:-1]
        prefixes = ["/".join(segments[: i + 1]) + "/" for i in range(len(segments))]
        by_path = {u.path: u for u in OrgUnit.objects.filter(path__in=prefixes)}
        return [by_path[p] for p in prefixes if p in by_path]


class SuccessionKind(models.TextChoices):
    RENAME = "rename", _("Đổi tên")
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    TRANSFER = "transfer", _("Chuyển giao chức năng")


class UnitSuccession(BaseModel):
    """A succession link (kế thừa): the successor takes over the predecessor's duties on a date."""

    predecessor = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="predecessor_links"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unique_unit_succession"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="unit_succession_not_itself",
                violation_error_message=_("Đơn vị không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"
