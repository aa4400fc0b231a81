"""Bulk import and export of the organisation registry as Excel (.xlsx) workbooks.

The import is all-or-nothing: every row is validated first, and one bad cell means nothing from
the file is written; each error names its row and column so the sender can fix the sheet.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from core.errors import ActionError, NotAllowed
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


def export_units(queryset: Any) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Don vi"
    sheet.append([header for _, header in COLUMNS])
    for unit in queryset.select_related("parent").order_by("path"):
        sheet.append(
            [
                unit.code,
                unit.name,
                unit.short_name,
                unit.get_kind_display(),
                unit.parent.code if unit.parent else "",
                unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "",
                unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
                "; ".join(unit.aliases),
            ]
        )
    for index, width in enumerate([16, 60, 24, 30, 18, 16, 16, 40], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột %(col)s: %(msg)s") % {
            "row": self.row,
            "col": self.column,
            "msg": self.message,
        }


class ImportRejected(ActionError):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(_("Tệp có %(n)s lỗi; chưa có dòng nào được nhập.") % {"n": len(errors)})


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()  # noqa: DTZ007


def _open_workbook(data: bytes) -> Any:
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ActionError(_("Tệp không phải bảng tính Excel (.xlsx)."))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ActionError(_("Không đọc được tệp Excel: tệp bị hỏng hoặc sai định dạng.")) from exc


@transaction.atomic
def import_units(actor: AbstractUser, data: bytes) -> int:
    """Create or update units from the workbook; returns the number of rows written."""
    if not can_manage_units(actor):
        raise NotAllowed()
    sheet = _open_workbook(data).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    if len(rows) > MAX_ROWS:
        raise ActionError(_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_ROWS})
    existing = {u.code: u for u in OrgUnit.objects.all()}
    errors: list[RowError] = []
    parsed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, raw in enumerate(rows, start=2):
        cells = [("" if c is None else c) for c in (list(raw) + [None] * len(COLUMNS))[:8]]
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
                dates[key] = _date(row[key])
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
        raise ImportRejected(sorted(errors, key=lambda e: (e.row, e.column)))
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
