"""The compiled review reads like an official wrote it (checked in the exported DOCX/XLSX of the
demo's sơ kết, compiled by the monitoring officer and approved by the issuing body's leader)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from reviews.drafting.text import lower_first
from reviews.exports import export
from reviews.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(demo: Any) -> Review:
    return Review.objects.get(plan=demo.seed_plan, round__kind="interim", status="approved")


def _body(review: Review) -> list[str]:
    doc = open_docx(io.BytesIO(export(review, "docx", final=True)))
    return [p.text for p in doc.paragraphs if p.text.strip()]


def test_structure_of_a_so_ket_report(review: Review) -> None:
    texts = _body(review)
    headings = [t for t in texts if re.match(r"^(I|II|III|IV|V)\. ", t)]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    # No plan label used as a heading inside part I (it read as part II under part I).
    part_one = texts[texts.index(headings[0]) : texts.index(headings[1])]
    assert not [t for t in part_one if re.match(r"^I{1,3}\.\d", t)]
    assert any(t.startswith("2.1. ") and "(mục II.1 của kế hoạch)" in t for t in part_one)


def test_proper_names_keep_their_capitals(review: Review) -> None:
    body = "\n".join(_body(review))
    assert "Về ủy ban" not in body and "Về ban Tuyên giáo" not in body
    assert "Về Ủy ban MTTQ và các đoàn thể" in body
    assert "Về Ban Tuyên giáo Thành ủy" in body
    assert lower_first("Ban Tuyên giáo Thành ủy") == "Ban Tuyên giáo Thành ủy"
    assert lower_first("Ủy ban MTTQ và các đoàn thể") == "Ủy ban MTTQ và các đoàn thể"
    assert lower_first("Ban hành chương trình") == "ban hành chương trình"
    assert lower_first("Tuyên truyền, quán triệt") == "tuyên truyền, quán triệt"


def test_the_opening_sentence_does_not_repeat_itself(review: Review) -> None:
    intro = next(t for t in _body(review) if t.startswith("Thực hiện "))
    assert intro.count("sơ kết") == 1, intro
    assert "từ ngày 01/01/2020 đến ngày 31/03/2025" in intro


def test_figures_are_like_with_like_and_say_whose(review: Review) -> None:
    body = _body(review)
    budget = next(t for t in body if "Chi ngân sách cho khoa học và công nghệ (" in t)
    # A sum over 2020–Q1/2025 is set against the five-year target, never the one-year one.
    assert "cộng dồn từ 01/01/2020 đến 31/03/2025" in budget
    assert "mục tiêu giai đoạn 2021 - 2025" in budget and "mục tiêu năm 2025" not in budget
    assert budget.startswith("Ủy ban nhân dân thành phố Đà Lạt — ")
    ward = next(t for t in body if "Lượt người tham dự tuyên truyền" in t)
    assert ward.startswith("Đảng bộ Phường 1 — ")
    lead = body[body.index(ward) - 1]
    assert "số liệu riêng của từng đơn vị" in lead
    for row in review.annexes["indicators"]:
        assert row["unit"] or row["level"] == "reported"


def test_signer_name_line_and_separate_approver(review: Review, demo: Any) -> None:
    doc = open_docx(io.BytesIO(export(review, "docx", final=True)))
    signature = doc.tables[1].rows[0].cells[1].text
    assert "PHÓ BÍ THƯ" in signature and "Đặng Quang Vinh" in signature
    assert review.approved_by == demo.user("lanhdao") and review.created_by != review.approved_by


def test_xlsx_annex_numbers_are_numbers(review: Review) -> None:
    book = load_workbook(io.BytesIO(export(review, "xlsx", final=True)))
    sheet = book["Chi tieu"]
    header = [c.value for c in sheet[3]]
    done = header.index("Thực hiện")
    rows = [r for r in sheet.iter_rows(min_row=4) if r[0].value == "NS-KHCN"]
    cell = rows[0][done]
    assert cell.data_type == "n" and isinstance(cell.value, float)
    assert cell.number_format == "#,##0.00"
    rate = rows[0][header.index("Tỷ lệ đạt")]
    assert rate.data_type == "n" and rate.number_format == "0.0%"
