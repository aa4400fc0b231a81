"""Hostile office archives (issue 11, class 9): bombs and XML entity declarations in any
encoding are refused by every entry point (workbooks, evidence, document import)."""

from __future__ import annotations

import io
import zipfile

import pytest

from core import xlsx
from core.archives import check_office_archive
from core.errors import ActionError
from docparse.errors import DocumentError
from docparse.extract import extract_text

DOCTYPE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook>&a;</workbook>'


def archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def good_workbook() -> bytes:
    workbook, sheet = xlsx.new_sheet("T")
    sheet.append(["a", 1])
    return xlsx.to_bytes(workbook)


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {i.filename: source.read(i) for i in source.infolist()}
    members[name] = content
    return archive(members)


ENCODED = {
    "utf-8": DOCTYPE.encode("utf-8"),
    "utf-16 with BOM": DOCTYPE.replace('1.0"', '1.0" encoding="UTF-16"').encode("utf-16"),
    "utf-16-le without BOM": DOCTYPE.encode("utf-16-le"),
    "utf-16-be without BOM": DOCTYPE.encode("utf-16-be"),
    "utf-32": DOCTYPE.encode("utf-32"),
    "utf-8 BOM, lower case": b"\xef\xbb\xbf" + DOCTYPE.replace("DOCTYPE", "doctype").encode(),
}


@pytest.mark.parametrize("content", ENCODED.values(), ids=ENCODED.keys())
def test_entity_declarations_are_refused_in_any_encoding(content: bytes) -> None:
    data = with_member(good_workbook(), "xl/workbook.xml", content)
    with pytest.raises(ActionError, match="DOCTYPE/ENTITY"):
        check_office_archive(data, ".xlsx")
    with pytest.raises(ActionError, match="DOCTYPE/ENTITY"):
        xlsx.open_workbook(data)
    docx = archive({"word/document.xml": content, "[Content_Types].xml": b"<Types/>"})
    with pytest.raises(DocumentError, match="DOCTYPE/ENTITY"):
        extract_text(docx, "van-ban.docx")


def test_a_bomb_is_refused_before_parsing() -> None:
    # 120 MB of one repeated byte packs into about 120 KB.
    bomb = with_member(good_workbook(), "xl/worksheets/sheet2.xml", b"<" + b"a" * (120 << 20))
    assert len(bomb) < 1 << 20
    with pytest.raises(ActionError, match="bom nén"):
        xlsx.open_workbook(bomb)


def test_a_high_ratio_member_is_refused_even_under_the_total() -> None:
    bomb = with_member(good_workbook(), "xl/sharedStrings.xml", b" " * (30 << 20))
    with pytest.raises(ActionError, match="bom nén"):
        check_office_archive(bomb, ".xlsx")


def test_ordinary_files_pass() -> None:
    check_office_archive(good_workbook(), ".xlsx")
    assert xlsx.open_workbook(good_workbook()).worksheets[0]["A1"].value == "a"
