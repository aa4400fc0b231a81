"""XLSX template, import and export of indicator figures (openpyxl).

The import is all-or-nothing: every row is checked first; one bad cell means nothing from the
file is written, and each error names its row and column ("Dòng 7, cột C: …").
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from openpyxl.styles import Font

from core import xlsx
from core.errors import ActionError, NotAllowed
from core.xlsx import RowError
from indicators import actions
from indicators.models import Indicator, IndicatorValue, ValueSource

if TYPE_CHECKING:
    from accounts.models import User

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
META_SHEET = "_meta"
HEADERS = [
    ("A", N_("Mã chỉ tiêu")),
    ("B", N_("Tên chỉ tiêu")),
    ("C", N_("Giá trị")),
    ("D", N_("Đơn vị tính")),
    ("E", N_("Yêu cầu")),
    ("F", N_("Ghi chú")),
]
COL_CODE, COL_VALUE = "A", "C"


class ImportRejected(xlsx.ImportRejected):
    def summary(self, count: int) -> str:
        return _("Tệp có %(n)s lỗi; chưa có số liệu nào được nhập.") % {"n": count}


def _requirement(ind: Indicator) -> str:
    parts = [ind.get_value_type_display()]
    if ind.min_value is not None:
        parts.append(_("≥ %(v)s") % {"v": actions._fmt(ind.min_value)})
    if ind.max_value is not None:
        parts.append(_("≤ %(v)s") % {"v": actions._fmt(ind.max_value)})
    if ind.is_required:
        parts.append(_("bắt buộc"))
    return ", ".join(parts)


def build_template(report: Any) -> bytes:
    """The unit's sheet for one round, pre-filled with the figures already entered."""
    start, end = report.round.period_start, report.round.period_end
    current = {
        v.indicator_id: v.value
        for v in IndicatorValue.objects.filter(unit=report.unit, period_start=start, period_end=end)
    }
    workbook, sheet = xlsx.new_sheet("Chi tieu")
    sheet["A1"] = _("SỐ LIỆU CHỈ TIÊU KHOA HỌC VÀ CÔNG NGHỆ")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _("Đơn vị: %(u)s (mã %(c)s)") % {"u": report.unit.name, "c": report.unit.code}
    sheet["A3"] = _("Kỳ báo cáo: %(r)s, từ %(s)s đến %(e)s. Chỉ nhập cột C.") % {
        "r": report.round.label,
        "s": formats.date_format(start, "SHORT_DATE_FORMAT"),
        "e": formats.date_format(end, "SHORT_DATE_FORMAT"),
    }
    for letter, title in HEADERS:
        sheet[f"{letter}{HEADER_ROW}"] = _(title)
    xlsx.style_header(sheet[HEADER_ROW], fill="DDEBF7")
    for row, ind in enumerate(actions.entry_indicators(report.unit), start=FIRST_ROW):
        value = current.get(ind.pk)
        sheet.cell(row=row, column=1, value=ind.code)
        sheet.cell(row=row, column=2, value=ind.name)
        sheet.cell(row=row, column=3, value=float(value) if value is not None else None)
        sheet.cell(row=row, column=4, value=ind.measure_unit)
        sheet.cell(row=row, column=5, value=_requirement(ind))
    xlsx.set_widths(sheet, [16, 64, 16, 14, 34, 30])
    meta = workbook.create_sheet(META_SHEET)
    meta["A1"] = str(report.pk)
    meta.sheet_state = "hidden"
    return xlsx.to_bytes(workbook)


@transaction.atomic
def import_values(actor: User, report: Any, data: bytes) -> int:
    """Check every row of a filled template, then write all figures or none."""
    if not actions.can_enter_values(actor, report):
        raise NotAllowed()
    workbook = xlsx.open_workbook(data, max_bytes=MAX_BYTES)
    if META_SHEET in workbook.sheetnames:
        marker = workbook[META_SHEET]["A1"].value
        if marker and str(marker) != str(report.pk):
            raise ActionError(
                _("Tệp mẫu này được tạo cho một báo cáo khác; hãy tải mẫu của báo cáo này.")
            )
    sheet = workbook.worksheets[0]
    header = [
        str(c or "").strip()
        for c in next(sheet.iter_rows(HEADER_ROW, HEADER_ROW, values_only=True), ())
    ]
    expected = [[h for _c, h in HEADERS[:3]], [_(h) for _c, h in HEADERS[:3]]]
    if header[:3] not in expected:
        raise ActionError(
            _(
                "Tệp không đúng mẫu: dòng %(r)s phải có tiêu đề các cột "
                "Mã chỉ tiêu, Tên chỉ tiêu, Giá trị."
            )
            % {"r": HEADER_ROW}
        )
    rows = xlsx.data_rows(sheet, first_row=FIRST_ROW, width=len(HEADERS), max_rows=MAX_ROWS)
    by_code = {i.code: i for i in actions.entry_indicators()}
    applicable = {i.code for i in actions.entry_indicators(report.unit)}
    errors: list[RowError] = []
    values: dict[Indicator, Decimal | None] = {}
    rows_of: dict[str, int] = {}
    for number, cells in enumerate(rows, start=FIRST_ROW):
        code = str(cells[0] or "").strip()
        if not code and cells[2] in (None, ""):
            continue
        if not code:
            errors.append(RowError(number, COL_CODE, _("thiếu mã chỉ tiêu")))
            continue
        ind = by_code.get(code)
        if ind is None:
            errors.append(RowError(number, COL_CODE, _("không có chỉ tiêu mã %(c)s") % {"c": code}))
            continue
        if code in rows_of:
            errors.append(
                RowError(
                    number,
                    COL_CODE,
                    _("chỉ tiêu đã có ở dòng %(r)s") % {"r": rows_of[code]},
                )
            )
            continue
        rows_of[code] = number
        if code not in applicable:
            if cells[2] not in (None, ""):
                errors.append(
                    RowError(number, COL_CODE, _("chỉ tiêu không áp dụng cho loại đơn vị này"))
                )
            continue
        try:
            value = actions.parse_value(ind, cells[2])
        except actions.InvalidValue as exc:
            errors.append(RowError(number, COL_VALUE, str(exc)))
            continue
        if value is None and ind.is_required:
            errors.append(RowError(number, COL_VALUE, _("chỉ tiêu bắt buộc, chưa nhập giá trị")))
            continue
        values[ind] = value
    for code, ind in by_code.items():
        if ind.is_required and code in applicable and code not in rows_of:
            errors.append(
                RowError(0, COL_CODE, _("thiếu dòng của chỉ tiêu bắt buộc %(c)s") % {"c": code})
            )
    if errors:
        raise ImportRejected(xlsx.by_position(errors))
    try:
        return actions.save_report_values(actor, report, values, source=ValueSource.IMPORT)
    except NotAllowed:
        raise
    except ActionError as exc:
        # Overlap with figures of another period: report against the row of each indicator.
        raise ImportRejected(
            [
                RowError(rows_of.get(part.split(":")[0], 0), COL_CODE, part)
                for part in exc.message.split("; ")
            ]
        ) from exc


def export_table(title: str, subtitle: str, rows: list[Any], units: list[Any]) -> bytes:
    """Any indicator table (rows of ``rollup.Row``) as a workbook: figure and target per unit."""
    workbook, sheet = xlsx.new_sheet("Bang chi tieu")
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = subtitle
    header = [_("Mã chỉ tiêu"), _("Tên chỉ tiêu"), _("Đơn vị tính")]
    for unit in units:
        header += [f"{unit.name} — " + _("thực hiện"), f"{unit.name} — " + _("mục tiêu")]
    sheet.append([])
    sheet.append(header)
    xlsx.style_header(sheet[4])
    for row in rows:
        line: list[Any] = [row.indicator.code, row.indicator.name, row.indicator.measure_unit]
        for cell in row.cells:
            line += [
                float(cell.value) if cell.value is not None else None,
                float(cell.target) if cell.target is not None else None,
            ]
        sheet.append(line)
        for cell in sheet[sheet.max_row][3:]:
            cell.number_format = number_format_for(row.indicator)
    xlsx.set_widths(sheet, [14, 60, 12] + [18] * (2 * len(units)))
    return xlsx.to_bytes(workbook)


def number_format_for(indicator: Any) -> str:
    """Excel's number format of a figure: whole numbers for counts, two decimals otherwise
    (Excel shows the separators of the reader's locale: 1.234,5 on a Vietnamese system)."""
    if indicator.value_type in ("integer", "boolean"):
        return "#,##0"
    return "#,##0.##"


def _number_cell(sheet: Any, row: int, column: int, value: Any, fmt: str) -> None:
    cell = sheet.cell(row=row, column=column, value=float(value) if value is not None else None)
    cell.number_format = fmt


def export_breakdown(title: str, subtitle: str, rows: list[Any], units: list[Any]) -> bytes:
    """The drill-down table (``rollup.breakdown``) as a workbook: numbers stay numbers."""
    workbook, sheet = xlsx.new_sheet("Bang chi tieu")
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = subtitle
    unit, children = units[0], units[1:]
    header = [
        _("Mã chỉ tiêu"),
        _("Tên chỉ tiêu"),
        _("Đơn vị tính"),
        _("%(u)s — tổng hợp") % {"u": unit.name},
        _("Mục tiêu cùng kỳ"),
        _("Số liệu riêng của đơn vị"),
        *[c.name for c in children],
        _("Đơn vị khác, đơn vị cũ"),
        _("Cách tổng hợp"),
    ]
    for column, text in enumerate(header, start=1):
        sheet.cell(row=4, column=column, value=text)
    xlsx.style_header(sheet[4])
    for number, row in enumerate(rows, start=5):
        ind = row.indicator
        fmt = number_format_for(ind)
        sheet.cell(row=number, column=1, value=ind.code)
        sheet.cell(row=number, column=2, value=ind.name)
        sheet.cell(row=number, column=3, value=ind.measure_unit)
        values = [row.total.value, row.total.target, row.own.value]
        values += [c.value for c in row.children] + [row.other]
        for offset, value in enumerate(values):
            _number_cell(sheet, number, 4 + offset, value, fmt)
        rule = _("cộng các đơn vị") if row.additive else ind.get_aggregation_display()
        if ind.is_boolean:
            rule = _("số đơn vị trả lời Có")
        sheet.cell(row=number, column=len(header), value=str(rule))
    xlsx.set_widths(sheet, [14, 60, 12] + [18] * (len(header) - 4) + [28])
    return xlsx.to_bytes(workbook)
