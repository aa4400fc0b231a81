"""The closing block of an administrative document: recipients ("Nơi nhận") and the signer.

After the body, a document ends with two columns side by side: on the left "Nơi nhận:" and the
list of recipients ("- Như Điều 3;", "- Lưu: VT."), on the right the signature block — the
signing capacity and title in capitals ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
often "(Đã ký)", and the signer's name. Extraction flattens the two columns in one of two ways:
a Markdown table row (from DOCX: the recipients in one cell, the signature block in the next) or
layout text (from PDF: each physical line carries a recipient on the left and a piece of the
signature block after a wide gap, or the block is indented far right). This module reads both
and reports which lines it consumed, so that the body does not take them for paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import kind_of_line
from .layout import Line, line_segments, row_cells
from .model import Signer
from .text import collapse_ws, is_upper

_NOI_NHAN_RE = re.compile(r"N[ơo]i\s*nh[ậa]n\s*:?", re.IGNORECASE)
_NAME_RE = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]*){1,5}$")
_ITEM_MARKS = "-+*•"


# where a signature block starts after the last recipient: a capacity mark or two words in capitals
_SIGNATURE_START_RE = re.compile(
    r"(?<=[.;])\s+(?=(?:TM|T/M|KT|Q|TL|TUQ)\.?\s|[A-ZĐÀ-Ỹ]{2,}\s+[A-ZĐÀ-Ỹ]{2,})"
)


@dataclass
class Tail:
    recipients: list[str]
    signer: Signer
    skip: set[int]  # line indexes that belong to the tail, not to the body


def parse_tail(lines: list[Line]) -> Tail:
    """Recipients and signer from the "Nơi nhận" block, if the document has one."""
    start = None
    for ln in lines:
        if _NOI_NHAN_RE.match(ln.text.lstrip("|* ")):
            start = ln.idx
            break
    if start is None:
        return Tail([], Signer(), set())
    first = lines[start]
    after = _NOI_NHAN_RE.split(first.text, maxsplit=1)[1] if _NOI_NHAN_RE.search(first.text) else ""
    cells = [c.strip() for c in after.split("|")]
    if first.text.lstrip().startswith("|") and cells[0].strip(" *"):
        return _tail_from_table_row(lines, start, cells)
    if len(cells) > 1 and re.match(r"^\*?\s*[-+•]\s*\S", cells[0].strip(" *")):
        # a Word table flattened without the leading "|": "Nơi nhận: - A; - B. | TM. ..."
        return _tail_from_table_row(lines, start, cells)
    if len(cells) == 1 and re.match(r"^\*?\s*[-+•]\s*\S.*;", cells[0]):
        # the two cells run together on one line: "Nơi nhận: - A; - Lưu: VT. KT. CHỦ TỊCH ..."
        cut = _SIGNATURE_START_RE.search(cells[0])
        if cut:
            return _tail_from_table_row(
                lines, start, [cells[0][: cut.start()], cells[0][cut.start() :]]
            )
    return _tail_from_layout(lines, start)


def _tail_from_table_row(lines: list[Line], start: int, cells: list[str]) -> Tail:
    """Markdown table: the recipients cell follows "Nơi nhận:", the signer is the next cell (or
    the next row's)."""
    n = len(lines)
    recipients = [_clean_recipient(x) for x in _split_recipient_cell(cells[0])]
    signer_parts = [c for c in cells[1:] if c]
    k = start + 1
    while not signer_parts and k < min(n, start + 4):
        if lines[k].text.startswith("|"):
            signer_parts = [c for c in row_cells(lines[k].text) if c]
        k += 1
    # markdown cell: the signer cell is one string: split title/name
    if signer_parts:
        sp = collapse_ws(" ".join(signer_parts))
        m = re.search(r"([A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,5})\s*$", sp)
        if m and is_upper(sp[: m.start()]):
            signer_parts = [sp[: m.start()], m.group(1)]
        else:
            signer_parts = [sp]
    recipients = [r for r in recipients if r]
    return Tail(recipients, _parse_signer(signer_parts), {start})


def _tail_from_layout(lines: list[Line], start: int) -> Tail:
    """Layout text: recipients on the left of each line, signature pieces right of the gap."""
    skip: set[int] = {start}
    recipients: list[str] = []
    signer_parts: list[str] = []
    rest_first = [s for s in line_segments(lines[start].raw) if not _NOI_NHAN_RE.match(s)]
    pending = []
    for s in rest_first:
        s2 = _NOI_NHAN_RE.sub("", s).strip()
        if not s2:
            continue
        if s2[:1] in _ITEM_MARKS:
            pending.append(s2)
        else:
            signer_parts.append(s2)
    for s in pending:
        recipients.append(s)
    end = _read_columns(lines, start, recipients, signer_parts, skip)
    _read_signer_after(lines, end, signer_parts, skip)
    recipients = [_clean_recipient(r) for r in recipients]
    recipients = [r for r in recipients if r]
    return Tail(recipients, _parse_signer(signer_parts), skip)


def _read_columns(
    lines: list[Line], start: int, recipients: list[str], signer_parts: list[str], skip: set[int]
) -> int:
    """Lines after "Nơi nhận" while the recipient list lasts; returns the first line not read."""
    n = len(lines)
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
                    or not line_segments(lines[k].raw)
                    or line_segments(lines[k].raw)[0][:1] not in _ITEM_MARKS
                ):
                    j += 1
                    break
            j += 1
            continue
        blank_run = 0
        if re.match(r"^(Phụ lục|PHỤ LỤC)", ln.text):
            break
        skip.add(j)
        inner = ln.raw.strip().rstrip("|")  # a closing cell border is not a new cell
        if in_signer_cell and "|" not in inner and ln.text[:1] not in _ITEM_MARKS:
            # the signature cell goes on; a line with a cell border or a dash item is the
            # recipients column again
            signer_parts.append(ln.text)
            j += 1
            continue
        raw = ln.raw.strip()
        if raw.startswith("|"):
            raw = raw[1:]
        if "|" in raw:
            left, right = raw.split("|", 1)
            for seg in line_segments(left)[:1]:
                if seg[:1] in _ITEM_MARKS or (recipients and not is_upper(seg)):
                    _add_recipient_piece(recipients, seg)
                else:
                    signer_parts.append(seg)
            signer_parts.extend(line_segments(right))
            in_signer_cell = bool(recipients)
            j += 1
            continue
        segs = line_segments(raw) if ln.indent < 30 else line_segments(ln.raw)
        if ln.indent >= 30 and segs:
            signer_parts.extend(segs)
            j += 1
            continue
        for k, seg in enumerate(segs):
            if k == 0 and (seg[:1] in _ITEM_MARKS or (recipients and not is_upper(seg))):
                _add_recipient_piece(recipients, seg)
            elif k == 0 and not recipients:
                if is_upper(seg):
                    signer_parts.append(seg)
                else:
                    _add_recipient_piece(recipients, seg)
            else:
                if k == 0 and is_upper(seg):
                    in_signer_cell = True
                signer_parts.append(seg)
        j += 1
    return j


def _read_signer_after(
    lines: list[Line], start: int, signer_parts: list[str], skip: set[int]
) -> None:
    """Signer lines that follow the list (e.g. "T/M ĐẢNG ĐOÀN" after a blank line)."""
    n = len(lines)
    k = start
    extra = 0
    while k < n and extra < 12:
        t = lines[k].text
        if t:
            if re.match(r"^(Phụ lục|PHỤ LỤC)", t) or kind_of_line(t):
                break
            segs = line_segments(lines[k].raw)
            if len(t) > 80 and not is_upper(t):
                break
            signer_parts.extend(segs)
            skip.add(k)
            extra += 1
            if _NAME_RE.match(t):
                break
        k += 1


def _split_recipient_cell(s: str) -> list[str]:
    s = collapse_ws(s)
    items = re.split(r"(?:(?<=[;,.)])|^)\s*-\s+", s)
    return [x for x in items if x.strip()]


def _clean_recipient(s: str) -> str:
    s = collapse_ws(s)
    s = re.sub(r"^[-+*•\s]+", "", s)
    s = re.sub(r";\s*\(", " (", s)
    return s.strip(" ;,.")


def _add_recipient_piece(recipients: list[str], seg: str) -> None:
    """A new item when it starts with a dash, else the continuation of an unfinished one."""
    seg = seg.strip()
    if not seg:
        return
    if seg[:1] in _ITEM_MARKS:
        recipients.append(seg)
    elif recipients and recipients[-1].rstrip()[-1:] not in ";.":
        recipients[-1] = recipients[-1] + " " + seg
    elif recipients:
        recipients.append(seg)
    else:
        recipients.append(seg)


def _parse_signer(parts: list[str]) -> Signer:
    """Capitalised pieces are the title (joined), the first proper name after them the signer."""
    titles: list[str] = []
    name: str | None = None
    for p in parts:
        p = collapse_ws(p.replace("*", " ").replace("|", " "))
        if not p or re.match(r"^\(.*\)$", p) or re.match(r"^\(?(Đã ký|Ký|đã ký)", p):
            continue
        if is_upper(p) and name is None:
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
