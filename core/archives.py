"""Office archives (.docx, .xlsx) checked before a parser opens them: zip bombs and
DOCTYPE/ENTITY in any encoding refused with a clear Vietnamese message (``ActionError``).

The check itself lives in ``docparse.archive`` (the bottom layer, also used by the document
import); this is its face for Django code: ``core.xlsx.open_workbook`` and evidence files.
"""

from __future__ import annotations

from core.errors import ActionError
from docparse.archive import check_archive
from docparse.errors import DocumentError


def check_office_archive(data: bytes, label: str) -> None:
    """Raise ``ActionError`` when the archive is a bomb, damaged, or declares XML entities."""
    try:
        check_archive(data, label)
    except DocumentError as exc:
        raise ActionError(exc.message_vi) from exc
