"""extract_text: formats, encodings and hostile inputs (all fixtures built in the test)."""

from __future__ import annotations

import io
import zipfile

import pytest

from docparse import DocumentError, extract_text
from docparse.encoding import unicode_to_tcvn3, unicode_to_vni
from docparse.extract import SCANNED_PDF_MESSAGE

SAMPLE = (
    "KẾ HOẠCH\nTriển khai thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương "
    "về phát triển khoa học và công nghệ.\n"
)


def _docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ----------------------------------------------------------------------------- txt


def test_txt_utf8_and_bom() -> None:
    assert extract_text(SAMPLE.encode("utf-8"), "a.txt").text == SAMPLE
    assert extract_text(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "a.txt").text == SAMPLE


def test_txt_utf16() -> None:
    assert extract_text(SAMPLE.encode("utf-16"), "a.txt").text == SAMPLE
    assert extract_text(SAMPLE.encode("utf-16-le"), "a.txt").text == SAMPLE


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 stores some toned letters as base letter + combining tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return out


def test_txt_cp1258() -> None:
    data = _to_cp1258(SAMPLE)
    res = extract_text(data, "a.txt")
    assert res.text == SAMPLE
    assert any("1258" in w for w in res.warnings)


def test_txt_tcvn3_bytes() -> None:
    data = unicode_to_tcvn3(SAMPLE).encode("latin-1")
    res = extract_text(data, "a.txt")
    assert "Triển khai thực hiện Nghị quyết" in res.text
    assert any("TCVN3" in w for w in res.warnings)


def test_txt_vni_bytes() -> None:
    data = unicode_to_vni(SAMPLE).encode("cp1252")
    res = extract_text(data, "a.txt")
    assert res.text == SAMPLE
    assert any("VNI" in w for w in res.warnings)


def test_txt_nfd_is_normalised() -> None:
    import unicodedata

    res = extract_text(unicodedata.normalize("NFD", SAMPLE).encode("utf-8"), "a.txt")
    assert res.text == SAMPLE


def test_binary_junk_rejected() -> None:
    junk = bytes(range(256)) * 50
    with pytest.raises(DocumentError) as e:
        extract_text(junk, "x.txt")
    assert "nhị phân" in e.value.message_vi
    with pytest.raises(DocumentError):
        extract_text(junk, "x.bin")


def test_oversized_rejected() -> None:
    with pytest.raises(DocumentError) as e:
        extract_text(b"a" * 2048, "a.txt", max_bytes=1024)
    assert "quá lớn" in e.value.message_vi


def test_empty_rejected() -> None:
    with pytest.raises(DocumentError):
        extract_text(b"   ", "a.txt")


def test_unknown_extension() -> None:
    with pytest.raises(DocumentError) as e:
        extract_text(b"hello", "a.xlsx")
    assert "chưa được hỗ trợ" in e.value.message_vi


# ----------------------------------------------------------------------------- docx


def test_docx_paragraphs_and_tables() -> None:
    data = _docx_bytes(
        ["KẾ HOẠCH", "Thực hiện Nghị quyết số 20-NQ/TW"],
        [["STT", "Nội dung", "Cơ quan chủ trì"], ["1", "Rà soát", "Sở Xây dựng"]],
    )
    text = extract_text(data, "k.docx").text
    assert "Thực hiện Nghị quyết số 20-NQ/TW" in text
    assert "1 | Rà soát | Sở Xây dựng" in text


def test_docx_sniffed_without_extension() -> None:
    data = _docx_bytes(["Nội dung"])
    assert "Nội dung" in extract_text(data, "upload").text


def test_docx_tcvn3_font_text_converted() -> None:
    data = _docx_bytes(
        [
            unicode_to_tcvn3(
                "Cộng hoà xã hội chủ nghĩa Việt Nam. Thực hiện kế hoạch của các cơ quan, đơn vị."
            )
        ]
    )
    res = extract_text(data, "k.docx")
    assert "Việt Nam" in res.text
    assert res.warnings == ["Đã chuyển mã từ TCVN3 (ABC) sang Unicode"]


def test_corrupt_docx() -> None:
    data = _docx_bytes(["x"])
    with pytest.raises(DocumentError) as e:
        extract_text(data[: len(data) // 2], "k.docx")
    assert "hỏng" in e.value.message_vi
    with pytest.raises(DocumentError):
        extract_text(b"PK\x03\x04 not really a zip", "k.docx")


def test_zip_without_word_document() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DocumentError):
        extract_text(buf.getvalue(), "k.docx")


def test_zip_bomb_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<a>" + b"0" * (60 * 1024 * 1024) + b"</a>")
    data = buf.getvalue()
    assert len(data) < 1_000_000
    with pytest.raises(DocumentError) as e:
        extract_text(data, "bomb.docx")
    assert "bom nén" in e.value.message_vi


def test_high_ratio_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (5 * 1024 * 1024) + b"</a>")
    with pytest.raises(DocumentError) as e:
        extract_text(buf.getvalue(), "ratio.docx")
    assert "bom nén" in e.value.message_vi


def test_docx_with_entities_rejected() -> None:
    data = _docx_bytes(["x"])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/document.xml":
                blob = blob.replace(
                    b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1
                )
            z.writestr(info, blob)
    with pytest.raises(DocumentError) as e:
        extract_text(out.getvalue(), "evil.docx")
    assert "DOCTYPE" in e.value.message_vi


# ----------------------------------------------------------------------------- pdf


def _pdf(content_stream: bytes | None) -> bytes:
    """A minimal one-page PDF; with ``content_stream`` None the page has no text layer."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    ]
    if content_stream is None:
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
    else:
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        )
        objs.append(
            b"<< /Length "
            + str(len(content_stream)).encode()
            + b" >>\nstream\n"
            + content_stream
            + b"\nendstream"
        )
        objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def test_pdf_with_text_layer() -> None:
    data = _pdf(b"BT /F1 12 Tf 20 100 Td (So: 12/KH-UBND Ke hoach trien khai) Tj ET")
    text = extract_text(data, "a.pdf").text
    assert "12/KH-UBND" in text


def test_scanned_pdf_rejected_with_ocr_message() -> None:
    with pytest.raises(DocumentError) as e:
        extract_text(_pdf(None), "scan.pdf")
    assert e.value.message_vi == SCANNED_PDF_MESSAGE
    assert "OCR" in e.value.message_vi


def test_corrupt_pdf() -> None:
    with pytest.raises(DocumentError):
        extract_text(b"%PDF-1.4\n garbage garbage", "bad.pdf")


# ----------------------------------------------------------------------------- doc


def test_doc_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.delenv("SOFFICE_PATH", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DocumentError) as e:
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc")
    assert "LibreOffice" in e.value.message_vi


def test_doc_converted_with_libreoffice() -> None:
    from docparse import office

    exe = office.find_soffice()
    if not exe:
        pytest.skip("LibreOffice not installed")
    docx_data = _docx_bytes(["KẾ HOẠCH", "Thực hiện Nghị quyết số 20-NQ/TW"])
    doc_data = office.convert(exe, docx_data, "k.docx", "doc", timeout=120)
    text = extract_text(doc_data, "k.doc").text
    assert "Nghị quyết số 20-NQ/TW" in text


def test_doc_junk_rejected() -> None:
    with pytest.raises(DocumentError):
        extract_text(b"\xd0\xcf\x11\xe0 definitely not a word file" * 10, "bad.doc")
