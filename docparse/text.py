"""Small text helpers shared by the parser modules and by the Django side (search).

Everything here works on a single string and knows nothing of document structure: Unicode
normalisation, whitespace, accent folding, the "is this line in capitals" test that administrative
documents use to set headings apart, and turning a day/month/year triple into an ISO date.
"""

from __future__ import annotations

import re
import unicodedata

_WS_RE = re.compile(r"\s+")

# Old ("hoà", "uỷ") vs new ("hòa", "ủy") tone placement: map the old-style
# syllable nuclei to the new style so that both spellings compare equal.
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile(
    "(?<![qQ])(" + "|".join(sorted(_TONE_PAIRS, key=len, reverse=True)) + ")(?![a-zA-Zà-ỹ])",
    re.IGNORECASE,
)


def nfc(s: str) -> str:
    """Unicode NFC normalisation (composed form)."""
    return unicodedata.normalize("NFC", s)


def collapse_ws(s: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS_RE.sub(" ", s).strip()


def normalize_tone_placement(s: str) -> str:
    """Rewrite old-style tone placement ("hoà", "Uỷ") to the new style ("hòa", "Ủy")."""

    def repl(m: re.Match[str]) -> str:
        src = m.group(1)
        dst = _TONE_PAIRS[src.lower()]
        out = []
        for i, ch in enumerate(dst):
            out.append(ch.upper() if i < len(src) and src[i].isupper() else ch)
        return "".join(out)

    return _TONE_RE.sub(repl, s)


def fold(s: str) -> str:
    """Fold text for matching: lower-case, strip diacritics, đ -> d, collapse spaces.

    Idempotent: ``fold(fold(x)) == fold(x)``.
    """
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("đ", "d").replace("Đ", "d")
    s = unicodedata.normalize("NFC", s)
    return collapse_ws(s)


def is_upper(s: str) -> bool:
    """True when at least 80 % of the letters (two or more) are capitals.

    Headers, kind lines, top-level headings and signature titles are printed in capitals; the
    tolerance absorbs OCR noise and a stray lower-case word.
    """
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(1 for c in letters if c.isupper()) / len(letters) >= 0.8


def iso_date(d: str | None, m: str | None, y: str | None) -> str | None:
    """ISO date ("YYYY-MM-DD") from day, month, year strings (inner spaces tolerated), or ``None``.

    A blank day or month (an undated draft: "ngày   tháng 3 năm 2026") or an impossible value
    gives ``None`` rather than a guess.
    """
    if not (d and m and y):
        return None
    try:
        di, mi, yi = int(d.replace(" ", "")), int(m.replace(" ", "")), int(y)
    except ValueError:
        return None
    if not (1 <= di <= 31 and 1 <= mi <= 12 and 1900 <= yi <= 2100):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"
