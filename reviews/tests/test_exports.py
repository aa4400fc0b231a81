from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document as open_docx
from docx.shared import Pt

from docparse.office import find_soffice
from orgunits.models import UnitKind
from plans import actions as plan_actions
from reviews import actions
from reviews.drafting import Period
from reviews.exports import export
from reviews.models import Review
from reviews.tests.factories import known_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(demo: Any) -> Review:
    data = known_round(demo)
    return actions.compile_review(
        demo.user("monitor"), demo.seed_plan, Period.of_round(data["round"])
    )


@pytest.fixture
def state_review(demo: Any) -> Review:
    data = known_round(demo)
    city = demo.unit("UBND-DL")
    assert city.kind == UnitKind.GOVERNMENT
    plan = plan_actions.create_plan(
        demo.user("monitor"), title="Kế hoạch thử của UBND thành phố", owner=city
    )
    data["round"].plan = plan
    data["round"].save()
    return actions.compile_review(demo.user("monitor"), plan, Period.of_round(data["round"]))


def _doc(review: Review) -> Any:
    return open_docx(io.BytesIO(export(review, "docx", final=False)))


def _all_text(doc: Any) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _assert_page_setup(doc: Any) -> None:
    section = doc.sections[0]
    # Word stores margins in twips: compare in whole millimetres.
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert round(section.page_width.mm) == 210
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert Pt(13) <= doc.styles["Normal"].font.size <= Pt(14)
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run.font.name == "Times New Roman"
            assert run.font.size is None or Pt(11) <= run.font.size <= Pt(15)


def _borderless(table: Any) -> bool:
    borders = table._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders"
    )
    return borders is not None and all(
        el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nil"
        for el in borders
    )


def test_party_layout(review: Review) -> None:
    doc = _doc(review)
    _assert_page_setup(doc)
    header = doc.tables[0]
    assert len(header.columns) == 2 and _borderless(header)
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.splitlines()[:3] == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "THÀNH ỦY ĐÀ LẠT", "*"]
    assert "Số      -BC/TU" in left
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    party_run = header.rows[0].cells[1].paragraphs[0].runs[0]
    assert party_run.underline and party_run.bold
    date_para = next(p for p in header.rows[0].cells[1].paragraphs if "Đà Lạt, ngày" in p.text)
    assert all(run.italic for run in date_para.runs)
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert review.title in texts
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "III. BÀI HỌC KINH NGHIỆM", "PHỤ LỤC"):
        assert heading in texts
    assert any("Tổ chức 12 hội nghị" in t for t in texts)
    signature = doc.tables[1]
    sign_left, sign_right = (cell.text for cell in signature.rows[0].cells)
    assert sign_left.startswith("Nơi nhận:") and "- Lưu VT-TH." in sign_left
    assert sign_right.startswith("T/M BAN THƯỜNG VỤ")
    assert "DỰ THẢO" in doc.sections[0].header.paragraphs[0].text
    annex = doc.tables[2]
    assert annex.rows[0].cells[1].text == "Đơn vị"
    assert "Ban Tuyên giáo Thành ủy Đà Lạt" in _all_text(doc)


def test_state_layout(state_review: Review) -> None:
    doc = _doc(state_review)
    _assert_page_setup(doc)
    left, right = (cell.text for cell in doc.tables[0].rows[0].cells)
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ LẠT" in left
    assert "/BC-UBND" in left
    assert right.splitlines()[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    motto = doc.tables[0].rows[0].cells[1].paragraphs[1].runs[0]
    assert motto.underline and motto.bold
    assert "ĐẢNG CỘNG SẢN" not in _all_text(doc)
    sign_right = doc.tables[1].rows[0].cells[1].text
    assert sign_right.startswith("TM. ỦY BAN NHÂN DÂN") and "CHỦ TỊCH" in sign_right


def test_approved_export_has_no_draft_mark(review: Review, demo: Any) -> None:
    actions.approve_review(demo.user("lanhdao"), review, expected_version=review.version)
    review.refresh_from_db()
    doc = open_docx(io.BytesIO(export(review, "docx", final=True)))
    assert "DỰ THẢO" not in doc.sections[0].header.paragraphs[0].text


def test_xlsx_annexes(review: Review) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export(review, "xlsx", final=False)))
    assert book.sheetnames[:2] == ["Nop bao cao", "Nhiem vu"]
    units = book["Nop bao cao"]
    assert units["A1"].value.startswith("Phụ lục 1") and "DỰ THẢO" in units["A1"].value
    rows = {row[1]: row for row in units.iter_rows(min_row=4, values_only=True)}
    assert rows["Ban Tuyên giáo Thành ủy Đà Lạt"][5] == "Đúng hạn"
    assert rows["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Lạt"][5] == "Muộn"
    tasks = {row[0]: row for row in book["Nhiem vu"].iter_rows(min_row=4, values_only=True)}
    # Numbers are numbers (not text), shown through a number format.
    assert tasks["II.3.a"][3] == "Hoàn thành" and tasks["II.3.a"][4] == 1
    assert tasks["II.1"][5] == 2
    sheet = book["Nhiem vu"]
    progress = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "II.3.a")[4]
    assert progress.data_type == "n" and progress.number_format == "0%"
    assert units["A4"].data_type == "n" and units["A4"].value == 1


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_pdf_renders_vietnamese(review: Review) -> None:
    import pdfplumber

    pdf = export(review, "pdf", final=False)
    assert pdf[:5] == b"%PDF-"
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Đà Lạt, ngày" in text
    assert "THÀNH ỦY ĐÀ LẠT" in text
    assert "DỰ THẢO" in text
    assert "KẾT QUẢ THỰC HIỆN" in text


def test_unknown_format_is_refused(review: Review) -> None:
    from core.errors import ActionError

    with pytest.raises(ActionError, match="Định dạng không hỗ trợ"):
        export(review, "odt", final=False)
