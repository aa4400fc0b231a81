"""The body of an administrative document: paragraphs, numbered sections and their headings.

Between the header block and the signature block, a plan or decision is structured by numbered
headings: "Phần I" / "A. MỤC ĐÍCH, YÊU CẦU" / "Chương II" / "Mục 1", then "Điều 5." or Roman
"I.", then "1.", "1.1", and letters "a)" / "a." in Vietnamese order (no f, j, w, z; "đ" may be
skipped). Dash and plus items are not sections. This module first rebuilds paragraphs (PDF text is
hard-wrapped, so wrapped lines are joined back), then nests the numbered paragraphs into a
``Section`` tree, accepting a number only when it continues the list it would join — which keeps
numbered lines inside a quoted law or a table from being taken for structure. The body
stops at an appendix ("Phụ lục ..." or a new document "(Kèm theo ...)"). The exact conventions
(levels, paths such as "II.1.a", headings) are in ``bench/gold/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import kind_of_line
from .layout import Line
from .model import Section
from .text import collapse_ws, fold, is_upper

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

SECTION_RE = re.compile(
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
class Para:
    text: str
    line: int
    table: bool = False


def build_paragraphs(lines: list[Line], start: int, skip: set[int]) -> list[Para]:
    """Logical paragraphs of the body from line ``start``, leaving out the ``skip`` lines (the
    signature block); table rows stay one paragraph each."""
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
    paras: list[Para] = []
    blank_before = False
    for ln in body:
        t = ln.text
        if not t:
            blank_before = True
            continue
        is_table = "|" in t and t.count("|") >= 1 and not t.startswith("-")
        marker = bool(SECTION_RE.match(t) or _BULLET_RE.match(t))
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
            paras.append(Para(t, ln.idx, is_table))
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
        ok = is_upper(m.group("cap_h"))
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


def build_sections(paras: list[Para]) -> list[Section]:
    """Nest the numbered paragraphs into sections; other paragraphs become the current
    section's text."""
    root = Section("", "", rank=-1)
    stack: list[Section] = [root]
    # last ordinal per (parent id, rank)
    last: dict[tuple[int, int], int] = {}
    runs: dict[int, int] = {}  # letter-list run number per parent (restarts)
    cur: Section | None = None
    i = 0
    quote_left = 0  # paragraphs still inside a quotation (quoted laws are not structure)
    while i < len(paras):
        p = paras[i]
        if _APPENDIX_RE.match(p.text) or (
            is_upper(p.text)
            and len(p.text) < 400
            and not kind_of_line(p.text)
            and not (i > 0 and kind_of_line(paras[i - 1].text))
            and i + 1 < len(paras)
            and re.match(r"^\((?:Kèm theo|kèm theo|Ban hành kèm theo)", paras[i + 1].text)
        ):
            break
        prev_text = paras[i - 1].text if i > 0 else ""
        starts_quote = p.text[:1] in '“"' and prev_text.rstrip().endswith(":")
        in_quote = quote_left > 0 or starts_quote
        quote_left = _quote_state(p.text, quote_left, starts_quote)
        m = None if p.table else SECTION_RE.match(p.text)
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
                if not ok and prev == 0 and rank <= 2 and (m.group("art") or is_upper(head)):
                    ok = True  # a document (or an excerpt) may start at "III." / "Điều 5."
                if in_quote and not (prev > 0 and ordv == prev + 1):
                    ok = False  # inside a quoted law only a continuation of our own list counts
                if rank >= 4 and m.group("dec"):
                    # "1.2" must continue "1.1" or sit under arabic "1"
                    prefix = label.rsplit(".", 1)[0]
                    ok = ok and (parent.label == prefix or prev > 0)
                if rank == 7 and m.group("let2") and parent.rank < 3:
                    ok = ok and ordv == prev + 1 and prev > 0
                restart = rank == 7 and ordv == 1 and prev > 0
                if ok:
                    accepted = True
                    if in_quote:
                        # our own list resumed: the quotation ended even if its closing mark
                        # is missing (a typo that would otherwise hide the next 25 paragraphs)
                        quote_left = 0
                    del stack[depth:]
                    head = head.strip()
                    if (
                        not head
                        and rank <= 2
                        and i + 1 < len(paras)
                        and is_upper(paras[i + 1].text)
                        and len(paras[i + 1].text) < 200
                        and not SECTION_RE.match(paras[i + 1].text)
                    ):
                        i += 1
                        head = paras[i].text
                    sec = Section(label, heading_of(head), rank=rank, text=collapse_ws(head))
                    if restart:
                        # a letter list restarting under the same parent (after a dash item
                        # "- Đối với cấp xã:") gets its run number so that paths stay unique
                        runs[id(parent)] = runs.get(id(parent), 1) + 1
                    if rank == 7 and runs.get(id(parent), 1) > 1:
                        sec.comp = f"{label}{runs[id(parent)]}"
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
        comp = s.comp or s.label.replace(" ", "")
        if (
            not s.comp
            and "." in s.label
            and parent_label
            and s.label.rsplit(".", 1)[0] == parent_label
        ):
            comp = s.label.rsplit(".", 1)[1]
        s.path = f"{prefix}.{comp}" if prefix else comp
        _assign_paths(s.children, s.path, s.label)
