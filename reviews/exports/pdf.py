"""PDF through LibreOffice headless (``soffice --headless --convert-to pdf``) from the DOCX.

LibreOffice is a system package (libreoffice-writer-nogui, see scripts/ensure_test_deps.sh),
found through ``SOFFICE_PATH`` or PATH (``docparse.office``, the project's one LibreOffice
wrapper); Times New Roman is rendered with the metric-compatible Liberation Serif, which carries
the Vietnamese glyphs. Without LibreOffice the export fails with a clear message.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import ActionError
from docparse import office
from reviews.exports.docx import build_docx
from reviews.models import Review

TIMEOUT_S = 180


class PdfUnavailable(ActionError):
    """No PDF renderer on this server."""


def docx_to_pdf(docx_bytes: bytes) -> bytes:
    soffice = office.find_soffice()
    if soffice is None:
        raise PdfUnavailable(
            _(
                "Máy chủ chưa cài LibreOffice (gói libreoffice-writer-nogui) nên chưa xuất được "
                "PDF; hãy tải bản DOCX hoặc liên hệ quản trị hệ thống."
            )
        )
    try:
        return office.convert(soffice, docx_bytes, "baocao.docx", "pdf", timeout=TIMEOUT_S)
    except office.OfficeError as exc:
        raise ActionError(_("Không chuyển được báo cáo sang PDF (LibreOffice báo lỗi).")) from exc


def export_pdf(review: Review) -> bytes:
    return docx_to_pdf(build_docx(review))
