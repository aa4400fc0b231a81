"""Property tests: the parser never crashes and stays fast; fold is idempotent."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docparse import DocumentError, parse_text
from docparse.parser import MAX_CHARS
from docparse.text import fold

FRAGMENTS = [
    "I. ",
    "II. ",
    "III. ",
    "1. ",
    "2. ",
    "1.1. ",
    "a) ",
    "b) ",
    "đ) ",
    "- ",
    "+ ",
    "* ",
    "Điều 1. ",
    "Chương II",
    "Phần I",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "V/v ",
    "Số: ",
    "12/KH-UBND",
    "20-NQ/TW",
    "/QĐ-",
    "Nơi nhận:",
    "Kính gửi:",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A",
    "chủ trì",
    "phối hợp với",
    "Sở Tài chính",
    "các ban, ngành",
    "UBND tỉnh",
    "ngày 12 tháng 3 năm 2025",
    "Hà Nội, ",
    "trước ngày 15/12/2025",
    "hằng năm",
    "“",
    "”",
    '"',
    "|",
    " | ",
    "---",
    "**",
    "#",
    "\n",
    "\n\n",
    "    ",
    "\t",
    ":",
    ".",
    ";",
    ",",
    "(",
    ")",
    "TỔ CHỨC THỰC HIỆN",
    "NHIỆM VỤ VÀ GIẢI PHÁP",
    "Phụ lục",
    "ỦY BAN NHÂN DÂN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Thực hiện ",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=300).map(
    "".join
)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(fragment_text)
def test_parse_never_raises_on_fragments(text: str) -> None:
    t0 = time.perf_counter()
    d = parse_text(text)
    assert time.perf_counter() - t0 < 2.0
    d.to_dict()


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=3000))
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    parse_text(text).to_dict()


@settings(database=None)
@given(st.text())
def test_fold_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


def test_oversize_raises_document_error() -> None:
    with pytest.raises(DocumentError) as e:
        parse_text("a" * (MAX_CHARS + 1))
    assert "quá dài" in e.value.message_vi


@pytest.mark.parametrize("unit", ["1. ", "a) ", "- ", "| ", "“", "Số: 1/", "Nơi nhận:\n- "])
def test_pathological_repetition_is_linear(unit: str) -> None:
    text = (unit + "Sở Tài chính, các ban, ngành chủ trì phối hợp với UBND tỉnh ") * 4000
    t0 = time.perf_counter()
    parse_text(text)
    assert time.perf_counter() - t0 < 5.0


def test_whole_corpus_parses_fast(corpus_files: list[Path]) -> None:
    for f in corpus_files:
        text = f.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        d = parse_text(text).to_dict()
        assert time.perf_counter() - t0 < 1.0, f.name
        assert d["kind"] is None or isinstance(d["kind"], str)
