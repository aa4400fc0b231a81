"""Normalisation of the raw text before parsing (chuẩn hóa văn bản trước khi phân tích).

Each step is a small function on the whole text, applied in order by ``normalize_text``:

- ``strip_html``: HTML tables and tags some converters leave in Markdown become pipe rows and
  lines.
- ``unescape_markdown``: converters that export Markdown escape the punctuation of symbols
  ("20\\-NQ/TW", "1\\. Mục tiêu") and write links and HTML entities; the parser wants the text as
  printed. (``layout`` already removes ``**bold**``, ``#`` heading marks and table separators.)
- ``join_spaced_letters``: OCR of a letter-spaced header reads "B Ộ T À I CHÍNH": runs of single
  letters are glued back and cut into Vietnamese syllables ("BỘ TÀI CHÍNH").
- ``repair_labels``: OCR misreads of item labels at the start of a line: "1-"/"l."/"HI-" for a
  Roman "I."/"III." among Roman headings, "8)" for "a)" before a "b)", "đ)" read for "d)" after
  "c)" (and the reverse after "d)").

Every step is linear in the text and leaves a text without the defect unchanged.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = [
    "join_spaced_letters",
    "normalize_text",
    "repair_labels",
    "segment_syllables",
    "strip_html",
    "unescape_markdown",
]

# ----------------------------------------------------------------------------- markdown

_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>~=|])")
_MD_HARD_BREAK_RE = re.compile(r"(?<!\\)\\[ \t]*$", re.MULTILINE)
_MD_LINK_RE = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\s]{0,500}\)")
_ENTITY_RE = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,5}|#x[0-9a-fA-F]{1,4});")


def unescape_markdown(text: str) -> str:
    """Undo Markdown escapes (``\\-`` → ``-``), links (``[text](url)`` → text) and HTML entities.

    An escaped pipe stays a pipe character inside its cell but is written "/" so that it does
    not split the table row.
    """
    if "\\" in text:
        text = text.replace("\\|", "/")
        text = _MD_HARD_BREAK_RE.sub("", text)  # CommonMark hard line break: "\" at line end
        text = _MD_ESCAPE_RE.sub(r"\1", text)
    if "](" in text:
        text = _MD_LINK_RE.sub(r"\1", text)
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)).replace("\u00a0", " "), text)
    return text


_HTML_TAG_RE = re.compile(
    r"<(/?)(p|div|span|strong|b|em|i|u|sup|sub|table|thead|tbody|tfoot|tr|td|th|h[1-6]|ul|ol|li"
    r"|font|a|center|section|article)\b[^<>]{0,300}>",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 table thead tbody tfoot ul ol center section".split()
)


def _html_tag(m: re.Match[str]) -> str:
    closing, tag = m.group(1) == "/", m.group(2).lower()
    if tag == "tr":
        return "\n" if closing else "\n| "
    if tag in ("td", "th"):
        return " | " if closing else ""
    if tag == "li":
        return "" if closing else "\n- "
    if tag in _BLOCK_TAGS:
        return "\n"
    return ""


def strip_html(text: str) -> str:
    """HTML left by converters (tables as ``<table><tr><td>``, ``<p>``, ``<strong>``): rows become
    pipe rows ("| a | b |"), list items dash items, block ends line ends; other tags vanish."""
    if "<" not in text or not _HTML_TAG_RE.search(text):
        return text
    text = _HTML_TAG_RE.sub(_html_tag, text)
    # rows of one table stay on consecutive lines (a blank line would end the table)
    return _ROW_GAP_RE.sub("|\n", text)


_ROW_GAP_RE = re.compile(r"\|[ \t]*\n(?:[ \t]*\n)+(?=[ \t]*\|)")


# ----------------------------------------------------------------------------- letter spacing

_ONSETS = "ngh ng nh ch gh gi kh ph qu th tr b c d g h k l m n p r s t v x".split()
# vowel nuclei (folded: ă â → a, ê → e, ô ơ → o, ư → u), with the glide codas i/o/u/y included
_NUCLEI = frozenset(
    (
        "a e i o u y ai ao au ay eo eu ia iu oa oe oi ua ue ui uo uy ie ieu ye yeu uu oai oay oeo "
        "uoi uou uya uye uyu uay ua uu ieu"
    ).split()
)
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch.lower())[0]
    return "d" if base == "đ" else base


def _tone_count(chars: str) -> int:
    return sum(1 for ch in chars for c in unicodedata.normalize("NFD", ch) if c in _TONES)


def _onset_fits(onset: str, rest: str) -> bool:
    """Spelling rules: "ngh"/"gh"/"k" only before e/i/y, "ng"/"g"/"c" never before e/i."""
    front = rest[:1] in ("e", "i", "y")
    if onset in ("ngh", "gh", "k"):
        return front
    if onset in ("ng", "g", "c"):
        return not front
    return True


def _is_syllable(orig: str, folded: str) -> tuple[bool, bool]:
    """(valid syllable, has onset) of one candidate piece."""
    if _tone_count(orig) > 1:
        return False, False
    onset = ""
    for o in _ONSETS:
        if folded.startswith(o) and len(folded) > len(o):
            onset = o
            break
    for ons in [onset, ""] if onset else [""]:
        rest = folded[len(ons) :]
        if not _onset_fits(ons, rest):
            continue
        for coda in _CODAS:
            if coda and not rest.endswith(coda):
                continue
            nucleus = rest[: len(rest) - len(coda)] if coda else rest
            if nucleus in _NUCLEI:
                return True, bool(ons)
    return False, False


def segment_syllables(letters: str) -> list[str] | None:
    """Cut a run of letters without spaces ("BỘTÀI") into Vietnamese syllables (["BỘ", "TÀI"]),
    or ``None`` when no cut makes every piece a syllable.

    Dynamic programming over cut points: fewest syllables, and among those the fewest without an
    onset consonant (a consonant between two vowels opens the next syllable: "BỘ TÀI", not
    "BỘT ÀI").
    """
    n = len(letters)
    if n == 0 or n > 200:
        return None
    folded = "".join(_fold_char(c) for c in letters)
    inf = (10**6, 10**6)
    best: list[tuple[int, int]] = [inf] * (n + 1)
    back = [-1] * (n + 1)
    best[0] = (0, 0)
    for j in range(1, n + 1):
        for i in range(max(0, j - 7), j):
            if best[i] == inf:
                continue
            ok, onset = _is_syllable(letters[i:j], folded[i:j])
            if not ok:
                continue
            cand = (best[i][0] + 1, best[i][1] + (0 if onset else 1))
            if cand < best[j]:
                best[j], back[j] = cand, i
    if best[n] == inf:
        return None
    out: list[str] = []
    j = n
    while j > 0:
        out.append(letters[back[j] : j])
        j = back[j]
    return out[::-1]


# single letters separated by one space ("B Ộ T À I"); a double space is a word gap
_SPACED_RUN_RE = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] )+[^\W\d_](?![^\W\d_])")
_LONG_RUN_RE = re.compile(r"(?:^|\s)[^\W\d_] [^\W\d_] [^\W\d_](?:\s|$)")


def _join_run(m: re.Match[str]) -> str:
    run = m.group(0)
    letters = run.replace(" ", "")
    if len(letters) == 2 and not letters.isupper():
        return run
    if not letters.isupper() and not letters.islower():
        return run
    pieces = segment_syllables(letters)
    return " ".join(pieces) if pieces else run


def join_spaced_letters(text: str) -> str:
    """Glue OCR letter-spaced words back: "B Ộ T À I CHÍNH" → "BỘ TÀI CHÍNH".

    Only runs of at least three single letters of one case are touched, and only when the glued
    letters cut into valid syllables; words kept apart by two or more spaces stay apart.
    """
    if not _LONG_RUN_RE.search(text):
        return text
    out = []
    for line in text.split("\n"):
        # a two-letter run ("B Ộ  T À I") is glued only on a line that has a longer run
        if len(line) < 2000 and _LONG_RUN_RE.search(line):
            line = _SPACED_RUN_RE.sub(_join_run, line)
        out.append(line)
    return "\n".join(out)


# ----------------------------------------------------------------------------- labels

_ROMAN_VALUES = {
    r: i + 1
    for i, r in enumerate(
        "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
    )
}
_ROMAN_LINE_RE = re.compile(r"^(\s*)([IVX]{1,5})\s*[.)\-–]\s*(?=\S)")
# OCR'd Roman labels: digits 1/l/|/! for I, H for II ("HI" = III), then "." / "-" / ")"
_OCR_ROMAN_RE = re.compile(r"^(\s*)([1lI|!HVX]{1,5})\s*[.)\-–,]\s*(?=[^\W\d_])")
_LETTER_LINE_RE = re.compile(r"^(\s*)([a-zđ8])\s*\)\s*")


def _ocr_roman(tok: str) -> str:
    return (
        tok.replace("H", "II")
        .replace("1", "I")
        .replace("l", "I")
        .replace("|", "I")
        .replace("!", "I")
    )


def _heading_upper(rest: str) -> bool:
    letters = [c for c in rest[:60] if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def repair_labels(text: str) -> str:
    """Repair OCR misreads of section labels at line starts (see the module docstring)."""
    lines = text.split("\n")
    _repair_roman(lines)
    _repair_letters(lines)
    return "\n".join(lines)


def _repair_roman(lines: list[str]) -> None:
    """Upper-case headings whose label reads as a Roman numeral after OCR repair, in a document
    that has genuine Roman headings, get the expected next Roman number."""
    genuine = 0
    for ln in lines:
        m = _ROMAN_LINE_RE.match(ln)
        if m and m.group(2) in _ROMAN_VALUES and _heading_upper(ln[m.end() :]):
            genuine += 1
    if not genuine:
        return
    expected = 1
    for k, ln in enumerate(lines):
        m = _OCR_ROMAN_RE.match(ln)
        if not m or not _heading_upper(ln[m.end() :]):
            continue
        tok = m.group(2)
        value = _ROMAN_VALUES.get(_ocr_roman(tok), 0)
        if tok in _ROMAN_VALUES and ln[m.end(2) :].lstrip()[:1] in ".)":
            expected = _ROMAN_VALUES[tok] + 1
            continue
        digits_only = not re.search(r"[lIH|!VX]", tok)
        if digits_only and ln[m.end(2) :].lstrip()[:1] not in "-–":
            continue  # "1." is an arabic heading; only "1-" may be an OCR'd "I."
        if value and value == expected:
            roman = _ocr_roman(tok)
            lines[k] = f"{m.group(1)}{roman}. {ln[m.end() :]}"
            expected = value + 1
        elif tok in _ROMAN_VALUES:
            expected = _ROMAN_VALUES[tok] + 1


def _repair_letters(lines: list[str]) -> None:
    """Labels: "8)" → "a)" when a "b)" follows before the next "a)"; "đ)" after "c)" → "d)";
    a second "d)" right after "d)" → "đ)"."""
    prev = ""  # last letter label seen
    for k, ln in enumerate(lines):
        m = _LETTER_LINE_RE.match(ln)
        if not m:
            continue
        lab = m.group(2)
        new = lab
        if lab == "8":
            new = "a" if _b_follows(lines, k) else ""
        elif lab == "đ" and prev == "c":
            new = "d"
        elif lab == "d" and prev == "d":
            new = "đ"
        if not new:
            continue
        if new != lab:
            lines[k] = f"{m.group(1)}{new}) {ln[m.end() :]}"
        prev = new


def _b_follows(lines: list[str], k: int) -> bool:
    for ln in lines[k + 1 : k + 60]:
        m = _LETTER_LINE_RE.match(ln)
        if m:
            return m.group(2) == "b"
    return False


# ----------------------------------------------------------------------------- pipeline


def normalize_text(text: str) -> str:
    """All normalisation steps, in order."""
    text = unescape_markdown(strip_html(text))
    text = join_spaced_letters(text)
    return repair_labels(text)
