"""Editable DOCX in the official layout (thể thức văn bản).

Party documents follow Hướng dẫn 36-HD/VPTW; State documents follow Nghị định 30/2020/NĐ-CP.
Both: A4, Times New Roman 14 pt body, margins top/bottom 20 mm, left 30 mm, right 15 mm, the
header (tiêu đề) as a borderless two-column table, the signature block and "Nơi nhận" as a
second borderless table. A draft carries a "DỰ THẢO" mark in the page header.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from indicators import formatting
from reviews.models import Layout, ParagraphKind, Review

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
DRAFT_MARK = "DỰ THẢO"
# Column widths of the annex tables (cm); the text block is 210 − 30 − 15 mm = 16.5 cm wide.
ANNEX_WIDTHS_CM = [
    [1.2, 6.2, 3.0, 2.5, 2.5, 1.9],
    [1.9, 6.6, 3.4, 2.2, 1.3, 1.1],
    [1.6, 4.2, 2.6, 1.6, 1.7, 1.8, 1.7, 1.3],
]


def _font(run: Any, size: Any = None, bold: bool = False, italic: bool = False) -> Any:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size is not None:
        run.font.size = size
    run.bold = bold or None
    run.italic = italic or None
    return run


def _para(
    container: Any,
    text: str = "",
    *,
    size: Any = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    after: int = 0,
    first_indent: Any = None,
) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if first_indent is not None:
        fmt.first_line_indent = first_indent
    if text:
        run = _font(paragraph.add_run(text), size, bold, italic)
        run.underline = underline or None
    return paragraph


def _first_para(cell: Any, text: str, **kwargs: Any) -> Any:
    """Use the cell's existing empty paragraph for the first line."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _font(
        paragraph.add_run(text),
        kwargs.get("size"),
        kwargs.get("bold", False),
        kwargs.get("italic", False),
    )
    run.underline = kwargs.get("underline") or None
    return paragraph


_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ALIGN = {"left": "left", "center": "center", "justify": "both"}


def _run_xml(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> str:
    """One run as WordprocessingML: building hundreds of paragraphs through python-docx's
    object API is slow (each property walks the element tree), so the body is written as XML
    and parsed once. The result is the same markup python-docx would produce."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    flags = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    size = f'<w:sz w:val="{int(size_pt * 2)}"/><w:szCs w:val="{int(size_pt * 2)}"/>'
    return (
        f"<w:r><w:rPr>{fonts}{flags}{size}</w:rPr>"
        f'<w:t xml:space="preserve">{escape(_XML_INVALID.sub("", text))}</w:t></w:r>'
    )


def _para_xml(
    text: str,
    size_pt: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    after_pt: int = 6,
    first_indent_cm: float = 0,
) -> str:
    indent = f'<w:ind w:firstLine="{int(first_indent_cm * 567)}"/>' if first_indent_cm else ""
    ppr = (
        f'<w:pPr><w:spacing w:before="0" w:after="{after_pt * 20}"/>{indent}'
        f'<w:jc w:val="{_ALIGN[align]}"/></w:pPr>'
    )
    run = _run_xml(text, size_pt, bold, italic) if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def _grid_xml(headers: list[str], rows: list[list[Any]], widths_cm: list[float]) -> str:
    twips = [int(w * 567) for w in widths_cm]
    grid = "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)

    def row(values: list[str], bold: bool) -> str:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{t}" w:type="dxa"/></w:tcPr>'
            + _para_xml(str(v), 11, bold=bold, align="center" if bold else "left", after_pt=0)
            + "</w:tc>"
            for v, t in zip(values, twips, strict=True)
        )
        header = "<w:trPr><w:tblHeader/></w:trPr>" if bold else ""
        return f"<w:tr>{header}{cells}</w:tr>"

    body = row(headers, True) + "".join(row(r, False) for r in rows)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def _placeholder(doc: Any, key: str) -> None:
    """A paragraph replaced by raw XML after saving (see ``_fill``)."""
    doc.add_paragraph(f"@@{key}@@")


def _fill(docx_bytes: bytes, parts: dict[str, str]) -> bytes:
    """Replace each placeholder paragraph of word/document.xml by its XML fragments.

    String substitution in the saved package: moving hundreds of parsed elements into the
    python-docx tree costs seconds (lxml reconciles namespaces per node), this costs nothing."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    xml = source.read("word/document.xml").decode("utf-8")
    for key, fragment in parts.items():
        marker = xml.index(f"@@{key}@@")
        begin = max(xml.rfind("<w:p>", 0, marker), xml.rfind("<w:p ", 0, marker))
        finish = xml.index("</w:p>", marker) + len("</w:p>")
        xml = xml[:begin] + fragment + xml[finish:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = (
                xml.encode("utf-8") if item.filename == "word/document.xml" else source.read(item)
            )
            target.writestr(item, data)
    return out.getvalue()


def _borderless(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table: Any, widths: list[Any]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _header_table(doc: Any, review: Review) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _widths(table, [Cm(7.5), Cm(9.0)])
    left, right = table.rows[0].cells
    date_line = f"{review.place or '…'}, ngày     tháng     năm {review.created_at.year}"
    if review.layout == Layout.PARTY:
        first = True
        if review.superior_name:
            _first_para(left, review.superior_name.upper(), size=Pt(14))
            first = False
        issuer = review.issuer_name.upper()
        if first:
            _first_para(left, issuer, size=Pt(14), bold=True)
        else:
            _para(left, issuer, size=Pt(14), bold=True)
        _para(left, "*", size=Pt(14))
        _para(left, review.number_symbol, size=Pt(14))
        _first_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=Pt(15), bold=True, underline=True)
        _para(right, "", size=Pt(14))
        _para(right, date_line, size=Pt(14), italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    else:
        if review.superior_name:
            _first_para(left, review.superior_name.upper(), size=Pt(13))
            _para(left, review.issuer_name.upper(), size=Pt(13), bold=True, underline=True)
        else:
            _first_para(left, review.issuer_name.upper(), size=Pt(13), bold=True, underline=True)
        _para(left, "", size=Pt(13))
        _para(left, review.number_symbol, size=Pt(13))
        _first_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=Pt(13), bold=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", size=Pt(14), bold=True, underline=True)
        _para(right, "", size=Pt(13))
        _para(right, date_line, size=Pt(14), italic=True)


def _signature_table(doc: Any, review: Review) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, [Cm(8.0), Cm(8.5)])
    left, right = table.rows[0].cells
    nơi_nhận = left.paragraphs[0]
    nơi_nhận.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(nơi_nhận.add_run("Nơi nhận:"), Pt(12), bold=True, italic=review.layout == Layout.STATE)
    for index, name in enumerate(review.recipients):
        end = "." if index == len(review.recipients) - 1 else ","
        _para(left, f"- {name}{end}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    lines = [review.signer_title, review.signer_role]
    first = True
    for line in [x for x in lines if x]:
        if first:
            _first_para(right, line, size=Pt(14), bold=True)
            first = False
        else:
            _para(right, line, size=Pt(14), bold=True)
    for _ in range(3):
        _para(right, "", size=Pt(14))
    # The signer's name line is always there: the name, or a dotted line to write it on.
    _para(right, review.signer_name or "……………………………", size=Pt(14), bold=True)


def _draft_mark(doc: Any) -> None:
    header = doc.sections[0].header
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = _font(paragraph.add_run(DRAFT_MARK), Pt(14), bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


@dataclass(frozen=True)
class Figure:
    """A number of an annex table: text in the DOCX (1.234,5), a number cell in the XLSX."""

    value: float | None
    places: int = 0
    percent: bool = False

    def __str__(self) -> str:
        if self.value is None:
            return "—"
        text = formatting.number(self.value, self.places)
        return f"{text}%" if self.percent else text

    @property
    def excel_value(self) -> float | None:
        if self.value is None:
            return None
        return self.value / 100 if self.percent else self.value

    @property
    def excel_format(self) -> str:
        decimals = "." + "0" * self.places if self.places else ""
        return f"0{decimals}%" if self.percent else f"#,##0{decimals}"


def _figure(value: Any, places: int = 0, percent: bool = False) -> Figure:
    return Figure(None if value in (None, "") else float(value), places, percent)


def _places(row: dict[str, Any]) -> int:
    return 0 if row.get("value_type") in ("integer", "boolean", None) else 2


def annex_tables(review: Review) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The annex tables as (title, header, rows) — shared by the DOCX and XLSX exports.

    Cells are text, or ``Figure`` for numbers: the XLSX keeps them numbers (with a number
    format), the DOCX writes them as Vietnamese text."""
    annexes = review.annexes or {}
    completeness = [
        [
            _figure(i),
            row["unit"],
            row["status"],
            row["submitted_on"],
            row["due_date"],
            "Đúng hạn" if row["on_time"] else ("Muộn" if row["submitted_on"] else "Chưa nộp"),
        ]
        for i, row in enumerate(annexes.get("completeness", []), start=1)
    ]
    tasks = [
        [
            row["code"],
            row["title"],
            row["leads"],
            row["status"],
            _figure(row["progress"], percent=True),
            _figure(row["reports"]),
        ]
        for row in annexes.get("tasks", [])
    ]
    indicators = []
    for row in annexes.get("indicators", []):
        whose = row.get("unit") or "Các đơn vị báo cáo"
        if row.get("value_type") == "boolean" and row.get("value") is not None:
            done: Any = formatting.count_yes(row["value"], row.get("units_reported"))
        else:
            done = _figure(row.get("value"), _places(row))
        indicators.append(
            [
                row["code"],
                row["name"],
                whose,
                row["measure_unit"],
                _figure(row.get("target"), _places(row)),
                row.get("target_label") or "—",
                done,
                _figure(row.get("percent"), 1, percent=True),
            ]
        )
    tables: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "Phụ lục 1. Tình hình nộp báo cáo của các đơn vị",
            ["STT", "Đơn vị", "Trạng thái báo cáo", "Ngày nộp", "Hạn nộp", "Đánh giá"],
            completeness,
        ),
        (
            "Phụ lục 2. Tình hình thực hiện các nhiệm vụ",
            ["Số hiệu", "Nhiệm vụ", "Đơn vị chủ trì", "Tình trạng", "Tiến độ", "Số báo cáo"],
            tasks,
        ),
    ]
    if indicators:
        tables.append(
            (
                "Phụ lục 3. Kết quả thực hiện các chỉ tiêu so với mục tiêu cùng kỳ",
                [
                    "Mã",
                    "Chỉ tiêu",
                    "Số liệu của",
                    "Đơn vị tính",
                    "Mục tiêu",
                    "Kỳ mục tiêu",
                    "Thực hiện",
                    "Tỷ lệ đạt",
                ],
                indicators,
            )
        )
    return tables


def build_docx(review: Review, paragraphs: list[Any] | None = None) -> bytes:
    """The DOCX package of ``review`` (draft mark unless approved)."""
    paragraphs = list(review.paragraphs.order_by("order")) if paragraphs is None else paragraphs
    doc = new_document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    if not review.is_approved:
        _draft_mark(doc)
    _header_table(doc, review)
    _para(doc, "", after=6)
    _para(doc, "BÁO CÁO", size=Pt(15), bold=True)
    _para(doc, review.title, size=Pt(14), bold=True)
    _para(doc, "-----", size=Pt(14), after=12)
    fragments = []
    for paragraph in paragraphs:
        if paragraph.kind == ParagraphKind.HEADING:
            fragments.append(_para_xml(paragraph.text, bold=True, align="left", first_indent_cm=1))
        elif paragraph.kind == ParagraphKind.SUBHEADING:
            fragments.append(_para_xml(paragraph.text, bold=True, first_indent_cm=1))
        else:
            fragments.append(_para_xml(paragraph.text, first_indent_cm=1))
    fragments.append(_para_xml(""))
    _placeholder(doc, "BODY")
    _signature_table(doc, review)
    page_break = _font(doc.add_paragraph().add_run())
    page_break.add_break(WD_BREAK.PAGE)
    annex = [
        _para_xml("PHỤ LỤC", 14, bold=True, align="center", after_pt=0),
        _para_xml(
            f"(Kèm theo Báo cáo {review.title})", 13, italic=True, align="center", after_pt=12
        ),
    ]
    for index, (title, headers, rows) in enumerate(annex_tables(review)):
        annex.append(_para_xml(title, 13, bold=True, align="left"))
        annex.append(_grid_xml(headers, rows, ANNEX_WIDTHS_CM[index]))
        annex.append(_para_xml(""))
    _placeholder(doc, "ANNEX")
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fill(buffer.getvalue(), {"BODY": "".join(fragments), "ANNEX": "".join(annex)})


def export_docx(review: Review) -> bytes:
    return build_docx(review)
