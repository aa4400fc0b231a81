"""Documents cited anywhere in the text (văn bản được viện dẫn): kind, number/symbol, date, issuer.

Administrative documents cite their legal basis and related documents by number/symbol in the
preamble ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ"), in the body and in
the recipients. This module scans the whole raw text, line ends flattened so that a symbol broken
over two lines ("NĐ-" / "CP") is rejoined, for Party-style (20-NQ/TW) and State-style
(2556/QĐ-UBND, 12/2017/QH14) symbols; it skips the document's own number and technical standards
(QCVN, TCVN, ISO), and reads the kind word before the symbol and the "ngày ..." / "của ..." after
it. Each symbol is reported once.
"""

from __future__ import annotations

import re

from .kinds import UPPER, kind_from_symbol
from .model import Reference
from .text import collapse_ws, iso_date

# reference kind words as they appear in running text
_REF_KIND_RE = re.compile(
    r"(Chương trình hành động|Thông tư liên tịch|Nghị quyết|Kết luận|Chỉ thị|Quyết định|Kế hoạch|"
    r"Chương trình|Công văn|Văn bản|Thông báo|Hướng dẫn|Quy định|Tờ trình|Thông tư|Nghị định|"
    r"Pháp lệnh|Luật|Quy chế|Đề án|Báo cáo|Công điện|Giấy phép|Hiến pháp|QĐ|NĐ|NQ|CT|TT)\b",
)
_REF_KIND_NORMAL = {
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "Thông tư liên tịch": "Thông tư",
}

# number/symbol of a cited document.  Party style: 20-NQ/TW, State style: 2556/QĐ-UBND,
# 12/2017/QH14, 88/NQ-CP.  Single optional spaces around separators are tolerated.
_SYMBOL_RE = re.compile(
    rf"(?<![\w/.:+-])(\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?)"
    rf"(?:(?P<party> ?- ?[{UPPER}][{UPPER}a-z]{{0,6}} ?/ ?[{UPPER}][{UPPER}A-Za-z0-9]{{0,12}})"
    rf"|(?P<state>(?: ?/ ?\d{{4}})? ?/ ?[{UPPER}][{UPPER}a-z0-9&]{{0,12}}(?:(?: ?- ?"
    rf"|/)[{UPPER}0-9][{UPPER}a-z0-9&]{{0,12}}){{0,3}}))"
    rf"(?![\w])"
)

_DATE_AFTER_RE = re.compile(
    r"^\s*[,;]?\s*(?:ban hành\s+)?(?:ngày|ngay)?\s*(\d{1,2})\s*(?:/|-|\."
    r"|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(\d{4})"
)
_ISSUER_AFTER_RE = re.compile(r"^\s*(?:của|do)\s+([A-ZĐÀ-Ỹ][^,;.()“”\"\n]{1,120})")
_ISSUER_STOP_RE = re.compile(
    r"\s+(?:về|quy định|hướng dẫn|ban hành|phê duyệt|tại|đối với|v/v|thực hiện|triển khai|với|như"
    r"|để|"
    r"sửa đổi|thông qua|gửi|trong|cho|là|đã|năm|ngày|có|và các|đến|từ|theo|nhằm|tiếp tục)\b.*$"
)


def _ref_kind(before: str, code_sym: str) -> str | None:
    window = before[-90:]
    best = None
    for m in _REF_KIND_RE.finditer(window):
        tail = window[m.end() :]
        # kind word must be close, without sentence punctuation in between
        if re.search(r"[;.:]\s", tail) or len(tail) > 70:
            continue
        best = m.group(1)
    if best:
        return _REF_KIND_NORMAL.get(best, best)
    k = kind_from_symbol(code_sym)
    return None if k == "Công văn" else k


def _norm_symbol(s: str) -> str:
    return re.sub(r"\s+", "", s)


def extract_references(text: str, own: str | None) -> list[Reference]:
    """References in ``text`` except ``own`` (the document's number/symbol), in order of first
    mention."""
    refs: dict[str, Reference] = {}
    own_key = _norm_symbol(own).upper() if own else None
    own_sym_key = own_key.lstrip("0123456789") if own_key else None
    flat = text.replace("\n", " ")
    for m in _SYMBOL_RE.finditer(flat):
        sym = _norm_symbol(m.group(0))
        code = re.sub(r"^\d+[a-z]?", "", sym)
        if sum(1 for c in code if c.isupper()) < 2:
            continue
        key = sym.upper()
        if own_key and (
            key == own_key
            or (own_key.startswith(("/", "-")) and key.endswith(own_sym_key or "@@") and False)
        ):
            continue
        before = flat[max(0, m.start() - 120) : m.start()]
        if re.search(r"(?:QCVN|TCVN|ISO)\s*[\dA-Za-z:. ]*$", before):
            continue  # technical standards are not cited documents here
        after = flat[m.end() : m.end() + 200]
        if key in refs:
            r = refs[key]
            if r.number_symbol.isupper() and not sym.isupper():
                r.number_symbol = (
                    sym  # prefer the body spelling ("QĐ-TTg") over an upper-case title
                )
        else:
            r = Reference(kind=_ref_kind(before, sym), number_symbol=sym)
            refs[key] = r
        if r.date is None:
            dm = _DATE_AFTER_RE.match(after)
            if dm:
                r.date = iso_date(dm.group(1), dm.group(2), dm.group(3))
                after_issuer = after[dm.end() :]
            else:
                after_issuer = after
        else:
            after_issuer = after
        if r.issuer is None:
            im = _ISSUER_AFTER_RE.match(after_issuer)
            if im:
                iss = _ISSUER_STOP_RE.sub("", im.group(1)).strip(" -")
                r.issuer = iss or None
        if not r.text:
            ks = before.rfind(r.kind) if r.kind and r.kind in before else -1
            mention = (before[ks:] if ks >= 0 else "") + m.group(0)
            r.text = collapse_ws(mention)[:200]
    return list(refs.values())
