"""Small text helpers shared by the parser and by the Django side (search)."""

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
