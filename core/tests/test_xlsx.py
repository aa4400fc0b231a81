"""core.xlsx: the shared reading and writing of workbooks (orgunits, indicators, reviews)."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from core import xlsx
from core.errors import ActionError


def book_bytes(rows: list[list[object]]) -> bytes:
    workbook, sheet = xlsx.new_sheet("Test")
    for row in rows:
        sheet.append(row)
    return xlsx.to_bytes(workbook)


def test_open_workbook_refuses_with_clear_messages() -> None:
    with pytest.raises(ActionError, match="Tệp quá lớn \\(tối đa 5 MB\\)"):
        xlsx.open_workbook(b"PK" + b"x" * (5 * 1024 * 1024), max_bytes=5 * 1024 * 1024)
    with pytest.raises(ActionError, match="không phải bảng tính Excel"):
        xlsx.open_workbook(b"%PDF-1.4 not a workbook")
    # A zip file that is not a workbook: openpyxl's own error becomes the "damaged" message.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(ActionError, match="tệp bị hỏng hoặc sai định dạng"):
        xlsx.open_workbook(buffer.getvalue())


def test_data_rows_pads_cuts_and_caps() -> None:
    data = book_bytes([["header"], ["a"], ["b", 2, 3, 4, 5]])
    for read_only in (False, True):
        sheet = xlsx.open_workbook(data, read_only=read_only).worksheets[0]
        assert xlsx.data_rows(sheet, first_row=2, width=3, max_rows=2) == [
            ["a", None, None],
            ["b", 2, 3],
        ]
    with pytest.raises(ActionError, match="quá nhiều dòng \\(tối đa 1\\)"):
        xlsx.data_rows(sheet, first_row=2, width=3, max_rows=1)


def test_parse_date_takes_date_cells_and_dd_mm_yyyy_text() -> None:
    assert xlsx.parse_date(None) is None and xlsx.parse_date("") is None
    # openpyxl reads a date cell as a naive datetime at midnight.
    cell = datetime.datetime(2025, 7, 1, 0, 0)  # noqa: DTZ001
    assert xlsx.parse_date(cell) == datetime.date(2025, 7, 1)
    assert xlsx.parse_date(datetime.date(2025, 7, 1)) == datetime.date(2025, 7, 1)
    assert xlsx.parse_date(" 01/07/2025 ") == datetime.date(2025, 7, 1)
    with pytest.raises(ValueError):
        xlsx.parse_date("2025-07-01")


def test_row_errors_read_as_sheet_positions_in_order() -> None:
    errors = [
        xlsx.RowError(0, "A", "thiếu dòng"),
        xlsx.RowError(7, "C", "sai"),
        xlsx.RowError(3, "B", "thiếu"),
    ]
    ordered = xlsx.by_position(errors)
    assert [str(e) for e in ordered] == [
        "Dòng 3, cột B: thiếu",
        "Dòng 7, cột C: sai",
        "Cột A: thiếu dòng",
    ]
    rejected = xlsx.ImportRejected(ordered)
    assert rejected.errors == ordered
    assert rejected.message == "Tệp có 3 lỗi; chưa có dòng nào được nhập."


def test_written_dates_stay_dates_shown_dd_mm_yyyy() -> None:
    workbook, sheet = xlsx.new_sheet("Don vi")
    sheet.append(["Mã", "Từ"])
    xlsx.style_header(sheet[1], fill="DDEBF7")
    xlsx.append_rows(sheet, [["A", datetime.date(2025, 7, 1)], ["B", ""]])
    xlsx.set_widths(sheet, [12, 20])
    reread = load_workbook(io.BytesIO(xlsx.to_bytes(workbook))).active
    assert reread is not None
    assert reread["B2"].value == datetime.datetime(2025, 7, 1, 0, 0)  # noqa: DTZ001
    assert reread["B2"].number_format == "DD/MM/YYYY"
    assert reread["A1"].font.bold and reread["B1"].fill.fgColor.rgb.endswith("DDEBF7")
    assert reread.column_dimensions["B"].width == 20
    assert xlsx.parse_date(reread["B2"].value) == datetime.date(2025, 7, 1)


def test_download_is_an_xlsx_attachment() -> None:
    response = xlsx.download(xlsx.to_bytes(Workbook()), "don-vi.xlsx")
    assert response["Content-Type"] == xlsx.CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="don-vi.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).active is not None
