"""The organisation registry as an Excel workbook: export of a (filtered) list, and an import
that writes every row or none ("Dòng 7, cột D: …" names each bad cell).

Columns (row 1 is the header, data from row 2): A name, B short name, C kind, D tax code,
E address, F code of the area unit (địa bàn), G–I S&T enterprise certificate (number, date
dd/mm/yyyy, issuer), J innovative start-up (có/không), K–M S&T registration certificate
(number, date, issuer). An import names organisations by tax code when they have one: a tax
code already in the registry, or twice in the file, is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core import sheets, xlsx
from core.errors import ActionError
from organisations import actions
from organisations.forms import OrganisationForm
from organisations.models import Organisation, OrganisationKind
from orgunits.models import OrgUnit

if TYPE_CHECKING:
    from accounts.models import User

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
FIRST_ROW, WIDTH = sheets.FIRST_ROW, 13
SHEET = sheets.Sheet(
    title="To chuc",
    filename="to-chuc",
    max_rows=MAX_ROWS,
    max_export=MAX_ROWS,
    max_bytes=MAX_BYTES,
    check_header=False,  # older files were taken by position; they still are
    columns=(
        sheets.Column("Tên tổ chức (*)", _l("bắt buộc"), "Công ty TNHH Hoa Đà Lạt Xanh", 40),
        sheets.Column("Tên viết tắt", "", "Hoa Đà Lạt Xanh", 18),
        sheets.Column(
            "Loại tổ chức", _l("theo danh mục; để trống là doanh nghiệp"), "Doanh nghiệp", 22
        ),
        sheets.Column("Mã số thuế", _l("10 chữ số (chi nhánh: thêm -3 chữ số)"), "5800000000", 14),
        sheets.Column("Địa chỉ", "", "Phường 8, Đà Lạt", 30),
        sheets.Column("Mã đơn vị địa bàn", _l("mã đơn vị trong danh mục đơn vị"), "", 14),
        sheets.Column("Số GCN doanh nghiệp KH&CN", _l("cần cả số và ngày cấp"), "", 20),
        sheets.Column("Ngày cấp GCN (dd/mm/yyyy)", _l("dd/mm/yyyy"), "", 14),
        sheets.Column("Nơi cấp GCN", "", "", 24),
        sheets.Column("Khởi nghiệp ĐMST (có/không)", _l("có hoặc không"), "không", 12),
        sheets.Column("Số giấy ĐK hoạt động KH&CN", _l("cần cả số và ngày cấp"), "", 20),
        sheets.Column("Ngày cấp giấy ĐK (dd/mm/yyyy)", _l("dd/mm/yyyy"), "", 14),
        sheets.Column("Nơi cấp giấy ĐK", "", "", 24),
    ),
)
HEADERS = SHEET.headers()
TAX_CODE = re.compile(r"^[0-9]{10}(-[0-9]{3})?$")
YES, NO = sheets.YES, sheets.NO


def export_organisations(orgs: Iterable[Organisation]) -> bytes:
    return sheets.export(SHEET, export_rows(orgs))


def export_rows(
    orgs: Iterable[Organisation], full: Callable[[Organisation], bool] = lambda o: True
) -> list[list[Any]]:
    """Rows of the sheet; the certificates stay empty where ``full(o)`` is false and the
    organisation does not publish them (``Organisation.shown_groups``)."""
    rows = []
    for o in orgs:
        certs = "certificates" in o.shown_groups(full=full(o))
        rows.append(
            [
                o.name,
                o.short_name,
                o.get_kind_display(),
                o.tax_code,
                o.address,
                o.area.code if o.area else "",
                o.st_certificate_number if certs else "",
                o.st_certificate_date if certs else None,
                o.st_certificate_issuer if certs else "",
                "có" if o.is_innovative_startup else "không",
                o.registration_number if certs else "",
                o.registration_date if certs else None,
                o.registration_issuer if certs else "",
            ]
        )
    return rows


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def _kind(raw: str) -> str | None:
    from core.text import fold

    wanted = fold(raw)
    if not wanted:
        return OrganisationKind.ENTERPRISE
    for value, label in OrganisationKind.choices:
        if wanted in (value, fold(str(label))):
            return str(value)
    return None


def import_organisations(actor: User, data: bytes) -> int:
    """Check every cell, then create every organisation in one transaction (or none)."""
    if not actions.can_create_organisation(actor):
        raise ActionError(_("Bạn không có quyền thêm tổ chức."))
    rows = sheets.read_rows(SHEET, data)
    errors: list[xlsx.RowError] = []
    parsed: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    units = {u.code: u for u in OrgUnit.objects.visible_to(actor).exclude(code="")}
    for number, cells in rows:
        if not any(_text(c) for c in cells):
            continue
        name, short, kind_text, tax, address, area_code = (_text(c) for c in cells[:6])
        err = len(errors)

        def bad(column: str, message: str, row: int = number) -> None:
            errors.append(xlsx.RowError(row, column, message))

        if not name:
            bad("A", _("thiếu tên tổ chức"))
        kind = _kind(kind_text)
        if kind is None:
            bad("C", _("loại tổ chức “%(t)s” không có trong danh mục") % {"t": kind_text})
        if tax:
            if not TAX_CODE.match(tax):
                bad("D", _("mã số thuế gồm 10 chữ số (chi nhánh: thêm -3 chữ số)"))
            elif tax in seen:
                bad("D", _("mã số thuế trùng với dòng %(r)s") % {"r": seen[tax]})
            elif Organisation.objects.filter(tax_code=tax).exists():
                bad("D", _("mã số thuế %(t)s đã có trong danh bạ") % {"t": tax})
            seen.setdefault(tax, number)
        area = units.get(area_code) if area_code else None
        if area_code and (area is None or not actions.can_link_unit(actor, area)):
            bad("F", _("không có đơn vị mã “%(c)s” mà bạn quản lý") % {"c": area_code})
        dates = {}
        for column, index in (("H", 7), ("L", 11)):
            try:
                dates[column] = xlsx.parse_date(cells[index])
            except (ValueError, TypeError):
                bad(column, _("ngày không hợp lệ (dd/mm/yyyy)"))
                dates[column] = None
            day = dates[column]
            if day is not None and not 1950 <= day.year <= timezone.localdate().year:
                bad(column, _("ngày cấp phải từ năm 1950 đến nay"))
        cert, reg = _text(cells[6]), _text(cells[10])
        if bool(cert) != bool(dates["H"]):
            bad("G", _("giấy chứng nhận doanh nghiệp KH&CN cần cả số và ngày cấp"))
        if cert and kind != OrganisationKind.ENTERPRISE:
            bad("G", _("chỉ doanh nghiệp mới có giấy chứng nhận doanh nghiệp KH&CN"))
        if bool(reg) != bool(dates["L"]):
            bad("K", _("giấy đăng ký hoạt động KH&CN cần cả số và ngày cấp"))
        startup_text = _text(cells[9]).lower()
        if startup_text not in YES | NO:
            bad("J", _("ghi “có” hoặc “không”"))
        startup = startup_text in YES
        if startup and kind != OrganisationKind.ENTERPRISE:
            bad("J", _("chỉ doanh nghiệp mới là khởi nghiệp đổi mới sáng tạo"))
        if len(errors) > err:
            continue
        parsed.append(
            {
                "row": number,
                "kind": kind,
                "name": name[:300],
                "short_name": short[:100],
                "tax_code": tax,
                "address": address[:400],
                "area": area,
                "st_certificate_number": cert[:50],
                "st_certificate_date": dates["H"],
                "st_certificate_issuer": _text(cells[8])[:200],
                "is_innovative_startup": startup,
                "registration_number": reg[:50],
                "registration_date": dates["L"],
                "registration_issuer": _text(cells[12])[:200],
            }  # fmt: skip
        )
    if not parsed and not errors:
        errors.append(xlsx.RowError(0, "A", _("tệp không có dòng tổ chức nào")))
    if errors:
        raise xlsx.ImportRejected(xlsx.by_position(errors))
    numbered = [(v.pop("row"), v) for v in parsed]
    similar = sheets.SimilarCheck(OrganisationForm.duplicate_name, Organisation, actor)  # type: ignore[arg-type]
    sheets.check_similar(numbered, similar)
    return actions.import_organisations(actor, numbered)
