"""Excel (.xlsx) workbooks: reading uploads safely, writing sheets, answering downloads.

The one home of what the registry import/export (``orgunits.excel``), the indicator template and
import (``indicators.excel``) and the compiled report's annexes (``reviews.exports.xlsx``) share,
so that a fix to how an upload is opened or a sheet is laid out is made once:

- ``open_workbook``: a refused upload always gets the same clear message (too large, not an
  .xlsx, damaged), never an openpyxl traceback.
- ``data_rows``: the rows under the header, padded to the expected width and capped in number,
  so a sheet of a million blank rows cannot keep a request busy.
- ``RowError`` / ``ImportRejected``: imports are all-or-nothing; every bad cell is named by row
  and column ("Dòng 7, cột C: …") so the sender can fix the sheet, and nothing is written.
- ``parse_date``: a date cell, or a text cell written dd/mm/yyyy (the column headers say so).
- ``new_sheet``, ``style_header``, ``set_widths``, ``append_rows`` (date values stay real dates,
  shown dd/mm/yyyy), ``to_bytes`` and ``download`` (the HTTP attachment).
- ``safe_text``: formula injection. A text starting with ``= + - @``, tab or carriage return
  is a live formula to Excel/LibreOffice (a task titled ``=HYPERLINK(...)``); every text cell is
  written with a leading apostrophe instead. ``to_bytes`` applies it to every cell of every
  sheet, so no export can forget it; ``data_rows`` removes it again on import (round trip).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.archives import check_office_archive
from core.errors import ActionError

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How date cells are shown: official Vietnamese documents write dd/mm/yyyy (khcn/formats).
DATE_CELL_FORMAT = "DD/MM/YYYY"
# Text cells may carry a date too (typed by hand, or from an older export).
DATE_TEXT_FORMAT = "%d/%m/%Y"


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def open_workbook(data: bytes, *, max_bytes: int | None = None, read_only: bool = False) -> Any:
    """The uploaded workbook (values, not formulas), or ``ActionError`` with a clear message.

    ``read_only`` streams the sheets (large files, rows read once in order); without it cells
    may be addressed directly (a template's hidden marker sheet)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ActionError(_("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)})
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ActionError(_("Tệp không phải bảng tính Excel (.xlsx)."))
    # Zip bombs and XML entity declarations (any encoding) are refused before openpyxl reads a
    # byte; openpyxl itself parses through defusedxml (installed, so it uses it).
    check_office_archive(data, ".xlsx")
    try:
        return load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ActionError(_("Không đọc được tệp Excel: tệp bị hỏng hoặc sai định dạng.")) from exc


def data_rows(sheet: Any, *, first_row: int, width: int, max_rows: int) -> list[list[Any]]:
    """The values of the rows from ``first_row`` on, each exactly ``width`` cells (missing ones
    are ``None``); more than ``max_rows`` rows refuse the whole file. A text our own export
    guarded against formula injection (``'=...``) reads back as it was."""
    rows = []
    for row in sheet.iter_rows(min_row=first_row, max_col=width, values_only=True):
        rows.append([unguard_text(value) for value in (list(row) + [None] * width)[:width]])
        if len(rows) > max_rows:
            raise ActionError(_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": max_rows})
    return rows


def parse_date(value: Any) -> datetime.date | None:
    """A date from a cell: empty gives ``None``; a date cell is taken as is; text must be
    dd/mm/yyyy, else ``ValueError``."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), DATE_TEXT_FORMAT).date()  # noqa: DTZ007


@dataclass
class RowError:
    """One bad cell of an import. Row 0 means the file as a whole (a missing row); an empty
    column, the row as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return _("Cột %(col)s: %(msg)s") % {"col": self.column, "msg": self.message}
        if not self.column:  # a check across columns (dates in order, a duplicate record)
            return _("Dòng %(row)s: %(msg)s") % {"row": self.row, "msg": self.message}
        return _("Dòng %(row)s, cột %(col)s: %(msg)s") % {
            "row": self.row,
            "col": self.column,
            "msg": self.message,
        }


def by_position(errors: Iterable[RowError]) -> list[RowError]:
    """Errors in sheet order (row, then column); file-wide ones (row 0) last."""
    return sorted(errors, key=lambda e: (e.row or 10**6, e.column))


class ImportRejected(ActionError):
    """The file had errors; nothing of it was written. ``errors`` names every bad cell."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(self.summary(len(errors)))

    def summary(self, count: int) -> str:
        """The message above the list of errors (what an import writes is named by the app)."""
        return _("Tệp có %(n)s lỗi; chưa có dòng nào được nhập.") % {"n": count}


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

# What makes a spreadsheet read a text as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """``value`` for a cell: a text that a spreadsheet would run as a formula gets a leading
    apostrophe; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unguard_text(value: Any) -> Any:
    """The inverse of ``safe_text`` for an imported cell."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:2]
        and (value[1:].startswith(FORMULA_TRIGGERS))
    ):
        return value[1:]
    return value


def neutralise(workbook: Workbook) -> None:
    """Apply ``safe_text`` to every cell of every sheet (openpyxl stores a text starting with
    ``=`` as a formula cell, so those are caught too)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    cell.value = "'" + value
                    cell.data_type = "s"


def new_sheet(title: str) -> tuple[Workbook, Any]:
    """A new workbook and its first sheet, named ``title`` (ASCII: older Excel versions and
    some viewers mangle sheet names with diacritics)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    return workbook, sheet


def style_header(
    cells: Iterable[Any],
    *,
    font: Font | None = None,
    fill: str | None = None,
    centred: bool = False,
) -> None:
    """Column titles: bold (or ``font``), on a ``fill`` colour, centred and wrapped if asked."""
    font = font or Font(bold=True)
    for cell in cells:
        cell.font = font
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        if centred:
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def set_widths(sheet: Any, widths: Sequence[float]) -> None:
    """Column widths (in characters) from column A on."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def append_rows(sheet: Any, rows: Iterable[Sequence[Any]]) -> None:
    """Append the rows; date values stay real dates (sortable, filterable), shown dd/mm/yyyy."""
    for row in rows:
        values = [safe_text(value) for value in row]
        sheet.append(values)
        # The row just appended is openpyxl's append cursor; ``sheet.max_row`` would scan
        # every cell written so far (a 5,000-row export took seconds per thousand rows).
        index = sheet._current_row
        for column, value in enumerate(values, start=1):
            if isinstance(value, datetime.date):
                sheet.cell(row=index, column=column).number_format = DATE_CELL_FORMAT


def to_bytes(workbook: Workbook) -> bytes:
    """The workbook's file, every text cell guarded against formula injection."""
    neutralise(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(data: bytes, filename: str) -> HttpResponse:
    """The workbook as a file to save (``filename`` is ASCII: no header encoding needed)."""
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
