"""Bulk import and export of the organisation registry as Excel (.xlsx) workbooks.

The import is all-or-nothing: every row is validated first, and one bad cell means nothing from
the file is written; each error names its row and column so the sender can fix the sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core import xlsx
from core.errors import NotAllowed
from core.xlsx import ImportRejected, RowError
from orgunits import actions
from orgunits.actions import can_manage_units
from orgunits.models import OrgUnit, UnitKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

COLUMNS = [
    ("code", "Mã đơn vị"),
    ("name", "Tên đơn vị"),
    ("short_name", "Tên viết tắt"),
    ("kind", "Loại"),
    ("parent_code", "Mã đơn vị cấp trên"),
    ("valid_from", "Hiệu lực từ (dd/mm/yyyy)"),
    ("valid_to", "Hiệu lực đến (dd/mm/yyyy)"),
    ("aliases", "Tên gọi khác (cách nhau bởi ;)"),
]
KIND_BY_LABEL = {str(label).lower(): value for value, label in UnitKind.choices}
MAX_ROWS = 20000


__all__ = ["ImportRejected", "RowError", "export_units", "import_units"]


def export_units(queryset: Any) -> bytes:
    """The units, parents before children; dates are date cells (read back by the import)."""
    workbook, sheet = xlsx.new_sheet("Don vi")
    sheet.append([header for _, header in COLUMNS])
    xlsx.append_rows(
        sheet,
        (
            [
                unit.code,
                unit.name,
                unit.short_name,
                unit.get_kind_display(),
                unit.parent.code if unit.parent else "",
                unit.valid_from or "",
                unit.valid_to or "",
                "; ".join(unit.aliases),
            ]
            for unit in queryset.select_related("parent").order_by("path")
        ),
    )
    xlsx.set_widths(sheet, [16, 60, 24, 30, 18, 16, 16, 40])
    return xlsx.to_bytes(workbook)


@transaction.atomic
def import_units(actor: AbstractUser, data: bytes) -> int:
    """Create or update units from the workbook; returns the number of rows written."""
    if not can_manage_units(actor):
        raise NotAllowed()
    sheet = xlsx.open_workbook(data, read_only=True).worksheets[0]
    rows = xlsx.data_rows(sheet, first_row=2, width=len(COLUMNS), max_rows=MAX_ROWS)
    existing = {u.code: u for u in OrgUnit.objects.all()}
    errors: list[RowError] = []
    parsed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, raw in enumerate(rows, start=2):
        cells = ["" if c is None else c for c in raw]
        if not any(str(c).strip() for c in cells):
            continue
        row = dict(zip([key for key, _ in COLUMNS], cells, strict=True))
        letter = {key: get_column_letter(i) for i, (key, _) in enumerate(COLUMNS, start=1)}
        code, name = str(row["code"]).strip(), str(row["name"]).strip()
        if not code:
            errors.append(RowError(number, letter["code"], _("thiếu mã đơn vị")))
        elif code in seen:
            errors.append(RowError(number, letter["code"], _("mã bị trùng trong tệp")))
        seen.add(code)
        if not name:
            errors.append(RowError(number, letter["name"], _("thiếu tên đơn vị")))
        kind = KIND_BY_LABEL.get(str(row["kind"]).strip().lower()) or (
            str(row["kind"]).strip() if str(row["kind"]).strip() in UnitKind.values else None
        )
        if kind is None:
            errors.append(RowError(number, letter["kind"], _("loại đơn vị không hợp lệ")))
        dates = {}
        for key in ("valid_from", "valid_to"):
            try:
                dates[key] = xlsx.parse_date(row[key])
            except ValueError:
                errors.append(RowError(number, letter[key], _("ngày phải có dạng dd/mm/yyyy")))
        start, end = dates.get("valid_from"), dates.get("valid_to")
        if start is not None and end is not None and end < start:
            errors.append(
                RowError(number, letter["valid_to"], _("ngày kết thúc trước ngày bắt đầu"))
            )
        parsed.append(
            {
                "number": number,
                "code": code,
                "name": name,
                "kind": kind,
                "short_name": str(row["short_name"]).strip(),
                "parent_code": str(row["parent_code"]).strip(),
                **dates,
                "aliases": [a.strip() for a in str(row["aliases"]).split(";") if a.strip()],
                "col": letter["parent_code"],
            }
        )
    known = set(existing) | seen
    for row in parsed:
        if row["parent_code"] and row["parent_code"] not in known:
            errors.append(RowError(row["number"], row["col"], _("không có đơn vị cấp trên này")))
    if errors:
        raise ImportRejected(xlsx.by_position(errors))
    # Parents first: a row may name a parent defined further down the sheet.
    pending = list(parsed)
    written = 0
    while pending:
        ready = [r for r in pending if not r["parent_code"] or r["parent_code"] in existing]
        if not ready:
            raise ImportRejected(
                [RowError(r["number"], r["col"], _("vòng lặp đơn vị cấp trên")) for r in pending]
            )
        for row in ready:
            fields = {
                key: row[key]
                for key in ("name", "short_name", "kind", "valid_from", "valid_to", "aliases")
            }
            fields["parent"] = existing.get(row["parent_code"]) if row["parent_code"] else None
            unit = existing.get(row["code"])
            if unit is None:
                unit = actions.create_unit(actor, code=row["code"], **fields)
            else:
                unit = actions.update_unit(actor, unit, **fields)
            existing[unit.code] = unit
            pending.remove(row)
            written += 1
    return written
