"""Checking evidence files (minh chứng) on their content, never on their name.

A file is accepted when its bytes are what its kind claims: ``%PDF-`` for PDF, the PNG and JPEG
signatures for images, and for DOCX/XLSX a readable ZIP archive holding ``word/document.xml`` or
``xl/workbook.xml``. A renamed executable, a corrupt archive or an oversize upload is refused
with a Vietnamese message before anything is written.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.archives import check_office_archive
from core.errors import ActionError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The extension a stored file gets follows the detected kind, not the uploaded name.
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx"}
ACCEPTED_LABEL = "PDF, DOCX, XLSX, PNG, JPEG"


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str
    extension: str


def _zip_kind(upload: Any) -> str | None:
    upload.seek(0)
    if not zipfile.is_zipfile(upload):
        return None
    upload.seek(0)
    # A bomb or an XML entity declaration is refused with its own message, before any part
    # is inflated.
    check_office_archive(upload.read(), f"“{upload.name}”")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                member = "word/document.xml"
                kind = DOCX
            elif "xl/workbook.xml" in names:
                member = "xl/workbook.xml"
                kind = XLSX
            else:
                return None
            # Reading the main part proves the archive is not truncated or corrupt there.
            with archive.open(member) as handle:
                handle.read(1024 * 1024)
            return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        return None
    except Exception:  # zlib.error and friends from a damaged member
        return None


def detect(upload: Any) -> str | None:
    """The content type proven by the bytes, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return None


def check_upload(upload: Any) -> CheckedFile:
    """Validate an uploaded file; raise ActionError with a clear message otherwise."""
    if upload is None:
        raise ActionError(_("Hãy chọn một tệp minh chứng."))
    limit = int(settings.MAX_UPLOAD_BYTES)
    size = int(getattr(upload, "size", 0) or 0)
    if size == 0:
        raise ActionError(_("Tệp “%(name)s” rỗng.") % {"name": upload.name})
    if size > limit:
        raise ActionError(
            _("Tệp “%(name)s” dung lượng %(size)s, vượt giới hạn %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    kind = detect(upload)
    if kind is None:
        raise ActionError(
            _(
                "Tệp “%(name)s” không phải tệp minh chứng hợp lệ (nội dung không đúng định dạng "
                "%(kinds)s hoặc tệp bị hỏng). Tệp chưa được lưu."
            )
            % {"name": upload.name, "kinds": ACCEPTED_LABEL}
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        content_type=kind, size=size, sha256=digest.hexdigest(), extension=EXTENSIONS[kind]
    )
