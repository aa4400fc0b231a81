"""Text extraction from uploaded files (.txt, .docx, .pdf, .doc) with safety guards."""

from __future__ import annotations

import io
import os
import re
import unicodedata

from . import office
from .archive import check_archive
from .encoding import LEGACY_WARNINGS, detect_legacy, fix_legacy_vietnamese, viet_score
from .errors import DocumentError, ScannedPdfError
from .model import ExtractedText

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 2000
SOFFICE_TIMEOUT = 120
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 compound file

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def extract_text(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractedText:
    """Extract plain text from an uploaded document.

    Raises ``DocumentError`` (Vietnamese message) for oversized, corrupt,
    dangerous (zip bomb, XML entities), scanned or unsupported files.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise DocumentError("Dữ liệu tệp không hợp lệ.")
    data = bytes(data)
    if len(data) > max_bytes:
        raise DocumentError(
            f"Tệp quá lớn ({_mb(len(data))}); dung lượng tối đa cho phép là {_mb(max_bytes)}."
        )
    if not data.strip():
        raise DocumentError("Tệp rỗng, không có nội dung.")
    ext = os.path.splitext(filename or "")[1].lower()
    if ext in ("", ".bin") or ext not in (".txt", ".md", ".text", ".docx", ".pdf", ".doc"):
        if data.startswith(b"%PDF"):
            ext = ".pdf"
        elif data.startswith(b"PK\x03\x04"):
            ext = ".docx"
        elif data.startswith(OLE_MAGIC):
            ext = ".doc"
        elif ext not in ("", ".bin"):
            raise DocumentError(
                f"Định dạng tệp '{ext}' chưa được hỗ trợ. Vui lòng dùng .docx, .pdf, .doc hoặc"
                f" .txt."
            )
        else:
            ext = ".txt"
    warnings: list[str] = []
    if ext in (".txt", ".md", ".text"):
        text = _decode_text(data, warnings)
    elif ext == ".docx":
        text = _docx_text(data)
    elif ext == ".pdf":
        text = _pdf_text(data, warnings)
    else:
        text = _doc_text(data, filename)
    text, legacy = fix_legacy_vietnamese(text)
    if legacy:
        warnings.append(LEGACY_WARNINGS[legacy])
    text = unicodedata.normalize("NFC", text)
    if text.count("\ufffd") > max(10, len(text) // 50):
        raise DocumentError(
            "Nội dung tệp bị hỏng hoặc sai bảng mã (quá nhiều ký tự không đọc được)."
        )
    if not text.strip():
        raise DocumentError("Không tìm thấy nội dung văn bản trong tệp.")
    return ExtractedText(text=text, warnings=warnings)


# ----------------------------------------------------------------------------- txt


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    bad = len(_CONTROL_RE.findall(sample))
    return bad > max(3, len(sample) // 100)


def _decode_text(data: bytes, warnings: list[str]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        warnings.append("Tệp được mã hóa UTF-16.")
    else:
        text = _decode_no_bom(data, warnings)
    if _looks_binary(text):
        raise DocumentError(
            "Tệp không phải là văn bản (dữ liệu nhị phân hoặc định dạng không nhận dạng được)."
        )
    return text


def _decode_no_bom(data: bytes, warnings: list[str]) -> str:
    # UTF-16 without BOM: many NUL bytes at even or odd positions
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:
        even = data[0::2].count(b"\x00")
        odd = data[1::2].count(b"\x00")
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            text = data.decode(enc)
            if not _looks_binary(text):
                warnings.append("Tệp được mã hóa UTF-16.")
                return text
        except UnicodeDecodeError:
            pass
        raise DocumentError(
            "Tệp không phải là văn bản (dữ liệu nhị phân hoặc định dạng không nhận dạng được)."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # single-byte: legacy font encodings (bytes read as Latin-1) or Windows-1258
    latin = data.decode("latin-1")
    if detect_legacy(latin):
        return latin  # converted by fix_legacy_vietnamese in extract_text
    cp = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if viet_score(cp) >= viet_score(latin) and viet_score(cp) > 0:
        warnings.append("Đã chuyển mã từ Windows-1258 sang Unicode")
        return cp
    if _looks_binary(latin):
        raise DocumentError(
            "Tệp không phải là văn bản (dữ liệu nhị phân hoặc định dạng không nhận dạng được)."
        )
    warnings.append(
        "Không nhận dạng được bảng mã của tệp; đã đọc theo Windows-1258, có thể sai dấu."
    )
    return cp


# ----------------------------------------------------------------------------- docx


def check_zip_safety(data: bytes) -> None:
    """Refuse zip bombs and XML with DOCTYPE/ENTITY declarations (``archive.check_archive``)."""
    check_archive(data, ".docx")


def _docx_text(data: bytes) -> str:
    check_zip_safety(data)
    try:
        import docx  # python-docx
        from docx.oxml.ns import qn
    except ImportError as exc:  # pragma: no cover
        raise DocumentError("Máy chủ thiếu thư viện đọc .docx (python-docx).") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, lxml errors ...)
        raise DocumentError("Tệp .docx bị hỏng hoặc không đúng định dạng Word.") from exc
    out: list[str] = []
    body = document.element.body
    p_tag, tbl_tag = qn("w:p"), qn("w:tbl")
    for child in body.iterchildren():
        if child.tag == p_tag:
            out.append(_xml_text(child))
        elif child.tag == tbl_tag:
            for row in child.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    paras = [_xml_text(p) for p in cell.iter(p_tag)]
                    cells.append("\n".join(x for x in paras if x.strip()))
                out.append(" | ".join(cells))
            out.append("")
    return "\n".join(out)


def _xml_text(el: object) -> str:
    from docx.oxml.ns import qn

    parts: list[str] = []
    t_tag, tab_tag, br_tag = qn("w:t"), qn("w:tab"), qn("w:br")
    for node in el.iter():  # type: ignore[attr-defined]
        if node.tag == t_tag and node.text:
            parts.append(node.text)
        elif node.tag == tab_tag:
            parts.append("\t")
        elif node.tag == br_tag:
            parts.append("\n")
    return "".join(parts)


# ----------------------------------------------------------------------------- pdf

SCANNED_PDF_MESSAGE = (
    "Tệp PDF không có lớp chữ (bản quét/ảnh chụp). Cần nhận dạng ký tự (OCR) trước khi phân tích; "
    "vui lòng tải lên bản .docx hoặc PDF có lớp chữ."
)


def _pdf_text(data: bytes, warnings: list[str]) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover
        raise DocumentError("Máy chủ thiếu thư viện đọc PDF (pypdf).") from exc
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise DocumentError("Tệp PDF được đặt mật khẩu, không đọc được.") from exc
        pages = reader.pages
        if len(pages) == 0:
            raise DocumentError("Tệp PDF bị hỏng hoặc không có trang nào.")
        if len(pages) > MAX_PDF_PAGES:
            raise DocumentError(f"Tệp PDF có quá nhiều trang ({len(pages)}).")
        texts = []
        for page in pages:
            try:
                texts.append(page.extract_text() or "")
            except Exception:  # one bad page must not kill the whole document
                texts.append("")
                warnings.append("Có trang PDF không đọc được chữ.")
    except DocumentError:
        raise
    except (PdfReadError, Exception) as exc:
        raise DocumentError("Tệp PDF bị hỏng hoặc không đúng định dạng.") from exc
    text = "\n".join(texts)
    if len(re.sub(r"\s+", "", text)) < 20:
        raise ScannedPdfError(SCANNED_PDF_MESSAGE)
    return text


# ----------------------------------------------------------------------------- doc


def _doc_text(data: bytes, filename: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        return _docx_text(data)  # a .docx saved with the wrong extension
    if not (data.startswith(OLE_MAGIC) or data.lstrip().startswith(b"{\\rtf")):
        raise DocumentError(
            "Tệp .doc không đúng định dạng Word 97-2003 (tệp hỏng hoặc sai phần mở rộng)."
        )
    exe = office.find_soffice()
    if not exe:
        raise DocumentError(
            "Không đọc được tệp .doc (Word 97-2003) vì máy chủ chưa cài LibreOffice; "
            "vui lòng lưu lại thành .docx hoặc PDF rồi tải lên."
        )
    try:
        converted = office.convert(exe, data, "input.doc", "docx", timeout=SOFFICE_TIMEOUT)
    except office.OfficeTimeout as exc:
        raise DocumentError("Chuyển đổi tệp .doc quá thời gian cho phép.") from exc
    except office.OfficeError as exc:
        raise DocumentError(
            "Không chuyển đổi được tệp .doc (tệp hỏng hoặc không đúng định dạng)."
        ) from exc
    return _docx_text(converted)
