"""Legacy encodings (TCVN3/ABC, VNI-Windows) and Unicode normalisation."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from docparse.encoding import (
    TCVN3_TO_UNICODE,
    UNICODE_TO_TCVN3,
    fix_legacy_vietnamese,
    unicode_to_tcvn3,
    unicode_to_vni,
)


def _lower_toned_capitals(text: str) -> str:
    """TCVN3 has no code for capital toned letters: they come back lower-case."""
    return "".join(
        ch.lower() if ch not in UNICODE_TO_TCVN3 and ch.lower() in UNICODE_TO_TCVN3 else ch
        for ch in text
    )


def test_known_examples() -> None:
    assert fix_legacy_vietnamese(
        "ViÖt Nam, Céng hoµ x· héi chñ nghÜa, thùc hiÖn c¸c nhiÖm vô cña tØnh"
    )[0] == ("Việt Nam, Cộng hoà xã hội chủ nghĩa, thực hiện các nhiệm vụ của tỉnh")
    assert fix_legacy_vietnamese(
        "Vieät Nam, Coäng hoøa xaõ hoäi chuû nghóa, thöïc hieän caùc nhieäm vuï cuûa tænh"
    )[0] == ("Việt Nam, Cộng hòa xã hội chủ nghĩa, thực hiện các nhiệm vụ của tỉnh")


def test_tcvn3_roundtrip_seed(seed_text: str) -> None:
    legacy = unicode_to_tcvn3(seed_text)
    out, kind = fix_legacy_vietnamese(legacy)
    assert kind == "TCVN3"
    assert out == _lower_toned_capitals(unicodedata.normalize("NFC", seed_text))


def test_vni_roundtrip_seed(seed_text: str) -> None:
    out, kind = fix_legacy_vietnamese(unicode_to_vni(seed_text))
    assert kind == "VNI"
    assert out == unicodedata.normalize("NFC", seed_text)


def test_tables_are_bijective() -> None:
    assert len(set(TCVN3_TO_UNICODE.values())) == len(TCVN3_TO_UNICODE)
    every = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
    assert unicode_to_tcvn3(every) != every
    assert fix_legacy_vietnamese(unicode_to_vni(every + " " + every.upper() + " của các được"))[
        0
    ] == (every + " " + every.upper() + " của các được")


def test_unicode_is_never_converted(corpus_files: list[Path]) -> None:
    for f in corpus_files:
        text = f.read_text(encoding="utf-8")
        out, kind = fix_legacy_vietnamese(text)
        assert kind is None, f.name
        assert out == unicodedata.normalize("NFC", text)


def test_seed_unicode_not_converted(seed_text: str) -> None:
    assert fix_legacy_vietnamese(seed_text)[1] is None


def test_nfd_input_is_composed() -> None:
    s = "Kế hoạch số 101-KH/TU của Tỉnh ủy"
    out, kind = fix_legacy_vietnamese(unicodedata.normalize("NFD", s))
    assert out == s and kind is None


def test_short_or_ascii_text_untouched() -> None:
    for s in ["", "abc", "Résumé café", "ñ ö ø"]:
        assert fix_legacy_vietnamese(s)[1] is None
