"""The shared registry sheet (core.sheets): template, bounded reading, hostile files, parsers
and the row-by-row errors every registry import reports."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.db import models
from openpyxl import load_workbook

from core import sheets, xlsx
from core.errors import ActionError

SHEET = sheets.Sheet(
    title="Thu",
    filename="thu",
    max_rows=5,
    columns=(
        sheets.Column("Tên (*)", "bắt buộc", "Hội thảo", 20),
        sheets.Column("Số người", "số nguyên", 12, 10),
        sheets.Column("Ngày", "dd/mm/yyyy", "01/02/2025", 12),
    ),
)


def workbook(*rows, header=None) -> bytes:
    book, sheet = xlsx.new_sheet("T")
    sheet.append(header or SHEET.headers())
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)  # as typed by a person: no neutralising
    return buffer.getvalue()


class Kind(models.TextChoices):
    FAIR = "fair", "Hội chợ"
    WORKSHOP = "workshop", "Hội thảo"


def parse(r: sheets.RowReader) -> dict | None:
    values = {
        "name": r.take(0, sheets.text, required="thiếu tên", max_length=10),
        "count": r.take(1, sheets.integer, minimum=0, maximum=10_000),
        "day": r.take(2, sheets.date),
    }
    return values if r.ok else None


def test_template_has_the_header_and_a_guide_with_the_sample_row() -> None:
    book = load_workbook(io.BytesIO(sheets.template(SHEET)))
    first, guide = book.worksheets
    assert [c.value for c in first[1]] == SHEET.headers() and first.max_row == 1
    assert [c.value for c in guide["B"]][3:] == SHEET.headers()
    assert [c.value for c in guide["D"]][3:] == ["Hội thảo", 12, "01/02/2025"]


def test_every_bad_cell_is_named_and_blank_rows_are_skipped() -> None:
    data = workbook(["Đúng", "1.200", "01/02/2025"], [None, None, None],
                    ["", "nhiều", "31/02/2025"], ["Tên quá dài mất rồi", -1, None])  # fmt: skip
    with pytest.raises(xlsx.ImportRejected) as caught:
        sheets.check_rows(SHEET, data, parse)
    assert [str(e) for e in caught.value.errors] == [
        "Dòng 4, cột A: thiếu tên",
        "Dòng 4, cột B: cần một số nguyên",
        "Dòng 4, cột C: ngày không hợp lệ (dd/mm/yyyy)",
        "Dòng 5, cột A: dài quá 10 ký tự",
        "Dòng 5, cột B: phải từ 0 đến 10.000",
    ]
    good = sheets.check_rows(SHEET, workbook(["Đúng", "1.200", "01/02/2025"]), parse)
    assert good == [(2, {"name": "Đúng", "count": 1200, "day": datetime.date(2025, 2, 1)})]


def test_header_rows_bound_and_empty_files() -> None:
    with pytest.raises(ActionError, match="không đúng mẫu"):
        sheets.read_rows(SHEET, workbook(["x"], header=["Họ tên", "Tuổi", "Ngày"]))
    with pytest.raises(ActionError, match="quá nhiều dòng"):
        sheets.read_rows(SHEET, workbook(*[["a", 1, None]] * 6))
    with pytest.raises(xlsx.ImportRejected, match="1 lỗi"):
        sheets.check_rows(SHEET, workbook(), parse)


def test_bombs_damaged_and_large_files_are_refused() -> None:
    good = workbook(["a", 1, None])
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info.filename, source.read(info))
        bomb.writestr("xl/worksheets/sheet9.xml", b"<" + b"a" * (120 << 20))
    with pytest.raises(ActionError, match="bom nén"):
        sheets.read_rows(SHEET, buffer.getvalue())
    with pytest.raises(ActionError, match="không phải bảng tính"):
        sheets.read_rows(SHEET, b"not a workbook")
    small = sheets.Sheet("T", "t", SHEET.columns, max_bytes=100)
    with pytest.raises(ActionError, match="Tệp quá lớn"):
        sheets.read_rows(small, good)


def test_parsers() -> None:
    assert sheets.choice("hoi thao", Kind) == "workshop" and sheets.choice("FAIR", Kind) == "fair"
    with pytest.raises(sheets.CellError, match="không có trong danh mục"):
        sheets.choice("Tiệc", Kind)
    assert sheets.choice("", Kind, default=Kind.FAIR) == "fair"
    assert sheets.yes_no("Có") is True and sheets.yes_no(None) is False
    with pytest.raises(sheets.CellError):
        sheets.yes_no("có lẽ")
    assert sheets.number("1.250,5", maximum=Decimal(10_000)) == Decimal("1250.50")
    assert sheets.number(12.5, maximum=Decimal(100)) == Decimal("12.50")
    with pytest.raises(sheets.CellError):
        sheets.number("NaN", maximum=Decimal(100))
    found = sheets.by_folded(["Viện Sinh học Tây Nguyên", "Đại học Đà Lạt"], lambda n: n)
    assert sheets.lookup("dai hoc da lat", found, missing="%(t)s?") == "Đại học Đà Lạt"
    assert sheets.many("Đại học Đà Lạt; vien sinh hoc tay nguyen", found, missing="%(t)s") == [
        "Đại học Đà Lạt",
        "Viện Sinh học Tây Nguyên",
    ]
    with pytest.raises(sheets.CellError, match="Không Có"):
        sheets.many("Không Có", found, missing="%(t)s")
