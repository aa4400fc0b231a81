"""Document kinds (loại văn bản) and the type codes inside a number/symbol (số, ký hiệu).

The kind of an administrative document is printed as a capitalised line under the header
("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH HÀNH ĐỘNG") and is also encoded in its number/symbol
("134/KH-UBND": KH = Kế hoạch; Party style "20-NQ/TW": NQ = Nghị quyết). The header reads the
kind line; the body uses it to stop at an appendix that starts a new document; the tail stops the
signature block at it; references name a cited document's kind from its code. So the vocabulary
lives here, once, for all of them.
"""

from __future__ import annotations

import re

from .text import fold, is_upper

# Vietnamese capitals as the body of a regex character class ("[{UPPER}]"): the code letters of a
# number/symbol ("QĐ", "NĐ", "ĐA", ...).
UPPER = "A-ZĐĂÂÊÔƠƯ"

# (folded prefix, canonical kind) - longest first
_KINDS: list[tuple[str, str]] = [
    ("chuong trinh hanh dong", "Chương trình hành động"),
    ("thong tu lien tich", "Thông tư"),
    ("nghi quyet", "Nghị quyết"),
    ("ket luan", "Kết luận"),
    ("chi thi", "Chỉ thị"),
    ("quyet dinh", "Quyết định"),
    ("quyet inh", "Quyết định"),
    ("ke hoach", "Kế hoạch"),
    ("chuong trinh", "Chương trình"),
    ("bao cao", "Báo cáo"),
    ("cong van", "Công văn"),
    ("cong dien", "Công điện"),
    ("thong bao", "Thông báo"),
    ("huong dan", "Hướng dẫn"),
    ("quy dinh", "Quy định"),
    ("to trinh", "Tờ trình"),
    ("thong tu", "Thông tư"),
    ("nghi dinh", "Nghị định"),
    ("quy che", "Quy chế"),
    ("de an", "Đề án"),
    ("luat", "Luật"),
]

# document-type codes inside a number/symbol -> kind
_CODE_KINDS = {
    "KH": "Kế hoạch",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "CTR": "Chương trình",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "QĐi": "Quy định",
    "TTR": "Tờ trình",
    "TT": "Thông tư",
    "TTLT": "Thông tư",
    "NĐ": "Nghị định",
    "QC": "Quy chế",
    "ĐA": "Đề án",
    "CV": "Công văn",
}


def kind_of_line(s: str) -> str | None:
    """If the line is a document-kind line ("KẾ HOẠCH", "QUYẾT ĐỊNH" ...) return the kind."""
    if (
        not s
        or len(s) > 60
        or not is_upper(s.split(" ")[0] + " " + (s.split(" ")[1] if " " in s else ""))
    ):
        return None
    f = fold(s).rstrip(" :.")
    for prefix, kind in _KINDS:
        if f == prefix or (f.startswith(prefix + " ") and is_upper(s)):
            return kind
    return None


def kind_from_symbol(sym: str) -> str | None:
    """Kind from the type code of a number/symbol; any other numbered document is a Công văn."""
    codes = re.split(r"[-/]", sym.upper())
    for c in codes[1:] if sym[:1].isdigit() or sym[:1] in "/-" else codes:
        c = c.strip()
        if c in ("QĐ",):
            return "Quyết định"
        if c in _CODE_KINDS:
            return _CODE_KINDS[c]
        if c == "CTR":
            return "Chương trình"
    return "Công văn" if sym else None
