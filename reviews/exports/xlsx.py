"""The annex tables (phụ lục) as an XLSX workbook: one sheet per annex."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from reviews.exports.docx import DRAFT_MARK, annex_tables
from reviews.models import Review

SHEET_NAMES = ["Nop bao cao", "Nhiem vu", "Chi tieu"]
COLUMN_WIDTHS = [10, 60, 30, 18, 14, 14]


def export_xlsx(review: Review) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, (title, headers, rows) in enumerate(annex_tables(review)):
        sheet = workbook.create_sheet(SHEET_NAMES[index])
        heading = title if review.is_approved else f"{title} ({DRAFT_MARK})"
        sheet.append([heading])
        sheet.append([f"Kèm theo Báo cáo {review.title}"])
        sheet.append(headers)
        sheet["A1"].font = Font(name="Times New Roman", bold=True, size=13)
        sheet["A2"].font = Font(name="Times New Roman", italic=True, size=11)
        for cell in sheet[3]:
            cell.font = Font(name="Times New Roman", bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in rows:
            sheet.append(row)
        for column, width in zip("ABCDEF", COLUMN_WIDTHS, strict=False):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
