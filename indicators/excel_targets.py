"""Targets in a workbook (mục tiêu chỉ tiêu): download a unit's sheet, fill it, upload it.

One row per target: indicator code, kind of period (Năm, 6 tháng đầu năm, 6 tháng cuối năm,
Giai đoạn 5 năm — or their codes), year (the last year of a five-year term), value, note. The
import is all-or-nothing like the figures' import: every row is checked first and each error
names its row and column; a row with an empty value is skipped (a target is removed in the
form, never by a blank cell).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from core import xlsx
from core.errors import NotAllowed
from core.text import fold
from core.xlsx import RowError
from indicators import actions
from indicators.excel import number_format_for
from indicators.models import Indicator, IndicatorTarget, TargetPeriod

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
    ("C", N_("Đơn vị tính")),
    ("D", N_("Loại kỳ")),
    ("E", N_("Năm")),
    ("F", N_("Giá trị mục tiêu")),
    ("G", N_("Ghi chú")),
]


class ImportRejected(xlsx.ImportRejected):
    def summary(self, count: int) -> str:
        return _("Tệp có %(n)s lỗi; chưa có mục tiêu nào được nhập.") % {"n": count}


def _period_words() -> dict[str, str]:
    """Folded labels and codes of the kinds of period → the code."""
    words = {}
    for code, label in TargetPeriod.choices:
        words[fold(code)] = code
        words[fold(str(label))] = code
    return words


def build_targets_template(unit: Any) -> bytes:
    """The unit's targets (existing ones first), plus an empty yearly row for each indicator
    meant for its kind of unit that has none."""
    workbook, sheet = xlsx.new_sheet("Muc tieu")
    sheet["A1"] = _("MỤC TIÊU CHỈ TIÊU KHOA HỌC VÀ CÔNG NGHỆ")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _("Đơn vị: %(u)s (mã %(c)s)") % {"u": unit.name, "c": unit.code}
    sheet["A3"] = _(
        "Loại kỳ: Năm, 6 tháng đầu năm, 6 tháng cuối năm hoặc Giai đoạn 5 năm (năm là năm cuối "
        "của giai đoạn). Dòng để trống giá trị được bỏ qua."
    )
    for letter, title in HEADERS:
        sheet[f"{letter}{HEADER_ROW}"] = _(title)
    xlsx.style_header(sheet[HEADER_ROW], fill="DDEBF7")
    indicators = [i for i in actions.entry_indicators(unit)]
    indicators += [
        i for i in Indicator.objects.filter(is_active=True) if i.is_ratio and i.applies_to(unit)
    ]
    held = list(
        IndicatorTarget.objects.filter(unit=unit)
        .select_related("indicator")
        .order_by("indicator__order", "year", "period")
    )
    labels = dict(TargetPeriod.choices)
    row = FIRST_ROW
    lines: list[tuple[Indicator, str, int | None, Decimal | None, str]] = [
        (t.indicator, t.period, t.year, t.value, t.note) for t in held
    ]
    with_target = {t.indicator_id for t in held}
    year = timezone.localdate().year
    lines += [(i, TargetPeriod.YEAR, year, None, "") for i in indicators if i.pk not in with_target]
    for ind, period, target_year, value, note in lines:
        sheet.cell(row=row, column=1, value=ind.code)
        sheet.cell(row=row, column=2, value=ind.name)
        sheet.cell(row=row, column=3, value=ind.measure_unit)
        sheet.cell(row=row, column=4, value=str(labels[period]))
        sheet.cell(row=row, column=5, value=target_year)
        cell = sheet.cell(row=row, column=6, value=float(value) if value is not None else None)
        cell.number_format = number_format_for(ind)
        sheet.cell(row=row, column=7, value=note)
        row += 1
    choices = ",".join(str(label) for _code, label in TargetPeriod.choices)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=False)
    sheet.add_data_validation(validation)
    validation.add(f"D{FIRST_ROW}:D{max(row, FIRST_ROW + 200)}")
    xlsx.set_widths(sheet, [16, 60, 14, 20, 8, 18, 30])
    meta = workbook.create_sheet(META_SHEET)
    meta["A1"] = str(unit.pk)
    meta.sheet_state = "hidden"
    return xlsx.to_bytes(workbook)


@transaction.atomic
def import_targets(actor: User, unit: Any, data: bytes) -> int:
    """Check every row, then set all the targets or none. Returns the number of rows set."""
    if not actions.can_set_targets(actor, unit):
        raise NotAllowed()
    workbook = xlsx.open_workbook(data, max_bytes=MAX_BYTES)
    if META_SHEET in workbook.sheetnames:
        marker = workbook[META_SHEET]["A1"].value
        if marker and str(marker) != str(unit.pk):
            raise ImportRejected([RowError(0, "A", _("tệp mẫu này được tạo cho đơn vị khác"))])
    sheet = workbook.worksheets[0]
    header = [
        str(c or "").strip()
        for c in next(sheet.iter_rows(HEADER_ROW, HEADER_ROW, values_only=True), ())
    ]
    wanted = [_(h) for _c, h in HEADERS[:6]]
    if header[:6] not in ([h for _c, h in HEADERS[:6]], wanted):
        raise ImportRejected(
            [RowError(HEADER_ROW, "A", _("tệp không đúng mẫu mục tiêu (tiêu đề cột A–F)"))]
        )
    rows = xlsx.data_rows(sheet, first_row=FIRST_ROW, width=len(HEADERS), max_rows=MAX_ROWS)
    by_code = {i.code: i for i in Indicator.objects.filter(is_active=True)}
    periods = _period_words()
    errors: list[RowError] = []
    planned: list[tuple[Indicator, str, int, Any, str]] = []
    seen: dict[tuple[str, str, int], int] = {}
    for number, cells in enumerate(rows, start=FIRST_ROW):
        code = str(cells[0] or "").strip()
        raw_value = cells[5]
        if raw_value in (None, ""):
            continue
        ind = by_code.get(code)
        if ind is None:
            errors.append(RowError(number, "A", _("không có chỉ tiêu mã %(c)s") % {"c": code}))
            continue
        if not ind.applies_to(unit):
            errors.append(RowError(number, "A", _("chỉ tiêu không áp dụng cho loại đơn vị này")))
            continue
        period = periods.get(fold(str(cells[3] or "").strip()))
        if period is None:
            errors.append(RowError(number, "D", _("loại kỳ không hợp lệ")))
            continue
        try:
            year = int(str(cells[4]).strip().removesuffix(".0"))
        except (TypeError, ValueError):
            errors.append(RowError(number, "E", _("năm phải là số nguyên")))
            continue
        if not actions.FIRST_TARGET_YEAR <= year <= actions.LAST_TARGET_YEAR:
            errors.append(
                RowError(
                    number,
                    "E",
                    _("năm phải từ %(a)s đến %(b)s")
                    % {"a": actions.FIRST_TARGET_YEAR, "b": actions.LAST_TARGET_YEAR},
                )
            )
            continue
        try:
            actions.parse_value(ind, raw_value, target=True)
        except actions.InvalidValue as exc:
            errors.append(RowError(number, "F", str(exc)))
            continue
        key = (code, period, year)
        if key in seen:
            errors.append(
                RowError(number, "A", _("mục tiêu đã có ở dòng %(r)s") % {"r": seen[key]})
            )
            continue
        seen[key] = number
        planned.append((ind, period, year, raw_value, str(cells[6] or "").strip()[:300]))
    if errors:
        raise ImportRejected(xlsx.by_position(errors))
    for ind, period, year, raw_value, note in planned:
        actions.set_target(actor, ind, unit, period, year, raw_value, note)
    return len(planned)
