"""Rule-based parser for Vietnamese administrative documents.

Every regular expression here is linear (no nested unbounded quantifiers) and is
applied to single lines or bounded windows, so parsing time grows linearly with
the input.  See ``bench/gold/README.md`` for the conventions (what a heading, a
task path, a recipient ... is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import DocumentError
from .model import ParsedDocument, Reference, Section, Signer, Task
from .text import collapse_ws, fold, nfc
from .units import looks_like_unit, split_units

MAX_CHARS = 2_000_000

# ----------------------------------------------------------------------------
# kinds

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

_UP = "A-ZĐĂÂÊÔƠƯ"
# number/symbol of a cited document.  Party style: 20-NQ/TW, State style: 2556/QĐ-UBND,
# 12/2017/QH14, 88/NQ-CP.  Single optional spaces around separators are tolerated.
_SYMBOL_RE = re.compile(
    rf"(?<![\w/.:+-])(\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?)"
    rf"(?:(?P<party> ?- ?[{_UP}][{_UP}a-z]{{0,6}} ?/ ?[{_UP}][{_UP}A-Za-z0-9]{{0,12}})"
    rf"|(?P<state>(?: ?/ ?\d{{4}})? ?/ ?[{_UP}][{_UP}a-z0-9&]{{0,12}}(?:(?: ?- ?"
    rf"|/)[{_UP}0-9][{_UP}a-z0-9&]{{0,12}}){{0,3}}))"
    rf"(?![\w])"
)

# ----------------------------------------------------------------------------
# line model


@dataclass
class _Line:
    raw: str  # tabs expanded, markdown stripped, right-stripped
    text: str  # stripped
    indent: int
    idx: int


_MD_STRIP_RE = re.compile(r"\*\*|__|`{3,}")
_MD_HEAD_RE = re.compile(r"^\s{0,6}(?:#{1,6}\s+|>\s?)")
_MD_BULLET_RE = re.compile(r"^(\s*)[*•●▪]\s+")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _prepare(text: str) -> list[_Line]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    text = _BR_RE.sub("\n", text)
    out: list[_Line] = []
    for raw in text.split("\n"):
        raw = raw.expandtabs(4).rstrip()
        if _TABLE_SEP_RE.match(raw):
            raw = ""
        raw = _MD_HEAD_RE.sub("", raw)
        raw = _MD_STRIP_RE.sub("", raw)
        raw = _MD_BULLET_RE.sub(r"\1- ", raw)
        st = raw.strip()
        # *italic* wrappers
        if len(st) > 2 and st.startswith("*") and st.endswith("*") and not st.startswith("* "):
            st = st.strip("*").strip()
        if st in ("*", "* *"):
            st = "*"
        indent = len(raw) - len(raw.lstrip(" "))
        out.append(_Line(raw, st, indent, len(out)))
    return out


_GAP_RE = re.compile(r" {4,}|\t")


def _segments(s: str) -> list[str]:
    """Split a physical line into cells: markdown/pipe cells, then layout gaps."""
    cells = [c for c in s.split("|")] if "|" in s else [s]
    out: list[str] = []
    for c in cells:
        for seg in _GAP_RE.split(c):
            seg = seg.strip()
            if seg:
                out.append(seg)
    return out


# ----------------------------------------------------------------------------
# header

_MOTTO_RE = re.compile(
    r"(CỘNG\s*H[OÒ]À?\s*X[AÃ]\s*HỘI|C[ỘO]NG H[OÒ]A|Độc\s*lập\s*[-–]|ĐỘC LẬP|ĐẢNG\s+CỘNG\s+SẢN|"
    r"Đảng Cộng sản Việt Nam)",
)
_SO_RE = re.compile(
    r"(?:^|[\s|>(])Số\s*:?\s*(?P<num>[0-9IlO][0-9IlO ]{0,6})?\s*(?P<sep>[/-])\s*"
    rf"(?P<sym>[{_UP}0-9][{_UP}A-Za-z0-9&.]*(?:\s?[-/]\s?[{_UP}0-9][{_UP}A-Za-z0-9&]*)*)"
)
_PLACE_DATE_RE = re.compile(
    r"(?P<place>[^\W\d_][\w .]{0,40}?)\s*,\s*ngày\s*(?P<d>[0-9][0-9 ]{0,3})?"
    r"\s*tháng\s*(?P<m>[0-9][0-9 ]{0,3})?"
    r"\s*năm\s*(?P<y>\d{4})",
)
_LOCALITY_RE = re.compile(r"^(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b")
_AUTHORITY_RE = re.compile(
    r"^(CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|CHÍNH PHỦ|ỦY BAN|UỶ BAN|HỘI ĐỒNG|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|"
    r"GIÁM ĐỐC|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG)\b"
)
_BODY_START_RE = re.compile(
    r"^(Căn cứ|Thực hiện|Kính gửi|Xét |Theo |Để |Trong |Nhằm |Ngày \d|Trả lời|Sau khi|Qua "
    r"|Hiện nay|"
    r"Tiếp |Vừa qua|Nhận được|Bộ |Sở |Ủy ban|UBND|Văn phòng)"
)
_VV_RE = re.compile(r"\bV/v\s*:?\s*", re.IGNORECASE)


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(1 for c in letters if c.isupper()) / len(letters) >= 0.8


def _kind_of_line(s: str) -> str | None:
    """If the line is a document-kind line ("KẾ HOẠCH", "QUYẾT ĐỊNH" ...) return the kind."""
    if (
        not s
        or len(s) > 60
        or not _is_upper(s.split(" ")[0] + " " + (s.split(" ")[1] if " " in s else ""))
    ):
        return None
    f = fold(s).rstrip(" :.")
    for prefix, kind in _KINDS:
        if f == prefix or (f.startswith(prefix + " ") and _is_upper(s)):
            return kind
    return None


def _clean_header_piece(s: str) -> str:
    s = re.sub(r"-{2,}|_{2,}|={2,}", " ", s)
    s = s.replace("*", " ")
    return collapse_ws(s).strip(" -_")


def _ocr_digits(num: str) -> str:
    num = num.replace(" ", "")
    if re.fullmatch(r"[0-9IlO]+", num) and not re.fullmatch(r"[0-9]+", num):
        num = num.replace("I", "1").replace("l", "1").replace("O", "0")
    return num


def _iso(d: str | None, m: str | None, y: str | None) -> str | None:
    if not (d and m and y):
        return None
    try:
        di, mi, yi = int(d.replace(" ", "")), int(m.replace(" ", "")), int(y)
    except ValueError:
        return None
    if not (1 <= di <= 31 and 1 <= mi <= 12 and 1900 <= yi <= 2100):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


@dataclass
class _Header:
    issuer: str | None = None
    number_symbol: str | None = None
    place: str | None = None
    date: str | None = None
    kind: str | None = None
    kind_line: int | None = None
    title: str | None = None
    body_start: int = 0


def _parse_header(lines: list[_Line]) -> _Header:
    h = _Header()
    n = len(lines)
    # header region: until the first body-looking line (bounded)
    limit = min(n, 80)
    region_end = limit
    seen_nonblank = 0
    for ln in lines[:limit]:
        if not ln.text:
            continue
        seen_nonblank += 1
        if seen_nonblank > 3 and (_BODY_START_RE.match(ln.text) or _SECTION_RE.match(ln.text)):
            region_end = ln.idx
            break
    region = lines[:region_end]

    # kind line
    for ln in region:
        if _SO_RE.search(ln.text) or _MOTTO_RE.search(ln.text):
            continue
        k = _kind_of_line(ln.text)
        if k:
            h.kind, h.kind_line = k, ln.idx
            break

    # number symbol
    so_line: int | None = None
    for ln in region:
        m = _SO_RE.search(ln.text)
        if m:
            num = _ocr_digits(m.group("num") or "")
            sym = re.sub(r"\s+", "", m.group("sym")).rstrip(".")
            h.number_symbol = f"{num}{m.group('sep')}{sym}"
            so_line = ln.idx
            break

    # place/date
    for ln in region[: (h.kind_line or region_end) + 1]:
        for seg in _segments(ln.text) + [ln.text]:
            m = _PLACE_DATE_RE.search(seg)
            if m:
                place = collapse_ws(m.group("place"))
                toks = place.split(" ")
                while len(toks) > 1 and (
                    toks[0].isupper() and len(toks[0]) >= 2 or not toks[0][:1].isalpha()
                ):
                    toks = toks[1:]
                h.place = " ".join(toks) or None
                h.date = _iso(m.group("d"), m.group("m"), m.group("y"))
                break
        if h.place:
            break

    # issuer pieces: upper-case pieces before the "Số" line / kind line
    stop = min(x for x in (so_line, h.kind_line, region_end) if x is not None)
    if so_line is not None and h.kind_line is not None:
        stop = min(so_line, h.kind_line)
    groups: list[str] = []
    for ln in lines[: stop + 1]:
        if not ln.text:
            continue
        for seg in _segments(ln.raw):
            if ln.idx == stop:
                # the "Số" line may carry the issuer on the left (e.g. "SỞ X Số: ...") - ignore
                break
            mm = _MOTTO_RE.search(seg)
            if mm:
                seg = seg[: mm.start()]
            seg = _clean_header_piece(seg)
            if not seg or not _is_upper(seg) or _SO_RE.search(seg) or _kind_of_line(seg):
                continue
            if re.match(r"^(ĐẾN|V/V)", seg) or (
                re.match(r"^SỐ\b", seg) and not (groups and groups[-1].endswith("QUYẾT ĐỊNH"))
            ):
                continue
            if groups and _LOCALITY_RE.match(seg):
                groups[-1] = groups[-1] + " " + seg
            elif groups and re.match(r"^THEO\b", seg):
                groups[-1] = groups[-1] + " " + seg
            elif groups and re.match(r"^SỐ\b", seg) and groups[-1].endswith("QUYẾT ĐỊNH"):
                groups[-1] = groups[-1] + " " + seg
            else:
                groups.append(seg)
    if groups:
        h.issuer = groups[-1]
    single_group = len(groups) == 1

    # title
    title_lines: list[str] = []
    if h.kind_line is not None:
        started = False
        upper_title = False
        j = h.kind_line + 1
        while j < n and len(title_lines) < 12:
            t = lines[j].text
            if not t:
                if started:
                    break
                j += 1
                continue
            if (
                started
                and re.match(r"^(Căn cứ|Thực hiện|Kính gửi|Xét đề nghị|Theo đề nghị|Trả lời)", t)
                or re.match(r"^(Kính gửi|\(Kèm theo|Số\s*:)", t)
                or _SECTION_RE.match(t)
                or re.match(r"^-{3,}", t)
            ):
                break
            if started and upper_title and not _is_upper(t):
                break
            if (
                started
                and _is_upper(t)
                and (not upper_title or _AUTHORITY_RE.match(t))
                and len(t) < 90
            ):
                break
            if (
                not started
                and _AUTHORITY_RE.match(t)
                and len(t) < 90
                and h.issuer
                and fold(t).endswith(fold(h.issuer))
            ):
                break
            if not started:
                upper_title = _is_upper(t)
            started = True
            title_lines.append(t)
            j += 1
        h.body_start = j
        if title_lines:
            h.title = collapse_ws(" ".join(title_lines))
        # authority line right after the title may spell the issuer fully
        while j < n and not lines[j].text:
            j += 1
        if j < n and h.issuer and _is_upper(lines[j].text) and len(lines[j].text) < 100:
            auth = collapse_ws(lines[j].text)
            body = re.sub(r"^(CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|CỤC TRƯỞNG|TRƯỞNG BAN)\s+", "", auth)
            fi, fb = fold(h.issuer).replace(" ", ""), fold(body).replace(" ", "")
            if fi == fb or (single_group and fb.startswith(fi) and len(fb) > len(fi)):
                h.issuer = body
    # Công văn: V/v subject
    if h.kind is None:
        for ln in region:
            m = _VV_RE.search(ln.text)
            if not m:
                continue
            parts: list[str] = []
            first = ln.text[m.end() :]
            first = re.split(r"\s*\|\s*| {4,}", first)[0]
            parts.append(first)
            j = ln.idx + 1
            if "|" not in ln.text[m.end() :] or ln.text.rstrip().endswith("|"):
                while j < n and len(parts) < 10:
                    raw = lines[j].raw
                    t = lines[j].text
                    if (
                        not t
                        or re.match(r"^(Kính gửi|Căn cứ|Thực hiện|Số\s*:)", t)
                        or t.startswith(">")
                    ):
                        break
                    seg = re.split(r"\s*\|\s*| {4,}", raw.strip())[0]
                    if _PLACE_DATE_RE.search(seg):
                        break
                    parts.append(seg)
                    if "|" in raw:
                        break
                    j += 1
            title = collapse_ws(" ".join(parts)).strip(" |")
            if title:
                h.kind = "Công văn"
                h.title = title
                h.body_start = max(h.body_start, j)
            break
    if h.kind is None and h.number_symbol:
        h.kind = _kind_from_symbol(h.number_symbol)
    return h


def _kind_from_symbol(sym: str) -> str | None:
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


# ----------------------------------------------------------------------------
# paragraphs and sections

_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
    "XVI": 16,
    "XVII": 17,
    "XVIII": 18,
    "XIX": 19,
    "XX": 20,
}
_LETTERS = "abcdđeghiklmnopqrstuvxy"

_SECTION_RE = re.compile(
    r"^(?:"
    r"(?P<part>(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVX]{1,6}|\d{1,2}))\b\s*[.:\-–]?\s*(?P<part_h>.*)"
    r"|(?P<art>(?:Điều|ĐIỀU)\s+\d{1,3})\s*[.:]?\s*(?P<art_h>.*)"
    r"|(?P<roman>[IVX]{1,6})\s*[.)]\s*(?P<roman_h>\S.*)"
    r"|(?P<cap>[A-HJ-UWYZ])\.\s+(?P<cap_h>\S.{2,})"
    r"|(?P<dec>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<dec_h>\S.*)"
    r"|(?P<num>\d{1,2})\s*[.)](?!\d)\s*(?P<num_h>.*)"
    r"|(?P<let>[a-zđ])\s*\)\s*(?P<let_h>.*)"
    r"|(?P<let2>[a-zđ])\.\s+(?P<let2_h>\S.*)"
    r")$"
)
_BULLET_RE = re.compile(r"^[-+–•]\s*\S")


@dataclass
class _Para:
    text: str
    line: int
    table: bool = False


def _build_paragraphs(lines: list[_Line], start: int, skip: set[int]) -> list[_Para]:
    body = [ln for ln in lines[start:] if ln.idx not in skip]
    nonblank = [ln for ln in body if ln.text]
    if not nonblank:
        return []
    # hard-wrapped (PDF layout) documents: many lines continue with a lower-case word
    lower_starts = sum(1 for ln in nonblank if ln.text[:1].islower())
    wrapped = lower_starts >= max(3, len(nonblank) // 8)
    indents = sorted(ln.indent for ln in nonblank)
    base = indents[len(indents) // 4]
    widths = sorted(len(ln.raw) for ln in nonblank)
    width = widths[(len(widths) * 4) // 5]
    short_prev = False
    paras: list[_Para] = []
    blank_before = False
    for ln in body:
        t = ln.text
        if not t:
            blank_before = True
            continue
        is_table = "|" in t and t.count("|") >= 1 and not t.startswith("-")
        marker = bool(_SECTION_RE.match(t) or _BULLET_RE.match(t))
        join = False
        if paras and not is_table and not paras[-1].table and not marker:
            prev = paras[-1].text
            prev_end = prev[-1:]
            if t[:1].islower() and prev_end not in ".:;!?" and (not blank_before or len(prev) > 40):
                join = True
            elif (
                wrapped
                and not blank_before
                and not short_prev
                and prev_end not in '.:;!?”")'
                and ln.indent <= base + 1
            ):
                join = True
            elif wrapped and not blank_before and ln.indent <= base + 1 and t[:1].islower():
                join = True
        if join:
            sep = "" if paras[-1].text.endswith("-") and not paras[-1].text.endswith(" -") else " "
            paras[-1].text = paras[-1].text + sep + t
        else:
            paras.append(_Para(t, ln.idx, is_table))
        blank_before = False
        short_prev = wrapped and len(ln.raw) < 0.6 * width
    return paras


_SENT_END_RE = re.compile(r"(?<!\b[A-ZĐa-z])[.](?=\s+[\"“(]?[A-ZĐÀ-Ỹ0-9]|\s*$|\s*/\.)|:|\./\.")


_ABBREVIATIONS = frozenset(
    "Ông Bà ông bà TP Tp TS ThS PGS GS BS KS CN Q P TT St Th đ/c Đ/c v.v".split()
)


def heading_of(text: str) -> str:
    """Heading convention: the text up to the first ":" or sentence end, at most 200 chars."""
    t = collapse_ws(text.replace("*", " "))
    for m in _SENT_END_RE.finditer(t):
        if m.group(0) == ".":
            word = t[: m.start()].rsplit(" ", 1)[-1]
            if word in _ABBREVIATIONS:
                continue
        t = t[: m.start()]
        break
    t = t.strip(" .;:,")
    if len(t) > 200:
        cut = t.rfind(" ", 0, 200)
        t = t[: cut if cut > 100 else 200].rstrip(" ,;")
    return t


def _rank_and_label(m: re.Match[str]) -> tuple[int, str, str, int]:
    """rank, label, heading text, ordinal."""
    if m.group("part"):
        p = m.group("part")
        word, val = p.split()[0], p.split()[-1]
        rank = 0 if fold(word) == "phan" else 1
        if fold(word) == "muc":
            rank = 1
        ordv = _ROMAN.get(val, 0) or (int(val) if val.isdigit() else 0)
        return rank, word.capitalize() + " " + val, m.group("part_h"), ordv
    if m.group("cap"):
        # "A. MỤC ĐÍCH, YÊU CẦU" / "B. NỘI DUNG ..." - top-level parts (heading in capitals)
        c = m.group("cap")
        ok = _is_upper(m.group("cap_h"))
        return 0, c, m.group("cap_h"), (ord(c) - ord("A") + 1) if ok else 0
    if m.group("art"):
        num = m.group("art").split()[-1]
        return 2, "Điều " + num, m.group("art_h"), int(num)
    if m.group("roman"):
        r = m.group("roman")
        return 2, r, m.group("roman_h"), _ROMAN.get(r, 0)
    if m.group("dec"):
        d = m.group("dec")
        return 3 + d.count("."), d, m.group("dec_h"), int(d.split(".")[-1])
    if m.group("num"):
        return 3, m.group("num"), m.group("num_h"), int(m.group("num"))
    letter = m.group("let") or m.group("let2")
    head = m.group("let_h") if m.group("let") else m.group("let2_h")
    return 7, letter, head or "", (_LETTERS.index(letter) + 1) if letter in _LETTERS else 0


_APPENDIX_RE = re.compile(r"^(?:Phụ lục|PHỤ LỤC|Phụ Lục)\b(?!\s+(?:kèm theo|này|đính kèm))")


def _quote_state(text: str, left: int, starts: bool) -> int:
    """Track multi-paragraph quotations (a quoted law after "... quy định:"): returns how many
    paragraphs the quotation may still span."""
    opens = text.count("“")
    closes = text.count("”")
    straight = text.count('"')
    if left > 0:
        if closes > opens or straight % 2 == 1:
            return 0
        return left - 1
    if starts and (opens > closes or straight % 2 == 1):
        return 25
    return 0


def _build_sections(paras: list[_Para]) -> list[Section]:
    root = Section("", "", rank=-1)
    stack: list[Section] = [root]
    # last ordinal per (parent id, rank)
    last: dict[tuple[int, int], int] = {}
    cur: Section | None = None
    i = 0
    quote_left = 0  # paragraphs still inside a quotation (quoted laws are not structure)
    while i < len(paras):
        p = paras[i]
        if _APPENDIX_RE.match(p.text) or (
            _is_upper(p.text)
            and len(p.text) < 400
            and not _kind_of_line(p.text)
            and not (i > 0 and _kind_of_line(paras[i - 1].text))
            and i + 1 < len(paras)
            and re.match(r"^\((?:Kèm theo|kèm theo|Ban hành kèm theo)", paras[i + 1].text)
        ):
            break
        prev_text = paras[i - 1].text if i > 0 else ""
        starts_quote = p.text[:1] in '“"' and prev_text.rstrip().endswith(":")
        in_quote = quote_left > 0 or starts_quote
        quote_left = _quote_state(p.text, quote_left, starts_quote)
        m = None if p.table else _SECTION_RE.match(p.text)
        accepted = False
        if m:
            rank, label, head, ordv = _rank_and_label(m)
            if ordv > 0:
                # find the parent this item would attach to
                depth = len(stack)
                while depth > 1 and stack[depth - 1].rank >= rank:
                    depth -= 1
                parent = stack[depth - 1]
                prev = last.get((id(parent), rank), 0)
                ok = (
                    ordv == 1 or ordv == prev + 1 or (rank == 7 and prev == 4 and ordv == 6)
                )  # d -> e (no đ)
                if not ok and prev == 0 and rank <= 2 and (m.group("art") or _is_upper(head)):
                    ok = True  # a document (or an excerpt) may start at "III." / "Điều 5."
                if in_quote and not (prev > 0 and ordv == prev + 1):
                    ok = False  # inside a quoted law only a continuation of our own list counts
                if rank >= 4 and m.group("dec"):
                    # "1.2" must continue "1.1" or sit under arabic "1"
                    prefix = label.rsplit(".", 1)[0]
                    ok = ok and (parent.label == prefix or prev > 0)
                if rank == 7 and m.group("let2") and parent.rank < 3:
                    ok = ok and ordv == prev + 1 and prev > 0
                if ok:
                    accepted = True
                    del stack[depth:]
                    head = head.strip()
                    if (
                        not head
                        and rank <= 2
                        and i + 1 < len(paras)
                        and _is_upper(paras[i + 1].text)
                        and len(paras[i + 1].text) < 200
                        and not _SECTION_RE.match(paras[i + 1].text)
                    ):
                        i += 1
                        head = paras[i].text
                    sec = Section(label, heading_of(head), rank=rank, text=collapse_ws(head))
                    parent.children.append(sec)
                    last[(id(parent), rank)] = ordv
                    # a higher level resets deeper counters implicitly (new parent id)
                    stack.append(sec)
                    cur = sec
        if not accepted and cur is not None and len(cur.text) < 12000:
            cur.text = (cur.text + "\n" + p.text) if cur.text else p.text
        i += 1
    _assign_paths(root.children, "")
    return root.children


def _assign_paths(secs: list[Section], prefix: str, parent_label: str = "") -> None:
    for s in secs:
        comp = s.label.replace(" ", "")
        if "." in s.label and parent_label and s.label.rsplit(".", 1)[0] == parent_label:
            comp = s.label.rsplit(".", 1)[1]
        s.path = f"{prefix}.{comp}" if prefix else comp
        _assign_paths(s.children, s.path, s.label)


# ----------------------------------------------------------------------------
# recipients and signer

_NOI_NHAN_RE = re.compile(r"N[ơo]i\s*nh[ậa]n\s*:?", re.IGNORECASE)
_NAME_RE = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]*){1,5}$")
_SIGN_TITLE_RE = re.compile(
    r"^(KT\.?|TM\.?|T/M\.?|TL\.?|TUQ\.?|Q\.|PHÓ|CHỦ|BỘ|THỦ|GIÁM|BÍ THƯ|TRƯỞNG|CỤC|CHÁNH)"
)


def _split_recipient_cell(s: str) -> list[str]:
    s = collapse_ws(s)
    items = re.split(r"(?:(?<=[;,.)])|^)\s*-\s+", s)
    return [x for x in items if x.strip()]


def _clean_recipient(s: str) -> str:
    s = collapse_ws(s)
    s = re.sub(r"^[-+*•\s]+", "", s)
    s = re.sub(r";\s*\(", " (", s)
    return s.strip(" ;,.")


def _parse_signer(parts: list[str]) -> Signer:
    titles: list[str] = []
    name: str | None = None
    for p in parts:
        p = collapse_ws(p.replace("*", " "))
        if not p or re.match(r"^\(.*\)$", p) or re.match(r"^\(?(Đã ký|Ký|đã ký)", p):
            continue
        if _is_upper(p) and name is None:
            if re.match(r"^(NƠI NHẬN|PHỤ LỤC)", p):
                break
            titles.append(p)
        elif titles and _NAME_RE.match(p):
            name = p
            break
        elif titles:
            # free text after the title: stop
            if len(p) > 40:
                break
    if not titles:
        return Signer()
    return Signer(" ".join(titles), name)


@dataclass
class _Tail:
    recipients: list[str]
    signer: Signer
    skip: set[int]


def _parse_tail(lines: list[_Line]) -> _Tail:
    n = len(lines)
    start = None
    for ln in lines:
        if _NOI_NHAN_RE.match(ln.text.lstrip("|* ")):
            start = ln.idx
            break
    if start is None:
        return _Tail([], Signer(), set())
    skip: set[int] = {start}
    recipients: list[str] = []
    signer_parts: list[str] = []
    first = lines[start]
    after = _NOI_NHAN_RE.split(first.text, maxsplit=1)[1] if _NOI_NHAN_RE.search(first.text) else ""
    cells0 = [c.strip() for c in after.split("|")]
    if first.text.lstrip().startswith("|") and cells0[0].strip(" *"):
        cells = cells0
        recipients = [_clean_recipient(x) for x in _split_recipient_cell(cells[0])]
        signer_parts = [c for c in cells[1:] if c]
        k = start + 1
        while not signer_parts and k < min(n, start + 4):
            if lines[k].text.startswith("|"):
                signer_parts = [c for c in _cells(lines[k].text) if c]
            k += 1
        # markdown cell: the signer cell is one string: split title/name
        if signer_parts:
            sp = collapse_ws(" ".join(signer_parts))
            m = re.search(r"([A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,5})\s*$", sp)
            if m and _is_upper(sp[: m.start()]):
                signer_parts = [sp[: m.start()], m.group(1)]
            else:
                signer_parts = [sp]
        recipients = [r for r in recipients if r]
        return _Tail(recipients, _parse_signer(signer_parts), skip)
    # line mode
    segs_first = _segments(first.raw)
    rest_first = [s for s in segs_first if not _NOI_NHAN_RE.match(s)]
    pending = []
    for s in rest_first:
        s2 = _NOI_NHAN_RE.sub("", s).strip()
        if not s2:
            continue
        if s2[:1] in "-+*•":
            pending.append(s2)
        else:
            signer_parts.append(s2)
    for s in pending:
        recipients.append(s)
    in_signer_cell = False
    blank_run = 0
    j = start + 1
    while j < n and j < start + 80:
        ln = lines[j]
        if not ln.text:
            blank_run += 1
            if recipients and blank_run >= 1:
                # a blank ends the list unless the next non-blank line is another item
                k = j + 1
                while k < n and not lines[k].text:
                    k += 1
                if (
                    k >= n
                    or not _segments(lines[k].raw)
                    or _segments(lines[k].raw)[0][:1] not in "-+*•"
                ):
                    j += 1
                    break
            j += 1
            continue
        blank_run = 0
        if re.match(r"^(Phụ lục|PHỤ LỤC)", ln.text):
            break
        skip.add(j)
        if in_signer_cell:
            signer_parts.append(ln.text)
            j += 1
            continue
        raw = ln.raw.strip()
        if raw.startswith("|"):
            raw = raw[1:]
        if "|" in raw:
            left, right = raw.split("|", 1)
            for seg in _segments(left)[:1]:
                if seg[:1] in "-+*•" or (recipients and not _is_upper(seg)):
                    _add_recipient_piece(recipients, seg)
                else:
                    signer_parts.append(seg)
            signer_parts.extend(_segments(right))
            in_signer_cell = bool(recipients)
            j += 1
            continue
        segs = _segments(raw) if ln.indent < 30 else _segments(ln.raw)
        if ln.indent >= 30 and segs:
            signer_parts.extend(segs)
            j += 1
            continue
        for k, seg in enumerate(segs):
            if k == 0 and (seg[:1] in "-+*•" or (recipients and not _is_upper(seg))):
                _add_recipient_piece(recipients, seg)
            elif k == 0 and not recipients:
                if _is_upper(seg):
                    signer_parts.append(seg)
                else:
                    _add_recipient_piece(recipients, seg)
            else:
                if k == 0 and _is_upper(seg):
                    in_signer_cell = True
                signer_parts.append(seg)
        j += 1
    # signer lines that follow the list (e.g. "T/M ĐẢNG ĐOÀN" after a blank line)
    k = j
    extra = 0
    while k < n and extra < 12:
        t = lines[k].text
        if t:
            if re.match(r"^(Phụ lục|PHỤ LỤC)", t) or _kind_of_line(t):
                break
            segs = _segments(lines[k].raw)
            if len(t) > 80 and not _is_upper(t):
                break
            signer_parts.extend(segs)
            skip.add(k)
            extra += 1
            if _NAME_RE.match(t):
                break
        k += 1
    recipients = [_clean_recipient(r) for r in recipients]
    recipients = [r for r in recipients if r]
    return _Tail(recipients, _parse_signer(signer_parts), skip)


def _add_recipient_piece(recipients: list[str], seg: str) -> None:
    seg = seg.strip()
    if not seg:
        return
    if seg[:1] in "-+*•":
        recipients.append(seg)
    elif recipients and recipients[-1].rstrip()[-1:] not in ";.":
        recipients[-1] = recipients[-1] + " " + seg
    elif recipients:
        recipients.append(seg)
    else:
        recipients.append(seg)


# ----------------------------------------------------------------------------
# references

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
    k = _kind_from_symbol(code_sym)
    return None if k == "Công văn" else k


def _norm_symbol(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _extract_references(text: str, own: str | None) -> list[Reference]:
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
                r.date = _iso(dm.group(1), dm.group(2), dm.group(3))
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


# ----------------------------------------------------------------------------
# tasks

_TASK_ROOT_RE = re.compile(
    r"nhiem vu|giai phap|to chuc thuc hien|phan cong|trach nhiem|cac hoat dong|noi dung thuc hien|"
    r"nhiem vu trong tam|de xuat|kien nghi"
)
_VERB_STOP_RE = re.compile(
    r"(?<!Ban )(?<!ban )\b(?:chủ trì|chịu trách nhiệm|có trách nhiệm|là cơ quan|phối hợp|chỉ đạo|"
    r"(?<!các )(?<!Các )(?<!quan, )tổ chức(?! chính trị| cơ sở| xã hội| đoàn thể| hội)|triển khai"
    r"|xây dựng|thực hiện|hướng dẫn|"
    r"tham mưu|rà soát|theo dõi|tuyên truyền|đôn đốc|nghiên cứu|đề xuất|tiến hành|tổng hợp"
    r"|báo cáo|đánh giá|"
    r"trình|ban hành|phổ biến|quán triệt|xử lý|giám sát|bảo đảm|đảm bảo|tăng cường|đẩy mạnh"
    r"|hoàn thành|"
    r"căn cứ|thẩm định|phê duyệt|tiếp tục|khẩn trương|chủ động|thường xuyên|định kỳ|kịp thời|cần"
    r"|phải|"
    r"lập|cấp(?! xã| tỉnh| huyện| thành phố| ủy| uỷ| trên| dưới| cơ sở| có thẩm quyền| trung ương"
    r"| quận| phường| bộ)|bố trí|quan tâm|nắm|ưu tiên|huy động|kiểm tra"
    r"|thanh tra(?= việc| các| định)|giúp|hỗ trợ|"
    r"nâng cao|vận động|bổ sung|cụ thể hóa|kiện toàn|sửa đổi|ký|rà|để|nhằm|trong(?! và ngoài"
    r"| nước| tỉnh| ngành)|về việc|"
    r"tập trung|phát động|cung cấp|thông tin|công bố|đăng|tiếp nhận|quản lý)\b"
)
_COOP_RE = re.compile(r"[pP]hối hợp(?:\s+(?:chặt chẽ\s+)?(?:với|cùng))?\s+")
_LEAD_PREFIX_RE = re.compile(
    r"^(?:Đề nghị|Giao|Yêu cầu|Giao cho|Đề nghị các|Hằng năm,|Hàng năm,|Định kỳ,)\s+", re.IGNORECASE
)


def _units_before_stop(s: str) -> list[str]:
    s = s.strip()
    if not s:
        return []
    m = _VERB_STOP_RE.search(s[0].lower() + s[1:])
    if m and m.start() == 0:
        return []  # the item starts with a verb: no subject
    subj = s[: m.start()] if m else ""
    subj = subj.strip(" ,;:")
    if not subj or len(subj) > 300 or not looks_like_unit(subj):
        return []
    return split_units(subj)


def _subject_units(before: str) -> list[str]:
    """Units named before "chủ trì"/"có trách nhiệm": the clause after the last verb, else the
    text before the first verb ("Trên cơ sở ..., căn cứ chức năng, Bộ trưởng, ... có trách
    nhiệm")."""
    if not before:
        return []
    stops = list(_VERB_STOP_RE.finditer(before))
    if not stops:
        return split_units(before) if looks_like_unit(before) else []
    after = before[stops[-1].end() :].strip(" ,;:")
    units = split_units(after) if after else []
    if units:
        return units
    return _units_before_stop(before + " x")


def _task_units(heading: str, text: str) -> tuple[list[str], list[str]]:
    body = collapse_ws(text)
    body_nolead = _LEAD_PREFIX_RE.sub("", body)
    lead: list[str] = []
    coop: list[str] = []
    heading_is_unit = (
        bool(heading)
        and len(heading) < 150
        and looks_like_unit(_LEAD_PREFIX_RE.sub("", heading))
        and not _VERB_STOP_RE.search(heading)
    )
    if heading_is_unit:
        lead = split_units(_LEAD_PREFIX_RE.sub("", heading))
    else:
        m = re.search(r"\b(?:chủ trì|chịu trách nhiệm|có trách nhiệm)\b", body_nolead)
        if m and m.start() < 400:
            before = body_nolead[: m.start()].strip(" ,;:")
            before = re.sub(r"\s*(?:là cơ quan|làm)$", "", before)
            lead = _subject_units(before)
        if not lead:
            lead = _units_before_stop(body_nolead)
    for cm in _COOP_RE.finditer(body_nolead[:8000]):
        rest = body_nolead[cm.end() : cm.end() + 400]
        stop = _VERB_STOP_RE.search(rest)
        seg = rest[: stop.start()] if stop else rest[:200]
        seg = re.split(r"[.:;(]", seg)[0]
        for u in split_units(seg):
            if u not in coop and u not in lead:
                coop.append(u)
    return lead, coop


_FREQ = [
    (re.compile(r"\b(?:hằng|hàng)\s+năm\b|\bmỗi năm\b", re.IGNORECASE), "yearly"),
    (re.compile(r"\b(?:hằng|hàng)\s+quý\b|\bmỗi quý\b", re.IGNORECASE), "quarterly"),
    (re.compile(r"\b6\s+tháng\b|\bsáu tháng\b", re.IGNORECASE), "half-yearly"),
    (re.compile(r"\b(?:hằng|hàng)\s+tháng\b", re.IGNORECASE), "monthly"),
    (re.compile(r"\bđịnh kỳ\b", re.IGNORECASE), "periodic"),
    (re.compile(r"\bthường xuyên\b", re.IGNORECASE), "continuous"),
]


def _frequency(text: str) -> str | None:
    for pat, code in _FREQ:
        if pat.search(text):
            return code
    return None


_DEADLINE_RES = [
    re.compile(
        r"(?:trước|chậm nhất|hạn chót"
        r"|hoàn thành trong)\s+(?:ngày\s+)?(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})"
    ),
    re.compile(r"(?:trước|chậm nhất)\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"),
]


def _deadline(text: str, column: bool = False) -> str | None:
    t = collapse_ws(text)
    for rx in _DEADLINE_RES:
        m = rx.search(t)
        if m:
            return _iso(m.group(1), m.group(2), m.group(3))
    m = re.search(r"(?:trước|chậm nhất)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\b", t)
    if m:
        return f"{int(m.group(1)):02d}/{int(m.group(2)):02d}"
    m = re.search(r"\b(Quý\s+[IV]{1,3}(?:\s*,\s*[IV]{1,3})*\s*(?:/|năm)\s*\d{4})", t, re.IGNORECASE)
    if m:
        q = collapse_ws(m.group(1)).replace(" năm ", "/")
        return "Quý" + q[3:].upper()
    m = re.search(r"(?:đến|trước|trong)\s+năm\s+(\d{4})", t)
    if m:
        return m.group(1)
    if column:
        m = re.search(r"\b(\d{4})\s*[-–]\s*(\d{4})\b", t)
        if m:
            return f"{m.group(1)}-{m.group(2)}"
        m = re.search(r"\b(?:năm\s+)?(\d{4})\b", t)
        if m:
            return m.group(1)
        if re.search(r"\b(?:hằng|hàng)\s+năm\b", t, re.IGNORECASE):
            return "Hằng năm"
    return None


def _own_units(sec: Section) -> tuple[list[str], list[str]]:
    return _task_units(sec.heading, collapse_ws(sec.text))


def _extract_tasks(sections: list[Section]) -> list[Task]:
    """Tasks are the leaf items below a task root ("NHIỆM VỤ", "GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN").

    A leaf without its own lead inherits the lead of its nearest ancestor item
    whose heading names a unit (e.g. "1. Bộ Kế hoạch và Đầu tư:" -> a), b) ...)
    or of a "Giao X ...:" sentence introducing the list.
    """
    tasks: list[Task] = []

    def emit(sec: Section, inherited: list[str]) -> None:
        if sec.children:
            lead, _coop = _own_units(sec) if sec.rank > 2 else ([], [])
            if sec.rank <= 2:
                intro = collapse_ws(
                    sec.text[len(sec.heading) :] if sec.text.startswith(sec.heading) else sec.text
                )
                if re.match(r"^(?:Giao|Giao cho)\s", intro):
                    lead = _task_units("", intro)[0]
            for c in sec.children:
                emit(c, lead or inherited)
            return
        text = collapse_ws(sec.text)
        lead, coop = _own_units(sec)
        if not lead:
            lead = list(inherited)
        tasks.append(
            Task(
                path=sec.path,
                text=text[:1000],
                lead=lead,
                cooperating=coop,
                deadline=_deadline(text),
                frequency=_frequency(text),
            )
        )

    def walk(secs: list[Section]) -> None:
        for s in secs:
            if s.rank <= 2 and _TASK_ROOT_RE.search(fold(s.heading)) and s.children:
                emit(s, [])
            else:
                walk(s.children)

    walk(sections)
    return tasks


def _table_tasks(lines: list[_Line]) -> list[Task]:
    tasks: list[Task] = []
    k = 0
    i = 0
    n = len(lines)
    while i < n:
        t = lines[i].text
        if "|" in t and re.search(r"chu tri", fold(t)):
            markdown = t.strip().startswith("|")
            cells = [fold(c) for c in _cells(t, markdown)]
            col = {"lead": -1, "coop": -1, "time": -1, "content": -1, "stt": -1}
            for ci, c in enumerate(cells):
                if "chu tri" in c and col["lead"] < 0:
                    col["lead"] = ci
                elif "phoi hop" in c and col["coop"] < 0:
                    col["coop"] = ci
                elif re.search(r"thoi gian|thoi han|tien do|hoan thanh", c) and col["time"] < 0:
                    col["time"] = ci
                elif re.search(r"noi dung|nhiem vu|cong viec|ten", c) and col["content"] < 0:
                    col["content"] = ci
                elif c in ("tt", "stt", "so tt") and col["stt"] < 0:
                    col["stt"] = ci
            if col["stt"] < 0:
                col["stt"] = 0
            if col["content"] < 0:
                col["content"] = 1
            k += 1
            row = 0
            i += 1
            while i < n and ("|" in lines[i].text or not lines[i].text):
                if not lines[i].text:
                    if i + 1 < n and "|" in lines[i + 1].text:
                        i += 1
                        continue
                    break
                cs = _cells(lines[i].text, markdown)
                if len(cs) < 3 or all(
                    re.fullmatch(r"\(?\d+\)?", c.strip()) or not c.strip() for c in cs
                ):
                    i += 1
                    continue
                row += 1
                stt = cs[col["stt"]].strip().rstrip(".") if col["stt"] < len(cs) else ""
                label = stt if re.fullmatch(r"\d{1,3}|[IVX]{1,5}|[a-zđ]", stt) else f"r{row}"

                def cell(key: str, cs: list[str] = cs, col: dict[str, int] = col) -> str:
                    ci = col[key]
                    return cs[ci].strip() if 0 <= ci < len(cs) else ""

                content = cell("content")
                time_s = cell("time")
                tasks.append(
                    Task(
                        path=f"T{k}.{label}",
                        text=collapse_ws(content)[:1000],
                        lead=split_units(cell("lead")),
                        cooperating=split_units(cell("coop")),
                        deadline=_deadline(time_s, column=True) if time_s else _deadline(content),
                        frequency=_frequency(time_s + " " + content),
                    )
                )
                i += 1
            continue
        i += 1
    return tasks


def _cells(t: str, markdown: bool = True) -> list[str]:
    """Cells of a pipe-table row.

    ``markdown`` rows start with "|"; otherwise a leading "|" means an empty first cell.
    """
    t = t.strip()
    if t.startswith("|") and markdown:
        t = t[1:]
    if t.endswith("|"):
        t = t[:-1]
    return [c.strip() for c in t.split("|")]


# ----------------------------------------------------------------------------
# body issuer fallback

_BODY_ISSUER_RE = re.compile(
    r"(?:^|[,.;:”\"]\s*)((?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Chỉ đạo|Ủy ban nhân dân"
    r"|Uỷ ban nhân dân|UBND|"
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|Đảng đoàn|Ban cán sự|Bộ"
    r"|Sở|Chính phủ)"
    r"[^,.;:\n]{0,80}?)\s+(?:xây dựng và\s+)?ban hành\s+(?:Kế hoạch|Chương trình|Nghị quyết"
    r"|Chỉ thị|Kết luận|"
    r"Quyết định|Hướng dẫn|Quy định|Đề án)"
)


def parse_text(text: str) -> ParsedDocument:
    """Parse the plain text of an administrative document."""
    if not isinstance(text, str):
        raise DocumentError("Dữ liệu đầu vào không phải là văn bản.")
    if len(text) > MAX_CHARS:
        raise DocumentError(
            f"Văn bản quá dài ({len(text):,} ký tự); giới hạn là {MAX_CHARS:,} ký tự.".replace(
                ",", "."
            )
        )
    lines = _prepare(text)
    doc = ParsedDocument()
    h = _parse_header(lines)
    doc.kind, doc.number_symbol, doc.place, doc.date, doc.title = (
        h.kind,
        h.number_symbol,
        h.place,
        h.date,
        h.title,
    )
    doc.issuer = h.issuer
    if doc.issuer is None:
        m = _BODY_ISSUER_RE.search(collapse_ws(text[:5000]))
        if m:
            doc.issuer = collapse_ws(m.group(1))
    tail = _parse_tail(lines)
    doc.recipients = tail.recipients
    doc.signer = tail.signer
    paras = _build_paragraphs(lines, h.body_start, tail.skip)
    doc.sections = _build_sections(paras)
    doc.references = _extract_references(text, doc.number_symbol)
    doc.tasks = _extract_tasks(doc.sections) + _table_tasks(lines)
    return doc
