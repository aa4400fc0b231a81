"""Normalisation before parsing: each step on its own, then through parse_text."""

from __future__ import annotations

import pytest

from docparse import parse_text
from docparse.normalize import (
    join_spaced_letters,
    normalize_text,
    repair_labels,
    segment_syllables,
    unescape_markdown,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (r"Nghị quyết số 20\-NQ/TW", "Nghị quyết số 20-NQ/TW"),
        (r"1\. Mục tiêu \(chung\)", "1. Mục tiêu (chung)"),
        (r"\*\*không đậm\*\* và \#1", "**không đậm** và #1"),
        ("[Quyết định 12/QĐ-UBND](https://example.vn/a)", "Quyết định 12/QĐ-UBND"),
        ("Sở KH&amp;CN&nbsp;tỉnh", "Sở KH&CN tỉnh"),
        (r"ô \| ô", "ô / ô"),
        ("không có gì để sửa", "không có gì để sửa"),
        ("ỦY BAN NHÂN DÂN\\\nTỈNH LÂM ĐỒNG\\ ", "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"),
    ],
)
def test_unescape_markdown(raw: str, clean: str) -> None:
    assert unescape_markdown(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("B Ộ T À I CHÍNH", "BỘ TÀI CHÍNH"),
        ("Ủ Y B A N N H Â N D Â N", "ỦY BAN NHÂN DÂN"),
        ("C Ộ N G H Ò A X Ã H Ộ I", "CỘNG HÒA XÃ HỘI"),
        ("Q U Y Ế T Đ Ị N H", "QUYẾT ĐỊNH"),
        ("T R Ư Ờ N G  N G H Ệ A N", "TRƯỜNG  NGHỆ AN"),
        ("B Ộ  T À I  C H Í N H", "BỘ  TÀI  CHÍNH"),
        # ordinary text: single letters that are not a spaced word stay as they are
        ("các mục a, b và c", "các mục a, b và c"),
        ("Mục a b c d", "Mục a b c d"),
        ("x y z", "x y z"),
        ("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ],
)
def test_join_spaced_letters(raw: str, clean: str) -> None:
    assert join_spaced_letters(raw) == clean


def test_segment_syllables_prefers_onsets_and_refuses_non_syllables() -> None:
    assert segment_syllables("BỘTÀI") == ["BỘ", "TÀI"]
    assert segment_syllables("NGHỆAN") == ["NGHỆ", "AN"]
    assert segment_syllables("XYZ") is None
    assert segment_syllables("") is None


def test_repair_roman_labels_only_among_roman_headings() -> None:
    text = "1- MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. NỘI DUNG\nHI- TỔ CHỨC THỰC HIỆN\n1V- KINH PHÍ"
    assert repair_labels(text).split("\n") == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "II. NỘI DUNG",
        "III. TỔ CHỨC THỰC HIỆN",
        "IV. KINH PHÍ",
    ]
    # without a genuine Roman heading, "1-" is an arabic item and stays
    assert repair_labels("1- MỤC ĐÍCH\n2- NỘI DUNG") == "1- MỤC ĐÍCH\n2- NỘI DUNG"
    # "1." among Roman headings is a sub-item, never a Roman numeral
    assert repair_labels("I. MỤC ĐÍCH\n1. MỤC TIÊU") == "I. MỤC ĐÍCH\n1. MỤC TIÊU"


def test_repair_letter_labels() -> None:
    text = "8) Việc một\nb) Việc hai\nc) Việc ba\nđ) Việc bốn\nd) Việc năm"
    assert repair_labels(text).split("\n") == [
        "a) Việc một",
        "b) Việc hai",
        "c) Việc ba",
        "d) Việc bốn",
        "đ) Việc năm",
    ]
    # "8)" without a following "b)" is a number, not a letter
    assert repair_labels("8) tám\n9) chín") == "8) tám\n9) chín"


def test_markdown_export_parses_like_plain_text() -> None:
    text = (
        "**ỦY BAN NHÂN DÂN**\n**TỈNH LÂM ĐỒNG**\nSố: 12/KH\\-UBND\n\n# KẾ HOẠCH\n"
        "Thực hiện Nghị quyết số 57\\-NQ/TW\n\nCăn cứ Nghị quyết số 57\\-NQ/TW;\n\n"
        "## I\\. MỤC ĐÍCH\n1\\. Nâng cao năng lực.\n"
    )
    d = parse_text(text)
    assert d.number_symbol == "12/KH-UBND"
    assert [r.number_symbol for r in d.references] == ["57-NQ/TW"]
    assert [s.label for s in d.sections] == ["I"]
    assert d.sections[0].children[0].heading == "Nâng cao năng lực"


def test_ocr_spaced_header_parses() -> None:
    d = parse_text("B Ộ T À I CHÍNH\nSố: 12/BTC-KH\nV/v kiểm tra\n\nNội dung.\n")
    assert d.issuer == "BỘ TÀI CHÍNH"


def test_normalize_text_is_idempotent_on_clean_text() -> None:
    clean = "I. MỤC ĐÍCH\n1. Bảo đảm\na) Một\nb) Hai"
    assert normalize_text(clean) == clean
    assert normalize_text(normalize_text(r"20\-NQ/TW")) == "20-NQ/TW"


def test_html_left_by_converters_becomes_lines_and_pipe_rows() -> None:
    from docparse.normalize import strip_html

    assert strip_html("<p>a <strong>b</strong></p><ul><li>x</li></ul>") == "\na b\n\n\n- x\n"
    assert strip_html("không có thẻ < 5") == "không có thẻ < 5"
    text = (
        "<p><strong>ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG</strong></p><p>Số: 12/KH-UBND</p>"
        "<h1>KẾ HOẠCH</h1><p>Chuyển đổi số</p>\n<p>I. NHIỆM VỤ</p>\n<table><tr><th>STT</th>"
        "<th>Nội dung</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th></tr>\n"
        "<tr><td>1</td><td>Việc một</td><td>Sở Tài chính</td><td>Sở Y tế</td></tr>"
        "<tr><td>2</td><td>Việc hai</td><td>Sở Nội vụ</td><td></td></tr></table>"
    )
    d = parse_text(text)
    assert (d.issuer, d.number_symbol, d.kind) == (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "12/KH-UBND",
        "Kế hoạch",
    )
    assert [(t.path, t.lead, t.cooperating) for t in d.tasks] == [
        ("T1.1", ["Sở Tài chính"], ["Sở Y tế"]),
        ("T1.2", ["Sở Nội vụ"], []),
    ]
