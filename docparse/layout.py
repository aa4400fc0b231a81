"""Physical layout of a document's text: lines, table cells and column gaps.

Administrative documents reach the parser in three shapes: Markdown from DOCX (``**bold**``,
``#`` headings, ``| pipe | tables |`` with ``---`` separator rows, ``<br>`` inside cells), plain
text from PDF layout extraction (the two-column header block and the signature block become one
physical line with a wide run of spaces between the columns), and hand-typed text. Every other
parser module reads the document through this module's view of it: one ``Line`` per physical line
with the Markdown decoration removed, and helpers that cut a line into its cells (pipe cells first,
then layout gaps of four or more spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import nfc


@dataclass
class Line:
    raw: str  # tabs expanded, markdown stripped, right-stripped
    text: str  # stripped
    indent: int
    idx: int


_MD_STRIP_RE = re.compile(r"\*\*|__|`{3,}")
_MD_HEAD_RE = re.compile(r"^\s{0,6}(?:#{1,6}\s+|>\s?)")
_MD_BULLET_RE = re.compile(r"^(\s*)[*•●▪]\s+")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


def prepare_lines(text: str) -> list[Line]:
    """Normalise the text (NFC, line ends, invisible spaces) and split it into ``Line``s."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    text = _BR_RE.sub("\n", text)
    out: list[Line] = []
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
        out.append(Line(raw, st, indent, len(out)))
    return out


_GAP_RE = re.compile(r" {4,}|\t")


def line_segments(s: str) -> list[str]:
    """Split a physical line into cells: markdown/pipe cells, then layout gaps."""
    cells = [c for c in s.split("|")] if "|" in s else [s]
    out: list[str] = []
    for c in cells:
        for seg in _GAP_RE.split(c):
            seg = seg.strip()
            if seg:
                out.append(seg)
    return out


def row_cells(t: str, markdown: bool = True) -> list[str]:
    """Cells of a pipe-table row.

    ``markdown`` rows start with "|"; otherwise a leading "|" means an empty first cell.
    """
    t = t.strip()
    if t.startswith("|") and markdown:
        t = t[1:]
    if t.endswith("|"):
        t = t[:-1]
    return [c.strip() for c in t.split("|")]
