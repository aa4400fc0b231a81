"""The annex tables (phụ lục) as an XLSX workbook: one sheet per annex."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from core import xlsx
from reviews.exports.docx import DRAFT_MARK, Figure, annex_tables
from reviews.models import Review

SHEET_NAMES = ["Nop bao cao", "Nhiem vu", "Chi tieu"]
COLUMN_WIDTHS = [10, 60, 30, 18, 14, 16, 14, 12]
FONT = "Times New Roman"  # the official documents' typeface, as in the DOCX


def export_xlsx(review: Review) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, (title, headers, rows) in enumerate(annex_tables(review)):
        sheet = workbook.create_sheet(SHEET_NAMES[index])
        heading = title if review.is_approved else f"{title} ({DRAFT_MARK})"
        sheet.append([heading])
        sheet.append([f"Kèm theo Báo cáo {review.title}"])
        sheet.append(headers)
        sheet["A1"].font = Font(name=FONT, bold=True, size=13)
        sheet["A2"].font = Font(name=FONT, italic=True, size=11)
        xlsx.style_header(sheet[3], font=Font(name=FONT, bold=True), centred=True)
        for row in rows:
            # Numbers stay numbers (sortable, summable), shown with a number format.
            xlsx.append_rows(sheet, [[c.excel_value if isinstance(c, Figure) else c for c in row]])
            for cell, source in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(source, Figure):
                    cell.number_format = source.excel_format
        xlsx.set_widths(sheet, COLUMN_WIDTHS)
        sheet.freeze_panes = "A4"
    return xlsx.to_bytes(workbook)
