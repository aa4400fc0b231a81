"""Name comparison of the duplicate warnings (``core.duplicates``)."""

from __future__ import annotations

import pytest

from core.duplicates import name_key, near_identical

LEGAL = frozenset({"cong", "ty", "tnhh"})


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Công ty TNHH Hoa Cao Nguyên Xanh", "Cong ty TNHH Hoa Cao Nguyen Xanh."),
        ("ĐẶNG VĂN ĐỨC", "dang van duc"),
        ("Hội chợ  Hoa - Đà Lạt", "hoi cho hoa da lat"),
        ("Lễ hội Hoa Đà Lạt", "Đà Lạt Lễ hội Hoa"),  # the same words in another order
        ("Nguyễn Thị Minh Khai", "Nguyen Thi Minh Khải"),
        ("Cà phê Cầu Đất Đà Lạt", "Cà phê Cầu Đất Đà Lạ"),  # one letter left out
    ],
)
def test_near_identical_names_fold_diacritics_case_spacing_and_punctuation(a, b):
    assert near_identical(name_key(a, LEGAL), name_key(b, LEGAL))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cà phê Cầu Đất", "Chè Cầu Đất"),
        ("Nguyễn Văn An", "Trần Văn Bình"),
        ("Công ty TNHH Hoa Lan", "Công ty TNHH Rau Sạch"),
        ("", "Hoa"),
    ],
)
def test_different_names_are_not_near_identical(a, b):
    assert not near_identical(name_key(a, LEGAL), name_key(b, LEGAL))


def test_the_legal_form_is_left_out_of_the_key():
    assert name_key("CÔNG TY TNHH Hoa Xanh.", LEGAL) == "hoa xanh"
