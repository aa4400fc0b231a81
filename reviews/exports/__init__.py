"""Exports of a compiled report: DOCX (official layout), PDF (LibreOffice) and XLSX annexes.

``export(review, fmt, final=...)`` is the single gate: a final export needs an approved report;
a draft may be previewed, and then carries the "DỰ THẢO" mark.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import ActionError
from reviews.models import Review

FORMATS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def export(review: Review, fmt: str, *, final: bool) -> bytes:
    if fmt not in FORMATS:
        raise ActionError(
            _("Định dạng không hỗ trợ: %(fmt)s (chọn docx, pdf hoặc xlsx).") % {"fmt": fmt}
        )
    if final and not review.is_approved:
        raise ActionError(
            _(
                "Báo cáo chưa được duyệt: chỉ xuất bản chính thức sau khi duyệt; "
                "hãy xem bản dự thảo."
            )
        )
    if fmt == "docx":
        from reviews.exports.docx import export_docx

        return export_docx(review)
    if fmt == "pdf":
        from reviews.exports.pdf import export_pdf

        return export_pdf(review)
    from reviews.exports.xlsx import export_xlsx

    return export_xlsx(review)


def filename(review: Review, fmt: str) -> str:
    import re

    from core.text import fold

    stem = re.sub(r"[^a-z0-9]+", "-", fold(review.period_label)).strip("-") or "ky"
    mark = "" if review.is_approved else "-du-thao"
    return f"bao-cao-{stem}{mark}.{FORMATS[fmt][1]}"
