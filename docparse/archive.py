"""Office Open XML archives (.docx, .xlsx) checked before any parser opens them.

One check for every entry point (document import, evidence files, unit and indicator workbooks;
``core.archives`` wraps it for Django code):

- **zip bombs**: too many members, too many bytes once uncompressed (in total), or an abnormal
  compression ratio (per member and overall) refuse the file. The sizes are the ones the
  archive declares; ``zipfile`` never inflates a member past its declared size (it stops and
  fails the CRC), so a lying header cannot get round the check.
- **XML declarations**: a ``<!DOCTYPE`` or ``<!ENTITY`` in the prolog of any XML part refuses
  the file, in whatever encoding the part is written (UTF-8, UTF-16 and UTF-32 with or without
  a byte order mark, or the encoding its declaration names). Only the prolog is read: a
  declaration can only stand before the root element.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from .errors import DocumentError

MAX_MEMBERS = 5000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
# A ratio is only suspicious on a sizeable member (a tiny XML part compresses very well).
RATIO_FLOOR = 1024 * 1024
# The prolog (declaration, comments, processing instructions) before the root element.
MAX_PROLOG = 64 * 1024

_ROOT_START = re.compile(r"<[A-Za-z_:]")
_FORBIDDEN = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _encoding(head: bytes) -> str:
    """The encoding of an XML entity from its first bytes (XML 1.0, appendix F)."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return name
    for pattern, name in (
        (b"\x00\x00\x00<", "utf-32-be"),
        (b"<\x00\x00\x00", "utf-32-le"),
        (b"\x00<\x00?", "utf-16-be"),
        (b"<\x00?\x00", "utf-16-le"),
        (b"\x4c\x6f\xa7\x94", "cp500"),  # EBCDIC "<?xm"
    ):
        if head.startswith(pattern):
            return name
    declared = _DECLARED.match(head)
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            codecs.lookup(name)
        except LookupError:
            return ""
        return name
    return "utf-8"


def prolog_is_safe(head: bytes) -> bool:
    """False when the XML entity starting with ``head`` declares a DOCTYPE or ENTITY before its
    root element, or when that cannot be told (unknown encoding, no root element in sight)."""
    name = _encoding(head)
    if not name:
        return False
    text = head.decode(name, errors="replace")
    root = _ROOT_START.search(text)
    prolog = text[: root.start()] if root else text
    if _FORBIDDEN.search(prolog):
        return False
    # No root element within the first bytes of a non-empty part: a prolog that long only
    # serves to hide something.
    return root is not None or len(head) < MAX_PROLOG


def check_archive(data: bytes, label: str) -> None:
    """Refuse a zip bomb or an XML part with DOCTYPE/ENTITY; ``label`` names the file kind in
    the message (".docx", ".xlsx")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(
            f"Tệp {label} bị hỏng hoặc không đúng định dạng (không đọc được cấu trúc nén)."
        ) from exc
    bomb = f"Tỷ lệ nén của tệp {label} bất thường, nghi ngờ 'bom nén'; tệp bị từ chối."
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise DocumentError(f"Tệp {label} có quá nhiều thành phần, nghi ngờ tệp độc hại.")
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos)
        if total > MAX_UNCOMPRESSED:
            raise DocumentError(
                f"Tệp {label} khi giải nén quá lớn ({_mb(total)} > {_mb(MAX_UNCOMPRESSED)}), "
                "nghi ngờ 'bom nén'; tệp bị từ chối."
            )
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                1, info.compress_size
            ):
                raise DocumentError(bomb)
        if total > RATIO_FLOOR and total > MAX_RATIO * max(1, packed):
            raise DocumentError(bomb)
        for info in infos:
            name = info.filename.lower()
            if not (name.endswith(".xml") or name.endswith(".rels")) or info.is_dir():
                continue
            try:
                with archive.open(info) as handle:
                    head = handle.read(MAX_PROLOG)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
                raise DocumentError(f"Tệp {label} bị hỏng (không giải nén được).") from exc
            except Exception as exc:  # zlib.error from a damaged member
                raise DocumentError(f"Tệp {label} bị hỏng (không giải nén được).") from exc
            if head and not prolog_is_safe(head):
                raise DocumentError(
                    f"Tệp {label} chứa khai báo DOCTYPE/ENTITY trong XML (có thể độc hại); "
                    "tệp bị từ chối."
                )
