"""The header block of an administrative document: issuer, number/symbol, place and date, kind,
title.

A Vietnamese administrative document opens with a fixed block (Nghị định 30/2020/NĐ-CP; Party
documents follow Hướng dẫn 36-HD/VPTW the same way): on the left the issuing body in capitals
("ỦY BAN NHÂN DÂN / TỈNH LÀO CAI", optionally under its parent body) and the number/symbol
("Số: 134/KH-UBND"); on the right the national motto or "ĐẢNG CỘNG SẢN VIỆT NAM" and
"<place>, ngày d tháng m năm yyyy"; then, centred, the kind line ("KẾ HOẠCH") and the title
below it — or, for a Công văn, a "V/v ..." subject under the number instead. The block ends at
the first line that reads like body text ("Căn cứ ...", "Thực hiện ...", a numbered heading).

This module reads that block and returns where the body starts, plus the fallback issuer for a
text whose header block is missing ("<body> ban hành Kế hoạch ..." in the first paragraphs).
The conventions (what counts as the issuer of a two-level header, how blank-numbered drafts are
written) are in ``bench/gold/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import gazetteer
from .body import SECTION_RE
from .kinds import UPPER, kind_from_symbol, kind_of_line
from .layout import Line, line_segments
from .text import collapse_ws, fold, is_upper, iso_date
from .units import looks_like_unit

_MOTTO_RE = re.compile(
    r"(CỘNG\s*H[OÒ]À?\s*X[AÃ]\s*HỘI|C[ỘO]NG H[OÒ]A|Độc\s*lập\s*[-–]|ĐỘC LẬP|ĐẢNG\s+CỘNG\s+SẢN|"
    r"Đảng Cộng sản Việt Nam)",
)
_SO_RE = re.compile(
    r"(?:^|[\s|>(])Số\s*:?\s*(?P<num>[0-9IlO][0-9IlO ]{0,6})?\s*(?P<sep>[/-])\s*"
    rf"(?P<sym>[{UPPER}0-9][{UPPER}A-Za-z0-9&.]*(?:\s?[-/]\s?[{UPPER}0-9][{UPPER}A-Za-z0-9&]*)*)"
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

# the sentence that names the issuer when the header block is missing (the seed plan)
_BODY_ISSUER_RE = re.compile(
    r"(?:^|[,.;:”\"]\s*)((?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Chỉ đạo|Ủy ban nhân dân"
    r"|Uỷ ban nhân dân|UBND|"
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|Đảng đoàn|Ban cán sự|Bộ"
    r"|Sở|Chính phủ)"
    r"[^,.;:\n]{0,80}?)\s+(?:xây dựng và\s+)?ban hành\s+(?:Kế hoạch|Chương trình|Nghị quyết"
    r"|Chỉ thị|Kết luận|"
    r"Quyết định|Hướng dẫn|Quy định|Đề án)"
)


@dataclass
class Header:
    issuer: str | None = None
    number_symbol: str | None = None
    place: str | None = None
    date: str | None = None
    kind: str | None = None
    kind_line: int | None = None
    title: str | None = None
    body_start: int = 0


def parse_header(lines: list[Line]) -> Header:
    """Read the header block; ``body_start`` is the index of the first line after the title."""
    h = Header()
    region_end = _header_end(lines)
    region = lines[:region_end]
    h.kind, h.kind_line = _kind_line(region)
    h.number_symbol, so_line = _number_symbol(region)
    _read_place_date(h, region[: (h.kind_line or region_end) + 1])

    # issuer pieces: upper-case pieces before the "Số" line / kind line
    stop = min(x for x in (so_line, h.kind_line, region_end) if x is not None)
    if so_line is not None and h.kind_line is not None:
        stop = min(so_line, h.kind_line)
    groups = _issuer_groups(lines, stop)
    # the issuer is the last group that names a body: never an urgency mark, a kind line or a
    # body sentence in capitals; a line carrying parent and issuer keeps the issuer
    groups = [gazetteer.respace(g) for g in groups]  # "ỦY B AN NHÂN D Â N ..." (OCR spacing)
    bodies = [g for g in groups if looks_like_unit(g) or gazetteer.is_known(g)]
    if bodies:
        h.issuer = gazetteer.respace(gazetteer.issuer_of_line(bodies[-1]))
    elif groups and len(groups[-1]) <= 120:
        h.issuer = groups[-1]

    if h.kind_line is not None:
        _read_title(h, lines, h.kind_line, single_group=len(groups) == 1)
    if h.kind is None:
        _read_subject(h, lines, region)
    if h.kind is None and h.number_symbol:
        h.kind = kind_from_symbol(h.number_symbol)
    return h


def issuer_from_body(text: str) -> str | None:
    """Issuer named by the body ("Ban Thường vụ Thành ủy ... ban hành Kế hoạch") when the
    header block is missing."""
    m = _BODY_ISSUER_RE.search(collapse_ws(text[:5000]))
    return collapse_ws(m.group(1)) if m else None


def _header_end(lines: list[Line]) -> int:
    """Header region: until the first body-looking line (bounded)."""
    limit = min(len(lines), 80)
    seen_nonblank = 0
    for ln in lines[:limit]:
        if not ln.text:
            continue
        seen_nonblank += 1
        if seen_nonblank > 3 and (_BODY_START_RE.match(ln.text) or SECTION_RE.match(ln.text)):
            return ln.idx
    return limit


def _kind_line(region: list[Line]) -> tuple[str | None, int | None]:
    for ln in region:
        if _SO_RE.search(ln.text) or _MOTTO_RE.search(ln.text):
            continue
        k = kind_of_line(ln.text)
        if k:
            return k, ln.idx
    return None, None


def _number_symbol(region: list[Line]) -> tuple[str | None, int | None]:
    """The "Số: ..." line: number/symbol with spaces removed and OCR digits repaired."""
    for ln in region:
        m = _SO_RE.search(ln.text)
        if m:
            num = _ocr_digits(m.group("num") or "")
            sym = re.sub(r"\s+", "", m.group("sym")).rstrip(".")
            return f"{num}{m.group('sep')}{sym}", ln.idx
    return None, None


def _ocr_digits(num: str) -> str:
    num = num.replace(" ", "")
    if re.fullmatch(r"[0-9IlO]+", num) and not re.fullmatch(r"[0-9]+", num):
        num = num.replace("I", "1").replace("l", "1").replace("O", "0")
    return num


def _read_place_date(h: Header, region: list[Line]) -> None:
    """Place and date ("<place>, ngày d tháng m năm yyyy", right column) above the kind line."""
    for ln in region:
        for seg in line_segments(ln.text) + [ln.text]:
            m = _PLACE_DATE_RE.search(seg)
            if m:
                place = collapse_ws(m.group("place"))
                toks = place.split(" ")
                while len(toks) > 1 and (
                    toks[0].isupper() and len(toks[0]) >= 2 or not toks[0][:1].isalpha()
                ):
                    toks = toks[1:]
                h.place = " ".join(toks) or None
                h.date = iso_date(m.group("d"), m.group("m"), m.group("y"))
                break
        if h.place:
            break


def _clean_header_piece(s: str) -> str:
    s = re.sub(r"-{2,}|_{2,}|={2,}", " ", s)
    s = s.replace("*", " ")
    return collapse_ws(s).strip(" -_")


def _issuer_groups(lines: list[Line], stop: int) -> list[str]:
    """Names in the left column above line ``stop``, the lines of one name joined; the last
    group is the issuing body (the first may be its parent body)."""
    groups: list[str] = []
    prev_idx = -2
    for ln in lines[: stop + 1]:
        if not ln.text:
            continue
        for seg in line_segments(ln.raw):
            if ln.idx == stop:
                # the "Số" line may carry the issuer on the left (e.g. "SỞ X Số: ...") - ignore
                break
            mm = _MOTTO_RE.search(seg)
            if mm:
                seg = seg[: mm.start()]
            seg = _clean_header_piece(seg)
            if not seg or not is_upper(seg) or _SO_RE.search(seg) or kind_of_line(seg):
                continue
            if _URGENCY_RE.match(seg):
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
            elif (
                groups
                and prev_idx == ln.idx - 1
                and _open_name(groups[-1])
                and not looks_like_unit(seg)
            ):
                # a name over several lines ("BAN CHỈ ĐẠO" / "PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ," /
                # "ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"): the lower line does not open a new body
                groups[-1] = groups[-1] + " " + seg
            else:
                groups.append(seg)
            prev_idx = ln.idx
    return groups


_URGENCY_RE = re.compile(r"^(?:HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN|MẬT|TUYỆT MẬT|TỐI MẬT)\b")
# a header name still open: it ends with a comma, a joining word or a name head on its own
_OPEN_NAME_RE = re.compile(
    r"(?:,|\bVÀ|\bVỀ|\bCỦA|\bPHÁT TRIỂN|^BAN CHỈ ĐẠO|^HỘI ĐỒNG|^ỦY BAN|^UỶ BAN|^BAN)$"
)


def _open_name(group: str) -> bool:
    return bool(_OPEN_NAME_RE.search(group.strip())) or group.startswith("BAN CHỈ ĐẠO")


def _read_title(h: Header, lines: list[Line], kind_line: int, single_group: bool) -> None:
    """Title lines under the kind line; the authority line after them ("CHỦ TỊCH ỦY BAN NHÂN
    DÂN TỈNH ...") may spell the issuer more fully than the header block."""
    n = len(lines)
    title_lines: list[str] = []
    started = False
    upper_title = False
    j = kind_line + 1
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
            or SECTION_RE.match(t)
            or re.match(r"^-{3,}", t)
        ):
            break
        if started and upper_title and not is_upper(t):
            break
        if started and is_upper(t) and (not upper_title or _AUTHORITY_RE.match(t)) and len(t) < 90:
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
            upper_title = is_upper(t)
        started = True
        title_lines.append(t)
        j += 1
    h.body_start = j
    if title_lines:
        h.title = collapse_ws(" ".join(title_lines))
    # authority line right after the title may spell the issuer fully
    while j < n and not lines[j].text:
        j += 1
    if j < n and h.issuer and is_upper(lines[j].text) and len(lines[j].text) < 100:
        # "THỦ TƯỚNG CHÍNH PHỦ điện:" (a Công điện's authority line) names the body without "điện"
        auth = re.sub(r"\s+(?:điện|ĐIỆN)\s*:?$|\s*:$", "", collapse_ws(lines[j].text))
        body = re.sub(r"^(CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|CỤC TRƯỞNG|TRƯỞNG BAN)\s+", "", auth)
        fi, fb = fold(h.issuer).replace(" ", ""), fold(body).replace(" ", "")
        if fi == fb or (single_group and fb.startswith(fi) and len(fb) > len(fi)):
            h.issuer = body


def _read_subject(h: Header, lines: list[Line], region: list[Line]) -> None:
    """Công văn (official letter): no kind line, the "V/v ..." subject under the number is the
    title; it may wrap over several lines of the left column."""
    n = len(lines)
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
