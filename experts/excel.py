"""Experts as an Excel sheet, under Nghị định 13/2023/NĐ-CP.

The export shows each person's fields as the detail page does: every field to the record's
managers (the managing office, the owning unit's managers and writers), beyond them only the
field groups the person consented to (``Expert.shown_groups``); a hidden cell stays empty. The
consent itself (purpose, date, choices) and the owning unit are management data: only their
managers see them. The import records the consent with the data it covers, and its audit rows
carry no personal values (``experts.actions``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core import sheets
from core.errors import NotAllowed
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from experts import actions
from experts.forms import ExpertForm
from experts.models import DEFAULT_PURPOSE, AcademicTitle, Degree, Expert, Field, Gender
from organisations.models import Organisation
from orgunits.models import OrgUnit

if TYPE_CHECKING:
    from accounts.models import User


def _labels(enum: Any) -> str:
    return "; ".join(str(m.label) for m in enum)


_CONSENT = _l("có hoặc không; cần ngày đồng ý khi ghi “có”")
SHEET = sheets.Sheet(
    title="Chuyen gia",
    filename="chuyen-gia",
    max_rows=2_000,
    columns=(
        sheets.Column("Họ và tên (*)", _l("bắt buộc"), "Nguyễn Văn An", 26),
        sheets.Column("Năm sinh (*)", _l("ví dụ 1978"), 1978, 10),
        sheets.Column("Giới tính", _labels(Gender), str(Gender.MALE.label), 10),
        sheets.Column("Học vị (*)", _labels(Degree), str(Degree.DOCTOR.label), 16),
        sheets.Column("Học hàm", _labels(AcademicTitle), "", 14),
        sheets.Column("Lĩnh vực (*)", _labels(Field), str(Field.AGRICULTURE.label), 24),
        sheets.Column("Cơ quan công tác", _l("tên trong danh bạ tổ chức"), "", 30),
        sheets.Column(
            "Chuyên môn (từ khóa)", _l("cách nhau bởi dấu phẩy"), "nuôi cấy mô, hoa lan", 30
        ),
        sheets.Column("Thư điện tử", "", "an.nv@example.vn", 24),
        sheets.Column("Điện thoại", "", "", 14),
        sheets.Column(
            "Mã đơn vị quản lý hồ sơ (*)", _l("mã đơn vị mà bạn được sửa sổ KH&CN"), "", 16
        ),
        sheets.Column("Mục đích xử lý dữ liệu cá nhân", _l("để trống: mục đích mặc định"), "", 30),
        sheets.Column("Ngày đồng ý", _l("dd/mm/yyyy"), "01/03/2025", 12),
        sheets.Column("Đồng ý công khai hồ sơ chuyên môn", _CONSENT, "có", 12),
        sheets.Column("Đồng ý công khai năm sinh, giới tính", _CONSENT, "không", 12),
        sheets.Column("Đồng ý công khai liên hệ", _CONSENT, "không", 12),
        sheets.Column("Đồng ý công khai nhiệm vụ tham gia", _CONSENT, "không", 12),
        sheets.Column(
            "Công khai (có/không)", _l("chỉ công khai khi có đồng ý hồ sơ chuyên môn"), "có", 10
        ),
    ),
)
COLUMNS = {
    "full_name": 0,
    "birth_year": 1,
    "gender": 2,
    "degree": 3,
    "academic_title": 4,
    "field": 5,
    "affiliation": 6,
    "keywords": 7,
    "email": 8,
    "phone": 9,
    "owner_unit": 10,
    "purpose": 11,
    "consent_on": 12,
    "consent_profile": 13,
    "consent_personal": 14,
    "consent_contact": 15,
    "consent_projects": 16,
    "is_published": 17,
}


def export_queryset(queryset: Any) -> Any:
    return queryset.select_related("affiliation", "owner_unit")


def export_rows(experts: Iterable[Expert], user: Any) -> list[list[Any]]:
    """One row per expert; a field group the viewer may not see is left empty."""
    rows = []
    for e in experts:
        full = actions.sees_all(user, e)
        groups = e.shown_groups(full=full)
        profile, personal, contact = "profile" in groups, "personal" in groups, "contact" in groups
        yes = sheets.yes_no_text
        rows.append(
            [
                e.full_name if profile else None,
                e.birth_year if personal else None,
                e.get_gender_display() if personal and e.gender else None,
                e.get_degree_display(),
                e.get_academic_title_display() if e.academic_title else None,
                e.get_field_display(),
                e.affiliation.name if profile and e.affiliation else None,
                e.keywords if profile else None,
                e.email if contact else None,
                e.phone if contact else None,
                *(
                    [
                        e.owner_unit.code,
                        e.purpose,
                        e.consent_on,
                        yes(e.consent_profile),
                        yes(e.consent_personal),
                        yes(e.consent_contact),
                        yes(e.consent_projects),
                        yes(e.is_published),
                    ]
                    if full
                    else [None] * 8
                ),
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
        # The form warns of a shared e-mail; an import cannot ask, so it refuses the row
        # (checked registry-wide; the message names no record).
        self.emails = sheets.SameKey(8, _("thư điện tử"), self._existing_emails)
        self.year = timezone.localdate().year

    @staticmethod
    def _existing_emails(keys: list[Any]) -> Any:
        rows = (
            Expert.objects.filter(is_anonymised=False)
            .annotate(key=Lower("email"))
            .filter(key__in=keys)
        )
        return rows.values_list("key", flat=True)

    def parse(self, r: sheets.RowReader) -> dict[str, Any] | None:
        consent = [r.take(index, sheets.yes_no) for index in (13, 14, 15, 16)]
        fields = {
            "full_name": r.take(0, sheets.text, required=_("thiếu họ và tên"), max_length=200),
            "birth_year": r.take(
                1, sheets.integer, minimum=1900, maximum=self.year, required=_("thiếu năm sinh")
            ),
            "gender": r.take(2, sheets.choice, Gender),
            "degree": r.take(3, sheets.choice, Degree, required=_("thiếu học vị")),
            "academic_title": r.take(4, sheets.choice, AcademicTitle),
            "field": r.take(5, sheets.choice, Field, required=_("thiếu lĩnh vực")),
            "affiliation": r.take(
                6, sheets.lookup, self.orgs, missing=_("không có tổ chức “%(t)s” trong danh bạ")
            ),
            "keywords": r.take(7, sheets.text, max_length=500),
            "email": r.take(8, sheets.text, max_length=254),
            "phone": r.take(9, sheets.text, max_length=30),
            "owner_unit": r.take(
                10,
                sheets.lookup,
                self.units,
                missing=_("không có đơn vị mã “%(t)s” mà bạn được sửa"),
                required=_("thiếu mã đơn vị quản lý hồ sơ"),
            ),
            "purpose": r.take(11, sheets.text, max_length=400) or DEFAULT_PURPOSE,
            "consent_on": r.take(12, sheets.date),
            "consent_profile": consent[0],
            "consent_personal": consent[1],
            "consent_contact": consent[2],
            "consent_projects": consent[3],
            "is_published": r.take(17, sheets.yes_no),
        }
        if not r.ok:
            return None
        consent_on = fields["consent_on"]
        if isinstance(consent_on, datetime.date) and consent_on > timezone.localdate():
            r.error(12, _("ngày đồng ý không thể sau hôm nay"))
        if fields["is_published"] and not fields["consent_profile"]:
            r.error(17, _("chỉ công khai khi người này đồng ý công khai hồ sơ chuyên môn"))
        r.validate(Expert(**fields), COLUMNS)
        # After the row's own checks, so that a repeated key does not hide them.
        self.emails.check(r, str(fields["email"] or "").strip().lower())
        return fields if r.ok else None


def import_experts(actor: User, data: bytes) -> int:
    """Check every cell, then write every expert in one transaction (or none)."""
    if not actions.can_create(actor):
        raise NotAllowed()
    reader = _Reader(actor)
    rows = sheets.check_rows(
        SHEET,
        data,
        reader.parse,
        empty_message=_("tệp không có dòng chuyên gia nào"),
        keys=(reader.emails,),
        similar=sheets.SimilarCheck(
            ExpertForm.duplicate_name,  # type: ignore[arg-type]
            Expert,
            actor,
            # Named only to who sees all of the record, as in the form.
            may_name=actions.sees_all,
        ),
    )
    return actions.import_experts(actor, rows)
