"""Formula injection (issue 11, class 4): no text written to an XLSX export is a live formula.

A task title, unit name or indicator name starting with ``= + - @``, tab or CR must reach the
sheet as text. Every export is read back and every cell checked."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from core import xlsx

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _cells(data: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_inert(data: bytes) -> None:
    for cell in _cells(data):
        assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(xlsx.FORMULA_TRIGGERS), cell.value


def test_every_way_of_writing_a_cell_is_neutralised() -> None:
    workbook, sheet = xlsx.new_sheet("T")
    sheet.append(HOSTILE)
    sheet["A5"] = "=1+1"
    sheet.cell(row=6, column=1, value="@x")
    xlsx.append_rows(sheet, [HOSTILE, ["ordinary", 5, -3]])
    data = xlsx.to_bytes(workbook)
    _assert_inert(data)
    values = [c.value for c in _cells(data)]
    assert "'=1+1" in values and -3 in values and "ordinary" in values


def test_import_reads_a_guarded_text_back_as_it_was() -> None:
    workbook, sheet = xlsx.new_sheet("T")
    sheet.append(["header"])
    sheet.append(["=danger", "'ordinary quote", 7])
    sheet_back = xlsx.open_workbook(xlsx.to_bytes(workbook)).worksheets[0]
    assert xlsx.data_rows(sheet_back, first_row=2, width=3, max_rows=5) == [
        ["=danger", "'ordinary quote", 7]
    ]


@pytest.mark.django_db
def test_unit_export_indicator_table_and_review_annexes_are_inert(demo: Any) -> None:
    from indicators.excel import export_table
    from orgunits.excel import export_units
    from orgunits.models import OrgUnit
    from reviews.exports.xlsx import export_xlsx
    from reviews.models import Review

    unit = demo.unit("DB-phuong-1")
    OrgUnit.objects.filter(pk=unit.pk).update(name="=cmd|' /C calc'!A0", short_name="+x")
    _assert_inert(export_units(OrgUnit.objects.filter(pk=unit.pk)))

    unit.name = "-hostile"
    _assert_inert(export_table("=title", "@subtitle", [], [unit]))

    review = Review(
        title="=HYPERLINK(1)",
        annexes={
            "tasks": [
                {
                    "code": "=1",
                    "title": '=HYPERLINK("http://evil")',
                    "leads": "+1",
                    "status": "-",
                    "progress": 5,
                    "reports": 1,
                }
            ],
        },
    )
    _assert_inert(export_xlsx(review))
