"""Cooperation agreements as an Excel sheet: export of the (filtered) list, template, and an
all-or-nothing import. Partner organisations are names of the registry separated by ";";
foreign partners not in the registry are written as they are in the agreement."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from cooperation import actions
from cooperation.forms import AgreementForm
from cooperation.models import Agreement, AgreementStatus, PartnerScope
from core import sheets
from core.errors import NotAllowed
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from organisations.models import Organisation
from orgunits.models import OrgUnit

if TYPE_CHECKING:
    from accounts.models import User

SHEET = sheets.Sheet(
    title="Hop tac",
    filename="hop-tac",
    max_rows=2_000,
    columns=(
        sheets.Column("Tên thỏa thuận (*)", _l("bắt buộc"), "Hợp tác nghiên cứu giống cà phê", 40),
        sheets.Column("Số hiệu", "", "12/TTHT", 14),
        sheets.Column(
            "Đối tác",
            "; ".join(str(c.label) for c in PartnerScope),
            str(PartnerScope.DOMESTIC.label),
            12,
        ),
        sheets.Column(
            "Tổ chức đối tác",
            _l("tên trong danh bạ tổ chức, cách nhau bởi dấu chấm phẩy (;)"),
            "",
            36,
        ),
        sheets.Column("Đối tác nước ngoài (chưa có trong danh bạ)", "", "", 30),
        sheets.Column(
            "Mã đơn vị quản lý hồ sơ (*)", _l("mã đơn vị mà bạn được sửa sổ KH&CN"), "", 16
        ),
        sheets.Column("Nội dung, phạm vi hợp tác (*)", _l("bắt buộc"), "Khảo nghiệm giống mới", 40),
        sheets.Column(
            "Ngày ký", _l("dd/mm/yyyy; bắt buộc trừ khi đang đàm phán"), "20/05/2024", 12
        ),
        sheets.Column("Hiệu lực đến", _l("dd/mm/yyyy, sau ngày ký"), "20/05/2027", 12),
        sheets.Column(
            "Trạng thái",
            "; ".join(str(c.label) for c in AgreementStatus),
            str(AgreementStatus.ACTIVE.label),
            16,
        ),
        sheets.Column("Kết quả", "", "", 36),
        sheets.Column("Công khai (có/không)", _l("có hoặc không; để trống là có"), "có", 10),
    ),
)
COLUMNS = {
    "title": 0,
    "number": 1,
    "partner_scope": 2,
    "foreign_partner_names": 4,
    "owner_unit": 5,
    "scope": 6,
    "signed_on": 7,
    "valid_until": 8,
    "status": 9,
    "results": 10,
}


def export_queryset(queryset: Any, user: Any) -> Any:
    """What the rows read; partners only as far as the user sees them (like the page)."""
    visible = Organisation.objects.visible_to(user).order_by("name")
    return queryset.select_related("owner_unit").prefetch_related(
        Prefetch("partners", queryset=visible)
    )


def export_rows(agreements: Iterable[Agreement], user: Any = None) -> list[list[Any]]:
    """Rows of the sheet; the results empty where the user sees the agreement only as
    published and it does not publish them (``Agreement.shown_groups``)."""
    rows = []
    for a in agreements:
        groups = a.shown_groups(full=user is None or actions.sees_all(user, a))
        rows.append(
            [
                a.title,
                a.number,
                a.get_partner_scope_display(),
                sheets.joined(o.name for o in a.partners.all()),
                a.foreign_partner_names,
                a.owner_unit.code,
                a.scope,
                a.signed_on,
                a.valid_until,
                a.get_status_display(),
                a.results if "results" in groups else "",
                sheets.yes_no_text(a.is_published),
            ]
        )
    return rows


class _Reader:
    def __init__(self, actor: User) -> None:
        units = OrgUnit.objects.visible_to(actor).filter(
            scope_for(actor).units_where_q(EDIT_ST_REGISTRIES)
        )
        self.units = sheets.by_folded(units.exclude(code=""), lambda u: u.code)
        self.orgs = sheets.by_folded(Organisation.objects.visible_to(actor), lambda o: o.name)
        # The form warns of a shared number; an import cannot ask, so it refuses the row
        # (checked registry-wide; the message names no record).
        self.numbers = sheets.SameKey(1, _("số hiệu"), self._existing_numbers)

    @staticmethod
    def _existing_numbers(keys: list[Any]) -> Any:
        rows = Agreement.objects.annotate(key=Lower("number")).filter(key__in=keys)
        return rows.values_list("key", flat=True)

    def parse(self, r: sheets.RowReader) -> dict[str, Any] | None:
        fields = {
            "title": r.take(0, sheets.text, required=_("thiếu tên thỏa thuận"), max_length=300),
            "number": r.take(1, sheets.text, max_length=60),
            "partner_scope": r.take(2, sheets.choice, PartnerScope, default=PartnerScope.DOMESTIC),
            "foreign_partner_names": r.take(4, sheets.text, max_length=400),
            "owner_unit": r.take(
                5,
                sheets.lookup,
                self.units,
                missing=_("không có đơn vị mã “%(t)s” mà bạn được sửa"),
                required=_("thiếu mã đơn vị quản lý hồ sơ"),
            ),
            "scope": r.take(6, sheets.text, required=_("thiếu nội dung hợp tác")),
            "signed_on": r.take(7, sheets.date),
            "valid_until": r.take(8, sheets.date),
            "status": r.take(9, sheets.choice, AgreementStatus, default=AgreementStatus.ACTIVE),
            "results": r.take(10, sheets.text),
            "is_published": True if r.raw(11) in (None, "") else r.take(11, sheets.yes_no),
        }
        partners = r.take(
            3, sheets.many, self.orgs, missing=_("không có tổ chức “%(t)s” trong danh bạ")
        )
        if not r.ok:
            return None
        r.validate(Agreement(**fields), COLUMNS)
        # After the row's own checks, so that a repeated key does not hide them.
        self.numbers.check(r, str(fields["number"] or "").strip().lower())
        return {**fields, "partners": partners} if r.ok else None


def import_agreements(actor: User, data: bytes) -> int:
    """Check every cell, then write every agreement in one transaction (or none)."""
    if not actions.can_create(actor):
        raise NotAllowed()
    reader = _Reader(actor)
    rows = sheets.check_rows(
        SHEET,
        data,
        reader.parse,
        empty_message=_("tệp không có dòng thỏa thuận nào"),
        keys=(reader.numbers,),
        similar=sheets.SimilarCheck(AgreementForm.duplicate_name, Agreement, actor),  # type: ignore[arg-type]
    )
    return actions.import_agreements(actor, rows)
