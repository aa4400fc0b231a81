"""S&T events (sự kiện KH&CN): who organised what, when, where, how many took part, outcomes.

The seed plan counts conferences, fairs and dissemination sessions (II.1, II.6, III.3); here they
are recorded once and counted by the indicators. An event belongs to a unit of the tree
(``owner_unit``): that unit and the managing office edit it; others see it once published, and
published events are also offered as an iCalendar feed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.field_groups import FieldGroup, PublishedGroupsMixin
from core.models import ScopedQuerySet, VersionedModel


class EventQuerySet(ScopedQuerySet):
    visible_rows_may_repeat = False  # own columns and subqueries only

    def _visible_q(self, scope: Any) -> Q:
        if scope.is_anonymous:
            return Q(pk__in=[])
        return Q(is_published=True) | Q(owner_unit__in=scope.units_subquery())

    def published(self) -> EventQuerySet:
        return self.filter(is_published=True)


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị")
    WORKSHOP = "workshop", _("Hội thảo")
    FAIR = "fair", _("Hội chợ")
    EXHIBITION = "exhibition", _("Triển lãm")
    TECHMART = "techmart", _("Chợ công nghệ và thiết bị (Techmart)")
    CONNECTION = "connection", _("Phiên kết nối cung – cầu")
    DISSEMINATION = "dissemination", _("Buổi phổ biến, chuyển giao kiến thức KH&CN")


MAX_PARTICIPANTS = 1_000_000


class Event(PublishedGroupsMixin, VersionedModel):
    """One S&T event (sự kiện).

    Field groups published (``core.field_groups``): the identity (kind, title, dates, place,
    organiser, number of participants) with the record; the participating organisations and
    the outcomes (kết quả) each by their own flag.
    """

    FIELD_GROUPS = (
        FieldGroup(
            "identity",
            _("Thông tin chung"),
            (
                "kind",
                "title",
                "organiser",
                "organiser_name",
                "starts_on",
                "ends_on",
                "place",
                "participants",
            ),
        ),
        FieldGroup(
            "organisations",
            _("Tổ chức tham gia"),
            ("participant_organisations",),
            "publish_organisations",
        ),
        FieldGroup("outcomes", _("Kết quả"), ("outcomes",), "publish_outcomes"),
    )

    EDITABLE_FIELDS = (
        "kind",
        "title",
        "owner_unit",
        "organiser",
        "organiser_name",
        "starts_on",
        "ends_on",
        "place",
        "participants",
        "outcomes",
        "is_published",
        "publish_organisations",
        "publish_outcomes",
    )

    kind = models.CharField(_("loại sự kiện"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("tên sự kiện"), max_length=300)
    owner_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị quản lý hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("tổ chức chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    organiser_name = models.CharField(
        _("đơn vị tổ chức (nếu chưa có trong danh bạ)"), max_length=300, blank=True
    )
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=300)
    participants = models.PositiveIntegerField(_("số người tham dự"), default=0)
    participant_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("tổ chức tham gia"),
        blank=True,
        related_name="attended_events",
    )
    outcomes = models.TextField(_("kết quả"), blank=True)
    is_published = models.BooleanField(_("công khai"), default=True)
    publish_organisations = models.BooleanField(_("công khai tổ chức tham gia"), default=False)
    publish_outcomes = models.BooleanField(_("công khai kết quả"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    # The same words from the published field groups only: what the public portal searches.
    public_search_text = models.TextField(editable=False, default="")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện KH&CN")
        verbose_name_plural = _("sự kiện KH&CN")
        ordering = ["-starts_on", "title"]
        indexes = [
            models.Index(fields=["starts_on"]),
            # The list's order: its first page is read off the index, not sorted.
            models.Index(fields=["-starts_on", "title"], name="event_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="event_ends_after_start",
                violation_error_message=_("Ngày kết thúc không thể trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(participants__lte=MAX_PARTICIPANTS),
                name="event_participants_range",
                violation_error_message=_("Số người tham dự phải từ 0 đến 1.000.000."),
            ),
            models.CheckConstraint(
                condition=~Q(organiser__isnull=True, organiser_name=""),
                name="event_has_organiser",
                violation_error_message=_("Cần chọn tổ chức chủ trì hoặc ghi tên đơn vị tổ chức."),
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
            ("place", self.place),
            ("organiser_name", self.organiser_name),
            ("outcomes", self.outcomes[:500]),
        ]

    @property
    def organiser_label(self) -> str:
        return self.organiser.name if self.organiser_id else self.organiser_name  # type: ignore[union-attr]
