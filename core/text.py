"""Vietnamese-aware text helpers used for search and matching."""

from __future__ import annotations

import unicodedata

# đ/Đ are separate letters, not d + a combining mark, so NFD does not strip them: fold explicitly.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and fold đ → d, so "Đà Lạt" and "da lat" compare equal."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
