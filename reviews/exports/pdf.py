"""PDF through LibreOffice headless (``soffice --headless --convert-to pdf``) from the DOCX.

LibreOffice is a system package (libreoffice-writer-nogui, see scripts/ensure_test_deps.sh);
Times New Roman is rendered with the metric-compatible Liberation Serif, which carries the
Vietnamese glyphs. Without LibreOffice the export fails with a clear message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from core.errors import ActionError
from reviews.exports.docx import build_docx
from reviews.models import Review

TIMEOUT_S = 180


class PdfUnavailable(ActionError):
    """No PDF renderer on this server."""


def soffice_path() -> str | None:
    configured = os.environ.get("SOFFICE_PATH")
    if configured and Path(configured).exists():
        return configured
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(
            _(
                "Máy chủ chưa cài LibreOffice (gói libreoffice-writer-nogui) nên chưa xuất được "
                "PDF; hãy tải bản DOCX hoặc liên hệ quản trị hệ thống."
            )
        )
    with tempfile.TemporaryDirectory(prefix="khcn-pdf-") as tmp:
        work = Path(tmp)
        source = work / "baocao.docx"
        source.write_bytes(docx_bytes)
        # A private profile per conversion: parallel conversions never fight over a lock.
        profile = (work / "profile").as_uri()
        try:
            subprocess.run(  # noqa: S603 - fixed argument list, no shell
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_S,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ActionError(
                _("Không chuyển được báo cáo sang PDF (LibreOffice báo lỗi).")
            ) from exc
        target = work / "baocao.pdf"
        if not target.exists():
            raise ActionError(_("Không chuyển được báo cáo sang PDF (LibreOffice báo lỗi)."))
        return target.read_bytes()


def export_pdf(review: Review) -> bytes:
    return docx_to_pdf(build_docx(review))
