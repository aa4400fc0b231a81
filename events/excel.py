"""S&T events as an Excel sheet: export of the (filtered) list, template, all-or-nothing import.

The organiser is named in one column: a name found in the organisations registry (with or
without diacritics) is linked, any other name is kept as written ("đơn vị tổ chức"). The
participating organisations are names of the registry separated by ";".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core import sheets
from core.errors import NotAllowed
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from core.text import fold
from events import actions
from events.forms import EventForm
from events.models import MAX_PARTICIPANTS, Event, EventKind
from organisations.models import Organisation
from orgunits.models import OrgUnit

if TYPE_CHECKING:
    from accounts.models import User

_KINDS = "; ".join(str(k.label) for k in EventKind)
SHEET = sheets.Sheet(
    title="Su kien",
    filename="su-kien",
    max_rows=2_000,
    columns=(
        sheets.Column("Tên sự kiện (*)", _l("bắt buộc"), "Hội thảo giống hoa mới", 40),
        sheets.Column("Loại sự kiện (*)", _KINDS, str(EventKind.WORKSHOP.label), 22),
        sheets.Column(
            "Mã đơn vị quản lý hồ sơ (*)", _l("mã đơn vị mà bạn được sửa sổ KH&CN"), "", 16
        ),
        sheets.Column(
            "Đơn vị tổ chức (*)",
            _l("tên trong danh bạ tổ chức thì được liên kết, tên khác được ghi nguyên văn"),
            "Trung tâm Ứng dụng KH&CN",
            30,
        ),
        sheets.Column("Ngày bắt đầu (*)", _l("dd/mm/yyyy"), "15/03/2025", 14),
        sheets.Column(
            "Ngày kết thúc", _l("dd/mm/yyyy; để trống là cùng ngày bắt đầu"), "16/03/2025", 14
        ),
        sheets.Column("Địa điểm (*)", "", "Đà Lạt", 24),
        sheets.Column("Số người tham dự", _l("số nguyên, ví dụ 1.200"), 120, 12),
        sheets.Column("Kết quả", "", "", 40),
        sheets.Column("Công khai (có/không)", _l("có hoặc không; để trống là có"), "có", 10),
        sheets.Column(
            "Tổ chức tham gia",
            _l("tên trong danh bạ tổ chức, cách nhau bởi dấu chấm phẩy (;)"),
            "",
            40,
        ),
    ),
)
# Model field → column, for the model's own checks.
COLUMNS = {
    "title": 0,
    "kind": 1,
    "owner_unit": 2,
    "organiser": 3,
    "organiser_name": 3,
    "starts_on": 4,
    "ends_on": 5,
    "place": 6,
    "participants": 7,
    "outcomes": 8,
}


def export_queryset(queryset: Any, user: Any) -> Any:
    """What the rows read; participants only as far as the user sees them (like the page)."""
    visible = Organisation.objects.visible_to(user).order_by("name")
    return queryset.select_related("organiser", "owner_unit").prefetch_related(
        Prefetch("participant_organisations", queryset=visible)
    )


def export_rows(events: Iterable[Event], user: Any = None) -> list[list[Any]]:
    """Rows of the sheet; outcomes and participating organisations empty where the user sees
    the event only as published and it does not publish them (``Event.shown_groups``)."""
    rows = []
    for e in events:
        groups = e.shown_groups(full=user is None or actions.sees_all(user, e))
        rows.append(
            [
                e.title,
                e.get_kind_display(),
                e.owner_unit.code,
                e.organiser_label,
                e.starts_on,
                e.ends_on,
                e.place,
                e.participants,
                e.outcomes if "outcomes" in groups else "",
                sheets.yes_no_text(e.is_published),
                sheets.joined(o.name for o in e.participant_organisations.all())
                if "organisations" in groups
                else "",
            ]
        )
    return rows


class _Reader:
    """What the rows may name: units the user files records for, organisations they see."""

    def __init__(self, actor: User) -> None:
        units = OrgUnit.objects.visible_to(actor).filter(
            scope_for(actor).units_where_q(EDIT_ST_REGISTRIES)
        )
        self.units = sheets.by_folded(units.exclude(code=""), lambda u: u.code)
        self.orgs = sheets.by_folded(Organisation.objects.visible_to(actor), lambda o: o.name)

    def parse(self, r: sheets.RowReader) -> dict[str, Any] | None:
        title = r.take(0, sheets.text, required=_("thiếu tên sự kiện"), max_length=300)
        kind = r.take(1, sheets.choice, EventKind, required=_("thiếu loại sự kiện"))
        owner = r.take(
            2,
            sheets.lookup,
            self.units,
            missing=_("không có đơn vị mã “%(t)s” mà bạn được sửa"),
            required=_("thiếu mã đơn vị quản lý hồ sơ"),
        )
        organiser_text = r.take(3, sheets.text, required=_("thiếu đơn vị tổ chức"), max_length=300)
        starts = r.take(4, sheets.date, required=_("thiếu ngày bắt đầu"))
        ends = r.take(5, sheets.date)
        place = r.take(6, sheets.text, required=_("thiếu địa điểm"), max_length=300)
        participants = r.take(7, sheets.integer, minimum=0, maximum=MAX_PARTICIPANTS)
        outcomes = r.take(8, sheets.text)
        published = True if r.raw(9) in (None, "") else r.take(9, sheets.yes_no)
        attending = r.take(
            10, sheets.many, self.orgs, missing=_("không có tổ chức “%(t)s” trong danh bạ")
        )
        if not r.ok:
            return None
        organiser = self.orgs.get(fold(organiser_text or ""))
        fields = {
            "title": title,
            "kind": kind,
            "owner_unit": owner,
            "organiser": organiser,
            "organiser_name": "" if organiser else organiser_text,
            "starts_on": starts,
            "ends_on": ends or starts,
            "place": place,
            "participants": participants or 0,
            "outcomes": outcomes,
            "is_published": published,
        }
        r.validate(Event(**fields), COLUMNS)
        return {**fields, "participant_organisations": attending} if r.ok else None


def import_events(actor: User, data: bytes) -> int:
    """Check every cell, then write every event in one transaction (or none)."""
    if not actions.can_create(actor):
        raise NotAllowed()
    rows = sheets.check_rows(
        SHEET,
        data,
        _Reader(actor).parse,
        empty_message=_("tệp không có dòng sự kiện nào"),
        similar=sheets.SimilarCheck(EventForm.duplicate_name, Event, actor),  # type: ignore[arg-type]
    )
    return actions.import_events(actor, rows)
